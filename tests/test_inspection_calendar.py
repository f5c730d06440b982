"""The inspection calendar: possible fieldwork starts, the week they count in, blackouts, notice
and the settings loader."""

from __future__ import annotations

import csv
from dataclasses import fields
from datetime import date, datetime, timedelta

import pytest

from readiness.inspection.calendar import (
    blackouts,
    earliest_start,
    fieldwork_days,
    is_possible_start,
    notification_day,
    possible_starts,
    week_start,
    why_not,
)
from readiness.inspection_timing import CalendarRules, rules_from_settings
from tests.kpi_data import OFSTED_DATA, shared_file

RULES = CalendarRules()
HISTORY = OFSTED_DATA / "ofsted_csc_ilacs_history.csv"
# Real inspections the default rules do not fit, with why they are left as exceptions.
KNOWN_EXCEPTIONS = {
    ("isles of scilly", date(2023, 7, 11)): "the smallest LA: three days on site from a Tuesday",
}


@pytest.mark.parametrize(
    ("start", "kind", "expected"),
    [
        # Term time.
        (date(2026, 3, 9), "short", None),
        (date(2026, 3, 9), "standard", None),
        (date(2026, 3, 10), "short", "a Tuesday: fieldwork starts on a Monday"),
        (date(2026, 3, 15), "standard", "a Sunday: fieldwork starts on a Monday"),
        # August: the last Monday of July is fine only if fieldwork ends by 31 July.
        (date(2026, 7, 27), "short", None),  # ends Friday 31 Jul
        (date(2025, 7, 21), "short", None),  # ends Friday 25 Jul
        (date(2025, 7, 28), "short", "fieldwork would run into August"),  # ends Friday 1 Aug
        (date(2025, 7, 14), "standard", None),  # observed: ends 25 Jul
        (date(2026, 7, 20), "standard", None),  # ends Friday 31 Jul
        (date(2025, 7, 21), "standard", "fieldwork would run into August"),  # week 2 in August
        (date(2026, 8, 3), "short", "in August, when there is no fieldwork"),
        (date(2026, 8, 31), "short", "in August, when there is no fieldwork"),
        (date(2026, 9, 7), "standard", None),
        # Easter 2027: Good Friday 26 March, Easter Monday 29 March.
        (date(2027, 3, 15), "short", None),
        (date(2027, 3, 22), "short", "over Easter (Good Friday 26 March 2027 to Easter Monday 29"),
        (date(2027, 3, 29), "short", "over Easter (Good Friday 26 March 2027"),
        (date(2027, 4, 5), "short", None),
        (date(2027, 3, 8), "standard", None),  # ends 19 Mar
        (date(2027, 3, 15), "standard", "over Easter"),  # ends on Good Friday
        # Easter 2026: Good Friday 3 April, Easter Monday 6 April.
        (date(2026, 3, 23), "short", None),
        (date(2026, 3, 30), "short", "over Easter (Good Friday 3 April 2026 to Easter Monday 6"),
        (date(2026, 3, 23), "standard", "over Easter"),  # ends on Good Friday
        (date(2026, 4, 6), "short", "over Easter"),
        (date(2026, 4, 13), "standard", None),
        # Christmas: the latest observed start is 11 Dec, a standard inspection ending 22 Dec.
        (date(2023, 12, 11), "standard", None),
        (date(2023, 12, 11), "short", None),
        (date(2025, 12, 8), "standard", None),
        (date(2023, 12, 18), "short", "in the Christmas and New Year break: no fieldwork starts"),
        (date(2025, 12, 15), "short", "in the Christmas and New Year break"),
        (date(2025, 12, 15), "standard", "in the Christmas and New Year break"),
        (date(2026, 1, 5), "short", "in the Christmas and New Year break"),
        # The earliest observed January start is 12 Jan.
        (date(2026, 1, 12), "standard", None),
        (
            date(2027, 1, 11),
            "short",
            "in the Christmas and New Year break: "
            "no fieldwork starts from 12 December to 11 January",
        ),
        (date(2027, 1, 18), "short", None),
    ],
)
def test_why_not(start, kind, expected):
    reason = why_not(start, kind, RULES)
    if expected is None:
        assert reason is None
        assert is_possible_start(start, kind, RULES)
    else:
        assert reason is not None and reason.startswith(expected)
        assert not is_possible_start(start, kind, RULES)


@pytest.mark.parametrize(
    ("rules", "start", "kind", "expected"),
    [
        # No Easter rule: the short inspection ending on Good Friday 2027 is allowed.
        (CalendarRules(easter=False), date(2027, 3, 22), "short", None),
        (CalendarRules(no_fieldwork_months=()), date(2026, 8, 3), "standard", None),
        # A later starts cut-off: fieldwork from 15 Dec 2025 is checked against the no-fieldwork
        # days (from 23 Dec) on its own.
        (CalendarRules(winter_no_starts=((12, 20), (1, 11))), date(2025, 12, 15), "short", None),
        (
            CalendarRules(winter_no_starts=((12, 20), (1, 11))),
            date(2025, 12, 15),
            "standard",
            "fieldwork would run into the Christmas and New Year break "
            "(no fieldwork from 23 December to 11 January)",
        ),
        (
            CalendarRules(start_weekday=1),
            date(2026, 3, 9),
            "short",
            "a Monday: fieldwork starts on a Tuesday",
        ),
        (CalendarRules(start_weekday=1), date(2026, 3, 10), "short", None),
    ],
)
def test_why_not_follows_changed_rules(rules, start, kind, expected):
    assert why_not(start, kind, rules) == expected


# England's Good Friday each year, as the `holidays` package (which the calendar used before
# dateutil) gives it: Easter Monday is three days later.
GOOD_FRIDAYS = [
    date(2018, 3, 30),
    date(2019, 4, 19),
    date(2020, 4, 10),
    date(2021, 4, 2),
    date(2022, 4, 15),
    date(2023, 4, 7),
    date(2024, 3, 29),
    date(2025, 4, 18),
    date(2026, 4, 3),
    date(2027, 3, 26),
    date(2028, 4, 14),
    date(2029, 3, 30),
    date(2030, 4, 19),
    date(2031, 4, 11),
    date(2032, 3, 26),
    date(2033, 4, 15),
    date(2034, 4, 7),
    date(2035, 3, 23),
]


@pytest.mark.parametrize("friday", GOOD_FRIDAYS, ids=lambda d: str(d.year))
def test_easter_is_englands_good_friday_to_easter_monday(friday):
    periods = blackouts(date(friday.year, 3, 1), date(friday.year, 4, 30), RULES)
    assert periods == [(friday, friday + timedelta(days=3), "Easter: no fieldwork")]


@pytest.mark.parametrize(
    ("start", "kind", "days"),
    [
        (date(2026, 3, 9), "short", (date(2026, 3, 9), date(2026, 3, 13))),
        (date(2026, 3, 9), "standard", (date(2026, 3, 9), date(2026, 3, 20))),
        (date(2023, 12, 11), "standard", (date(2023, 12, 11), date(2023, 12, 22))),
    ],
)
def test_fieldwork_days(start, kind, days):
    assert fieldwork_days(start, kind, RULES) == days
    assert days[1].weekday() == 4  # a Friday


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="'focused_visit' is not 'short' or 'standard'"):
        fieldwork_days(date(2026, 3, 9), "focused_visit", RULES)


@pytest.mark.parametrize(
    ("start", "rules", "called"),
    [
        # Bath & NE Somerset was called on Monday 2 June 2025 (domain.md §1.5).
        (date(2025, 6, 9), RULES, date(2025, 6, 2)),
        (date(2026, 1, 12), RULES, date(2026, 1, 5)),
        (date(2026, 1, 12), CalendarRules(notice_days=10), date(2026, 1, 2)),
    ],
)
def test_notification_day(start, rules, called):
    assert notification_day(start, rules) == called


@pytest.mark.parametrize(
    ("first", "last", "kind", "starts"),
    [
        # Inclusive at both ends; Christmas leaves 8 Dec, then 12 Jan.
        (
            date(2025, 12, 1),
            date(2026, 1, 26),
            "standard",
            [date(2025, 12, d) for d in (1, 8)] + [date(2026, 1, d) for d in (12, 19, 26)],
        ),
        # Summer: a short inspection can start later in July than a standard one.
        (
            date(2025, 7, 2),
            date(2025, 9, 8),
            "short",
            [date(2025, 7, d) for d in (7, 14, 21)] + [date(2025, 9, d) for d in (1, 8)],
        ),
        (
            date(2025, 7, 2),
            date(2025, 9, 7),
            "standard",
            [date(2025, 7, d) for d in (7, 14)] + [date(2025, 9, 1)],
        ),
        (date(2026, 3, 10), date(2026, 3, 15), "short", []),
    ],
)
def test_possible_starts(first, last, kind, starts):
    assert possible_starts(first, last, kind, RULES) == starts


@pytest.mark.parametrize(
    ("weekday", "notice", "as_at", "week", "earliest"),
    [
        # Monday starts: a Sunday counts in the week from the next day; called that Monday at the
        # earliest, fieldwork starts a week later.
        (0, 7, date(2026, 11, 22), date(2026, 11, 23), date(2026, 11, 30)),
        (0, 7, date(2026, 11, 23), date(2026, 11, 23), date(2026, 11, 30)),
        (0, 7, date(2026, 11, 24), date(2026, 11, 30), date(2026, 12, 7)),
        # Ten days' notice: a call on Friday 27 Nov is still to come on Tuesday 24 Nov.
        (0, 10, date(2026, 11, 24), date(2026, 11, 30), date(2026, 12, 7)),
        (1, 7, date(2026, 11, 23), date(2026, 11, 24), date(2026, 12, 1)),
        (1, 7, date(2026, 11, 24), date(2026, 11, 24), date(2026, 12, 1)),
        (4, 7, date(2026, 11, 22), date(2026, 11, 27), date(2026, 12, 4)),
    ],
)
def test_weeks_start_on_the_start_weekday(weekday, notice, as_at, week, earliest):
    rules = CalendarRules(start_weekday=weekday, notice_days=notice)
    assert week_start(as_at, rules) == week
    assert earliest_start(as_at, rules) == earliest
    # The earliest start is the first whose call has not yet passed.
    week_before = earliest - timedelta(days=7)
    assert notification_day(week_before, rules) < as_at <= notification_day(earliest, rules)


def test_possible_starts_follow_the_start_weekday():
    rules = CalendarRules(start_weekday=1)
    starts = possible_starts(date(2026, 3, 1), date(2026, 3, 31), "short", rules)
    assert starts == [date(2026, 3, d) for d in (3, 10, 17, 24)]  # 31 Mar runs into Easter


def test_blackouts_over_a_year():
    assert blackouts(date(2026, 7, 1), date(2027, 4, 30), RULES) == [
        (date(2026, 8, 1), date(2026, 8, 31), "August: no fieldwork"),
        (date(2026, 12, 12), date(2027, 1, 11), "Christmas and New Year: no fieldwork starts"),
        (date(2026, 12, 23), date(2027, 1, 11), "Christmas and New Year: no fieldwork"),
        (date(2027, 3, 26), date(2027, 3, 29), "Easter: no fieldwork"),
    ]


def test_blackouts_include_a_break_that_began_the_year_before():
    assert blackouts(date(2027, 1, 5), date(2027, 1, 20), RULES) == [
        (date(2026, 12, 12), date(2027, 1, 11), "Christmas and New Year: no fieldwork starts"),
        (date(2026, 12, 23), date(2027, 1, 11), "Christmas and New Year: no fieldwork"),
    ]


def test_every_rule_has_a_source():
    assert all("domain.md §1." in f.metadata["source"] for f in fields(CalendarRules))
    assert all(f.metadata["help"] for f in fields(CalendarRules))


def test_rules_from_settings():
    assert rules_from_settings({}) == RULES
    table = {
        "no_fieldwork_months": [8, 7, 8],
        "winter_no_starts": ["12-05", "01-04"],
        "winter_no_fieldwork": ["12-20", "1-4"],
        "easter": False,
        "notice_days": 10,
        "start_weekday": 0,
        "short_days": 5,
        "standard_days": 12,
    }
    assert rules_from_settings(table) == CalendarRules(
        no_fieldwork_months=(7, 8),
        winter_no_starts=((12, 5), (1, 4)),
        winter_no_fieldwork=((12, 20), (1, 4)),
        easter=False,
        notice_days=10,
    )


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"no_fieldwork_months": [13]}, "no_fieldwork_months = [13] should be a list of month"),
        ({"no_fieldwork_months": 8}, "no_fieldwork_months = 8 should be a list"),
        ({"winter_no_starts": ["12-32", "01-11"]}, "'12-32' is not a day that every year has"),
        ({"winter_no_starts": ["02-29", "03-01"]}, "'02-29' is not a day that every year has"),
        ({"winter_no_fieldwork": "12-23"}, "winter_no_fieldwork = '12-23' should be a first"),
        ({"winter_no_fieldwork": ["12-23"]}, "should be a first and last day"),
        ({"easter": "yes"}, "easter = 'yes' should be true or false"),
        ({"notice_days": -1}, "notice_days = -1 should be a whole number of at least 0"),
        ({"notice_days": True}, "notice_days = True should be a whole number"),
        ({"start_weekday": 7}, "start_weekday = 7 should be a whole number of at least 0 and"),
        ({"standard_days": 0}, "standard_days = 0 should be a whole number of at least 1"),
        ({"winter_blackout": ["12-12", "01-11"]}, "no setting 'winter_blackout'"),
    ],
)
def test_bad_settings_are_explained(table, message):
    with pytest.raises(ValueError, match="inspection.calendar") as error:
        rules_from_settings(table)
    assert message in str(error.value)


def _recorded_inspections(since: int) -> list[dict]:
    with shared_file(HISTORY).open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    found = []
    for row in rows:
        if row["inspection_framework"] not in ("short", "standard"):
            continue
        if not row["inspection_start_date"]:
            continue
        start = datetime.strptime(row["inspection_start_date"], "%d/%m/%Y").date()
        end = datetime.strptime(row["inspection_end_date"], "%d/%m/%Y").date()
        if start.year >= since:
            found.append({**row, "start": start, "end": end})
    return found


def test_real_inspections_since_2022_fit_the_default_rules():
    inspections = _recorded_inspections(since=2022)
    assert len(inspections) > 150  # 40-48 a year (domain.md §1.6): the file was read
    misfits = {}
    for row in inspections:
        kind = row["inspection_framework"]
        reason = why_not(row["start"], kind, RULES)
        last = fieldwork_days(row["start"], kind, RULES)[1]
        if reason is None and last != row["end"]:
            reason = f"recorded end {row['end']}, the rules give {last}"
        if reason:
            misfits[(row["local_authority"], row["start"])] = f"{kind}: {reason}"
    listing = "\n".join(f"{la} {start}: {why}" for (la, start), why in sorted(misfits.items()))
    assert set(misfits) == set(KNOWN_EXCEPTIONS), f"inspections that break a rule:\n{listing}"
