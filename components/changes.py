"""What changed since an earlier date: gathered from the cached statuses, indicators and
predictions at both dates, drawn as the What changed page's sections and the Overview's line.

Worked out once per plan read, pair of dates, lead, and version of the indicators and the
predictions, and kept for every session (ChangesShown): at 10,000 actions, comparing, counting
and writing the tables on every rerun cost the page more than drawing it.

Every section says how many it holds and, when it holds none, says "None" in words, so a board
can tell "nothing changed" from "not shown".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

import pandas as pd
import streamlit as st

from components import data
from components.action_opener import action_names
from components.filters import Filters, reset_if_undone, undo_next_run
from components.kept import WrittenTables
from components.link_checks import read_since
from components.tables import ACTION_COLUMNS, PAGE_SIZE, Col, page_picker, show_table, table_html
from readiness.board.changes_since import (
    ChangesSince,
    IndicatorChange,
    changes_since,
    moved_words,
)
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


# How long a week's changes are kept at most: those worked out from figures or a prediction
# since replaced are never asked for again, and are let go sooner than 16 newer ones push them.
KEPT_SECONDS = 600
# The tables kept with one week's changes, in characters: a page of 50 colour changes is about
# 35,000, so a long week's first pages of every section fit, and 16 kept weeks hold 16 MB at most.
TABLE_CHARS = 1_000_000


@dataclass(frozen=True)
class ChangesShown:
    """What changed, as the pages show it, kept for every session by the identity of what it
    was worked out from (as components.kept keeps): the changes, and what the page writes from
    them once (the sections' tables, the actions' names in the list to open one)."""

    held: tuple  # what it is named by, by id: held, so no id is reused while it is kept
    changes: ChangesSince
    # Each section's tables as written, by (section, page).
    tables: WrittenTables = field(default_factory=lambda: WrittenTables(TABLE_CHARS), compare=False)

    @cached_property
    def _listed(self) -> tuple[tuple[int, str], ...]:
        items = (*self.changes.colour_changes, *self.changes.newly_overdue)
        items += (*self.changes.completed, *self.changes.updates)
        listed = pd.DataFrame(
            {c: [getattr(i, c) for i in items] for c in ("action_id", "ref", "action")},
            columns=["action_id", "ref", "action"],
        )
        return tuple(action_names(listed.drop_duplicates("action_id")).items())

    def names(self) -> dict[int, str]:
        """The actions the page lists (changed colour, newly overdue, completed, then updated;
        each once), named as the list to open one names them: this caller's copy."""
        return dict(self._listed)


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


@st.cache_resource(max_entries=16, ttl=KEPT_SECONDS)
def _shown(key: tuple, _held: tuple, _build: Callable[[], ChangesSince]) -> ChangesShown:
    changes = _build()
    _ = changes.worse_colours  # counted once, here, for every session's rerun
    return ChangesShown(_held, changes)


def changes_shown(
    filters: Filters, loaded: data.LoadedPlan, lead: str | None, since: date
) -> ChangesShown:
    """What changed from `since` to the as-at date, for `lead` (None: everyone), as the pages
    show it. Shared by every session: never modify it."""
    as_at = filters.as_at
    kpis = data.current_kpis(since), data.current_kpis(as_at)
    predictions = data.current_prediction(since), data.current_prediction(as_at)
    # Named by what it is worked out from: the plan read's number, the dates and the lead, and
    # by identity the indicators' positions (the KPI statuses handed out are copies sharing
    # them) and the predictions at both dates, each a new object when what it holds changes.
    held = (*(None if k is None else k.positions for k in kpis), *predictions)
    key = (loaded.load, since, as_at, lead, *map(id, held))

    def build() -> ChangesSince:
        return (
            _plan_changes(loaded.load, since, as_at, lead, loaded)
            .with_indicators(*kpis)
            .with_window(*predictions)
        )

    return _shown(key, held, build)


def changes_between(
    filters: Filters, loaded: data.LoadedPlan, lead: str | None, since: date
) -> ChangesSince:
    """What changed from `since` to the as-at date, for `lead` (None: everyone). Shared by
    every session (it is immutable), so the Overview's line costs a rerun little."""
    return changes_shown(filters, loaded, lead, since).changes


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


def _section(
    shown: ChangesShown,
    title: str,
    items: Sequence,
    columns: tuple[Col, ...],
    key: str,
    row: Callable[[object], dict] = lambda item: dict(vars(item)),
) -> None:
    """A section of `items`, a page at a time as show_table draws them, each page's table
    written once per kept changes. `row`: an item's cells; by default its fields, shallow, as
    they are dates, words and numbers."""
    st.subheader(title)
    if not items:
        st.markdown("None.")
        return
    page = page_picker(len(items), f"changes_{key}")
    on_page = items[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    st.html(shown.tables.get((key, page), lambda: table_html(list(map(row, on_page)), columns)))


def _counts(n: int, worse: int) -> str:
    return f"{n}, {worse} worse" if worse else str(n)


def show_actions(shown: ChangesShown) -> None:
    """The actions that changed colour, went overdue and were completed."""
    changes = shown.changes
    colours = changes.colour_changes
    _section(
        shown,
        f"Actions that changed colour ({_counts(len(colours), changes.worse_colours)})",
        colours,
        COLOUR_COLUMNS,
        "colours",
    )
    overdue = changes.newly_overdue
    _section(shown, f"Newly overdue ({len(overdue)})", overdue, OVERDUE_COLUMNS, "overdue")
    done = changes.completed
    _section(shown, f"Completed ({len(done)})", done, COMPLETED_COLUMNS, "completed")


def show_updates(shown: ChangesShown) -> None:
    """The progress updates recorded between the two dates, newest first."""
    updates = shown.changes.updates
    _section(shown, f"Progress updates ({len(updates)})", updates, UPDATE_COLUMNS, "updates")


def show_indicators(shown: ChangesShown) -> None:
    """The indicators whose colour or direction of travel changed."""
    indicators = shown.changes.indicators
    if indicators is None:
        st.subheader("Indicators")
        st.markdown("None: no indicators are loaded.")
        return
    worse = sum(i.worse for i in indicators)
    title = f"Indicators whose colour or direction changed ({_counts(len(indicators), worse)})"
    _section(shown, title, indicators, INDICATOR_COLUMNS, "indicators", _indicator_row)
    st.caption(
        "Each date is judged on the figures for periods ending by then, against today's targets "
        "(a target is stored without its history): an indicator changes here when a new "
        "figure arrives."
    )


def _indicator_row(i: IndicatorChange) -> dict:
    return {
        "name": i.name,
        "rag_then": i.rag_then.label if i.rag_then else f"{NO_COLOUR_SYMBOL} No figure",
        "rag_now": i.rag_now.label,
        "direction_then": i.direction_then.short if i.direction_then else "",
        "direction_now": i.direction_now.short,
        "period_now": i.period_now,
        "why": i.rag_now.why,
    }


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
