"""The mapping step: a plan whose headings are its own ("Task / Who's on it / Finish by") is read
once the user says what each column holds, on the command line or the Data page, and the next
file with the same headings is read the same way without asking again."""

from __future__ import annotations

import re
from datetime import date

import pytest
from openpyxl import Workbook

from readiness.db.engine import make_engine
from readiness.plan.importing import ImportFailed, read_plan
from readiness.plan.importing.mapping import (
    IGNORE,
    ColumnMap,
    MapError,
    parse_map_option,
    signature,
)
from tests.conftest import open_app, stored_plan
from tests.test_cli import run
from tests.word_fixtures import table_document

TODAY = date(2026, 11, 29)
HEADINGS = ["Priority", "Task", "Who's on it", "Finish by", "Comments"]
ROWS = [
    ["REC 1 Make assessments timely", "Set up a weekly tracker", "Amira Khan", "31/3/2027", "Live"],
    ["REC 1 Make assessments timely", "Coach team managers", "Ben Ortiz", "Q3 2026", ""],
    ["REC 2 Strengthen supervision", "Audit supervision records", "Amira Khan", "Mar 2027", ""],
]
MAP = "Priority=recommendation,Task=action,Who's on it=lead,Finish by=due"


def own_workbook(path, headings=HEADINGS, rows=ROWS):
    book = Workbook()
    sheet = book.active
    sheet.title = "Plan"
    sheet.append(["Fenmoor improvement plan"])
    sheet.append([])
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def actions_of(plan) -> list[tuple]:
    return [
        (r.ref, t.text, a.text, a.service_leads, a.due)
        for r in plan.recommendations
        for t in r.themes
        for a in t.actions
    ]


READ = [
    ("REC 1", "REC 1 actions", "Set up a weekly tracker", ["Amira Khan"], date(2027, 3, 31)),
    # A bare "Q3 2026" is the calendar quarter (readiness.plan.importing.dates).
    ("REC 1", "REC 1 actions", "Coach team managers", ["Ben Ortiz"], date(2026, 9, 30)),
    ("REC 2", "REC 2 actions", "Audit supervision records", ["Amira Khan"], date(2027, 3, 31)),
]


# --- What the user types ----------------------------------------------------------------------


def test_a_field_is_named_by_its_key_its_heading_or_another_heading_it_is_known_by():
    mapping = parse_map_option(["When?=due, Who?=Lead", "Notes=Progress,How?=-"])
    assert mapping.chosen == (
        ("When?", "due"),
        ("Who?", "service_leads"),
        ("Notes", "progress_note"),
        ("How?", IGNORE),
    )


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("When?=?", '"?" is not a field'),
        ("When?=finish", '"finish" is not a field'),
        ("When?", '"When?" is not a heading and a field'),
        ("Who?=lead,Owner=service leads", "More than one column is mapped to Service leads"),
        (" , ", "at least one"),
    ],
)
def test_a_mapping_that_cannot_be_used_says_why(typed, says):
    with pytest.raises(MapError, match=re.escape(says)):
        parse_map_option([typed])


# --- Reading with a mapping -------------------------------------------------------------------


def test_unrecognised_headings_are_refused_with_the_headings_found_for_mapping(tmp_path):
    with pytest.raises(ImportFailed) as failed:
        read_plan(own_workbook(tmp_path / "own.xlsx"), imported_on=TODAY)
    (problem,) = failed.value.problems
    assert '"Task", "Who\'s on it", "Finish by"' in problem.message
    assert "missing: the recommendation" in problem.message and "--map" in problem.fix
    (found,) = failed.value.headings
    assert (found.sheet, found.row, found.headings) == ("Plan", 3, tuple(HEADINGS))
    # What we could read is filled in; the first value under each heading helps the user.
    assert found.read_as == (None, None, None, None, "progress_note")
    assert found.examples[:2] == ("REC 1 Make assessments timely", "Set up a weekly tracker")


def test_the_mapped_columns_are_read_with_their_dates_and_leads(tmp_path):
    result = read_plan(
        own_workbook(tmp_path / "own.xlsx"), imported_on=TODAY, mapping=parse_map_option([MAP])
    )
    assert actions_of(result.plan) == READ
    assert result.mapping_to_remember() == (result.headings, result.mapping)


def test_a_column_mapped_as_not_imported_is_not_read_nor_reported(tmp_path):
    path = own_workbook(tmp_path / "own.xlsx")
    kept = read_plan(path, imported_on=TODAY, mapping=parse_map_option([MAP]))
    assert [u.text for u in kept.plan.recommendations[0].themes[0].actions[0].updates] == ["Live"]
    dropped = read_plan(path, imported_on=TODAY, mapping=parse_map_option([MAP + ",Comments=-"]))
    assert dropped.plan.recommendations[0].themes[0].actions[0].updates == []
    assert not any("not imported" in w.message for w in dropped.warnings)


def test_a_mapped_heading_not_in_the_file_is_named_not_guessed(tmp_path):
    with pytest.raises(ImportFailed) as failed:
        read_plan(
            own_workbook(tmp_path / "own.xlsx"),
            imported_on=TODAY,
            mapping=parse_map_option([MAP + ",Finsh by=start"]),
        )
    (problem,) = failed.value.problems
    assert (problem.value, problem.sheet) == ("Finsh by", "Plan")
    assert "not one of the plan's headings" in problem.message and '"Finish by"' in problem.fix


def test_a_mapping_lacking_a_needed_field_names_it(tmp_path):
    with pytest.raises(ImportFailed) as failed:
        read_plan(
            own_workbook(tmp_path / "own.xlsx"),
            imported_on=TODAY,
            mapping=parse_map_option(["Priority=recommendation,Task=action"]),
        )
    assert "missing: the service leads" in failed.value.problems[0].message


def test_a_remembered_mapping_reads_a_file_with_the_same_headings_and_says_so(tmp_path):
    path = own_workbook(tmp_path / "own.xlsx")
    given = read_plan(path, imported_on=TODAY, mapping=parse_map_option([MAP]))
    remembered = {given.headings.signature: given.mapping}
    again = read_plan(path, imported_on=TODAY, remembered=remembered)
    assert actions_of(again.plan) == READ
    assert again.mapping_remembered and again.mapping_to_remember() is None
    assert any("as you mapped them" in w.message for w in again.warnings)
    # Other headings are not read by it.
    other = own_workbook(tmp_path / "other.xlsx", ["Priority", "Task", "Owner", "Finish by"])
    with pytest.raises(ImportFailed):
        read_plan(other, imported_on=TODAY, remembered={"x": ColumnMap(())} | remembered)


def test_the_signature_ignores_case_spaces_and_punctuation_but_not_order():
    row = ["Task", "Who's on it", None, "Finish by"]
    assert signature(row) == signature(["TASK ", "whos on it", "", "Finish-by"])
    assert signature(row) != signature(["Who's on it", "Task", "Finish by"])
    assert signature(["Fenmoor improvement plan"]) is None


def test_a_word_table_with_its_own_headings_is_mapped_the_same_way(tmp_path):
    path = table_document(tmp_path / "own.docx", [HEADINGS, *ROWS])
    with pytest.raises(ImportFailed) as failed:
        read_plan(path, imported_on=TODAY)
    assert failed.value.headings[0].sheet == "Table 1"
    result = read_plan(path, imported_on=TODAY, mapping=parse_map_option([MAP]))
    assert actions_of(result.plan) == READ


# --- The command line -------------------------------------------------------------------------


def test_cli_prints_a_map_line_to_start_from(tmp_path, sqlite_url, capsys):
    result = run(capsys, "import-plan", str(own_workbook(tmp_path / "own.xlsx")), db=sqlite_url)
    assert result.code == 1
    assert (
        '--map "Priority=?,Task=?,Who\'s on it=?,Finish by=?,Comments=progress_note"' in result.err
    )


def test_cli_map_is_stored_and_remembered_for_the_next_file(tmp_path, any_db_url, capsys):
    path = own_workbook(tmp_path / "own.xlsx")
    first = run(capsys, "import-plan", str(path), "--yes", "--map", MAP, db=any_db_url)
    assert first.code == 0, first.err
    assert "The column mapping is remembered" in first.out
    engine = make_engine(any_db_url)
    assert actions_of_stored(stored_plan(engine)) == [(a[2], a[3], a[4]) for a in READ]
    engine.dispose()
    again = run(capsys, "import-plan", str(path), "--dry-run", db=any_db_url)
    assert again.code == 0, again.err
    assert "as you mapped them" in again.out and "3 unchanged" in again.out


def test_a_typo_in_map_is_a_usage_error(tmp_path, sqlite_url, capsys):
    path = own_workbook(tmp_path / "own.xlsx")
    result = run(capsys, "import-plan", str(path), "--map", "Task=actoin", db=sqlite_url)
    assert result.code == 2 and '"actoin" is not a field' in result.err


def actions_of_stored(plan) -> list[tuple]:
    return [(a.text, list(a.service_leads), a.due) for a in plan.actions]


# --- The Data page ----------------------------------------------------------------------------


@pytest.fixture
def data_page(demo_engine, sqlite_url, monkeypatch):
    return open_app(sqlite_url, monkeypatch, "views/loading.py")


def upload(at, path):
    at.file_uploader(key="data_upload").set_value((path.name, path.read_bytes(), "x")).run()
    assert not at.exception, at.exception


def test_data_page_maps_stores_and_remembers(data_page, tmp_path, sqlite_url):
    path = own_workbook(tmp_path / "own.xlsx")
    upload(data_page, path)
    assert "say below what each column holds" in data_page.error[0].value
    boxes = [data_page.selectbox(key=f"data_mapping_{i}") for i in range(len(HEADINGS))]
    assert [b.label for b in boxes][:2] == ["Priority", "Task"]
    assert boxes[4].value == "progress_note"  # "Comments", read as we would read it
    fields = ["recommendation", "action", "service_leads", "due", IGNORE]
    for box, field in zip(boxes, fields, strict=True):
        box.set_value(field)
    data_page.button(key="FormSubmitter:data_mapping-Read the file with these columns").click()
    data_page.run()
    assert not data_page.error, [e.value for e in data_page.error]
    assert "3 actions" in data_page.success[0].value
    data_page.checkbox(key="data_as_new").check().run()
    data_page.button(key="data_store").click().run()
    assert actions_of_stored(stored_plan(make_engine(sqlite_url))) == [
        (a[2], a[3], a[4]) for a in READ
    ]
    # The same headings next month: read as mapped, with no question asked.
    data_page.file_uploader(key="data_upload").set_value(None).run()
    upload(data_page, own_workbook(tmp_path / "december.xlsx"))
    assert not data_page.error and "3 actions" in data_page.success[-1].value
    assert any("as you mapped them" in e.label for e in data_page.expander)
