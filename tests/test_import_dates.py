"""Due dates in the forms councils write them: a due-date column's cell, and dates in free text.

Issue 8: a Timescale / When / Target date column was ignored, months with two-digit years and
quarters were not read, and "phase 2 March 2027" was taken as the 2nd of March.
"""

from __future__ import annotations

from datetime import date

import pytest

from readiness.plan.importing.dates import (
    find_due_date,
    impossible_dates,
    looks_like_date,
    read_date_cell,
    read_due_cell,
)

YEAR = 2026


@pytest.mark.parametrize(
    ("cell", "due", "wording"),
    [
        # A month alone is its last day, as in free text ("Finish in March 2026").
        ("Mar 2017", date(2017, 3, 31), "Mar 2017"),
        ("March 2015.", date(2015, 3, 31), "March 2015."),
        ("Sept 2026", date(2026, 9, 30), "Sept 2026"),
        # A two-digit year after a month is in the plan's century.
        ("End Oct 03", date(2003, 10, 31), "End Oct 03"),
        ("Mar-27", date(2027, 3, 31), "Mar-27"),
        ("Dec 26", date(2026, 12, 31), "Dec 26"),
        ("14 Jan 27", date(2027, 1, 14), "14 Jan 27"),
        # A bare quarter is a calendar quarter; with a financial year, April to March.
        ("Q3 2026", date(2026, 9, 30), "Q3 2026"),
        ("Quarter 2 2026", date(2026, 6, 30), "Quarter 2 2026"),
        ("Q3 2026/27", date(2026, 12, 31), "Q3 2026/27"),
        ("Q4 2026/27", date(2027, 3, 31), "Q4 2026/27"),
        ("Q1 26/27", date(2026, 6, 30), "Q1 26/27"),
        ("Q2 2026-2027", date(2026, 9, 30), "Q2 2026-2027"),
        # A number after "phase", "stage", "wave" ... counts, it is not a day.
        ("Phase 2 Mar 2017", date(2017, 3, 31), "Phase 2 Mar 2017"),
        ("Roll out phase 2 March 2027", date(2027, 3, 31), "Roll out phase 2 March 2027"),
        (
            "Stage 1 Dec 2026, stage 2 Mar 2027",
            date(2027, 3, 31),
            "Stage 1 Dec 2026, stage 2 Mar 2027",
        ),
        # A day that reads as one is a day.
        ("by 2 March 2027", date(2027, 3, 2), "by 2 March 2027"),
        # A plain date needs no wording kept beside it.
        ("31/03/2027", date(2027, 3, 31), None),
        ("2 March 2027", date(2027, 3, 2), None),
        ("2027-03-31", date(2027, 3, 31), None),
        (date(2026, 11, 30), date(2026, 11, 30), None),
        ("", None, None),
        ("   ", None, None),
    ],
)
def test_a_due_cell_gives_its_date(cell, due, wording):
    assert read_due_cell(cell, YEAR) == (due, wording, None)


@pytest.mark.parametrize(
    ("cell", "message", "warning", "wording"),
    [
        # No exact date: the action imports undated, and the wording is kept for its owner.
        ("Ongoing", "gives no exact date", True, "Ongoing"),
        ("TBC", "gives no exact date", True, "TBC"),
        ("Quarterly", "gives no exact date", True, "Quarterly"),
        ("Monthly", "gives no exact date", True, "Monthly"),
        ("When the new panel meets", "gives no exact date", True, "When the new panel meets"),
        ("From April 2026", "when the action starts", True, "From April 2026"),
        # A date that does not exist, or that nobody means, stops the import.
        ("31/02/2027", "is not a real date.", False, None),
        ("Phase 2 30 Feb 2027", "is not a real date.", False, "Phase 2 30 Feb 2027"),
        ("Q3 2026/28", "2026/28 is not a financial year", False, "Q3 2026/28"),
        ("March 0000", "0000 is not a real year", False, "March 0000"),
        # Debris from a formula or an export is not a due date at all.
        ("#REF!", "spreadsheet error", False, None),
        ("nan", "read as empty", True, None),
        ("FALSE", "TRUE/FALSE", False, None),
    ],
)
def test_a_due_cell_without_a_date_says_why(cell, message, warning, wording):
    due, kept, problem = read_due_cell(cell, YEAR)
    assert due is None
    assert kept == wording
    assert message in problem.message
    assert problem.warning is warning


def test_an_impossible_due_cell_suggests_the_last_real_day():
    problem = read_due_cell("31/02/2027", YEAR).problem
    assert problem.value == "31/02/2027"
    assert problem.fix == "Use a real date such as 28/02/2027."


@pytest.mark.parametrize(
    ("cell", "day", "message", "warning"),
    [
        ("31/03/2027", date(2027, 3, 31), None, None),
        (" 1/4/2026 ", date(2026, 4, 1), None, None),
        (date(2026, 4, 1), date(2026, 4, 1), None, None),
        ("", None, None, None),
        ("31/02/2027", None, "is not a real date.", False),
        ("March 2027", None, "is not a date we can read.", False),
        ("#VALUE!", None, "spreadsheet error", False),
        ("NULL", None, "read as empty", True),
    ],
)
def test_read_date_cell(cell, day, message, warning):
    found, problem = read_date_cell(cell)
    assert found == day
    if message is None:
        assert problem is None
    else:
        assert message in problem.message
        assert problem.warning is warning


@pytest.mark.parametrize(
    ("text", "due", "wording"),
    [
        ("Roll out phase 2 March 2027", date(2027, 3, 31), "March 2027"),
        ("Launch wave 3 April 2026", date(2026, 4, 30), "April 2026"),
        ("Cohort 1 May 2026 trained", date(2026, 5, 31), "May 2026"),
        ("Step 4 June 2026 go live", date(2026, 6, 30), "June 2026"),
        ("Hold the first meeting by 2 March 2027", date(2027, 3, 2), "by 2 March 2027"),
        ("Report to the panel 2 March 2027", date(2027, 3, 2), "2 March 2027"),
        ("Review the offer by Q3 2026/27", date(2026, 12, 31), "by Q3 2026/27"),
        ("Review the offer in Q3 2026", date(2026, 9, 30), "in Q3 2026"),
        ("Audit case files quarterly", None, "quarterly"),
        ("Report monthly to the board", None, "monthly"),
        ("Visit each team termly", None, "termly"),
        ("Review at the end of Q2", None, "at the end of Q2"),
        # A year that does not exist used to escape as a bare error and crash the import.
        ("Close the project by March 0000", None, "by March"),
    ],
)
def test_find_due_date_in_free_text(text, due, wording):
    assert find_due_date(text, YEAR) == (due, wording)


def test_a_year_that_does_not_exist_is_reported_in_free_text():
    assert impossible_dates("Close the project by March 0000", YEAR) == [
        ("by March 0000", "0000 is not a real year")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31/03/2026", True),
        ("31 March 2026", True),
        ("by March 2026", True),
        ("End Oct 03", True),
        ("Q3 2026/27", True),
        ("31/02/2026", True),
        ("Tom Brennan", False),
        ("Team 2 managers", False),
        ("Phase 2 March 2027", False),
        ("2026", False),
        ("", False),
    ],
)
def test_looks_like_date(text, expected):
    assert looks_like_date(text) is expected
