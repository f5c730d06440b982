"""The annual engagement meeting with Ofsted (the "annual conversation", ../shared/domain.md
§1.8): when the next one is expected, whether the self-evaluation and the meeting are a year
old, and the feedback points from Ofsted's letter after it, each once tracked followed up as an
action is, with its colour by the plan's own rule.

Rules, each written once here with its source, all judged at an as-at date given as an argument:
- `within_a_year`: a self-evaluation or meeting counts for 12 months (both are annual);
- `next_meeting`: the date Ofsted set for the next meeting, else about 12 months on;
- `self_evaluation_stale_warning` and `meeting_due_warning`: what the Overview warns of;
- `checklist_ticks`: what the two readiness-checklist tasks ticked from these records say;
- `follow_up`: a feedback point's colour and why, by readiness.plan.rag.rag_for_action.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from readiness.inspection.checklist import ENGAGEMENT_MEETING, SELF_EVALUATION, Ticked
from readiness.inspection_timing import months_after
from readiness.plan.rag import rag_for_action
from readiness.plan.records import ActionRecord, UpdateRecord
from readiness.self_evaluation.document import FollowUp, Meeting
from readiness.settings import RagSettings
from readiness.text import format_date, plural
from readiness.vocabulary import ACTION_STATUS_LABELS, NOT_STARTED

# The self-evaluation is shared, and discussed with Ofsted, once a year (domain.md §1.8).
YEAR_MONTHS = 12
# A feedback point's status while nobody follows it up (FollowUp.status).
NOT_TRACKED = "not tracked"
# Bullets a list pasted from Ofsted's letter may start its lines with.
_BULLETS = "-*•–—·▪ \t"


@dataclass(frozen=True)
class Point:
    """A feedback point as stored and as edited. `completed` and `updated_on` are the store's:
    the day it was marked complete, and the day its tracking, status or progress last changed."""

    id: int | None
    text: str
    tracked: bool = False
    lead: str | None = None
    due: date | None = None
    status: str = NOT_STARTED
    progress: str | None = None
    completed: date | None = None
    updated_on: date | None = None


@dataclass(frozen=True)
class MeetingRecord:
    """A stored engagement meeting with its feedback points, in the letter's order."""

    id: int
    held_on: date
    attendees: str
    notes: str | None
    next_on: date | None  # the next meeting's date, once Ofsted has set it
    recorded_by: str
    points: tuple[Point, ...]

    @property
    def label(self) -> str:
        """'Meeting on 5 Dec 2026 (4 feedback points)'."""
        points = plural(len(self.points), "feedback point")
        return f"Meeting on {format_date(self.held_on)} ({points})"


def within_a_year(day: date | None, as_at: date) -> bool:
    """Whether a record of `day` still counts at `as_at`: made on or before it, and at most 12
    calendar months before (a record exactly 12 months old counts; a day older, not).
    Source: domain.md §1.8, the self-evaluation and the engagement meeting are annual."""
    return day is not None and day <= as_at <= months_after(day, YEAR_MONTHS)


def points_from_lines(text: str) -> list[str]:
    """Feedback points typed or pasted one a line: blank lines dropped, leading bullets gone."""
    return [line.strip().lstrip(_BULLETS).strip() for line in text.splitlines() if line.strip()]


def latest_held(meetings: Sequence[MeetingRecord], as_at: date) -> MeetingRecord | None:
    """The latest meeting held on or before `as_at` (the later recorded of two on one day)."""
    held = [m for m in meetings if m.held_on <= as_at]
    return max(held, key=lambda m: (m.held_on, m.id)) if held else None


@dataclass(frozen=True)
class NextMeeting:
    day: date
    set_by_ofsted: bool  # False: expected about 12 months after the last
    words: str


def next_meeting(meetings: Sequence[MeetingRecord], as_at: date) -> NextMeeting | None:
    """The next meeting after the latest held on or before `as_at`: the date stored with it
    (Ofsted sets it), else about 12 months on, as the meetings are annual (domain.md §1.8);
    None before any meeting is recorded."""
    last = latest_held(meetings, as_at)
    if last is None:
        return None
    day = last.next_on or months_after(last.held_on, YEAR_MONTHS)
    if last.next_on:
        words = f"set for {format_date(day)}"
    else:
        words = f"expected about {format_date(day)}, {YEAR_MONTHS} months after the last"
    if day < as_at:
        words += "; none recorded since"
    return NextMeeting(day, last.next_on is not None, words)


def _last_said(day: date | None, verb: str, none: str) -> str:
    return f"last {verb} {format_date(day)}" if day else none


def self_evaluation_stale_warning(last_submitted: date | None, as_at: date) -> str | None:
    """The Overview's warning when no self-evaluation was submitted to Ofsted in the 12 months
    to `as_at` (within_a_year; domain.md §1.8: shared every year); None while one was."""
    if within_a_year(last_submitted, as_at):
        return None
    said = _last_said(last_submitted, "submitted", "none submitted yet")
    return f"Self-evaluation not refreshed for {YEAR_MONTHS} months ({said})"


def meeting_due_warning(last_held: date | None, as_at: date) -> str | None:
    """The Overview's warning when no engagement meeting was held in the 12 months to `as_at`
    (within_a_year; domain.md §1.8: the meeting is annual); None while one was."""
    if within_a_year(last_held, as_at):
        return None
    said = _last_said(last_held, "held", "none recorded yet")
    return f"No engagement meeting in the last {YEAR_MONTHS} months ({said})"


def checklist_ticks(
    last_submitted: date | None, last_held: date | None, as_at: date
) -> dict[str, Ticked]:
    """What the records say of the two readiness-checklist tasks they tick at `as_at`, given the
    latest self-evaluation submitted and meeting held on or before it: done on the record's date
    while it is within a year (within_a_year), else not done, and where to put it right
    (readiness.inspection.checklist.tick_from_records applies it)."""
    year = f"in the {YEAR_MONTHS} months to {format_date(as_at)}"

    def tick(day: date | None, done: str, missing: str, fix: str) -> Ticked:
        if within_a_year(day, as_at):
            return Ticked(day, f"{done} {format_date(day)}")
        last = f" (the last on {format_date(day)})" if day else ""
        return Ticked(None, f"{missing} {year}{last}: {fix} on the Self-evaluation page")

    return {
        SELF_EVALUATION: tick(
            last_submitted,
            "Self-evaluation submitted to Ofsted on",
            "no self-evaluation submitted",
            "submit one",
        ),
        ENGAGEMENT_MEETING: tick(
            last_held,
            "Engagement meeting with Ofsted held on",
            "no engagement meeting held",
            "record it",
        ),
    }


@dataclass(frozen=True)
class EngagementSummary:
    """The Overview's line: the next meeting, and what is a year old."""

    next: NextMeeting | None
    warnings: tuple[str, ...]

    @property
    def words(self) -> str:
        """'next meeting expected about 5 Dec 2027, 12 months after the last'."""
        return f"next meeting {self.next.words}" if self.next else "no meeting recorded yet"


def engagement_summary(
    meetings: Sequence[MeetingRecord], last_submitted: date | None, as_at: date
) -> EngagementSummary:
    """The next meeting and the warnings due at `as_at`, the self-evaluation's first."""
    last = latest_held(meetings, as_at)
    warnings = (
        self_evaluation_stale_warning(last_submitted, as_at),
        meeting_due_warning(last.held_on if last else None, as_at),
    )
    return EngagementSummary(next_meeting(meetings, as_at), tuple(w for w in warnings if w))


def as_action(point: Point, held_on: date) -> ActionRecord:
    """A tracked point as the plan's rules read an action: its lead as the service lead, its
    progress as the evidence and its last change as the one progress update, started on the
    day of the meeting that raised it (so a point nobody updates goes stale as an action does)."""
    updates = ()
    if point.updated_on:
        updates = (UpdateRecord(point.updated_on, point.progress or "", None, point.status),)
    return ActionRecord(
        id=point.id or 0,
        theme_id=0,
        text=point.text,
        position=0,
        start=held_on,
        due=point.due,
        due_text=None,
        completed=point.completed,
        status=point.status,
        evidence=point.progress,
        version=0,
        retired_on=None,
        service_leads=(point.lead,) if point.lead else (),
        other_leads=(),
        updates=updates,
    )


def follow_up(point: Point, held_on: date, as_at: date, rules: RagSettings) -> FollowUp:
    """How a point stands at `as_at`: untracked, its status says so and it has no colour;
    tracked, its status, colour word and why by the plan's action rule (rag_for_action), so
    overdue, due soon, stale and complete read exactly as they do for an action."""
    if not point.tracked:
        return FollowUp(point.text, point.lead, point.due, NOT_TRACKED, None, None)
    colour = rag_for_action(as_action(point, held_on), as_at, rules)
    status = ACTION_STATUS_LABELS[colour.status]
    return FollowUp(point.text, point.lead, point.due, status, colour.rag.word, colour.reason)


def as_meeting(record: MeetingRecord, as_at: date, rules: RagSettings) -> Meeting:
    """The meeting as the self-evaluation holds it, its points coloured at `as_at`."""
    points = tuple(follow_up(p, record.held_on, as_at, rules) for p in record.points)
    return Meeting(record.held_on, record.attendees, points)
