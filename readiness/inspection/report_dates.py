"""The fieldwork dates an ILACS report prints, and whether it was a short or standard inspection.

Reports write the dates after "Inspection dates:" in several forms: "8 to 12 December 2025",
"27 April to 1 May 2026", "3 November to 14 November 2025", "8 June 2026 to 19 June 2026".
None of the 2025-2026 reports says "short" or "standard", so the type usually comes from the
days on site: a short inspection is one week of fieldwork, a standard one two (domain.md §1.3;
the scraped history uses the same cut, ≤7 days short).
"""

from __future__ import annotations

import re
from datetime import date

from readiness.inspection.events import SHORT, STANDARD

# Calendar days from the first to the last day of fieldwork, both counted: a Monday-to-Friday
# short inspection is 5, a two-week standard one 12 (Monday of week 1 to Friday of week 2).
SHORT_MAX_DAYS = 7
SAID_BY_REPORT, SAID_BY_DAYS = "report", "days on site"

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_RANGE = re.compile(
    rf"{_DAY}(?:\s+({_MONTH})\.?(?:,?\s+(\d{{4}}))?)?"
    rf"\s*(?:to|until|-|–|—)\s*"
    rf"{_DAY}\s+({_MONTH})\.?,?\s+(\d{{4}})\b",
    re.IGNORECASE,
)
_LABEL = re.compile(r"inspection\s+dates?\s*:?\s*", re.IGNORECASE)
# Only the report's own description of itself counts: "Short inspection of ..." in the title, or
# "this was a short inspection". A bare "standard inspection" may be the previous one's.
_TITLE_KIND = re.compile(r"\b(short|standard)\s+inspection\s+of\b", re.IGNORECASE)
_SELF_KIND = re.compile(
    r"\bthis\s+(?:(?:was|is)\s+an?\s+)?(short|standard)\s+inspection\b", re.IGNORECASE
)


def read_dates(text: str) -> tuple[date, date] | None:
    """The first and last day of fieldwork after "Inspection dates:" in `text`, or None."""
    for label in _LABEL.finditer(text):
        found = _RANGE.match(text, label.end())
        if found:
            return _date_range(found)
    return None


def _date_range(found: re.Match[str]) -> tuple[date, date] | None:
    day1, month1, year1, day2, month2, year2 = found.groups()
    end_month, end_year = MONTHS[month2.lower()], int(year2)
    start_month = MONTHS[month1.lower()] if month1 else end_month
    start_year = int(year1) if year1 else end_year
    if not year1 and start_month > end_month:
        # "29 December to 9 January 2026" began in the year before the one printed.
        start_year -= 1
    try:
        start = date(start_year, start_month, int(day1))
        end = date(end_year, end_month, int(day2))
    except ValueError:
        return None  # "31 to 32 May": not dates, so not the dates line
    return (start, end) if start <= end else None


def kind_of(start: date, end: date, title: str, text: str) -> tuple[str, str]:
    """(kind, said by): the report's own words in its title or text, else the days on site."""
    said = _TITLE_KIND.search(title) or _SELF_KIND.search(text)
    if said:
        return said.group(1).lower(), SAID_BY_REPORT
    days = (end - start).days + 1
    return (SHORT if days <= SHORT_MAX_DAYS else STANDARD), SAID_BY_DAYS
