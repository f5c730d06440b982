"""The global filters (lead officer, as-at date, board mode), bound to the URL query string.

app.py draws them once, in the sidebar, with today's date (only app.py reads the clock); pages
read the result with `current_filters()`. Binding them to the URL makes a filtered view a link
you can send, and keeps it across pages. A link that names an unknown lead or a date that is
not a date is not silently widened: the page says what was ignored (components.link_checks).
In board mode there is no sidebar: the filters are drawn out of sight, so the link keeps them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st

from components.link_checks import (
    EARLIEST_AS_AT,
    LinkProblem,
    check_link,
    latest_as_at,
    read_as_at,
    read_board,
)
from readiness.plan.records import PlanData

FILTERS_KEY = "_filters"
LINK_PROBLEMS_KEY = "_link_problems"
# Set when the link's date was refused but Streamlit's date widget took it: undone next run.
_UNDO_KEY = "_undo_{}"
# Board mode's parameter (what a link may say: components.link_checks.BOARD_MODES).
BOARD_PARAM = "board"
# The key of the box that holds the filters in board mode: Streamlit gives the box the class
# st-key-board_filters, which layout.BOARD_CSS hides.
HIDDEN_FILTERS_KEY = "board_filters"


@dataclass(frozen=True)
class Filters:
    lead: str | None
    as_at: date  # the date the rules judge the plan on
    board: bool
    today: date  # the server's date when the page was drawn
    problems: tuple[LinkProblem, ...] = ()  # parts of the link that were ignored, in words

    @property
    def is_past(self) -> bool:
        return self.as_at != self.today


def board_requested() -> bool:
    """Whether board mode is on: the toggle's value, or, as the session opens, the link's."""
    if "board" not in st.session_state:
        st.session_state["board"] = read_board(st.query_params.get(BOARD_PARAM, "")).value
    return bool(st.session_state["board"])


def _board_to_link() -> None:
    """Keep the toggle in the address. Not bound to it as the other filters are: a bound toggle
    reads only `board=true`, and drops the `board=1` a person types or bookmarks."""
    if st.session_state["board"]:
        st.query_params[BOARD_PARAM] = "1"
    else:
        st.query_params.pop(BOARD_PARAM, None)


def render_global_filters(plan: PlanData | None, today: date) -> Filters:
    """Draw the sidebar filters (in board mode, out of sight) and keep their values."""
    state = st.session_state
    # The link is read once, when the session opens it; what it got wrong stays said.
    opening = LINK_PROBLEMS_KEY not in state
    link = st.query_params.to_dict() if opening else {}
    if opening:
        state[LINK_PROBLEMS_KEY] = tuple(check_link(link, plan, today))
    reset_if_undone("as_at", today)
    # A URL-bound widget left undrawn takes its parameter out of the address (Streamlit 1.67),
    # and a wall screen's address is its bookmark: board mode draws them in a hidden box.
    board = board_requested()
    with st.container(key=HIDDEN_FILTERS_KEY) if board else st.sidebar:
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
            min_value=EARLIEST_AS_AT,
            max_value=latest_as_at(today),
            key="as_at",
            bind="query-params",
            format="DD/MM/YYYY",
            help="Judge the plan as it stood on this date: overdue, due soon and stale are "
            "counted from it.",
        )
        st.toggle(
            "Board mode",
            key="board",
            on_change=_board_to_link,
            help="The board for a wall screen: no sidebar, large type, each view in turn.",
        )
    if opening:
        _undo_a_refused_as_at(link.get("as_at", ""), today)
    filters = Filters(
        lead=state.get("lead"),
        as_at=state.get("as_at") or today,
        board=bool(state.get("board")),
        today=today,
        problems=state[LINK_PROBLEMS_KEY],
    )
    state[FILTERS_KEY] = filters
    return filters


def _undo_a_refused_as_at(given: str, today: date) -> None:
    """Show today's position when the link's as-at date was refused (components.link_values)
    but Streamlit's date widget took it: the widget also reads "2026/03/31", "2026-3-31" and
    other digits than 0-9 ("２０２６-03-31"), and the page must show what its message says. On a
    session's first run the address outranks any value set in code, so the date is set on a
    second run (Streamlit 1.67: SessionState._seed_widget_from_url)."""
    if given and read_as_at(given, today).refusal and st.session_state.get("as_at") != today:
        undo_next_run("as_at")


def undo_next_run(widget_key: str) -> None:
    """Run again, setting the date widget `widget_key` back (reset_if_undone, before it is drawn):
    the link's date was refused, but the widget took it. On a session's first run the address
    outranks any value set in code (Streamlit 1.67: SessionState._seed_widget_from_url)."""
    st.session_state[_UNDO_KEY.format(widget_key)] = True
    st.rerun()


def reset_if_undone(widget_key: str, default: date) -> None:
    """Before the widget `widget_key` is drawn: set it to `default` if undo_next_run asked."""
    if st.session_state.pop(_UNDO_KEY.format(widget_key), False):
        st.session_state[widget_key] = default


def current_filters() -> Filters:
    """The filters app.py drew on this run."""
    return st.session_state[FILTERS_KEY]
