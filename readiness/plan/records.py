"""The stored plan as plain, immutable records: what the rules, the status tables, the re-import
planner and the exports all read. Only readiness.plan.store makes them from the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from readiness.text import same_person_key


@dataclass(frozen=True)
class UpdateRecord:
    recorded_on: date
    text: str
    author: str | None
    status: str  # the action's status as recorded with this update
    # The due date this update revised the action's to (its text is the recovery note).
    revised_due: date | None = None
    # Its part in a completion's sign-off: "proposed", "confirmed", "returned" or None.
    completion: str | None = None


@dataclass(frozen=True)
class ActionRecord:
    id: int
    theme_id: int
    text: str
    position: int
    start: date | None
    due: date | None
    due_text: str | None  # the wording a due date came from, kept for an undated action
    completed: date | None
    status: str
    evidence: str | None
    version: int  # optimistic lock: each save bumps it
    retired_on: date | None  # set when a re-import no longer had it
    service_leads: tuple[str, ...]
    other_leads: tuple[str, ...]
    updates: tuple[UpdateRecord, ...]  # oldest first
    indicators: tuple[str, ...] = ()  # the KPIs it should move (readiness.plan.impact)

    @property
    def leads(self) -> tuple[str, ...]:
        """Everyone named on the action: service leads first, then the other leads."""
        return self.service_leads + tuple(
            n for n in self.other_leads if n not in self.service_leads
        )

    @property
    def roles(self) -> dict[str, str]:
        """Lead name -> "service" or "other", as readiness.plan.input.ActionInput.roles."""
        return dict.fromkeys(self.service_leads, "service") | dict.fromkeys(
            self.other_leads, "other"
        )

    def revision_at(self, as_at: date) -> UpdateRecord | None:
        """The latest revision of the due date recorded on or before `as_at` (the later of two
        on one day), or None: the rule that uses it is readiness.plan.rag.due_in_force."""
        return next(
            (
                u
                for u in reversed(self.updates)
                if u.revised_due is not None and u.recorded_on <= as_at
            ),
            None,
        )

    @property
    def latest_revision(self) -> UpdateRecord | None:
        """The latest revision of the due date whenever it was recorded: what the plan file
        holds (readiness.exports.plan_workbook) and a re-import compares with."""
        return self.revision_at(date.max)


@dataclass(frozen=True)
class ThemeRecord:
    id: int
    recommendation_id: int
    text: str
    position: int
    retired_on: date | None
    service_leads: tuple[str, ...]


@dataclass(frozen=True)
class RecommendationRecord:
    id: int
    ref: str
    kind: str
    text: str
    position: int
    retired_on: date | None
    areas: tuple[str, ...]


@dataclass(frozen=True)
class PlanData:
    """One stored plan in plan order; retired parts only when loaded with `retired=True`."""

    id: int
    title: str
    council: str | None
    recommendations: tuple[RecommendationRecord, ...]
    themes: tuple[ThemeRecord, ...]
    actions: tuple[ActionRecord, ...]
    lead_roles: dict[str, str | None]

    @cached_property
    def lead_names(self) -> list[str]:
        """Everyone named as a service lead or other lead anywhere in the plan, A to Z."""
        named = {n for a in self.actions for n in a.leads}
        named |= {n for t in self.themes for n in t.service_leads}
        return sorted(named, key=str.casefold)

    def choose_lead(self, asked: str | None) -> LeadChoice:
        """The lead officer `asked` for (None: everyone), as the plan spells the name, matched
        ignoring case and spacing: how every page, link and command tells whether it is known."""
        if asked is None:
            return LeadChoice(None, None)
        wanted = same_person_key(asked)
        name = next((n for n in self.lead_names if same_person_key(n) == wanted), None)
        return LeadChoice(asked, name)


@dataclass(frozen=True)
class LeadChoice:
    """A lead officer asked for (by the sidebar, a link or --lead) and who that is in the plan."""

    asked: str | None  # as given; None asks for everyone's actions
    name: str | None  # the plan's spelling of it; None for everyone, or for a name not known

    @property
    def unknown(self) -> bool:
        """A name was asked for that nobody in the plan has."""
        return self.asked is not None and self.name is None


@dataclass(frozen=True)
class PlanSummary:
    """A stored plan as the Data page lists it."""

    id: int
    title: str
    council: str | None
    stored_on: date | None
    actions: int
    current: bool
