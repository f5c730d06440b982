"""Pure helpers that find dates in a plan's cells: typed date cells and dates written in words.

Nothing here knows about files or rows; each function takes a cell's text and returns what it
found, so every rule can be tested on its own (tests/test_import_dates.py and
tests/test_import_text_rules.py).
read_due_cell is the one entry for a due-date column (Due, Timescale, When, Target date).
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import NamedTuple

from readiness.files.debris import CellProblem, garbage_problem
from readiness.files.free_text import clean_text

_MONTH_NAMES = "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
_MONTHS = {m: n for n, m in enumerate(_MONTH_NAMES, 1)}
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
# A quarter with its year. "Q3 2026/27" (or "Q3 26/27") names a financial year, April to March,
# as councils keep their books. A bare "Q3 2026" is read as the calendar quarter (July to
# September 2026): the year written is then the year the quarter ends in, and it is never
# later than the financial reading, so an action is shown overdue too soon rather than too late.
_QUARTER = re.compile(
    r"\b(?:Q|quarter\s*)([1-4])\s*(?:of\s+|[-/,]\s*)?(?:FY\s*)?"
    r"(\d{4}|\d{2}(?=\s*[/-]\s*\d{2}(?![\d/])))(?:\s*[/-]\s*(\d{4}|\d{2}))?(?![\d/])",
    _FLAGS,
)
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
        rf"(?:{_MONTH}|year|month|quarter|term|summer|spring|autumn|winter|financial\s+year|Q[1-4])",
        rf"\b(?:by|in|before|until|during|from)\s+(?:the\s+)?{_MONTH}",
        r"\bwithin\s+(?:the\s+next\s+)?(?:\d+|a|one|two|three|four|six|twelve)(?:\s*-\s*\d+)?"
        r"\s*(?:days?|weeks?|months?|years?)\b",
        r"\b(?:in|over)\s+the\s+(?:next|coming)\s+\w+\s+(?:days?|weeks?|months?|years?)\b",
        r"\bon-?going\b",
        r"\b(?:immediately|asap|tbc|tba|tbd)\b",
        r"\b(?:daily|weekly|fortnightly|(?:bi-?|six-?)?monthly|quarterly|(?:half-?)?termly"
        r"|(?:bi-?)?annually|yearly|regularly|continuous(?:ly)?)\b",
        r"\b(?:by|in|during)\s+(?:20\d\d)(?:\s*[/-]\s*\d{2,4})?\b",
        r"\bQ[1-4](?:\s+20\d\d(?:\s*/\s*\d{2,4})?)?\b",
    )
]
# Words after which a number counts something, so "phase 2 March 2027" is March 2027, not the
# 2nd of March.
_COUNTED = re.compile(
    r"\b(?:phase|stage|step|wave|year|cohort|part|round|tranche|level|module|week|version"
    r"|priority|number|no\.?)\s*$",
    _FLAGS,
)
_DAY_FIRST = ("range_days", "dmy")
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
    if not 1 <= year <= 9999:  # "March 0000" would otherwise escape as a bare ValueError
        raise DateProblem(f"{year:04d} is not a real year")
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
    if kind == "quarter":
        return _quarter_end(int(g[0]), g[1], g[2], reference_year)
    qualifier = (g[0] or "").lower()
    year, month = int(g[2]), _month(g[1])
    if qualifier in ("start", "beginning"):
        return date(year, month, 1)
    if qualifier in ("mid", "middle"):
        return date(year, month, 15)
    return _last_day(year, month)


def _quarter_end(quarter: int, first: str, second: str | None, reference_year: int) -> date:
    """The last day of a quarter: calendar for "Q3 2026", financial for "Q3 2026/27"."""
    year = _full_year(first, reference_year)
    if second is None:
        return _last_day(year, 3 * quarter)
    following = int(second) if len(second) == 4 else _full_year(second, year + 1)
    if following != year + 1:
        raise DateProblem(f"{first}/{second} is not a financial year")
    month = 3 * quarter + 3  # the financial year starts in April
    return _last_day(year + month // 13, (month - 1) % 12 + 1)


_FINDERS = (
    ("range_months", _RANGE_MONTHS),
    ("range_days", _RANGE_DAYS),
    ("dmy", _DAY_MONTH_YEAR),
    ("mdy", _MONTH_DAY_YEAR),
    ("iso", _ISO),
    ("numeric", _NUMERIC),
    ("quarter", _QUARTER),
    ("month_year", _MONTH_YEAR),
)


class _Found(NamedTuple):
    start: int
    end: int
    when: date | None
    problem: str | None
    is_start: bool
    phrase: str


def _scan(
    text: str, reference_year: int, plausible_years: int | None = _PLAUSIBLE_YEARS
) -> list[_Found]:
    """Every date written in the text, in order, each marked as a start or not.

    With `plausible_years` None every year is kept (a due-date cell is known to hold a date).
    """
    text = clean_text(text)
    taken: list[tuple[int, int]] = []
    found: list[_Found] = []
    for kind, pattern in _FINDERS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if kind in _DAY_FIRST and _COUNTED.search(text[max(0, m.start() - 20) : m.start()]):
                continue  # not a day: the month-and-year finder reads what follows
            taken.append((m.start(), m.end()))
            try:
                when, problem = _build(kind, m, reference_year), None
            except DateProblem as exc:
                when, problem = None, str(exc)
            too_far = plausible_years is not None and when is not None
            if too_far and abs(when.year - reference_year) > plausible_years:
                continue
            before = text[max(0, m.start() - 40) : m.start()]
            start_kw = _START_BEFORE.search(before)
            due_kw = _DUE_BEFORE.search(before)
            lead = start_kw or due_kw
            phrase_start = m.start() - len(before) + lead.start() if lead else m.start()
            phrase = text[phrase_start : m.end()].strip()
            found.append(_Found(m.start(), m.end(), when, problem, bool(start_kw), phrase))
    found.sort(key=lambda f: f.start)
    return found


def impossible_dates(text: str, reference_year: int) -> list[tuple[str, str]]:
    """(wording, reason) for each date in the text that is not a real date, e.g. 31/02/2026."""
    return [(f.phrase, f.problem) for f in _scan(text, reference_year) if f.problem]


def find_due_date(text: str, reference_year: int) -> tuple[date | None, str | None]:
    """The due date an action's text gives, and the words it came from.

    Takes the latest unambiguous date that is not a start ("from 1st April 2022" is a start).
    A month means its last day ("March 2026", "by the end of April 2026"); a range means its end
    ("by August-October 2022" -> 31 Oct 2022); "by the start of May 2022" means 1 May 2022; a
    quarter its last day (see _QUARTER). "Phase 2 March 2027" is March 2027 (see _COUNTED).
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


# A month with a two-digit year ("Oct 03", "Mar-27"), as a due-date column or Excel's mmm-yy
# format writes it. Only in a date cell: in free text "by Mar 27" may be a day of March.
_MONTH_SHORT_YEAR = re.compile(
    rf"\b({_MONTH})[\s\-/']*(\d{{2}})(?![\d/:.]|\s*(?:st|nd|rd|th)\b|,?\s*\d{{4}})", _FLAGS
)
# Words that may sit around a date in a cell that holds nothing else ("by end of March 2026").
_DATE_ONLY_WORDS = re.compile(
    r"\b(?:by|due|until|before|end|start|mid|middle|beginning|of|the|in|on)\b|[^\w]", _FLAGS
)


UNREADABLE = (
    "is not a date we can read.",
    "Write the date as DD/MM/YYYY (for example 30/09/2026) or use a date cell.",
)
# What read_due_cell says of a due cell that gives a start (committee_dates tells it apart).
STARTS = "gives when the action starts, not when it is due."
# A bare number is not a due date ("12"; 46112 is a spreadsheet date in a cell formatted as a
# number); a bare year ("2026") is a timescale without a day, kept as wording like "Ongoing".
_YEAR = re.compile(r"(?:19|20|21)\d\d")
_NUMBER_FIX = "Write the due date as DD/MM/YYYY, or format a spreadsheet date's cell as a date."


class DueCell(NamedTuple):
    """What a due-date cell says: the date (or None), the wording to keep as the action's due
    wording (None for an empty cell or a plain date), and the problem to report, if any."""

    due: date | None
    wording: str | None
    problem: CellProblem | None


def _with_full_years(text: str, reference_year: int) -> str:
    return _MONTH_SHORT_YEAR.sub(
        lambda m: f"{m.group(1)} {_full_year(m.group(2), reference_year)}", text
    )


def read_date_cell(cell: str | date) -> tuple[date | None, CellProblem | None]:
    """A start, completed or progress date cell: a date cell or one of parse_date_cell's forms,
    and the problem with it, if any (debris such as "#REF!" included)."""
    if isinstance(cell, date):
        return cell, None
    text = clean_text(cell)
    if not text:
        return None, None
    found = garbage_problem(text)
    if found:
        return None, found
    try:
        return parse_date_cell(text), None
    except DateProblem as exc:
        return None, _not_real(text, str(exc), exc.suggestion)
    except ValueError:
        return None, CellProblem(text, *UNREADABLE, False)


def read_due_cell(cell: str | date, reference_year: int) -> DueCell:
    """The due date a due-date column's cell gives, in the forms councils write.

    A date cell or DD/MM/YYYY is that date. A month means its last day ("Mar 2017", "March
    2015.", "End Oct 03" with a two-digit year in the plan's century, "Phase 2 Mar 2017"); a
    quarter its last day (see _QUARTER); several dates the latest that is not a start. Text with
    no exact date ("Ongoing", "TBC", "2026") is a warning and kept as the wording; a date that
    does not exist, or a bare number ("12"), is an error. Whether a real date is one a plan can
    hold (31/12/9999 is not) is date_checks.check_action_dates's rule, kept in one place.
    """
    day, problem = read_date_cell(cell)
    if problem is None or problem.message != UNREADABLE[0]:
        return DueCell(day, None, problem)
    text = problem.value  # not a plain date: read it as words
    number = None if _YEAR.fullmatch(text) else garbage_problem(text, "a due date")
    if number:
        return DueCell(None, None, number._replace(fix=_NUMBER_FIX))
    dates = _scan(_with_full_years(text, reference_year), reference_year, None)
    for f in dates:
        if f.problem:
            return DueCell(None, text, _not_real(text, f.problem, None))
    due = [f for f in dates if not f.is_start]
    if due:
        return DueCell(max(due, key=lambda f: (f.when, f.start)).when, text, None)
    vague = "gives no exact date, so the action imports with no due date (the wording is kept)."
    fix = "If it has one, write the due date as DD/MM/YYYY or as a month and year."
    return DueCell(None, text, CellProblem(text, STARTS if dates else vague, fix, True))


def _not_real(text: str, reason: str, suggestion: date | None) -> CellProblem:
    # "31/02/2026 is not a real date" restates the value; "2026/28 is not a financial year" adds.
    message = "is not a real date." if reason.endswith("real date") else f"is not a date: {reason}."
    example = f"{suggestion:%d/%m/%Y}" if suggestion else "30/09/2026"
    return CellProblem(text, message, f"Use a real date such as {example}.", False)


def looks_like_date(text: str) -> bool:
    """Whether the text holds a date and nothing else ("31/03/2026", "by March 2026", "Q3 2026"),
    real or not, so that a cell meant for a name or text can say a date is in the wrong place."""
    text = _with_full_years(clean_text(text), 2000)
    found = _scan(text, 2000, None)
    rest = text
    for f in reversed(found):
        rest = rest[: f.start] + rest[f.end :]
    return bool(found) and not _DATE_ONLY_WORDS.sub("", rest).strip()
