"""When ILACS inspections come, as rules with their sources: Ofsted's published window for the
next full inspection, and the fieldwork calendar (the `[inspection.calendar]` settings table).

Written here once, below both the settings and the predictor: `readiness.settings` reads its
defaults and the calendar table from this module, and `readiness.inspection` applies them, so
the settings never import the inspection folder that imports them. Nothing here imports the
rest of the app.

Ofsted's own wording on notice and exclusion periods was not found (domain.md §1.5-1.6), so each
calendar rule is a default read from the national record
(../shared/data/ofsted/ofsted_csc_ilacs_history.csv), kept with its source and overridable.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from functools import lru_cache

from dateutil.relativedelta import relativedelta

MonthDay = tuple[int, int]
# The average month, for gaps *measured* in months (a year of 365.25 days over 12). A date
# some months after another is months_after's, in calendar months.
MONTH_DAYS = 30.4375


@dataclass(frozen=True)
class PublishedWindow:
    """Ofsted's published window for the next full inspection, in calendar months (whole ones)
    from the first day of fieldwork of the last one."""

    opens_months: float
    closes_months: float
    words: str  # the rule as a reason gives it to a director
    source: str


PUBLISHED_WINDOW = PublishedWindow(
    30.0,
    42.0,
    "usually between six months before and six months after the three-year anniversary",
    "Ofsted's ILACS framework as councils' one-minute guides quote it (Kirklees, Nottinghamshire): "
    '"between six months before and six months after the three year anniversary of the '
    'previous inspection"; the framework paragraph itself was not retrieved (domain.md §1.4)',
)


def months_after(day: date, months: float) -> date:
    """The day `months` calendar months after `day`: 2 Dec 2024 + 30 months is 2 Jun 2027. A day
    the target month lacks goes to its last day (31 Aug 2024 + 30 months is 28 Feb 2027), as a
    "30 months after" anniversary is counted. `months` must be whole (relativedelta refuses a
    fraction, which no calendar can place)."""
    return day + relativedelta(months=months)


# The fit asks for the window of the same few hundred last starts for every council-week
# (about 28,000 calls as at a date): relativedelta was 60% of fitting the model.
@lru_cache(maxsize=4096)
def rule_window(last_start: date) -> tuple[date, date]:
    """The days Ofsted's published window opens and closes, for a council whose last full
    inspection started on `last_start`."""
    return (
        months_after(last_start, PUBLISHED_WINDOW.opens_months),
        months_after(last_start, PUBLISHED_WINDOW.closes_months),
    )


def window_open(last_start: date, day: date) -> bool:
    """Whether the published window has opened by `day`, for a council whose last full
    inspection started on `last_start` (the same day rule_window gives)."""
    return day >= rule_window(last_start)[0]


def _rule(default, help: str, source: str):
    return field(default=default, metadata={"help": help, "source": source})


@dataclass(frozen=True)
class CalendarRules:
    """When fieldwork of a short or standard ILACS inspection can take place.

    Two kinds of period: in a no-fieldwork period (August, Easter, the middle of the Christmas
    break) no day of fieldwork may fall; in a no-starts period (the whole Christmas break)
    fieldwork may not begin, though an inspection that began before it may finish in its first
    days.
    """

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
        "Monday; England's bank holidays, two days before and the day after Easter Sunday "
        "(`dateutil.easter`)",
    )


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
