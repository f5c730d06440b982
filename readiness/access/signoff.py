"""Completing an action with sign-off: a lead's "Complete" is recorded as proposed, the action
stays open (so not Blue) until an editor confirms it; an editor's save decides a pending proposal.

The proposal lives in the action's history (progress_update.completion), so the colour at any
past date reads as it was then, and the reason says who proposed it and when.
Source: issue 24 (a director: nobody completes their own action without sign-off); the council
may turn it off (`access.sign_off`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import Connection, select

from readiness.access.roles import LOCAL_USER, Change, Person
from readiness.db.models import Action, ProgressUpdate
from readiness.plan.progress import ProgressEntry
from readiness.plan.proposals import CONFIRMED, PROPOSED, RETURNED
from readiness.vocabulary import COMPLETE, IN_PROGRESS


def _pending_in_store(conn: Connection, action_id: int) -> bool:
    latest = conn.scalar(
        select(ProgressUpdate.completion)
        .where(ProgressUpdate.action_id == action_id)
        .order_by(ProgressUpdate.recorded_on.desc(), ProgressUpdate.id.desc())
        .limit(1)
    )
    return latest == PROPOSED


def as_recorded(
    conn: Connection, entry: ProgressEntry, by: Person, sign_off: bool
) -> ProgressEntry:
    """The entry as it is stored: written by the signed-in person (local mode keeps the name
    typed), and with its part in sign-off. A Complete from someone who may not confirm it is a
    proposal, stored In progress; an editor's save on a pending proposal confirms or returns it."""
    author = entry.author if by == LOCAL_USER else by.name
    confirms = by.may(Change.CONFIRM_COMPLETION)
    completion = None
    status = entry.status
    if status == COMPLETE and sign_off and not confirms:
        completion, status = PROPOSED, IN_PROGRESS
    elif confirms and _pending_in_store(conn, entry.action_id):
        completion = CONFIRMED if status == COMPLETE else RETURNED
    return replace(entry, author=author, status=status, completion=completion)


def status_before(conn: Connection, action_id: int) -> str | None:
    return conn.scalar(select(Action.status).where(Action.id == action_id))


def due_before(conn: Connection, action_id: int) -> date | None:
    """The due date in force before an update: the newest revision's, else the plan's own (as
    readiness.plan.rag reads it at today's date)."""
    revised = conn.scalar(
        select(ProgressUpdate.revised_due)
        .where(ProgressUpdate.action_id == action_id, ProgressUpdate.revised_due.is_not(None))
        .order_by(ProgressUpdate.recorded_on.desc(), ProgressUpdate.id.desc())
        .limit(1)
    )
    return revised or conn.scalar(select(Action.due).where(Action.id == action_id))


def progress_audit(
    stored: ProgressEntry, status_was: str | None, due_was: date | None = None
) -> list[tuple[str, object, object]]:
    """The audit entries of one saved update, (kind, before, after): the update itself, and a
    status change, a revised due date (from `due_was`) or a completion's sign-off where it made
    one."""
    entries: list[tuple[str, object, object]] = [
        (
            "progress",
            None,
            {"status": stored.status, "update": stored.text, "on": stored.recorded_on},
        )
    ]
    if stored.completion:
        entries.append((f"completion_{stored.completion}", status_was, stored.status))
    elif status_was != stored.status:
        entries.append(("status", status_was, stored.status))
    if stored.revised_due:
        entries.append(("due_revised", due_was, stored.revised_due))
    return entries


def action_subject(conn: Connection, action_id: int) -> str:
    """How the audit names an action: its first words."""
    text = conn.scalar(select(Action.text).where(Action.id == action_id)) or ""
    words = " ".join(text.split())
    return words if len(words) <= 100 else words[:99] + "…"
