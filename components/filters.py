"""The global filters (lead officer, as-at date, board mode), bound to the URL query string.

They are drawn once, in the sidebar, by app.py; pages read them with `current_filters()`.
Binding them to the URL makes a filtered view a link you can send, and keeps it across pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st

from readiness.plan_data import PlanData

TODAY_KEY = "_today"


@dataclass(frozen=True)
class Filters:
    lead: str | None
    as_at: date
    board: bool
    today: date


def render_global_filters(plan: PlanData | None, today: date) -> Filters:
    """Draw the sidebar filters and return their values."""
    st.session_state[TODAY_KEY] = today
    with st.sidebar:
        st.selectbox(
            "Lead officer",
            plan.lead_names if plan else [],
            index=None,
            placeholder="Everyone",
            key="lead",
            bind="query-params",
            help="Show only the actions this person leads (as service lead or other lead).",
        )
        st.date_input(
            "As at",
            value=today,
            key="as_at",
            bind="query-params",
            format="DD/MM/YYYY",
            help="Judge the plan as it stood on this date: overdue, due soon and stale are "
            "counted from it.",
        )
        st.toggle(
            "Board mode",
            key="board",
            bind="query-params",
            help="Larger text for a shared screen in a board room.",
        )
    return current_filters()


def current_filters() -> Filters:
    """The filters as the sidebar set them on this run."""
    state = st.session_state
    today = state.get(TODAY_KEY) or date.today()
    return Filters(
        lead=state.get("lead"),
        as_at=state.get("as_at") or today,
        board=bool(state.get("board")),
        today=today,
    )
