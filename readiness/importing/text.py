"""Pure helpers that read the free text of a plan's cells: refs, leads, action lists and dates.

Nothing here knows about files or rows; each function takes a cell's text and returns what it
found, so every rule can be tested on its own (tests/test_import.py).
"""

from __future__ import annotations

import calendar
import html
import re
from datetime import date
from functools import lru_cache

# --- HTML and whitespace ---------------------------------------------------------------------

# Only tags a plan pasted from a web page or a committee report really holds, so that text such
# as "children aged <5" is never taken for HTML.
_TAG_NAMES = r"(?:b|i|u|p|br|li|ul|ol|sup|sub|span|strong|em|div|font|table|tr|td|th)"
_HTML_TAG = re.compile(rf"</?{_TAG_NAMES}\b[^>]*>", re.IGNORECASE)
_BREAK_TAG = re.compile(r"<br\s*/?>|</(?:p|li|div|tr|ul|ol)\s*>", re.IGNORECASE)
_LI = re.compile(r"<li\b[^>]*>(.*?)(?:</li\s*>|(?=<li\b)|$)", re.IGNORECASE | re.DOTALL)
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")


def has_html(text: str) -> bool:
    return bool(_HTML_TAG.search(text))


_PLAIN_LINE = re.compile(r"[\n\r<\t\u00a0\u2007\u202f]|  ")


def clean_lines(text: str) -> list[str]:
    """The text's non-empty lines, HTML tags removed, spaces collapsed."""
    if not _PLAIN_LINE.search(text):  # the usual cell: one line, nothing to tidy but its ends
        text = text.strip()
        return [text] if text else []
    if has_html(text):
        text = _BREAK_TAG.sub("\n", text)
        text = html.unescape(_HTML_TAG.sub("", text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.replace("\r", "\n").split("\n"))
    return [line for line in lines if line]


def strip_html(fragment: str) -> str:
    """A piece of HTML as plain text on one line (tags dropped, entities such as &amp; decoded)."""
    text = _HTML_TAG.sub("", _BREAK_TAG.sub(" ", fragment))
    return " ".join(html.unescape(text).split())


def clean_text(text: str, joiner: str = " ") -> str:
    """The text on one line (or its lines joined by `joiner`), HTML tags removed."""
    return joiner.join(clean_lines(text))


def squash(text: str) -> str:
    """Lower-case letters and digits only: for comparing headings and words loosely."""
    return re.sub(r"[^0-9a-z]", "", text.lower())


# --- References ------------------------------------------------------------------------------

_REF = re.compile(
    r"^\s*(?:(?P<REC>rec(?:ommendation)?)|(?P<AFD>afd|areas?\s+for\s+development)"
    r"|(?P<APA>apa|areas?\s+for\s+priority\s+action))\.?\s*(?:no\.?\s*)?"
    r"(?P<num>\d{1,3})(?!\w)(?!\.\d)",
    re.IGNORECASE,
)
_REF_SEPARATOR = re.compile(r"^[\s\-–—:.)]+")


@lru_cache(maxsize=4096)
def parse_ref(text: str) -> tuple[str | None, str | None, str]:
    """Split "REC 1 - Improve plans" into ("REC 1", "REC", "Improve plans").

    Recognises REC/Rec/Recommendation, AFD/Area for development and APA/Area for priority action
    followed by a number, with or without a space. The separator after the ref (" - ", " – ",
    ":", ".") is dropped; the rest is kept whole, brackets included. Without a ref at the start
    it returns (None, None, text).
    """
    cleaned = clean_text(text)
    match = _REF.match(cleaned)
    if not match:
        return None, None, cleaned
    kind = next(k for k in ("REC", "AFD", "APA") if match.group(k))
    rest = _REF_SEPARATOR.sub("", cleaned[match.end() :]).strip()
    return f"{kind} {int(match.group('num'))}", kind, rest


# --- Lead officers ---------------------------------------------------------------------------

_NO_LEAD = {"", "na", "none", "nil", "nobody", "notapplicable"}
_NAME_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "al", "bin"}
_SMALL_WORDS = {"and", "of", "the", "for", "in", "to", "on", "at", "with", "from"}
_HARD_SEPARATORS = re.compile(r"\s*[/,;\n]\s*")
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_AMPERSAND = re.compile(r"\s*&\s*")
_PLACEHOLDER = re.compile(r"\x01(\d+)\x02")
_EDGE_JUNK = re.compile(r"^[\s\-–—:;,.]+|[\s\-–—:;,.]+$")


def looks_like_person(name: str) -> bool:
    """True for two or more capitalised words ("Daniel Okafor", "Ben van Dijk").

    Lower-case name particles (van, de, ...) may sit between them. "Team managers" and
    "A and I team managers" are not people by this test, which is what keeps them whole.
    """
    words = _PLACEHOLDER.sub("", name).split()
    if len(words) < 2:
        return False
    if not (words[0][:1].isupper() and words[-1][:1].isupper()):
        return False
    return all(w[:1].isupper() or w.lower() in _NAME_PARTICLES for w in words)


def _title_word(word: str, first: bool) -> str:
    if not first and word.lower() in _SMALL_WORDS:
        return word.lower()
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), word)


def normalise_name(name: str) -> str:
    """One spelling per person: spaces collapsed, role brackets and stray dashes dropped.

    Title-cases only a name written all in upper or all in lower case ("DANIEL OKAFOR",
    "daniel okafor" -> "Daniel Okafor"); a mixed-case name is kept as written. Initials are never
    expanded or guessed.
    """
    text = clean_text(name).replace("\u2019", "'").replace("\u2018", "'")
    previous = None
    while previous != text:
        previous = text
        text = re.sub(r"\s*\([^()]*\)?\s*$", "", text)
        text = _EDGE_JUNK.sub("", text)
    text = " ".join(text.split())
    letters = [c for c in text if c.isalpha()]
    if letters and (all(c.isupper() for c in letters) or all(c.islower() for c in letters)):
        text = " ".join(_title_word(w, i == 0) for i, w in enumerate(text.split()))
    return text


def _protect_brackets(text: str) -> tuple[str, list[str]]:
    """Replace each top-level (...) with a placeholder so separators inside roles are kept."""
    out, groups, depth, current = [], [], 0, []
    for char in text:
        if char == "(":
            if depth == 0:
                current = []
            else:
                current.append(char)
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                out.append(f"\x01{len(groups)}\x02")
                groups.append("".join(current))
            else:
                current.append(char)
        elif depth:
            current.append(char)
        else:
            out.append(char)
    if depth:  # an unclosed bracket: its text is still the role
        out.append(f"\x01{len(groups)}\x02")
        groups.append("".join(current))
    return "".join(out), groups


def _join_unless(pieces: list[str], joiner: str, split_ok) -> list[str]:
    """Re-join neighbouring pieces that `split_ok(left, right)` says should not have split."""
    result = [pieces[0]]
    for piece in pieces[1:]:
        if split_ok(result[-1], piece):
            result.append(piece)
        else:
            result[-1] = f"{result[-1]}{joiner}{piece}"
    return result


def _is_initial(text: str) -> bool:
    words = _PLACEHOLDER.sub("", text).split()
    return len(words) == 1 and len(words[0].strip(".")) <= 2


def split_leads(cell: str) -> list[tuple[str, str | None]]:
    """The people or groups named in a lead cell, each with the role in brackets after it.

    Separators: "/", ",", ";", line breaks, "&" and " and ". Heuristics, in order:
    - text in brackets is never split, and a bracket that ends a name is that name's role
      ("Daniel Okafor (Principal Social Worker)"); a role follows only the name just before it,
      so in "A / B (Head of Service)" only B gets the role;
    - a new name may start straight after a role bracket with no separator
      ("A (role) B (role)"), but only when what follows looks like a person's name;
    - " and " splits only when both sides look like personal names (two or more capitalised
      words), or when a role bracket has just closed the name before it; so
      "A and I team managers" and "Help and protection team" stay whole;
    - "&" splits unless one side is a bare initial ("A & I team managers" stays whole).
    Names run together with no separator at all ("Daniel Okafor Aisha Rahman") cannot be told
    apart from a long name and are kept as one lead. Empty, "N/A" and "None" give no leads.
    """
    text = clean_text(cell, "\n")
    if squash(text) in _NO_LEAD or text.strip(" -–—") == "":
        return []
    protected, groups = _protect_brackets(text)
    pieces: list[str] = []
    for part in _HARD_SEPARATORS.split(protected):
        if not part.strip():
            continue
        by_and = _join_unless(_AND.split(part), " and ", _and_splits)
        for chunk in by_and:
            by_amp = _join_unless(
                _AMPERSAND.split(chunk),
                " & ",
                lambda a, b: not (_is_initial(a) or _is_initial(b)),
            )
            for item in by_amp:
                pieces.extend(_split_after_roles(item))
    leads: list[tuple[str, str | None]] = []
    seen: set[str] = set()
    for piece in pieces:
        name, role = _name_and_role(piece, groups)
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            leads.append((name, role))
    return leads


def _and_splits(left: str, right: str) -> bool:
    """Whether "left and right" names two leads (see split_leads)."""
    if re.search(r"\x02\W*$", left):  # a role bracket has already closed the name on the left
        return True
    return looks_like_person(left) and looks_like_person(right)


def _split_after_roles(item: str) -> list[str]:
    parts = re.split(r"(?<=\x02)\s*(?=[^\s\x01])", item)
    return _join_unless(parts, " ", lambda _a, b: looks_like_person(b))


def _name_and_role(piece: str, groups: list[str]) -> tuple[str, str | None]:
    piece = piece.strip()
    role = None
    end = re.search(r"\x01(\d+)\x02\W*$", piece)
    if end:
        role = " ".join(groups[int(end.group(1))].split()) or None
        piece = piece[: end.start()]
    # A bracket inside the name ("Team manager (SCP) North") stays part of it.
    piece = _PLACEHOLDER.sub(lambda m: f"({groups[int(m.group(1))]})", piece)
    return normalise_name(piece), role


# --- Action lists ----------------------------------------------------------------------------

_BULLET = re.compile(
    r"^(?:[•·▪◦●○■□➢➤►✓\-–—*]+|\(?\d{1,2}[.)]|\(?[a-zA-Z][.)](?=\s)|\(?[ivx]{1,4}\))\s*"
)


def _strip_bullet(line: str) -> tuple[bool, str]:
    match = _BULLET.match(line)
    if not match or not line[match.end() :].strip():
        return False, line
    # "1.5 million" or "-3%" are not bullets: a marker must be followed by a space or a letter.
    marker = match.group(0)
    if not marker[-1:].isspace() and line[match.end() : match.end() + 1].isdigit():
        return False, line
    return True, line[match.end() :].strip()


def split_actions(cell: str) -> list[str]:
    """The separate actions in an action cell.

    An HTML list gives one action per <li>. Otherwise a line starting with a bullet (•, -, *, –),
    a number ("1." / "1)") or a letter ("a)") starts an action and unmarked lines after it
    continue that action; with no markers at all, each line is an action. A single line holding
    several "•" bullets is split at each one.
    """
    if has_html(cell) and re.search(r"<li\b", cell, re.IGNORECASE):
        items = [strip_html(m.group(1)) for m in _LI.finditer(cell)]
        return [_strip_bullet(item)[1] for item in items if item and _strip_bullet(item)[1]]
    lines: list[str] = []
    for line in clean_lines(cell):
        if line.count("•") > 1 or (line.count("•") == 1 and not line.startswith("•")):
            lines.extend("• " + part.strip() for part in line.split("•") if part.strip())
        else:
            lines.append(line)
    marked = [_strip_bullet(line) for line in lines]
    if not any(is_bullet for is_bullet, _ in marked):
        return lines
    actions: list[str] = []
    after_bullet = False
    for is_bullet, text in marked:
        if is_bullet or not after_bullet:
            actions.append(text)
        else:
            actions[-1] = f"{actions[-1]} {text}"
        after_bullet = after_bullet or is_bullet
    return actions


# --- Dates -----------------------------------------------------------------------------------

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
