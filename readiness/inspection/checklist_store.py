"""The stored readiness checklist: read, seeded with the default tasks, and saved; inside the
caller's transaction (readiness.store owns it)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import Connection, delete, insert, select, update

from readiness.db.models import ReadinessTask
from readiness.inspection.checklist import DONE, TICKED_BY, Task, default_tasks
from readiness.vocabulary import ACTION_STATUSES, NOT_STARTED


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
            ticked_by=r.ticked_by,
        )
        for r in conn.execute(select(t).order_by(t.position, t.id))
    ]
    return stored or default_tasks(window_starts, as_at)


def save_tasks(conn: Connection, edited: Sequence[Task], today: date) -> None:
    """Store the checklist as edited, all at once: tasks with an id are updated, new ones added,
    and stored ones not in `edited` removed. A task marked done today gets today's date.
    ValueError, before anything is written, for a task with no words or an unknown status.

    A task ticked from records keeps what ticks it, and is never stored done: its progress is
    stored as edited short of that (a Complete the records gave it, shown in the editor and sent
    back, keeps the progress stored before), so only the records ever tick it
    (readiness.inspection.checklist.tick_from_records)."""
    for task in edited:
        if task.status not in ACTION_STATUSES:
            raise ValueError(f"{task.status!r} is not one of {', '.join(ACTION_STATUSES)}")
        if not task.text.strip():
            raise ValueError("a task needs its words")
        if task.ticked_by is not None and task.ticked_by not in TICKED_BY:
            raise ValueError(f"{task.ticked_by!r} is not one of {', '.join(TICKED_BY)}")
    t = ReadinessTask
    was = {r.id: (r.ticked_by, r.status) for r in conn.execute(select(t.id, t.ticked_by, t.status))}
    kept = {task.id for task in edited if task.id is not None}
    conn.execute(delete(t).where(t.id.not_in(kept or {-1})))
    for position, task in enumerate(edited):
        ticked_by, status_was = was.get(task.id, (task.ticked_by, NOT_STARTED))
        status = task.status
        if ticked_by is not None and status == DONE:
            status = status_was if status_was != DONE else NOT_STARTED
        values = {
            "position": position,
            "text": task.text.strip(),
            "owner": (task.owner or "").strip() or None,
            "due": task.due,
            "status": status,
            "completed": (task.completed or today) if status == DONE else None,
            "notes": task.notes,
            "ticked_by": ticked_by,
        }
        if task.id is None:
            conn.execute(insert(t).values(**values))
        else:
            conn.execute(update(t).where(t.id == task.id).values(**values))
