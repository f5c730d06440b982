"""Ofsted's published window in calendar months: 30 and 42 months after the last full inspection's
first day of fieldwork fall on the same day of the month (issue 21), not 913 and 1,278 days on."""

from __future__ import annotations

from datetime import date

import pytest

from readiness.access.roles import LOCAL_USER
from readiness.inspection_timing import months_after, rule_window, window_open
from readiness.plan.input import EventInput
from tests.conftest import store_of
from tests.test_cli import run


@pytest.mark.parametrize(
    ("day", "months", "after"),
    [
        (date(2024, 12, 2), 30, date(2027, 6, 2)),  # 913 days of 30.4375 gave 3 Jun
        (date(2024, 12, 2), 42, date(2028, 6, 2)),
        # A day the target month lacks goes to its last day.
        (date(2024, 8, 31), 30, date(2027, 2, 28)),
        (date(2025, 3, 31), 30, date(2027, 9, 30)),
        (date(2024, 11, 30), 30, date(2027, 5, 30)),  # May has a 30th: not its last day
        # 29 February: to the 29th where the month has one, else February's last day.
        (date(2024, 2, 29), 30, date(2026, 8, 29)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2024, 2, 29), 42, date(2027, 8, 29)),
        (date(2025, 8, 31), 30, date(2028, 2, 29)),  # into a leap February
        (date(2023, 8, 31), 30, date(2026, 2, 28)),
    ],
)
def test_months_after_counts_calendar_months(day, months, after):
    assert months_after(day, months) == after


def test_the_published_window_is_in_calendar_months():
    assert rule_window(date(2024, 12, 2)) == (date(2027, 6, 2), date(2028, 6, 2))
    assert rule_window(date(2024, 8, 31)) == (date(2027, 2, 28), date(2028, 2, 29))


def test_the_window_opens_on_the_day_rule_window_gives():
    start = date(2024, 12, 2)
    assert not window_open(start, date(2027, 6, 1))
    assert window_open(start, date(2027, 6, 2))


def test_the_predict_command_gives_the_calendar_date(demo_engine, sqlite_url, capsys):
    """The demo council, last inspected from 2 December 2024: the reason and the JSON give the
    window from 2 June 2027, 30 calendar months on."""
    store_of(demo_engine).add_own_event(
        EventInput("standard", date(2024, 12, 2), date(2024, 12, 13), date(2025, 1, 29)),
        by=LOCAL_USER,
    )
    table = run(capsys, "predict", "--as-at", "2027-01-04", db=sqlite_url)
    assert table.code == 0, table.err
    assert "Ofsted's published window opens 2 Jun 2027:" in table.out, table.out
    assert "so 2 Jun 2027 to 2 Jun 2028." in table.out  # the published rule's reason
    assert "3 Jun 2027" not in table.out
