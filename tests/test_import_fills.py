"""A status shown only by the status cell's fill colour (issue 26): the colour rule, and plans
whose RAG column is coloured, not written, in Excel and Word, in the template's layout and the
committee paper's, through the command line and the Data page, stored as a user would check.

Every name and sentence is invented for the project: the council is Harrowmere, which does not
exist. A CSV file holds no colours: its statuses are its words (test_import_second_round_values).
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from openpyxl import Workbook, load_workbook
from openpyxl.styles import PatternFill
from openpyxl.styles.colors import Color

from readiness.files.fills import AMBER, BLUE, GREEN, RED, rag_colour
from readiness.files.xlsx import _merged_ranges, _styled_by_reference
from readiness.vocabulary import COMPLETE, IN_PROGRESS, NOT_STARTED
from tests.conftest import open_app
from tests.page_text import shown
from tests.second_round_fixtures import export_changes_nothing, import_plan, stored
from tests.test_cli import run
from tests.test_import_journey import plan_in

# --- The rule ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rgb", "tint", "colour"),
    [
        # Excel's standard colours, as councils pick them.
        ("FFFF0000", 0, RED),
        ("C00000", 0, RED),
        ("FFC000", 0, AMBER),
        ("FFFF00", 0, AMBER),
        ("ED7D31", 0, AMBER),
        ("00B050", 0, GREEN),
        ("92D050", 0, GREEN),
        ("0070C0", 0, BLUE),
        ("00B0F0", 0, BLUE),
        # Excel's cell styles Bad, Neutral and Good.
        ("FFC7CE", 0, RED),
        ("FFEB9C", 0, AMBER),
        ("C6EFCE", 0, GREEN),
        # A theme colour lightened or darkened by its tint keeps its hue...
        ("70AD47", 0.4, GREEN),
        ("4472C4", -0.25, BLUE),
        # ...until it is nearly white or black: no colour.
        ("FF0000", 0.95, None),
        ("00B050", -0.9, None),
        # Greys, white, black, purple: not RAG colours.
        ("FFFFFF", 0, None),
        ("D9D9D9", 0, None),
        ("000000", 0, None),
        ("7030A0", 0, None),
        # Not colours at all.
        ("auto", 0, None),
        ("", 0, None),
        (None, 0, None),
        ("GGGGGG", 0, None),
    ],
)
def test_a_fill_colour_reads_as_the_rag_colour_it_looks(rgb, tint, colour):
    assert rag_colour(rgb, tint) == colour


# --- Plans coloured, not written ---------------------------------------------------------------

# The template's own headings: read by the canonical reader (a "RAG" heading is a council's own
# word, and a table of them the committee paper's reader takes: COMMITTEE_HEADINGS).
TEMPLATE_HEADINGS = ["Ref", "Recommendation", "Theme", "Action", "Service leads", "Due", "Status"]
COMMITTEE_HEADINGS = [
    "Recommendation",
    "Improvement Theme",
    "Service Lead",
    "Operational Detailed Actions",
    "Progress update",
    "RAG",
]
# Each action: its text, the status cell's words, its fill (an Excel colour, or a Word shading
# as RGB), and the status it must be stored with.
EXCEL_RED = PatternFill("solid", fgColor="FFFF0000")
ACTIONS = [
    ("Publish the weekly list of assessments nearing their deadline", "", "FF0000", IN_PROGRESS),
    ("Add a second screening worker at the front door", "", "THEME_ORANGE", IN_PROGRESS),
    ("Ask each child in care what their review should cover", "", "C6EFCE", IN_PROGRESS),
    ("Train every team manager in the new supervision model", "", "INDEXED_BLUE", COMPLETE),
    # The words win over the colour; a grey fill or none is no status.
    ("Agree a shared threshold document with health partners", "Not started", "FF0000", None),
    ("Review the care leavers' local offer with young people", "", "D9D9D9", NOT_STARTED),
    ("Audit return home interviews each quarter", "", None, NOT_STARTED),
]
# Two actions sharing one status cell merged down over their rows, filled blue.
MERGED = [
    ("Set up a panel for placements far from home", COMPLETE),
    ("Report placement moves to the corporate parenting board", COMPLETE),
]
# Two real plans' colours, written as each program writes them.
_EXCEL_FILLS = {
    "THEME_ORANGE": Color(theme=9, tint=0.4),  # openpyxl's theme: accent6, an orange
    "INDEXED_BLUE": Color(indexed=12),  # Excel's default palette: 0000FF
}
_WORD_FILLS = {"THEME_ORANGE": "FAC090", "INDEXED_BLUE": "0000FF"}


def _expected() -> dict[str, str]:
    """Each action's text and the status it must be stored with."""
    found = {text: status or NOT_STARTED for text, _, _, status in ACTIONS}
    return found | dict(MERGED)


def _rows(layout: str) -> list[list[str]]:
    """The plan's rows, headings first, in the template's layout or the committee paper's."""
    every = [(text, words) for text, words, _, _ in ACTIONS] + [(t, "") for t, _ in MERGED]
    rows = []
    for number, (text, words) in enumerate(every):
        ref = f"REC {number // 3 + 1}"
        recommendation = f"Strengthen practice in area {number // 3 + 1}"
        if layout == "template":
            rows.append([ref, recommendation, "Practice", text, "Tamsin Greaves", "31/03/2027"])
        else:
            rows.append([f"{ref} {recommendation}", "Practice", "Tamsin Greaves", text, ""])
        rows[-1].append(words)
    headings = TEMPLATE_HEADINGS if layout == "template" else COMMITTEE_HEADINGS
    return [headings, *rows]


def _fills() -> list[str | None]:
    """Each data row's fill, in order; the merged cell's on its first row."""
    return [fill for _, _, fill, _ in ACTIONS] + ["0070C0", None]


def write_xlsx(path: Path, layout: str) -> Path:
    rows = _rows(layout)
    book = Workbook()
    sheet = book.active
    sheet.title = "Plan"
    for row in rows:
        sheet.append([cell or None for cell in row])
    column = len(rows[0])
    sheet.cell(1, column).fill = PatternFill("solid", fgColor="FF00B050")  # the heading: no data
    for number, fill in enumerate(_fills(), 2):
        if fill:
            colour = _EXCEL_FILLS.get(fill, "FF" + fill)
            sheet.cell(number, column).fill = PatternFill("solid", fgColor=colour)
    last = len(rows)
    sheet.merge_cells(start_row=last - 1, start_column=column, end_row=last, end_column=column)
    book.save(path)
    return path


def write_docx(path: Path, layout: str) -> Path:
    rows = _rows(layout)
    document = docx.Document()
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for index, values in enumerate(rows):
        for column, text in enumerate(values):
            table.cell(index, column).text = text
    column = len(rows[0]) - 1
    last = len(rows) - 1
    table.cell(last - 1, column).merge(table.cell(last, column))
    for number, fill in enumerate(_fills(), 1):
        if fill:
            shading = OxmlElement("w:shd")
            shading.set(qn("w:val"), "clear")
            shading.set(qn("w:fill"), _WORD_FILLS.get(fill, fill))
            table.cell(number, column)._tc.get_or_add_tcPr().append(shading)
    document.save(str(path))
    return path


WRITERS = {"xlsx": write_xlsx, "docx": write_docx}
FILL_SAID = "was read from the cell's fill colour"


def statuses_of(plan) -> dict[str, str]:
    return {action.text: action.status for action in plan.actions}


@pytest.mark.parametrize("layout", ["template", "committee"])
@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_a_coloured_status_cell_is_read_through_the_command_line(
    kind, layout, tmp_path, sqlite_url, capsys
):
    path = WRITERS[kind](tmp_path / f"plan.{kind}", layout)
    result = import_plan(capsys, path, sqlite_url)
    assert {"template": "canonical layout", "committee": "committee layout"}[layout] in result.out
    # Said once, on the first row read so, with the colour named.
    assert result.out.count(FILL_SAID) == 1, result.out
    assert '"Red fill" was read from the cell' in result.out
    plan, counts = stored(sqlite_url)
    assert statuses_of(plan) == _expected()
    assert (counts.recommendations, counts.actions) == (3, 9)
    export_changes_nothing(capsys, tmp_path, sqlite_url)


def test_a_committee_papers_status_words_are_read_not_dropped(tmp_path, sqlite_url, capsys):
    """A status column in the committee layout was once ignored: "Complete" stored as Not
    started, without a word. Its words are now read as the template's are."""
    rows = _rows("committee")
    rows[1][-1], rows[2][-1], rows[3][-1] = "Complete", "Off track", "Unclear"
    book = Workbook()
    for row in rows:
        book.active.append(row)
    path = tmp_path / "paper.xlsx"
    book.save(path)
    refused = run(capsys, "import-plan", str(path), "--yes", db=sqlite_url)
    assert refused.code != 0
    assert 'row 4, column "RAG": "Unclear" is not a status we recognise' in refused.err
    rows[3][-1] = ""
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    import_plan(capsys, path, sqlite_url)
    found = statuses_of(stored(sqlite_url)[0])
    assert [found[rows[n][3]] for n in (1, 2, 3)] == [COMPLETE, IN_PROGRESS, NOT_STARTED]


def test_the_data_page_reads_a_coloured_status_and_stores_it(
    demo_engine, sqlite_url, monkeypatch, tmp_path
):
    page = open_app(sqlite_url, monkeypatch, "views/loading.py")
    path = write_xlsx(tmp_path / "plan.xlsx", "template")
    page.file_uploader(key="data_upload").set_value((path.name, path.read_bytes(), "x")).run()
    assert not page.exception and not page.error, [e.value for e in page.error]
    assert FILL_SAID in "\n".join(t.value for t in page.text)
    page.checkbox(key="data_as_new").check().run()
    page.button(key="data_store").click().run()
    assert statuses_of(plan_in(sqlite_url)) == _expected()


# --- A column of colours with no heading and no words ------------------------------------------


def colours_only(path: Path, layout: str) -> Path:
    """The plan with its RAG column's heading and words taken away: a column of colours alone."""
    rows = _rows(layout)
    write_xlsx(path, layout)
    book = load_workbook(path)
    for number in range(1, len(rows)):  # the last row's cell is merged into the one above
        book.active.cell(number, len(rows[0])).value = None
    book.save(path)
    return path


def _expected_by_colour() -> dict[str, str]:
    """With no words in the column, the action whose words won over its red is read as red."""
    return _expected() | {ACTIONS[4][0]: IN_PROGRESS}


COLOURS_UNREAD = "Column {} has no heading and no words, but 7 of its cells are coloured"


@pytest.mark.parametrize(("layout", "letter"), [("template", "G"), ("committee", "F")])
def test_a_column_of_colours_alone_is_said_then_read_as_mapped(
    layout, letter, tmp_path, sqlite_url, capsys
):
    path = colours_only(tmp_path / "plan.xlsx", layout)
    said = run(capsys, "import-plan", str(path), "--dry-run", db=sqlite_url)
    assert said.code == 0, said.err
    assert COLOURS_UNREAD.format(letter) in said.out
    assert "coloured (3 Blue, 2 Red, 1 Amber, 1 Green): the colours were not read" in said.out
    # As the message says: headed RAG, or (in the template's layout) mapped by its letter alone,
    # its colours are read.
    if layout == "template":
        import_plan(capsys, path, sqlite_url, "--map", f"{letter}=status")
    else:
        book = load_workbook(path)
        book.active[f"{letter}1"] = "RAG"
        book.save(path)
        import_plan(capsys, path, sqlite_url)
    assert statuses_of(stored(sqlite_url)[0]) == _expected_by_colour()


def test_the_data_page_lists_a_column_of_colours_alone_and_reads_it_as_mapped(
    demo_engine, sqlite_url, monkeypatch, tmp_path
):
    page = open_app(sqlite_url, monkeypatch, "views/loading.py")
    path = colours_only(tmp_path / "plan.xlsx", "template")
    page.file_uploader(key="data_upload").set_value((path.name, path.read_bytes(), "x")).run()
    assert COLOURS_UNREAD.format("G") in "\n".join(t.value for t in page.text)
    column = page.selectbox(key="data_remapping_6")
    assert shown(column.label) == "Column G (no heading)"
    assert "First value: Red fill" in [c.value for c in page.caption]
    column.set_value("status")
    page.button(key="FormSubmitter:data_remapping-Read the file with these columns").click()
    page.run()
    assert not page.error, [e.value for e in page.error]
    assert FILL_SAID in "\n".join(t.value for t in page.text)
    page.checkbox(key="data_as_new").check().run()
    page.button(key="data_store").click().run()
    assert statuses_of(plan_in(sqlite_url)) == _expected_by_colour()


def test_filled_cells_are_found_by_their_format_wherever_it_is_written():
    sheet = (
        b'<worksheet><sheetData><row r="1" s="2" customFormat="1">'
        b'<c r="B1" s="2" t="s"><v>0</v></c><c r="C1" s="12"/><c r="D1" t="n" s=\'3\'/></row>'
        b'<row r="4"><c r="AA4" s="3"/></row></sheetData>'
        b'<mergeCells><mergeCell ref="B1:B3"/></mergeCells></worksheet>'
    )
    styles = {"2": RED, "3": BLUE}
    # A row's format is not a cell's; format 12 is not format 2.
    assert _styled_by_reference(sheet, styles) == {(0, 1): RED, (0, 3): BLUE, (3, 26): BLUE}
    spaced = sheet.replace(b'r="B1" s="2"', b'r="B1" s = "2"')
    assert _styled_by_reference(spaced, styles) == {(0, 1): RED, (0, 3): BLUE, (3, 26): BLUE}
    assert _merged_ranges(sheet) == [((0, 1), (2, 1))]
    # A cell written with no reference: found only by walking the sheet (_marked_cells).
    assert _styled_by_reference(sheet.replace(b'r="AA4" ', b""), styles) is None


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_banded_or_shaded_rows_are_the_table_s_look_not_a_status(
    kind, tmp_path, sqlite_url, capsys
):
    """Light-blue banding on every other row, as a council shades its rows by hand in Excel or
    Word, colours the status cell too: that is no status (it would read as Complete). A status cell
    coloured differently from its banded row still is one."""
    rows = _rows("template")
    rows = [rows[0]] + [row[:-1] + [""] for row in rows[1:4]]
    path = tmp_path / f"banded.{kind}"
    banded = {1: "DDEBF7", 3: "DDEBF7"}  # rows 2 and 4 (from 0: 1 and 3), every cell
    if kind == "xlsx":
        book = Workbook()
        for row in rows:
            book.active.append([cell or None for cell in row])
        for number, colour in banded.items():
            for column in range(1, len(rows[0]) + 1):
                book.active.cell(number + 1, column).fill = PatternFill("solid", fgColor=colour)
        book.active.cell(4, len(rows[0])).fill = EXCEL_RED  # its status cell red, not banded
        book.save(path)
    else:
        document = docx.Document()
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for index, values in enumerate(rows):
            for column, text in enumerate(values):
                cell = table.cell(index, column)
                cell.text = text
                shading = OxmlElement("w:shd")
                if (index, column) == (3, len(values) - 1):  # solid red, as older writers shade
                    shading.set(qn("w:val"), "solid")
                    shading.set(qn("w:color"), "FF0000")
                    shading.set(qn("w:fill"), "auto")
                elif index in banded:
                    shading.set(qn("w:fill"), banded[index])
                cell._tc.get_or_add_tcPr().append(shading)
        document.save(str(path))
    import_plan(capsys, path, sqlite_url)
    found = statuses_of(stored(sqlite_url)[0])
    assert [found[row[3]] for row in rows[1:]] == [NOT_STARTED, NOT_STARTED, IN_PROGRESS]


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_a_blue_status_on_a_pale_blue_band_is_read(kind, tmp_path, sqlite_url, capsys):
    """Both read as Blue, but they are not the same fill: the status cell stands out from its
    band (a council's own plan, re-keyed with every other row banded, lost its Complete ones)."""
    rows = _rows("template")
    rows = [rows[0]] + [row[:-1] + [""] for row in rows[1:3]]
    band, blue = "DDEBF7", "0070C0"
    last = len(rows[0]) - 1
    path = tmp_path / f"banded.{kind}"
    if kind == "xlsx":
        book = Workbook()
        for row in rows:
            book.active.append([cell or None for cell in row])
        for number in (2, 3):
            for column in range(len(rows[0])):
                colour = blue if (number, column) == (2, last) else band
                book.active.cell(number, column + 1).fill = PatternFill("solid", fgColor=colour)
        book.save(path)
    else:
        document = docx.Document()
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for index, values in enumerate(rows):
            for column, text in enumerate(values):
                cell = table.cell(index, column)
                cell.text = text
                if index:
                    shading = OxmlElement("w:shd")
                    shading.set(qn("w:fill"), blue if (index, column) == (1, last) else band)
                    cell._tc.get_or_add_tcPr().append(shading)
        document.save(str(path))
    import_plan(capsys, path, sqlite_url)
    found = statuses_of(stored(sqlite_url)[0])
    assert [found[row[3]] for row in rows[1:]] == [COMPLETE, NOT_STARTED]
