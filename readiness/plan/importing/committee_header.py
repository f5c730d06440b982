"""The committee-paper layout's header rows, found however a council words and lays them out.

A header names the columns by loose "contains" rules (classify_heading). It may sit on one row,
be split over two rows, or run on after a rule row ("Recommendation (REC) / Area for" ...
"Development (AFD)"). Besides the columns the layout needs it may have a due-date column
("Timescale", "When", "Target date"). The rows under a header are read in committee.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from readiness.files.free_text import clean_text, parse_ref
from readiness.files.reading import Cell
from readiness.plan.canonical import CANONICAL_COLUMNS
from readiness.plan.importing.mapping import heading_key
from readiness.text import squash

REQUIRED = ("recommendation", "theme", "service_lead", "actions")
EXPECTED_HEADINGS = {
    "recommendation": "Recommendation (REC) / Area for Development (AFD)",
    "theme": "Improvement Theme",
    "service_lead": "Service Lead",
    "other_lead": "Other operational Lead",
    "actions": "Operational Detailed Actions",
    "progress": "Progress update / evidence of impact",
    "due": "Timescale",
}
# A due-date column is named as the canonical layout's Due column is named ("Timescale", "By
# when", "Target date", ...: readiness.plan.canonical), so both layouts know the same headings.
_DUE_COLUMN = next(c for c in CANONICAL_COLUMNS if c.key == "due")
_DUE_NAMES = frozenset(heading_key(n) for n in (_DUE_COLUMN.heading, *_DUE_COLUMN.aliases))
# The longer names may sit inside a longer heading ("Timescale for completion", "Target date /
# RAG"); "due" and "when" only as the whole heading, since they are inside words and sentences
# ("overdue", "when the panel meets") that are data, not headings.
_DUE_INSIDE = tuple(n for n in _DUE_NAMES if len(n) > len("bywhen"))
# A status column is named as the canonical layout's is ("Status", "RAG", "BRAG", ...).
_STATUS_COLUMN = next(c for c in CANONICAL_COLUMNS if c.key == "status")
_STATUS_NAMES = frozenset(squash(n) for n in (_STATUS_COLUMN.heading, *_STATUS_COLUMN.aliases))
# Whole headings (squashed) seen in real plans: a row that completes one of these when added to
# the header above it is the header's second line, not data.
_FULL_HEADINGS = {
    "recommendation": {
        "recommendationrecareafordevelopmentafd",
        "recommendationareafordevelopment",
        "recommendationsareasfordevelopment",
        "recommendationsandareasfordevelopment",
        "recommendation",
        "recommendations",
        "recafd",
        "recafdapa",
    },
    "theme": {"improvementtheme", "improvementthemes", "theme", "themes"},
    "service_lead": {"servicelead", "serviceleads"},
    "other_lead": {
        "otheroperationallead",
        "operationallead",
        "otherleadofficerifany",
        "otherleadofficer",
        "otherlead",
        "otherleads",
    },
    "actions": {
        "operationaldetailedactions",
        "operationaldetailedaction",
        "detailedactions",
        "actions",
        "action",
    },
    "progress": {"progressupdateevidenceofimpact", "progressupdate", "progress"},
    "due": {squash(n) for n in (_DUE_COLUMN.heading, *_DUE_COLUMN.aliases)},
    "status": _STATUS_NAMES,
}
# Header cells are short; longer cells are data and are not tested as headings.
_MAX_HEADING_CHARS = 80
_RULE = re.compile(r"^[\s\-=_–—]+$")


def classify_heading(text: str) -> str | None:
    """Which committee column a heading names, by loose "contains" rules, or None."""
    s = squash(text)
    if not s or len(text) > _MAX_HEADING_CHARS:
        return None
    if "progress" in s:
        return "progress"
    if "servicelead" in s:
        return "service_lead"
    if "lead" in s:
        return "other_lead"
    if "theme" in s:
        return "theme"
    # Before the recommendation and the actions: "Action due date" names a date column. A cell
    # with a number in it ("Deadline March 2027") is a due date under the heading, not one.
    names_due = heading_key(text) in _DUE_NAMES or any(n in s for n in _DUE_INSIDE)
    if names_due and not any(c.isdigit() for c in s):
        return "due"
    if s in _STATUS_NAMES:
        return "status"
    if (
        "recommendation" in s
        or s.startswith("recafd")
        or "areafordevelopment" in s
        or "areaforpriorityaction" in s
    ):
        return "recommendation"
    if "action" in s:
        return "actions"
    return None


def cell_text(cell: Cell) -> str:
    """A cell as text; a date cell as it would be written in a paper ("3 March 2026")."""
    if isinstance(cell, date):
        return f"{cell.day} {cell:%B %Y}"
    return cell


def _match(cells: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = classify_heading(cell)
        if key and key not in columns:
            columns[key] = index
    # A plan with a single lead column ("Lead officer", "Operational Lead") names its service
    # leads there; only a heading that says "other" is kept for other leads.
    lone = columns.get("other_lead") if "service_lead" not in columns else None
    if lone is not None and "other" not in squash(cells[lone]):
        columns["service_lead"] = columns.pop("other_lead")
    return columns


def _complete(columns: dict[str, int]) -> bool:
    return all(k in columns for k in REQUIRED)


def is_rule(row: list[Cell]) -> bool:
    """Whether the row is only a drawn line ("-----", "=====") under a header."""
    cells = [c for c in row if c]
    return bool(cells) and all(isinstance(c, str) and _RULE.match(c) for c in cells)


def _has_ref(cells: list[str]) -> bool:
    return any(c and len(c) <= _MAX_HEADING_CHARS * 4 and parse_ref(c)[0] for c in cells)


@dataclass
class Header:
    start: int  # 0-based index of the header's first row
    end: int  # 0-based index of the first row after it
    columns: dict[str, int]
    headings: dict[str, str]


def next_content(rows: list[list[Cell]], index: int) -> int | None:
    while index < len(rows):
        row = rows[index]
        if any(row) and not is_rule(row):
            return index
        index += 1
    return None


def _joined(first: list[str], second: list[Cell]) -> list[str]:
    width = max(len(first), len(second))
    padded_first = first + [""] * (width - len(first))
    padded_second = [cell_text(c) for c in second] + [""] * (width - len(second))
    return [
        " ".join(p for p in pair if p) for pair in zip(padded_first, padded_second, strict=True)
    ]


def _continues(cells: list[str], row: list[Cell]) -> bool:
    """Whether `row` is the rest of the headings in `cells` ("Development (AFD)")."""
    texts = [cell_text(c) for c in row]
    filled = [(i, t) for i, t in enumerate(texts) if t]
    if not filled or _has_ref(texts):
        return False
    for index, text in filled:
        if index >= len(cells) or len(text) > _MAX_HEADING_CHARS:
            return False
        key = classify_heading(cells[index])
        if key is None or squash(cells[index]) in _FULL_HEADINGS[key]:
            return False
        if squash(f"{cells[index]} {text}") not in _FULL_HEADINGS[key]:
            return False
    return True


def header_at(rows: list[list[Cell]], index: int) -> Header | None:
    """The header starting at rows[index], spread over one or two rows, or None."""
    cells = [cell_text(c) for c in rows[index]]
    columns = _match(cells)
    if not columns or _has_ref(cells):
        return None
    end = index + 1
    if not _complete(columns):
        # Split over two rows: the next row completes it (and is not a header by itself).
        following = index + 1
        if following >= len(rows):
            return None
        second = [cell_text(c) for c in rows[following]]
        joined = _joined(cells, rows[following])
        columns = _match(joined)
        if not _complete(columns) or _has_ref(second) or _complete(_match(second)):
            return None
        cells, end = joined, following + 1
    following = next_content(rows, end)
    if following is not None and _continues(cells, rows[following]):
        cells, end = _joined(cells, rows[following]), following + 1
    headings = {key: clean_text(cells[i]) for key, i in columns.items()}
    return Header(index, end, columns, headings)


@dataclass
class NearHeader:
    """A row that reads as headings but lacks a column the layout needs (a typo such as
    "Improvement Thmee"): what it has, and what it lacks."""

    found: dict[str, str]  # column key -> the heading as written
    missing: list[str]  # column keys
    unknown: list[str]  # the row's other cells, which may be the misspelt headings


def near_header(row: list[Cell]) -> NearHeader | None:
    """The row, if two or more of its cells are headings but the layout's set is not complete."""
    cells = [cell_text(c) for c in row]
    columns = _match(cells)
    if len(columns) < 2 or _complete(columns) or _has_ref(cells):
        return None
    found = {key: clean_text(cells[i]) for key, i in columns.items()}
    unknown = [clean_text(c) for i, c in enumerate(cells) if c and i not in columns.values()]
    return NearHeader(found, [k for k in REQUIRED if k not in columns], unknown)


def find_header(rows: list[list[Cell]], limit: int = 30) -> Header | None:
    """The first header in the sheet's first `limit` rows."""
    for index in range(min(limit, len(rows))):
        if any(rows[index]):
            header = header_at(rows, index)
            if header:
                return header
    return None


def title_above(rows: list[list[Cell]], end: int) -> str | None:
    """The first text above the header, such as "Appendix 1 ... Improvement Plan - Feb 2022"."""
    for row in rows[:end]:
        for cell in row:
            text = clean_text(cell_text(cell)).lstrip("# ").strip()
            if text:
                return text
    return None
