"""A plan as plain input records, and writing it to the database in one transaction.

The demo generator and the importers both produce these records; only this module turns them
into rows, so a plan is stored the same way whatever it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from readiness.models import (
    Action,
    ActionLead,
    ImprovementPlan,
    InspectionEvent,
    InspectionGrade,
    LeadOfficer,
    ProgressUpdate,
    Recommendation,
    RecommendationArea,
    Theme,
    ThemeLead,
)


@dataclass
class UpdateInput:
    recorded_on: date
    text: str
    status: str
    author: str | None = None


@dataclass
class ActionInput:
    text: str
    service_leads: list[str]
    other_leads: list[str] = field(default_factory=list)
    start: date | None = None
    due: date | None = None
    due_text: str | None = None
    completed: date | None = None
    status: str = "not_started"
    evidence: str | None = None
    updates: list[UpdateInput] = field(default_factory=list)


@dataclass
class ThemeInput:
    text: str
    service_leads: list[str]
    actions: list[ActionInput] = field(default_factory=list)


@dataclass
class RecommendationInput:
    ref: str
    kind: str
    text: str
    areas: list[str]
    themes: list[ThemeInput] = field(default_factory=list)


@dataclass
class EventInput:
    event_type: str
    fieldwork_start: date
    fieldwork_end: date | None = None
    published: date | None = None
    summary: str | None = None
    grades: dict[str, str] = field(default_factory=dict)


@dataclass
class PlanInput:
    title: str
    council: str | None
    recommendations: list[RecommendationInput]
    lead_roles: dict[str, str | None] = field(default_factory=dict)


def lead_ids(session: Session, plan: PlanInput) -> dict[str, int]:
    """Ids of every lead officer the plan names, adding the new ones (by exact name)."""
    names = set(plan.lead_roles)
    for rec in plan.recommendations:
        for theme in rec.themes:
            names.update(theme.service_leads)
            for action in theme.actions:
                names.update(action.service_leads, action.other_leads)
    known = {o.name: o for o in session.scalars(select(LeadOfficer))}
    for name in sorted(names - set(known)):
        known[name] = LeadOfficer(name=name, role=plan.lead_roles.get(name))
        session.add(known[name])
    for name, role in plan.lead_roles.items():
        if role and not known[name].role:
            known[name].role = role
    session.flush()
    return {name: officer.id for name, officer in known.items()}


def add_events(session: Session, events: list[EventInput]) -> list[InspectionEvent]:
    """Store inspection events with their grades."""
    rows = [
        InspectionEvent(
            event_type=e.event_type,
            fieldwork_start=e.fieldwork_start,
            fieldwork_end=e.fieldwork_end,
            published=e.published,
            summary=e.summary,
            grades=[InspectionGrade(area=a, grade=g) for a, g in e.grades.items()],
        )
        for e in events
    ]
    session.add_all(rows)
    session.flush()
    return rows


def recommendation_row(rec: RecommendationInput, position: int) -> Recommendation:
    """A new recommendation row with its areas (its themes are added by the caller)."""
    return Recommendation(
        ref=rec.ref,
        kind=rec.kind,
        text=rec.text,
        position=position,
        areas=[RecommendationArea(area=a) for a in dict.fromkeys(rec.areas)],
    )


def theme_row(theme: ThemeInput, ids: dict[str, int], position: int) -> Theme:
    """A new theme row with its service leads (its actions are added by the caller)."""
    return Theme(
        text=theme.text,
        position=position,
        service_leads=[ThemeLead(lead_id=ids[n]) for n in dict.fromkeys(theme.service_leads)],
    )


def action_leads(action: ActionInput, ids: dict[str, int]) -> dict[int, str]:
    """Lead officer id -> role ("service" or "other"); a service lead is never also "other"."""
    leads = {ids[n]: "service" for n in action.service_leads}
    leads |= {ids[n]: "other" for n in action.other_leads if ids[n] not in leads}
    return leads


def action_row(action: ActionInput, ids: dict[str, int], position: int) -> Action:
    """A new action row with its leads and progress history."""
    return Action(
        text=action.text,
        position=position,
        start=action.start,
        due=action.due,
        due_text=action.due_text,
        completed=action.completed,
        status=action.status,
        evidence=action.evidence,
        leads=[ActionLead(lead_id=i, role=role) for i, role in action_leads(action, ids).items()],
        updates=[
            ProgressUpdate(recorded_on=u.recorded_on, text=u.text, author=u.author, status=u.status)
            for u in action.updates
        ],
    )


def _insert_returning_ids(session: Session, model, rows: list[dict]) -> list[int]:
    """Insert many rows in one statement; their new ids, in the order of `rows`."""
    if not rows:
        return []
    statement = insert(model).returning(model.id, sort_by_parameter_order=True)
    return list(session.scalars(statement, rows))


def _insert(session: Session, model, rows: list[dict]) -> None:
    if rows:
        session.execute(insert(model), rows)


def add_plan(
    session: Session, plan: PlanInput, events: list[InspectionEvent] = ()
) -> ImprovementPlan:
    """Store a whole new plan; the caller's transaction decides whether it is kept.

    Rows are inserted level by level in bulk (a 10,000-action plan is some 50,000 rows), not
    object by object, which is what makes a large import take seconds rather than minutes.
    """
    ids = lead_ids(session, plan)
    row = ImprovementPlan(title=plan.title, council=plan.council, events=list(events))
    session.add(row)
    session.flush()
    recs = plan.recommendations
    rec_ids = _insert_returning_ids(
        session,
        Recommendation,
        [dict(plan_id=row.id, ref=r.ref, kind=r.kind, text=r.text, position=p)
         for p, r in enumerate(recs)],
    )  # fmt: skip
    _insert(
        session,
        RecommendationArea,
        [dict(recommendation_id=i, area=a)
         for i, r in zip(rec_ids, recs, strict=True) for a in dict.fromkeys(r.areas)],
    )  # fmt: skip
    themes = [(i, p, t) for i, r in zip(rec_ids, recs, strict=True) for p, t in enumerate(r.themes)]
    theme_ids = _insert_returning_ids(
        session,
        Theme,
        [dict(recommendation_id=i, text=t.text, position=p) for i, p, t in themes],
    )
    _insert(
        session,
        ThemeLead,
        [dict(theme_id=i, lead_id=ids[n])
         for i, (_, _, t) in zip(theme_ids, themes, strict=True)
         for n in dict.fromkeys(t.service_leads)],
    )  # fmt: skip
    actions = [
        (i, p, a) for i, (_, _, t) in zip(theme_ids, themes, strict=True)
        for p, a in enumerate(t.actions)
    ]  # fmt: skip
    action_ids = _insert_returning_ids(
        session,
        Action,
        [dict(theme_id=i, text=a.text, position=p, start=a.start, due=a.due,
              due_text=a.due_text, completed=a.completed, status=a.status,
              evidence=a.evidence, version=1)
         for i, p, a in actions],
    )  # fmt: skip
    pairs = list(zip(action_ids, (a for _, _, a in actions), strict=True))
    _insert(
        session,
        ActionLead,
        [dict(action_id=i, lead_id=lead, role=role)
         for i, a in pairs for lead, role in action_leads(a, ids).items()],
    )  # fmt: skip
    _insert(
        session,
        ProgressUpdate,
        [dict(action_id=i, recorded_on=u.recorded_on, text=u.text, author=u.author,
              status=u.status)
         for i, a in pairs for u in a.updates],
    )  # fmt: skip
    return row
