"""A committee paper's due-date column ("Timescale", "When", "Target date"): its date is each
action's due date unless the action's own wording gives one, and what is wrong in it is named.

Every council, name and sentence here is invented for the project.
"""

from __future__ import annotations

from datetime import date

import pytest

from readiness.plan.importing import ImportFailed, read_plan
from readiness.plan.importing.committee_header import classify_heading
from readiness.plan.importing.dates import read_due_cell
from tests.conftest import AS_AT
from tests.import_fixtures import HEADER_FULL, rows_workbook, save_as_csv
from tests.word_fixtures import table_document

TITLE = "Calderbrook Council – children's services improvement plan – May 2026"
# Rows under the header: recommendation, theme, service lead, other lead, actions, progress, due.
ROWS = [
    [
        "REC 1 - Make sure every child in need is seen on time by a worker they know",
        "Visiting standard",
        "Leah Marsden (Head of Service, Children in Need)",
        "Team managers",
        "• Publish the visiting standard for children in need\n"
        "• Check visit timeliness in every supervision by 30/06/2026",
        "",
        "Mar 2027",
    ],
    ["", "Caseload tracker", "Leah Marsden", "", "Build a weekly caseload tracker", "", "Q3 2026"],
    ["", "Out-of-hours cover", "Owen Tranter", "", "Agree an out-of-hours rota", "", "TBC"],
    [
        "",
        "Return interviews",
        "Owen Tranter",
        "",
        "Offer every missing child a return interview",
        "",
        date(2026, 12, 18),
    ],
]


def _paper(tmp_path, rows=ROWS, heading="Timescale", name="paper.xlsx"):
    """Title on row 1, the header on row 3, `rows` from row 4."""
    return rows_workbook(tmp_path / name, [[TITLE], [], [*HEADER_FULL, heading], *rows])


def _dates(plan) -> dict[str, tuple[date | None, str | None]]:
    return {
        a.text: (a.due, a.due_text)
        for rec in plan.recommendations
        for theme in rec.themes
        for a in theme.actions
    }


def _errors(path) -> list:
    with pytest.raises(ImportFailed) as failed:
        read_plan(path, imported_on=AS_AT)
    return failed.value.problems


def test_the_timescale_dates_the_actions_that_give_no_date_of_their_own(tmp_path):
    result = read_plan(_paper(tmp_path), imported_on=AS_AT)
    assert _dates(result.plan) == {
        # The row's timescale, for an action that names no date.
        "Publish the visiting standard for children in need": (date(2027, 3, 31), "Mar 2027"),
        # The action's own date wins over its row's: a row holds several actions.
        "Check visit timeliness in every supervision by 30/06/2026": (
            date(2026, 6, 30),
            "by 30/06/2026",
        ),
        "Build a weekly caseload tracker": (date(2026, 9, 30), "Q3 2026"),
        "Agree an out-of-hours rota": (None, "TBC"),
        "Offer every missing child a return interview": (date(2026, 12, 18), None),
    }
    assert result.undated_actions == 1


def test_a_timescale_that_gives_no_date_is_kept_and_said_of_its_action(tmp_path):
    result = read_plan(_paper(tmp_path), imported_on=AS_AT)
    (undated,) = [w for w in result.warnings if "no due date" in w.message]
    assert (undated.row, undated.column, undated.value) == (
        6,
        "Operational Detailed Actions",
        "Agree an out-of-hours rota",
    )
    assert undated.message == (
        'has no due date we can read ("TBC" in the Timescale column is not an exact date).'
    )
    assert "or to its row's Timescale column" in undated.fix


@pytest.mark.parametrize(
    "heading",
    ["When", "When?", "Target date", "Due by", "By when", "Deadline", "Timescale for completion"],
)
def test_the_due_column_is_found_under_the_words_councils_use(tmp_path, heading):
    row = ["REC 1 - See children on time", "Visits", "Leah Marsden", "", "Set up visit alerts", ""]
    result = read_plan(_paper(tmp_path, [[*row, "End Oct 26"]], heading), imported_on=AS_AT)
    assert result.shape == "committee"
    assert _dates(result.plan) == {"Set up visit alerts": (date(2026, 10, 31), "End Oct 26")}


def test_headings_that_are_not_a_due_date_keep_their_meaning():
    assert classify_heading("Progress update / evidence of impact") == "progress"
    assert classify_heading("Operational Detailed Actions") == "actions"
    assert classify_heading("Action due date") == "due"
    # "when" inside a sentence, or a deadline with its date, is data under the heading.
    assert classify_heading("When the panel next meets") is None
    assert classify_heading("Deadline March 2027") is None


def test_what_is_wrong_in_the_timescale_column_is_named_with_its_cell(tmp_path):
    rows = [
        ["REC 1 - See children on time", "Visits", "Leah Marsden", "", "Set alerts", "", "#REF!"],
        ["", "Caseloads", "Leah Marsden", "", "Cap caseloads", "", "46112"],
        ["", "Supervision", "Leah Marsden", "", "Audit supervision", "", "31/12/9999"],
        ["", "Panel", "Owen Tranter", "", "Start the new panel from 1 May 2026", "", "April 2026"],
    ]
    problems = _errors(_paper(tmp_path, rows))
    assert [(p.row, p.column, p.value, p.message) for p in problems] == [
        (
            4,
            "Timescale",
            "#REF!",
            "is a spreadsheet error from a broken formula, so what the cell should say is lost.",
        ),
        (5, "Timescale", "46112", "is a number, but a due date belongs here."),
        (
            6,
            "Timescale",
            "31/12/9999",
            "is not a date a plan can hold (only 2000 to 2100): it looks like a stand-in for "
            "no date.",
        ),
        (
            7,
            "Operational Detailed Actions",
            "Start the new panel from 1 May 2026",
            "is due (30/04/2026) before it starts (01/05/2026).",
        ),
    ]
    assert str(problems[0]).startswith(
        'paper.xlsx, sheet "Improvement plan", row 4, column "Timescale": "#REF!" is a '
    )
    assert problems[1].fix.startswith("Write the due date as DD/MM/YYYY")
    assert "the date in the Timescale column" in problems[3].fix


@pytest.mark.parametrize(
    ("cell", "message", "wording"),
    [
        ("12", "is a number, but a due date belongs here.", None),
        # A bare year is a timescale without a day, kept like "Ongoing".
        ("2026", "gives no exact date", "2026"),
    ],
)
def test_a_bare_number_in_a_due_cell_is_not_a_date(cell, message, wording):
    due, kept, problem = read_due_cell(cell, 2026)
    assert (due, kept) == (None, wording)
    assert problem.message.startswith(message)
    assert problem.warning is (wording is not None)


def test_a_timescale_on_a_row_without_actions_is_not_lost_in_silence(tmp_path):
    rows = [
        [*ROWS[0]],
        ["", "Caseload tracker", "Leah Marsden", "", "", "", "Q3 2026"],
    ]
    result = read_plan(_paper(tmp_path, rows), imported_on=AS_AT)
    (unused,) = [w for w in result.warnings if w.row == 5]
    assert (unused.column, unused.value) == ("Timescale", "Q3 2026")
    assert unused.message == "is a due date on a row with no actions, so it is not imported."


def test_a_csv_and_a_word_copy_read_their_timescales_as_the_workbook_does(tmp_path):
    book = read_plan(_paper(tmp_path), imported_on=AS_AT)
    csv = read_plan(save_as_csv(_paper(tmp_path), tmp_path / "paper.csv"), imported_on=AS_AT)
    rows = [[TITLE], [*HEADER_FULL, "Timescale"]]
    rows += [[c if isinstance(c, str) else f"{c:%d/%m/%Y}" for c in row] for row in ROWS]
    word = read_plan(table_document(tmp_path / "paper.docx", rows), imported_on=AS_AT)
    assert _dates(csv.plan) == _dates(word.plan) == _dates(book.plan)
    assert _dates(book.plan)["Publish the visiting standard for children in need"][0] == date(
        2027, 3, 31
    )
