"""Workbooks of every kind the fast .xlsx reader must read as openpyxl does (READER_FIXTURES):
the committee layout, the canonical template with shared and inline strings, and cells of every
kind. Built in code into a folder; tests/test_import_xlsx_reader.py and the limit tests use them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from readiness.plan.canonical import CANONICAL_COLUMNS
from tests.import_fixtures import (
    CANONICAL_ROWS,
    big_canonical_rows,
    canonical_workbook,
    committee_workbook,
    plain_canonical_workbook,
)


def _odd_cells_workbook(path: Path, *, mac_calendar: bool = False) -> Path:
    """Cells of every kind: dates, times, durations, numbers, booleans, rich text, formulas,
    sparse and far-off cells, a merge beyond the data, a second sheet."""
    book = Workbook()
    if mac_calendar:
        book.epoch = CALENDAR_MAC_1904
    ws = book.active
    ws.title = "Odd cells"
    ws["A1"] = "  Title with spaces  "
    ws.append([])
    ws["A3"], ws["B3"], ws["C3"] = date(2026, 3, 1), datetime(2026, 3, 1, 14, 30), time(9, 30)
    ws["D3"], ws["E3"], ws["F3"], ws["G3"] = 3.0, 3.5, 12, True
    ws["H3"] = timedelta(hours=30)
    ws["I3"] = 45000
    ws["I3"].number_format = "dd/mm/yyyy"
    ws["J3"] = "=1+1"
    ws["A4"] = CellRichText(["plain ", TextBlock(InlineFont(b=True), "bold"), " tail"])
    ws["B4"] = "Line one\nLine two & <three>"
    ws["Z5"] = "far"
    ws["A7"] = "merged block"
    ws.merge_cells("A7:C9")
    ws["K1"] = "merged beyond the data"
    ws.merge_cells("K1:L12")
    second = book.create_sheet("Second")
    second.append(["Ref", "Recommendation"])
    second.append(["REC 1", date(2025, 12, 31)])
    book.save(path)
    return path


def _offset_workbook(path: Path) -> Path:
    """Data starting at C3 and a merge at B2:B4: the rows must still start at row 1, column A."""
    book = Workbook()
    ws = book.active
    ws["C3"], ws["E5"] = "from C3", 2
    ws["B2"] = "merged"
    ws.merge_cells("B2:B4")
    book.save(path)
    return path


def _write_only_workbook(path: Path, rows: list[list]) -> Path:
    """Inline strings, as openpyxl's write-only mode (and so the app's exporter) stores text."""
    book = Workbook(write_only=True)
    ws = book.create_sheet("Plan")
    ws.append(["Improvement plan as at 1 March 2026"])
    ws.append([])
    ws.append([c.heading for c in CANONICAL_COLUMNS])
    for values in rows:
        ws.append(values)
    book.save(path)
    return path


READER_FIXTURES: dict[str, Callable[[Path], Path]] = {
    "committee, merged recommendation cells": lambda p: committee_workbook(p / "paper.xlsx"),
    "canonical template": lambda p: canonical_workbook(p / "plan.xlsx", CANONICAL_ROWS),
    "canonical, shared strings": lambda p: plain_canonical_workbook(
        p / "plain.xlsx", big_canonical_rows(300, bad_every=50)
    ),
    "canonical, inline strings": lambda p: _write_only_workbook(
        p / "inline.xlsx", big_canonical_rows(300)
    ),
    "odd cells": lambda p: _odd_cells_workbook(p / "odd.xlsx"),
    "odd cells, 1904 calendar": lambda p: _odd_cells_workbook(p / "mac.xlsx", mac_calendar=True),
    "odd cells, data from C3": lambda p: _offset_workbook(p / "offset.xlsx"),
}
