"""The inspection calendar: which days ILACS fieldwork can start on, and the periods it avoids.

Pure date rules for the next-inspection predictor and its timeline. Ofsted's own wording on
notice and exclusion periods was not found (domain.md §1.5-1.6), so every rule is a default read
from the national record (../shared/data/ofsted/ofsted_csc_ilacs_history.csv), kept with its
source in `CalendarRules` and overridable from the `[inspection.calendar]` settings table.

Two kinds of period: in a no-fieldwork period (August, Easter, the middle of the Christmas break)
no day of fieldwork may fall; in a no-starts period (the whole Christmas break) fieldwork may not
begin, though an inspection that began before it may finish in its first days.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from functools import lru_cache

import holidays

from readiness.inspection.events import SHORT, STANDARD

MonthDay = tuple[int, int]
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


def _rule(default, help: str, source: str):
    return field(default=default, metadata={"help": help, "source": source})


@dataclass(frozen=True)
class CalendarRules:
    """When fieldwork of a short or standard ILACS inspection can take place."""

    start_weekday: int = _rule(
        0,
        "Day of the week fieldwork starts on (0 = Monday ... 6 = Sunday).",
        "domain.md §1.5: 317 of 318 dated ILACS inspections 2018-2026 started on a Monday. "
        "The one exception, Isles of Scilly (Tuesday 11 Jul 2023, three days on site), is the "
        "smallest LA and is not a reason to allow Tuesdays everywhere",
    )
    notice_days: int = _rule(
        7,
        "Days from the lead inspector's call to the DCS to the first day of fieldwork.",
        "domain.md §1.5: the call comes the week before and inspectors are on site the "
        "following Monday (Nottinghamshire guide; Bath & NE Somerset, called Monday 2 Jun 2025)",
    )
    short_days: int = _rule(
        5,
        "Calendar days on site for a short inspection, first day included (Monday to Friday).",
        "domain.md §1.5: one week on site, Monday to Friday, in 126 of 127 short inspections",
    )
    standard_days: int = _rule(
        12,
        "Calendar days on site for a standard inspection, first day included (Monday of week 1 "
        "to Friday of week 2).",
        "domain.md §1.5: two weeks on site, Monday to the next week's Friday, in 190 of 190 "
        "standard inspections",
    )
    no_fieldwork_months: tuple[int, ...] = _rule(
        (8,),
        "Months (1-12) in which no day of fieldwork falls.",
        "domain.md §1.6: no fieldwork in August in any year 2018-2026; the latest July "
        "fieldwork ended 29 Jul, the earliest September start was 3 Sep",
    )
    winter_no_starts: tuple[MonthDay, MonthDay] = _rule(
        ((12, 12), (1, 11)),
        "Christmas break, first and last day (month, day) on which fieldwork may not start.",
        "domain.md §1.6: the latest December start was 11 Dec (2023) and the earliest January "
        "start 12 Jan (2026); no start fell between them in any year 2018-2026",
    )
    winter_no_fieldwork: tuple[MonthDay, MonthDay] = _rule(
        ((12, 23), (1, 11)),
        "Christmas break, first and last day (month, day) on which no day of fieldwork falls.",
        "domain.md §1.6: the latest December fieldwork day was 22 Dec (a standard inspection "
        "from 11 Dec 2023) and the earliest January one 12 Jan (2026)",
    )
    easter: bool = _rule(
        True,
        "No day of fieldwork from Good Friday to Easter Monday (England's dates).",
        "domain.md §1.6: in no year 2018-2026 did fieldwork overlap Good Friday to Easter "
        "Monday; dates from the `holidays` package (GB, England)",
    )


SOURCES: dict[str, str] = {f.name: f.metadata["source"] for f in fields(CalendarRules)}


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
    """Good Friday and Easter Monday in England that year, by name from the `holidays` package."""
    days = holidays.country_holidays("GB", subdiv="ENG", years=year)
    by_name = {name: day for day, name in days.items()}
    return by_name["Good Friday"], by_name["Easter Monday"]


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


def possible_starts(first: date, last: date, kind: str, rules: CalendarRules) -> list[date]:
    """Every day from `first` to `last` inclusive on which fieldwork of this kind can start."""
    day = first + timedelta(days=(rules.start_weekday - first.weekday()) % 7)
    starts = []
    while day <= last:
        if is_possible_start(day, kind, rules):
            starts.append(day)
        day += timedelta(days=7)
    return starts


def notification_day(start: date, rules: CalendarRules) -> date:
    """The day of Ofsted's call to the DCS for fieldwork starting on `start`."""
    return start - timedelta(days=rules.notice_days)


def blackouts(first: date, last: date, rules: CalendarRules) -> list[tuple[date, date, str]]:
    """The periods overlapping first..last as (first day, last day, label), for a timeline.

    By default the Christmas break comes twice: "no fieldwork starts" from 12 Dec to 11 Jan, and
    within it "no fieldwork" from 23 Dec.
    """
    return [(p.first, p.last, p.label) for p in _periods(first, last, rules)]


def _whole(minimum: int, maximum: int | None = None):
    def parse(value) -> int:
        top = "" if maximum is None else f" and at most {maximum}"
        if (
            not isinstance(value, int)
            or isinstance(value, bool)
            or value < minimum
            or (maximum is not None and value > maximum)
        ):
            raise ValueError(f"should be a whole number of at least {minimum}{top}")
        return value

    return parse


def _flag(value) -> bool:
    if not isinstance(value, bool):
        raise ValueError("should be true or false")
    return value


def _months(value) -> tuple[int, ...]:
    problem = "should be a list of month numbers 1-12, such as [8] for August"
    if not isinstance(value, list | tuple):
        raise ValueError(problem)
    for month in value:
        if not isinstance(month, int) or isinstance(month, bool) or not 1 <= month <= 12:
            raise ValueError(f"{problem}; {month!r} is not one")
    return tuple(sorted(set(value)))


def _span(value) -> tuple[MonthDay, MonthDay]:
    problem = 'should be a first and last day as ["MM-DD", "MM-DD"], such as ["12-12", "01-11"]'
    if not isinstance(value, list) or len(value) != 2 or not all(isinstance(v, str) for v in value):
        raise ValueError(problem)
    span = []
    for text in value:
        month, _, day = text.strip().partition("-")
        try:
            # A year without 29 February, so the day exists every year.
            day_in_year = date(2001, int(month), int(day))
        except ValueError:
            raise ValueError(f"{problem}; {text!r} is not a day that every year has") from None
        span.append((day_in_year.month, day_in_year.day))
    return span[0], span[1]


_PARSERS = {
    "start_weekday": _whole(0, 6),
    "notice_days": _whole(0),
    "short_days": _whole(1),
    "standard_days": _whole(1),
    "no_fieldwork_months": _months,
    "winter_no_starts": _span,
    "winter_no_fieldwork": _span,
    "easter": _flag,
}


def rules_from_settings(table: dict) -> CalendarRules:
    """Rules from an `[inspection.calendar]` settings table; a key left out keeps its default."""
    values = {}
    for key, value in table.items():
        if key not in _PARSERS:
            raise ValueError(
                f"[inspection.calendar] has no setting {key!r} (= {value!r}); "
                f"the settings are {', '.join(_PARSERS)}"
            )
        try:
            values[key] = _PARSERS[key](value)
        except ValueError as error:
            raise ValueError(f"[inspection.calendar] {key} = {value!r} {error}") from None
    return CalendarRules(**values)


def settings_of(rules: CalendarRules) -> dict:
    """The rules as an `[inspection.calendar]` table writes them: rules_from_settings' inverse,
    for the README's table of settings and the shipped config.toml."""
    table = {}
    for f in fields(rules):
        value = getattr(rules, f.name)
        if f.name.startswith("winter_"):
            value = [f"{month:02d}-{day:02d}" for month, day in value]
        elif isinstance(value, tuple):
            value = list(value)
        table[f.name] = value
    return table
