"""Importing a committee paper (a recommendation cell, then theme rows with leads, a cell of actions
and progress): its counts, refs, texts, leads, due dates, progress and warnings, storing it, and
cells as councils paste them (HTML, names run together, one lead column).

Fixture workbooks are built in code (tests/import_fixtures.py) into tmp_path.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from readiness.db.engine import make_engine, upgrade
from readiness.db.models import Action, LeadOfficer
from readiness.plan.importing import read_plan
from readiness.plan.store import add_plan
from tests.import_fixtures import COMMITTEE_BLOCKS, HEADER_FULL, TITLE, committee_workbook
from tests.import_reading import AS_AT


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
