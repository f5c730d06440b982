"""The fast .xlsx reader (calamine) against openpyxl's full load: the same cells on every kind of
workbook (tests/xlsx_fixtures.py), the same plan read either way, and the documented differences.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from readiness.files import reading
from readiness.files.reading import Sheet
from readiness.plan.importing import ImportFailed, read_plan
from tests.import_fixtures import COMMITTEE_BLOCKS, committee_workbook
from tests.import_reading import AS_AT
from tests.xlsx_fixtures import READER_FIXTURES


def _openpyxl_sheets(path: Path) -> dict[str, list]:
    """Each sheet's rows as the importer read them with openpyxl in full mode (the slow path):
    every cell of a merged range given the range's value, trailing blank rows dropped."""
    book = load_workbook(path, read_only=False, data_only=True)
    sheets = {}
    for ws in book.worksheets:
        rows = [
            [reading._cell(v) for v in values]
            for values in ws.iter_rows(min_row=1, max_col=ws.max_column or 1, values_only=True)
        ]
        for merged in ws.merged_cells.ranges:
            value = rows[merged.min_row - 1][merged.min_col - 1]
            for r in range(merged.min_row - 1, merged.max_row):
                for c in range(merged.min_col - 1, merged.max_col):
                    rows[r][c] = value
        while rows and not any(rows[-1]):
            rows.pop()
        sheets[ws.title] = rows
    return sheets


@pytest.mark.parametrize("fixture", READER_FIXTURES)
def test_fast_reader_gives_the_cells_openpyxl_gives(tmp_path, fixture):
    path = READER_FIXTURES[fixture](tmp_path)
    expected = _openpyxl_sheets(path)
    book = reading.Book(path)
    try:
        assert book.sheet_names == list(expected)
        for name, rows in expected.items():
            assert book.sheet(name).rows == rows, name
    finally:
        book.close()


def test_merged_cells_are_resolved_in_the_committee_layout(tmp_path):
    path = committee_workbook(tmp_path / "paper.xlsx")
    assert load_workbook(path).worksheets[0].merged_cells.ranges  # the fixture does merge
    book = reading.Book(path)
    rows = book.sheet(book.sheet_names[0]).rows
    book.close()
    rec_cells = [row[0] for row in rows if len(row) > 1 and row[1] and row[0]]
    assert len(rec_cells) > len({*rec_cells})  # a merged cell's value is on each of its rows


def test_where_the_reader_differs_from_openpyxl(tmp_path):
    """The documented differences, in cells no plan the app or its template writes holds:
    calamine decodes Excel's _xHHHH_ escapes where openpyxl leaves "_x000D_" in the text, does not
    widen the rows for a formatted empty cell, and reads a negative date serial (which Excel shows
    as ####) as midnight. A formula error ("#N/A") reaches the importer as its text, which the
    importer reports."""
    book = Workbook()
    ws = book.active
    ws["A1"], ws["B1"], ws["C1"] = "#N/A", "one_x000D_\ntwo", -5
    ws["C1"].number_format = "dd/mm/yyyy"
    ws["F1"].font = Font(bold=True)
    book.save(tmp_path / "odd.xlsx")
    openpyxl_rows = [["#N/A", "one_x000D_\ntwo", date(1899, 12, 25), "", "", ""]]
    assert _openpyxl_sheets(tmp_path / "odd.xlsx")["Sheet"] == openpyxl_rows
    book = reading.Book(tmp_path / "odd.xlsx")
    assert book.sheet("Sheet").rows == [["#N/A", "one\r\ntwo", "00:00:00"]]
    book.close()


def test_carriage_returns_saved_by_excel_are_line_breaks(tmp_path):
    """Excel saves a carriage return in a cell as "_x000D_"; openpyxl left it in the action text
    (and so missed its due date), calamine reads it as the line break it is."""

    def escape(cell):
        return cell.replace("\n", "_x000D_\n") if isinstance(cell, str) else cell

    crlf = [
        (rec, merge, headers, [tuple(map(escape, theme)) for theme in themes])
        for rec, merge, headers, themes in COMMITTEE_BLOCKS
    ]
    with_crlf = read_plan(committee_workbook(tmp_path / "crlf.xlsx", crlf), imported_on=AS_AT)
    plain = read_plan(committee_workbook(tmp_path / "plain.xlsx"), imported_on=AS_AT)
    assert with_crlf.plan == plain.plan


@pytest.mark.parametrize("fixture", [f for f in READER_FIXTURES if not f.startswith("odd")])
def test_a_plan_reads_the_same_as_through_openpyxl(tmp_path, monkeypatch, fixture):
    path = READER_FIXTURES[fixture](tmp_path)
    try:
        fast = read_plan(path, imported_on=AS_AT)
    except ImportFailed as failed:
        fast = failed.problems
    slow_rows = _openpyxl_sheets(path)
    monkeypatch.setattr(
        reading.Book, "sheet", lambda self, name, progress=None: Sheet(name, slow_rows[name])
    )
    try:
        slow = read_plan(path, imported_on=AS_AT)
    except ImportFailed as failed:
        slow = failed.problems
    assert fast == slow
    if isinstance(fast, list):
        assert fast  # the broken rows' problems, the same either way
    else:
        assert fast.actions > 0
