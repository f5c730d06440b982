"""The store's methods for the self-evaluation: the draft at an as-at date, leaders' narrative
and line edits, and the versions submitted to Ofsted. Part of readiness.store.Store (each write
checked against the acting person's role and audited in its own transaction), kept here so each
file stays readable."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from readiness.access.roles import Change, Person
from readiness.framework import AREA_SHORT_LABELS, framework_in_force
from readiness.self_evaluation import written as stored
from readiness.self_evaluation.compose import Drafted, Written, draft, laid_over
from readiness.self_evaluation.document import UNPLACED, Narrative, SelfEvaluation
from readiness.settings import Settings

if TYPE_CHECKING:
    from readiness.kpi.positions import KpiStatus
    from readiness.plan.records import PlanData
    from readiness.plan.status import PlanStatus
    from readiness.self_evaluation.document import Meeting


def _area_words(area: str, question: int) -> str:
    """ "Help and protection, question 2", as the audit trail names a narrative."""
    name = AREA_SHORT_LABELS.get(area, "Across the service" if area == UNPLACED else area)
    return f"{name}, question {question}"


class SelfEvaluationStore:
    """The self-evaluation's draft, narrative, line edits and submitted versions."""

    settings: Settings
    now: Callable[[], datetime]
    _reading: Callable[[], AbstractContextManager[Connection]]
    _writing: Callable[..., AbstractContextManager[Connection]]
    _audit: Callable[..., None]
    current_plan: Callable[[], PlanData | None]
    kpi_status: Callable[[date], KpiStatus | None]
    last_meeting: Callable[[date], Meeting | None]

    def self_evaluation_written(self) -> Written:
        """People's narrative and line edits, the latest of each."""
        with self._reading() as conn:
            return stored.written(conn)

    def self_evaluation_draft(
        self,
        as_at: date,
        *,
        plan: PlanData | None = None,
        status: PlanStatus | None = None,
        kpis: KpiStatus | None = None,
    ) -> Drafted:
        """The generated lines at `as_at` under the framework then in force. The page passes
        the plan, its whole status and the KPIs it already holds; otherwise the store reads
        them."""
        from readiness.plan.status import plan_status  # deferred: see readiness.store

        if plan is None:
            plan = self.current_plan()
        if status is None and plan is not None:
            status = plan_status(plan, as_at, self.settings)
        if kpis is None:
            kpis = self.kpi_status(as_at)
        framework = framework_in_force(as_at, self.settings.inspection.framework)
        return draft(plan, status, kpis, framework, as_at)

    def self_evaluation(
        self, as_at: date, *, drafted: Drafted | None = None, council: str | None = None
    ) -> SelfEvaluation:
        """The self-evaluation at `as_at`: the generated lines (`drafted`, else drafted now)
        with what people have written and the last engagement meeting laid over them."""
        if council is None:
            plan = self.current_plan()
            council = self.settings.branding.council(plan.council if plan else None)
        return laid_over(
            drafted or self.self_evaluation_draft(as_at),
            as_at,
            self.self_evaluation_written(),
            council,
            self.last_meeting(as_at),
        )

    def write_narrative(self, area: str, question: int, text: str, *, by: Person) -> None:
        """Leaders' words under one question of one area; earlier words stay in its history."""
        stored.check_question(question)
        with self._writing(by, Change.SELF_EVALUATION) as conn:
            was = stored.history(conn, area, question)
            before = was[0].text if was else None
            if (before or "") == text.strip():
                return  # nothing changed: no new version, no audit entry
            stored.add_narrative(conn, area, question, text, by.name, by.email, self.now())
            self._audit(conn, by, "sef_narrative", _area_words(area, question), before, text)

    def narrative_history(self, area: str, question: int) -> list[Narrative]:
        """Every version of one question's narrative, newest first."""
        with self._reading() as conn:
            return stored.history(conn, area, question)

    def edit_line(self, key: str, text: str | None, based_on: str, *, by: Person) -> None:
        """A person's words for a generated line (None: leave it out; "": put it back as
        generated, whatever the generated words become later)."""
        with self._writing(by, Change.SELF_EVALUATION) as conn:
            stored.add_edit(conn, key, text, based_on, by.name, by.email, self.now())
            after = {None: "left out", "": "as generated"}.get(text, text)
            self._audit(conn, by, "sef_line", key, based_on, after)

    def submit_self_evaluation(
        self, document: SelfEvaluation, submitted_on: date, *, by: Person
    ) -> int:
        """Freeze `document` as submitted to Ofsted on `submitted_on` by `by`; its id."""
        with self._writing(by, Change.SELF_EVALUATION) as conn:
            frozen = document.frozen(submitted_on, by.name)
            version_id = stored.add_version(conn, frozen, by.name, by.email, self.now())
            after = {"as at": document.as_at, "areas": len(document.areas)}
            self._audit(conn, by, "sef_submitted", document.council, after=after)
            return version_id

    def self_evaluation_versions(self) -> list[stored.Submitted]:
        """Every version submitted to Ofsted, newest first."""
        with self._reading() as conn:
            return stored.versions(conn)

    def self_evaluation_version(self, version_id: int) -> SelfEvaluation | None:
        """A submitted version, exactly as it was sent."""
        with self._reading() as conn:
            return stored.version(conn, version_id)

    def last_submitted(self, as_at: date) -> date | None:
        """The day the latest version submitted on or before `as_at` was sent; None if none."""
        return next(
            (v.submitted_on for v in self.self_evaluation_versions() if v.submitted_on <= as_at),
            None,
        )
