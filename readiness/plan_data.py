"""The stored improvement plan read into plain, immutable records (no database session needed).

Read with a handful of set-based queries so a 10,000-action plan loads in one pass; the rules
and pages work on these records, never on live ORM objects.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, select

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
from readiness.rag import ActionFacts, Update


@dataclass(frozen=True)
class UpdateRecord:
    recorded_on: date
    text: str
    author: str | None
    status: str


@dataclass(frozen=True)
class ActionRecord:
    id: int
    theme_id: int
    text: str
    start: date | None
    due: date | None
    due_text: str | None
    completed: date | None
    status: str
    evidence: str | None
    version: int
    service_leads: tuple[str, ...]
    other_leads: tuple[str, ...]
    updates: tuple[UpdateRecord, ...]  # oldest first

    @property
    def leads(self) -> tuple[str, ...]:
        return self.service_leads + tuple(
            n for n in self.other_leads if n not in self.service_leads
        )

    def facts(self) -> ActionFacts:
        return ActionFacts(
            start=self.start,
            due=self.due,
            completed=self.completed,
            status=self.status,
            evidence=self.evidence,
            due_text=self.due_text,
            updates=tuple(Update(u.recorded_on, u.status) for u in self.updates),
        )


@dataclass(frozen=True)
class ThemeRecord:
    id: int
    recommendation_id: int
    text: str
    service_leads: tuple[str, ...]


@dataclass(frozen=True)
class RecommendationRecord:
    id: int
    ref: str
    kind: str
    text: str
    areas: tuple[str, ...]


@dataclass(frozen=True)
class EventRecord:
    id: int
    event_type: str
    fieldwork_start: date
    fieldwork_end: date | None
    published: date | None
    summary: str | None
    grades: dict[str, str]


@dataclass(frozen=True)
class PlanData:
    id: int
    title: str
    council: str | None
    recommendations: tuple[RecommendationRecord, ...]  # in plan order
    themes: tuple[ThemeRecord, ...]  # in plan order
    actions: tuple[ActionRecord, ...]  # in plan order
    lead_roles: dict[str, str | None]
    events: tuple[EventRecord, ...]  # oldest first

    @property
    def lead_names(self) -> list[str]:
        """Everyone named as a service lead or other lead anywhere in the plan, A to Z."""
        named = {n for a in self.actions for n in a.leads}
        named |= {n for t in self.themes for n in t.service_leads}
        return sorted(named, key=str.casefold)


def load_events(connection) -> tuple[EventRecord, ...]:
    """The council's inspection history, oldest first."""
    grades: dict[int, dict[str, str]] = defaultdict(dict)
    for event_id, area, grade in connection.execute(
        select(InspectionGrade.event_id, InspectionGrade.area, InspectionGrade.grade)
    ):
        grades[event_id][area] = grade
    rows = connection.execute(
        select(
            InspectionEvent.id,
            InspectionEvent.event_type,
            InspectionEvent.fieldwork_start,
            InspectionEvent.fieldwork_end,
            InspectionEvent.published,
            InspectionEvent.summary,
        ).order_by(InspectionEvent.fieldwork_start, InspectionEvent.id)
    )
    return tuple(EventRecord(*row, grades=dict(grades[row.id])) for row in rows)


def load_plan_data(engine: Engine) -> PlanData | None:
    """The current (most recently created) improvement plan, or None if none is stored.

    Recommendations, themes and actions retired by a re-import (readiness.plan_sync) are left out.
    """
    with engine.connect() as conn:
        plan = conn.execute(
            select(ImprovementPlan.id, ImprovementPlan.title, ImprovementPlan.council)
            .order_by(ImprovementPlan.id.desc())
            .limit(1)
        ).first()
        if plan is None:
            return None
        recs = conn.execute(
            select(Recommendation.id, Recommendation.ref, Recommendation.kind, Recommendation.text)
            .where(Recommendation.plan_id == plan.id)
            .where(Recommendation.retired_on.is_(None))
            .order_by(Recommendation.position, Recommendation.id)
        ).all()
        areas: dict[int, list[str]] = defaultdict(list)
        for rec_id, area in conn.execute(
            select(RecommendationArea.recommendation_id, RecommendationArea.area)
            .join(Recommendation)
            .where(Recommendation.plan_id == plan.id)
            .where(Recommendation.retired_on.is_(None))
            .order_by(RecommendationArea.area)
        ):
            areas[rec_id].append(area)
        themes = conn.execute(
            select(Theme.id, Theme.recommendation_id, Theme.text)
            .join(Recommendation)
            .where(Recommendation.plan_id == plan.id)
            .where(Theme.retired_on.is_(None))
            .order_by(Recommendation.position, Theme.position, Theme.id)
        ).all()
        theme_leads: dict[int, list[str]] = defaultdict(list)
        for theme_id, name in conn.execute(
            select(ThemeLead.theme_id, LeadOfficer.name)
            .join(LeadOfficer)
            .join(Theme)
            .join(Recommendation)
            .where(Recommendation.plan_id == plan.id)
            .where(Theme.retired_on.is_(None))
            .order_by(LeadOfficer.name)
        ):
            theme_leads[theme_id].append(name)
        action_leads: dict[tuple[int, str], list[str]] = defaultdict(list)
        for action_id, role, name in conn.execute(
            select(ActionLead.action_id, ActionLead.role, LeadOfficer.name)
            .join(LeadOfficer)
            .join(Action)
            .join(Theme)
            .join(Recommendation)
            .where(Recommendation.plan_id == plan.id)
            .where(Action.retired_on.is_(None))
            .order_by(LeadOfficer.name)
        ):
            action_leads[(action_id, role)].append(name)
        updates: dict[int, list[UpdateRecord]] = defaultdict(list)
        for row in conn.execute(
            select(
                ProgressUpdate.action_id,
                ProgressUpdate.recorded_on,
                ProgressUpdate.text,
                ProgressUpdate.author,
                ProgressUpdate.status,
            )
            .join(Action)
            .join(Theme)
            .join(Recommendation)
            .where(Recommendation.plan_id == plan.id)
            .where(Action.retired_on.is_(None))
            .order_by(ProgressUpdate.recorded_on, ProgressUpdate.id)
        ):
            updates[row.action_id].append(UpdateRecord(*row[1:]))
        actions = conn.execute(
            select(
                Action.id,
                Action.theme_id,
                Action.text,
                Action.start,
                Action.due,
                Action.due_text,
                Action.completed,
                Action.status,
                Action.evidence,
                Action.version,
            )
            .join(Theme)
            .join(Recommendation)
            .where(Recommendation.plan_id == plan.id)
            .where(Action.retired_on.is_(None))
            .order_by(Recommendation.position, Theme.position, Action.position, Action.id)
        ).all()
        roles = dict(conn.execute(select(LeadOfficer.name, LeadOfficer.role)).all())
        events = load_events(conn)
    return PlanData(
        id=plan.id,
        title=plan.title,
        council=plan.council,
        recommendations=tuple(
            RecommendationRecord(r.id, r.ref, r.kind, r.text, tuple(areas[r.id])) for r in recs
        ),
        themes=tuple(
            ThemeRecord(t.id, t.recommendation_id, t.text, tuple(theme_leads[t.id])) for t in themes
        ),
        actions=tuple(
            ActionRecord(
                *a,
                service_leads=tuple(action_leads[(a.id, "service")]),
                other_leads=tuple(action_leads[(a.id, "other")]),
                updates=tuple(updates[a.id]),
            )
            for a in actions
        ),
        lead_roles=roles,
        events=events,
    )
