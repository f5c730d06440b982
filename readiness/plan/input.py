"""A plan as plain input records: what the demo generator and the importers produce, and what
readiness.plan.store stores, so a plan is stored the same way whatever it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from readiness.vocabulary import NOT_STARTED


@dataclass
class UpdateInput:
    recorded_on: date
    text: str
    status: str
    author: str | None = None
    # A revised due date: the update is then the action's recovery note (readiness.plan.rag).
    revised_due: date | None = None


@dataclass
class ActionInput:
    text: str
    service_leads: list[str]
    other_leads: list[str] = field(default_factory=list)
    start: date | None = None
    due: date | None = None
    due_text: str | None = None
    completed: date | None = None
    status: str = NOT_STARTED
    evidence: str | None = None
    updates: list[UpdateInput] = field(default_factory=list)
    # The indicators it should move (readiness.plan.impact); None: the file does not say, so
    # those set in the app are kept.
    indicators: tuple[str, ...] | None = None

    @property
    def roles(self) -> dict[str, str]:
        """Lead name -> "service" or "other"; a service lead is never also "other"."""
        roles = dict.fromkeys(self.service_leads, "service")
        return roles | {n: "other" for n in self.other_leads if n not in roles}


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
    theme: str | None = None
    lead_inspector: str | None = None


@dataclass
class PlanInput:
    title: str
    council: str | None
    recommendations: list[RecommendationInput]
    lead_roles: dict[str, str | None] = field(default_factory=dict)

    @property
    def lead_names(self) -> set[str]:
        """Every lead officer the plan names, on themes and actions."""
        names = set()
        for rec in self.recommendations:
            for theme in rec.themes:
                names.update(theme.service_leads)
                for action in theme.actions:
                    names.update(action.service_leads, action.other_leads)
        return names
