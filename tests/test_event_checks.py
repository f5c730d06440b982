"""The checks on a council's own inspection event, wherever it comes from."""

from __future__ import annotations

from datetime import date

import pytest

from readiness.access.roles import LOCAL_USER
from readiness.db.engine import make_engine
from readiness.demo.prepare import prepare_database
from readiness.inspection.event_checks import event_problems
from readiness.inspection.record_store import own_events
from readiness.plan.input import EventInput
from tests.conftest import AS_AT, store_of

START = date(2025, 6, 2)


@pytest.mark.parametrize(
    ("event", "words"),
    [
        (EventInput("short", START, date(2025, 5, 30)), "ended on 30 May 2025, before"),
        (EventInput("short", START, published=date(2025, 6, 1)), "was published on 1 Jun 2025"),
        (EventInput("focused_visit", START, grades={"leaders": "good"}), "is not graded"),
        # ILACS 2023-2026 has no combined children in care and care leavers judgement.
        (
            EventInput("standard", START, grades={"children_in_care_and_care_leavers": "good"}),
            "is not a judgement of",
        ),
        # From April 2026 there is no overall effectiveness grade.
        (EventInput("short", date(2026, 5, 4), grades={"overall": "good"}), "Overall"),
    ],
)
def test_an_impossible_event_is_described(event, words):
    assert any(words in problem for problem in event_problems(event))


def test_a_possible_event_has_no_problem():
    grades = {"overall": "good", "leaders": "good", "care_leavers": "outstanding"}
    assert event_problems(EventInput("short", START, date(2025, 6, 6), grades=grades)) == []


def test_an_impossible_event_is_not_stored(sqlite_url):
    engine = make_engine(sqlite_url)
    prepare_database(engine, AS_AT, demo=False)
    with pytest.raises(ValueError, match="is not graded"):
        store_of(engine).add_own_event(
            EventInput("monitoring_visit", START, grades={"leaders": "good"}), by=LOCAL_USER
        )
    with engine.connect() as conn:
        assert own_events(conn, "own") == []
    engine.dispose()
