"""Whose action is it: the one rule for "a lead officer's actions", written once here and used by
My actions, the lead filter on every page, the lead table, the board pack, the command line and
the reminders to come.

A person answers for an action when the action names them as a service lead or as an other
lead, or when they are the service lead of the action's theme (a theme's service lead answers
for every action in it). Their role on it is "service lead", "other lead" or both.

One action can have several leads, so counts by lead are of lead-action pairs: an action with
three leads counts once for each of them, and the leads' overdue counts add up to more than the
plan's overdue actions. Every page that shows counts by lead says so (`pairs_note`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from readiness.plan.rag import URGENCY
from readiness.plan.records import ActionRecord, PlanData
from readiness.text import plural

# The rule in words, for every page and paper that counts by lead.
RULE_WORDS = (
    "A lead officer's actions are those that name them as service lead or other lead, and every "
    "action in a theme they are service lead of"
)
SERVICE = "service lead"
OTHER = "other lead"
BOTH = "service lead and other lead"
COUNT_COLUMNS = [state.value for state in URGENCY]


def leads_of(action: ActionRecord, theme_leads: tuple[str, ...]) -> set[str]:
    """Who answers for an action: anyone named on it, and its theme's service leads."""
    return set(action.leads) | set(theme_leads)


def lead_role(action: ActionRecord, theme_leads: tuple[str, ...], name: str) -> str | None:
    """`name`'s role on the action ("service lead", "other lead", both), None if not a lead."""
    service = name in action.service_leads or name in theme_leads
    other = name in action.other_leads
    if service and other:
        return BOTH
    return SERVICE if service else OTHER if other else None


@dataclass(frozen=True)
class LeadAction:
    """One lead-action pair."""

    lead: str
    action_id: int
    role: str


def lead_pairs(plan: PlanData) -> list[LeadAction]:
    """Every lead-action pair in the plan, in plan order, each action's leads A to Z."""
    themes = {t.id: t for t in plan.themes}
    pairs = []
    for action in plan.actions:
        theme_leads = themes[action.theme_id].service_leads
        for name in sorted(leads_of(action, theme_leads), key=str.casefold):
            pairs.append(LeadAction(name, action.id, lead_role(action, theme_leads, name)))
    return pairs


def pair_count(plan: PlanData, action_ids: set[int]) -> int:
    """How many lead-action pairs these actions make, as lead_pairs counts them, without making
    every pair of the plan (the Overview's note needs only the overdue actions' count)."""
    themes = {t.id: t.service_leads for t in plan.themes}
    return sum(len(leads_of(a, themes[a.theme_id])) for a in plan.actions if a.id in action_ids)


def pairs_note(actions: int, pairs: int, what: str = "overdue") -> str:
    """The two counts side by side, and why they differ: '10 actions overdue; 31 lead-action
    pairs: an action with several leads counts once for each'."""
    said = f"{plural(actions, 'action')} {what}"
    if pairs == actions:
        return f"{said}, each with one lead"
    return (
        f"{said}; {plural(pairs, 'lead-action pair')}: an action with several leads counts once "
        "for each of them"
    )


def overdue_note(plan_overdue: int, pairs: int, lead: str | None = None, theirs: int = 0) -> str:
    """The overdue count as a sentence, the same on every page and paper: for the whole plan,
    the actions and the lead-action pairs; for one lead, their share of the plan's."""
    if lead:
        return (
            f"{lead} answers for {theirs} of the plan's {plural(plan_overdue, 'overdue action')}."
        )
    said = pairs_note(plan_overdue, pairs)
    return f"{said[0].upper()}{said[1:]}."


def workload_by_lead(plan: PlanData, states: dict[int, str]) -> pd.DataFrame:
    """One row per lead officer: how many actions they answer for in each state (`states`: the
    whole plan's state of each action by id), worst first. Counts are of lead-action pairs."""
    counts: dict[str, dict[str, int]] = {
        name: dict.fromkeys(["actions", *COUNT_COLUMNS], 0) for name in plan.lead_names
    }
    for pair in lead_pairs(plan):
        counts[pair.lead]["actions"] += 1
        counts[pair.lead][states[pair.action_id]] += 1
    rows = [{"lead": name, **c} for name, c in counts.items()]
    # The columns are named even with no rows: a plan may name no lead at all.
    frame = pd.DataFrame(rows, columns=["lead", "actions", *COUNT_COLUMNS])
    return frame.sort_values(
        ["overdue", "due_soon", "stale", "lead"], ascending=[False, False, False, True]
    )
