"""Recording progress on an action from the app: a new history entry, a new status, and a
version check so two people editing the same action never overwrite each other silently.

An entry may also revise the action's due date, with its note as the recovery note: the plan's
due date is kept, and the rules use the revised one from the entry's date (readiness.plan.rag).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection

from readiness.plan import store as plan_store
from readiness.plan.records import ActionRecord
from readiness.text import NAME_MAX, format_date, one_line, visible
from readiness.vocabulary import ACTION_STATUS_LABELS, ACTION_STATUSES, COMPLETE


class ConcurrentEditError(Exception):
    """The action changed after the editor opened it; their save is refused."""


@dataclass(frozen=True)
class ProgressEntry:
    action_id: int
    version: int  # the version the editor saw when they opened the action
    text: str
    status: str
    recorded_on: date
    author: str
    revised_due: date | None = None  # a new due date; the text is then the recovery note
    completion: str | None = None  # its part in sign-off (readiness.access.signoff)


def check_entry(entry: ProgressEntry, today: date) -> list[str]:
    """What is wrong with an entry, in words the editor can act on (empty if nothing)."""
    problems = []
    if not entry.text.strip():
        problems.append(
            "Write the recovery note: how the action will be back on track by the revised due date."
            if entry.revised_due
            else "Write what has happened since the last update."
        )
    if not entry.author.strip():
        problems.append("Give your name, so the board knows who reported it.")
    elif len(entry.author.strip()) > NAME_MAX:
        problems.append(f"Shorten your name to at most {NAME_MAX} characters.")
    if entry.status not in ACTION_STATUSES:
        problems.append(f"Choose a status: {', '.join(ACTION_STATUS_LABELS.values())}.")
    if entry.recorded_on > today:
        problems.append("The update's date cannot be in the future.")
    if entry.revised_due and entry.revised_due < entry.recorded_on:
        problems.append(
            f"The revised due date ({format_date(entry.revised_due)}) is before the update's "
            f"date ({format_date(entry.recorded_on)}): give the date the action will be back "
            "on track by, from the update's date on."
        )
    return problems


def record_update(conn: Connection, entry: ProgressEntry) -> int:
    """Add the update and set the action's status, in the caller's transaction; returns the
    action's new version.

    Raises ConcurrentEditError if someone saved the action since `entry.version` was read.
    """
    completed = entry.recorded_on if entry.status == COMPLETE else None
    if not plan_store.update_action(
        conn, entry.action_id, entry.version, status=entry.status, completed=completed
    ):
        if plan_store.action_version(conn, entry.action_id) is None:
            raise ConcurrentEditError("This action no longer exists in the plan.")
        raise ConcurrentEditError(
            "Someone else saved an update to this action after you opened it, so your "
            "update was not saved (nothing was overwritten). Reload the action, read their "
            "update, and add yours again."
        )
    plan_store.add_updates(
        conn,
        [
            {
                "action_id": entry.action_id,
                "recorded_on": entry.recorded_on,
                "text": visible(entry.text).strip(),
                "author": one_line(visible(entry.author)),
                "status": entry.status,
                "revised_due": entry.revised_due,
                "completion": entry.completion,
            }
        ],
    )
    return entry.version + 1


def revision_words(action: ActionRecord) -> list[str | None]:
    """For each update, oldest first: 'Due date revised to 30 Jun 2027 from 31 Mar 2027' where
    it revises the due date (from the date in force just before it), else None."""
    words: list[str | None] = []
    in_force = action.due
    for update in action.updates:
        new = update.revised_due
        if new is None:
            words.append(None)
            continue
        if new == in_force:
            words.append(f"Recovery note; the due date stays {format_date(new)}")
        elif in_force is None:
            words.append(f"Due date set to {format_date(new)} (the plan had none)")
        else:
            words.append(f"Due date revised to {format_date(new)} from {format_date(in_force)}")
        in_force = new
    return words
