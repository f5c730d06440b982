"""A ref is unique within a plan, retired recommendations included: a file that gives one
recommendation's ref to another stores exactly as previewed, whichever way the refs move. A
stored recommendation the file no longer has gives its ref up for good and is kept, retired,
as "REC 1 (removed)", which a later file bringing it back shows as its old ref.

Each case is one row of CASES: it edits the demo plan (after storing what it needs first) and
returns the recommendations' own rows of the preview; storing must write exactly what the
preview listed (tests.reimport_check), where the old code failed with the database's UNIQUE
error on (plan_id, ref)."""

from __future__ import annotations

import copy
from datetime import timedelta

import pytest

from readiness.demo.plan import demo_plan
from readiness.plan.input import ActionInput, RecommendationInput, ThemeInput
from tests.conftest import AS_AT, stored_plan
from tests.reimport_check import apply_as_previewed
from tests.test_plan_sync import LATER

REWORDED = " Reworded after the monitoring visit."


def _retired_rec_9(engine) -> RecommendationInput:
    """REC 9 stored with the demo plan, then retired by a file without it."""
    plan = demo_plan(AS_AT)
    action = ActionInput("Offer every child a return-home conversation.", ["Tom Brennan"])
    rec = RecommendationInput(
        "REC 9",
        "REC",
        "Timely return-home conversations for children who go missing.",
        ["help_protection"],
        [ThemeInput("Return-home conversations", ["Tom Brennan"], [action])],
    )
    plan.recommendations.append(rec)
    apply_as_previewed(engine, plan, AS_AT + timedelta(days=1))
    apply_as_previewed(engine, demo_plan(AS_AT), AS_AT + timedelta(days=2))
    return copy.deepcopy(rec)


def _ref_change(old: str, new: str) -> tuple:
    return ("changed", new, "", "", f"Ref: {old} → {new}")


def swapped(engine, plan):
    """REC 1 and REC 2 swapped and the first reworded: it is a new recommendation, and the
    stored REC 1, retired, gives up its ref."""
    first, second = plan.recommendations[:2]
    first.ref, second.ref = second.ref, first.ref
    first.text += REWORDED
    return [_ref_change("REC 2", "REC 1")], {"REC 1 (removed)"}


def rotated(engine, plan):
    first, second, third = plan.recommendations[:3]
    first.ref, second.ref, third.ref = "REC 2", "REC 3", "REC 1"
    first.text += REWORDED
    return [_ref_change("REC 2", "REC 3"), _ref_change("REC 3", "REC 1")], {"REC 1 (removed)"}


def renamed_to_a_retired_ref(engine, plan):
    _retired_rec_9(engine)
    plan.recommendations[2].ref = "REC 9"
    return [_ref_change("REC 3", "REC 9")], {"REC 9 (removed)"}


def retired_one_back_under_a_ref_now_used(engine, plan):
    """REC 9 back under the ref of REC 3, which the file no longer has."""
    back = _retired_rec_9(engine)
    back.ref = "REC 3"
    plan.recommendations[2] = back
    return [_ref_change("REC 9", "REC 3")], {"REC 3 (removed)"}


CASES = [swapped, rotated, renamed_to_a_retired_ref, retired_one_back_under_a_ref_now_used]


def recommendation_rows(preview) -> list[tuple]:
    rows = preview.table().itertuples(index=False, name=None)
    return [row for row in rows if not row[2] and not row[3]]


def retired_refs(engine) -> set[str]:
    return {r.ref for r in stored_plan(engine, retired=True).recommendations if r.retired_on}


@pytest.mark.parametrize("case", CASES, ids=lambda f: f.__name__)
def test_refs_moved_between_recommendations_store_as_previewed(engine, case):
    plan = demo_plan(AS_AT)
    rows, set_aside = case(engine, plan)
    preview = apply_as_previewed(engine, plan, LATER)
    assert recommendation_rows(preview) == rows
    assert retired_refs(engine) == set_aside


def test_a_recommendation_that_gave_up_its_ref_comes_back_with_its_history(engine):
    """The swap undone by the council's next file: the reworded one is retired in turn, and the
    original comes back under its ref, its actions with their history."""
    ids = {a.text: a.id for a in stored_plan(engine).actions}
    plan = demo_plan(AS_AT)
    swapped(engine, plan)
    apply_as_previewed(engine, plan, LATER)
    preview = apply_as_previewed(engine, demo_plan(AS_AT), LATER + timedelta(days=1))
    assert recommendation_rows(preview) == [
        _ref_change("REC 1 (removed)", "REC 1"),
        _ref_change("REC 1", "REC 2"),
    ]
    assert {a.text: a.id for a in stored_plan(engine).actions} == ids
    assert retired_refs(engine) == {"REC 2 (removed)"}


def test_a_ref_given_up_twice_stays_unique(engine):
    """Two retired recommendations that each held REC 9 keep apart."""
    plan = demo_plan(AS_AT)
    renamed_to_a_retired_ref(engine, plan)
    apply_as_previewed(engine, plan, LATER)  # REC 3 is now REC 9
    plan.recommendations.pop(2)
    apply_as_previewed(engine, plan, LATER + timedelta(days=1))  # and retired
    plan.recommendations[2].ref = "REC 9"  # REC 4 takes the ref
    apply_as_previewed(engine, plan, LATER + timedelta(days=2))
    assert retired_refs(engine) == {"REC 9 (removed)", "REC 9 (removed 2)"}
