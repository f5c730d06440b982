"""The inspection calendar: which days ILACS fieldwork can start on, and the periods it avoids.

Pure date rules for the next-inspection predictor and its timeline, applying `CalendarRules`
(readiness.inspection_timing: each rule with its default, its source and its
`[inspection.calendar]` setting). The week a prediction counts in starts on the rules' start
weekday: `week_start` and `week_starts` are the one place that day is worked out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from dateutil.easter import easter

from readiness.inspection.events import SHORT, STANDARD
from readiness.inspection_timing import CalendarRules, MonthDay

WEEK = timedelta(days=7)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
CHRISTMAS = "the Christmas and New Year break"


@dataclass(frozen=True)
class _Period:
    first: date
    last: date
    label: str  # what a timeline shows
    reason: str  # why fieldwork touching the period cannot start, in plain English
    starts_only: bool = False  # True: only a start inside it is ruled out
    inside: str = ""  # the reason for a start inside the period, where it reads differently


def _long(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _month_day(md: MonthDay) -> str:
    return f"{md[1]} {MONTHS[md[0] - 1]}"


def _between(span: tuple[MonthDay, MonthDay]) -> str:
    return f"from {_month_day(span[0])} to {_month_day(span[1])}"


def _days_on_site(kind: str, rules: CalendarRules) -> int:
    if kind == SHORT:
        return rules.short_days
    if kind == STANDARD:
        return rules.standard_days
    raise ValueError(f"inspection kind {kind!r} is not {SHORT!r} or {STANDARD!r}")


@lru_cache
def _easter(year: int) -> tuple[date, date]:
    """Good Friday and Easter Monday that year: England's bank holidays around (Western) Easter."""
    sunday = easter(year)
    return sunday - timedelta(days=2), sunday + timedelta(days=1)


def _yearly(span: tuple[MonthDay, MonthDay], year: int) -> tuple[date, date]:
    """The span beginning in `year`; it ends the next year if its end comes earlier in a year."""
    (m1, d1), (m2, d2) = span
    return date(year, m1, d1), date(year + 1 if (m2, d2) < (m1, d1) else year, m2, d2)


def _periods(first: date, last: date, rules: CalendarRules) -> list[_Period]:
    """Every period of `rules` overlapping first..last, in date order."""
    found = []
    # From the year before: a Christmas break that begins in December reaches into `first`'s year.
    for year in range(first.year - 1, last.year + 1):
        for month in rules.no_fieldwork_months:
            start = date(year, month, 1)
            end = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
            name = MONTHS[month - 1]
            found.append(
                _Period(
                    start,
                    end,
                    f"{name}: no fieldwork",
                    f"fieldwork would run into {name}",
                    inside=f"in {name}, when there is no fieldwork",
                )
            )
        if rules.easter:
            friday, monday = _easter(year)
            dates = f"Good Friday {_long(friday)} to Easter Monday {_long(monday)}"
            found.append(_Period(friday, monday, "Easter: no fieldwork", f"over Easter ({dates})"))
        found.append(
            _Period(
                *_yearly(rules.winter_no_starts, year),
                "Christmas and New Year: no fieldwork starts",
                f"in {CHRISTMAS}: no fieldwork starts {_between(rules.winter_no_starts)}",
                starts_only=True,
            )
        )
        found.append(
            _Period(
                *_yearly(rules.winter_no_fieldwork, year),
                "Christmas and New Year: no fieldwork",
                f"fieldwork would run into {CHRISTMAS} "
                f"(no fieldwork {_between(rules.winter_no_fieldwork)})",
            )
        )
    overlapping = [p for p in found if p.first <= last and p.last >= first]
    return sorted(overlapping, key=lambda p: (p.first, p.last))


def fieldwork_days(start: date, kind: str, rules: CalendarRules) -> tuple[date, date]:
    """First and last day on site for a `short` or `standard` inspection starting on `start`."""
    return start, start + timedelta(days=_days_on_site(kind, rules) - 1)


def why_not(day: date, kind: str, rules: CalendarRules) -> str | None:
    """Why fieldwork of this kind cannot start on `day`, in plain English; None if it can."""
    if day.weekday() != rules.start_weekday:
        return f"a {WEEKDAYS[day.weekday()]}: fieldwork starts on a {WEEKDAYS[rules.start_weekday]}"
    first, last = fieldwork_days(day, kind, rules)
    for period in _periods(first, last, rules):
        starts_inside = period.first <= day
        if starts_inside and period.inside:
            return period.inside
        if starts_inside or not period.starts_only:
            return period.reason
    return None


def is_possible_start(day: date, kind: str, rules: CalendarRules) -> bool:
    """Whether fieldwork of this kind can start on `day` under `rules`."""
    return why_not(day, kind, rules) is None


def week_start(day: date, rules: CalendarRules) -> date:
    """The first day on or after `day` that is the rules' start weekday: the first day of the
    week a chance is counted in."""
    return day + timedelta(days=(rules.start_weekday - day.weekday()) % 7)


def week_starts(first: date, last: date, rules: CalendarRules) -> Iterator[date]:
    """Every start weekday from `first` to `last` inclusive."""
    day = week_start(first, rules)
    while day <= last:
        yield day
        day += WEEK


def possible_starts(first: date, last: date, kind: str, rules: CalendarRules) -> list[date]:
    """Every day from `first` to `last` inclusive on which fieldwork of this kind can start."""
    return [day for day in week_starts(first, last, rules) if is_possible_start(day, kind, rules)]


def notification_day(start: date, rules: CalendarRules) -> date:
    """The day of Ofsted's call to the DCS for fieldwork starting on `start`."""
    return start - timedelta(days=rules.notice_days)


def earliest_start(as_at: date, rules: CalendarRules) -> date:
    """The first day fieldwork can start for a council not yet called by `as_at`: the call
    comes `notice_days` before it, on `as_at` at the earliest."""
    return week_start(as_at + timedelta(days=rules.notice_days), rules)


def blackouts(first: date, last: date, rules: CalendarRules) -> list[tuple[date, date, str]]:
    """The periods overlapping first..last as (first day, last day, label), for a timeline.

    By default the Christmas break comes twice: "no fieldwork starts" from 12 Dec to 11 Jan, and
    within it "no fieldwork" from 23 Dec.
    """
    return [(p.first, p.last, p.label) for p in _periods(first, last, rules)]
