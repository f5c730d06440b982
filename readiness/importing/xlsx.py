"""A fast reader of an .xlsx workbook's cell values, built on zipfile and ElementTree.

openpyxl builds an object for every cell and every piece of rich text, which for a
10,000-action plan takes seconds; this reads each sheet's XML once, as a stream, and keeps only
the values. It gives what `openpyxl.load_workbook(path, data_only=True)` gives for the same
cells (the cached result of a formula, dates for date-formatted numbers, the 1904 calendar) and
reads the sheet's merged ranges in the same pass, so both plan layouts use it.
tests/test_import.py checks it against openpyxl on every kind of fixture.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from xml.etree.ElementTree import Element, XMLPullParser, fromstring

from openpyxl.styles.numbers import builtin_format_code, is_date_format, is_timedelta_format
from openpyxl.utils.cell import column_index_from_string, range_boundaries
from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel, from_ISO8601

Value = str | int | float | bool | date | datetime | time | timedelta | None
# Called with (rows read, rows in the sheet) every so many rows.
RowProgress = Callable[[int, int], None]

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}Override"
_DOC_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_SHARED_STRINGS_TYPE = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
)
_ROW, _CELL, _VALUE = _MAIN + "row", _MAIN + "c", _MAIN + "v"
_INLINE, _TEXT, _RUN = _MAIN + "is", _MAIN + "t", _MAIN + "r"
_MERGE, _DIMENSION = _MAIN + "mergeCell", _MAIN + "dimension"
_DIGITS = "0123456789"
_CHUNK = 1 << 16


class Workbook:
    """An .xlsx file's sheet names, and each sheet's rows of values on demand."""

    def __init__(self, path) -> None:
        self._zip = zipfile.ZipFile(path)
        try:
            self._load()
        except BaseException:
            self._zip.close()
            raise

    def _load(self) -> None:
        names = set(self._zip.namelist())
        book_path = _office_document(self._xml("_rels/.rels"))
        book = self._xml(book_path)
        folder = posixpath.dirname(book_path)
        rels_path = posixpath.join(folder, "_rels", posixpath.basename(book_path) + ".rels")
        targets = {}
        if rels_path in names:
            for rel in self._xml(rels_path).iter(_PACKAGE_RELS):
                targets[rel.get("Id")] = _resolve(folder, rel.get("Target", ""))
        # Sheets in workbook order, as openpyxl lists them (a sheet whose part is missing is not).
        self._parts: dict[str, str] = {}
        for sheet in book.iter(_MAIN + "sheet"):
            part = targets.get(sheet.get(_DOC_REL_ID))
            if part in names:
                self._parts[sheet.get("name", "")] = part
        properties = book.find(_MAIN + "workbookPr")
        flag = properties.get("date1904") if properties is not None else None
        self._epoch = MAC_EPOCH if flag and flag not in ("false", "f", "0") else WINDOWS_EPOCH
        strings_path = _shared_strings_path(self._xml("[Content_Types].xml"))
        self._strings = self._shared_strings(strings_path) if strings_path in names else []
        self._dates: dict[tuple[str, int], Value] = {}
        self._date_styles, self._timedelta_styles = (
            _date_styles(self._xml("xl/styles.xml")) if "xl/styles.xml" in names else (set(), set())
        )

    @property
    def sheet_names(self) -> list[str]:
        return list(self._parts)

    def close(self) -> None:
        self._zip.close()

    def _xml(self, name: str) -> Element:
        return fromstring(self._zip.read(name))

    def _elements(self, name: str) -> Iterator[Element]:
        """The sheet part's elements as each ends, read in chunks so a big sheet is never whole."""
        parser = XMLPullParser(events=("end",))
        with self._zip.open(name) as source:
            while chunk := source.read(_CHUNK):
                parser.feed(chunk)
                for _, element in parser.read_events():
                    yield element
        parser.close()
        for _, element in parser.read_events():
            yield element

    def _date(self, text: str, style_id: int) -> Value:
        number = float(text) if "." in text or "E" in text or "e" in text else int(text)
        try:
            return from_excel(number, self._epoch, timedelta=style_id in self._timedelta_styles)
        except (OverflowError, ValueError):
            return "#VALUE!"

    def _shared_strings(self, name: str) -> list[str]:
        strings = []
        for element in self._elements(name):
            if element.tag == _MAIN + "si":
                strings.append(_rich_text(element).replace("x005F_", ""))
                element.clear()
        return strings

    def rows(
        self,
        name: str,
        convert: Callable[[Value], object] = lambda value: value,
        progress: RowProgress | None = None,
        every: int = 200,
    ) -> list[list]:
        """The sheet's rows from row 1, all as wide as the widest (merged ranges included).

        Each value is given as `convert(value)`, a missing cell as `convert(None)`; every cell of
        a merged range has the range's (top-left) value.
        """
        part = self._parts[name]
        if "chartsheet" in part:
            return []
        found: list[tuple[int, list[tuple[int, object]]]] = []
        merges: list[tuple[int, int, int, int]] = []
        max_row = max_col = row_number = total = 0
        next_report = every
        columns, value_of = _COLUMNS, self._value
        parser = XMLPullParser(events=("end",))
        with self._zip.open(part) as source:
            chunk = b"-"
            while chunk:
                chunk = source.read(_CHUNK)
                if chunk:
                    parser.feed(chunk)
                else:
                    parser.close()
                for _, element in parser.read_events():
                    if element.tag != _ROW:
                        if element.tag == _MERGE:
                            bounds = range_boundaries(element.get("ref", ""))
                            if None not in bounds:
                                merges.append(bounds)
                        elif element.tag == _DIMENSION:
                            total = _dimension_rows(element.get("ref", ""))
                        continue
                    number = element.get("r")
                    row_number = int(float(number)) if number else row_number + 1
                    column = 0
                    cells: list[tuple[int, object]] = []
                    for cell in element:
                        ref = cell.get("r")
                        if ref:
                            letters = ref.rstrip(_DIGITS)
                            column = columns.get(letters) or _column(letters)
                            digits = ref[len(letters) :]
                            at_row = row_number if digits == number else int(digits)
                        else:
                            column += 1
                            at_row = row_number
                        if column > max_col:
                            max_col = column
                        if at_row > max_row:
                            max_row = at_row
                        kind = cell.get("t")
                        if kind == "inlineStr":
                            inline = cell.find(_INLINE)
                            if inline is None:
                                continue
                            if len(inline) == 1 and inline[0].tag == _TEXT:
                                value = inline[0].text or ""
                            else:
                                value = _rich_text(inline)
                        else:
                            value = value_of(cell, kind)
                            if value is None:
                                continue
                        if at_row == row_number:
                            cells.append((column, convert(value)))
                        else:  # a cell whose reference names another row: rare, but valid
                            found.append((at_row, [(column, convert(value))]))
                    element.clear()
                    if cells:
                        found.append((row_number, cells))
                    if progress and row_number >= next_report:
                        total = max(total, row_number)
                        progress(row_number, total)
                        next_report = row_number - row_number % every + every
        for _, _, right, bottom in merges:
            max_col, max_row = max(max_col, right), max(max_row, bottom)
        empty = convert(None)
        width = max_col or 1
        rows = [[empty] * width for _ in range(max_row or 1)]
        for number, cells in found:
            row = rows[number - 1]
            for column, value in cells:
                row[column - 1] = value
        for left, top, right, bottom in merges:
            value = rows[top - 1][left - 1]
            for r in range(top - 1, bottom):
                rows[r][left - 1 : right] = [value] * (right - left + 1)
        return rows

    def _value(self, cell: Element, kind: str | None) -> Value:
        """A cell's value, but for an inline string, as openpyxl reads it with data_only=True."""
        text = cell.findtext(_VALUE) or None
        if text is None:
            return None
        if kind is None or kind == "n":
            style = cell.get("s")
            style_id = int(style) if style else 0
            if style_id not in self._date_styles:
                return float(text) if "." in text or "E" in text or "e" in text else int(text)
            key = (text, style_id)
            if key not in self._dates:  # plans repeat dates: convert each once
                self._dates[key] = self._date(text, style_id)
            return self._dates[key]
        if kind == "s":
            return self._strings[int(text)]
        if kind == "b":
            return bool(int(text))
        if kind == "d":
            return from_ISO8601(text)
        if kind == "inlineStr":
            return None
        return text  # "str" (a formula's text), "e" (an error such as #N/A)


_COLUMNS: dict[str, int] = {}


def _column(letters: str) -> int:
    index = _COLUMNS.get(letters)
    if index is None:
        index = _COLUMNS[letters] = column_index_from_string(letters)
    return index


def _dimension_rows(ref: str) -> int:
    try:
        bounds = range_boundaries(ref)
    except (TypeError, ValueError):
        return 0
    return bounds[3] or 0


def _rich_text(element: Element) -> str:
    """A string item's text: its plain text and its runs, without phonetic guides."""
    parts = []
    for child in element:
        if child.tag == _TEXT:
            parts.append(child.text or "")
        elif child.tag == _RUN:
            parts.append(child.findtext(_TEXT) or "")
    return "".join(parts)


def _resolve(folder: str, target: str) -> str:
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(folder, target))


def _office_document(rels: Element) -> str:
    for rel in rels.iter(_PACKAGE_RELS):
        if rel.get("Type", "").endswith("/officeDocument"):
            return _resolve("", rel.get("Target", ""))
    return "xl/workbook.xml"


def _shared_strings_path(content_types: Element) -> str:
    for part in content_types.iter(_CONTENT_TYPES):
        if part.get("ContentType") == _SHARED_STRINGS_TYPE:
            return part.get("PartName", "").lstrip("/")
    return "xl/sharedStrings.xml"


def _date_styles(styles: Element) -> tuple[set[int], set[int]]:
    """The cell styles whose number format shows a date (and of those, a duration)."""
    custom = {
        int(f.get("numFmtId", "0")): f.get("formatCode", "")
        for f in styles.iterfind(f"{_MAIN}numFmts/{_MAIN}numFmt")
    }
    dates: set[int] = set()
    durations: set[int] = set()
    for index, xf in enumerate(styles.iterfind(f"{_MAIN}cellXfs/{_MAIN}xf")):
        number_format = int(xf.get("numFmtId", "0"))
        if number_format in custom:
            code = custom[number_format]
        else:
            code = builtin_format_code(number_format)
        if is_date_format(code):
            dates.add(index)
        if is_timedelta_format(code):
            durations.add(index)
    return dates, durations
