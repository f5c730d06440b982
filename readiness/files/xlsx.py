"""An .xlsx workbook's cell values, read by python-calamine (Rust), as openpyxl would give them.

calamine gives the cached result of a formula, dates for date-formatted numbers (on either
calendar), and each sheet's merged ranges. This adapter lays each sheet out from row 1 and
column A, gives every cell of a merged range the range's top-left value, and reports progress.
tests/test_import_xlsx_reader.py checks it against openpyxl's full load on every kind of fixture.

Two things calamine does not give are read from the workbook's XML. The sheet Excel opens on
(the active tab): sheet_names puts it first, then the other visible worksheets, then hidden and
chart sheets, so a hidden old copy placed first is not read instead of the plan. And error
values (#REF!, #N/A, ...): calamine reads them as empty cells (python-calamine issue 105), so a
lead lost to a broken formula would import as no lead. A cell holding one is given its text, as
openpyxl gives it, for the importers to report. And cells' fill colours (fills), which a plan
may use for an action's status: read only for a workbook with a format filled in a RAG colour.

calamine has no way to read part of a sheet: its grid reaches from A1 to the last cell holding a
value. read_table reads a sheet whose extent is over the limit as its table area only
(table_area), calamine reading a copy of the workbook with the cells beyond the area cut out.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timedelta
from xml.etree import ElementTree
from xml.parsers.expat import ParserCreate

from python_calamine import (
    CalamineSheet,
    CalamineWorkbook,
    SheetMetadata,
    SheetTypeEnum,
    SheetVisibleEnum,
)

from readiness.files.cell_values import shared_strings
from readiness.files.fills import Fill, style_colours
from readiness.files.limits import column_number
from readiness.files.table_area import TableArea, TooManyCells, find_area, trimmed_workbook

Value = str | int | float | bool | date | datetime | time | timedelta | None
# Called with (rows read, rows in the sheet) every so many rows.
RowProgress = Callable[[int, int], None]

# Where calamine finds the workbook part and its relationships (it does not follow _rels/.rels).
_WORKBOOK = "xl/workbook.xml"
_WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
# Error cells are found by their type attribute, t="e": a sheet with no "e" in quotes has none,
# and checking that costs little more than unpacking the sheet. Read in chunks of this size.
_CHUNK_BYTES = 1024 * 1024
_QUOTED_E = (b'"e"', b"'e'")
_CELL_REF = re.compile(r"([A-Z]+)([1-9][0-9]*)")
# A cell's start tag (any namespace prefix), and its reference, as in a sheet's XML.
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c\s")
_REF_ATTRIBUTE = re.compile(rb"""\sr\s*=\s*["']([A-Z]{1,3})([1-9][0-9]{0,6})["']""")
_MERGE = re.compile(
    rb"""<(?:[A-Za-z_][\w.-]*:)?mergeCell\s+ref\s*=\s*["']"""
    rb"""([A-Z]{1,3})([1-9][0-9]{0,6}):([A-Z]{1,3})([1-9][0-9]{0,6})["']"""
)
# The workbook's parts read besides its sheets, by the last word of their relationship type.
_RELATED = ("sharedStrings", "styles", "theme")


class Workbook:
    """An .xlsx file's sheet names, in the order to try them, and each sheet's rows of values
    on demand."""

    def __init__(self, path) -> None:
        self._path = path
        self._book = CalamineWorkbook.from_path(path)
        metadata = self._book.sheets_metadata
        self._charts = {sheet.name for sheet in metadata if sheet.typ == SheetTypeEnum.ChartSheet}
        with zipfile.ZipFile(path) as archive:
            self._parts, active, self._related = _sheet_parts(archive)
        self.sheet_names = _reading_order(metadata, active)

    def close(self) -> None:
        self._book.close()

    def rows(
        self,
        name: str,
        convert: Callable[[Value], object] = lambda value: value,
        progress: RowProgress | None = None,
        every: int = 200,
        max_cells: int | None = None,
    ) -> list[list]:
        """The sheet's rows from row 1, all as wide as the widest (merged ranges included).

        Each value is given as `convert(value)`, an error value as `convert("#REF!")` (its text),
        an empty cell as `convert(None)`; every cell of a merged range has the range's (top-left)
        value. Raises TooManyCells, before building any row, if rows × columns is over
        `max_cells`.
        """
        if name in self._charts:
            return []
        sheet = self._book.get_sheet_by_name(name)
        errors = self._error_values(name)
        return self._grid(sheet, errors, convert, progress, every, max_cells)

    def read_table(
        self,
        name: str,
        max_cells: int,
        convert: Callable[[Value], object] = lambda value: value,
        progress: RowProgress | None = None,
        every: int = 200,
    ) -> tuple[list[list], TableArea]:
        """The rows of the sheet's table area only, as `rows` gives them, and the area with the
        cells holding values left out of it (see table_area). For a sheet whose extent is over
        the limit: it scans the sheet's XML first. Raises TooManyCells if the area (or the grid
        calamine still finds) is over `max_cells`."""
        part = self._parts.get(name)
        if name in self._charts or part is None:  # no XML of its own to scan: read as it is
            return self.rows(name, convert, progress, every, max_cells), TableArea(0, 0)
        with zipfile.ZipFile(self._path) as archive:
            xml = archive.read(part)
            area = find_area(xml, max_cells, lambda wanted: self._strings(archive, wanted))
            trimmed = trimmed_workbook(self._path, part, xml, area) if area.far_count else None
        errors = _marked_cells(io.BytesIO(xml))[0] if any(q in xml for q in _QUOTED_E) else {}
        del xml  # the copy holds what calamine needs
        if trimmed is None:
            sheet = self._book.get_sheet_by_name(name)
            return self._grid(sheet, errors, convert, progress, every, max_cells, area), area
        with CalamineWorkbook.from_filelike(trimmed) as book:
            sheet = book.get_sheet_by_name(name)
            return self._grid(sheet, errors, convert, progress, every, max_cells, area), area

    def _grid(
        self,
        sheet: CalamineSheet,
        errors: dict[tuple[int, int], str],
        convert: Callable[[Value], object],
        progress: RowProgress | None,
        every: int,
        max_cells: int | None,
        area: TableArea | None = None,
    ) -> list[list]:
        """The sheet's rows (see `rows`), given its error values; merged ranges and error values
        only within `area`."""
        merges = sheet.merged_cell_ranges or []
        if area is not None:
            merges = [merge for merge in merges if area.contains(*merge[0])]
            errors = {place: text for place, text in errors.items() if area.contains(*place)}
            if max_cells is not None and math.prod(_extent(sheet, merges, errors)) > max_cells:
                # Cut to the area: what a merge spreads beyond it is a copy of a value in it.
                merges = [
                    (top_left, (min(bottom, area.rows - 1), min(right, area.columns - 1)))
                    for top_left, (bottom, right) in merges
                ]
        height, width = _extent(sheet, merges, errors)
        # calamine has laid out its own grid by now (the reader's memory limit bounds that);
        # stop before the slow part, turning every cell of it into Python.
        if max_cells is not None and height * width > max_cells:
            raise TooManyCells(height, width)
        empty = convert(None)
        total = max(height, 1)
        rows = []
        # Not iter_rows: it starts at the first column with data, not at column A.
        for number, values in enumerate(sheet.to_python(skip_empty_area=False), 1):
            rows.append([empty if v == "" else convert(v) for v in values])
            if progress and number % every == 0:
                progress(number, total)
        for row in rows:
            row.extend([empty] * (width - len(row)))
        rows.extend([empty] * max(width, 1) for _ in range(total - len(rows)))
        for (row, column), text in errors.items():
            rows[row][column] = convert(text)
        for (top, left), (bottom, right) in merges:
            value = rows[top][left]
            for row in rows[top : bottom + 1]:
                row[left : right + 1] = [value] * (right - left + 1)
        return rows

    def _strings(self, archive: zipfile.ZipFile, wanted: set[int]) -> dict[int, str]:
        """The workbook's shared strings at the `wanted` indices."""
        if "sharedStrings" not in self._related:
            return {}
        with archive.open(self._related["sharedStrings"]) as stream:
            return shared_strings(stream, wanted)

    def fills(self, name: str, height: int, width: int) -> dict[tuple[int, int], Fill]:
        """The RAG colour each cell of the sheet is filled with (see fills), by (row, column)
        from 0, within its first `height` rows and `width` columns; a merged range's top-left
        colour given to all its cells, as its value is."""
        part, styles = self._parts.get(name), self._related.get("styles")
        if part is None or styles is None:
            return {}
        with zipfile.ZipFile(self._path) as archive:
            colours = style_colours(archive, styles, self._related.get("theme"))
            if not colours:  # most workbooks: no format filled in a RAG colour
                return {}
            xml = archive.read(part)
        styled = _styled_by_reference(xml, colours)
        if styled is None:  # a cell with no reference: placed by walking the whole sheet
            styled = _marked_cells(io.BytesIO(xml), colours)[1]
        for (top, left), (bottom, right) in _merged_ranges(xml) if styled else ():
            if colour := styled.get((top, left)):
                for row in range(top, min(bottom + 1, height)):
                    for column in range(left, min(right + 1, width)):
                        styled[(row, column)] = colour
        return {(r, c): v for (r, c), v in styled.items() if r < height and c < width}

    def _error_values(self, name: str) -> dict[tuple[int, int], str]:
        """The sheet's error values ("#REF!") by (row, column) from 0, read from its XML."""
        part = self._parts.get(name)
        if part is None:
            return {}
        with zipfile.ZipFile(self._path) as archive:
            with archive.open(part) as stream:
                if not _mentions_quoted_e(stream):
                    return {}
            with archive.open(part) as stream:
                return _marked_cells(stream)[0]


def _extent(sheet: CalamineSheet, merges: list, errors: dict) -> tuple[int, int]:
    """The rows and columns of the grid from A1 that holds calamine's cells, the merged ranges
    and the error values."""
    height, width = (sheet.end[0] + 1, sheet.end[1] + 1) if sheet.end else (0, 0)
    for _, (bottom, right) in merges:
        height, width = max(height, bottom + 1), max(width, right + 1)
    for row, column in errors:
        height, width = max(height, row + 1), max(width, column + 1)
    return height, width


def _sheet_parts(archive: zipfile.ZipFile) -> tuple[dict[str, str], int, dict[str, str]]:
    """Each sheet's part by name, as calamine finds them, the index of the active sheet, and the
    workbook's parts of the kinds in _RELATED (the shared strings, styles and theme) by kind."""
    names = {name.lower(): name for name in archive.namelist()}
    targets, related = {}, {}
    for element in ElementTree.fromstring(archive.read(names[_WORKBOOK_RELS])).iter():
        if _local(element.tag) == "Relationship":
            target = element.get("Target", "")
            if target.startswith("/xl/"):
                target = target[1:]
            elif not target.startswith("xl/"):
                target = "xl/" + target
            targets[element.get("Id")] = names.get(target.lower())
            kind = element.get("Type", "").rsplit("/", 1)[-1]
            if kind in _RELATED and names.get(target.lower()):
                related.setdefault(kind, names[target.lower()])
    parts, active = {}, None
    for element in ElementTree.fromstring(archive.read(names[_WORKBOOK])).iter():
        tag = _local(element.tag)
        if tag == "workbookView" and active is None:  # the first window is the one Excel opens
            tab = element.get("activeTab", "0")
            active = int(tab) if tab.isdecimal() else 0
        elif tag == "sheet":
            rel_id = next((v for k, v in element.attrib.items() if _local(k) == "id"), None)
            if part := targets.get(rel_id):
                parts[element.get("name", "")] = part
    return parts, active or 0, related


def _reading_order(metadata: list[SheetMetadata], active: int) -> list[str]:
    """The sheet names as a person meets them: the active sheet if it is a visible worksheet,
    the other visible worksheets, then the rest (hidden, chart), each group in workbook order."""

    def rank(numbered: tuple[int, SheetMetadata]) -> int:
        number, sheet = numbered
        if sheet.typ != SheetTypeEnum.WorkSheet or sheet.visible != SheetVisibleEnum.Visible:
            return 2
        return 0 if number == active else 1

    return [sheet.name for _, sheet in sorted(enumerate(metadata), key=rank)]


def _styled_by_reference(xml: bytes, styles: Mapping[str, object]) -> dict | None:
    """What `styles` says of each cell whose format it names, by (row, column) from 0, found
    by searching the sheet's XML for those formats' numbers (many times faster than walking
    every cell: a RAG colour is on a column or two); None if such a cell has no reference."""
    quoted = rb"""["'](""" + b"|".join(re.escape(n.encode()) for n in styles) + rb""")["']"""
    # Searched for as written (s="5": ten times faster, the search starting from the letters),
    # unless the sheet puts spaces around an "=", as no common program does.
    spaced = b"s =" in xml or b"s= " in xml
    pattern = re.compile(rb"\ss\s*=\s*" + quoted if spaced else rb"s=" + quoted)
    found = {}
    for match in pattern.finditer(xml):
        if not spaced and not xml[match.start() - 1 : match.start()].isspace():
            continue  # the end of another attribute's name ("bs=")
        start = xml.rfind(b"<", 0, match.start())
        tag = xml[start : xml.find(b">", match.end()) + 1]
        if not _CELL_TAG.match(tag):  # a row's or a column's format, not a cell's
            continue
        ref = _REF_ATTRIBUTE.search(tag)
        if ref is None:
            return None
        column, row = column_number(ref.group(1).decode()) - 1, int(ref.group(2)) - 1
        found[(row, column)] = styles[match.group(1).decode()]
    return found


def _merged_ranges(xml: bytes) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The sheet's merged ranges as calamine gives them, ((top, left), (bottom, right)) from 0,
    read from its XML (calamine would read the whole sheet again to give them)."""
    found = []
    for match in _MERGE.finditer(xml):
        left, top, right, bottom = match.groups()
        found.append(
            (
                (int(top) - 1, column_number(left.decode()) - 1),
                (int(bottom) - 1, column_number(right.decode()) - 1),
            )
        )
    return found


def _mentions_quoted_e(stream) -> bool:
    """Whether the XML holds "e" in quotes anywhere: the value of an error cell's type."""
    tail = b""
    while chunk := stream.read(_CHUNK_BYTES):
        window = tail + chunk
        if any(quoted in window for quoted in _QUOTED_E):
            return True
        tail = chunk[-2:]  # a quoted "e" split between two chunks
    return False


def _marked_cells(
    stream, styles: Mapping[str, object] | None = None
) -> tuple[dict[tuple[int, int], str], dict[tuple[int, int], object]]:
    """The error values of a sheet's XML by (row, column) from 0, and what `styles` says of each
    cell whose format (its s attribute) it names.

    Cells are placed as calamine places them: by their reference, else after the cell before
    (a writer may leave references out).
    """
    found: dict[tuple[int, int], str] = {}
    styled: dict[tuple[int, int], str] = {}
    where = [-1, -1]  # the row and column of the current cell
    text: list[str] | None = None  # the characters of an error cell's value, while in it
    in_error = False

    def start(tag: str, attributes: dict[str, str]) -> None:
        nonlocal in_error, text
        tag = _local(tag)
        if tag == "row":
            number = attributes.get("r", "")
            where[:] = [int(number) - 1 if number.isdecimal() else where[0] + 1, -1]
        elif tag == "c":
            ref = _CELL_REF.fullmatch(attributes.get("r", ""))
            if ref:
                where[:] = [int(ref.group(2)) - 1, column_number(ref.group(1)) - 1]
            else:
                where[1] += 1
            in_error = attributes.get("t") == "e"
            if styles and (what := styles.get(attributes.get("s", ""))) and min(where) >= 0:
                styled[(where[0], where[1])] = what
        elif tag == "v" and in_error:
            text = []

    def end(tag: str) -> None:
        nonlocal in_error, text
        tag = _local(tag)
        if tag == "v" and text is not None:
            if min(where) >= 0:  # else a cell outside any row: calamine has no place for it
                found[(where[0], where[1])] = "".join(text).strip()
            text = None
        elif tag == "c":
            in_error = False

    def characters(data: str) -> None:
        if text is not None:
            text.append(data)

    parser = ParserCreate(namespace_separator="}")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    parser.ParseFile(stream)
    return {place: value for place, value in found.items() if value}, styled


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
