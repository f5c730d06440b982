"""The readiness checklist: what must be ready when Ofsted calls, each task with an owner, a due
date and a status (the action statuses), and its colour at a date.

The tasks are those of the notification week (domain.md §1.5: the call comes the Monday before
fieldwork; in the week between, the council uploads the Annex A lists, audits and performance
information) and of the year before (§1.8: the annual self-evaluation and engagement meeting).
A council edits, adds and removes its own.

Colour rule (written once, here): done is Blue; not done is Red once the published window has
opened (30 months after the last full inspection started, domain.md §1.4: fieldwork could start
any week, and a task left for the notification week has five working days) or once its own due
date has passed; Amber when the window opens, or the task falls due,
within the due-soon days (the plan's `[rag] due_soon_days`); else Green.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from readiness.rag import Rag, format_date

DONE = "complete"


@dataclass(frozen=True)
class Task:
    id: int | None
    text: str
    owner: str | None
    due: date | None
    status: str  # readiness.vocabulary.ACTION_STATUSES
    completed: date | None = None
    notes: str | None = None


# The default list: the notification week's work and the year-round evidence it rests on.
# Wording is the project's own; the sources are domain.md §1.5 and §1.8.
DEFAULT_TASKS: tuple[str, ...] = (
    "Annex A child-level lists can be produced within a day of the call",
    "Self-evaluation of social work practice refreshed within the last 12 months",
    "Annual engagement meeting with Ofsted held within the last 12 months",
    "Case examples chosen for each judgement area, with their workers briefed",
    "Staff, managers and partners briefed on what the inspection week involves",
    "Performance information pack up to date, with the latest KPIs and commentary",
    "Audit programme findings and themes summarised for inspectors",
    "Leaders' diaries can be cleared for the fieldwork weeks",
    "Base room, IT access and a single point of contact arranged for inspectors",
    "Improvement plan progress update ready to share",
)


@dataclass(frozen=True)
class TaskRag:
    rag: Rag
    why: str


def task_rag(task: Task, as_at: date, window_opens: date | None, due_soon_days: int) -> TaskRag:
    """The task's colour at `as_at`, given the day the predicted window opens (None: unknown)."""
    if task.status == DONE:
        when = f" on {format_date(task.completed)}" if task.completed else ""
        return TaskRag(Rag.BLUE, f"done{when}")
    soon = as_at + timedelta(days=due_soon_days)
    if window_opens and window_opens <= as_at:
        return TaskRag(Rag.RED, f"not done, and the window opened on {format_date(window_opens)}")
    if task.due and task.due < as_at:
        return TaskRag(Rag.RED, f"not done, and due on {format_date(task.due)}")
    if window_opens and window_opens <= soon:
        return TaskRag(Rag.AMBER, f"not done, and the window opens on {format_date(window_opens)}")
    if task.due and task.due <= soon:
        return TaskRag(Rag.AMBER, f"not done, due on {format_date(task.due)}")
    return TaskRag(Rag.GREEN, "on track")
