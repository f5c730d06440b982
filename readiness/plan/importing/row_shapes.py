"""The rows of a canonical (or mapped) sheet that are not one action each, read before
template.py reads each action's row. Councils' own tables, re-keyed or pasted from a Word
document, hold them as a committee paper does (committee_sections.py; its tests of a row of one
text are used here too):

- a section row: one text across the table (merged, so every cell gives it, or alone in the
  first cell, as Excel saves a merged row to CSV) naming a judgement area ("Help and
  protection"): the recommendations under it, up to the next section, are given that area. One
  naming no area is a section all the same, and said.
- a recommendation's heading: one text across the table starting with a number or a ref ("1.
  Strengthen the front door", "REC 2 - ..."), a row numbered 1, 2, ... with no action and no
  lead, or a text in the recommendation column that the rows under it leave blank or repeat.
  One numbered 1.1 is a theme's heading. What a heading gives the rows under it is kept and
  filled in by heading_rows.py.
- the heading row again, where a Word table broke across pages: skipped, and said.
- a continuation row: no number, action or lead, only text in the columns a long cell runs on
  in (JOINED), where a page break cut the row above in two: each of its cells is joined to the
  one above (a merged cell carried across the break, repeating it, is not joined twice).

Where the plan has a ref column and no theme column, its numbering is its structure (outline);
an action cell of several actions, one per line, is one action per line (action_lines).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from readiness.files.debris import garbage_problem
from readiness.files.free_text import clean_text, parse_ref
from readiness.files.reading import PROGRESS_EVERY, Cell, Progress
from readiness.framework import AREA_SHORT_LABELS
from readiness.plan.importing import headings
from readiness.plan.importing.action_lines import said as split_said
from readiness.plan.importing.action_lines import split_row
from readiness.plan.importing.committee_sections import (
    NOT_AN_AREA,
    NOT_AN_AREA_FIX,
    one_text,
    section_areas,
)
from readiness.plan.importing.dates import looks_like_date
from readiness.plan.importing.heading_rows import HeadingRows
from readiness.plan.importing.mapping import heading_key, row_headings
from readiness.plan.importing.outline import Outline, read_outline
from readiness.text import one_line

# The columns a long cell runs on in, past a page break.
JOINED = ("due", "due_text", "progress_note", "recovery_note", "evidence")
# A heading's number before its text: "1. ", "2) ", "1.1 ", "3: ".
_NUMBERED = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)[.):]?\s+(?=\S)")
_WORD = re.compile(r"[^\W\d_]{3,}")
NOTHING_TO_DO = "Nothing to do."
REPEATED = "This row repeats the heading row (a table broken across pages), so it was skipped."
ReadRow = Callable[[int, list[Cell]], None]


def _text(cell: Cell) -> str:
    return f"{cell:%d/%m/%Y}" if isinstance(cell, date) else cell


def _joined(above: Cell, below: Cell) -> Cell:
    return f"{_text(above)}\n{_text(below)}" if above else below


class RowShapes:
    """Reads a sheet's rows for template._Reader (`reader`), handing it each action's row."""

    def __init__(self, reader, split_lines: bool) -> None:
        self.reader, self.header = reader, reader.header
        self.columns: dict[str, int] = reader.header.columns
        heading_row = row_headings(reader.rows[self.header.index])
        used = set(self.columns.values())
        self.heading_keys = [
            (p, heading_key(t)) for p, t in enumerate(heading_row) if t and p in used
        ]
        self.needed = [self.columns[k] for k in headings.NEEDED + ("ref",) if k in self.columns]
        # What a continuation row is checked against (key, position, heading): the plan's
        # columns, and each further progress column, which a long note runs on in as well.
        self.joinable = [(k, p, self.header.headings.get(k, k)) for k, p in self.columns.items()]
        self.joinable += [
            ("progress_note", p, heading)
            for p, (heading, _) in self.header.progress.items()
            if p not in used
        ]
        ref = self.columns.get("ref")
        self.outline: Outline | None = None
        if ref is not None and "theme" not in self.columns:
            self.outline = read_outline(reader.rows, self.header.index + 1, ref)
        # Only a council's own table: the template's layout is one action per row.
        self.split = split_lines and self.header.aliased
        self.areas: tuple[str, ...] = ()  # the judgement areas of the section we are in
        self.theme: str | None = None  # the theme of the row being read, where it says one
        self.headings = HeadingRows(self)
        self.pending: tuple[int, list[Cell], str | None] | None = None

    def note(self, number: int, key: str | None, value, message: str, fix: str) -> None:
        self.reader.problem(number, key, value, message, fix, warning=True)

    def cell(self, row: list[Cell], key: str) -> Cell:
        position = self.columns.get(key)
        return row[position] if position is not None and position < len(row) else ""

    def words(self, row: list[Cell], key: str) -> str:
        """The cell's text on one line (tidied once per file by the reader, as it reads it)."""
        position = self.columns.get(key)
        return one_line(self.reader.clean(row, position)) if position is not None else ""

    def read(self, read_row: ReadRow, progress: Progress | None) -> None:
        """Read every row under the headings, handing each action's row to `read_row`."""
        rows, start = self.reader.rows, self.header.index + 1
        for note in self.outline.notes() if self.outline else ():
            self.note(start, None, None, note, NOTHING_TO_DO)
        total = len(rows)
        for index in range(start, total):
            if progress and index % PROGRESS_EVERY == 0:
                progress(index, total, "validating")
            if any(rows[index]):
                self.shape(index, rows[index], read_row)
        self.flush(read_row)
        self.headings.start(None)
        self.headings.unused_leads()
        self.headings.said_filled_down()

    def shape(self, index: int, row: list[Cell], read_row: ReadRow) -> None:
        number = index + 1
        if self.repeats_heading(row):
            self.note(number, None, None, REPEATED, NOTHING_TO_DO)
            return
        if self.pending and self.join(number, row):
            return
        self.flush(read_row)
        text = one_text(row, self.header) if self.may_be_one_text(row) else None
        if text and self.spanning(index, row, text):
            return
        self.data(index, list(row), read_row)

    def may_be_one_text(self, row: list[Cell]) -> bool:
        """False at once for the usual row, whose needed cells hold different texts (a quick
        test before committee_sections.one_text looks at every cell)."""
        seen = None
        for position in self.needed:
            cell = row[position] if position < len(row) else ""
            if cell:
                if seen is not None and cell != seen:
                    return False
                seen = cell
        return True

    def repeats_heading(self, row: list[Cell]) -> bool:
        if len(self.heading_keys) < 2:
            return False
        position, key = self.heading_keys[0]
        first = row[position] if position < len(row) else ""
        if not isinstance(first, str) or heading_key(first) != key:
            return False
        texts = row_headings(row)
        return all(p < len(texts) and heading_key(texts[p]) == k for p, k in self.heading_keys)

    # --- A row across the table -------------------------------------------------------------

    def spanning(self, index: int, row: list[Cell], text: str) -> bool:
        """Read a row of one text as a section or a heading; False if it is neither (a stray
        value, a date, debris), for template.py to report as it would any row."""
        first = next(c for c in row if c)
        if isinstance(first, date) or not _WORD.search(text) or garbage_problem(text):
            return False
        if looks_like_date(text):
            return False
        number = index + 1
        areas = section_areas(text)
        if areas:
            return self.section(number, text, areas)
        ref, _, rest = parse_ref(text)
        numbered = _NUMBERED.match(text)
        rest = text[numbered.end() :].strip() if numbered else rest
        if ref:
            self.headings.recommendation(ref, rest, number)
        elif numbered and "." in numbered.group(1):
            self.headings.theme(numbered.group(1), rest, number)
        elif numbered:
            self.headings.recommendation(numbered.group(1), rest, number)
        elif self.heads_recommendations(index, row, text):
            self.headings.recommendation("", text, number)
        elif self.only_action(row):
            return False  # an action with nothing else: template.py says what it lacks
        else:
            return self.section(number, text, ())
        return True

    def only_action(self, row: list[Cell]) -> bool:
        """Whether the action cell is the row's one filled cell (not merged across)."""
        filled = [i for i, c in enumerate(row) if c]
        return filled == [self.columns["action"]]

    def section(self, number: int, text: str, areas: tuple[str, ...]) -> bool:
        self.areas = areas
        self.headings.start(None)
        if not areas:
            self.note(number, None, text, NOT_AN_AREA, NOT_AN_AREA_FIX)
            return True
        names = ", ".join(AREA_SHORT_LABELS[a] for a in areas)
        self.note(
            number,
            None,
            text,
            "was read as a section heading: the recommendations under it, up to the next "
            f"section, are given its judgement area ({names}).",
            NOTHING_TO_DO,
        )
        return True

    def heads_recommendations(self, index: int, row: list[Cell], text: str) -> bool:
        """Whether a text in the recommendation column alone is the heading of the rows under
        it: the next row leaves its recommendation cell blank or repeats the text."""
        position = self.columns.get("recommendation")
        if position is None or next(i for i, c in enumerate(row) if c) != position:
            return False
        for below in self.reader.rows[index + 1 :]:
            if any(below):
                cell = below[position] if position < len(below) else ""
                return not cell or clean_text(_text(cell)) == text
        return False

    # --- A row of its own, or an action's ---------------------------------------------------

    def data(self, index: int, row: list[Cell], read_row: ReadRow) -> None:
        lettered = self.outline.ref_cell(index) if self.outline else None
        if lettered:  # "a)" under 1.1 is read as 1.1a
            row[self.columns["ref"]] = lettered
        if not self.headings.own_row(index, row, read_row):
            self.pending = (index + 1, row, self.headings.fill(index, row))

    # --- A row the row above runs on in, and reading a row ------------------------------------

    def join(self, number: int, row: list[Cell]) -> bool:
        """Join a continuation row to the pending row above (see the module's docstring)."""
        start, above, _ = self.pending
        above.extend([""] * (len(row) - len(above)))  # a CSV row may end early
        action = self.columns["action"]
        if action < len(row) and row[action] and row[action] != above[action]:
            return False  # the usual row: an action of its own
        added = []  # (key, position, heading) of each cell to join
        for key, position, heading in self.joinable:
            cell = row[position] if position < len(row) else ""
            if not cell or cell == above[position]:
                continue
            if key not in JOINED:
                return False
            added.append((key, position, heading))
        if not added:
            return False
        added.sort(key=lambda found: found[1])  # said in the columns' order
        for _, position, _ in added:
            above[position] = _joined(above[position], row[position])
        names = " and ".join(heading for _, _, heading in added)
        self.note(
            number,
            added[0][0],
            None,
            f"This row has no number, action or lead, so it was read as the rest of row {start} "
            f"(a table broken across pages): its {names} text was added to that row's.",
            "Nothing, if that is right. If it is an action of its own, give it its number, "
            "action and lead.",
        )
        return True

    def flush(self, read_row: ReadRow) -> None:
        """Read the pending row: as one action, or one per line of its action cell."""
        if self.pending is None:
            return
        number, row, self.theme = self.pending
        self.pending = None
        pieces, leads = split_row(row, self.columns) if self.split else ([row], "same")
        if len(pieces) == 1:
            read_row(number, row)
            return
        reader = self.reader
        marks = (len(reader.errors), len(reader.warnings))
        for piece in pieces:
            read_row(number, piece)
        for found, mark in zip((reader.errors, reader.warnings), marks, strict=True):
            # Each piece repeats the row's other cells: a problem with them is said once.
            found[mark:] = list(dict.fromkeys(found[mark:]))
        self.note(number, "action", None, *split_said(len(pieces), leads))
