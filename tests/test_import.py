"""Importing plans from .xlsx and .csv: the text rules, both layouts, and every kind of bad file.

Fixture workbooks are built in code (tests/import_fixtures.py) into tmp_path; no binary files are
kept in the repository.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import partial
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Font
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from sqlalchemy import func, select

from readiness.canonical import CANONICAL_COLUMNS
from readiness.db import make_engine, upgrade
from readiness.importing import ImportFailed, Problem, read_plan, reading
from readiness.importing.dates import (
    DateProblem,
    find_due_date,
    find_start_date,
    impossible_dates,
    parse_date_cell,
)
from readiness.importing.leads import normalise_name, split_leads
from readiness.importing.reading import Sheet
from readiness.importing.text import parse_ref, split_actions
from readiness.models import Action, LeadOfficer
from readiness.plan_store import add_plan
from readiness.writing.template import write_template
from tests.import_fixtures import (
    CANONICAL_ROWS,
    COMMITTEE_BLOCKS,
    HEADER_FULL,
    TITLE,
    big_canonical_rows,
    canonical_row,
    canonical_workbook,
    committee_workbook,
    plain_canonical_workbook,
    save_as_csv,
)

AS_AT = date(2026, 3, 1)


# --- Text rules --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("REC 1", ("REC 1", "REC", "")),
        ("REC1 Improve plans", ("REC 1", "REC", "Improve plans")),
        ("Rec 1 - Improve plans", ("REC 1", "REC", "Improve plans")),
        ("Recommendation 1: Improve plans", ("REC 1", "REC", "Improve plans")),
        ("rec 12 – Improve plans", ("REC 12", "REC", "Improve plans")),
        ("AFD 2 - Widen support", ("AFD 2", "AFD", "Widen support")),
        ("Area for development 2 – Widen support", ("AFD 2", "AFD", "Widen support")),
        ("Areas for Development 3. Widen", ("AFD 3", "AFD", "Widen")),
        ("Area for priority action 1 - Act now", ("APA 1", "APA", "Act now")),
        ("APA 1: Act now", ("APA 1", "APA", "Act now")),
        (
            "<b>REC 3 – Improve supervision</b> (and keep it consistent)",
            ("REC 3", "REC", "Improve supervision (and keep it consistent)"),
        ),
        (
            "Recommendation (REC) / Area for Development (AFD)",
            (None, None, "Recommendation (REC) / Area for Development (AFD)"),
        ),
        ("Improve plans", (None, None, "Improve plans")),
        ("REC A - Improve", (None, None, "REC A - Improve")),
        ("Record keeping 2", (None, None, "Record keeping 2")),
    ],
)
def test_parse_ref(text, expected):
    assert parse_ref(text) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Daniel Okafor", [("Daniel Okafor", None)]),
        (
            "Daniel Okafor (Principal Social Worker)",
            [("Daniel Okafor", "Principal Social Worker")],
        ),
        (
            "Aisha Rahman/Tom Brennan / Priya Chandran",
            [("Aisha Rahman", None), ("Tom Brennan", None), ("Priya Chandran", None)],
        ),
        (
            "Neil Garside, Joanne Metcalfe\nGareth Llewellyn",
            [("Neil Garside", None), ("Joanne Metcalfe", None), ("Gareth Llewellyn", None)],
        ),
        (
            "Claire Fenwick & Marcus Pennington",
            [("Claire Fenwick", None), ("Marcus Pennington", None)],
        ),
        (
            "Claire Fenwick and Marcus Pennington",
            [("Claire Fenwick", None), ("Marcus Pennington", None)],
        ),
        # Roles may hold commas, "and" and "/" without splitting.
        (
            "Sophie Whitcombe (Service Manager, Leaving Care) and Rebecca Hollis "
            "(Head of Service, Children in Care and Care Leavers)",
            [
                ("Sophie Whitcombe", "Service Manager, Leaving Care"),
                ("Rebecca Hollis", "Head of Service, Children in Care and Care Leavers"),
            ],
        ),
        # A new name straight after a role bracket, as in HTML committee papers.
        (
            "<b>Tom Brennan</b> (Practice Leader, Missing / Exploitation)  <b>Aisha Rahman</b> "
            "(Practice Leader)",
            [
                ("Tom Brennan", "Practice Leader, Missing / Exploitation"),
                ("Aisha Rahman", "Practice Leader"),
            ],
        ),
        # A role follows only the name just before it.
        (
            "Neil Garside / Claire Fenwick (Service Manager)",
            [("Neil Garside", None), ("Claire Fenwick", "Service Manager")],
        ),
        ("Team managers", [("Team managers", None)]),
        ("A and I team managers", [("A and I team managers", None)]),
        ("A & I team managers", [("A & I team managers", None)]),
        ("Help and protection team", [("Help and protection team", None)]),
        (
            "Daniel Okafor (PSW) and Team managers",
            [("Daniel Okafor", "PSW"), ("Team managers", None)],
        ),
        ("Gareth Llewellyn -", [("Gareth Llewellyn", None)]),
        ("DANIEL OKAFOR / daniel  okafor", [("Daniel Okafor", None)]),
        ("Suzy O’Neill", [("Suzy O'Neill", None)]),
        ("N/A", []),
        ("", []),
        ("-", []),
    ],
)
def test_split_leads(cell, expected):
    assert split_leads(cell) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("  Daniel   Okafor ", "Daniel Okafor"),
        ("DANIEL OKAFOR", "Daniel Okafor"),
        ("daniel okafor", "Daniel Okafor"),
        ("Daniel Okafor (Principal Social Worker)", "Daniel Okafor"),
        ("Ben van Dijk", "Ben van Dijk"),
        ("JOANNE MCKENNA-SMITH", "Joanne Mckenna-Smith"),
        ("team managers", "Team Managers"),
        ("HEAD OF QUALITY AND PERFORMANCE", "Head of Quality and Performance"),
        ("D. Okafor", "D. Okafor"),
        ("Gareth Llewellyn –", "Gareth Llewellyn"),
    ],
)
def test_normalise_name(name, expected):
    assert normalise_name(name) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("• First step\n• Second step", ["First step", "Second step"]),
        ("- First step\n- Second step\n  carried on", ["First step", "Second step carried on"]),
        ("* First step\n* Second step", ["First step", "Second step"]),
        ("– First step\n– Second step", ["First step", "Second step"]),
        ("1. First step\n2. Second step", ["First step", "Second step"]),
        ("1) First step\n2) Second step", ["First step", "Second step"]),
        ("a) First step\nb) Second step", ["First step", "Second step"]),
        ("First step\nSecond step\n\n", ["First step", "Second step"]),
        ("• First step • Second step", ["First step", "Second step"]),
        ("One single action", ["One single action"]),
        ("Spend 1.5 million on homes", ["Spend 1.5 million on homes"]),
        (
            '<ul style="list-style-type: none"> <li>• First step</li> <li>Second <b>step</b>'
            "</li> </ul>",
            ["First step", "Second step"],
        ),
        ("<p>First step</p><p>Second step</p>", ["First step", "Second step"]),
        ("", []),
    ],
)
def test_split_actions(cell, expected):
    assert split_actions(cell) == expected


@pytest.mark.parametrize(
    ("text", "due", "wording"),
    [
        (
            "All plans rewritten by August-October 2022.",
            date(2022, 10, 31),
            "by August-October 2022",
        ),
        ("Draft ready by the end of April 2026", date(2026, 4, 30), "by the end of April 2026"),
        ("In place by the start of May 2022", date(2022, 5, 1), "by the start of May 2022"),
        ("Finish by 31/03/2026", date(2026, 3, 31), "by 31/03/2026"),
        ("Finish by 31 March 2026", date(2026, 3, 31), "by 31 March 2026"),
        ("Finish by 1st of March 2026", date(2026, 3, 1), "by 1st of March 2026"),
        ("Finish in March 2026", date(2026, 3, 31), "in March 2026"),
        ("Finish by Sept 2026", date(2026, 9, 30), "by Sept 2026"),
        ("Finish by mid-May 2026", date(2026, 5, 15), "by mid-May 2026"),
        ("Finish by 2026-06-30", date(2026, 6, 30), "by 2026-06-30"),
        ("Finish by 31/03/26", date(2026, 3, 31), "by 31/03/26"),
        ("Finish by March 31, 2026", date(2026, 3, 31), "by March 31, 2026"),
        (
            "Runs from 1 June 2026 until 31 December 2026",
            date(2026, 12, 31),
            "until 31 December 2026",
        ),
        (
            "Training starts 7 March 2022 and runs until July 2022",
            date(2022, 7, 31),
            "until July 2022",
        ),
        ("Roll out from 1st April 2022", None, None),
        ("Paper to the leadership team at the end of April", None, "at the end of April"),
        ("In place within 2 months", None, "within 2 months"),
        ("Recruit carers (ongoing)", None, "ongoing"),
        ("Hand over over 2-3 weeks", None, None),
        ("Review cases open 3/6/12months", None, None),
        ("No date at all", None, None),
        ("Finish by 31/02/2026", None, None),
    ],
)
def test_find_due_date(text, due, wording):
    assert find_due_date(text, 2026) == (due, wording)


def test_find_start_date_and_impossible_dates():
    assert find_start_date("Roll out from 1st April 2022", 2022) == (
        date(2022, 4, 1),
        "from 1st April 2022",
    )
    assert find_start_date("Starting 3 May 2026, finish by June 2026", 2026)[0] == date(2026, 5, 3)
    assert find_start_date("Finish by June 2026", 2026) == (None, None)
    assert impossible_dates("Finish by 31/02/2026", 2026) == [
        ("by 31/02/2026", "31/02/2026 is not a real date")
    ]
    assert impossible_dates("Finish by 30 February 2026", 2026) == [
        ("by 30 February 2026", "30/02/2026 is not a real date")
    ]
    assert impossible_dates("Finish by 28/02/2026", 2026) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31/03/2026", date(2026, 3, 31)),
        ("1/4/2026", date(2026, 4, 1)),
        ("2026-04-01", date(2026, 4, 1)),
        ("2026-04-01 00:00:00", date(2026, 4, 1)),
        ("3 Mar 2026", date(2026, 3, 3)),
        ("3 March 2026", date(2026, 3, 3)),
    ],
)
def test_parse_date_cell(text, expected):
    assert parse_date_cell(text) == expected


def test_parse_date_cell_rejects():
    with pytest.raises(DateProblem, match="not a real date") as impossible:
        parse_date_cell("31/02/2026")
    assert impossible.value.suggestion == date(2026, 2, 28)
    with pytest.raises(ValueError, match="not a date") as unreadable:
        parse_date_cell("next week")
    assert not isinstance(unreadable.value, DateProblem)


def test_problem_reads_as_one_line():
    problem = Problem(
        "plan.xlsx",
        "Plan",
        14,
        "Due",
        "31/02/2026",
        "is not a real date.",
        "Use a real date such as 28/02/2026.",
    )
    assert str(problem) == (
        'plan.xlsx, sheet "Plan", row 14, column "Due": "31/02/2026" is not a real date. '
        "Fix: use a real date such as 28/02/2026."
    )
    assert str(Problem("plan.csv", None, None, None, None, "The file is empty.", "")) == (
        "plan.csv: The file is empty."
    )


# --- The committee-paper layout -----------------------------------------------------------------


@pytest.fixture
def committee_file(tmp_path):
    return committee_workbook(tmp_path / "plan.xlsx")


def _actions(plan):
    return [a for r in plan.recommendations for t in r.themes for a in t.actions]


def _action(plan, starts: str):
    (found,) = [a for a in _actions(plan) if a.text.startswith(starts)]
    return found


def test_committee_paper_counts_refs_and_texts(committee_file):
    result = read_plan(committee_file, imported_on=AS_AT)
    plan = result.plan
    assert result.shape == "committee"
    assert result.sheet == "Improvement plan"
    assert (result.recommendations, result.themes, result.actions) == (6, 12, 23)
    assert result.undated_actions == 10
    assert plan.title == TITLE
    assert plan.council is None
    assert [r.ref for r in plan.recommendations] == [
        "REC 1",
        "REC 2",
        "REC 3",
        "REC 4",
        "AFD 1",
        "AFD 2",
    ]
    assert [r.kind for r in plan.recommendations] == ["REC"] * 4 + ["AFD"] * 2
    assert all(r.areas == [] for r in plan.recommendations)
    assert [len(r.themes) for r in plan.recommendations] == [3, 2, 3, 1, 2, 1]
    rec1, rec2, rec3, rec4, afd1, afd2 = plan.recommendations
    assert rec1.text == (
        "Sharpen written plans so each one is specific to the child "
        "(covering pathway plans and life-story work)"
    )
    assert rec3.text == (
        "Improve the quality of supervision and contingency planning for children in need "
        "(and keep it consistent for every child)"
    )
    assert rec4.text == "Include children's and families' views in every audit"
    assert afd2.text == "Widen domestic abuse support for children"
    assert [t.text for t in rec2.themes] == [
        "Strengthen the review panel for children placed at a distance",
        "Bring more children back to homes close to where they grew up",
    ]
    assert [a.text for a in afd2.themes[0].actions] == [
        "Appoint a children's domestic abuse worker by 1 September 2026",
        "Offer training to foster carers by 31 March 2027",
    ]
    assert [a.text for a in rec3.themes[0].actions] == [
        "Take proposals for a new supervision model to the senior leadership team at the end "
        "of April",
        "Agree the proposals at the senior leadership team",
    ]


def test_committee_paper_leads(committee_file):
    plan = read_plan(committee_file, imported_on=AS_AT).plan
    rec1, rec2, rec3, _, _, afd2 = plan.recommendations
    # The same person written two ways is one lead; so is a group written in two cases.
    assert rec1.themes[0].service_leads == ["Daniel Okafor"]
    assert rec1.themes[1].service_leads == ["Daniel Okafor"]
    assert rec3.themes[0].actions[0].other_leads == ["Team managers"]
    assert rec3.themes[2].service_leads == ["Gareth Llewellyn"]
    leads = plan.lead_names
    assert "Team Managers" not in leads and "DANIEL OKAFOR" not in leads
    assert {"A and I team managers", "Personal advisers", "Workforce development team"} <= leads
    assert rec1.themes[2].service_leads == ["Sophie Whitcombe", "Rebecca Hollis"]
    assert rec3.themes[0].service_leads == ["Marcus Pennington", "Aisha Rahman"]
    assert rec1.themes[1].actions[0].other_leads == [
        "Aisha Rahman",
        "Tom Brennan",
        "Priya Chandran",
    ]
    assert rec2.themes[0].actions[0].other_leads == [
        "Neil Garside",
        "Joanne Metcalfe",
        "Gareth Llewellyn",
    ]
    assert rec2.themes[1].actions[1].other_leads == ["Claire Fenwick", "Marcus Pennington"]
    assert afd2.themes[0].actions[0].service_leads == ["Claire Fenwick"]
    # Every action of a theme carries the theme's leads.
    for action in rec1.themes[2].actions:
        assert action.service_leads == ["Sophie Whitcombe", "Rebecca Hollis"]
        assert action.other_leads == ["Personal advisers"]
    assert plan.lead_roles["Daniel Okafor"] == "Principal Social Worker"
    assert plan.lead_roles["Rebecca Hollis"] == "Head of Service, Children in Care and Care Leavers"
    assert plan.lead_roles["Neil Garside"] == "Head of Commissioning"
    assert "Team managers" not in plan.lead_roles


@pytest.mark.parametrize(
    ("starts", "due", "due_text", "start"),
    [
        ("Hold the first meeting", date(2026, 3, 31), "by 31/03/2026", None),
        ("Draft the new template", date(2026, 4, 30), "by the end of April 2026", None),
        ("Rewrite every pathway plan", date(2026, 10, 31), "by August-October 2026", None),
        ("Report panel findings", date(2026, 5, 1), "by the start of May 2026", None),
        ("Open a second local", date(2026, 9, 30), "by 30 September 2026", None),
        ("Audit a sample of visits", date(2026, 6, 30), "by 2026-06-30", None),
        ("Review the quality assurance", date(2027, 3, 31), "by March 2027", None),
        (
            "Add a family feedback call",
            date(2026, 12, 31),
            "until 31 December 2026",
            date(2026, 6, 1),
        ),
        ("Train exploitation champions", date(2026, 7, 15), "by 15th July 2026", None),
        ("Review the edge of care", date(2026, 9, 30), "by the end of September 2026", None),
        ("Offer training to foster", date(2027, 3, 31), "by 31 March 2027", None),
        # Undated: the vague wording is kept for the data owner.
        ("Test the template", None, "at the end of April", None),
        ("Take proposals", None, "at the end of April", None),
        ("Recruit more local foster", None, "ongoing", None),
        ("Put the new tracking process", None, "within 2 months", None),
        ("Run co-production sessions", None, "from 1st April 2026", date(2026, 4, 1)),
        ("Agree terms of reference", None, None, None),
        ("Hand over resources", None, None, None),
    ],
)
def test_committee_paper_due_dates(committee_file, starts, due, due_text, start):
    action = _action(read_plan(committee_file, imported_on=AS_AT).plan, starts)
    assert (action.due, action.due_text, action.start) == (due, due_text, start)


def test_committee_paper_progress_and_warnings(committee_file):
    result = read_plan(committee_file, imported_on=AS_AT)
    plan = result.plan
    drafting = plan.recommendations[0].themes[1]
    for action in drafting.actions:
        assert action.status == "in_progress"
        assert len(action.updates) == 1
        update = action.updates[0]
        assert (update.recorded_on, update.text, update.status, update.author) == (
            AS_AT,
            "Draft template shared with the working group.",
            "in_progress",
            None,
        )
    # Each action gets its own update record.
    assert drafting.actions[0].updates[0] is not drafting.actions[1].updates[0]
    tracker = _action(plan, "Put the new tracking process")
    assert tracker.updates[0].text == "Weekly tracker started.\nFirst figures due next month."
    no_progress = plan.recommendations[0].themes[0]
    assert all(a.status == "not_started" and a.updates == [] for a in no_progress.actions)
    undated = [w for w in result.warnings if "no due date" in w.message]
    assert len(undated) == result.undated_actions == 10
    first = undated[0]
    assert (first.row, first.column, first.value) == (
        4,
        "Operational Detailed Actions",
        "Agree terms of reference at the first meeting",
    )


def test_committee_paper_is_stored(committee_file, tmp_path):
    """The imported records go into the database as they are."""
    plan = read_plan(committee_file, imported_on=AS_AT).plan
    engine = make_engine(f"sqlite:///{tmp_path / 'readiness.db'}")
    upgrade(engine)
    with engine.begin() as conn:
        add_plan(conn, plan, stored_on=AS_AT)
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Action)) == 23
        role = conn.scalar(select(LeadOfficer.role).where(LeadOfficer.name == "Daniel Okafor"))
        assert role == "Principal Social Worker"
        names = set(conn.scalars(select(LeadOfficer.name)))
        assert "Team managers" in names and "Team Managers" not in names
    engine.dispose()


def test_committee_header_can_come_without_title(tmp_path):
    path = committee_workbook(tmp_path / "Board plan.xlsx", COMMITTEE_BLOCKS[:1], title=None)
    result = read_plan(path, imported_on=AS_AT)
    assert result.plan.title == "Board plan"
    assert (result.recommendations, result.themes, result.actions) == (1, 3, 6)


# --- The canonical template ---------------------------------------------------------------------


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
    messages = [p.message for p in _fails(path)]
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


# --- Bad files ----------------------------------------------------------------------------------


def _fails(path, **kwargs) -> list[Problem]:
    kwargs.setdefault("imported_on", AS_AT)
    with pytest.raises(ImportFailed) as failed:
        read_plan(path, **kwargs)
    problems = failed.value.problems
    assert problems
    assert str(failed.value).count("\n") == len(problems)  # a head line, then one per problem
    return problems


def _canonical_with(tmp_path, name="plan.xlsx", **changes):
    """A good canonical row (row 2), then the same row with `changes` (row 3)."""
    values = dict(
        ref="REC 1",
        recommendation="Improve plans.",
        judgement_areas="Help and protection",
        theme="Templates",
        action="Review the template.",
        service_leads="Daniel Okafor",
        start="01/04/2026",
        due="30/09/2026",
        status="In progress",
    )
    good = canonical_row(**{**values, "action": "Another action."})
    return canonical_workbook(tmp_path / name, [good, canonical_row(**{**values, **changes})])


def _theme(actions: str = "• Do it by 31/03/2026") -> tuple:
    """A committee theme row: (theme, service lead, other lead, actions, progress)."""
    return ("Theme", "Tom Brennan", "", actions, "")


def _committee_with(tmp_path, *blocks) -> Path:
    """A committee paper of (recommendation cell, theme rows) blocks, each under HEADER_FULL.

    With the title and its blank row, a block's first theme row is row 4; the next block's is 7.
    """
    rows = [(rec_cell, False, [HEADER_FULL], themes) for rec_cell, themes in blocks]
    return committee_workbook(tmp_path / "plan.xlsx", rows)


def _text_file(tmp_path) -> Path:
    path = tmp_path / "plan.txt"
    path.write_text("REC 1, Improve plans\n")
    return path


def _csv_called_xlsx(tmp_path) -> Path:
    path = tmp_path / "plan.xlsx"
    path.write_text("Ref,Recommendation\nREC 1,Improve\n")
    return path


def _damaged_xlsx(tmp_path) -> Path:
    good = canonical_workbook(tmp_path / "good.xlsx", CANONICAL_ROWS)
    path = tmp_path / "plan.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet1"):
                data = data[: len(data) // 2]
            target.writestr(item, data)
    return path


def _password_protected_xlsx(tmp_path) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = canonical_workbook(tmp_path / "plain.xlsx", CANONICAL_ROWS)
    path = tmp_path / "plan.xlsx"
    with plain.open("rb") as source, path.open("wb") as target:
        OOXMLFile(source).encrypt("s3cret", target)
    return path


def _empty_csv(tmp_path) -> Path:
    path = tmp_path / "plan.csv"
    path.write_bytes(b"")
    return path


def _blank_workbook(tmp_path) -> Path:
    path = tmp_path / "plan.xlsx"
    Workbook().save(path)
    return path


def _one_and_a_half_megabytes(tmp_path) -> Path:
    path = tmp_path / "plan.xlsx"  # the size is checked before anything else
    path.write_bytes(b"x" * (3 * 1024 * 1024 // 2))
    return path


def _sheet_with_no_headings(tmp_path) -> Path:
    book = Workbook()
    book.active.title = "Notes"
    book.active.append(["Item", "Owner", "When"])
    book.active.append(["Do things", "Tom Brennan", "Soon"])
    book.save(tmp_path / "plan.xlsx")
    return tmp_path / "plan.xlsx"


def _canonical_csv_with_bad_status(tmp_path) -> Path:
    xlsx = _canonical_with(tmp_path, status="Nearly there")
    return save_as_csv(xlsx, tmp_path / "plan.csv")


@dataclass(frozen=True)
class BadFile:
    """A file with one thing wrong, and the one problem it must be reported as."""

    build: Callable[[Path], Path]  # writes the file into tmp_path
    where: tuple  # the problem's (sheet, row, column, value)
    message: tuple[str, ...] = ()  # text the message must hold
    fix: tuple[str, ...] = ()  # text the fix must hold
    line: str | None = None  # the whole one-line report, as the user reads it
    read: dict = field(default_factory=dict)  # read_plan arguments besides the path


WHOLE_FILE = (None, None, None, None)  # a problem with no sheet, row, column or value
COMMITTEE_REC = "Recommendation (REC) / Area for Development (AFD)"

BAD_FILES = {
    # The file as a whole.
    "wrong-extension": BadFile(
        _text_file,
        (None, None, None, ".txt"),
        message=("not a file type we can read",),
        fix=(".xlsx",),
    ),
    "xlsx-that-is-not-a-zip": BadFile(
        _csv_called_xlsx, WHOLE_FILE, message=("not an Excel workbook",)
    ),
    "damaged-xlsx": BadFile(_damaged_xlsx, WHOLE_FILE, message=("damaged",), fix=("repair",)),
    "password-protected-xlsx": BadFile(
        _password_protected_xlsx,
        WHOLE_FILE,
        message=("password",),
        fix=("remove the password",),
    ),
    "empty-file": BadFile(_empty_csv, WHOLE_FILE, message=("empty",)),
    "workbook-with-nothing-in-it": BadFile(_blank_workbook, WHOLE_FILE, message=("no data",)),
    "over-the-size-limit": BadFile(
        _one_and_a_half_megabytes,
        WHOLE_FILE,
        message=("The file is 1.5 MB, over the import limit of 1.0 MB.",),
        fix=("imports.max_file_mb",),
        read={"max_bytes": 1024 * 1024},
    ),
    "no-recognisable-header": BadFile(
        _sheet_with_no_headings,
        ("Notes", None, None, None),
        message=("No row of headings",),
        fix=("Ref", "Service leads", "Improvement Theme", "Operational Detailed Actions"),
    ),
    "unknown-sheet": BadFile(
        lambda tmp: canonical_workbook(tmp / "plan.xlsx", CANONICAL_ROWS),
        (None, None, None, "Actions"),
        fix=('"Plan"', '"Columns"'),
        read={"sheet": "Actions"},
    ),
    "headings-with-no-rows": BadFile(
        lambda tmp: canonical_workbook(tmp / "plan.xlsx", []),
        ("Plan", None, None, None),
        message=("no recommendations",),
    ),
    # Canonical rows: the good row is row 2, the bad one row 3.
    "impossible-date-canonical": BadFile(
        lambda tmp: _canonical_with(tmp, due="31/02/2026"),
        ("Plan", 3, "Due", "31/02/2026"),
        line='plan.xlsx, sheet "Plan", row 3, column "Due": "31/02/2026" is not a real date. '
        "Fix: use a real date such as 28/02/2026.",
    ),
    "unreadable-date": BadFile(
        lambda tmp: _canonical_with(tmp, start="next week"),
        ("Plan", 3, "Start", "next week"),
        fix=("DD/MM/YYYY",),
    ),
    "due-before-start": BadFile(
        lambda tmp: _canonical_with(tmp, start="01/10/2026", due="30/09/2026"),
        ("Plan", 3, "Due", "30/09/2026"),
        message=("before the start date (01/10/2026)",),
    ),
    "same-ref-with-two-texts-canonical": BadFile(
        lambda tmp: _canonical_with(tmp, recommendation="Improve plans quickly."),
        ("Plan", 3, "Recommendation", "Improve plans quickly."),
        message=("row 2", "Improve plans."),
    ),
    "missing-required-value": BadFile(
        lambda tmp: _canonical_with(tmp, service_leads=None),
        ("Plan", 3, "Service leads", None),
        message=("empty",),
    ),
    "unknown-status": BadFile(
        lambda tmp: _canonical_with(tmp, status="Nearly there"),
        ("Plan", 3, "Status", "Nearly there"),
        fix=("Not started, In progress or Complete",),
    ),
    "unknown-judgement-area": BadFile(
        lambda tmp: _canonical_with(tmp, judgement_areas="Help and protection; Finance"),
        ("Plan", 3, "Judgement areas", "Finance"),
        fix=("Children in care",),
    ),
    "unrecognised-ref-canonical": BadFile(
        lambda tmp: _canonical_with(tmp, ref="R-1"),
        ("Plan", 3, "Ref", "R-1"),
        fix=("REC 1, AFD 2 or APA 1",),
    ),
    "kind-that-contradicts-the-ref": BadFile(
        lambda tmp: _canonical_with(tmp, kind="AFD"),
        ("Plan", 3, "Kind", "AFD"),
        message=("does not match the ref REC 1, which is REC.",),
    ),
    "csv-errors-have-no-sheet": BadFile(
        _canonical_csv_with_bad_status,
        (None, 3, "Status", "Nearly there"),
        line='plan.csv, row 3, column "Status": "Nearly there" is not a status we recognise. '
        "Fix: write Not started, In progress or Complete (or leave it blank for Not started).",
    ),
    # Committee papers: a block's first theme row is row 4.
    "action-with-no-recommendation": BadFile(
        lambda tmp: _committee_with(tmp, ("", [_theme()])),
        ("Improvement plan", 4, COMMITTEE_REC, "• Do it by 31/03/2026"),
        message=("no recommendation",),
        line=f'plan.xlsx, sheet "Improvement plan", row 4, column "{COMMITTEE_REC}": '
        '"• Do it by 31/03/2026" has no recommendation: the recommendation cell is empty on this '
        "row and there is no recommendation above it in this block. Fix: put the reference and "
        "text (such as 'REC 1 - ...') in the recommendation column of the block's first row, or "
        "merge that cell down over this row.",
    ),
    "impossible-date-committee": BadFile(
        lambda tmp: _committee_with(tmp, ("REC 1 - Improve", [_theme("• Do it by 31/02/2026")])),
        ("Improvement plan", 4, "Operational Detailed Actions", "by 31/02/2026"),
        message=("not a real date",),
    ),
    "same-ref-with-two-texts-committee": BadFile(
        lambda tmp: _committee_with(
            tmp,
            ("REC 1 - Improve plans", [_theme()]),
            ("REC 1 - Improve supervision", [_theme()]),
        ),
        ("Improvement plan", 7, COMMITTEE_REC, "REC 1 - Improve supervision"),
        message=("row 4", "Improve plans"),
    ),
    "unrecognised-ref-committee": BadFile(
        lambda tmp: committee_workbook(
            tmp / "plan.xlsx",
            [("Priority A - Improve", True, [HEADER_FULL], [_theme("• Do it")] * 2)],
        ),
        ("Improvement plan", 4, COMMITTEE_REC, "Priority A - Improve"),
        message=("reference we recognise",),
    ),
    # A header between blocks is not data, and the recommendation above it is not carried on.
    "repeated-header-is-a-separator": BadFile(
        lambda tmp: _committee_with(tmp, ("REC 1 - Improve plans", [_theme()]), ("", [_theme()])),
        ("Improvement plan", 7, COMMITTEE_REC, "• Do it by 31/03/2026"),
        message=("no recommendation",),
    ),
}


@pytest.mark.parametrize("bad", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_file_gives_its_one_problem(tmp_path, bad):
    path = bad.build(tmp_path)
    (problem,) = _fails(path, **bad.read)
    assert problem.file == path.name
    assert (problem.sheet, problem.row, problem.column, problem.value) == bad.where
    for text in bad.message:
        assert text in problem.message
    for text in bad.fix:
        assert text in problem.fix
    if bad.line is not None:
        assert str(problem) == bad.line


def test_a_sheet_can_be_chosen_by_name(tmp_path):
    path = canonical_workbook(tmp_path / "plan.xlsx", CANONICAL_ROWS)
    assert read_plan(path, sheet="Plan", imported_on=AS_AT).sheet == "Plan"


# --- All problems at once -----------------------------------------------------------------------


def test_every_problem_is_reported_at_once(tmp_path):
    row = partial(canonical_row, theme="T", service_leads="Tom Brennan")
    rows = [
        row(ref="REC 1", recommendation="Improve.", action="A1", due="31/02/2026"),
        row(ref="REC 1", recommendation="Improve!", action="A2", status="Finished"),
        row(ref="REC 2", recommendation="Other.", action=None, judgement_areas="Finance"),
        row(ref="XYZ", recommendation="Other.", action="A4", start="01/10/2026", due="01/09/2026"),
    ]
    problems = _fails(canonical_workbook(tmp_path / "plan.xlsx", rows))
    found = [(p.row, p.column, p.value) for p in problems]
    assert found == [
        (2, "Due", "31/02/2026"),
        (3, "Recommendation", "Improve!"),
        (3, "Status", "Finished"),
        (4, "Judgement areas", "Finance"),
        (4, "Action", None),
        (5, "Ref", "XYZ"),
        (5, "Due", "01/09/2026"),
    ]


def test_every_committee_problem_is_reported_at_once(tmp_path):
    blocks = [
        ("", False, [HEADER_FULL], [("Theme", "Tom Brennan", "", "• Do it by 30/04/2026", "")]),
        (
            "REC 1 - Improve plans",
            True,
            [HEADER_FULL],
            [
                ("Theme", "Tom Brennan", "", "• Do it by 31/02/2026", ""),
                ("Theme 2", "Tom Brennan", "", "• Do it from 1 May 2026 by 30/04/2026", ""),
            ],
        ),
        ("Rec X - Improve", False, [HEADER_FULL], [("Theme", "Tom Brennan", "", "• Do it", "")]),
    ]
    problems = _fails(committee_workbook(tmp_path / "plan.xlsx", blocks))
    assert [(p.row, p.message.split(" ")[0]) for p in problems] == [
        (4, "has"),  # no recommendation
        (7, "is"),  # 31/02/2026 not a real date
        (8, "is"),  # due before start
        (11, "does"),  # unrecognised ref
    ]
    assert "before it starts" in problems[2].message


# --- CSV ----------------------------------------------------------------------------------------


def test_committee_csv_reads_the_same_as_xlsx(committee_file, tmp_path):
    csv_path = save_as_csv(committee_file, tmp_path / "plan.csv")
    from_xlsx = read_plan(committee_file, imported_on=AS_AT)
    from_csv = read_plan(csv_path, imported_on=AS_AT)
    assert from_csv.sheet is None
    assert from_csv.plan == from_xlsx.plan
    assert len(from_xlsx.warnings) == 10
    assert [str(w).split(":", 1)[1] for w in from_csv.warnings] == [
        str(w).split(":", 1)[1] for w in from_xlsx.warnings
    ]


def test_canonical_csv_reads_the_same_as_xlsx(tmp_path):
    xlsx = canonical_workbook(tmp_path / "plan.xlsx", CANONICAL_ROWS)
    for encoding in ("utf-8-sig", "utf-8", "cp1252"):
        csv_path = save_as_csv(xlsx, tmp_path / "plan.csv", encoding=encoding)
        assert (
            read_plan(csv_path, imported_on=AS_AT).plan == read_plan(xlsx, imported_on=AS_AT).plan
        )


def test_csv_in_windows_encoding(tmp_path):
    row = canonical_row(
        ref="REC 1",
        recommendation="Improve – now.",
        theme="T",
        action="A",
        service_leads="Zoë O’Neill (Head of Service)",
        due="30/06/2026",
    )
    xlsx = canonical_workbook(tmp_path / "plan.xlsx", [row])
    csv_path = save_as_csv(xlsx, tmp_path / "plan.csv", encoding="cp1252")
    plan = read_plan(csv_path, imported_on=AS_AT).plan
    assert plan.recommendations[0].text == "Improve – now."
    assert plan.lead_roles == {"Zoë O'Neill": "Head of Service"}


# --- Progress -----------------------------------------------------------------------------------


def test_progress_is_reported_while_reading_and_validating(tmp_path):
    path = plain_canonical_workbook(tmp_path / "big.xlsx", big_canonical_rows(1000))
    calls = []
    result = read_plan(path, imported_on=AS_AT, progress=lambda *a: calls.append(a))
    assert result.actions == 1000
    for stage in ("reading", "validating"):
        done = [d for d, _, s in calls if s == stage]
        assert len(done) >= 5, stage
        assert done == sorted(done)
        assert max(b - a for a, b in zip([0, *done], done, strict=False)) <= 200
    assert calls[-1] == (1001, 1001, "validating")


def test_big_file_with_bad_rows_reports_each(tmp_path):
    path = plain_canonical_workbook(tmp_path / "bad.xlsx", big_canonical_rows(1000, bad_every=100))
    problems = _fails(path)
    assert len(problems) == 10
    assert [p.row for p in problems] == [101 + 100 * i for i in range(10)]


# --- More of the committee-paper mess -----------------------------------------------------------


def test_committee_cells_pasted_as_html(tmp_path):
    """Plans copied out of a web page keep their tags: lists, bold names, entities, <sup>."""
    blocks = [
        (
            "<b>REC 5 – Improve return home interviews</b> (for every missing episode)",
            False,
            [HEADER_FULL],
            [
                (
                    "<b>Return interviews &amp; follow-up</b>",
                    "<b>Tom Brennan</b> (Practice Leader, Exploitation and Missing)  "
                    "<b>Claire Fenwick</b> (Service Manager)",
                    "Team managers",
                    '<ul style="list-style-type: none"> <li>• Offer every child an interview '
                    "from 1<sup>st</sup> April 2026</li> <li>Report take-up to the board by "
                    "the end of June 2026</li> </ul>",
                    "<p>Interviews offered since January.</p> <p>Take-up &gt; 60%.</p>",
                ),
            ],
        )
    ]
    plan = read_plan(committee_workbook(tmp_path / "plan.xlsx", blocks), imported_on=AS_AT).plan
    (rec,) = plan.recommendations
    assert (rec.ref, rec.text) == (
        "REC 5",
        "Improve return home interviews (for every missing episode)",
    )
    (theme,) = rec.themes
    assert theme.text == "Return interviews & follow-up"
    assert theme.service_leads == ["Tom Brennan", "Claire Fenwick"]
    first, second = theme.actions
    assert first.text == "Offer every child an interview from 1st April 2026"
    assert (first.start, first.due) == (date(2026, 4, 1), None)
    assert (second.due, second.due_text) == (date(2026, 6, 30), "by the end of June 2026")
    assert first.updates[0].text == "Interviews offered since January.\nTake-up > 60%."


def test_names_run_together_are_kept_and_reported(tmp_path):
    blocks = [
        (
            "REC 1 - Improve plans",
            False,
            [HEADER_FULL],
            [
                (
                    "A theme",
                    "Tom Brennan",
                    "Aisha Rahman Priya Chandran",
                    "• Do it by 31/03/2026",
                    "",
                )
            ],
        )
    ]
    result = read_plan(committee_workbook(tmp_path / "plan.xlsx", blocks), imported_on=AS_AT)
    action = result.plan.recommendations[0].themes[0].actions[0]
    assert action.other_leads == ["Aisha Rahman Priya Chandran"]
    (warning,) = result.warnings
    assert (warning.row, warning.column, warning.value) == (
        4,
        "Other operational Lead",
        "Aisha Rahman Priya Chandran",
    )
    assert "several names" in warning.message


def test_a_single_lead_column_holds_the_service_leads(tmp_path):
    header = ["Recommendation", "Theme", "Lead officer", "Actions", "Progress"]
    blocks = [
        (
            "REC 1 - Improve plans",
            False,
            [header],
            [("A theme", "Tom Brennan", "• Do it by 31/03/2026", "")],
        )
    ]
    plan = read_plan(committee_workbook(tmp_path / "plan.xlsx", blocks), imported_on=AS_AT).plan
    action = plan.recommendations[0].themes[0].actions[0]
    assert (action.service_leads, action.other_leads) == (["Tom Brennan"], [])


def test_progress_while_reading_a_csv(tmp_path):
    csv_path = save_as_csv(
        plain_canonical_workbook(tmp_path / "big.xlsx", big_canonical_rows(500)),
        tmp_path / "big.csv",
    )
    calls = []
    read_plan(csv_path, imported_on=AS_AT, progress=lambda *a: calls.append(a))
    assert calls[:2] == [(0, 1, "opening"), (1, 1, "opening")]
    assert [d for d, _, s in calls if s == "reading"] == [200, 400, 501]


# --- The fast .xlsx reader against openpyxl -----------------------------------------------------


def _openpyxl_sheets(path: Path) -> dict[str, list]:
    """Each sheet's rows as the importer read them with openpyxl in full mode (the slow path):
    every cell of a merged range given the range's value, trailing blank rows dropped."""
    book = load_workbook(path, read_only=False, data_only=True)
    sheets = {}
    for ws in book.worksheets:
        rows = [
            [reading._cell(v) for v in values]
            for values in ws.iter_rows(min_row=1, max_col=ws.max_column or 1, values_only=True)
        ]
        for merged in ws.merged_cells.ranges:
            value = rows[merged.min_row - 1][merged.min_col - 1]
            for r in range(merged.min_row - 1, merged.max_row):
                for c in range(merged.min_col - 1, merged.max_col):
                    rows[r][c] = value
        while rows and not any(rows[-1]):
            rows.pop()
        sheets[ws.title] = rows
    return sheets


def _odd_cells_workbook(path: Path, *, mac_calendar: bool = False) -> Path:
    """Cells of every kind: dates, times, durations, numbers, booleans, rich text, formulas,
    sparse and far-off cells, a merge beyond the data, a second sheet."""
    book = Workbook()
    if mac_calendar:
        book.epoch = CALENDAR_MAC_1904
    ws = book.active
    ws.title = "Odd cells"
    ws["A1"] = "  Title with spaces  "
    ws.append([])
    ws["A3"], ws["B3"], ws["C3"] = date(2026, 3, 1), datetime(2026, 3, 1, 14, 30), time(9, 30)
    ws["D3"], ws["E3"], ws["F3"], ws["G3"] = 3.0, 3.5, 12, True
    ws["H3"] = timedelta(hours=30)
    ws["I3"] = 45000
    ws["I3"].number_format = "dd/mm/yyyy"
    ws["J3"] = "=1+1"
    ws["A4"] = CellRichText(["plain ", TextBlock(InlineFont(b=True), "bold"), " tail"])
    ws["B4"] = "Line one\nLine two & <three>"
    ws["Z5"] = "far"
    ws["A7"] = "merged block"
    ws.merge_cells("A7:C9")
    ws["K1"] = "merged beyond the data"
    ws.merge_cells("K1:L12")
    second = book.create_sheet("Second")
    second.append(["Ref", "Recommendation"])
    second.append(["REC 1", date(2025, 12, 31)])
    book.save(path)
    return path


def _offset_workbook(path: Path) -> Path:
    """Data starting at C3 and a merge at B2:B4: the rows must still start at row 1, column A."""
    book = Workbook()
    ws = book.active
    ws["C3"], ws["E5"] = "from C3", 2
    ws["B2"] = "merged"
    ws.merge_cells("B2:B4")
    book.save(path)
    return path


def _write_only_workbook(path: Path, rows: list[list]) -> Path:
    """Inline strings, as openpyxl's write-only mode (and so the app's exporter) stores text."""
    book = Workbook(write_only=True)
    ws = book.create_sheet("Plan")
    ws.append(["Improvement plan as at 1 March 2026"])
    ws.append([])
    ws.append([c.heading for c in CANONICAL_COLUMNS])
    for values in rows:
        ws.append(values)
    book.save(path)
    return path


READER_FIXTURES: dict[str, Callable[[Path], Path]] = {
    "committee, merged recommendation cells": lambda p: committee_workbook(p / "paper.xlsx"),
    "canonical template": lambda p: canonical_workbook(p / "plan.xlsx", CANONICAL_ROWS),
    "canonical, shared strings": lambda p: plain_canonical_workbook(
        p / "plain.xlsx", big_canonical_rows(300, bad_every=50)
    ),
    "canonical, inline strings": lambda p: _write_only_workbook(
        p / "inline.xlsx", big_canonical_rows(300)
    ),
    "odd cells": lambda p: _odd_cells_workbook(p / "odd.xlsx"),
    "odd cells, 1904 calendar": lambda p: _odd_cells_workbook(p / "mac.xlsx", mac_calendar=True),
    "odd cells, data from C3": lambda p: _offset_workbook(p / "offset.xlsx"),
}


@pytest.mark.parametrize("fixture", READER_FIXTURES)
def test_fast_reader_gives_the_cells_openpyxl_gives(tmp_path, fixture):
    path = READER_FIXTURES[fixture](tmp_path)
    expected = _openpyxl_sheets(path)
    book = reading.Book(path)
    try:
        assert book.sheet_names == list(expected)
        for name, rows in expected.items():
            assert book.sheet(name).rows == rows, name
    finally:
        book.close()


def test_merged_cells_are_resolved_in_the_committee_layout(tmp_path):
    path = committee_workbook(tmp_path / "paper.xlsx")
    assert load_workbook(path).worksheets[0].merged_cells.ranges  # the fixture does merge
    book = reading.Book(path)
    rows = book.sheet(book.sheet_names[0]).rows
    book.close()
    rec_cells = [row[0] for row in rows if len(row) > 1 and row[1] and row[0]]
    assert len(rec_cells) > len({*rec_cells})  # a merged cell's value is on each of its rows


def test_where_the_reader_differs_from_openpyxl(tmp_path):
    """The documented differences, in cells no plan the app or its template writes holds:
    calamine decodes Excel's _xHHHH_ escapes where openpyxl leaves "_x000D_" in the text, does not
    widen the rows for a formatted empty cell, and reads a negative date serial (which Excel shows
    as ####) as midnight. A formula error ("#N/A") reaches the importer as its text, which the
    importer reports."""
    book = Workbook()
    ws = book.active
    ws["A1"], ws["B1"], ws["C1"] = "#N/A", "one_x000D_\ntwo", -5
    ws["C1"].number_format = "dd/mm/yyyy"
    ws["F1"].font = Font(bold=True)
    book.save(tmp_path / "odd.xlsx")
    openpyxl_rows = [["#N/A", "one_x000D_\ntwo", date(1899, 12, 25), "", "", ""]]
    assert _openpyxl_sheets(tmp_path / "odd.xlsx")["Sheet"] == openpyxl_rows
    book = reading.Book(tmp_path / "odd.xlsx")
    assert book.sheet("Sheet").rows == [["#N/A", "one\r\ntwo", "00:00:00"]]
    book.close()


def test_carriage_returns_saved_by_excel_are_line_breaks(tmp_path):
    """Excel saves a carriage return in a cell as "_x000D_"; openpyxl left it in the action text
    (and so missed its due date), calamine reads it as the line break it is."""

    def escape(cell):
        return cell.replace("\n", "_x000D_\n") if isinstance(cell, str) else cell

    crlf = [
        (rec, merge, headers, [tuple(map(escape, theme)) for theme in themes])
        for rec, merge, headers, themes in COMMITTEE_BLOCKS
    ]
    with_crlf = read_plan(committee_workbook(tmp_path / "crlf.xlsx", crlf), imported_on=AS_AT)
    plain = read_plan(committee_workbook(tmp_path / "plain.xlsx"), imported_on=AS_AT)
    assert with_crlf.plan == plain.plan


@pytest.mark.parametrize("fixture", [f for f in READER_FIXTURES if not f.startswith("odd")])
def test_a_plan_reads_the_same_as_through_openpyxl(tmp_path, monkeypatch, fixture):
    path = READER_FIXTURES[fixture](tmp_path)
    try:
        fast = read_plan(path, imported_on=AS_AT)
    except ImportFailed as failed:
        fast = failed.problems
    slow_rows = _openpyxl_sheets(path)
    monkeypatch.setattr(
        reading.Book, "sheet", lambda self, name, progress=None: Sheet(name, slow_rows[name])
    )
    try:
        slow = read_plan(path, imported_on=AS_AT)
    except ImportFailed as failed:
        slow = failed.problems
    assert fast == slow
    if isinstance(fast, list):
        assert fast  # the broken rows' problems, the same either way
    else:
        assert fast.actions > 0
