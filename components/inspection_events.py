"""The council's own inspection events on the Inspection page: the table, a form to add one and a
way to remove one. Each change is saved in a widget callback, before the page is drawn again, so
the prediction above the form already counts it."""

from __future__ import annotations

from datetime import date

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from components import data
from components.errors import refused
from components.inspection_panels import AREA_ORDER
from components.layout import when_opened
from components.remove_form import remove_form
from components.signin import acting_person
from components.tables import Col, show_table
from readiness.access.roles import Change, Refused
from readiness.framework import AREA_SHORT_LABELS
from readiness.inspection.event_checks import event_problems
from readiness.inspection.events import EVENT_KINDS, GRADE_LABELS, GRADES
from readiness.plan.input import EventInput
from readiness.text import NAME_MAX, format_date

EVENT_COLUMNS = (
    Col("kind", "Event"),
    Col("start", "Fieldwork started", "date"),
    Col("end", "Fieldwork ended", "date"),
    Col("published", "Report published", "date", 2),
    Col("theme", "Theme", "long"),
    Col("grades", "Grades", "long"),
    Col("lead_inspector", "Lead inspector", priority=2),
)
NOT_GRADED = "not graded"
# The earliest fieldwork a council might enter: its last inspection under the single inspection
# framework, which began in November 2013.
FIRST_DAY = date(2013, 11, 1)


def _grade_words(grades: dict[str, str]) -> str:
    """Every judgement with its grade, overall effectiveness first; one a line in a table."""
    order = list(AREA_ORDER)
    areas = sorted(grades, key=lambda a: order.index(a) if a in order else len(order))
    return "\n".join(
        f"{AREA_SHORT_LABELS.get(a, a)}: {GRADE_LABELS.get(grades[a], grades[a])}" for a in areas
    )


def _describe(kind: str, start: date | None) -> str:
    return f"{EVENT_KINDS[kind]} from {format_date(start)}"


def show_own_events(council: data.CouncilInspections, today: date, key_prefix: str) -> None:
    """The council's own events, oldest first, with the forms to add and remove one."""
    if council.own:
        rows = [
            {
                "kind": EVENT_KINDS[e.kind],
                "start": e.start,
                "end": e.end,
                "published": e.published,
                "theme": e.theme,
                "grades": _grade_words(e.grades),
                "lead_inspector": e.lead_inspector,
            }
            for _id, e in council.own
        ]
        show_table(rows, EVENT_COLUMNS, key=f"{key_prefix}_table")
    else:
        st.info(
            "No inspection or visit of the council is entered yet. Add its last full inspection "
            "below: the prediction counts from it.",
            icon=":material/info:",
        )
    if not acting_person().may(Change.EVENTS):
        return
    # Full width: half a laptop's page cuts the dates short and wraps the judgements' names.
    when_opened(
        "Add an inspection or visit",
        f"{key_prefix}_adding",
        lambda: _add_form(today, key_prefix),
        expanded=not council.own,
    )
    if council.own:
        when_opened(
            "Remove an inspection or visit",
            f"{key_prefix}_removing",
            lambda: _remove_form(council, key_prefix),
        )
    not_done = st.session_state.pop(f"{key_prefix}_refused", None)
    if not_done:
        st.error(not_done, icon=":material/error:")


def _add_form(today: date, key_prefix: str) -> None:
    with st.form(f"{key_prefix}_add"):
        st.selectbox(
            "Kind", list(EVENT_KINDS), format_func=EVENT_KINDS.get, key=f"{key_prefix}_kind"
        )
        start, end, published = st.columns(3)
        # Empty until chosen: a date filled in for the user would be saved unnoticed.
        for column, label, name in (
            (start, "Fieldwork started", "start"),
            (end, "Fieldwork ended (optional)", "end"),
            (published, "Report published (optional)", "published"),
        ):
            column.date_input(
                label,
                value=None,
                min_value=FIRST_DAY,
                max_value=today,
                format="DD/MM/YYYY",
                key=f"{key_prefix}_{name}",
            )
        theme, lead = st.columns(2)
        theme.text_input("Theme (a visit's)", max_chars=NAME_MAX, key=f"{key_prefix}_theme")
        lead.text_input("Lead inspector", max_chars=NAME_MAX, key=f"{key_prefix}_lead")
        st.markdown("**Grades** (full inspections only)")
        for first in range(0, len(AREA_ORDER), 3):
            for column, area in zip(st.columns(3), AREA_ORDER[first : first + 3], strict=False):
                column.selectbox(
                    AREA_SHORT_LABELS[area],
                    [NOT_GRADED, *GRADES],
                    format_func=lambda g: GRADE_LABELS.get(g, "Not graded"),
                    key=f"{key_prefix}_grade_{area}",
                )
        st.form_submit_button("Add", type="primary", on_click=_add, args=(key_prefix,))


def _add(key_prefix: str) -> None:
    state = st.session_state
    kind = state[f"{key_prefix}_kind"]
    grades = {
        area: state[f"{key_prefix}_grade_{area}"]
        for area in AREA_ORDER
        if state[f"{key_prefix}_grade_{area}"] != NOT_GRADED
    }
    start = state[f"{key_prefix}_start"]
    event = None
    if start is not None:
        event = EventInput(
            event_type=kind,
            fieldwork_start=start,
            fieldwork_end=state[f"{key_prefix}_end"],
            published=state[f"{key_prefix}_published"],
            grades=grades,
            theme=state[f"{key_prefix}_theme"].strip() or None,
            lead_inspector=state[f"{key_prefix}_lead"].strip() or None,
        )
    problems = ["Give the first day of fieldwork."] if event is None else event_problems(event)
    if problems:
        state[f"{key_prefix}_refused"] = "Nothing was added:\n\n" + "\n".join(
            f"- {p}" for p in problems
        )
        return
    try:
        data.store().add_own_event(event, by=acting_person())
    except Refused as error:
        state[f"{key_prefix}_refused"] = str(error)
        return
    except SQLAlchemyError as error:
        state[f"{key_prefix}_refused"] = refused("Nothing was added", error)
        return
    # A saved entry empties the form, ready for the next; a refused one stays to be put right.
    for name in (
        "kind",
        "start",
        "end",
        "published",
        "theme",
        "lead",
        *(f"grade_{a}" for a in AREA_ORDER),
    ):
        del state[f"{key_prefix}_{name}"]
    data.refresh_inspection()
    st.toast(f"Added: {_describe(kind, start)}.", icon=":material/task_alt:")


def _remove_form(council: data.CouncilInspections, key_prefix: str) -> None:
    remove_form(
        "Event",
        {event_id: _describe(event.kind, event.start) for event_id, event in council.own},
        key_prefix,
        "Remove",
        lambda event_id: data.store().remove_own_event(event_id, by=acting_person()),
        data.refresh_inspection,
    )
