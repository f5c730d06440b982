"""Board mode: the app on a wall screen. Its own screens (components.board_screens) go round
every few seconds; a bar names where it is ("3 of 8 · Help and protection"), what the figures
are as at and when they were last read, and holds the controls: previous, pause or resume,
next, each with a key, and a link out of board mode.

The board redraws itself on a timer (`st.fragment(run_every=...)`) and reads the data afresh
each time through the cached loaders of components.data, which reread the database at most a
minute apart. The clock comes from app.py, the one place that reads it; a board showing today
follows it past midnight.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

import streamlit as st

from components import data
from components.board_screens import BoardData, board_screens
from components.filters import BOARD_PARAM, Filters
from components.layout import apply_styles, link_problems, no_plan_message
from components.link_checks import said
from components.link_values import whole_number
from components.signin import SCREEN_PARAM
from readiness.text import format_date

STATE_KEY = "_board"
# How long a screen may stay, whatever the link or config.toml says. The timer is the browser's
# (st.fragment's run_every, in milliseconds): past 2^31 - 1 ms (2,147,484 s, about 25 days) it
# overflows and fires at once, and the board reran without pause (issue 22: 23 s of the server's
# CPU in every 40 s). An hour is longer than any briefing; 5 s is as fast as a screen is read,
# and a redraw reads the cached data (components.data), not the database: 10 ms of CPU for the
# demo's screen held, up to 0.1 s for the next one (measured through AppTest), 2% of a core.
MIN_SECONDS = 5
MAX_SECONDS = 3600
# The link's own setting for how long each screen stays, and what leaving board mode drops.
ADVANCE_PARAM = "advance"
BOARD_PARAMS = (BOARD_PARAM, ADVANCE_PARAM)
# The bar: where the board is and what it shows take the room the controls leave and wrap
# within it; the controls keep to one line, "Exit board mode" included.
BAR_CSS = """
<style>
.board-position { font-size: 1.25rem; font-weight: 700; margin: 0; }
.board-seen { margin: 0; line-height: 1.3; }
.st-key-board_bar { flex-wrap: nowrap; }
.st-key-board_bar > div:first-child { flex: 1 1 0; min-width: 0; }
.st-key-board_controls { flex-wrap: nowrap; flex: 0 0 auto; }
.st-key-board_bar button p, .st-key-board_bar kbd { font-size: 1rem; }
a.board-exit { display: inline-block; padding: 0.25rem 0.75rem; border-radius: 0.5rem;
  border: 1px solid #b1b4b6; color: #0b0c0c; text-decoration: none; white-space: nowrap; }
a.board-exit:focus { outline: 3px solid #fd0; box-shadow: inset 0 0 0 2px #0b0c0c; }
</style>
"""


@dataclass
class Turn:
    """Where the board is: the screen shown, since when (seconds, by the clock) and whether
    someone has paused it."""

    screen: int = 0
    since: float = 0.0
    paused: bool = False


def advance_seconds() -> tuple[int, str | None]:
    """Seconds each screen stays: the link's `advance`, else the configured; and, if the link's
    could not be used, why, in words."""
    configured = min(max(MIN_SECONDS, data.get_settings().board.advance_seconds), MAX_SECONDS)
    given = st.query_params.get(ADVANCE_PARAM)
    if given is None:
        return configured, None
    read = whole_number(
        "advance",
        given,
        MIN_SECONDS,
        MAX_SECONDS,
        "seconds",
        configured,
        f"each screen stays {configured} seconds",
    )
    return read.value, said(read.refusal) if read.refusal else None


def _turn() -> Turn:
    return st.session_state.setdefault(STATE_KEY, Turn())


def _step(by: int, count: int, clock: Callable[[], datetime]) -> None:
    turn = _turn()
    turn.screen = (turn.screen + by) % count
    turn.since = clock().timestamp()


def _pause(clock: Callable[[], datetime]) -> None:
    turn = _turn()
    turn.paused = not turn.paused
    turn.since = clock().timestamp()


def move_on(turn: Turn, now: float, seconds: int, count: int) -> None:
    """Move to the next screen if this run is the timer's. The timer reruns the board every
    `seconds`; a click (previous, pause, next) reruns it at once and restarts the screen's time.
    So a run at least half an interval after the screen was shown is the timer's; an earlier
    one is a click's."""
    if turn.since == 0.0:  # the board's first drawing
        turn.since = now
    elif not turn.paused and now - turn.since >= seconds / 2:
        turn.screen, turn.since = (turn.screen + 1) % count, now
    turn.screen %= count  # the lead or the data may have left fewer screens


def _exit_link() -> str:
    """A link to the same page and filters, out of board mode: a full page load, so the page
    opens with its sidebar as any other."""
    kept = {k: v for k, v in st.query_params.to_dict().items() if k not in BOARD_PARAMS}
    return f'<a class="board-exit" href="?{html.escape(urlencode(kept))}">Exit board mode</a>'


def _seen(board: BoardData, filters: Filters, now: datetime) -> str:
    """What the figures are, as HTML: whose, as at when, read when, for whom."""
    status = board.status
    parts = [html.escape(board.council_name), f"data as at <b>{format_date(status.as_at)}</b>"]
    if filters.is_past:
        parts[-1] += " (not today)"
    parts.append(f"last refreshed {now:%H:%M}")
    if status.lead:
        parts.append(f"only the actions <b>{html.escape(status.lead)}</b> leads")
    return " · ".join(parts)


def _bar(turn: Turn, titles: list[str], seen: str, clock: Callable[[], datetime]) -> None:
    """Where the board is and what it shows, and its controls."""
    count = len(titles)
    where = f"{turn.screen + 1} of {count} · {titles[turn.screen]}"
    if turn.paused:
        where += " · paused"
    with st.container(horizontal=True, vertical_alignment="center", key="board_bar"):
        st.html(
            f'{BAR_CSS}<p class="board-position" role="status">{html.escape(where)}</p>'
            f'<p class="board-seen">{seen}</p>'
        )
        with st.container(
            horizontal=True, vertical_alignment="center", width="content", key="board_controls"
        ):
            _controls(turn, count, clock)


def _controls(turn: Turn, count: int, clock: Callable[[], datetime]) -> None:
    """Previous, pause or resume, next, and the way out."""
    args = (count, clock)
    st.button(
        "Previous",
        key="board_previous",
        icon=":material/skip_previous:",
        shortcut="Left",
        on_click=_step,
        args=(-1, *args),
    )
    st.button(
        "Resume" if turn.paused else "Pause",
        key="board_pause",
        icon=":material/play_arrow:" if turn.paused else ":material/pause:",
        shortcut="P",
        on_click=_pause,
        args=(clock,),
        type="primary",
    )
    st.button(
        "Next",
        key="board_next",
        icon=":material/skip_next:",
        shortcut="Right",
        on_click=_step,
        args=(1, *args),
    )
    if SCREEN_PARAM not in st.query_params:  # a wall screen's link holds it on the board
        st.html(_exit_link(), width="content")


def _board(filters: Filters, clock: Callable[[], datetime], seconds: int) -> None:
    now = clock()
    today = now.date()
    # A board of today's position follows the clock; one pinned to a date by its link stays.
    as_at = filters.as_at if filters.is_past else today
    loaded = data.current_plan()
    plan = loaded.plan
    if plan is None:
        no_plan_message()
        return
    lead = plan.choose_lead(filters.lead).name
    board = BoardData(
        today=today,
        plan=plan,
        status=data.current_status(loaded, as_at, lead),
        kpis=data.current_kpis(as_at),
        council=data.current_inspections(as_at),
        council_name=data.get_settings().branding.council(plan.council),
        checklist=data.current_checklist(as_at).summary.words,
    )
    screens = board_screens(board)
    turn = _turn()
    move_on(turn, now.timestamp(), seconds, len(screens))
    _bar(turn, [s.title for s in screens], _seen(board, filters, now), clock)
    screens[turn.screen].draw(board)


def show_board(filters: Filters, clock: Callable[[], datetime]) -> None:
    """The board in place of a page: its styles, anything the link got wrong, then the screen
    of the moment, redrawn every few seconds."""
    apply_styles(filters)
    link_problems(filters)
    seconds, problem = advance_seconds()
    if problem:
        st.warning(problem, icon=":material/link_off:")
    st.fragment(_board, run_every=seconds)(filters, clock, seconds)
