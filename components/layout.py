"""Page furniture shared by every page: the heading line, board mode, the no-plan message."""

from __future__ import annotations

import streamlit as st

from components import data
from components.filters import Filters, current_filters
from readiness.plan_data import PlanData
from readiness.rag import format_date
from readiness.status import PlanStatus

PAGE_CSS = """
<style>
/* Less empty space above the page title, so more of the board fits on one screen. */
[data-testid="stMainBlockContainer"] { padding-top: 2.5rem; }
</style>
"""
BOARD_CSS = """
<style>
/* Board mode: readable from the back of a board room. */
[data-testid="stMain"] { zoom: 1.35; }
[data-testid="stMain"] .rag-badge { font-size: 1.15em !important; }
</style>
"""


def apply_board_mode(filters: Filters) -> None:
    """Page spacing, and in board mode larger text for a wall screen."""
    st.html(PAGE_CSS + (BOARD_CSS if filters.board else ""))


def plan_caption(plan: PlanData, status: PlanStatus, council_name: str = "") -> None:
    """Who, what and when: council, plan, as-at date, framework, and the lead filter if any."""
    st.caption(
        f"{council_name or plan.council or ''} · {plan.title} · as at "
        f"**{format_date(status.as_at)}** · {status.framework.name}"
    )
    if status.lead:
        st.info(
            f"Showing only the **{len(status.actions)}** of {status.total_actions} actions led by "
            f"**{status.lead}**. Clear *Lead officer* in the sidebar to see everyone's.",
            icon=":material/person:",
        )


def page_start(title: str) -> tuple[Filters, PlanData, PlanStatus]:
    """Every page's opening: title, filters, the plan's status and its caption (or a stop)."""
    filters = current_filters()
    apply_board_mode(filters)
    st.title(title)
    plan = data.current_plan(filters.today)
    if plan is None:
        no_plan_message()
        st.stop()
    status = data.current_status(plan, filters.as_at, filters.lead)
    plan_caption(plan, status, data.get_settings().branding.council_name)
    return filters, plan, status


def no_plan_message() -> None:
    st.warning(
        "No improvement plan is stored in this database yet. Load the demo with "
        "`python -m readiness init --demo`, or point the app at your council's database "
        "(see the README, *Loading your own data*).",
        icon=":material/warning:",
    )
