"""Columns a council's table leaves unheaded, or heads with a comma: named by letter, position or
quoted heading on the command line and the Data page, suggested so when the file is refused,
and remembered for next month's file (issue 26)."""

from __future__ import annotations

import re

import pytest

from readiness.plan.importing.mapping import IGNORE, MapError, parse_map_option
from tests.conftest import open_app
from tests.page_text import shown
from tests.second_round_fixtures import (
    KINDS,
    OUTCOME,
    UNHEADED,
    UNHEADED_MAP,
    Stored,
    export_changes_nothing,
    import_plan,
    stored,
    write,
)
from tests.test_cli import run

UNHEADED_STORED = Stored(recommendations=2, themes=2, actions=3, leads=2, dated=2)
# What is read as we would read it, "?" where the user must say, blank columns by letter.
SUGGESTED = (
    "--map 'A=?,Actions Required=action,Lead Officer(s)=service_leads,D=?,"
    f'"{OUTCOME}"=?,RAG=status\''
)


# --- What the user types ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "chosen"),
    [
        ("A=ref,D=due", (("A", "ref"), ("D", "due"))),
        ("1=ref, 4=due", (("1", "ref"), ("4", "due"))),
        ("column A=ref,col. D=due", (("column A", "ref"), ("col. D", "due"))),
        (f'"{OUTCOME}"=progress_note', ((f'"{OUTCOME}"', "progress_note"),)),
        # Typed without quotes, a heading's commas run on to the "=" that ends it.
        (f"{OUTCOME}=progress_note,D=due", ((OUTCOME, "progress_note"), ("D", "due"))),
        ('"Cost = value"=-', (('"Cost = value"', IGNORE),)),
        # Two progress columns are two notes, not a clash.
        ("E=progress_note,F=progress_note", (("E", "progress_note"), ("F", "progress_note"))),
    ],
)
def test_a_column_is_named_by_letter_position_or_quoted_heading(typed, chosen):
    assert parse_map_option([typed]).chosen == chosen


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ('"Outcome (Q1, Q2=progress_note', "is not closed"),
        ("Outcome (Q1, Q2)", "in double quotes"),
        ('""=due', "is not a heading and a field"),
    ],
)
def test_a_quoted_heading_typed_wrongly_says_how_to_write_it(typed, says):
    with pytest.raises(MapError, match=re.escape(says)):
        parse_map_option([typed])


# --- The command line, in each kind of file ---------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_unheaded_columns_are_suggested_by_letter_then_mapped_and_remembered(
    kind, tmp_path, sqlite_url, capsys
):
    path = write(kind, tmp_path, "plan", UNHEADED)
    refused = run(capsys, "import-plan", str(path), "--dry-run", db=sqlite_url)
    assert refused.code == 1
    assert "Column A (no heading)" in refused.err and "Column D (no heading)" in refused.err
    assert SUGGESTED in refused.err
    first = import_plan(capsys, path, sqlite_url, "--map", UNHEADED_MAP)
    assert "2 recommendations, 2 themes, 3 actions, 1 with no due date" in first.out
    assert "The column mapping is remembered" in first.out
    plan, counts = stored(sqlite_url)
    assert counts == UNHEADED_STORED
    assert [a.due.isoformat() if a.due else None for a in plan.actions] == [
        "2027-03-31",
        "2026-06-30",
        None,
    ]
    assert [u.text for u in plan.actions[0].updates] == ["Q1: list shared with team managers"]
    # Next month's file, the same columns: read by letter as mapped, with nothing asked.
    again = run(capsys, "import-plan", str(path), "--dry-run", db=sqlite_url)
    assert again.code == 0, again.err
    assert '"A" as ref, "D" as due, "' + OUTCOME in again.out
    assert "0 added, 0 changed, 0 removed, 3 unchanged" in again.out
    export_changes_nothing(capsys, tmp_path, sqlite_url)


@pytest.mark.parametrize(
    "typed",
    [
        "1=ref,4=due,5=progress_note",
        f"column A=ref,column D=due,{OUTCOME}=progress_note",
        "A=ref,D=due,E=progress_note",
    ],
)
def test_positions_letters_and_an_unquoted_heading_read_alike(typed, tmp_path, any_db_url, capsys):
    path = write("xlsx", tmp_path, "plan", UNHEADED)
    result = import_plan(capsys, path, any_db_url, "--map", typed)
    assert "is a heading" not in result.out and "not one of the plan's headings" not in result.out
    plan, counts = stored(any_db_url)
    assert counts == UNHEADED_STORED
    assert plan.actions[2].updates[0].text == "Q2: question set drafted"


def test_a_remembered_mapping_by_letter_is_not_used_where_the_columns_moved(
    tmp_path, sqlite_url, capsys
):
    import_plan(capsys, write("csv", tmp_path, "plan", UNHEADED), sqlite_url, "--map", UNHEADED_MAP)
    # The same headings with the number column dropped: column D is now the outcome.
    moved = [row[1:] for row in UNHEADED]
    result = run(capsys, "import-plan", str(write("csv", tmp_path, "moved", moved)), db=sqlite_url)
    assert result.code == 1 and "as you mapped them" not in result.out
    assert "C=?" in result.err  # its unheaded column, by its letter now


AMBIGUOUS = [
    ["B", "Task", "Owner", "Notes", "Notes"],
    ["REC 1", "Track assessments weekly", "Ravi Doyle", "first note", "second note"],
]


def test_a_name_that_could_mean_two_columns_says_which_and_how_to_name_the_other(
    tmp_path, sqlite_url, capsys
):
    path = write("xlsx", tmp_path, "plan", AMBIGUOUS)
    typed = "B=ref,Task=action,Owner=lead,Notes=evidence"
    result = run(capsys, "import-plan", str(path), "--dry-run", "--map", typed, db=sqlite_url)
    assert result.code == 0, result.err
    assert (
        '"B" is a heading (column A) and a column letter: it was read as the heading, as ref. '
        'To mean column B, write "column B=ref".'
    ) in result.out
    assert (
        '"Notes" heads columns D and E: column D was read as evidence of impact. To read '
        'another, name it by its letter instead ("E=evidence").'
    ) in result.out
    # Named as the messages say, the other columns are read.
    typed = '"B"=ref,Task=action,Owner=lead,E=evidence'
    chosen = run(capsys, "import-plan", str(path), "--yes", "--map", typed, db=sqlite_url)
    assert chosen.code == 0, chosen.err
    assert "is a heading" not in chosen.out and "heads columns" not in chosen.out
    plan, _ = stored(sqlite_url)
    assert plan.actions[0].evidence == "second note"


def test_a_letter_beyond_the_table_is_named_not_guessed(tmp_path, sqlite_url, capsys):
    path = write("xlsx", tmp_path, "plan", UNHEADED)
    result = run(
        capsys, "import-plan", str(path), "--map", UNHEADED_MAP + ",K=evidence", db=sqlite_url
    )
    assert result.code == 1
    assert '"K" is in the column mapping but is not one of the plan\'s headings' in result.err


# --- The Data page ----------------------------------------------------------------------------


@pytest.fixture
def data_page(demo_engine, sqlite_url, monkeypatch):
    return open_app(sqlite_url, monkeypatch, "views/loading.py")


def _upload(at, path):
    at.file_uploader(key="data_upload").set_value((path.name, path.read_bytes(), "x")).run()
    assert not at.exception, at.exception


@pytest.mark.parametrize("kind", KINDS)
def test_data_page_maps_unheaded_columns_and_remembers_them(kind, data_page, tmp_path, sqlite_url):
    path = write(kind, tmp_path, "plan", UNHEADED)
    _upload(data_page, path)
    assert "say below what each column holds" in data_page.error[0].value
    boxes = [data_page.selectbox(key=f"data_mapping_{i}") for i in range(6)]
    assert [shown(b.label) for b in boxes] == [
        "Column A (no heading)",
        "Actions Required",
        "Lead Officer(s)",
        "Column D (no heading)",
        OUTCOME,
        "RAG",
    ]
    assert [b.value for b in boxes] == [IGNORE, "action", "service_leads", IGNORE, IGNORE, "status"]
    for box, field in ((boxes[0], "ref"), (boxes[3], "due"), (boxes[4], "progress_note")):
        box.set_value(field)
    data_page.button(key="FormSubmitter:data_mapping-Read the file with these columns").click()
    data_page.run()
    assert not data_page.error, [e.value for e in data_page.error]
    summary = shown(data_page.success[0].value)
    assert "2 recommendations, 2 themes, 3 actions, 1 with no due date" in summary
    data_page.checkbox(key="data_as_new").check().run()
    data_page.button(key="data_store").click().run()
    assert stored(sqlite_url)[1] == UNHEADED_STORED
    # Next month's file with the same columns: read by letter as mapped, nothing asked.
    data_page.file_uploader(key="data_upload").set_value(None).run()
    _upload(data_page, write(kind, tmp_path, "december", UNHEADED))
    assert not data_page.error and "3 actions" in data_page.success[-1].value
    assert any("as you mapped them" in e.label for e in data_page.expander)
