"""Section rows in a committee paper: a row across the table naming what the blocks under it
are about, such as a judgement area ("Help and protection", "Children in care") or a council's
own heading ("Standard 1: Early help").

A section row holds one text and nothing else: merged across the table (every cell then gives
the same text), or in the table's first cell with the rest empty (as a merged row is saved to
CSV). It is told apart from the rows it could be taken for:

- a recommendation's own row ("REC 2 - Improve ...", merged across or alone) starts with a
  reference (text.parse_ref), and is read as that recommendation's start, never as a section;
- a recommendation written without its reference is followed by rows that continue it (their
  recommendation cell empty, or the same text merged down), so a one-text row followed so is not
  a section: it is read as a recommendation and its missing reference is reported, as before;
- the paper's title is the first text above the first header (committee_header.title_above),
  unless it names a judgement area: a plan is never titled just "Children in care".

A section lasts until the next section row, through any headers repeated under it. When its
text names judgement areas (as the canonical layout's judgement-areas cell names them), the
recommendations under it are tagged with them; otherwise it is reported as a warning, so that
no row is passed over without a word.
"""

from __future__ import annotations

import re

from readiness.files.area_names import AREA_NAMES, parse_areas
from readiness.files.free_text import clean_text, parse_ref
from readiness.files.reading import Cell
from readiness.plan.importing.committee_header import (
    Header,
    cell_text,
    header_at,
    next_content,
    title_above,
)

# A number or label before the section's name ("2. ", "B) ", "Section 3 - ", "Standard 1: ").
_LABEL = r"(?:judgement(?:\s+area)?|section|part|standard|domain|priority|theme)(?![a-z])"
_NUMBER = r"(?:\d{1,2}|[a-h]|[ivx]{1,4})"
_PREFIX = re.compile(
    rf"^(?:{_LABEL}\s*{_NUMBER}?\s*[:.)\-–—]?|{_NUMBER}\s*[:.)\-–—])\s*", re.IGNORECASE
)
NOT_AN_AREA = (
    "was read as a section heading and is not imported: it names no judgement area "
    f"({AREA_NAMES}). The recommendations under it are imported without one."
)
NOT_AN_AREA_FIX = (
    "Nothing, if it is not a judgement area. If it is, write the area's name in the row, such "
    'as "Help and protection".'
)


def section_areas(text: str) -> tuple[str, ...]:
    """The judgement area codes a section's text names ("2. Children in care" -> children in
    care), or () when it names none, or names something besides areas."""
    name = _PREFIX.sub("", clean_text(text).replace("&", " and "), count=1)
    codes, unknown = parse_areas(name)
    return codes if codes and not unknown else ()


def one_text(row: list[Cell], header: Header) -> str | None:
    """The row's text when it is its only content, in the table's first column (merged across
    the table, or alone in the first cell); else None."""
    filled = [i for i, c in enumerate(row) if c]
    if not filled or filled[0] > min(header.columns.values()):
        return None
    cell = row[filled[0]]  # a merged row gives every cell the same value
    if any(row[i] != cell for i in filled[1:]):
        return None
    return clean_text(cell_text(cell)) or None


def is_section(rows: list[list[Cell]], index: int, text: str, header: Header) -> bool:
    """Whether the one-text row rows[index] (see one_text) is a section: it gives no reference
    and no row continues it (see the module's docstring)."""
    if parse_ref(text)[0]:
        return False
    following = next_content(rows, index + 1)
    if following is None or header_at(rows, following) or one_text(rows[following], header):
        return True
    column = header.columns["recommendation"]
    below = rows[following][column] if column < len(rows[following]) else ""
    below_text = clean_text(cell_text(below))
    return bool(below_text) and below_text != text


def above_first(rows: list[list[Cell]], first: Header) -> tuple[str | None, list[tuple[int, str]]]:
    """The paper's title and its section rows (row index, text) above its first header."""
    title: str | None = None
    sections: list[tuple[int, str]] = []
    for index, row in enumerate(rows[: first.start]):
        text = one_text(row, first)
        names_area = bool(text) and bool(section_areas(text))
        if title is None and not names_area:
            title = title_above([row], 1)
            if title:
                continue
        if text and not parse_ref(text)[0]:
            sections.append((index, text))
    return title, sections
