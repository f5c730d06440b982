"""The readiness checklist: what must be ready when Ofsted calls, each task with an owner, a due
date and a status (the action statuses), and its colour at a date.

The tasks are those of the notification week (domain.md §1.5: the call comes the Monday before
fieldwork; in the week between, the council uploads the Annex A lists, audits and performance
information) and of the year before (§1.8: the annual self-evaluation and engagement meeting).
A council edits, adds and removes its own. Until it saves its own list, each default task has a
suggested owner (a role, not a person) and a suggested due date: so many weeks before the
predicted window's earliest likely start, and never before the as-at date.

Two default tasks are ticked from records, never by hand (`ticked_by`, TICKED_BY): the
self-evaluation refreshed and the engagement meeting held within the last 12 months are done
when the records say so at the as-at date (readiness.self_evaluation.engagement.checklist_ticks),
on the record's date, and not done otherwise, whatever was ticked.

Colour rule (written once, here), first match wins:
  Blue   done;
  Red    not done and past its due date;
  Amber  not done and no due date (a gap for its owner to fill, as an undated action);
  Amber  not done and due within the due-soon days (the plan's `[rag] due_soon_days`);
  Amber  not done and Ofsted's published window has opened (30 months after the last full
         inspection started, domain.md §1.4): Ofsted may call any week;
  Green  on track.
A task is "not ready" until it is done; the Overview, the board and the board pack count them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from readiness.palette import Rag
from readiness.text import format_date, plural
from readiness.vocabulary import NOT_STARTED

DONE = "complete"
# The records that tick a task (ReadinessTask.ticked_by), with which record it is, in words.
SELF_EVALUATION, ENGAGEMENT_MEETING = "self_evaluation", "engagement_meeting"
TICKED_BY = {
    SELF_EVALUATION: "Self-evaluation submitted",
    ENGAGEMENT_MEETING: "Engagement meeting held",
}


@dataclass(frozen=True)
class Task:
    id: int | None
    text: str
    owner: str | None
    due: date | None
    status: str  # readiness.vocabulary.ACTION_STATUSES
    completed: date | None = None
    notes: str | None = None
    ticked_by: str | None = None  # a key of TICKED_BY; None: ticked by hand
    ticked_why: str | None = None  # what the records say, once read at a date (tick_from_records)


@dataclass(frozen=True)
class DefaultTask:
    text: str
    owner: str  # the role that usually holds it; the council names the person
    weeks_before: int  # due so many weeks before the predicted window's earliest likely start
    ticked_by: str | None = None


@dataclass(frozen=True)
class Ticked:
    """What the records say of a task they tick, at one date."""

    done_on: date | None  # the record's date while it ticks the task; None: not done
    words: str  # which record, or what is missing and where to put it right


# The default list: the notification week's work and the year-round evidence it rests on, the
# longest-running first. Wording is the project's own; the sources are domain.md §1.5 and §1.8.
DEFAULT_TASKS: tuple[DefaultTask, ...] = (
    DefaultTask(
        "Self-evaluation of social work practice refreshed within the last 12 months",
        "Director of children's services",
        16,
        SELF_EVALUATION,
    ),
    DefaultTask(
        "Annual engagement meeting with Ofsted held within the last 12 months",
        "Director of children's services",
        16,
        ENGAGEMENT_MEETING,
    ),
    DefaultTask(
        "Annex A child-level lists can be produced within a day of the call",
        "Head of performance and information",
        12,
    ),
    DefaultTask(
        "Audit programme findings and themes summarised for inspectors",
        "Head of quality assurance",
        10,
    ),
    DefaultTask(
        "Case examples chosen for each judgement area, with their workers briefed",
        "Principal social worker",
        8,
    ),
    DefaultTask(
        "Performance information pack up to date, with the latest KPIs and commentary",
        "Head of performance and information",
        8,
    ),
    DefaultTask(
        "Improvement plan progress update ready to share",
        "Improvement plan lead",
        6,
    ),
    DefaultTask(
        "Staff, managers and partners briefed on what the inspection week involves",
        "Assistant director, social care",
        6,
    ),
    DefaultTask(
        "Leaders' diaries can be cleared for the fieldwork weeks",
        "Director's business manager",
        4,
    ),
    DefaultTask(
        "Base room, IT access and a single point of contact arranged for inspectors",
        "Business support manager",
        4,
    ),
)


def suggested_due(default: DefaultTask, window_starts: date | None, as_at: date) -> date | None:
    """A default task's due date: `weeks_before` the predicted earliest likely start, not before
    the as-at date; None when no start is predicted."""
    if window_starts is None:
        return None
    return max(window_starts - timedelta(weeks=default.weeks_before), as_at)


def default_tasks(window_starts: date | None, as_at: date) -> list[Task]:
    """The default list, not yet stored, with suggested owners and due dates."""
    return [
        Task(
            None,
            d.text,
            d.owner,
            suggested_due(d, window_starts, as_at),
            NOT_STARTED,
            ticked_by=d.ticked_by,
        )
        for d in DEFAULT_TASKS
    ]


def tick_from_records(tasks: Sequence[Task], ticks: Mapping[str, Ticked]) -> list[Task]:
    """The tasks with those ticked from records given their status by `ticks` (one per key of
    TICKED_BY): done on the record's date when it ticks them; otherwise their own progress, but
    never done by hand (a stored Complete reads as not started)."""
    ticked = []
    for task in tasks:
        if task.ticked_by is not None:
            said = ticks[task.ticked_by]
            if said.done_on:
                task = replace(task, status=DONE, completed=said.done_on)
            elif task.status == DONE:
                task = replace(task, status=NOT_STARTED, completed=None)
            task = replace(task, ticked_why=said.words)
        ticked.append(task)
    return ticked


@dataclass(frozen=True)
class TaskRag:
    rag: Rag
    why: str


def task_rag(task: Task, as_at: date, published_opens: date | None, due_soon_days: int) -> TaskRag:
    """The task's colour at `as_at`, given the day Ofsted's published window opens (None:
    unknown), by the rule in this module's docstring."""
    colour = _colour(task, as_at, published_opens, due_soon_days)
    if task.ticked_why is None:
        return colour
    # Ticked from records: which record ticked it and when, or what is missing and where.
    if task.status == DONE:
        return TaskRag(colour.rag, task.ticked_why)
    return TaskRag(colour.rag, f"{colour.why}; {task.ticked_why}")


def _colour(task: Task, as_at: date, published_opens: date | None, due_soon_days: int) -> TaskRag:
    if task.status == DONE:
        when = f" on {format_date(task.completed)}" if task.completed else ""
        return TaskRag(Rag.BLUE, f"done{when}")
    if task.due and task.due < as_at:
        return TaskRag(Rag.RED, f"not done, and due on {format_date(task.due)}")
    if task.due is None:
        return TaskRag(Rag.AMBER, "not done, and no due date: its owner should set one")
    if task.due <= as_at + timedelta(days=due_soon_days):
        return TaskRag(Rag.AMBER, f"not done, due on {format_date(task.due)}")
    if published_opens and published_opens <= as_at:
        return TaskRag(
            Rag.AMBER,
            f"not done (due {format_date(task.due)}), and Ofsted's published window opened on "
            f"{format_date(published_opens)}: Ofsted may call any week",
        )
    return TaskRag(Rag.GREEN, f"on track, due {format_date(task.due)}")


@dataclass(frozen=True)
class ChecklistSummary:
    total: int
    not_ready: int
    late: int  # not done and past its due date (Red)

    @property
    def words(self) -> str:
        """'4 of 10 readiness tasks not ready (2 past their due date)'."""
        if not self.total:
            return "no readiness tasks listed"
        if not self.not_ready:
            return f"all {plural(self.total, 'readiness task')} ready"
        said = f"{self.not_ready} of {plural(self.total, 'readiness task')} not ready"
        if self.late:
            said += f" ({self.late} past {'its' if self.late == 1 else 'their'} due date)"
        return said


def summarise(tasks: Sequence[Task], as_at: date, published_opens: date | None, due_soon: int):
    """How many tasks are not ready at `as_at`, and how many of those are late."""
    colours = [task_rag(t, as_at, published_opens, due_soon).rag for t in tasks]
    return ChecklistSummary(
        total=len(colours),
        not_ready=sum(rag != Rag.BLUE for rag in colours),
        late=sum(rag == Rag.RED for rag in colours),
    )
