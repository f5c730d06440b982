"""Headings, status words and progress dates as councils write them, read without a mapping
step and each reading said (issue 26): through the command line, in .xlsx, .csv and .docx."""

from __future__ import annotations

from datetime import date

import pytest

from readiness.plan.importing import read_plan
from readiness.plan.importing.headings import BY_ALIAS, BY_HEADING, find_header, heading_key
from readiness.plan.importing.progress_dates import heading_date, text_dates
from readiness.plan.importing.statuses import read_status
from readiness.vocabulary import COMPLETE, IN_PROGRESS, NOT_STARTED
from tests.import_fixtures import rows_workbook
from tests.second_round_fixtures import (
    IMPORTED_ON,
    KINDS,
    NOTES,
    OBJECTIVE,
    PROGRESS,
    STATUS_WORDS,
    STATUSES,
    WHAT_HOW,
    Stored,
    export_changes_nothing,
    import_plan,
    stored,
    write,
)
from tests.test_cli import run

# --- Headings -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("DEVELOPMENTAL OBJECTIVE", "recommendation"),
        ("Objective(s)", "recommendation"),
        ("What?", "action"),
        ("Who?", "service_leads"),
        ("When?", "due"),
        ("By when", "due"),
        ("Success measures", "evidence"),
        ("Current Status", "status"),
        ("RAG", "status"),
        ("BRAG", "status"),
    ],
)
def test_a_council_heading_names_its_column(heading, key):
    column = BY_HEADING.get(heading_key(heading)) or BY_ALIAS.get(heading_key(heading))
    assert column is not None and column.key == key


@pytest.mark.parametrize(
    ("heading", "day"),
    [
        ("Progress at March 2026", date(2026, 3, 1)),
        ("Update 01/06/2026", date(2026, 6, 1)),
        ("Progress update as at 3rd July 2026", date(2026, 7, 3)),
        ("Position - Sept. 2026", date(2026, 9, 1)),
        ("Progress", None),
        ("Update on housing", None),
    ],
)
def test_a_progress_heading_gives_its_date(heading, day):
    assert heading_date(heading) == day


def test_how_is_the_action_only_where_no_other_column_is():
    def read(row):
        return {k: row[p] for k, p in find_header([row, ["x"] * len(row)]).columns.items()}

    assert read(["Objective", "How?", "Who?"])["action"] == "How?"
    assert read(["No.", "What?", "How?", "Who?"])["action"] == "What?"
    # No recommendation or ref column: "What?" is what is to improve, "How?" its actions.
    both = read(["What?", "How?", "Who?"])
    assert (both["recommendation"], both["action"]) == ("What?", "How?")


@pytest.mark.parametrize("kind", KINDS)
def test_what_how_who_when_with_dated_progress_columns_imports_as_it_is(
    kind, tmp_path, sqlite_url, capsys
):
    result = import_plan(capsys, write(kind, tmp_path, "plan", WHAT_HOW), sqlite_url)
    assert "2 recommendations, 2 themes, 3 actions, 0 with no due date" in result.out
    assert '"What?" and "How?" columns' in result.out
    plan, counts = stored(sqlite_url)
    assert counts == Stored(recommendations=2, themes=2, actions=3, leads=2, dated=3)
    assert [r.text for r in plan.recommendations] == [
        "Timely assessments",
        "Children's voices in plans",
    ]
    assert [a.status for a in plan.actions] == ["complete", "not_started", "in_progress"]
    # Each dated column is a note of its own, dated by its heading; the latest holds the status.
    tracked = plan.actions[0].updates
    assert [(u.recorded_on, u.text, u.status) for u in tracked] == [
        (date(2026, 3, 1), "Tracker designed", "in_progress"),
        (date(2026, 6, 1), "Tracker in use by all teams", "complete"),
    ]
    export_changes_nothing(capsys, tmp_path, sqlite_url)


@pytest.mark.parametrize("kind", KINDS)
def test_an_objective_plan_with_success_measures_imports_as_it_is(
    kind, tmp_path, sqlite_url, capsys
):
    result = import_plan(capsys, write(kind, tmp_path, "plan", OBJECTIVE), sqlite_url)
    assert "2 recommendations, 2 themes, 3 actions, 1 with no due date" in result.out
    assert "not imported" not in result.out
    plan, counts = stored(sqlite_url)
    assert counts == Stored(recommendations=2, themes=2, actions=3, leads=2, dated=2)
    assert [a.evidence for a in plan.actions] == [
        "Twelve carers approved",
        None,
        "Ten apprentices placed",
    ]
    assert [a.status for a in plan.actions] == ["in_progress", "complete", "in_progress"]
    export_changes_nothing(capsys, tmp_path, sqlite_url)


def test_a_heading_dated_after_the_import_is_said_once_and_not_used(tmp_path):
    rows = [[*WHAT_HOW[0][:5], "Update 01/12/2026"], *(r[:6] for r in WHAT_HOW[1:])]
    result = read_plan(
        write("csv", tmp_path, "late", rows), imported_on=date.fromisoformat(IMPORTED_ON)
    )
    said = [w for w in result.warnings if w.value == "Update 01/12/2026"]
    assert len(said) == 1 and "after the import date (22/11/2026)" in said[0].message
    notes = [
        u
        for r in result.plan.recommendations
        for t in r.themes
        for a in t.actions
        for u in a.updates
    ]
    assert {u.recorded_on for u in notes} == {date.fromisoformat(IMPORTED_ON)}


# --- Status words -------------------------------------------------------------------------------


def test_every_word_is_read_by_the_one_table():
    for word, status in STATUS_WORDS:
        assert read_status(word).status == status, word
    assert read_status("Paused").status is None
    assert read_status("Complete by March").status is None  # a date, not a status's qualifier


@pytest.mark.parametrize("kind", KINDS)
def test_status_words_are_read_and_each_said_once(kind, tmp_path, sqlite_url, capsys):
    result = import_plan(capsys, write(kind, tmp_path, "plan", STATUSES), sqlite_url)
    plan, counts = stored(sqlite_url)
    assert counts == Stored(recommendations=1, themes=16, actions=16, leads=1, dated=0)
    assert [a.status for a in plan.actions] == [status for _, status in STATUS_WORDS]
    said = [line for line in result.out.splitlines() if 'column "Status"' in line]
    assert '"Off track" was read as In progress' in result.out
    assert sum('"Off track"' in line for line in said) == 1  # twice in the file, said once
    assert sum("RAG colour" in line for line in said) == 1  # every colour, said once
    assert '"Complete - evidence submitted" was read as Complete' in result.out
    assert '"Not yet due" was read as Not started' in result.out
    assert not any('"COMPLETED"' in line for line in said)  # the template's own word
    export_changes_nothing(capsys, tmp_path, sqlite_url)


@pytest.mark.parametrize("kind", KINDS)
def test_an_unknown_status_word_is_refused_naming_its_row(kind, tmp_path, sqlite_url, capsys):
    rows = [*STATUSES[:3], [*STATUSES[3][:5], "Paused"]]
    result = run(capsys, "import-plan", str(write(kind, tmp_path, "plan", rows)), db=sqlite_url)
    assert result.code == 1
    assert 'row 5, column "Status": "Paused" is not a status we recognise.' in result.err


# --- Dates inside progress notes --------------------------------------------------------------


def test_the_dates_a_note_starts_with():
    assert text_dates("13/12/12 - met") == [("13/12/12", date(2012, 12, 13), None)]
    assert text_dates("9.12.16 agreed") == [("9.12.16", date(2016, 12, 9), None)]
    assert text_dates("March 2014 – begun") == [("March 2014", date(2014, 3, 1), None)]
    assert text_dates("13/13/12 - typo") == [("13/13/12", None, "13/13/2012 is not a real date")]
    assert text_dates("Met on 13/12/12") == []  # a date within the text dates something else


@pytest.mark.parametrize("kind", KINDS)
def test_a_note_is_dated_by_its_text_and_a_date_it_cannot_have_is_said(
    kind, tmp_path, sqlite_url, capsys
):
    result = import_plan(capsys, write(kind, tmp_path, "plan", PROGRESS), sqlite_url)
    plan, counts = stored(sqlite_url)
    assert counts == Stored(recommendations=1, themes=9, actions=9, leads=1, dated=0)
    assert [a.updates[0].recorded_on.isoformat() for a in plan.actions] == [n[3] for n in NOTES]
    checks = [line for line in result.out.splitlines() if line.startswith("Check:")]
    said = {
        line.split(", row ")[1].split(",")[0]: line for line in checks if "progress note" in line
    }
    assert '"13/13/25" starts the progress note but 13/13/2025 is not a real date' in said["7"]
    assert '"05/12/26" starts the progress note but is after the import date' in said["8"]
    assert "before the action's start (01/04/2026)" in said["9"]
    assert '"13/12/2025" was read from the start of the progress note as its date' in said["3"]
    assert set(said) == {"3", "7", "8", "9"}  # the reading said once, each problem on its row
    export_changes_nothing(capsys, tmp_path, sqlite_url)


def test_with_no_status_column_a_progress_note_means_work_has_begun(tmp_path):
    """A council's own table with progress and no status column: an action with a note is In
    progress (as the committee paper's layout reads it), one without Not started; said once."""
    rows = [
        ["Objective", "Actions required", "Lead officer", "When", "Progress at March 2026"],
        ["Timely visits", "Visit each child in care every six weeks", "Ada Moss", "", "Begun"],
        ["Timely visits", "Report visits to the panel", "Ada Moss", "", ""],
    ]
    path = rows_workbook(tmp_path / "plan.xlsx", rows)
    result = read_plan(path, imported_on=date(2026, 11, 22))
    actions = [a for r in result.plan.recommendations for t in r.themes for a in t.actions]
    assert [a.status for a in actions] == [IN_PROGRESS, NOT_STARTED]
    said = [w for w in result.warnings if "has no status column" in w.message]
    assert len(said) == 1


def test_a_plan_with_its_refs_in_a_column_of_their_own_is_never_read_as_a_committee_paper(
    tmp_path,
):
    """The template's columns with a council's "RAG" for the status were taken for a committee
    paper, which has no ref column: every row refused for a recommendation without its ref."""
    rows = [["Ref", "Recommendation", "Theme", "Action", "Service leads", "Due", "RAG"]]
    for number in (1, 2):
        rows.append(
            [f"REC {number}", f"Improve planning {number}", "Plans", f"Audit plans {number}"]
            + ["Ada Moss", "31/03/2027", "Blue" if number == 1 else "Amber"]
        )
    result = read_plan(rows_workbook(tmp_path / "plan.xlsx", rows), imported_on=date(2026, 11, 22))
    assert result.shape == "canonical"
    recommendations = result.plan.recommendations
    assert [(r.ref, r.text) for r in recommendations] == [
        ("REC 1", "Improve planning 1"),
        ("REC 2", "Improve planning 2"),
    ]
    assert [r.themes[0].actions[0].status for r in recommendations] == [COMPLETE, IN_PROGRESS]
