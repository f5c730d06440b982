"""The audit trail: every change, who made it and when, with what it was before and after.

Entries are only ever added (on PostgreSQL a trigger refuses anything else, migration 0013); each
is written inside the transaction of the change it records, so no change is kept without one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Connection, func, select

from readiness.access.roles import Person
from readiness.db.models_access import AuditEntry

# Each kind of change, as stored, with its words on the Audit page.
KINDS = {
    "plan_import": "Plan imported",
    "current_plan": "Plan made current",
    "progress": "Progress update",
    "status": "Status changed",
    "completion_proposed": "Completion proposed",
    "completion_confirmed": "Completion confirmed",
    "completion_returned": "Completion returned to the lead",
    "due_revised": "Due date revised",
    "indicators": "Indicators linked",
    "kpi_load": "Indicator figures loaded",
    "target": "Target set",
    "national_record": "National record imported",
    "event_added": "Inspection event added",
    "event_removed": "Inspection event removed",
    "report_import": "Report imported",
    "checklist": "Checklist changed",
    "sef_narrative": "Self-evaluation narrative written",
    "sef_line": "Self-evaluation line edited",
    "sef_submitted": "Self-evaluation submitted to Ofsted",
    "engagement_meeting": "Engagement meeting recorded",
    "engagement_meeting_removed": "Engagement meeting removed",
    "engagement_points": "Engagement feedback points changed",
    "person_added": "Person added",
    "person_removed": "Person removed",
    "role_changed": "Role changed",
    "reminders": "Reminders turned on or off",
    "board_link_made": "Wall-screen link made",
    "board_link_revoked": "Wall-screen link revoked",
}


def _json(value) -> str | None:
    return None if value is None else json.dumps(value, default=str, ensure_ascii=False)


def record(
    conn: Connection,
    by: Person,
    at: datetime,
    kind: str,
    subject: str,
    before=None,
    after=None,
    action_id: int | None = None,
) -> None:
    """Add one entry, in the caller's transaction; `before` and `after` any JSON-able value."""
    if kind not in KINDS:
        raise ValueError(f"Unknown kind of change for the audit trail: {kind}")
    conn.execute(
        AuditEntry.__table__.insert().values(
            at=at,
            actor_email=by.email,
            actor_name=by.name,
            kind=kind,
            subject=subject[:300],
            action_id=action_id,
            before=_json(before),
            after=_json(after),
        )
    )


@dataclass(frozen=True)
class AuditFilter:
    """What the Audit page asks for; None is any."""

    person: str | None = None  # an email address
    action_id: int | None = None
    kind: str | None = None
    since: date | None = None
    until: date | None = None  # that day included


COLUMNS = ["When (UTC)", "Who", "Email", "Change", "What", "Action", "Before", "After"]


def entries(conn: Connection, wanted: AuditFilter, limit: int | None = None) -> list[dict]:
    """The entries `wanted`, newest first, as rows with COLUMNS."""
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    if wanted.person:
        query = query.where(func.lower(AuditEntry.actor_email) == wanted.person.casefold())
    if wanted.action_id is not None:
        query = query.where(AuditEntry.action_id == wanted.action_id)
    if wanted.kind:
        query = query.where(AuditEntry.kind == wanted.kind)
    if wanted.since:
        query = query.where(AuditEntry.at >= datetime.combine(wanted.since, datetime.min.time()))
    if wanted.until:
        end = datetime.combine(wanted.until + timedelta(days=1), datetime.min.time())
        query = query.where(AuditEntry.at < end)
    if limit:
        query = query.limit(limit)
    return [
        dict(
            zip(
                COLUMNS,
                (
                    row.at.replace(microsecond=0),
                    row.actor_name,
                    row.actor_email,
                    KINDS.get(row.kind, row.kind),
                    row.subject,
                    row.action_id,
                    row.before,
                    row.after,
                ),
                strict=True,
            )
        )
        for row in conn.execute(query)
    ]


def people_in_trail(conn: Connection) -> list[tuple[str, str]]:
    """(email, name) of everyone with an entry, for the Audit page's filter."""
    rows = conn.execute(
        select(AuditEntry.actor_email, func.max(AuditEntry.actor_name))
        .group_by(AuditEntry.actor_email)
        .order_by(AuditEntry.actor_email)
    )
    return [(email, name) for email, name in rows]
