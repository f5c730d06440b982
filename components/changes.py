"""What changed since an earlier date: gathered from the cached statuses, indicators and
predictions at both dates, drawn as the What changed page's sections and the Overview's line.

Every section says how many it holds and, when it holds none, says "None" in words, so a board
can tell "nothing changed" from "not shown".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import streamlit as st

from components import data
from components.filters import Filters, reset_if_undone, undo_next_run
from components.link_checks import read_since
from components.tables import ACTION_COLUMNS, Col, show_table
from readiness.board.changes_since import ChangesSince, changes_since, moved_words
from readiness.inspection.predict import Prediction
from readiness.kpi.rules import NO_COLOUR_SYMBOL
from readiness.plan.status import action_colours
from readiness.text import format_date

# The default earlier date: a week before the as-at date, the last weekly briefing.
WEEK = timedelta(days=7)
PAGE = "views/changes.py"
_DEFAULT_KEY = "_since_default"
SINCE_PARAM = "since"
# A page link's label never wraps, and the summary is longer than a laptop screen is wide.
_WRAP_CSS = """<style>
.st-key-changes_summary [data-testid="stPageLink"] [data-testid="stMarkdownContainer"],
.st-key-changes_summary [data-testid="stPageLink"] p { white-space: normal; }
</style>"""

_ACTION = tuple(ACTION_COLUMNS[c] for c in ("ref", "action", "service_leads"))
COLOUR_COLUMNS = (
    *_ACTION,
    Col("rag_then", "Was", "rag"),
    Col("rag_now", "Now", "rag"),
    Col("reason_now", "Why now", "long"),
)
OVERDUE_COLUMNS = (
    Col("rag_now", "Status", "rag"),
    *_ACTION,
    ACTION_COLUMNS["due"],
    ACTION_COLUMNS["days_overdue"],
)
COMPLETED_COLUMNS = (
    Col("rag_now", "Status", "rag"),
    *_ACTION,
    ACTION_COLUMNS["due"],
    Col("completed", "Completed", "date"),
    Col("reason_now", "Why", "long", 2),
)
UPDATE_COLUMNS = (
    Col("recorded_on", "Date", "date"),
    ACTION_COLUMNS["ref"],
    Col("action", "Action", "long", 2),
    Col("author", "By"),
    Col("status", "Progress", "status"),
    Col("text", "Update", "long"),
)
INDICATOR_COLUMNS = (
    Col("name", "Indicator", "long"),
    Col("rag_then", "Was"),
    Col("rag_now", "Now"),
    Col("direction_then", "Was: on last year; longer"),
    Col("direction_now", "Now: on last year; longer"),
    Col("period_now", "Latest period"),
    Col("why", "Why now", "long", 2),
)


def choose_since(as_at: date) -> date:
    """The "Since" date: a week before the as-at date unless chosen, and in the URL
    ("?since=2026-11-15"), so a board can bookmark the date of its last briefing."""
    default, state = as_at - WEEK, st.session_state
    reset_if_undone("since", default)
    previous = state.get(_DEFAULT_KEY)
    # Left at its default, the date follows the as-at date, so "a week before" stays so: a
    # keyed widget otherwise keeps the value it was first drawn with. Set through the session
    # state, the browser shows the new date too (Streamlit logs once that both were given).
    if previous is not None and previous != default and state.get("since") == previous:
        state["since"] = default
    state[_DEFAULT_KEY] = default
    given = st.query_params.get(SINCE_PARAM, "")  # before the widget rewrites it
    chosen = st.date_input(
        "Since",
        value=default,
        max_value=as_at - timedelta(days=1),
        key="since",
        bind="query-params",
        format="DD/MM/YYYY",
        width=200,
        help="The earlier date to compare with: a week before the as-at date (the last weekly "
        "briefing) unless you choose another.",
    )
    # The widget also takes dates the link check refuses ("2026/11/01", "２０２６-11-01"); the
    # page must compare with the date its message says. The address outranks a value set in
    # code on the widget's first draw, so it is set on the next run (as filters does as-at).
    if given and chosen != default and read_since(given, as_at).refusal:
        undo_next_run("since")
    return chosen


@st.cache_resource(max_entries=16)
def _plan_changes(
    load: int, since: date, as_at: date, lead: str | None, _loaded: data.LoadedPlan
) -> ChangesSince:
    # Kept per loaded plan, like its status: on a 10,000-action plan the comparison costs more
    # than the rest of the Overview. The earlier date's side is its colours only: a whole status
    # would be worked out, and kept, for this line alone.
    return changes_since(
        _loaded.plan,
        action_colours(_loaded.plan, since, data.get_settings(), lead),
        data.current_status(_loaded, as_at, lead),
    )


def changes_between(
    filters: Filters, loaded: data.LoadedPlan, lead: str | None, since: date
) -> ChangesSince:
    """What changed from `since` to the as-at date, for `lead` (None: everyone)."""
    as_at = filters.as_at
    return (
        _plan_changes(loaded.load, since, as_at, lead, loaded)
        .with_indicators(data.current_kpis(since), data.current_kpis(as_at))
        .with_window(data.current_prediction(since), data.current_prediction(as_at))
    )


def show_summary_link(changes: ChangesSince) -> None:
    """The changes in one line, linked to the What changed page (the Overview's line)."""
    when, _, counts = changes.summary().partition(": ")
    with st.container(key="changes_summary"):
        st.html(_WRAP_CSS)
        st.page_link(
            PAGE,
            label=f"**{when}:** {counts}",
            icon=":material/update:",
            help="The What changed page: each action, progress update, indicator and the window",
        )


def _section(title: str, rows: Sequence[dict], columns: tuple[Col, ...], key: str) -> None:
    st.subheader(title)
    if rows:
        show_table(list(rows), columns, key=f"changes_{key}")
    else:
        st.markdown("None.")


def _rows(items: Sequence) -> list[dict]:
    """Each change's fields, for its table. Shallow: they are dates, words and numbers, and
    dataclasses.asdict's deep copies were two thirds of the page at 100x (2,000 rows a run)."""
    return [dict(vars(item)) for item in items]


def _counts(n: int, worse: int) -> str:
    return f"{n}, {worse} worse" if worse else str(n)


def show_actions(changes: ChangesSince) -> None:
    """The actions that changed colour, went overdue and were completed."""
    colours = changes.colour_changes
    _section(
        f"Actions that changed colour ({_counts(len(colours), changes.worse_colours)})",
        _rows(colours),
        COLOUR_COLUMNS,
        "colours",
    )
    overdue = changes.newly_overdue
    _section(f"Newly overdue ({len(overdue)})", _rows(overdue), OVERDUE_COLUMNS, "overdue")
    done = changes.completed
    _section(f"Completed ({len(done)})", _rows(done), COMPLETED_COLUMNS, "completed")


def show_updates(changes: ChangesSince) -> None:
    """The progress updates recorded between the two dates, newest first."""
    updates = changes.updates
    rows = _rows(updates)
    _section(f"Progress updates ({len(updates)})", rows, UPDATE_COLUMNS, "updates")


def show_indicators(changes: ChangesSince) -> None:
    """The indicators whose colour or direction of travel changed."""
    if changes.indicators is None:
        st.subheader("Indicators")
        st.markdown("None: no indicators are loaded.")
        return
    rows = [
        {
            "name": i.name,
            "rag_then": i.rag_then.label if i.rag_then else f"{NO_COLOUR_SYMBOL} No figure",
            "rag_now": i.rag_now.label,
            "direction_then": i.direction_then.short if i.direction_then else "",
            "direction_now": i.direction_now.short,
            "period_now": i.period_now,
            "why": i.rag_now.why,
        }
        for i in changes.indicators
    ]
    worse = sum(i.worse for i in changes.indicators)
    title = f"Indicators whose colour or direction changed ({_counts(len(rows), worse)})"
    _section(title, rows, INDICATOR_COLUMNS, "indicators")
    st.caption(
        "Each date is judged on the figures for periods ending by then, against today's targets "
        "(a target is stored without its history): an indicator changes here when a new "
        "figure arrives."
    )


def _edge(day: date | None, prediction: Prediction) -> str:
    if prediction.last is None:
        return "none predicted"
    # The weeks ahead run about three years: an edge not reached by then is beyond them.
    return format_date(day) if day else "over three years away"


def show_window(changes: ChangesSince) -> None:
    """The predicted start then and now, Ofsted's published window, and how far each moved."""
    st.subheader("Next inspection: predicted dates and Ofsted's published window")
    move = changes.window
    if move is None or (move.then.last is None and move.now.last is None):
        st.markdown(
            "None: no full inspection of the council is recorded, so no dates are predicted."
        )
        return
    st.markdown(f"{move.words().capitalize()}.")
    rows = [
        {
            "what": what,
            "then": _edge(was, move.then),
            "now": _edge(is_now, move.now),
            "moved": "" if days is None else moved_words(days),
        }
        for what, was, is_now, days in move.edges()
    ]
    columns = (
        Col("what", "Date"),
        Col("then", f"As at {format_date(changes.since)}"),
        Col("now", f"As at {format_date(changes.as_at)}"),
        Col("moved", "Moved"),
    )
    show_table(rows, columns, key="changes_window")
    st.page_link("views/inspection.py", label="Why: the Inspection page", icon=":material/event:")
