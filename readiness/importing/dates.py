"""Pure helpers that find dates in a plan's cells: typed date cells and dates written in words.

Nothing here knows about files or rows; each function takes a cell's text and returns what it
found, so every rule can be tested on its own (tests/test_import.py).
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from readiness.importing.text import clean_text

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?![a-z])"
)
_ORD = r"\s?(?:st|nd|rd|th)?"
_YEAR = r"(\d{4})(?!\d)"
_DASH = r"\s*(?:-|–|—|to|until|till)\s*"
_FLAGS = re.IGNORECASE

# Each finder: (pattern, how to turn its groups into a date). Earlier finders win overlaps.
_RANGE_MONTHS = re.compile(rf"\b({_MONTH}){_DASH}({_MONTH}),?\s+{_YEAR}", _FLAGS)
_RANGE_DAYS = re.compile(
    rf"\b(\d{{1,2}}){_ORD}{_DASH}(\d{{1,2}}){_ORD}\s+(?:of\s+)?({_MONTH}),?\s+{_YEAR}", _FLAGS
)
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}}){_ORD}(?:\s+of)?\s+({_MONTH}),?\s+{_YEAR}", _FLAGS)
_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,\s*{_YEAR}", _FLAGS)
_NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\w/-])(?!\.\d)")
_ISO = re.compile(r"(?<![\d/.-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\w/-])")
_MONTH_YEAR = re.compile(
    rf"\b(?:(end|start|beginning|middle|mid)(?:\s+of)?(?:\s+|\s*-\s*)(?:the\s+)?)?({_MONTH}),?"
    rf"\s+{_YEAR}",
    _FLAGS,
)

_START_BEFORE = re.compile(
    r"(?:\bfrom|\bstart(?:s|ing|ed)?(?:\s+(?:on|from|in))?|\bcommenc\w*(?:\s+(?:on|from|in))?"
    r"|\bbegin(?:s|ning)?(?:\s+(?:on|from|in))?|\bwith\s+effect\s+from|\bw/?e/?f)"
    r"\s+(?:the\s+|on\s+|in\s+)?$",
    _FLAGS,
)
_DUE_BEFORE = re.compile(
    r"(?:\b(?:by|until|till|before|due|deadline|no\s+later\s+than|completed?\s+by|to|at|in)"
    r"\s+(?:the\s+)?|:\s*)$",
    _FLAGS,
)
_VAGUE = [
    re.compile(p, _FLAGS)
    for p in (
        rf"(?:\b(?:by|at|before|until|for|in|during|from)\s+)?(?:the\s+)?"
        rf"\b(?:end|start|beginning|middle|mid)(?:\s+of)?(?:\s+|\s*-\s*)(?:the\s+)?"
        rf"(?:{_MONTH}|year|month|quarter|term|summer|spring|autumn|winter|financial\s+year)",
        rf"\b(?:by|in|before|until|during|from)\s+(?:the\s+)?{_MONTH}",
        r"\bwithin\s+(?:the\s+next\s+)?(?:\d+|a|one|two|three|four|six|twelve)(?:\s*-\s*\d+)?"
        r"\s*(?:days?|weeks?|months?|years?)\b",
        r"\b(?:in|over)\s+the\s+(?:next|coming)\s+\w+\s+(?:days?|weeks?|months?|years?)\b",
        r"\bon-?going\b",
        r"\b(?:immediately|asap|tbc|tba)\b",
        r"\b(?:by|in|during)\s+(?:20\d\d)(?:\s*[/-]\s*\d{2,4})?\b",
        r"\bQ[1-4](?:\s+20\d\d(?:\s*/\s*\d{2,4})?)?\b",
    )
]
# Dates more than this many years from the plan's year are taken to be something else.
_PLAUSIBLE_YEARS = 10


class DateProblem(ValueError):
    """A cell or phrase that reads as a date but is not a real one (31/02/2026).

    `suggestion` is the last real day of that month when only the day is too big.
    """

    def __init__(self, message: str, suggestion: date | None = None):
        super().__init__(message)
        self.suggestion = suggestion


def _month(text: str) -> int:
    return _MONTHS[text.lower()[:3]]


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _full_year(text: str, reference_year: int) -> int:
    if len(text) == 4:
        return int(text)
    century = reference_year - reference_year % 100
    return century + int(text)


def _real_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        suggestion = None
        if 1 <= month <= 12 and day > 0 and 1 <= year <= 9999:
            suggestion = _last_day(year, month)
        raise DateProblem(f"{day:02d}/{month:02d}/{year} is not a real date", suggestion) from None


def _build(kind: str, m: re.Match, reference_year: int) -> date:
    g = m.groups()
    if kind == "range_months":
        return _last_day(int(g[2]), _month(g[1]))
    if kind == "range_days":
        return _real_date(int(g[3]), _month(g[2]), int(g[1]))
    if kind == "dmy":
        return _real_date(int(g[2]), _month(g[1]), int(g[0]))
    if kind == "mdy":
        return _real_date(int(g[2]), _month(g[0]), int(g[1]))
    if kind == "numeric":
        return _real_date(_full_year(g[3], reference_year), int(g[2]), int(g[0]))
    if kind == "iso":
        return _real_date(int(g[0]), int(g[1]), int(g[2]))
    qualifier = (g[0] or "").lower()
    year, month = int(g[2]), _month(g[1])
    if qualifier in ("start", "beginning"):
        return date(year, month, 1)
    if qualifier in ("mid", "middle"):
        return date(year, month, 15)
    return _last_day(year, month)


_FINDERS = (
    ("range_months", _RANGE_MONTHS),
    ("range_days", _RANGE_DAYS),
    ("dmy", _DAY_MONTH_YEAR),
    ("mdy", _MONTH_DAY_YEAR),
    ("iso", _ISO),
    ("numeric", _NUMERIC),
    ("month_year", _MONTH_YEAR),
)


class _Found:
    __slots__ = ("start", "end", "when", "problem", "is_start", "phrase")

    def __init__(self, start, end, when, problem, is_start, phrase):
        self.start, self.end, self.when = start, end, when
        self.problem, self.is_start, self.phrase = problem, is_start, phrase


def _scan(text: str, reference_year: int) -> list[_Found]:
    """Every date written in the text, in order, each marked as a start or not."""
    text = clean_text(text)
    taken: list[tuple[int, int]] = []
    found: list[_Found] = []
    for kind, pattern in _FINDERS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            try:
                when, problem = _build(kind, m, reference_year), None
            except DateProblem as exc:
                when, problem = None, str(exc)
            if when and abs(when.year - reference_year) > _PLAUSIBLE_YEARS:
                continue
            before = text[max(0, m.start() - 40) : m.start()]
            start_kw = _START_BEFORE.search(before)
            due_kw = _DUE_BEFORE.search(before)
            lead = start_kw or due_kw
            phrase_start = m.start() - len(before) + lead.start() if lead else m.start()
            found.append(
                _Found(
                    m.start(),
                    m.end(),
                    when,
                    problem,
                    bool(start_kw),
                    text[phrase_start : m.end()].strip(),
                )
            )
    found.sort(key=lambda f: f.start)
    return found


def impossible_dates(text: str, reference_year: int) -> list[tuple[str, str]]:
    """(wording, reason) for each date in the text that is not a real date, e.g. 31/02/2026."""
    return [(f.phrase, f.problem) for f in _scan(text, reference_year) if f.problem]


def find_due_date(text: str, reference_year: int) -> tuple[date | None, str | None]:
    """The due date an action's text gives, and the words it came from.

    Takes the latest unambiguous date that is not a start ("from 1st April 2022" is a start).
    A month means its last day ("March 2026", "by the end of April 2026"); a range means its end
    ("by August-October 2022" -> 31 Oct 2022); "by the start of May 2022" means 1 May 2022.
    Numeric dates are day first. `reference_year` fills in two-digit years and rules out numbers
    that are too far from the plan's year to be dates. With no unambiguous date it returns
    (None, wording) for a vague phrase such as "at the end of April" (no year), "within 2 months"
    or "ongoing", so the data owner can see it, and (None, None) when there is no date at all.
    """
    found = [f for f in _scan(text, reference_year) if f.when and not f.is_start]
    if found:
        best = max(found, key=lambda f: (f.when, f.start))
        return best.when, best.phrase
    return None, vague_date_phrase(text)


def find_start_date(text: str, reference_year: int) -> tuple[date | None, str | None]:
    """The first date the text gives as a start ("from 1st April 2022", "starting 3 May 2026")."""
    for f in _scan(text, reference_year):
        if f.when and f.is_start:
            return f.when, f.phrase
    return None, None


def vague_date_phrase(text: str) -> str | None:
    """The first date-like wording that gives no exact date ("at the end of April", "ongoing")."""
    text = clean_text(text)
    hits = [m for p in _VAGUE for m in [p.search(text)] if m]
    if not hits:
        return None
    first = min(hits, key=lambda m: (m.start(), -m.end()))
    return first.group(0).strip()


_CELL_NUMERIC = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$")
_CELL_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$")
_CELL_WORDS = re.compile(rf"^(\d{{1,2}}){_ORD}(?:\s+of)?\s+({_MONTH}),?\s+(\d{{4}})$", _FLAGS)


def parse_date_cell(text: str) -> date:
    """A date typed in a cell: DD/MM/YYYY, D/M/YYYY, YYYY-MM-DD or "3 Mar 2026".

    Raises DateProblem for a date that does not exist (31/02/2026) and ValueError for text that
    is not a date in one of those forms. Two-digit years are taken as 20YY.
    """
    value = " ".join(text.split())
    if m := _CELL_NUMERIC.match(value):
        day, month, year = int(m.group(1)), int(m.group(2)), _full_year(m.group(3), 2000)
    elif m := _CELL_ISO.match(value):
        year, month, day = (int(g) for g in m.groups())
    elif m := _CELL_WORDS.match(value):
        day, month, year = int(m.group(1)), _month(m.group(2)), int(m.group(3))
    else:
        raise ValueError(f"{value!r} is not a date")
    return _real_date(year, month, day)
