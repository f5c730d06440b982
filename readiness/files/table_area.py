"""The table area of a sheet that reaches far beyond its plan, found without laying out the sheet.

calamine lays a sheet out as a dense grid from A1 to its last cell holding a value, so one stray
value at XFD1048576 asks for 17 billion cells: the reader runs out of memory, or the sheet is
refused by its declared extent (limits). When a sheet's extent is over the cell limit, its XML is
scanned for the cells that hold a value (a <v> or an inline string; a cell with only formatting
holds nothing, and calamine leaves it out of its grid anyway), and the sheet is read as its
table area only:

- If the cells holding values all fit in the limit (the extent came from formatting alone), the
  table area is their extent and nothing is left out.
- Otherwise the table area is the first block of values: from the first row holding a value down
  to the first gap of more than GAP_ROWS empty rows, and from the first column to the first gap
  of more than GAP_COLUMNS empty columns. A plan's sections are a few blank rows apart and it has
  about 20 columns, so a gap that wide is not inside the plan: what lies beyond it is a stray
  cell (typed in by mistake, or left behind by a paste) or a separate table.
- Every cell holding a value outside the area is left out, and each is reported as a warning
  naming its cell and value (the first LISTED_FAR_CELLS of them, then one warning for the rest):
  nothing is skipped without a word. calamine reads a copy of the workbook whose sheet has those
  cells cut out of its XML.
- A sheet whose table area, or whose count of values, is itself over the limit is still refused.

The scan is a regular expression over the sheet's bytes, not an XML parser: it runs in C, about
0.1 s for a 10,000-action sheet where expat's Python callbacks take a second. It finds cells as
Excel and every common writer store them (a cell reference in each cell). A cell it cannot place
(no reference) is not cut out: calamine still reads it, and the grid's size is checked again.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import zipfile
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter

from readiness.files.cell_values import cell_value
from readiness.files.limits import column_letters, column_number, grid_ref
from readiness.files.problems import Problem

GAP_ROWS = 1_000
GAP_COLUMNS = 100
LISTED_FAR_CELLS = 10
# Far rows and columns up to this many are looked for by their text (see _far_candidates).
_NAMED_FAR_LINES = 16
# The sheet is scanned in slices of about this size, so the references found at once stay few.
_SLICE_BYTES = 4 * 1024 * 1024
_NAME = rb"[A-Za-z_][\w.-]*"
_ROOT = re.compile(rb"<(?:(" + _NAME + rb"):)?worksheet[\s/>]")
_LEAVE_IT = "Delete it, or move it into the table if it belongs to the plan."


class TooManyCells(Exception):
    """The sheet's grid, from A1 to its last cell, is over the cell limit."""

    def __init__(self, rows: int, columns: int) -> None:
        super().__init__(f"{rows} rows × {columns} columns")
        self.rows, self.columns = rows, columns


@dataclass(frozen=True)
class FarCell:
    """A cell holding a value outside the table area: where it is, and its value as text."""

    row: int
    column: int
    value: str

    @property
    def ref(self) -> str:
        return f"{column_letters(self.column)}{self.row}"


@dataclass
class TableArea:
    """The grid to read, from A1 (rows × columns), and the cells holding values outside it."""

    rows: int
    columns: int
    far_count: int = 0
    listed: list[FarCell] = field(default_factory=list)  # the first far cells, with values
    last: FarCell | None = None  # the last far cell (its value is not read)
    # Where each far cell starts and ends in the sheet's XML, to cut it out of the copy
    # calamine reads: arrays, as there may be a great many.
    starts: array = field(default_factory=lambda: array("q"))
    ends: array = field(default_factory=lambda: array("q"))

    def contains(self, row: int, column: int) -> bool:
        """Whether a cell (row and column from 0) lies in the area."""
        return row < self.rows and column < self.columns


class _Patterns:
    """The regular expressions for one sheet, written for the prefix its elements carry."""

    def __init__(self, xml: bytes) -> None:
        root = _ROOT.search(xml, 0, 4096)
        prefix = re.escape(root.group(1) + b":") if root and root.group(1) else b""
        self.cell_start = re.compile(rb"<" + prefix + rb"c\s")
        self.cell_end = re.compile(rb"</" + prefix + rb"c\s*>")
        # A cell with a reference (letters, digits), then its formula if any, then a value
        # that is not empty. Atomic and possessive, so that a cell with no value (most cells of
        # a sheet of formatted rows) fails at once, without trying the tag again.
        self.value_cell = re.compile(
            rb"<" + prefix + rb"c\s(?>[^>]*?\br\s*=\s*[\"'])([A-Z]{1,3})([0-9]{1,7})[\"']"
            rb"[^>]*+>\s*+"
            rb"(?:<" + prefix + rb"f\b[^>]*?(?:/>|>[^<]*</" + prefix + rb"f\s*>)\s*)?"
            rb"<" + prefix + rb"(?:v(?:\s[^>]*)?>[^<]|is[\s>])"
        )


def find_area(
    xml: bytes, max_cells: int, read_strings: Callable[[set[int]], dict[int, str]]
) -> TableArea:
    """The table area of a sheet's XML, and the cells holding values outside it.

    `read_strings(indices)` gives the workbook's shared strings at those indices, for the values
    of the far cells reported. Raises TooManyCells if the sheet holds more than `max_cells`
    values, or if its table area is over the limit.
    """
    patterns = _Patterns(xml)
    rows, columns = _lines_holding_values(xml, patterns, max_cells)
    if not rows:
        return TableArea(0, 0)
    numbers = {int(digits) for digits in rows}
    letters = {column_number(name.decode()) for name in columns}
    if max(numbers) * max(letters) <= max_cells:
        return TableArea(max(numbers), max(letters))
    area = TableArea(_first_block(numbers, GAP_ROWS), _first_block(letters, GAP_COLUMNS))
    if area.rows * area.columns > max_cells:
        raise TooManyCells(area.rows, area.columns)
    listed = _find_far_cells(xml, patterns, area, rows, columns)
    typed = [(row, column, cell_value(snippet)) for row, column, snippet in listed]
    wanted = {int(text) for _, _, (kind, text) in typed if kind == "s" and text.isdecimal()}
    strings = read_strings(wanted) if wanted else {}
    area.listed = [
        FarCell(row, column, strings.get(int(text), "") if kind == "s" else text)
        for row, column, (kind, text) in typed
    ]
    return area


def _lines_holding_values(
    xml: bytes, patterns: _Patterns, max_cells: int
) -> tuple[set[bytes], set[bytes]]:
    """The row numbers and column letters, as written, of the cells holding values."""
    rows: set[bytes] = set()
    columns: set[bytes] = set()
    count = start = 0
    while start < len(xml):
        # Cut at a cell's start: no match reaches past one.
        after = patterns.cell_start.search(xml, start + _SLICE_BYTES)
        end = after.start() if after else len(xml)
        refs = patterns.value_cell.findall(xml, start, end)
        columns.update(map(itemgetter(0), refs))
        rows.update(map(itemgetter(1), refs))
        count += len(refs)
        if count > max_cells:
            widest = max(column_number(name.decode()) for name in columns)
            raise TooManyCells(max(int(digits) for digits in rows), widest)
        start = end
    return rows, columns


def _first_block(numbers: set[int], gap: int) -> int:
    """The last row (or column) of the first block of them, which ends at a gap of more than
    `gap` empty ones."""
    ordered = sorted(numbers)
    last = ordered[0]
    for number in ordered[1:]:
        if number - last - 1 > gap:
            break
        last = number
    return last


def _find_far_cells(
    xml: bytes, patterns: _Patterns, area: TableArea, rows: set[bytes], columns: set[bytes]
) -> list[tuple[int, int, bytes]]:
    """Record the places of the cells holding values outside the area; the first ones' XML.

    `rows` and `columns` are the row numbers and column letters holding values, as written.
    """
    kept_rows = {digits for digits in rows if int(digits) <= area.rows}
    kept_columns = {name for name in columns if column_number(name.decode()) <= area.columns}
    listed = []
    for found in _far_candidates(xml, patterns, rows - kept_rows, columns - kept_columns):
        letters, digits = found.groups()
        if digits in kept_rows and letters in kept_columns:
            continue
        closing = patterns.cell_end.search(xml, found.end())
        end = closing.end() if closing else len(xml)
        area.starts.append(found.start())
        area.ends.append(end)
        area.far_count += 1
        area.last = FarCell(int(digits), column_number(letters.decode()), "")
        if len(listed) < LISTED_FAR_CELLS:
            listed.append((area.last.row, area.last.column, xml[found.start() : end]))
    return listed


def _far_candidates(
    xml: bytes, patterns: _Patterns, far_rows: set[bytes], far_columns: set[bytes]
) -> Iterator[re.Match[bytes]]:
    """The cells holding values that may lie in a far row or column, in sheet order.

    A few far rows and columns are looked for by their text in the references ("XFD after a
    quote, 1048576" before one), which bytes.find does at memory speed: matching every cell
    again would cost as much as the scan itself. Many are found by matching every cell.
    """
    if len(far_rows) + len(far_columns) > _NAMED_FAR_LINES:
        yield from patterns.value_cell.finditer(xml)
        return
    keys = [quote + name for name in far_columns for quote in (b'"', b"'")]
    keys += [digits + quote for digits in far_rows for quote in (b'"', b"'")]
    starts = set()
    for key in keys:
        at = xml.find(key)
        while at >= 0:
            starts.add(xml.rfind(b"<", 0, at))  # the start of the element the text is in
            at = xml.find(key, at + 1)
    for start in sorted(starts):
        if found := patterns.value_cell.match(xml, start):
            yield found


def trimmed_workbook(path: str | os.PathLike, part: str, xml: bytes, area: TableArea) -> io.BytesIO:
    """A copy of the workbook whose sheet `part` has the far cells cut out of its XML.

    Stored, not compressed: it is read once, at once, and compressing would cost more than the
    read.
    """
    copy = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(copy, "w", zipfile.ZIP_STORED) as out:
        for item in source.infolist():
            with out.open(item.filename, "w", force_zip64=True) as target:
                if item.filename == part:
                    position = 0
                    for start, end in zip(area.starts, area.ends, strict=True):
                        target.write(xml[position:start])
                        position = end
                    target.write(xml[position:])
                else:
                    with source.open(item) as stream:
                        shutil.copyfileobj(stream, target)
    copy.seek(0)
    return copy


def far_cell_problems(file: str, sheet: str | None, area: TableArea) -> list[Problem]:
    """A warning for each far cell listed, and one for the rest."""
    table = grid_ref(area.rows, area.columns)
    problems = [
        Problem(
            file,
            sheet,
            cell.row,
            column_letters(cell.column),
            cell.value,
            f"is in cell {cell.ref}, far outside the plan's table ({table}), so it was left "
            "out of the import.",
            _LEAVE_IT,
        )
        for cell in area.listed
    ]
    rest = area.far_count - len(area.listed)
    if rest and area.last is not None:
        last = area.last
        problems.append(
            Problem(
                file,
                sheet,
                last.row,
                column_letters(last.column),
                None,
                f"{rest:,} more cells holding values lie far outside the plan's table ({table}), "
                f"the last of them in cell {last.ref}; they were left out of the import.",
                "Delete them, or move them into the table if they belong to the plan.",
            )
        )
    return problems
