"""Writing the board pack as an Excel workbook: the PDF's tables, one sheet each, for a paper's
author to reuse. The area tables gather on one sheet each with the area as the first column.

Styled as the plan export (readiness.exports.plan_workbook): a bold title with the date in row 1,
bold wrapped headings in its HEADER_ROW, each colour as a fill behind its symbol and word, and
every value put through readiness.exports.cells, so text is only ever text.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from readiness.board.pack import BoardPack
from readiness.board.pack_tables import Column, Status, Table, Value
from readiness.exports.cells import write_cell, write_row
from readiness.exports.plan_workbook import HEADER_ROW
from readiness.palette import RAG_COLOURS
from readiness.text import visible

AREA = Column("Judgement area", 22)
WRAP = Alignment(wrap_text=True, vertical="top")


def _text(value: Value) -> Value:
    """Text without invisible characters (a word joiner inside a figure would be copied out
    with it), a colour as its symbol and word; numbers as they are."""
    return visible(str(value)) if isinstance(value, str | Status) else value


def _fill(cell, status: Status) -> None:
    """The colour behind the word, in the export's fill and text colours."""
    fill, font = (colour.lstrip("#").upper() for colour in RAG_COLOURS[status.colour])
    cell.fill = PatternFill("solid", start_color=fill, end_color=fill)
    cell.font = Font(bold=True, color=font)


def _sheet(book: Workbook, pack: BoardPack, table: Table) -> Worksheet:
    """`table` on a sheet of its own: the pack's title and date, the headings, the rows."""
    sheet = book.create_sheet(table.title)
    heading = write_cell(sheet, 1, 1, _text(pack.full_title))
    heading.font = Font(bold=True, size=14)
    headings = [
        _text(c.heading) or ("Item" if i == 0 else "Value") for i, c in enumerate(table.columns)
    ]
    for cell in write_row(sheet, HEADER_ROW, headings):
        cell.font = Font(bold=True)
        cell.alignment = WRAP
    for number, row in enumerate(table.rows, start=HEADER_ROW + 1):
        values = [_text(v) for v in row]
        for cell, value in zip(write_row(sheet, number, values), row, strict=True):
            cell.alignment = WRAP
            if isinstance(value, Status) and value.colour:
                _fill(cell, value)
    for index, column in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    return sheet


def _by_area(pack: BoardPack, pick) -> Table:
    """One table gathering each area's `pick(section)` rows, the area's name first."""
    first = pick(pack.areas[0]) if pack.areas else Table("", (), ())
    rows = tuple((a.label, *row) for a in pack.areas for row in pick(a).rows)
    return Table(first.title, (AREA, *first.columns), rows)


def build_workbook(pack: BoardPack) -> Workbook:
    book = Workbook()
    book.remove(book.active)
    _sheet(book, pack, pack.summary)
    _sheet(book, pack, pack.counts)
    _sheet(book, pack, pack.areas_summary)
    _sheet(book, pack, _by_area(pack, lambda a: a.recommendations))
    _sheet(book, pack, _by_area(pack, lambda a: a.indicators))
    _sheet(book, pack, pack.overdue.table)
    _sheet(book, pack, pack.overdue.totals)
    inspection = _sheet(book, pack, pack.inspection)
    why = inspection.max_row + 2
    write_cell(inspection, why, 1, "Why").font = Font(bold=True)
    for offset, reason in enumerate(pack.inspection_reasons, start=1):
        write_cell(inspection, why + offset, 2, _text(reason)).alignment = WRAP
    if pack.changes is not None:
        rows = tuple((line,) for line in pack.changes) or (("Nothing changed.",),)
        _sheet(book, pack, Table("Changes", (Column(pack.changes_heading, 100),), rows))
    return book


def write_xlsx(pack: BoardPack, path: Path | None = None) -> bytes:
    """The pack as a workbook: written to `path` if given, and returned."""
    buffer = BytesIO()
    build_workbook(pack).save(buffer)
    data = buffer.getvalue()
    if path is not None:
        Path(path).write_bytes(data)
    return data
