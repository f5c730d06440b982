"""The import journey on the Data page: upload, read with a progress bar, show every problem or a
preview of what changes, and store only when the user confirms."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from components import data
from components.column_mapping import mapping_form
from components.errors import show_refused
from components.safe_text import md
from components.signin import acting_person
from components.tables import Col, show_table
from readiness.plan.importing import ImportFailed, ImportResult, read_plan
from readiness.plan.importing.mapping import ColumnMap
from readiness.plan.input import PlanInput
from readiness.plan.sync.apply import PlanChangedError
from readiness.text import NAME_MAX, TITLE_MAX, one_line, plural, visible

RESULT_KEY = "_import_result"
PREVIEW_KEY = "_import_preview"
MAPPING_KEY = "_import_mapping"  # (upload's file id, the ColumnMap the user chose for it)


def _read(
    upload, sheet: str | None, imported_on: date, mapping: ColumnMap | None, split_lines: bool
) -> ImportResult | ImportFailed:
    """Read the uploaded file under its own name (so messages name it), with a progress bar."""
    bar = st.progress(0.0, text="Reading the file…")

    def progress(done: int, total: int, stage: str) -> None:
        bar.progress(min(done / total, 1.0) if total else 0.0, text=f"{stage.capitalize()}…")

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(upload.name).name
        path.write_bytes(upload.getvalue())
        try:
            result = read_plan(
                path,
                sheet=sheet or None,
                imported_on=imported_on,
                max_bytes=data.get_settings().imports.max_file_bytes,
                progress=progress,
                mapping=mapping,
                remembered=data.store().column_mappings(),
                split_lines=split_lines,
            )
        except ImportFailed as failed:
            result = failed
    bar.empty()
    return result


PROBLEM_COLUMNS = (
    Col("sheet", "Sheet", priority=2),
    Col("row", "Row", "number"),
    Col("column", "Column"),
    Col("value", "Value found", "long"),
    Col("message", "Problem", "long"),
    Col("fix", "What to do", "long"),
)
CHANGE_COLUMNS = (
    Col("Change", "Change"),
    Col("Ref", "Ref"),
    Col("Theme", "Theme", "long", 2),
    Col("Action", "Action", "long"),
    Col("What changed", "What changed", "long"),
)


def problems_rows(failed: ImportFailed) -> list[dict]:
    return [
        {
            "sheet": p.sheet,
            "row": p.row,
            "column": p.column,
            "value": p.value,
            "message": p.message,
            "fix": p.fix,
        }
        for p in failed.problems
    ]


def _name_the_plan(plan: PlanInput) -> PlanInput:
    """The title and council the user gives (a file's name is rarely the plan's title)."""
    loaded = data.current_plan().plan
    council = data.get_settings().branding.council(loaded.council if loaded else None)
    left, right = st.columns(2)
    title = left.text_input("Plan title", value=plan.title, max_chars=TITLE_MAX, key="data_title")
    council = right.text_input(
        "Council", value=(council or "")[:NAME_MAX], max_chars=NAME_MAX, key="data_council"
    )
    title, council = one_line(visible(title)), one_line(visible(council))
    return replace(plan, title=title or plan.title, council=council or None)


def _remap(file_id: str, mapping: ColumnMap | None) -> None:
    """Read the file again with the mapping the user has just chosen."""
    if mapping is not None:
        st.session_state[MAPPING_KEY] = (file_id, mapping)
        st.rerun()


def import_journey(today: date) -> None:
    """Upload → check → name → preview → confirm → store."""
    max_mb = data.get_settings().imports.max_file_mb
    upload = st.file_uploader(
        f"Improvement plan (.xlsx, .csv or .docx, up to {max_mb} MB)",
        type=["xlsx", "csv", "docx"],
        key="data_upload",
        max_upload_size=max_mb,
    )
    left, right = st.columns(2)
    sheet = left.text_input(
        "Sheet (or Word table, such as Table 2) if not the first with a plan", key="data_sheet"
    )
    as_new = right.checkbox(
        "Store as a new plan, not an update of the stored one", key="data_as_new"
    )
    split_lines = right.checkbox(
        "One action per line, where an action cell holds several", value=True, key="data_split"
    )
    if upload is None:
        for key in (RESULT_KEY, PREVIEW_KEY, MAPPING_KEY):
            st.session_state.pop(key, None)
        return
    mapped = st.session_state.get(MAPPING_KEY)
    mapping = mapped[1] if mapped and mapped[0] == upload.file_id else None
    marker = (upload.file_id, sheet, mapping, split_lines)
    cached = st.session_state.get(RESULT_KEY)
    if not cached or cached[0] != marker:
        result = _read(upload, sheet, today, mapping, split_lines)
        st.session_state[RESULT_KEY] = cached = (marker, result)
    result = cached[1]
    if isinstance(result, ImportFailed):
        st.error(
            f"**{plural(len(result.problems), 'problem')} in {md(upload.name)}. Nothing was "
            "stored.** Fix each one in the file and upload it again"
            + (", or say below what each column holds." if result.headings else "."),
            icon=":material/error:",
        )
        if result.headings:  # the user can put it right here, without editing the file
            _remap(upload.file_id, mapping_form(result.headings[0], "data_mapping"))
        show_table(problems_rows(result), PROBLEM_COLUMNS, key="data_problems")
        return
    st.success(md(result.summary()), icon=":material/task_alt:")
    if result.headings:
        how = "as you mapped them" if result.mapping else "as we read them"
        with st.expander(f"How each column was read ({how}); change it here"):
            _remap(upload.file_id, mapping_form(result.headings, "data_remapping"))
    if result.warnings:
        with st.expander(
            f"{plural(len(result.warnings), 'thing')} to check (the file can still be stored)"
        ):
            for warning in result.warnings:
                st.text(f"• {warning}")
    plan = _name_the_plan(result.plan)
    store = data.store()
    # The preview the user saw is the one drawn on the run before they pressed Store: that, not
    # one worked out afresh on the click, is what the stored plan must still match.
    seen = st.session_state.get(PREVIEW_KEY)
    preview = store.preview_plan_import(plan, as_new_plan=as_new)
    st.session_state[PREVIEW_KEY] = preview
    st.markdown(f"**{md(preview.summary())}**")
    changes = preview.table()
    if not changes.empty:
        show_table(changes, CHANGE_COLUMNS, key="data_preview")
    if st.button("Store this plan", type="primary", key="data_store"):
        try:
            store.import_plan(
                plan,
                today,
                as_new_plan=as_new,
                expected=seen or preview,
                columns=result.mapping_to_remember(),
                by=acting_person(),
            )
        except PlanChangedError as error:
            st.error(str(error), icon=":material/sync_problem:")
            return
        except SQLAlchemyError as error:
            show_refused("The plan was not stored", error)
            return
        data.refresh_plan()
        st.session_state.pop(RESULT_KEY, None)
        st.session_state.pop(PREVIEW_KEY, None)
        st.success(f"Stored. {md(preview.summary())}", icon=":material/task_alt:")
