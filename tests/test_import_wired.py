"""End to end, once template.py and committee.py call the cell readers (issue 8): due cells in
councils' forms, lead cells that are not leads, and debris in text cells."""

from __future__ import annotations

from datetime import date

import pytest

from readiness.plan.importing import ImportFailed, read_plan
from tests.import_fixtures import (
    HEADER_FULL,
    canonical_row,
    canonical_workbook,
    committee_workbook,
    save_as_csv,
)

AS_AT = date(2026, 3, 1)
GOOD = dict(
    ref="REC 1",
    recommendation="Improve plans.",
    theme="Templates",
    action="Review the template.",
    service_leads="Priya Chandran",
    due="30/09/2026",
)


def _canonical(tmp_path, **changes):
    rows = [canonical_row(**GOOD), canonical_row(**{**GOOD, "action": "Second step.", **changes})]
    # As CSV, so that an error value reaches the importer as the text Excel shows: the .xlsx
    # reader (python-calamine) reads an error cell as empty (dimastbk/python-calamine#105).
    return save_as_csv(canonical_workbook(tmp_path / "plan.xlsx", rows), tmp_path / "plan.csv")


@pytest.mark.parametrize(
    ("due", "expected", "wording"),
    [
        ("Phase 2 Mar 2027", date(2027, 3, 31), "Phase 2 Mar 2027"),
        ("Q3 2026/27", date(2026, 12, 31), "Q3 2026/27"),
        ("End Oct 26", date(2026, 10, 31), "End Oct 26"),
        ("31/03/2027", date(2027, 3, 31), None),
    ],
)
def test_a_due_cell_in_councils_forms(tmp_path, due, expected, wording):
    result = read_plan(_canonical(tmp_path, due=due), imported_on=AS_AT)
    action = result.plan.recommendations[0].themes[0].actions[1]
    assert (action.due, action.due_text) == (expected, wording)
    assert not result.warnings


def test_an_undated_due_cell_is_one_warning_and_keeps_its_wording(tmp_path):
    result = read_plan(_canonical(tmp_path, due="Ongoing"), imported_on=AS_AT)
    action = result.plan.recommendations[0].themes[0].actions[1]
    assert (action.due, action.due_text) == (None, "Ongoing")
    (warning,) = result.warnings
    assert (warning.row, warning.column, warning.value) == (3, "Due", "Ongoing")


@pytest.mark.parametrize(
    ("changes", "column", "value", "text"),
    [
        ({"action": "#REF!"}, "Action", "#REF!", "spreadsheet error"),
        ({"theme": "42"}, "Theme", "42", "is a number"),
        ({"evidence": "TRUE"}, "Evidence of impact", "TRUE", "TRUE/FALSE"),
        ({"service_leads": "31/03/2026"}, "Service leads", "31/03/2026", "is a date"),
        ({"other_leads": "7"}, "Other leads", "7", "is a number"),
        ({"start": "#N/A"}, "Start", "#N/A", "spreadsheet error"),
    ],
)
def test_debris_refuses_the_file(tmp_path, changes, column, value, text):
    with pytest.raises(ImportFailed) as failed:
        read_plan(_canonical(tmp_path, **changes), imported_on=AS_AT)
    (problem,) = failed.value.problems
    assert (problem.row, problem.column, problem.value) == (3, column, value)
    assert text in problem.message


@pytest.mark.parametrize(
    ("changes", "column", "value"),
    [
        ({"evidence": "nan"}, "Evidence of impact", "nan"),
        ({"service_leads": "Priya Chandran / TBC"}, "Service leads", "TBC"),
        ({"other_leads": "TBA"}, "Other leads", "TBA"),
    ],
)
def test_a_placeholder_is_a_warning(tmp_path, changes, column, value):
    result = read_plan(_canonical(tmp_path, **changes), imported_on=AS_AT)
    (warning,) = result.warnings
    assert (warning.row, warning.column, warning.value) == (3, column, value)
    action = result.plan.recommendations[0].themes[0].actions[1]
    assert action.evidence is None
    assert "TBC" not in action.service_leads and "TBA" not in action.other_leads


def test_no_lead_is_a_warning_only_where_a_lead_is_needed(tmp_path):
    result = read_plan(
        _canonical(tmp_path, service_leads="N/A", other_leads="N/A"), imported_on=AS_AT
    )
    (warning,) = result.warnings
    assert (warning.row, warning.column, warning.value) == (3, "Service leads", "N/A")


def test_committee_paper_leads_and_debris(tmp_path):
    blocks = [
        (
            "REC 1 - Improve plans",
            False,
            [HEADER_FULL],
            [
                (
                    "A theme",
                    "Smith, John",
                    "Liz Price, Planning Manager / TBC",
                    "• Do it by 31/03/2026\n• nan",
                    "",
                ),
                ("Another theme", "John Smith", "DCS", "• Do more by 30/06/2026", ""),
            ],
        )
    ]
    result = read_plan(committee_workbook(tmp_path / "plan.xlsx", blocks), imported_on=AS_AT)
    first, second = result.plan.recommendations[0].themes
    assert first.service_leads == second.service_leads == ["John Smith"]
    assert [a.text for a in first.actions] == ["Do it by 31/03/2026"]
    assert first.actions[0].other_leads == ["Liz Price"]
    assert second.actions[0].other_leads == ["DCS"]
    assert result.plan.lead_roles["Liz Price"] == "Planning Manager"
    assert sorted(w.value for w in result.warnings) == ["TBC", "nan"]
