"""Plans kept as a table in a Word document: read as the same plan as the workbook they mirror."""

from __future__ import annotations

import zipfile

import docx
import pytest
from openpyxl import load_workbook

from readiness.importing import ImportFailed, read_plan
from tests.conftest import AS_AT
from tests.import_fixtures import COMMITTEE_BLOCKS, canonical_workbook, committee_workbook
from tests.test_cli import run
from tests.test_import import CANONICAL_ROWS
from tests.word_fixtures import committee_document


def _plan_parts(plan):
    return [
        (
            rec.ref,
            rec.text,
            [
                (t.text, t.service_leads, [(a.text, a.other_leads, a.due) for a in t.actions])
                for t in rec.themes
            ],
        )
        for rec in plan.recommendations
    ]


def test_a_committee_paper_table_reads_as_the_workbook_does(tmp_path):
    word = read_plan(committee_document(tmp_path / "paper.docx"), imported_on=AS_AT)
    book = read_plan(committee_workbook(tmp_path / "paper.xlsx"), imported_on=AS_AT)
    assert word.shape == "committee"
    assert word.sheet == "Table 2"  # the first table is the paper's contents box
    assert "(table 2 of the document)" in word.summary()
    assert word.recommendations == len(COMMITTEE_BLOCKS)
    assert _plan_parts(word.plan) == _plan_parts(book.plan)


def test_word_bullets_are_separate_actions(tmp_path):
    blocks = [
        (
            "REC 1 - Make every plan specific to the child",
            True,
            [COMMITTEE_BLOCKS[0][2][0]],
            [
                (
                    "Plan quality",
                    "Daniel Okafor",
                    "",
                    "• Agree what a good plan looks like by 31/03/2027\n"
                    "• Audit twenty plans against it\nwith the practice leads",
                    "",
                ),
            ],
        )
    ]
    result = read_plan(committee_document(tmp_path / "one.docx", blocks), imported_on=AS_AT)
    actions = [a.text for a in result.plan.recommendations[0].themes[0].actions]
    assert actions == [
        "Agree what a good plan looks like by 31/03/2027",
        "Audit twenty plans against it with the practice leads",
    ]


def test_a_canonical_table_in_a_document(tmp_path):
    book = canonical_workbook(tmp_path / "plan.xlsx", CANONICAL_ROWS)
    sheet = load_workbook(book)["Plan"]
    document = docx.Document()
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value is not None:
                shown = value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else str(value)
                table.cell(r, c).text = shown
    document.save(tmp_path / "plan.docx")
    word = read_plan(tmp_path / "plan.docx", imported_on=AS_AT)
    assert word.shape == "canonical" and word.sheet == "Table 1"
    assert _plan_parts(word.plan) == _plan_parts(read_plan(book, imported_on=AS_AT).plan)


def test_a_document_with_no_plan_table_names_its_tables(tmp_path):
    document = docx.Document()
    document.add_paragraph("Minutes of the meeting.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Item", "Owner"
    document.save(tmp_path / "minutes.docx")
    with pytest.raises(ImportFailed) as failed:
        read_plan(tmp_path / "minutes.docx", imported_on=AS_AT)
    text = str(failed.value)
    assert "minutes.docx, table 1: No row of headings we recognise" in text


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("plan.docx", b"PK\x03\x04 not really a zip", "is not a file we can read"),
        ("plan.xlsx", None, "is a Word document (.docx)"),
        ("plan.docx", "xlsx", "is an Excel workbook (.xlsx)"),
    ],
)
def test_a_file_that_is_not_what_its_name_says(tmp_path, name, content, says):
    path = tmp_path / name
    if content is None:
        committee_document(path)
    elif content == "xlsx":
        committee_workbook(path)
    else:
        path.write_bytes(content)
    with pytest.raises(ImportFailed) as failed:
        read_plan(path, imported_on=AS_AT)
    assert says in str(failed.value)


def test_a_failure_after_the_progress_bar_starts_prints_on_its_own_line(tmp_path, capsys):
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document>not finished")
    result = run(capsys, "import-plan", str(path), "--dry-run", db=f"sqlite:///{tmp_path}/x.db")
    assert result.code != 0
    lines = result.err.splitlines()
    problem = next(line for line in lines if "The document is damaged" in line)
    assert problem.startswith("broken.docx: "), lines
