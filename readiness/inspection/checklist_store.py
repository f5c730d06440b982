"""The stored readiness checklist: read, seeded with the default tasks, and saved; inside the
caller's transaction (readiness.store owns it)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import Connection, delete, insert, select, update

from readiness.db.models import ReadinessTask
from readiness.inspection.checklist import DONE, Task, default_tasks
from readiness.vocabulary import ACTION_STATUSES


def tasks(conn: Connection, window_starts: date | None, as_at: date) -> list[Task]:
    """The stored checklist; while none is stored, the default tasks (not yet stored) with their
    suggested owners and due dates before the predicted window's earliest likely start."""
    t = ReadinessTask
    stored = [
        Task(
            id=r.id,
            text=r.text,
            owner=r.owner,
            due=r.due,
            status=r.status,
            completed=r.completed,
            notes=r.notes,
        )
        for r in conn.execute(select(t).order_by(t.position, t.id))
    ]
    return stored or default_tasks(window_starts, as_at)


def save_tasks(conn: Connection, edited: Sequence[Task], today: date) -> None:
    """Store the checklist as edited, all at once: tasks with an id are updated, new ones added,
    and stored ones not in `edited` removed. A task marked done today gets today's date.
    ValueError, before anything is written, for a task with no words or an unknown status."""
    for task in edited:
        if task.status not in ACTION_STATUSES:
            raise ValueError(f"{task.status!r} is not one of {', '.join(ACTION_STATUSES)}")
        if not task.text.strip():
            raise ValueError("a task needs its words")
    kept = {task.id for task in edited if task.id is not None}
    conn.execute(delete(ReadinessTask).where(ReadinessTask.id.not_in(kept or {-1})))
    for position, task in enumerate(edited):
        values = {
            "position": position,
            "text": task.text.strip(),
            "owner": (task.owner or "").strip() or None,
            "due": task.due,
            "status": task.status,
            "completed": (task.completed or today) if task.status == DONE else None,
            "notes": task.notes,
        }
        if task.id is None:
            conn.execute(insert(ReadinessTask).values(**values))
        else:
            conn.execute(update(ReadinessTask).where(ReadinessTask.id == task.id).values(**values))
