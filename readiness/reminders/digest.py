"""Who gets a digest and what is in it: each person who signs in as one of the plan's lead
officers, with reminders on, gets the open actions they lead that are overdue, due soon or stale
at the as-at date, most urgent first. Nobody gets an empty digest, and everyone left out is
accounted for (reminders off, excluded, a lead name the plan does not hold, nothing to chase).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from readiness.access.people import email_key
from readiness.access.roles import Person
from readiness.palette import Rag
from readiness.plan.lead_actions import lead_pairs
from readiness.plan.rag import State
from readiness.plan.records import PlanData
from readiness.plan.status import plan_status, urgent_first
from readiness.settings import Settings

# What a reminder chases, most urgent first (the order of My actions, readiness.plan.rag.URGENCY).
# Not an undated action: that is the plan owner's to fix, not the lead's.
CHASED = (State.OVERDUE, State.DUE_SOON, State.STALE)
# The My actions page's address and its filters' query parameters (app.py, components/filters.py).
MY_ACTIONS_PATH = "my-actions"


@dataclass(frozen=True)
class ChaseItem:
    """One action to chase, as the rules see it at the as-at date."""

    ref: str  # its recommendation's reference, e.g. "REC 3"
    action: str
    due: date  # the due date in force (a revised one, if any); every chased action has one
    rag: Rag
    state: State
    reason: str  # the rule that set its colour, in words: "Red: due 14 Mar 2026, 32 days overdue"


@dataclass(frozen=True)
class Digest:
    """One person's reminder: the actions they lead to chase, most urgent first."""

    person: Person
    lead: str  # the plan's spelling of their lead name
    as_at: date
    items: tuple[ChaseItem, ...]
    link: str  # their own My actions view

    def count(self, state: State) -> int:
        return sum(item.state == state for item in self.items)

    def of(self, state: State) -> list[ChaseItem]:
        return [item for item in self.items if item.state == state]


@dataclass
class Recipients:
    """Everyone a run considered: the digests to send and who was left out, and why."""

    digests: list[Digest] = field(default_factory=list)
    not_in_plan: list[Person] = field(default_factory=list)  # their lead name is no plan lead's
    nothing_to_chase: list[Person] = field(default_factory=list)
    reminders_off: list[Person] = field(default_factory=list)
    excluded: list[Person] = field(default_factory=list)  # left out of this run by --exclude
    unknown_excluded: list[str] = field(default_factory=list)  # --exclude naming nobody


def my_actions_link(app_url: str, lead: str, as_at: date | None = None) -> str:
    """The lead's own My actions view: `{app_url}/my-actions?lead=...`, with `as_at` only when
    the digest judged another day than today's (without it the page follows the clock, so a
    reminder opened later in the week shows the position then)."""
    query = {"lead": lead} | ({"as_at": as_at.isoformat()} if as_at else {})
    return f"{app_url.rstrip('/')}/{MY_ACTIONS_PATH}?{urlencode(query)}"


def chase_items_by_lead(
    plan: PlanData, as_at: date, settings: Settings
) -> dict[str, list[ChaseItem]]:
    """Each lead officer's actions to chase at `as_at`, most urgent first; the rules run once
    for the whole plan and each lead gets their actions by the one rule (lead_pairs)."""
    status = plan_status(plan, as_at, settings)
    chased = urgent_first(status.actions[status.actions["state"].isin(CHASED)])
    items = {
        row["action_id"]: ChaseItem(
            ref=row["ref"],
            action=row["action"],
            due=row["due"],
            rag=Rag(row["rag"]),
            state=State(row["state"]),
            reason=row["reason"],
        )
        for row in chased.to_dict("records")
    }
    order = {action_id: place for place, action_id in enumerate(items)}
    by_lead: dict[str, list[int]] = {}
    for pair in lead_pairs(plan):
        if pair.action_id in items:
            by_lead.setdefault(pair.lead, []).append(pair.action_id)
    return {
        lead: [items[i] for i in sorted(ids, key=order.__getitem__)]
        for lead, ids in by_lead.items()
    }


def choose_recipients(
    plan: PlanData,
    people: Sequence[tuple[Person, bool]],
    as_at: date,
    settings: Settings,
    *,
    exclude: Collection[str] = (),
    link_as_at: date | None = None,
) -> Recipients:
    """Who gets which digest at `as_at`, from `people` (each with whether their reminders are
    on); `exclude` leaves addresses out of this run; `link_as_at` goes into each link (None:
    the link follows the clock)."""
    excluded = {email_key(email) for email in exclude}
    chosen = Recipients()
    to_chase = chase_items_by_lead(plan, as_at, settings)
    for person, reminders_on in people:
        if not person.lead_name:
            continue  # not a lead officer: nothing in the plan is theirs to chase
        if person.email in excluded:
            chosen.excluded.append(person)
        elif not reminders_on:
            chosen.reminders_off.append(person)
        elif (lead := plan.choose_lead(person.lead_name).name) is None:
            chosen.not_in_plan.append(person)
        elif not (items := to_chase.get(lead)):
            chosen.nothing_to_chase.append(person)
        else:
            link = my_actions_link(settings.reminders.app_url, lead, link_as_at)
            chosen.digests.append(Digest(person, lead, as_at, tuple(items), link))
    chosen.unknown_excluded = sorted(excluded - {person.email for person, _on in people})
    return chosen
