"""Plan files as councils' programs save them: CSV in every encoding and separator Excel writes,
workbooks with hidden or chart sheets, and cells holding Excel's error values.

Every file is written in tmp_path: the CSV files from a workbook of invented rows, re-encoded as
each program would save it; the workbooks with openpyxl, error values written as real error
cells (t="e" in the sheet's XML), as a broken formula leaves them.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.chart import BarChart, Reference

from readiness.files.reading import Book, check_file
from readiness.files.xlsx import _marked_cells
from readiness.plan.canonical import CANONICAL_COLUMNS
from readiness.plan.importing import ImportFailed, read_plan
from tests.import_fixtures import canonical_row, canonical_workbook, save_as_csv

AS_AT = date(2026, 3, 1)
MAX_BYTES = 20 * 1024 * 1024

# Text that each encoding and separator can get wrong: dashes, accents, curly quotes, the
# separators themselves inside cells, and a cell of two lines.
ROWS = [
    canonical_row(
        ref="REC 1",
        recommendation="Strengthen return-home interviews – for every child, every time.",
        judgement_areas="Help and protection",
        theme="Café-style drop-ins; weekly",
        action="Open the drop-in at Brookfield | Ashdene, with a named worker.",
        service_leads="Zoë Ferreira (Head of Service)",
        other_leads="Siân O’Donnell",
        due="30/06/2026",
        status="In progress",
        progress_note="First session held.\nSecond booked for April.",
        progress_date="14/02/2026",
    ),
    canonical_row(
        ref="AFD 1",
        recommendation="Make “Signs of Safety” language consistent in plans.",
        theme="Practice guide",
        action="Rewrite the practice guide, section by section.",
        service_leads="Kwame Mensah",
        due="31/08/2026",
    ),
]
SEPARATORS = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "vertical bars (|)"}


def _workbook(tmp_path: Path) -> Path:
    return canonical_workbook(tmp_path / "plan.xlsx", ROWS)


def _save_as_text(xlsx: Path, target: Path, encoding: str, delimiter: str) -> Path:
    """The workbook's sheet saved as delimited text, as Excel saves it in that encoding."""
    comma = save_as_csv(xlsx, target.with_suffix(".comma"), encoding="utf-8")
    rows = list(csv.reader(io.StringIO(comma.read_text("utf-8"), newline="")))
    text = io.StringIO(newline="")
    csv.writer(text, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    target.write_bytes(text.getvalue().encode(encoding))
    return target


# --- CSV encodings and separators ----------------------------------------------------------------

# (Python codec, the encoding named in the warning; None for UTF-8, which needs no warning)
ENCODINGS = {
    "utf-8-with-mark": ("utf-8-sig", None),
    "utf-8-no-mark": ("utf-8", None),
    "utf-16-le": ("utf-16-le", "UTF-16"),
    "utf-16-be": ("utf-16-be", "UTF-16"),
    "windows-1252": ("cp1252", "Windows-1252"),
}


@pytest.mark.parametrize("encoding", ENCODINGS, ids=list(ENCODINGS))
@pytest.mark.parametrize("delimiter", SEPARATORS, ids=["comma", "semicolon", "tab", "pipe"])
def test_csv_reads_as_the_workbook_in_every_encoding_and_separator(tmp_path, encoding, delimiter):
    codec, named = ENCODINGS[encoding]
    xlsx = _workbook(tmp_path)
    path = _save_as_text(xlsx, tmp_path / "plan.csv", codec, delimiter)
    if codec.startswith("utf-16-"):  # Excel's "Unicode Text": UTF-16 with its byte-order mark
        path.write_bytes("\ufeff".encode(codec) + path.read_bytes())

    result = read_plan(path, imported_on=AS_AT)

    assert result.plan == read_plan(xlsx, imported_on=AS_AT).plan
    assert result.plan.recommendations[0].themes[0].text == "Café-style drop-ins; weekly"
    book = Book(path)
    if named is None and delimiter == ",":
        assert book.warnings == []
    else:
        (warning,) = book.warnings
        assert warning.message == (
            f"The file was read as {named or 'UTF-8'} text with its cells separated by "
            f"{SEPARATORS[delimiter]}."
        )
        assert ("Check that accented letters" in warning.fix) == (named == "Windows-1252")


def test_utf_16_is_not_taken_for_a_binary_file(tmp_path):
    path = _save_as_text(_workbook(tmp_path), tmp_path / "plan.csv", "utf-16", "\t")
    assert path.read_bytes()[:2] == b"\xff\xfe" and b"\x00" in path.read_bytes()[:10]
    assert check_file(path, MAX_BYTES) == []


def test_a_binary_file_called_csv_is_still_refused(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_bytes(b"PK\x03\x04\x14\x00\x00\x00" + bytes(range(256)) * 4)
    (problem,) = check_file(path, MAX_BYTES)
    assert "is not text" in problem.message


def test_a_title_line_holding_a_semicolon_leaves_the_commas_found(tmp_path):
    path = tmp_path / "plan.csv"
    rows = [[c.heading for c in CANONICAL_COLUMNS], *ROWS]
    text = io.StringIO(newline="")
    text.write("Improvement plan; March 2026\n")
    csv.writer(text).writerows(rows)
    path.write_text(text.getvalue(), encoding="utf-8")
    assert Book(path).warnings == []
    assert read_plan(path, imported_on=AS_AT).actions == 2


# --- Bytes that do not decode ---------------------------------------------------------------------


def test_a_stray_byte_in_utf_8_is_reported_not_guessed_at(tmp_path):
    path = _save_as_text(_workbook(tmp_path), tmp_path / "plan.csv", "utf-8", ",")
    lines = path.read_bytes().splitlines()
    # Row 2's progress note is two lines, so row 3 (AFD 1) is line 4 of the file.
    assert lines[2].startswith(b'Second booked for April."')
    assert lines[3].startswith(b"AFD 1,")
    path.write_bytes(path.read_bytes().replace(b"guide, section", b"guide \x96 section"))

    with pytest.raises(ImportFailed) as failed:
        read_plan(path, imported_on=AS_AT)

    (problem,) = failed.value.problems
    assert (problem.file, problem.sheet, problem.row, problem.column) == ("plan.csv", None, 3, None)
    assert problem.value.startswith('…e,"Rewrite the practice guide \ufffd section by section."')
    assert problem.message == (
        "is on line 4 of the file: the byte shown as \ufffd (96 in hex) is not UTF-8 text, so "
        "what was written there cannot be known."
    )
    assert "CSV UTF-8" in problem.fix


def test_many_lines_of_stray_bytes_are_summed_up(tmp_path):
    lines = ["Ref,Recommendation,Theme", "REC 1,Plans – better,Théme"]
    lines += [f"REC {n},Plan \x96 number {n},T" for n in range(2, 30)]
    data = "\n".join(lines).encode("utf-8").replace("\x96".encode(), b"\x96")
    path = tmp_path / "plan.csv"
    path.write_bytes(data)
    with pytest.raises(ImportFailed) as failed:
        read_plan(path, imported_on=AS_AT)
    problems = failed.value.problems
    assert [p.row for p in problems] == [*range(3, 13), None]
    assert problems[10].message == "18 more lines hold bytes that are not UTF-8 text."


def test_a_marked_utf_8_file_is_not_taken_for_windows_1252(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_bytes(b"\xef\xbb\xbfRef,Recommendation\nREC 1,Plans \x96 better\n")
    with pytest.raises(ImportFailed) as failed:
        read_plan(path, imported_on=AS_AT)
    (problem,) = failed.value.problems
    assert problem.row == 2
    assert "not UTF-8 text" in problem.message


def test_bytes_windows_1252_leaves_undefined_are_reported(tmp_path):
    path = _save_as_text(_workbook(tmp_path), tmp_path / "plan.csv", "cp1252", ",")
    path.write_bytes(path.read_bytes().replace(b"Kwame", b"Kw\x81me"))
    with pytest.raises(ImportFailed) as failed:
        read_plan(path, imported_on=AS_AT)
    (problem,) = failed.value.problems
    assert "(81 in hex) is not Windows-1252 text" in problem.message


def test_damaged_utf_16_is_reported(tmp_path):
    path = _save_as_text(_workbook(tmp_path), tmp_path / "plan.csv", "utf-16", "\t")
    path.write_bytes(path.read_bytes()[:-1])  # an odd number of bytes: the last character cut
    with pytest.raises(ImportFailed) as failed:
        read_plan(path, imported_on=AS_AT)
    (problem,) = failed.value.problems
    assert "UTF-16" in problem.message and "damaged" in problem.message


# --- The cell limit, whatever the separator ------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "cells"),
    [
        (b"Ref;Recommendation\n" + b";" * 3_000_000, 3_000_003),
        (b"Ref\tRecommendation\n" + b"\t" * 3_000_000, 3_000_003),
        (b"Ref|Recommendation\r" + b"\r" * 3_000_000, 3_000_003),
        (
            "\ufeffRef\tRecommendation\n".encode("utf-16-le")
            + "\t".encode("utf-16-le") * 3_000_000,
            3_000_003,
        ),
    ],
    ids=["semicolons", "tabs", "carriage-returns", "utf-16-tabs"],
)
def test_a_csv_of_separators_is_refused_before_it_is_read(tmp_path, data, cells):
    path = tmp_path / "plan.csv"
    path.write_bytes(data)
    (problem,) = check_file(path, MAX_BYTES)
    assert f"up to {cells:,} cells and rows" in problem.message


# --- Hidden and chart sheets ---------------------------------------------------------------------


def _plan_sheet(book: Workbook, title: str, action: str):
    """A sheet of the canonical layout holding one action."""
    sheet = book.create_sheet(title)
    sheet.append([c.heading for c in CANONICAL_COLUMNS])
    sheet.append(
        canonical_row(
            ref="REC 1",
            recommendation="Improve supervision.",
            theme="Supervision",
            action=action,
            service_leads="Kwame Mensah",
        )
    )
    return sheet


def test_a_hidden_sheet_placed_first_is_not_read_instead_of_the_plan(tmp_path):
    book = Workbook()
    book.remove(book.active)
    _plan_sheet(book, "Old plan", "Last year's action.").sheet_state = "hidden"
    _plan_sheet(book, "Plan", "This year's action.")
    book.active = 1
    path = tmp_path / "plan.xlsx"
    book.save(path)

    result = read_plan(path, imported_on=AS_AT)

    assert result.sheet == "Plan"
    assert 'plan.xlsx (sheet "Plan")' in result.summary()
    action = result.plan.recommendations[0].themes[0].actions[0]
    assert action.text == "This year's action."


def test_the_sheet_open_when_saved_is_read_first(tmp_path):
    book = Workbook()
    book.remove(book.active)
    _plan_sheet(book, "Draft", "The draft's action.")
    _plan_sheet(book, "Agreed", "The agreed action.")
    _plan_sheet(book, "Archive", "An archived action.").sheet_state = "veryHidden"
    book.active = 1
    path = tmp_path / "plan.xlsx"
    book.save(path)

    book = Book(path)
    try:
        assert book.sheet_names == ["Agreed", "Draft", "Archive"]
    finally:
        book.close()
    assert read_plan(path, imported_on=AS_AT).sheet == "Agreed"


def test_a_hidden_plan_is_still_found_when_no_visible_sheet_holds_one(tmp_path):
    book = Workbook()
    book.active.title = "Cover"
    book.active.append(["Improvement plan, read the next sheet"])
    _plan_sheet(book, "Plan", "The action.").sheet_state = "hidden"
    path = tmp_path / "plan.xlsx"
    book.save(path)
    assert read_plan(path, imported_on=AS_AT).sheet == "Plan"


def test_a_chart_sheet_is_skipped(tmp_path):
    book = Workbook()
    book.remove(book.active)
    plan = _plan_sheet(book, "Plan", "The action.")
    chart = BarChart()
    chart.add_data(Reference(plan, min_col=1, min_row=1, max_row=2))
    book.create_chartsheet("Progress chart", 0).add_chart(chart)
    book.active = 0
    path = tmp_path / "plan.xlsx"
    book.save(path)
    assert any(name.startswith("xl/chartsheets/") for name in zipfile.ZipFile(path).namelist())

    result = read_plan(path, imported_on=AS_AT)

    assert result.sheet == "Plan"
    with pytest.raises(ImportFailed) as failed:
        read_plan(path, sheet="Progress chart", imported_on=AS_AT)
    assert "every sheet is empty" in failed.value.problems[0].message


# --- Excel's error values ------------------------------------------------------------------------


def _with_errors(tmp_path: Path, errors: dict[str, str]) -> Path:
    """The canonical plan with error values in the first action's cells, by column heading."""
    path = _workbook(tmp_path)
    book = load_workbook(path)
    sheet = book["Plan"]
    headings = [cell.value for cell in sheet[1]]
    for heading, error in errors.items():
        cell = sheet.cell(row=2, column=headings.index(heading) + 1)
        cell.value = error
        cell.data_type = "e"
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    for error in errors.values():
        assert f't="e"><v>{error}</v>' in xml
    return path


@pytest.mark.parametrize(
    "error", ["#N/A", "#REF!", "#DIV/0!", "#VALUE!", "#NAME?", "#NULL!", "#NUM!"]
)
def test_an_error_value_in_a_lead_cell_is_reported_not_read_as_blank(tmp_path, error):
    path = _with_errors(tmp_path, {"Other leads": error})
    with pytest.raises(ImportFailed) as failed:
        read_plan(path, imported_on=AS_AT)
    (problem,) = failed.value.problems
    assert (problem.sheet, problem.row, problem.column, problem.value) == (
        "Plan",
        2,
        "Other leads",
        error,
    )
    assert "spreadsheet error" in problem.message


def test_error_values_in_due_and_action_cells_are_each_reported(tmp_path):
    path = _with_errors(tmp_path, {"Due": "#REF!", "Action": "#N/A"})
    with pytest.raises(ImportFailed) as failed:
        read_plan(path, imported_on=AS_AT)
    found = {(p.row, p.column, p.value) for p in failed.value.problems}
    assert {(2, "Due", "#REF!"), (2, "Action", "#N/A")} <= found


def test_error_values_read_as_openpyxl_reads_them(tmp_path):
    path = _with_errors(tmp_path, {"Other leads": "#REF!", "Due": "#DIV/0!"})
    book = Book(path)
    try:
        rows = book.sheet("Plan").rows
    finally:
        book.close()
    expected = [
        ["" if v is None else v for v in row]
        for row in load_workbook(path, data_only=True)["Plan"].iter_rows(values_only=True)
    ]
    assert [rows[1][i] for i in (7, 9)] == [expected[1][7], expected[1][9]] == ["#REF!", "#DIV/0!"]


def test_error_and_filled_cells_are_placed_without_references_and_under_a_prefix():
    xml = (
        b'<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<x:sheetData>"
        b'<x:row><x:c t="s" s="2"><x:v>0</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c></x:row>'
        b'<x:row r="4"><x:c r="C4" t="e"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c>'
        b'<x:c t="e"><x:v>#REF!</x:v></x:c><x:c s="5"/><x:c s="1"/></x:row>'
        b"</x:sheetData></x:worksheet>"
    )
    errors, filled = _marked_cells(io.BytesIO(xml), {"2": "Red", "5": "Blue"})
    assert errors == {(0, 1): "#N/A", (3, 2): "#DIV/0!", (3, 3): "#REF!"}
    assert filled == {(0, 0): "Red", (3, 4): "Blue"}


def test_a_quotation_mark_never_closed_is_reported(tmp_path):
    path = tmp_path / "plan.csv"
    header = ",".join(c.heading for c in CANONICAL_COLUMNS)
    path.write_text(f'{header}\nREC 1,,"Improve plans\n' + "and so on " * 20_000, encoding="utf-8")
    with pytest.raises(ImportFailed) as failed:
        read_plan(path, imported_on=AS_AT)
    (problem,) = failed.value.problems
    assert problem.row == 2
    assert "runs on past line 3 of the file for more than 131,072 characters" in problem.message


def test_the_separator_of_a_file_of_empty_rows_is_found(tmp_path):
    # csv.Sniffer took 28 s over the first 64 KB of such a file: its time grows with the square.
    # The time it takes now: scripts/bench_import_limits.py.
    path = tmp_path / "plan.csv"
    header = ";".join(c.heading for c in CANONICAL_COLUMNS)
    path.write_text(header + "\n" + (";" * 16 + "\n") * 20_000, encoding="utf-8")
    book = Book(path)
    assert "separated by semicolons" in book.warnings[0].message


def test_the_result_says_how_a_csv_file_was_read(tmp_path):
    path = _save_as_text(_workbook(tmp_path), tmp_path / "plan.csv", "cp1252", ";")
    assert [w.message for w in read_plan(path, imported_on=AS_AT).warnings] == [
        "The file was read as Windows-1252 text with its cells separated by semicolons."
    ]
