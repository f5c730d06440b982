"""The store's methods for the annual engagement meetings with Ofsted and the feedback points from
Ofsted's letter after each (readiness.self_evaluation.engagement holds the rules). Part of
readiness.store.Store (each write checked against the acting person's role and audited in its
own transaction), kept here so each file stays readable."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import asdict, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, insert, select, update

from readiness.access.roles import Change, Person
from readiness.db.models_self_evaluation import EngagementMeeting, EngagementPoint
from readiness.self_evaluation.engagement import (
    EngagementSummary,
    MeetingRecord,
    Point,
    as_meeting,
    checklist_ticks,
    engagement_summary,
    latest_held,
    points_from_lines,
)
from readiness.settings import Settings
from readiness.text import NAME_MAX, format_date, one_line, visible
from readiness.vocabulary import ACTION_STATUSES, COMPLETE

if TYPE_CHECKING:
    from readiness.inspection.checklist import Ticked
    from readiness.self_evaluation.document import Meeting


def _words(text: str | None) -> str | None:
    """Text as stored: invisible characters gone (PostgreSQL refuses a NUL), ends trimmed."""
    kept = visible(text or "").strip()
    return kept or None


def _subject(held_on: date) -> str:
    """How the audit trail names a meeting."""
    return f"Engagement meeting on {format_date(held_on)}"


def _meetings(conn: Connection, as_at: date | None) -> list[MeetingRecord]:
    """Every meeting held on or before `as_at` (None: all), the latest first, with its points."""
    m, p = EngagementMeeting, EngagementPoint
    query = select(m).order_by(m.held_on.desc(), m.id.desc())
    if as_at is not None:
        query = query.where(m.held_on <= as_at)
    rows = conn.execute(query).all()
    points: dict[int, list[Point]] = defaultdict(list)
    for r in conn.execute(
        select(p).where(p.meeting_id.in_([r.id for r in rows])).order_by(p.position, p.id)
    ):
        points[r.meeting_id].append(
            Point(
                id=r.id,
                text=r.text,
                tracked=r.tracked,
                lead=r.lead,
                due=r.due,
                status=r.status,
                progress=r.progress,
                completed=r.completed,
                updated_on=r.updated_on,
            )
        )
    return [
        MeetingRecord(
            r.id, r.held_on, r.attendees, r.notes, r.next_on, r.recorded_by, tuple(points[r.id])
        )
        for r in rows
    ]


def _meeting(conn: Connection, meeting_id: int) -> MeetingRecord:
    """One stored meeting; ValueError if there is none of that id."""
    found = next((m for m in _meetings(conn, None) if m.id == meeting_id), None)
    if found is None:
        raise ValueError(f"No engagement meeting {meeting_id} is recorded")
    return found


def _meeting_problems(
    conn: Connection, held_on: date, attendees: str, next_on: date | None, today: date
) -> list[str]:
    problems = []
    if held_on > today:
        problems.append(
            f"The meeting's date, {format_date(held_on)}, is after today "
            f"({format_date(today)}): record a meeting once it is held"
        )
    if not attendees:
        problems.append("Say who attended the meeting")
    if next_on is not None and next_on <= held_on:
        problems.append(
            f"The next meeting's date, {format_date(next_on)}, is not after this meeting's "
            f"({format_date(held_on)})"
        )
    m = EngagementMeeting
    if conn.execute(select(m.id).where(m.held_on == held_on)).first():
        problems.append(
            f"A meeting on {format_date(held_on)} is already recorded: change its feedback "
            "points, or remove it first"
        )
    return problems


def _point_problems(row: int, point: Point, stored: dict[int, Point]) -> list[str]:
    """What is wrong with the `row`th point as edited (from 1, as the editor shows them)."""
    problems = []
    if not _words(point.text):
        problems.append(f"Row {row}: a feedback point needs its words")
    if point.status not in ACTION_STATUSES:
        problems.append(
            f"Row {row}: {point.status!r} is not a status; give one of {', '.join(ACTION_STATUSES)}"
        )
    lead = one_line(visible(point.lead or ""))
    if len(lead) > NAME_MAX:
        problems.append(
            f"Row {row}: the lead's name is {len(lead)} characters long; at most {NAME_MAX}"
        )
    if point.id is not None and point.id not in stored:
        problems.append(f"Row {row}: point {point.id} is not one of this meeting's")
    return problems


def _as_stored(point: Point, was: Point | None, today: date) -> Point:
    """The point as it is kept: words tidied; marked complete today, today's date (a point
    already complete keeps its day); its tracking, status or progress changed, updated today."""
    tidy = replace(
        point,
        text=_words(point.text) or "",
        lead=one_line(visible(point.lead or "")) or None,
        progress=_words(point.progress),
    )
    completed = None
    if tidy.status == COMPLETE:
        completed = was.completed if was and was.status == COMPLETE and was.completed else today
    changed = was is None or (was.tracked, was.status, was.progress) != (
        tidy.tracked,
        tidy.status,
        tidy.progress,
    )
    updated_on = today if changed else was.updated_on
    return replace(tidy, completed=completed, updated_on=updated_on)


class EngagementStore:
    """The engagement meetings, their feedback points, and what they say at a date."""

    settings: Settings
    now: Callable[[], datetime]
    _reading: Callable[[], AbstractContextManager[Connection]]
    _writing: Callable[..., AbstractContextManager[Connection]]
    _audit: Callable[..., None]
    last_submitted: Callable[[date], date | None]

    def meetings(self, as_at: date | None = None) -> list[MeetingRecord]:
        """Every meeting held on or before `as_at` (None: every one), the latest first."""
        with self._reading() as conn:
            return _meetings(conn, as_at)

    def last_meeting(self, as_at: date) -> Meeting | None:
        """The latest meeting held on or before `as_at`, its points coloured at `as_at` (the
        self-evaluation's), or None."""
        last = latest_held(self.meetings(as_at), as_at)
        return None if last is None else as_meeting(last, as_at, self.settings.rag)

    def engagement_summary(self, as_at: date) -> EngagementSummary:
        """The next meeting and the warnings due at `as_at` (the Overview's line)."""
        return engagement_summary(self.meetings(as_at), self.last_submitted(as_at), as_at)

    def checklist_ticks(self, as_at: date) -> dict[str, Ticked]:
        """What these records say at `as_at` of the readiness-checklist tasks they tick."""
        last = latest_held(self.meetings(as_at), as_at)
        return checklist_ticks(self.last_submitted(as_at), last.held_on if last else None, as_at)

    def record_meeting(
        self,
        held_on: date,
        attendees: str,
        notes: str | None,
        next_on: date | None,
        points: Sequence[str],
        today: date,
        *,
        by: Person,
    ) -> int:
        """Record a meeting held on `held_on` with its feedback points (one a non-empty line, in
        order, bullets gone, not yet tracked); its id. ValueError naming every problem, storing
        nothing, for a meeting after `today`, nobody attending, a next meeting not after it, or
        a second meeting on one day."""
        who = _words(attendees) or ""
        said = [text for text in map(_words, points_from_lines("\n".join(points))) if text]
        with self._writing(by, Change.ENGAGEMENT) as conn:
            if problems := _meeting_problems(conn, held_on, who, next_on, today):
                raise ValueError("\n".join(problems))
            meeting_id = conn.execute(
                insert(EngagementMeeting).values(
                    held_on=held_on,
                    attendees=who,
                    notes=_words(notes),
                    next_on=next_on,
                    recorded_by=by.name,
                    recorded_at=self.now(),
                )
            ).inserted_primary_key[0]
            for position, text in enumerate(said):
                conn.execute(
                    insert(EngagementPoint).values(
                        meeting_id=meeting_id, position=position, text=text, tracked=False
                    )
                )
            after = {"attendees": who, "next meeting": next_on, "feedback points": said}
            self._audit(conn, by, "engagement_meeting", _subject(held_on), after=after)
            return meeting_id

    def save_points(
        self, meeting_id: int, edited: Sequence[Point], today: date, *, by: Person
    ) -> None:
        """Keep a meeting's feedback points as edited, all at once: points with an id updated,
        new ones added, stored ones not in `edited` removed (as the readiness checklist is
        saved). ValueError naming each row and value, storing nothing, for a point with no
        words, an unknown status, a lead's name too long or a point of another meeting."""
        with self._writing(by, Change.ENGAGEMENT) as conn:
            meeting = _meeting(conn, meeting_id)
            stored = {p.id: p for p in meeting.points}
            problems = [
                problem
                for row, point in enumerate(edited, start=1)
                for problem in _point_problems(row, point, stored)
            ]
            if problems:
                raise ValueError("\n".join(problems))
            p = EngagementPoint
            kept = [point.id for point in edited if point.id is not None]
            conn.execute(delete(p).where(p.meeting_id == meeting_id, p.id.not_in(kept)))
            for position, point in enumerate(edited):
                kept_as = _as_stored(point, stored.get(point.id), today)
                values = asdict(kept_as) | {"position": position}
                del values["id"]
                if point.id is None:
                    conn.execute(insert(p).values(meeting_id=meeting_id, **values))
                else:
                    conn.execute(update(p).where(p.id == point.id).values(**values))
            before = [asdict(point) for point in meeting.points]
            after = [asdict(point) for point in _meeting(conn, meeting_id).points]
            if before != after:
                self._audit(conn, by, "engagement_points", _subject(meeting.held_on), before, after)

    def remove_meeting(self, meeting_id: int, *, by: Person) -> None:
        """Remove a meeting recorded in error, with its feedback points; ValueError if there is
        no meeting of that id."""
        with self._writing(by, Change.ENGAGEMENT) as conn:
            meeting = _meeting(conn, meeting_id)
            # Its points go with it: the foreign key cascades, on SQLite as on PostgreSQL.
            conn.execute(delete(EngagementMeeting).where(EngagementMeeting.id == meeting_id))
            self._audit(
                conn, by, "engagement_meeting_removed", _subject(meeting.held_on), asdict(meeting)
            )
