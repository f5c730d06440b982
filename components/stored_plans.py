"""The Data page's list of stored plans: which one everyone sees, and switching back to another.

Storing a file as a new plan makes it the current one; the plans before it are kept, unchanged,
so an editor can make one of them current again.
"""

from __future__ import annotations

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from components import data
from components.errors import show_refused
from components.safe_text import LABEL_LIMIT, md
from components.signin import acting_person
from components.tables import Col, show_table
from readiness.access.roles import Change
from readiness.plan.records import PlanSummary
from readiness.text import format_date, plural

COLUMNS = (
    Col("shown", "Shown to everyone"),
    Col("title", "Plan", "long"),
    Col("council", "Council"),
    Col("stored", "Stored on", priority=2),
    Col("actions", "Actions", "number"),
)


def _describe(plan: PlanSummary) -> str:
    stored = format_date(plan.stored_on) or "earlier"
    return (
        f"{plan.title} ({plan.council or 'no council'}, {plural(plan.actions, 'action')}, {stored})"
    )


# Every write to a plan in the app reads the current plan afresh (components.data.refresh_plan),
# and one written elsewhere is read within the plan's minute: each read has a new load number,
# so the list kept for a load is the list as stored then. The store is fetched only on a miss,
# so a rerun's look-up hashes the load number alone.
@st.cache_resource(max_entries=4)
def _stored(load: int) -> tuple[PlanSummary, ...]:
    return tuple(data.store().stored_plans())


def show_stored_plans() -> None:
    plans = _stored(data.current_plan().load)
    if not plans:
        st.caption("No plan is stored yet.")
        return
    rows = [
        {
            "shown": "✔ Current" if p.current else "",
            "title": p.title,
            "council": p.council or "",
            "stored": format_date(p.stored_on) or "before this was recorded",
            "actions": p.actions,
        }
        for p in plans
    ]
    show_table(rows, COLUMNS, key="data_plans")
    others = [p for p in plans if not p.current]
    if not others or not acting_person().may(Change.CURRENT_PLAN):
        return
    with st.form("data_switch"):
        chosen = st.selectbox(
            "Make another stored plan the one everyone sees",
            others,
            format_func=_describe,
            key="data_switch_plan",
        )
        if st.form_submit_button("Make it current"):
            try:
                data.store().make_current(chosen.id, by=acting_person())
            except SQLAlchemyError as error:
                show_refused("The plan shown was not changed", error)
                return
            data.refresh_plan()
            st.toast(
                f"“{md(chosen.title, LABEL_LIMIT)}” is now the plan everyone sees.",
                icon=":material/task_alt:",
            )
            st.rerun()
