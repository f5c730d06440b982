"""Page furniture shared by every page: styles, board mode, the heading, what the view shows
(council, plan, as-at date, lead filter) and anything about the link that was ignored."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from components import data
from components.filters import HIDDEN_FILTERS_KEY, Filters, current_filters
from components.safe_text import md
from components.tables import TABLE_CSS
from readiness.plan.records import PlanData
from readiness.plan.status import PlanStatus
from readiness.text import format_date, plural

PAGE_CSS = """
<style>
/* Less empty space above the page title, so more of the board fits on one screen. */
[data-testid="stMainBlockContainer"] { padding-top: 2.5rem; }
ul.colour-key { list-style: none; padding-left: 0; margin: 0; font-size: 0.9rem; }
ul.colour-key li { margin: 0.3rem 0; }
.count-tiles { display: flex; flex-wrap: wrap; gap: 0.75rem; }
.count-tile { border: 1px solid #d8dadc; border-radius: 0.5rem; padding: 0.5rem 0.9rem;
  min-width: 8.5rem; }
.count-label { font-size: 0.9rem; color: #505a5f; }
.count-value { font-size: 2rem; font-weight: 700; line-height: 1.2; }
/* A plan's own text (notes, a long action): a web address with no break in it wraps. */
.user-text { overflow-wrap: anywhere; }
/* Streamlit draws captions at 60% opacity: about 3.7:1 on white, under WCAG AA's 4.5:1. The
   GOV.UK secondary text colour is 7:1. */
[data-testid="stCaptionContainer"] { opacity: 1; color: #505a5f; }
</style>
"""
# Board mode, for a wall screen read from the back of a room: no Streamlit chrome (the header
# with its toolbar, menu and running-man status) and no sidebar, nor the hidden box of URL-bound
# filters (filters.HIDDEN_FILTERS_KEY). Every size in rem follows the root's, which follows the
# screen: 24 px at 1920x1080, and as much smaller on a smaller screen, so each of the board's
# screens still fits it. Captions and metric labels are body text on the wall.
BOARD_CSS = f"""
<style>
html {{ font-size: min(calc(100vh / 45), calc(100vw / 80)); }}
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stStatusWidget"],
[data-testid="stSidebar"], .st-key-{HIDDEN_FILTERS_KEY} {{ display: none !important; }}
[data-testid="stMainBlockContainer"] {{ padding: 0.7rem 1.6rem 0.3rem; max-width: none; }}
[data-testid="stCaptionContainer"], [data-testid="stMetricLabel"] p {{ font-size: 1rem; }}
</style>
"""


def apply_styles(filters: Filters) -> None:
    """Page spacing and table styles, and in board mode the wall screen's."""
    st.html(PAGE_CSS + TABLE_CSS + (BOARD_CSS if filters.board else ""))


def link_problems(filters: Filters, param: str | None = None) -> None:
    """What the link asked for that could not be used: everything of every page's, and what
    only this page reads (`param`: "colour", "since")."""
    for problem in filters.problems:
        if problem.param is None or problem.param == param:
            st.warning(problem.text, icon=":material/link_off:")


# What a past (or future) as-at date means on each kind of page.
PLAN_COUNTED = "overdue, due soon and stale are counted from that date"


def past_banner(filters: Filters, counted: str) -> None:
    """On every page, when the as-at date is not today: say so, what it changes, and how back."""
    if not filters.is_past:
        return
    when = "in the past" if filters.as_at < filters.today else "in the future"
    st.warning(
        f"**Shown as at {format_date(filters.as_at)}, {when}**, not today "
        f"({format_date(filters.today)}): {counted}. Clear *As at* in the sidebar, or set it to "
        "today, for today's position.",
        icon=":material/history:",
    )


def page_frame(title: str, counted: str, param: str | None = None) -> Filters:
    """Every page's opening: styles, title, what the link got wrong, and the as-at banner."""
    filters = current_filters()
    apply_styles(filters)
    st.title(title)
    link_problems(filters, param)
    past_banner(filters, counted)
    return filters


def page_start(
    title: str, param: str | None = None
) -> tuple[Filters, PlanData, PlanStatus, data.LoadedPlan]:
    """Every plan page's opening (page_frame), then the plan's status and what it shows (or a
    stop when no plan is stored)."""
    filters = page_frame(title, PLAN_COUNTED, param)
    loaded = data.current_plan()
    if loaded.plan is None:
        no_plan_message()
        st.stop()
    chosen = loaded.plan.choose_lead(filters.lead)
    if chosen.unknown:
        st.warning(
            f"{md(chosen.asked)} no longer leads any action in the stored plan, so everyone's "
            "actions are shown.",
            icon=":material/person_off:",
        )
    status = data.current_status(loaded, filters.as_at, chosen.name)
    _what_is_shown(loaded.plan, status, filters)
    return filters, loaded.plan, status, loaded


def _what_is_shown(plan: PlanData, status: PlanStatus, filters: Filters) -> None:
    council = data.get_settings().branding.council(plan.council)
    st.caption(
        f"{md(council)} · {md(plan.title)} · as at **{format_date(status.as_at)}** · "
        f"{status.framework.name}"
    )
    if status.lead:
        st.info(
            f"Showing only the **{plural(len(status.actions), 'action')}** of "
            f"{status.total_actions} led by **{md(status.lead)}**. Clear *Lead officer* in the "
            "sidebar to see everyone's.",
            icon=":material/person:",
        )


def no_plan_message() -> None:
    st.warning(
        "No improvement plan is stored in this database yet. The performance team loads the "
        "council's plan on the **Data** page (the README's *Loading your own data* says how to "
        "load the demo, or point the app at the council's database).",
        icon=":material/warning:",
    )


def when_opened(label: str, key: str, draw: Callable[[], object], expanded: bool = False) -> None:
    """An expander whose content `draw` makes only while it is open: closed, the widgets of a
    form or grid inside it would still be built on every rerun of the page. `key` holds whether
    it is open (True in session state once opened)."""
    box = st.expander(label, expanded=expanded, key=key, on_change="rerun")
    if box.open:
        with box:
            draw()
