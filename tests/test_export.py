"""The committee-ready export: canonical columns, RAG as fill and word, title with the date."""

from openpyxl import load_workbook

from readiness.canonical import CANONICAL_COLUMNS
from readiness.export import HEADER_ROW
from readiness.palette import RAG_COLOURS
from readiness.plan_data import load_plan_data
from tests.conftest import AS_AT
from tests.test_cli import run


def test_export_plan_command_writes_a_committee_ready_workbook(demo_engine, sqlite_url, tmp_path):
    path = tmp_path / "plan.xlsx"
    result = run("export-plan", str(path), "--as-at", "2026-11-22", db=sqlite_url)
    assert result.returncode == 0, result.stderr
    assert "Wrote 100 actions, as at 22 Nov 2026" in result.stdout
    sheet = load_workbook(path).active
    assert "as at 22 Nov 2026" in sheet.cell(1, 1).value
    headings = [c.value for c in sheet[HEADER_ROW]]
    assert headings[: len(CANONICAL_COLUMNS)] == [c.heading for c in CANONICAL_COLUMNS]
    assert headings[-4:] == ["RAG", "Why", "Last update", "Days overdue"]
    assert sheet.freeze_panes == f"A{HEADER_ROW + 1}"
    rows = list(sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    assert len(rows) == len(load_plan_data(demo_engine).actions)
    rag_col = len(CANONICAL_COLUMNS) + 1
    for row_number in range(HEADER_ROW + 1, sheet.max_row + 1):
        cell = sheet.cell(row_number, rag_col)
        word = cell.value.split()[-1].lower()
        assert cell.fill.start_color.rgb.endswith(RAG_COLOURS[word][0].lstrip("#").upper())
        days = sheet.cell(row_number, rag_col + 3).value
        assert (word == "red") == (days is not None and days > 0)
    assert sheet.cell(HEADER_ROW + 1, 3).alignment.wrap_text


def test_export_refuses_a_path_that_is_not_xlsx(demo_engine, sqlite_url, tmp_path):
    result = run("export-plan", str(tmp_path / "plan.pdf"), db=sqlite_url)
    assert result.returncode == 2 and "should end in .xlsx" in result.stderr


def test_as_at_is_the_one_asked_for(demo_engine, sqlite_url, tmp_path):
    path = tmp_path / "plan.xlsx"
    run("export-plan", str(path), "--as-at", "2026-06-30", db=sqlite_url)
    assert "30 Jun 2026" in load_workbook(path).active.cell(1, 1).value
    assert AS_AT.year == 2026
