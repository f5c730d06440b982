"""The canonical template: writing the blank template, a plan in it read back whole, and its
headings matched loosely.
"""

from __future__ import annotations

from datetime import date, datetime

from openpyxl import Workbook, load_workbook

from readiness.exports.blank_template import write_template
from readiness.plan.canonical import CANONICAL_COLUMNS
from readiness.plan.importing import read_plan
from tests.import_fixtures import CANONICAL_ROWS, canonical_workbook
from tests.import_reading import AS_AT, refused


def test_write_template(tmp_path):
    path = write_template(tmp_path / "template.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["Plan", "Columns"]
    plan = book["Plan"]
    assert [c.value for c in plan[1]] == [c.heading for c in CANONICAL_COLUMNS]
    assert plan.freeze_panes == "A2"
    example = {c.key: v.value for c, v in zip(CANONICAL_COLUMNS, plan[2], strict=True)}
    assert example["ref"] == "REC 1"
    assert example["due"] == datetime(2026, 9, 30)
    columns = book["Columns"]
    assert [c.value for c in columns[1]] == ["Heading", "Required", "Help", "Example"]
    assert [r[0].value for r in columns.iter_rows(min_row=2)] == [
        c.heading for c in CANONICAL_COLUMNS
    ]
    assert columns.cell(row=2, column=2).value == "Yes"
    # The blank template as it came holds no plan: its example row is skipped, and said.
    messages = [p.message for p in refused(path)]
    assert messages == [
        "The plan has headings but no recommendations under them.",
        "The template's example row was skipped: its action is still the example's.",
    ]


def test_canonical_round_trip(tmp_path):
    path = canonical_workbook(tmp_path / "plan.xlsx", CANONICAL_ROWS)
    result = read_plan(path, imported_on=AS_AT)
    plan = result.plan
    assert result.shape == "canonical"
    assert plan.title == "plan"
    assert (result.recommendations, result.themes, result.actions, result.undated_actions) == (
        3,
        4,
        5,
        1,
    )
    rec1, afd1, apa1 = plan.recommendations
    refs = [(r.ref, r.kind) for r in plan.recommendations]
    assert refs == [("REC 1", "REC"), ("AFD 1", "AFD"), ("APA 1", "APA")]
    assert rec1.areas == ["help_protection", "children_in_care"]
    assert apa1.areas == ["leaders"]
    assert [t.text for t in rec1.themes] == ["Plan template", "Planning workshops"]
    template_theme = rec1.themes[0]
    assert template_theme.service_leads == ["Daniel Okafor"]
    first, second = template_theme.actions
    assert first.other_leads == ["Team managers", "Aisha Rahman"]
    assert (first.start, first.due, first.status) == (
        date(2026, 4, 1),
        date(2026, 9, 30),
        "in_progress",
    )
    assert [(u.recorded_on, u.text, u.status) for u in first.updates] == [
        (date(2026, 11, 1), "Working group has met twice.", "in_progress")
    ]
    assert (second.start, second.due) == (date(2026, 5, 1), date(2026, 12, 31))
    assert (second.status, second.updates) == ("not_started", [])
    assert second.service_leads == ["Daniel Okafor"]
    done = afd1.themes[0].actions[0]
    assert (done.due, done.status, done.completed) == (
        date(2027, 3, 3),
        "complete",
        date(2027, 2, 20),
    )
    assert done.evidence == "Return interviews now offered within three days."
    assert done.updates[0].recorded_on == AS_AT  # no progress date: the import date
    assert rec1.themes[1].actions[0].status == "complete"
    assert plan.lead_roles == {
        "Daniel Okafor": "Principal Social Worker",
        "Tom Brennan": "Practice Leader, Exploitation and Missing",
    }
    (warning,) = result.warnings
    assert (warning.row, warning.column) == (5, "Due")


def test_canonical_headings_are_matched_loosely(tmp_path):
    book = Workbook()
    ws = book.active
    ws.append(["Plan export"])
    ws.append(["ACTION", "service lead", "Theme ", "ref", "Recommendation", "Due", "Notes"])
    ws.append(["Do it", "Tom Brennan", "Theme one", "REC 2", "Improve.", "30/06/2026", "x"])
    book.save(tmp_path / "loose.xlsx")
    result = read_plan(tmp_path / "loose.xlsx", imported_on=AS_AT)
    assert result.plan.title == "Plan export"
    rec = result.plan.recommendations[0]
    assert (rec.ref, rec.text, rec.themes[0].actions[0].due) == (
        "REC 2",
        "Improve.",
        date(2026, 6, 30),
    )
