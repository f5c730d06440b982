"""A proposed completion in an action's history: the words and the test the rules use
(readiness.plan.rag), without the database (readiness.access.signoff writes them)."""

from __future__ import annotations

from datetime import date

from readiness.plan.records import ActionRecord, PlanData, UpdateRecord
from readiness.text import format_date

PROPOSED = "proposed"
CONFIRMED = "confirmed"
RETURNED = "returned"
# How the history names an update's part in a sign-off.
SIGN_OFF_WORDS = {
    PROPOSED: "Complete proposed",
    CONFIRMED: "Completion confirmed",
    RETURNED: "Completion returned",
}


def latest_update(action: ActionRecord, as_at: date) -> UpdateRecord | None:
    """The action's last update on or before `as_at` (the later of two on one day)."""
    known = [u for u in action.updates if u.recorded_on <= as_at]
    return max(reversed(known), key=lambda u: u.recorded_on) if known else None


def pending_proposal(action: ActionRecord, as_at: date) -> UpdateRecord | None:
    """The update proposing the action Complete, if that is still awaiting sign-off at `as_at`."""
    latest = latest_update(action, as_at)
    return latest if latest and latest.completion == PROPOSED else None


def pending_words(proposal: UpdateRecord) -> str:
    """Why a proposed completion is not Blue, for the action's reason."""
    who = f" by {proposal.author}" if proposal.author else ""
    return (
        f"Complete proposed{who} on {format_date(proposal.recorded_on)}, awaiting an editor's "
        "sign-off"
    )


def awaiting_sign_off(plan: PlanData, as_at: date) -> list[int]:
    """The ids of the actions whose completion awaits an editor's sign-off at `as_at`, oldest
    proposal first: the editors' list to confirm or return."""
    waiting = [(p.recorded_on, a.id) for a in plan.actions if (p := pending_proposal(a, as_at))]
    return [action_id for _, action_id in sorted(waiting)]
