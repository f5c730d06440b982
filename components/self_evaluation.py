"""The Self-evaluation page's parts: each judgement area's generated strengths and priorities,
with where each came from and the evidence behind it (a table under "How we know"), the
leaders' narrative under Ofsted's three questions, and, for editors, the forms that write them
(readiness.self_evaluation: a person's words are kept with their name and date, and no
regeneration overwrites them)."""

from __future__ import annotations

import html

import streamlit as st

from components import data
from components.layout import when_opened
from components.safe_text import md
from components.tables import Col, table_html
from readiness.access.roles import Person, Refused
from readiness.self_evaluation.document import (
    PRIORITY,
    QUESTIONS,
    AreaSection,
    Evidence,
    Line,
)
from readiness.text import format_date, plural

# Never by colour alone: each line's kind is a word with its own mark.
KIND_MARKS = {"strength": ("✔ Strength", "#00703c"), PRIORITY: ("▲ Priority", "#a3400c")}
SEF_CSS = """
<style>
.sef-line { margin: 0.35rem 0 0.6rem; }
.sef-kind { font-weight: 700; white-space: nowrap; margin-right: 0.4rem; }
.sef-source { font-size: 0.88rem; color: #505a5f; }
.sef-line details summary { cursor: pointer; font-size: 0.9rem; color: #1d70b8; }
</style>
"""


# A big plan's lines and tables are long: the page shows so many of each, and says where the
# rest are (a 10,000-action plan's self-evaluation took 344 ms a page; the documents hold all).
LINES_SHOWN, ROWS_SHOWN = 40, 50


def _evidence_html(evidence: Evidence) -> str:
    columns = tuple(
        Col(f"c{i}", name, "long" if i in (0, len(evidence.columns) - 1) else "text")
        for i, name in enumerate(evidence.columns)
    )
    shown = evidence.rows[:ROWS_SHOWN]
    rows = [{f"c{i}": cell for i, cell in enumerate(row)} for row in shown]
    more = len(evidence.rows) - len(shown)
    caption = (
        f"The first {len(shown)} rows; the Word and PDF documents hold all {len(evidence.rows)}."
    )
    return table_html(rows, columns, caption if more else "")


def line_html(line: Line) -> str:
    """One line: its kind in words, its text, where it came from, who edited it, and the
    evidence behind it folded under "How we know" (plain HTML: no widget per line)."""
    word, colour = KIND_MARKS[line.kind]
    said = html.escape(line.text)
    source = f"From: {html.escape(line.source)}"
    if line.edited_by:
        source += (
            f" · edited by {html.escape(line.edited_by)} on {format_date(line.edited_on)} "
            f"(generated: “{html.escape(line.generated or '')}”)"
        )
    how = (
        f"<details><summary>How we know: {len(line.evidence.rows)} rows of evidence</summary>"
        f"{_evidence_html(line.evidence)}</details>"
        if line.evidence
        else ""
    )
    return (
        f'<div class="sef-line user-text"><span class="sef-kind" style="color:{colour}">'
        f"{word}</span>{said}<div class='sef-source'>{source}</div>{how}</div>"
    )


def _lines(title: str, lines: tuple[Line, ...], none: str, key: str) -> None:
    st.markdown(f"**{title}** ({len(lines)})")
    if not lines:
        st.caption(none)
        return
    if len(lines) > LINES_SHOWN and not st.toggle(f"Show all {len(lines)}", key=key):
        st.caption(f"The first {LINES_SHOWN} are shown; the Word and PDF documents hold all.")
        lines = lines[:LINES_SHOWN]
    st.html(SEF_CSS + "".join(line_html(line) for line in lines))


def _narrative(area: AreaSection) -> None:
    """The leaders' words under each question, with who wrote them and when."""
    for number, question in enumerate(QUESTIONS, start=1):
        said = area.said(number)
        st.markdown(f"**{number}. {question}**")
        if said:
            # Each of the writer's lines kept as a line, every one escaped (md).
            st.markdown("  \n".join(md(part) for part in said.text.splitlines() if part.strip()))
            when = format_date(said.written_on)
            st.caption(f"Leaders' narrative, written by {md(said.author)} on {when}")
        else:
            st.caption("Leaders' narrative: not yet written.")


def _write(what: str, write) -> None:
    """Run a write; say what happened, or why it was refused."""
    try:
        write()
    except (Refused, ValueError) as error:
        st.error(str(error), icon=":material/error:")
        return
    st.toast(what, icon=":material/check:")


def _narrative_form(area: AreaSection, person: Person) -> None:
    store = data.store()
    with st.form(f"sef_narrative_{area.code}", border=False):
        given = {}
        for number, question in enumerate(QUESTIONS, start=1):
            said = area.said(number)
            given[number] = st.text_area(
                f"{number}. {question}",
                value=said.text if said else "",
                key=f"sef_text_{area.code}_{number}",
                height=110,
            )
        if st.form_submit_button("Save the narrative", icon=":material/save:"):
            for number, text in given.items():
                was = area.said(number)
                if text.strip() != (was.text if was else ""):
                    _write(
                        "Narrative saved",
                        lambda n=number, t=text: store.write_narrative(area.code, n, t, by=person),
                    )
            st.rerun()


def _edit_form(area: AreaSection, person: Person) -> None:
    """Change a generated line's words, leave it out, or put it back as generated."""
    store = data.store()
    lines = {line.key: line for line in (*area.strengths, *area.priorities)}
    left_out = {line.key: line for line in area.left_out}
    choices = list(lines) + list(left_out)
    if not choices:
        st.caption("No generated lines in this area.")
        return

    def label(key: str) -> str:
        line = lines.get(key) or left_out[key]
        mark = " (left out)" if key in left_out else ""
        return f"{KIND_MARKS[line.kind][0]}{mark}: {line.text[:90]}"

    key = st.selectbox("Line", choices, format_func=label, key=f"sef_pick_{area.code}")
    line = lines.get(key) or left_out[key]
    generated = line.generated or line.text
    with st.form(f"sef_edit_{area.code}", border=False):
        words = st.text_area("Words", value=line.text, key=f"sef_words_{area.code}_{key}")
        save, leave, back = st.columns(3)
        if save.form_submit_button("Save the words", icon=":material/save:"):
            if not words.strip():
                st.error("Give the line's words, or choose Leave it out.", icon=":material/error:")
                return
            _write("Line saved", lambda: store.edit_line(key, words, generated, by=person))
            st.rerun()
        if leave.form_submit_button("Leave it out", icon=":material/visibility_off:"):
            _write("Line left out", lambda: store.edit_line(key, None, generated, by=person))
            st.rerun()
        if back.form_submit_button("Put back as generated", icon=":material/undo:"):
            _write("Line put back", lambda: store.edit_line(key, "", generated, by=person))
            st.rerun()


def _history(area: AreaSection) -> None:
    store = data.store()
    for number in range(1, len(QUESTIONS) + 1):
        versions = store.narrative_history(area.code, number)
        for said in versions[1:]:
            st.caption(f"Question {number}, by {md(said.author)} on {format_date(said.written_on)}")
            st.text(said.text)
    st.caption("Only the latest words of each question are shown above; earlier ones stay here.")


def show_area(area: AreaSection, person: Person, editable: bool) -> None:
    """One judgement area: the generated lines, the narrative and, for editors, the forms."""
    with st.container(border=True):
        st.subheader(area.title)
        none = "drawn from the plan or the indicators."
        _lines("Strengths", area.strengths, f"No strength {none}", f"sef_all_s_{area.code}")
        _lines("Priorities", area.priorities, f"No priority {none}", f"sef_all_p_{area.code}")
        if area.left_out:
            st.caption(f"{plural(len(area.left_out), 'generated line')} left out by a person.")
        _narrative(area)
        if editable:
            when_opened(
                "Write the leaders' narrative",
                f"sef_open_narrative_{area.code}",
                lambda: _narrative_form(area, person),
            )
            when_opened(
                "Edit a generated line",
                f"sef_open_edit_{area.code}",
                lambda: _edit_form(area, person),
            )
        when_opened(
            "Earlier versions of the narrative",
            f"sef_open_history_{area.code}",
            lambda: _history(area),
        )
