"""Cell values that are debris, not content: spreadsheet errors, empty markers, TRUE/FALSE, and
numbers where words belong (issue 8: they were stored as text, as a lead called "Nan")."""

from __future__ import annotations

import pytest

from readiness.files.debris import CellProblem, garbage_problem

ACTION = "the action's text"

ERRORS = [
    "#REF!",
    "#N/A",
    "#VALUE!",
    "#DIV/0!",
    "#NAME?",
    "#NULL!",
    "#NUM!",
    "#SPILL!",
    "#CALC!",
    "#GETTING_DATA",
    "#ref!",
    " #REF! ",
    "Err:502",
]


@pytest.mark.parametrize("value", ERRORS)
def test_a_spreadsheet_error_is_an_error(value):
    problem = garbage_problem(value, ACTION)
    assert problem.value == value.strip()
    assert "spreadsheet error" in problem.message
    assert "formula" in problem.fix
    assert problem.warning is False


@pytest.mark.parametrize("value", ["None", "none", "nan", "NaN", "NULL", "null", "NaT", "<NA>"])
def test_an_empty_marker_is_read_as_empty_with_a_warning(value):
    problem = garbage_problem(value, ACTION)
    assert problem == CellProblem(
        value,
        "is what another program writes for an empty cell, so the cell is read as empty.",
        "Clear the cell, or type what belongs there.",
        True,
    )


@pytest.mark.parametrize("value", ["True", "False", "TRUE", "false"])
def test_a_boolean_is_an_error(value):
    problem = garbage_problem(value)
    assert "TRUE/FALSE" in problem.message
    assert problem.warning is False


@pytest.mark.parametrize("value", ["12", "3.5", "-4", "1,200", "4.6E+04", "£300", "75%", "46112"])
def test_a_number_where_words_belong_is_an_error(value):
    problem = garbage_problem(value, ACTION)
    assert problem.message == "is a number, but the action's text belongs here."
    assert problem.warning is False


@pytest.mark.parametrize(
    ("value", "expects"),
    [
        # Content, however short or odd.
        ("Review every plan", ACTION),
        ("Run 12 audits", ACTION),
        ("1.5 million spent on homes", ACTION),
        ("Team 2 managers", "a lead officer's name"),
        ("N/A", ACTION),
        ("Nothing yet", ACTION),
        ("Nancy Brennan", "a lead officer's name"),
        ("#1 priority", ACTION),
        ("Truefit training", ACTION),
        ("", ACTION),
        # A number is content where no words are expected: a ref, a status, a due wording.
        ("12", None),
        ("1.", ACTION),
    ],
)
def test_content_is_not_garbage(value, expects):
    assert garbage_problem(value, expects) is None
