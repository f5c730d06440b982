"""Pure helpers that read the free text of a plan's cells: cleanup, refs and action lists.

Nothing here knows about files or rows; each function takes a cell's text and returns what it
found, so every rule can be tested on its own (tests/test_import_text_rules.py). Lead names are
read in leads.py, dates in dates.py.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from readiness.text import INVISIBLE, one_line, visible

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


_PLAIN_LINE = re.compile(rf"[\n\r<\t\u00a0\u2007\u202f]|  |{INVISIBLE.pattern}")


def clean_lines(text: str) -> list[str]:
    """The text's non-empty lines, HTML tags and invisible characters removed, spaces collapsed."""
    if not _PLAIN_LINE.search(text):  # the usual cell: one line, nothing to tidy but its ends
        text = text.strip()
        return [text] if text else []
    text = visible(text)
    if has_html(text):
        text = _BREAK_TAG.sub("\n", text)
        text = html.unescape(_HTML_TAG.sub("", text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.replace("\r", "\n").split("\n"))
    return [line for line in lines if line]


def strip_html(fragment: str) -> str:
    """A piece of HTML as plain text on one line (tags dropped, entities such as &amp; decoded)."""
    text = _HTML_TAG.sub("", _BREAK_TAG.sub(" ", fragment))
    return one_line(html.unescape(text))


def clean_text(text: str, joiner: str = " ") -> str:
    """The text on one line (or its lines joined by `joiner`), HTML tags removed."""
    return joiner.join(clean_lines(text))


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
