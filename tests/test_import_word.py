"""Plans kept as a table in a Word document: read as the same plan as the workbook they mirror."""

from __future__ import annotations

import re
import time
import zipfile

import docx
import pytest
from openpyxl import load_workbook

from readiness.files.isolation import Reader
from readiness.files.limits import Limits, out_of_time
from readiness.files.reading import DocumentReader
from readiness.plan.canonical import CANONICAL_COLUMNS
from readiness.plan.importing import ImportFailed, read_plan
from tests.conftest import AS_AT
from tests.import_fixtures import (
    CANONICAL_ROWS,
    COMMITTEE_BLOCKS,
    big_canonical_rows,
    canonical_workbook,
    committee_workbook,
)
from tests.test_cli import run
from tests.test_import_limits import Probe
from tests.word_fixtures import committee_document, merged_down_document, with_cell_property


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


# --- What a damaged or hostile table may hold --------------------------------------------------


@pytest.mark.parametrize(
    "span",
    ["2000000000", "-3", "two", "9" * 5000],
    ids=["two-billion", "negative", "not-a-number", "5000-digits"],
)
def test_a_cell_spanning_more_columns_than_the_table_has_is_cut_to_the_table(tmp_path, span):
    """A heading cell in the middle of the plan's first header row claims `span` columns: it is
    read as the one column the table has room for, quickly (two billion took seconds and a
    gigabyte)."""
    source = committee_document(tmp_path / "source.docx")
    path = with_cell_property(source, tmp_path / "paper.docx", (1, 0, 2), "gridSpan", span)
    started = time.perf_counter()
    word = read_plan(path, imported_on=AS_AT)
    print(f"\n{path.name}, a span of {span[:12]}: read in {time.perf_counter() - started:.2f} s")
    assert _plan_parts(word.plan) == _plan_parts(read_plan(source, imported_on=AS_AT).plan)


def test_a_merge_continued_from_no_cell_above_reads_as_its_own_cell(tmp_path):
    source = committee_document(tmp_path / "source.docx")
    path = with_cell_property(source, tmp_path / "paper.docx", (1, 0, 0), "vMerge")
    word = read_plan(path, imported_on=AS_AT)
    assert _plan_parts(word.plan) == _plan_parts(read_plan(source, imported_on=AS_AT).plan)


def test_a_cell_merged_down_a_long_table_reads_on_every_row(tmp_path):
    """Ref, Kind and Recommendation merged down 1,500 rows: python-docx walked up the merge
    cell by cell, recursively, and ran out of stack. The text the continuing cells hide is not
    read."""
    headings = [column.heading for column in CANONICAL_COLUMNS]
    assert headings[:3] == ["Ref", "Kind", "Recommendation"]
    rows = [headings, *big_canonical_rows(1500)]
    path = merged_down_document(tmp_path / "plan.docx", rows, columns=3)
    started = time.perf_counter()
    result = read_plan(path, imported_on=AS_AT)
    print(f"\n{path.name}: read in {time.perf_counter() - started:.2f} s")
    (recommendation,) = result.plan.recommendations
    assert (recommendation.ref, recommendation.text) == (rows[1][0], rows[1][2])
    assert result.actions == 1500


# --- Limit messages speak of a document ------------------------------------------------------


def _reader_problem(limits: Limits, *call) -> str:
    """What a reader of "plan.docx" that fails `call` reports."""
    reader = Reader("plan.docx", limits, Probe)
    try:
        with pytest.raises(ImportFailed) as failed:
            reader.call(*call)
    finally:
        reader.close()
    (problem,) = failed.value.problems
    return str(problem)


@pytest.mark.parametrize(
    ("stop", "says"),
    [
        (
            lambda: _reader_problem(Limits(memory_bytes=700 * 2**20), "allocate", 800),
            "The document needs more than the 700 MB",
        ),
        (
            # The reason a Reader gives when its time runs out; not timed here, where a loaded
            # machine could take the whole budget starting the reader.
            lambda: str(out_of_time("plan.docx", Limits(seconds=2))),
            "Reading the document took longer than the 2 seconds",
        ),
        (
            lambda: _reader_problem(Limits(), "exit", 7),
            "The document reader stopped unexpectedly (exit status 7)",
        ),
    ],
    ids=["memory", "time", "died"],
)
def test_a_reader_stopped_on_a_document_says_document(stop, says):
    text = stop()
    assert f"plan.docx: {says}" in text
    assert "Word" in text
    assert not {"workbook", "sheet", "Excel"} & set(re.findall(r"\w+", text)), text


def test_a_document_over_the_unpacked_limit_says_document(tmp_path):
    path = committee_document(tmp_path / "plan.docx")
    with pytest.raises(ImportFailed) as failed:
        DocumentReader(path, Limits(unpacked_bytes=1000))
    (problem,) = failed.value.problems
    assert problem.message.startswith("The document unpacks to")
    assert "Word" in problem.fix and "Excel" not in problem.fix
