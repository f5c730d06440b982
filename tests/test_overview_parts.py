"""The Overview's cheaper parts give what the whole tables they replace give, on the demo plan and
the 10x plan, on dates that between them reach every state:

* the earlier date's side of "what changed" (action_colours) gives every action the colour and
  state the whole status (plan_status) gives it, for everyone and for lead officers, and the
  changes worked out from it are the changes worked out from the whole status;
* the overdue lead-action pairs (overdue_pairs) are the lead workload's overdue column, added up.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from readiness.board.changes_since import changes_since
from readiness.db.engine import make_engine
from readiness.plan.rag import State
from readiness.plan.status import (
    UnknownLeadError,
    action_colours,
    overdue_pairs,
    plan_status,
    workload_by_lead,
)
from readiness.settings import Settings
from scripts.scaled_plan import busiest_lead, scaled_plan, store_plan
from tests.conftest import AS_AT, stored_plan

SETTINGS = Settings()
# From before the plan started to after most actions fall due: every state shows on one of them.
DATES = [AS_AT + timedelta(days=d) for d in (-400, -120, -30, -7, 0, 7, 60, 200, 500)]


def _plan(url: str):
    engine = make_engine(url)
    try:
        return stored_plan(engine)
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def plans(demo_url, tmp_path_factory) -> dict:
    url = f"sqlite:///{tmp_path_factory.mktemp('ten') / 'ten.db'}"
    scaled = scaled_plan(AS_AT, 10)
    store_plan(url, scaled, AS_AT)
    return {"demo": (_plan(demo_url), None), "10x": (_plan(url), busiest_lead(scaled))}


def _leads(plan, busiest: str | None) -> list[str | None]:
    """Everyone, the busiest lead, and a lead named only on a theme when the plan has one."""
    on_actions = {n for a in plan.actions for n in a.leads}
    theme_only = sorted({n for t in plan.themes for n in t.service_leads} - on_actions)
    return [None, busiest or plan.lead_names[0], *theme_only[:1]]


@pytest.mark.parametrize("which", ["demo", "10x"])
def test_the_colours_are_the_whole_status_colours(plans, which):
    plan, busiest = plans[which]
    states = set()
    for lead in _leads(plan, busiest):
        for day in DATES:
            whole = plan_status(plan, day, SETTINGS, lead=lead)
            colours = action_colours(plan, day, SETTINGS, lead=lead)
            expected = whole.actions[["action_id", "rag", "state"]].reset_index(drop=True)
            got = colours.actions.reset_index(drop=True)
            assert got.astype(object).equals(expected.astype(object)), (which, lead, day)
            assert (colours.as_at, colours.lead) == (whole.as_at, whole.lead)
            states |= set(got["state"])
    # The comparison means something only if every kind of action was compared.
    assert states == {s.value for s in State}, f"{which} never showed {set(State) - states}"


def test_changes_from_the_colours_are_the_changes_from_the_whole_status(plans):
    plan, busiest = plans["10x"]
    for lead in (None, busiest):
        for since in DATES[:-1]:
            now = plan_status(plan, AS_AT + timedelta(days=500), SETTINGS, lead=lead)
            whole = changes_since(plan, plan_status(plan, since, SETTINGS, lead=lead), now)
            quick = changes_since(plan, action_colours(plan, since, SETTINGS, lead=lead), now)
            assert quick == whole


def test_a_lead_is_matched_as_the_status_matches_them(plans):
    plan, busiest = plans["10x"]
    colours = action_colours(plan, AS_AT, SETTINGS, lead=f"  {busiest.upper()} ")
    assert colours.lead == busiest
    with pytest.raises(UnknownLeadError):
        action_colours(plan, AS_AT, SETTINGS, lead="Nobody At All")


@pytest.mark.parametrize("which", ["demo", "10x"])
def test_the_overdue_pairs_are_the_workloads(plans, which):
    plan, _ = plans[which]
    counted = []
    for day in DATES:
        status = plan_status(plan, day, SETTINGS)
        pairs = overdue_pairs(plan, status)
        assert pairs == workload_by_lead(plan, status)["overdue"].sum(), day
        counted.append((len(status.overdue), pairs))
    # Some date has overdue actions with more than one lead each, or the test shows nothing.
    assert any(pairs > actions > 0 for actions, pairs in counted), counted
