"""The one reader of values in a link (the page's address): whole numbers, dates and choices.

A link is typed, bookmarked or sent by anyone, so each value is read strictly and never raises:
a value the dashboard cannot use gives the value it uses instead and, in words, why. Numbers and
dates are read from the ASCII digits 0-9 only: Python's `str.isdigit()` and `int()` also take
"²", "١٢" and "１２" (and `int()` refuses "²" after `isdigit()` let it through), and a number too
large for what reads it did harm before (issue 22: `advance=2147484` overflowed the browser's
timer and reran the board without pause). Pure Python, no Streamlit, so the reading is tested on
its own with hostile strings (tests/test_link_values.py); the pages quote the value with
components.safe_text.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from readiness.text import format_date

T = TypeVar("T")
_DIGITS = re.compile(r"[0-9]+")
# More digits than any bound here has (a 64-bit number has 19): past this a number is too large,
# decided without turning 10,000 digits into an int.
_MAX_DIGITS = 18
# ISO 8601's calendar date, as the date widgets write it: four, two and two ASCII digits.
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
DATE_EXAMPLE = "2026-03-31"


@dataclass(frozen=True)
class Refusal:
    """Why a link's value was not used, and what was used instead, to be said on the page."""

    name: str  # the value's name as a person reads it: "advance", "as-at date"
    given: str
    why: str  # "is not a date (it should read like 2026-03-31)"
    instead: str  # "today's position is shown"

    def words(self, quote: Callable[[str], str]) -> str:
        """The sentence, with the link's value made safe to show by `quote`."""
        return f"The link's {self.name} “{quote(self.given)}” {self.why}, so {self.instead}."


@dataclass(frozen=True)
class LinkValue(Generic[T]):
    """The value to use, and why the link's own was not, if it was not."""

    value: T
    refusal: Refusal | None = None


def whole_number(
    name: str, given: str, low: int, high: int, unit: str, otherwise: int, instead: str
) -> LinkValue[int]:
    """`given` as a whole number of `unit` from `low` to `high`, else `otherwise`."""
    bounds = f"{low} to {high} {unit}"
    if not _DIGITS.fullmatch(given):
        why = f"is not a whole number of {unit} ({bounds})"
    else:
        digits = given.lstrip("0") or "0"
        number = int(digits) if len(digits) <= _MAX_DIGITS else None
        if number is not None and low <= number <= high:
            return LinkValue(number)
        if number is not None and number < low:
            why = f"is below {low}, the fewest {unit} allowed ({bounds})"
        else:
            why = f"is above {high}, the most {unit} allowed ({bounds})"
    return LinkValue(otherwise, Refusal(name, given, why, instead))


def iso_date(
    name: str, given: str, earliest: date, latest: date, instead: str
) -> LinkValue[date | None]:
    """`given` as a date written YYYY-MM-DD from `earliest` to `latest`, else None."""
    found = _ISO_DATE.fullmatch(given)
    day = None
    if found:
        try:
            day = date(*map(int, found.groups()))
        except ValueError:  # a month or day that does not exist: 2026-02-30
            day = None
    if day is None:
        why = f"is not a date (it should read like {DATE_EXAMPLE})"
    elif day < earliest:
        why = f"is before {format_date(earliest)}, the earliest shown"
    elif day > latest:
        why = f"is after {format_date(latest)}, the latest shown"
    else:
        return LinkValue(day)
    return LinkValue(None, Refusal(name, given, why, instead))


def choice(
    name: str, given: str, options: Mapping[str, T], otherwise: T, why: str, instead: str
) -> LinkValue[T]:
    """The option `given` names (`options`' keys, in small letters: case and surrounding spaces
    aside), else `otherwise`."""
    wanted = given.strip().casefold()
    if wanted in options:
        return LinkValue(options[wanted])
    return LinkValue(otherwise, Refusal(name, given, why, instead))
