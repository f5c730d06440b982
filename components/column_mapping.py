"""The mapping step of the Data page: the columns found on a plan's heading row (those with no
heading shown as "Column D (no heading)"), each with the field it holds, for the user to say what
the importer could not tell (or read otherwise).

The choice is read back as a readiness.plan.importing.mapping.ColumnMap; the importer then reads the
file with it and, once the plan is stored, remembers it for files with the same headings.
"""

from __future__ import annotations

import streamlit as st

from components.safe_text import md
from readiness.plan.importing.mapping import (
    FIELD_LABELS,
    FIELDS,
    IGNORE,
    ColumnMap,
    FoundHeadings,
    MapError,
)

OPTIONS = (IGNORE, *FIELDS)
_PER_LINE = 3
NEEDED = "an action and its lead, and a recommendation or a ref"


def _where(found: FoundHeadings) -> str:
    """ "of table 2" or 'of sheet "Plan"', already made safe for Markdown."""
    if found.sheet is None:
        return ""
    if found.file.lower().endswith(".docx"):
        return f" of {md(found.sheet.lower())}"
    return f' of sheet "{md(found.sheet)}"'


def mapping_form(found: FoundHeadings, key: str) -> ColumnMap | None:
    """The form; returns the user's mapping on the run the button was pressed, else None."""
    st.markdown(
        f"**What each column holds**, by the headings on row {found.row}{_where(found)} (a "
        "column with no heading by its letter). "
        f"A plan needs {NEEDED}; the first value under each heading is shown to help. Several "
        "columns may hold progress notes: each is a note of its own."
    )
    with st.form(key, border=True):
        chosen: list[str] = []
        for start in range(0, len(found.headings), _PER_LINE):
            cells = st.columns(_PER_LINE)
            for offset, cell in enumerate(cells[: len(found.headings) - start]):
                index = start + offset
                with cell:
                    chosen.append(
                        st.selectbox(
                            md(found.headings[index], 80),
                            OPTIONS,
                            index=OPTIONS.index(found.read_as[index] or IGNORE),
                            format_func=FIELD_LABELS.__getitem__,
                            key=f"{key}_{index}",
                        )
                    )
                    example = found.examples[index]
                    st.caption(f"First value: {md(example)}" if example else "First value: blank")
        pressed = st.form_submit_button("Read the file with these columns", type="primary")
    if not pressed:
        return None
    try:
        return found.mapping(chosen)
    except MapError as error:
        st.error(md(str(error)), icon=":material/error:")
        return None
