"""The monthly re-import, end to end on SQLite and PostgreSQL: each kind of edit a performance
officer makes in the plan file shows in the preview in words and is stored in place, with the
action's identity and history kept."""

from __future__ import annotations

import copy
from datetime import timedelta

from readiness.demo import demo_plan
from readiness.plan_input import ActionInput, RecommendationInput, ThemeInput
from readiness.plan_sync import apply_import, preview_import
from readiness.rag import format_date
from tests.conftest import AS_AT, stored_plan

LATER = AS_AT + timedelta(days=30)


def _first_action(plan):
    return plan.recommendations[0].themes[0].actions[0]


def test_changing_an_actions_leads_is_previewed_and_stored(engine):
    before = stored_plan(engine).actions[0]
    plan = demo_plan(AS_AT)
    action = _first_action(plan)
    action.service_leads = ["Priya Shah"]
    action.other_leads = ["Team managers"]
    preview = preview_import(engine, plan)
    assert [c.details for c in preview.changed] == [
        (
            "Service leads: Daniel Okafor → Priya Shah",
            "Other leads: Aisha Rahman / Consultant social workers / Team managers → Team managers",
        )
    ]
    apply_import(engine, plan, LATER, expected=preview)
    after = stored_plan(engine).actions[0]
    assert (after.id, after.updates) == (before.id, before.updates)
    assert after.service_leads == ("Priya Shah",) and after.other_leads == ("Team managers",)
    assert after.version == before.version + 1


def test_changing_areas_kind_evidence_and_due_wording(engine):
    plan = demo_plan(AS_AT)
    rec = plan.recommendations[0]
    rec.kind, rec.areas = "APA", ["leaders"]
    action = _first_action(plan)
    old_evidence = action.evidence
    action.evidence = "Audit in March showed every plan rated good."
    undated = next(
        a for r in plan.recommendations for t in r.themes for a in t.actions if not a.due
    )
    undated.due_text = "by the end of the spring term"
    preview = preview_import(engine, plan)
    assert [(c.ref, c.details) for c in preview.part_changes] == [
        (
            "REC 1",
            (
                "Kind: Recommendation → Area for priority action",
                "Areas: Children in care / Help and protection → Impact of leaders",
            ),
        )
    ]
    details = {c.action: c.details for c in preview.changed}
    assert details[action.text] == ("Evidence changed" if old_evidence else "Evidence added",)
    assert details[undated.text][0].startswith("Due wording: ")
    assert details[undated.text][0].endswith('→ "by the end of the spring term"')
    apply_import(engine, plan, LATER, expected=preview)
    stored = stored_plan(engine)
    assert (stored.recommendations[0].kind, stored.recommendations[0].areas) == (
        "APA",
        ("leaders",),
    )
    by_text = {a.text: a for a in stored.actions}
    assert by_text[action.text].evidence == action.evidence
    assert by_text[undated.text].due_text == "by the end of the spring term"
    # Nothing else changed: re-importing the same file finds nothing to do.
    assert not preview_import(engine, plan).has_changes


def test_a_recommendation_added_then_retired_by_reimport(engine):
    plan = demo_plan(AS_AT)
    plan.recommendations.append(
        RecommendationInput(
            "AFD 4",
            "AFD",
            "Timely return-home conversations for children who go missing.",
            ["help_protection"],
            [
                ThemeInput(
                    "Return-home conversations",
                    ["Tom Brennan"],
                    [
                        ActionInput(
                            "Offer every child a conversation within 72 hours.", ["Tom Brennan"]
                        )
                    ],
                )
            ],
        )
    )
    preview = preview_import(engine, plan)
    assert preview.summary().startswith("Update of the stored plan: 1 added, 0 changed")
    apply_import(engine, plan, LATER, expected=preview)
    assert stored_plan(engine).recommendations[-1].ref == "AFD 4"

    without = copy.deepcopy(plan)
    without.recommendations.pop()
    preview = preview_import(engine, without)
    assert [(c.change, c.ref) for c in preview.removed] == [("removed", "AFD 4")]
    apply_import(engine, without, LATER + timedelta(days=1), expected=preview)
    assert "AFD 4" not in {r.ref for r in stored_plan(engine).recommendations}
    retired = stored_plan(engine, retired=True).recommendations[-1]
    assert (retired.ref, retired.retired_on) == ("AFD 4", LATER + timedelta(days=1))


def test_a_new_plan_is_current_and_the_old_one_can_be_made_current_again(engine):
    from readiness.plan_store import list_plans, make_current

    first = stored_plan(engine)
    plan = demo_plan(AS_AT)
    plan.title = "Refreshed plan"
    apply_import(engine, plan, LATER, as_new_plan=True)
    with engine.connect() as conn:
        listed = list_plans(conn)
    assert [(p.title, p.current, p.stored_on) for p in listed] == [
        ("Refreshed plan", True, LATER),
        (first.title, False, AS_AT),
    ]
    with engine.begin() as conn:
        make_current(conn, first.id)
    assert stored_plan(engine).id == first.id
    with engine.connect() as conn:
        assert [p.current for p in list_plans(conn)] == [True, False]
    # An update now goes to the plan everyone sees.
    update = demo_plan(AS_AT)
    _first_action(update).due = LATER
    preview = preview_import(engine, update)
    assert preview.plan_title == first.title
    assert preview.changed[0].details[0].endswith(f"→ {format_date(LATER)}")
