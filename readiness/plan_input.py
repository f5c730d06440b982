"""A plan as plain input records, and writing it to the database in one transaction.

The demo generator and the importers both produce these records; only this module turns them
into rows, so a plan is stored the same way whatever it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
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


def add_plan(
    session: Session, plan: PlanInput, events: list[InspectionEvent] = ()
) -> ImprovementPlan:
    """Store a whole new plan; the caller's transaction decides whether it is kept."""
    ids = lead_ids(session, plan)
    row = ImprovementPlan(title=plan.title, council=plan.council, events=list(events))
    for r_pos, rec in enumerate(plan.recommendations):
        rec_row = recommendation_row(rec, r_pos)
        for t_pos, theme in enumerate(rec.themes):
            t_row = theme_row(theme, ids, t_pos)
            for a_pos, action in enumerate(theme.actions):
                t_row.actions.append(action_row(action, ids, a_pos))
            rec_row.themes.append(t_row)
        row.recommendations.append(rec_row)
    session.add(row)
    session.flush()
    return row
