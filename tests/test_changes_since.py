"""What changed since an earlier date, as a board meets it: a week of real history recorded on
the demo database through the app's own functions (progress saved, a new figure and target, an
inspection entered), then each list, the one-line summary, the What changed page from its link
and the Overview's line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from readiness.access.roles import LOCAL_USER
from readiness.board.changes_since import (
    EARLIEST,
    LIKELY,
    PUBLISHED,
    ActionChange,
    WindowMove,
    changes_since,
    moved_words,
)
from readiness.demo.kpis import COUNCIL
from readiness.demo.plan import demo_events
from readiness.inspection.events import Inspection
from readiness.inspection.outlook import Window, rule_window
from readiness.inspection.predict import Prediction
from readiness.inspection.record_store import stored_prediction
from readiness.kpi import store as kpi_store
from readiness.kpi.positions import stored_kpi_status
from readiness.kpi.rules import Trend
from readiness.kpi.values import KpiValue, Period
from readiness.plan.input import EventInput
from readiness.plan.progress import ProgressEntry
from readiness.plan.status import plan_status
from readiness.settings import Settings
from readiness.text import format_date
from tests.conftest import AS_AT, open_app, store_of, stored_plan
from tests.html_tables import page_tables

SETTINGS = Settings()
SINCE = AS_AT  # the demo is dated at AS_AT: everything after it is what the test records
# Eight days on: in the demo, the only colours the days alone change by then are three due-soon
# actions falling overdue; and the council's November figure (period ending 30 Nov) is known.
NOW = date(2026, 11, 30)
INSPECTED = date(2026, 11, 23)  # a standard inspection's first day of fieldwork
INDICATOR = "rereferrals"  # lower is better


@dataclass(frozen=True)
class History:
    """The actions the recorded week touched, by id."""

    overdue: list[int]  # due soon at SINCE, due before NOW, left alone
    finished: int  # due soon at SINCE, recorded complete on 25 Nov
    restarted: int  # stale at SINCE, an update on 26 Nov puts it back on track
    noted: int  # on track, an update on 27 Nov keeps it so


def _save(engine, action, status: str, on: date, text: str) -> None:
    entry = ProgressEntry(action.id, action.version, text, status, on, "Rebecca Hollis")
    store_of(engine).record_progress(entry, by=LOCAL_USER)


def _kpis(engine, as_at: date):
    with engine.connect() as conn:
        return stored_kpi_status(conn, as_at, SETTINGS.kpis)


def _latest_figure(engine) -> float:
    return next(p.value for p in _kpis(engine, SINCE).positions if p.indicator.id == INDICATOR)


@pytest.fixture
def history(demo_engine) -> History:
    plan = stored_plan(demo_engine)
    actions = {a.id: a for a in plan.actions}
    before = plan_status(plan, SINCE, SETTINGS).actions
    due = before[(before["state"] == "due_soon") & (before["due"] < NOW)].sort_values("due")
    *overdue, finished = due["action_id"].tolist()
    far = before["due"].map(lambda d: d is not None and d > NOW + timedelta(days=30))
    restarted = before[(before["state"] == "stale") & far]["action_id"].iloc[0]
    noted = before[(before["state"] == "on_track") & far]["action_id"].iloc[0]
    _save(demo_engine, actions[finished], "complete", date(2026, 11, 25), "Signed off at DMT.")
    _save(demo_engine, actions[restarted], "in_progress", date(2026, 11, 26), "Restarted.")
    _save(demo_engine, actions[noted], "in_progress", date(2026, 11, 27), "Pilot under way.")

    # A target is stored without its history, so both dates are judged against the new one: the
    # colour changes with November's figure, which only NOW knows. Green on the figures known at
    # SINCE, red on November's.
    figure = _latest_figure(demo_engine)
    november = KpiValue(INDICATOR, COUNCIL.la_code, Period("Nov 2026", NOW), figure + 5, "test")
    with demo_engine.begin() as conn:
        kpi_store.write_values(conn, [november], NOW)
        kpi_store.set_target(conn, INDICATOR, figure + 0.5, 1.0, date(2026, 11, 24))
    store_of(demo_engine).add_own_event(
        EventInput("standard", INSPECTED, INSPECTED + timedelta(days=11)), by=LOCAL_USER
    )
    return History(overdue, finished, int(restarted), int(noted))


def _changes(engine, since: date = SINCE, as_at: date = NOW, lead: str | None = None):
    plan = stored_plan(engine)
    with engine.connect() as conn:
        then, now = (stored_prediction(conn, day, SETTINGS.inspection) for day in (since, as_at))
    return (
        changes_since(
            plan,
            plan_status(plan, since, SETTINGS, lead=lead),
            plan_status(plan, as_at, SETTINGS, lead=lead),
        )
        .with_indicators(_kpis(engine, since), _kpis(engine, as_at))
        .with_window(then, now)
    )


def test_each_list_holds_what_the_week_recorded(demo_engine, history):
    changes = _changes(demo_engine)
    colours = {c.action_id: (c.rag_then, c.rag_now) for c in changes.colour_changes}
    assert colours == {
        **dict.fromkeys(history.overdue, ("amber", "red")),
        history.finished: ("amber", "blue"),
        history.restarted: ("amber", "green"),
    }
    assert changes.worse_colours == len(history.overdue) == 2
    # Most urgent now first: the overdue actions lead, the longest overdue first.
    assert [c.action_id for c in changes.colour_changes[:2]] == history.overdue
    restarted = next(c for c in changes.colour_changes if c.action_id == history.restarted)
    assert restarted.reason_now.startswith("Green: on track;")
    assert restarted.reason_now.endswith("last update 26 Nov 2026")

    overdue = changes.newly_overdue
    assert [c.action_id for c in overdue] == history.overdue
    assert [c.days_overdue for c in overdue] == [(NOW - c.due).days for c in overdue]

    [done] = changes.completed
    assert (done.action_id, done.completed) == (history.finished, date(2026, 11, 25))
    assert done.reason_now.startswith("Blue: completed 25 Nov 2026")

    updates = [(u.action_id, u.recorded_on, u.author, u.text) for u in changes.updates]
    assert updates == [
        (history.noted, date(2026, 11, 27), "Rebecca Hollis", "Pilot under way."),
        (history.restarted, date(2026, 11, 26), "Rebecca Hollis", "Restarted."),
        (history.finished, date(2026, 11, 25), "Rebecca Hollis", "Signed off at DMT."),
    ]


def test_an_indicator_turns_red_on_a_new_figure_against_its_target(demo_engine, history):
    [indicator] = _changes(demo_engine).indicators
    assert indicator.indicator == INDICATOR
    assert (indicator.rag_then.label, indicator.rag_now.label) == ("● Green", "✖ Red")
    assert indicator.period_now == "Nov 2026"
    # A first monthly figure has no figure a year before it: the words say so, and the longer
    # trend (worsening) is said beside it, never as an arrow of its own.
    moved = indicator.direction_now
    assert (moved.last_year.trend, moved.longer.trend) == (Trend.NOT_ENOUGH_DATA, Trend.WORSENING)
    assert moved.short == "– No figure a year earlier; up since 2023-24 (worse)"
    assert indicator.worse
    assert "worse than the target" in indicator.rag_now.why


def test_the_window_counts_from_the_inspection_entered(demo_engine, history):
    move = _changes(demo_engine).window
    demo_start = demo_events(AS_AT)[0].fieldwork_start
    edges = {what: (then, now, days) for what, then, now, days in move.edges()}
    opened, opens, days = edges[PUBLISHED]
    assert (opened, opens) == (rule_window(demo_start)[0], rule_window(INSPECTED)[0])
    assert days == (opens - opened).days
    # After an inspection the next one is years away: its most likely week is beyond the
    # weeks predicted, so the move is told by the published window.
    assert edges[LIKELY][1:] == (None, None)
    assert edges[EARLIEST][2] > 800
    assert move.words() == f"Ofsted's published window moved {days} days later"


def test_the_summary_says_it_in_one_line(demo_engine, history):
    opened, opens = (
        rule_window(day)[0] for day in (demo_events(AS_AT)[0].fieldwork_start, INSPECTED)
    )
    moved = (opens - opened).days
    assert _changes(demo_engine).summary() == (
        "Since 22 Nov 2026: 4 actions changed colour (2 worse), 2 newly overdue, 1 completed, "
        "3 progress updates, 1 indicator changed (1 worse); Ofsted's published window moved "
        f"{moved} days later"
    )


def test_a_lead_sees_only_their_own_actions(demo_engine, history):
    plan = stored_plan(demo_engine)
    lead = next(a for a in plan.actions if a.id == history.overdue[0]).service_leads[0]
    changes = _changes(demo_engine, lead=lead)
    mine = set(plan_status(plan, NOW, SETTINGS, lead=lead).actions["action_id"])
    listed = {c.action_id for c in (*changes.colour_changes, *changes.updates)}
    assert history.overdue[0] in listed <= mine
    assert changes.lead == lead


def test_a_quiet_day_is_said_in_words(demo_engine):
    changes = _changes(demo_engine, date(2025, 5, 31), date(2025, 6, 1))
    assert changes.summary() == (
        "Since 31 May 2025: no action changed colour, none newly overdue, none completed, "
        "no progress updates, no indicator changed; the predicted dates did not move"
    )


def test_the_earlier_date_must_come_first(demo_engine):
    with pytest.raises(ValueError, match="after the as-at date"):
        _changes(demo_engine, NOW, SINCE)


def test_indicators_and_window_must_be_for_the_same_dates(demo_engine):
    plan = stored_plan(demo_engine)
    changes = changes_since(
        plan, plan_status(plan, SINCE, SETTINGS), plan_status(plan, NOW, SETTINGS)
    )
    with pytest.raises(ValueError, match="not 2026-11-22 to 2026-11-29"):
        changes.with_indicators(_kpis(demo_engine, SINCE), _kpis(demo_engine, date(2026, 11, 29)))


@pytest.mark.parametrize(
    ("then", "now", "worse"),
    [
        ("amber", "red", True),  # fell overdue
        ("green", "amber", True),  # due soon or stale
        ("grey", "amber", True),  # not started and now due soon
        ("grey", "green", False),  # started
        ("amber", "green", False),
        ("red", "blue", False),  # completed late
        ("red", "amber", False),
    ],
)
def test_which_colour_changes_are_worse(then, now, worse):
    change = ActionChange(1, "REC 1", "An action", "", None, None, None, then, now, "")
    assert change.worse is worse


def _prediction(
    likely: date | None, opens: date | None = date(2026, 11, 19), as_at: date = AS_AT
) -> Prediction:
    last = None if opens is None else Inspection(COUNCIL.la_code, "standard", date(2024, 5, 20))
    return Prediction(as_at, last, None, Window(None, likely, None), (), {}, (), False, opens)


SEP = date(2027, 9, 27)


@pytest.mark.parametrize(
    ("then", "now", "words"),
    [
        (
            _prediction(SEP),
            _prediction(date(2027, 10, 4)),
            "the predicted dates moved 7 days later",
        ),
        (
            _prediction(SEP),
            _prediction(date(2027, 9, 26)),
            "the predicted dates moved 1 day earlier",
        ),
        (_prediction(SEP), _prediction(SEP), "the predicted dates did not move"),
        # Most likely over three years away at either date: the published window tells.
        (_prediction(SEP), _prediction(None), "Ofsted's published window did not move"),
        (
            _prediction(SEP),
            _prediction(None, date(2029, 5, 23)),
            "Ofsted's published window moved 916 days later",
        ),
        (_prediction(None, None), _prediction(SEP), "dates are now predicted"),
        (_prediction(SEP), _prediction(None, None), "no dates are predicted now"),
        (_prediction(None, None), _prediction(None, None), "no dates are predicted"),
        # The published window opened between the two dates: said, with its day.
        (
            _prediction(SEP, as_at=date(2026, 11, 15)),
            _prediction(SEP, as_at=date(2026, 11, 22)),
            "the predicted dates did not move; Ofsted's published window opened on 19 Nov 2026",
        ),
        # It opened before both: no news.
        (
            _prediction(SEP, as_at=date(2026, 11, 19)),
            _prediction(SEP),
            "the predicted dates did not move",
        ),
    ],
)
def test_the_window_move_in_words(then, now, words):
    assert WindowMove(then, now).words() == words


@pytest.mark.parametrize(
    ("days", "words"),
    [(0, "no change"), (1, "1 day later"), (-1, "1 day earlier"), (7, "7 days later")],
)
def test_moved_words(days, words):
    assert moved_words(days) == words


# The pages ---------------------------------------------------------------------------------


def test_the_page_takes_its_date_from_the_link(demo_engine, sqlite_url, history, monkeypatch):
    at = open_app(
        sqlite_url, monkeypatch, "views/changes.py", as_at=NOW.isoformat(), since=SINCE.isoformat()
    )
    assert [t.value for t in at.title] == ["What changed"]
    assert at.date_input(key="since").value == SINCE
    changes = _changes(demo_engine)
    assert f"**{changes.summary()}.**" in [m.value for m in at.markdown]
    headings = [s.value for s in at.subheader]
    assert headings[:4] == [
        "Actions that changed colour (4, 2 worse)",
        "Newly overdue (2)",
        "Completed (1)",
        "Progress updates (3)",
    ]
    colours, overdue, completed, updates, indicators, window = page_tables(at)
    assert {(r["Was"], r["Now"]) for r in colours} == {
        ("▲ Amber", "✖ Red"),
        ("▲ Amber", "✔ Blue"),
        ("▲ Amber", "● Green"),
    }
    assert [r["Days overdue"] for r in overdue] == [
        str(c.days_overdue) for c in changes.newly_overdue
    ]
    assert [(r["Status"], r["Completed"]) for r in completed] == [("✔ Blue", "25 Nov 2026")]
    assert [(r["Date"], r["By"], r["Update"]) for r in updates][0] == (
        "27 Nov 2026",
        "Rebecca Hollis",
        "Pilot under way.",
    )
    assert [(r["Indicator"], r["Was"], r["Now"]) for r in indicators] == [
        ("Re-referrals within 12 months", "● Green", "✖ Red")
    ]
    opens = next(r for r in window if r["Date"] == PUBLISHED)
    assert opens["As at 30 Nov 2026"] == format_date(rule_window(INSPECTED)[0])


def test_the_page_defaults_to_a_week_and_says_none(sqlite_url, demo_engine, monkeypatch):
    at = open_app(sqlite_url, monkeypatch, "views/changes.py", as_at="2025-06-01")
    assert at.date_input(key="since").value == date(2025, 5, 25)
    assert [s.value for s in at.subheader][:5] == [
        "Actions that changed colour (0)",
        "Newly overdue (0)",
        "Completed (0)",
        "Progress updates (0)",
        "Indicators whose colour or direction changed (0)",
    ]
    assert [m.value for m in at.markdown].count("None.") == 5
    assert "The predicted dates did not move." in [m.value for m in at.markdown]


def test_the_default_date_follows_the_as_at_date_and_a_chosen_one_stays(
    sqlite_url, demo_engine, monkeypatch
):
    at = open_app(sqlite_url, monkeypatch, "views/changes.py")
    assert at.date_input(key="since").value == AS_AT - timedelta(days=7)
    at.date_input(key="as_at").set_value(NOW).run()
    assert at.date_input(key="since").value == NOW - timedelta(days=7)
    at.date_input(key="since").set_value(date(2026, 11, 1)).run()
    at.date_input(key="as_at").set_value(date(2026, 11, 29)).run()
    assert at.date_input(key="since").value == date(2026, 11, 1)
    assert not at.exception


def test_the_overview_line_links_to_the_page(demo_engine, sqlite_url, history, monkeypatch):
    at = open_app(sqlite_url, monkeypatch, as_at=NOW.isoformat())
    link = next(link for link in at.page_link if link.proto.page.endswith("changes"))
    week = _changes(demo_engine, NOW - timedelta(days=7))
    when, counts = week.summary().split(": ", 1)
    assert link.value == f"**{when}:** {counts}"
    assert when == "Since 23 Nov 2026"


def test_the_board_pack_s_lines_say_each_change(demo_engine, history):
    changes = _changes(demo_engine)
    lines = changes.lines()
    assert lines[0] == changes.summary() + "."
    completed = [line for line in lines if line.startswith("Completed ")]
    assert len(completed) == len(changes.completed) >= 1
    progress = [line for line in lines if line.startswith("Progress ")]
    assert len(progress) == len(changes.updates) >= 1
    for change in changes.colour_changes:
        assert any(line.startswith(f"{change.ref}: ") for line in lines)
