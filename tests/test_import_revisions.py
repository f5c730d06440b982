"""The canonical layout's "Revised due date" and "Recovery note": a revision imports as an entry
in the action's history, one without the other is refused with where and what to do, and a
council's own headings for them are read too."""

from __future__ import annotations

from datetime import date

import pytest

from readiness.plan.importing import ImportFailed, read_plan
from readiness.plan.importing.mapping import field_named
from readiness.plan.input import UpdateInput
from tests.conftest import AS_AT
from tests.import_fixtures import canonical_row, canonical_workbook, rows_workbook

NOTE = "A second worker starts in January; every plan rewritten by March."
ROW = dict(
    ref="REC 1",
    recommendation="Improve plans.",
    judgement_areas="Help and protection",
    theme="Templates",
    action="Review the template.",
    service_leads="Daniel Okafor",
    due="30/09/2026",
    status="In progress",
)


def updates_of(path) -> list[UpdateInput]:
    (rec,) = read_plan(path, imported_on=AS_AT).plan.recommendations
    return rec.themes[0].actions[0].updates


def refused(path) -> list[tuple]:
    with pytest.raises(ImportFailed) as failed:
        read_plan(path, imported_on=AS_AT)
    return [(p.sheet, p.row, p.column, p.value, p.message, p.fix) for p in failed.value.problems]


def test_a_revision_is_an_entry_in_the_history_dated_the_day_of_the_import(tmp_path):
    row = canonical_row(
        **ROW,
        revised_due="31/03/2027",
        recovery_note=NOTE,
        progress_note="Audit half done.",
        progress_date="01/11/2026",
    )
    path = canonical_workbook(tmp_path / "plan.xlsx", [row])
    assert updates_of(path) == [
        UpdateInput(date(2026, 11, 1), "Audit half done.", "in_progress"),
        UpdateInput(AS_AT, NOTE, "in_progress", revised_due=date(2027, 3, 31)),
    ]
    # The plan's own due date is kept as the plan's.
    (rec,) = read_plan(path, imported_on=AS_AT).plan.recommendations
    assert rec.themes[0].actions[0].due == date(2026, 9, 30)


def test_a_progress_note_that_is_the_recovery_note_is_one_entry(tmp_path):
    """As the dashboard's export writes an action whose latest entry is its revision: the one
    entry is the revision, dated the import, since the progress date may be an earlier
    revision's."""
    row = canonical_row(
        **ROW,
        revised_due="31/03/2027",
        recovery_note=NOTE,
        progress_note=NOTE,
        progress_date="20/11/2026",
    )
    path = canonical_workbook(tmp_path / "plan.xlsx", [row])
    assert updates_of(path) == [
        UpdateInput(AS_AT, NOTE, "in_progress", revised_due=date(2027, 3, 31))
    ]


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        (
            {"revised_due": "31/03/2027"},
            (
                "Recovery note",
                None,
                "The recovery note is empty, but the row gives a revised due date (31/03/2027).",
                "Write how the action will be back on track by then, or clear the revised due "
                "date.",
            ),
        ),
        (
            {"recovery_note": NOTE},
            (
                "Revised due date",
                None,
                "The revised due date is empty, but the row gives a recovery note.",
                "Give the date the action will be back on track by, as DD/MM/YYYY, or move the "
                "note to the progress note.",
            ),
        ),
        (
            {"revised_due": "31/02/2027", "recovery_note": NOTE},
            ("Revised due date", "31/02/2027", "is not a real date.", None),
        ),
        (
            {"revised_due": "31/12/9999", "recovery_note": NOTE},
            (
                "Revised due date",
                "31/12/9999",
                "is not a date a plan can hold (only 2000 to 2100): it looks like a stand-in "
                "for no date.",
                "Write the real date, or leave the cell empty if there is none.",
            ),
        ),
    ],
)
def test_a_bad_revision_is_refused_with_where_and_what_to_do(tmp_path, cells, problem):
    path = canonical_workbook(tmp_path / "plan.xlsx", [canonical_row(**ROW, **cells)])
    found = refused(path)
    assert len(found) == 1, found  # an unreadable date is not also reported as missing
    sheet, row, column, value, message, fix = found[0]
    assert (sheet, row, column, value, message) == ("Plan", 2, *problem[:3])
    if problem[3] is not None:
        assert fix == problem[3]
    assert fix


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("Revised due date", "revised_due"),
        ("revised_due", "revised_due"),
        ("Revised deadline", "revised_due"),
        ("Recovery note", "recovery_note"),
        ("Recovery plan", "recovery_note"),
    ],
)
def test_a_column_mapping_names_the_two_fields(heading, field):
    assert field_named(heading) == field


def test_a_councils_own_headings_for_the_two_columns_are_read(tmp_path):
    rows = [
        ["No.", "Objective", "Action(s) required", "Lead", "When", "Revised deadline",
         "Recovery plan"],
        ["1", "Improve plans.", "Review the template.", "Daniel Okafor", "30/09/2026",
         "31/03/2027", NOTE],
    ]  # fmt: skip
    path = rows_workbook(tmp_path / "own.xlsx", rows)
    assert updates_of(path)[-1].revised_due == date(2027, 3, 31)
