"""The plan's status on the demo data: counts add up, worst case holds, the lead filter narrows."""

import re
from dataclasses import replace

import pytest

from readiness.plan.status import (
    COUNT_COLUMNS,
    ActionRow,
    UnknownLeadError,
    plan_status,
    status_json,
    urgent_first,
    workload_by_lead,
)
from readiness.settings import Settings
from tests.conftest import AS_AT, ROOT, stored_plan


@pytest.fixture
def plan(demo_engine):
    return stored_plan(demo_engine)


def test_counts_add_up_to_the_actions(plan):
    status = plan_status(plan, AS_AT, Settings())
    recs = status.recommendations
    assert (recs[COUNT_COLUMNS].sum(axis=1) == recs["actions"]).all()
    assert recs["actions"].sum() == len(plan.actions) == status.overall.actions
    assert sum(status.overall.counts.values()) == len(plan.actions)


def test_worst_case_makes_a_recommendation_with_an_overdue_action_red(plan):
    recs = plan_status(plan, AS_AT, Settings()).recommendations
    assert (recs["overdue"] > 0).any() and (recs["overdue"] == 0).any()
    assert (recs.loc[recs["overdue"] > 0, "rag"] == "red").all()
    assert (recs.loc[recs["overdue"] == 0, "rag"] != "red").all()


def test_proportion_rule_can_be_chosen(plan):
    settings = Settings(rag=replace(Settings().rag, rollup="proportion"))
    worst = plan_status(plan, AS_AT, Settings()).recommendations
    proportion = plan_status(plan, AS_AT, settings).recommendations
    assert list(proportion["actions"]) == list(worst["actions"])
    assert (proportion["rag"] != worst["rag"]).any()


def test_judgement_areas_follow_the_framework_in_force(plan):
    after = plan_status(plan, AS_AT, Settings())
    assert list(after.areas["area"]) == [
        "leaders",
        "help_protection",
        "children_in_care",
        "care_leavers",
    ]
    assert after.overall_label.startswith("Whole plan")
    before = plan_status(plan, AS_AT.replace(year=2025), Settings())
    assert before.framework.code == "ilacs_2023"
    assert before.overall_label == "Overall effectiveness"


def test_an_area_is_red_when_one_of_its_recommendations_is(plan):
    status = plan_status(plan, AS_AT, Settings())
    red_recs = set(status.recommendations.query("rag == 'red'")["ref"])
    for area in status.areas.to_dict("records"):
        refs = set(filter(None, area["recommendations"].split(", ")))
        assert (area["rag"] == "red") == bool(refs & red_recs)


def test_lead_filter_keeps_only_that_leads_actions(plan):
    everyone = plan_status(plan, AS_AT, Settings())
    lead = "Tom Brennan"
    mine = plan_status(plan, AS_AT, Settings(), lead=lead)
    assert 0 < len(mine.actions) < len(everyone.actions)
    named = mine.actions["service_leads"] + ", " + mine.actions["other_leads"]
    assert named.str.contains(lead).all()
    assert set(mine.recommendations["ref"]) < set(everyone.recommendations["ref"])
    assert mine.total_actions == len(plan.actions)


def test_areas_outside_a_leads_work_say_so(plan):
    areas = plan_status(plan, AS_AT, Settings(), lead="Tom Brennan").areas.set_index("area")
    assert areas.loc["leaders", "rag"] == "grey"
    assert "none of Tom Brennan's actions" in areas.loc["leaders", "reason"]


def test_unknown_lead_is_refused(plan):
    with pytest.raises(UnknownLeadError, match="No lead officer called 'Nobody'"):
        plan_status(plan, AS_AT, Settings(), lead="Nobody")


@pytest.mark.parametrize(
    ("asked", "name", "unknown"),
    [
        (None, None, False),  # everyone
        ("Tom Brennan", "Tom Brennan", False),
        ("tom  BRENNAN", "Tom Brennan", False),  # case and spacing ignored
        ("Tom\u00a0Brennan ", "Tom Brennan", False),
        ("TomBrennan", "Tom Brennan", False),  # a zero-width space, removed on the way in
        ("Tom Brenan", None, True),
        ("Nobody", None, True),
        ("", None, True),
    ],
)
def test_whether_a_lead_is_known_is_one_rule_the_status_follows(plan, asked, name, unknown):
    chosen = plan.choose_lead(asked)
    assert (chosen.asked, chosen.name, chosen.unknown) == (asked, name, unknown)
    if unknown:
        with pytest.raises(UnknownLeadError):
            plan_status(plan, AS_AT, Settings(), lead=asked)
    else:
        assert plan_status(plan, AS_AT, Settings(), lead=asked).lead == name


def test_the_actions_table_has_one_set_of_columns_with_or_without_rows(plan):
    some = plan_status(plan, AS_AT, Settings()).actions
    none = plan_status(replace(plan, recommendations=(), themes=(), actions=()), AS_AT, Settings())
    assert list(some.columns) == list(none.actions.columns) == list(ActionRow._fields)
    assert len(some) == len(plan.actions) and none.actions.empty
    assert sorted(some["urgent_rank"]) == list(range(len(some)))


# An action's status or state written as a bare string where the rules compare or set it: the
# codes are readiness.vocabulary's constants (the statuses) and readiness.plan.rag.State
# (the states).
_BARE_CODE = re.compile(
    r'[=!]=\s*"(complete|in_progress|not_started|overdue|due_soon|stale|on_track|no_due_date)"'
    r'|(status\s*=|default=|return)\s*"(complete|in_progress|not_started)"'
)


def test_status_and_state_codes_are_compared_by_their_constants():
    sources = [ROOT / "app.py"]
    for folder in ("readiness", "components", "views"):
        sources += ROOT.glob(f"{folder}/**/*.py")
    bare = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sources
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _BARE_CODE.search(line)
    ]
    assert bare == []


def test_urgent_first_orders_overdue_then_due_soon_then_stale(plan):
    ordered = urgent_first(plan_status(plan, AS_AT, Settings()).actions)
    states = list(dict.fromkeys(ordered["state"]))
    assert states[:3] == ["overdue", "due_soon", "stale"]
    overdue = ordered[ordered["state"] == "overdue"]["days_overdue"]
    assert list(overdue) == sorted(overdue, reverse=True)


def test_workload_by_lead_puts_the_most_overdue_first(plan):
    table = workload_by_lead(plan, plan_status(plan, AS_AT, Settings()))
    assert set(table["lead"]) == set(plan.lead_names)
    assert list(table["overdue"]) == sorted(table["overdue"], reverse=True)
    assert (table[COUNT_COLUMNS].sum(axis=1) == table["actions"]).all()


def test_status_json_has_the_documented_shape(plan):
    data = status_json(plan_status(plan, AS_AT, Settings()))
    assert data["as_at"] == "2026-11-22"
    keys = {"ref", "title", "rag", "actions", "complete", "overdue", "due_soon", "stale"}
    assert keys | {"no_due_date"} <= set(data["recommendations"][0])
    assert {a["area"] for a in data["judgement_areas"]} >= {"leaders", "care_leavers"}
    rags = {"blue", "green", "amber", "red", "grey"}
    assert all(r["rag"] in rags for r in data["recommendations"] + data["judgement_areas"])
    assert data["overall"]["rag"] in rags
