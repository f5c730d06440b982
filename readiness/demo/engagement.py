"""The demo council's year with Ofsted: the self-evaluation it sent three weeks before its last
annual engagement meeting (ten months before the demo's day, so the next is due in about two),
the leaders' narrative in it, and the feedback points from Ofsted's letter, three of them
tracked. Invented, in the project's own words, so a first run shows the Self-evaluation page,
its submitted version and what changed since, and the Overview's next-meeting line working."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import Connection, insert

from readiness.db.models_self_evaluation import EngagementMeeting, EngagementPoint
from readiness.framework import framework_in_force
from readiness.kpi.positions import stored_kpi_status
from readiness.plan.status import plan_status
from readiness.plan.store import load_plan
from readiness.self_evaluation import written
from readiness.self_evaluation.compose import compose
from readiness.settings import Settings
from readiness.vocabulary import COMPLETE, IN_PROGRESS

DIRECTOR, EMAIL = "Dana Whitfield", "demo"
NARRATIVE = {
    ("leaders", 1): (
        "Leaders know the service well. The improvement plan is reviewed every month by the "
        "leadership team, and the performance clinic looks at each team's figures with its "
        "manager."
    ),
    ("leaders", 3): (
        "Our priority this year is the quality of supervision: every team will be audited twice "
        "and the findings reported to the leadership team."
    ),
    ("help_protection", 2): (
        "Monthly audits of the front door, the views of families we ask after each assessment, "
        "and the re-referral figures against our neighbours."
    ),
}
# (the point, tracked lead, days after the meeting it is due, status, days it was completed
# after the meeting, progress)
POINTS = (
    (
        "Leaders know where practice is strongest; the next self-evaluation should say more "
        "about how children's and families' views shape the audit programme.",
        "Helen Ashworth",
        120,
        COMPLETE,
        100,
        "The audit tool now asks every family for its view; the first quarterly summary went "
        "to the leadership team.",
    ),
    (
        "Management oversight is more visible in children's records, but its quality still "
        "varies between teams.",
        "Rebecca Hollis",
        280,
        IN_PROGRESS,
        None,
        "Supervision audit repeated in two of the five teams; the rest are booked.",
    ),
    (
        "Plans for care leavers' homes are credible; their impact should be clear by the next "
        "inspection.",
        "Tom Brennan",
        360,
        IN_PROGRESS,
        None,
        "Two more supported lodgings hosts approved.",
    ),
    ("The council's understanding of its front door is accurate and well evidenced.",)
    + (None,) * 5,
)


def _at(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time()) + timedelta(hours=10)


def load_demo_engagement(conn: Connection, as_at: date, settings: Settings) -> None:
    """The demo's narrative, submitted self-evaluation and engagement meeting, dated around
    `as_at`; the plan and figures must be stored first (the version is drafted from them, by
    `settings`' rules: the defaults, as a new database has no other yet)."""
    held = as_at - timedelta(days=300)
    sent = held - timedelta(days=21)
    for (area, question), text in NARRATIVE.items():
        written.add_narrative(conn, area, question, text, DIRECTOR, EMAIL, _at(sent))
    plan = load_plan(conn)
    document = compose(
        plan,
        plan_status(plan, sent, settings),
        stored_kpi_status(conn, sent, settings.kpis),
        framework_in_force(sent, settings.inspection.framework),
        sent,
        written.written(conn),
        council=settings.branding.council(plan.council),
    )
    written.add_version(conn, document.frozen(sent, DIRECTOR), DIRECTOR, EMAIL, _at(sent))
    meeting_id = conn.execute(
        insert(EngagementMeeting).values(
            held_on=held,
            attendees=f"{DIRECTOR} (director of children's services), Ofsted's regional senior "
            "HMI, the principal social worker",
            notes="Discussed the self-evaluation sent three weeks before.",
            next_on=None,
            recorded_by=DIRECTOR,
            recorded_at=_at(held),
        )
    ).inserted_primary_key[0]
    for position, (text, lead, due_in, status, done_in, progress) in enumerate(POINTS):
        done = held + timedelta(days=done_in) if done_in else None
        # The open points' progress was last written three weeks ago: followed up, not stale.
        updated = (done or as_at - timedelta(days=21)) if lead else None
        conn.execute(
            insert(EngagementPoint).values(
                meeting_id=meeting_id,
                position=position,
                text=text,
                tracked=lead is not None,
                lead=lead,
                due=held + timedelta(days=due_in) if due_in else None,
                status=status or "not_started",
                completed=done,
                progress=progress,
                updated_on=updated,
            )
        )
