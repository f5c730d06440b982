"""The committee-ready export: canonical columns, RAG as fill and word, title with the date."""

from datetime import date

from openpyxl import load_workbook

from readiness.exports.plan_workbook import HEADER_ROW
from readiness.palette import RAG_COLOURS
from readiness.plan.canonical import CANONICAL_COLUMNS
from tests.test_cli import run

DEMO_ACTIONS = 100


def test_export_plan_command_writes_a_committee_ready_workbook(
    demo_engine, sqlite_url, tmp_path, capsys
):
    path = tmp_path / "plan.xlsx"
    result = run(capsys, "export-plan", str(path), "--as-at", "2026-11-22", db=sqlite_url)
    assert result.code == 0, result.err
    assert result.out == f"Wrote {DEMO_ACTIONS} actions, as at 22 Nov 2026, to {path}\n"
    sheet = load_workbook(path).active
    assert sheet.cell(1, 1).value.endswith("– as at 22 Nov 2026")
    headings = [c.value for c in sheet[HEADER_ROW]]
    assert headings[: len(CANONICAL_COLUMNS)] == [c.heading for c in CANONICAL_COLUMNS]
    assert headings[-4:] == ["RAG", "Why", "Last update", "Days overdue"]
    assert sheet.freeze_panes == f"A{HEADER_ROW + 1}"
    rows = list(sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    assert len(rows) == DEMO_ACTIONS
    rag_col = len(CANONICAL_COLUMNS) + 1
    for row_number in range(HEADER_ROW + 1, sheet.max_row + 1):
        cell = sheet.cell(row_number, rag_col)
        word = cell.value.split()[-1].lower()
        assert cell.fill.start_color.rgb.endswith(RAG_COLOURS[word][0].lstrip("#").upper())
        days = sheet.cell(row_number, rag_col + 3).value
        assert (word == "red") == (days is not None and days > 0)
    assert sheet.cell(HEADER_ROW + 1, 3).alignment.wrap_text


def test_export_refuses_a_path_that_is_not_xlsx(demo_engine, sqlite_url, tmp_path, capsys):
    path = tmp_path / "plan.pdf"
    result = run(capsys, "export-plan", str(path), db=sqlite_url)
    assert result.code == 2
    assert result.err == f"error: {str(path)!r} should end in .xlsx\n"
    assert not path.exists()


def test_as_at_is_the_one_asked_for(demo_engine, sqlite_url, tmp_path, capsys):
    path = tmp_path / "plan.xlsx"
    result = run(capsys, "export-plan", str(path), "--as-at", "2026-09-30", db=sqlite_url)
    assert result.code == 0, result.err
    assert "as at 30 Sep 2026" in result.out
    sheet = load_workbook(path).active
    assert sheet.cell(1, 1).value.endswith("– as at 30 Sep 2026")
    # Days overdue are counted to 30 September, not to today or the demo's own date.
    due_col = 1 + [c.key for c in CANONICAL_COLUMNS].index("due")
    days_col = len(CANONICAL_COLUMNS) + 4
    overdue = [
        (sheet.cell(row, due_col).value.date(), sheet.cell(row, days_col).value)
        for row in range(HEADER_ROW + 1, sheet.max_row + 1)
        if sheet.cell(row, days_col).value
    ]
    assert overdue
    assert all((date(2026, 9, 30) - due).days == days for due, days in overdue)
