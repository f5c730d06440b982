"""The period a year, quarter or month label in a DfE file or a council's own table stands for.

DfE writes the same year several ways, and which day it ends on depends on the indicator, not the
label: the children in need census and SSDA903 years end on 31 March, the workforce census is taken
on 30 September (indicators.Indicator.year_end). So every label is read together with that day,
and the period is labelled one way whatever the file wrote, so that LAIT's "2025", EES's "2025" or
"202425" and a council's "2024/25" all give the same Period for a March-ending indicator.

The rules, and why:

- A single year, "2025": the year ending in 2025 on the indicator's day. That is how LAIT and EES
  write the census years ("2025" for the children in need census is the year to 31 March 2025:
  LAIT's and EES's England re-referral rate for "2025" are both the 22.6% DfE published for
  2024-25). So it is labelled "2024-25" for a March-ending indicator and "2025" for a September one
  (DfE's "at 30 September 2025").
- Two consecutive years, "2024-25", "2024/25", "2024–25" or EES's six-digit "202425": a year
  running across the turn of the calendar year, which ends in the later one ("2024-25" is April
  2024 to March 2025). The same later-year rule holds for a September-ending indicator, which DfE
  never labels so, rather than refusing the label.
- A span of years, "2014-16" (LAIT's three calendar years) or "2013/14-15/16" (three financial
  years): the period ends in the span's last year; the label keeps the span.
- A note after the year, "2025 (prov)", "2016-17 (OT)" (outturn), "2018 (Rev)", "2020 (Final)":
  the note says how final the figure is, not which year it is for, so it is dropped.
- A month, "Apr-25", "Apr 2025", "March 2026": that calendar month, ending on its last day;
  labelled "Apr-25" whatever the spelling, as councils' monthly sheets head their columns.
- A quarter, "Q1 2025/26" (also "Q1 2025-26", "2025/26 Q1"): a quarter of the council's financial
  year, April to March, as councils report to their boards: Q1 ends 30 June 2025, Q4 31 March 2026.
  "Q1 2025" is refused: it could be the calendar or the financial quarter.

Anything else raises ValueError saying what was expected.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from readiness.kpi.indicators import MARCH
from readiness.kpi.values import Period

# Years outside this range are typing slips ("0", "202", "20255"), not statistics.
_FIRST_YEAR, _LAST_YEAR = 1990, 2100
# The longest span LAIT writes is three years; a wider "span" is a slip such as "2014-61".
_LONGEST_SPAN = 5

_NOTE = re.compile(r"\s*\([^()]*\)\s*$")  # "(prov)", "(OT)", "(Rev)", "(Final)"
_DASHES = re.compile(r"\s*[-–—/]\s*")
_YEAR = re.compile(r"(\d{4})")
_TWO_YEARS = re.compile(r"(\d{4})-(\d{2}|\d{4})")  # "2024-25", "2024-2025", "2014-16"
_SIX_DIGITS = re.compile(r"(\d{4})(\d{2})")  # EES "202425"
_FINANCIAL_SPAN = re.compile(r"(\d{4})-(\d{2})-(\d{2})-(\d{2})")  # "2013/14-15/16"
_MONTH = re.compile(r"([a-z]+)\.?[\s-]*(\d{4}|\d{2})")  # "Apr-25", "March 2026"
_QUARTER = re.compile(r"q([1-4])\s+(\d{4}-\d{2,4})|(\d{4}-\d{2,4})\s+q([1-4])")
_CALENDAR_QUARTER = re.compile(r"q[1-4]\s+\d{4}|\d{4}\s+q[1-4]")

_MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    _MONTHS[calendar.month_abbr[_number].lower()] = _number
    _MONTHS[calendar.month_name[_number].lower()] = _number
_MONTHS["sept"] = 9

_EXPECTED = (
    'Write a year as "2025", "2024-25", "2024/25" or "202425", a quarter of the financial year '
    'as "Q1 2025/26", or a month as "Apr-25" or "April 2025".'
)


def read_year(label: str, year_end: tuple[int, int] = MARCH) -> Period:
    """The period `label` stands for, for an indicator whose year ends on `year_end` (month,
    day). Raises ValueError for a label that is not one of the forms above."""
    text = " ".join(str(label).split())
    bare = _NOTE.sub("", text).strip().lower()
    # One spelling of every separator: "2024/25", "2024–25" and "2024 - 25" read alike.
    dashed = _DASHES.sub("-", bare)
    return (
        _year_or_years(dashed, year_end, text)
        or _quarter(dashed, text)
        or _month(dashed, text)
        or _refused(text)
    )


def _year_or_years(dashed: str, year_end: tuple[int, int], text: str) -> Period | None:
    """`dashed` is the label as matched; `text` as written, for messages."""
    if _YEAR.fullmatch(dashed):
        return _year(int(dashed), year_end, text)
    if match := _SIX_DIGITS.fullmatch(dashed):
        return _two_years(int(match[1]), match[2], year_end, text)
    if match := _TWO_YEARS.fullmatch(dashed):
        return _two_years(int(match[1]), match[2], year_end, text)
    if match := _FINANCIAL_SPAN.fullmatch(dashed):
        first, first_end, last, last_end = (int(part) for part in match.groups())
        last_year = _century(first, last)[1]
        if (first_end - first) % 100 != 1 or (last_end - last) % 100 != 1:
            raise ValueError(f'"{text}" is not a span of financial years ("2013/14-15/16").')
        end_year = last_year + 1
        label = f"{_financial(first)} to {_financial(last_year)}"
        _check_span(text, first + 1, end_year)
        return _ending(end_year, year_end, label)
    return None


def _year(year: int, year_end: tuple[int, int], text: str) -> Period:
    _check_year(text, year)
    label = _financial(year - 1) if year_end == MARCH else str(year)
    return _ending(year, year_end, label)


def _two_years(first: int, second: str, year_end: tuple[int, int], text: str) -> Period:
    """ "2024-25" (consecutive years: one year ending in the later) or "2014-16" (a span)."""
    _check_year(text, first)
    last = int(second) if len(second) == 4 else _century(first, int(second))[1]
    if last == first + 1:
        return _year(last, year_end, text)
    _check_span(text, first, last)
    return _ending(last, year_end, f"{first}-{last % 100:02d}")


def _century(first: int, last_two: int) -> tuple[int, int]:
    """The four-digit year a two-digit one after `first` stands for ("2099-00": 2100)."""
    last = first - first % 100 + last_two
    return first, last + 100 if last < first else last


def _check_year(text: str, year: int) -> None:
    if not _FIRST_YEAR <= year <= _LAST_YEAR:
        raise ValueError(f'"{text}" is not a year between {_FIRST_YEAR} and {_LAST_YEAR}.')


def _check_span(text: str, first: int, last: int) -> None:
    if not 1 < last - first <= _LONGEST_SPAN:
        raise ValueError(
            f'"{text}" is neither one year (such as "2024-25") nor a span of up to '
            f'{_LONGEST_SPAN} years (such as "2014-16"). {_EXPECTED}'
        )
    _check_year(text, last)


def _financial(first: int) -> str:
    return f"{first}-{(first + 1) % 100:02d}"


def _ending(year: int, year_end: tuple[int, int], label: str) -> Period:
    month, day = year_end
    return Period(label, date(year, month, day))


def _quarter(dashed: str, text: str) -> Period | None:
    match = _QUARTER.fullmatch(dashed)
    if not match:
        if _CALENDAR_QUARTER.fullmatch(dashed):
            raise ValueError(
                f'"{text}" could be a quarter of the calendar or the financial year. '
                'Write the financial year, as "Q1 2025/26" (April to June 2025).'
            )
        return None
    number = int(match[1] or match[4])
    years = match[2] or match[3]
    first, second = years.split("-")
    first_year = int(first)
    last_year = int(second) if len(second) == 4 else _century(first_year, int(second))[1]
    if last_year != first_year + 1:
        raise ValueError(f'"{text}" does not name one financial year. {_EXPECTED}')
    _check_year(text, first_year)
    # Q1 is April to June: quarter n ends 3n months after March of the first year.
    month_index = 3 + 3 * number  # 6, 9, 12, 15
    year = first_year + (month_index - 1) // 12
    month = (month_index - 1) % 12 + 1
    end = date(year, month, calendar.monthrange(year, month)[1])
    return Period(f"Q{number} {first_year}/{last_year % 100:02d}", end)


def _month(dashed: str, text: str) -> Period | None:
    match = _MONTH.fullmatch(dashed)
    if not match or match[1] not in _MONTHS:
        return None
    month = _MONTHS[match[1]]
    year = int(match[2]) + (2000 if len(match[2]) == 2 else 0)
    _check_year(text, year)
    end = date(year, month, calendar.monthrange(year, month)[1])
    return Period(f"{calendar.month_abbr[month]}-{year % 100:02d}", end)


def _refused(text: str) -> Period:
    shown = f'"{text}"' if text else "A blank label"
    raise ValueError(f"{shown} is not a year, quarter or month label. {_EXPECTED}")
