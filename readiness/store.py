"""The one door to the database: everything the app's pages and the command line read from it,
and every write, each write one transaction that the store begins and commits.

Nothing above this module opens a connection or a transaction. Below it, the SQL modules
(readiness.plan.store, readiness.kpi.store, readiness.inspection.record_store and checklist_store)
and the steps of a plan import, a report import and the demo take a Connection and never commit:
the store decides what is kept together, as datasette's `Database` does.

    store = Store.open(url, settings)
    plan = store.current_plan()
    store.record_progress(entry)

Every write is given the acting person (`by=`, readiness.access.roles): `_writing` refuses what
their role does not allow before anything is written, and each write adds its audit entry
(readiness.access.audit) inside the same transaction as the change it records, so a change is
never kept without its entry. People, the audit trail and wall-screen links: AccessStore; the
inspection record and checklist: InspectionStore; the self-evaluation and the engagement
meetings: SelfEvaluationStore and EngagementStore.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine

from readiness.access import audit
from readiness.access.people import as_stored, check_leads
from readiness.access.roles import Change, Person
from readiness.access.store_part import AccessStore
from readiness.db.counts import RowCounts, count_rows
from readiness.db.engine import make_engine, schema_revision, upgrade
from readiness.inspection.store_part import InspectionStore
from readiness.kpi import store as kpi_store
from readiness.kpi.positions import KpiStatus, stored_kpi_status
from readiness.plan import store as plan_store
from readiness.self_evaluation.engagement_store import EngagementStore
from readiness.self_evaluation.store_part import SelfEvaluationStore
from readiness.settings import Settings

# Only the reads every page makes are imported here. A write, the demo and the Data page's reads
# import what they use in their own method, so a server's first page imports none of them (the
# report import alone pulls in the PDF reader): the app's imports took 1.1 s of CPU and 206 MB,
# now 0.9 s and 189 MB. tests/test_cold_start.py checks that they stay out.
if TYPE_CHECKING:
    from readiness.kpi.indicators import Indicator
    from readiness.kpi.store import Council, KpiPreview
    from readiness.kpi.values import KpiValue
    from readiness.plan.importing.mapping import ColumnMap, FoundHeadings
    from readiness.plan.input import PlanInput
    from readiness.plan.progress import ProgressEntry
    from readiness.plan.records import PlanData, PlanSummary
    from readiness.plan.sync.changes import SyncPreview


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Python's cycle collector paused (never turned on if it was off): a plan read builds
    hundreds of thousands of records that hold no cycles, and each full collection the read
    sets off scans them all again (a third of a 10,000-action plan's read: 280 ms to 190)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def utc_now() -> datetime:
    """When a change is made, for its audit entry: UTC, stored without a zone."""
    return datetime.now(UTC).replace(tzinfo=None)


class Store(AccessStore, InspectionStore, SelfEvaluationStore, EngagementStore):
    """The database behind the app and the command line, with the settings its reads use."""

    def __init__(self, engine: Engine, settings: Settings, now=utc_now) -> None:
        self.engine = engine
        self.settings = settings
        self.now = now  # the audit trail's clock: a test gives a fixed one

    @classmethod
    def open(cls, url: str, settings: Settings) -> Store:
        return cls(make_engine(url), settings)

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        """A read: on SQLite it never waits for a writer (readiness.db.engine)."""
        with self.engine.connect() as conn:
            yield conn

    @contextmanager
    def _writing(self, by: Person, change: Change) -> Iterator[Connection]:
        """Every write's one transaction: all of it is kept, or none; Refused, before anything
        is written, if `by`'s role does not allow `change`."""
        by.check(change)
        with self.engine.begin() as conn:
            # Their role as stored now: a person demoted or removed since their page read it is
            # refused at once, not when their session next looks them up.
            as_stored(conn, by).check(change)
            yield conn

    def _audit(self, conn: Connection, by: Person, *entry, **named) -> None:
        """One audit entry for the write under way (readiness.access.audit.record: kind,
        subject, before, after, action_id), timed by the store's clock."""
        audit.record(conn, by, self.now(), *entry, **named)

    # --- The schema and the demo ---------------------------------------------------------------

    def ping(self) -> None:
        """Connect once: SQLAlchemyError if the database cannot be reached (the health check)."""
        with self._reading():
            pass

    def row_counts(self) -> RowCounts:
        """How many plans, actions, updates, figures, councils, people and audit entries."""
        with self._reading() as conn:
            return count_rows(conn)

    def schema_revision(self) -> str | None:
        """The migration the database is at; None for a database with no schema yet."""
        return schema_revision(self.engine)

    def upgrade(self) -> None:
        """Create the schema, or bring it up to the newest migration (each its own step)."""
        upgrade(self.engine)

    def prepare(self, demo_on: date | None = None) -> bool:
        """Make the schema current; given `demo_on`, fill a database that holds no plan with the
        demo council, dated around that day. True if the demo was loaded."""
        if demo_on is None:  # every server start: the schema only, without the demo's modules
            upgrade(self.engine)
            return False
        from readiness.demo.prepare import prepare_database  # deferred: see the imports

        return prepare_database(self.engine, demo_on, demo=True)

    # --- The plan ------------------------------------------------------------------------------

    def current_plan(self) -> PlanData | None:
        """The plan everyone sees, or None before one is stored."""
        with self._reading() as conn, _cycle_collector_paused():
            return plan_store.load_plan(conn)

    def stored_plans(self) -> list[PlanSummary]:
        """Every stored plan, the current one first, then newest first."""
        with self._reading() as conn:
            return plan_store.list_plans(conn)

    def make_current(self, plan_id: int, *, by: Person) -> None:
        """Make a stored plan the one everyone sees; the others are kept as they are."""
        with self._writing(by, Change.CURRENT_PLAN) as conn:
            was = plan_store.current_plan_id(conn)
            plan_store.make_current(conn, plan_id)
            titles = {p.id: p.title for p in plan_store.list_plans(conn)}
            self._audit(
                conn,
                by,
                "current_plan",
                titles.get(plan_id, str(plan_id)),
                titles.get(was),
                titles.get(plan_id),
            )

    def column_mappings(self) -> dict[str, ColumnMap]:
        """The column mappings users gave for earlier files, by heading row."""
        from readiness.plan.store import column_maps  # deferred: see the imports

        with self._reading() as conn:
            return column_maps.saved(conn)

    def preview_plan_import(self, incoming: PlanInput, *, as_new_plan: bool = False) -> SyncPreview:
        """What storing `incoming` would change, without writing anything."""
        from readiness.plan.sync.apply import preview_import  # deferred: see the imports

        with self._reading() as conn:
            return preview_import(conn, incoming, as_new_plan=as_new_plan)

    def import_plan(
        self,
        incoming: PlanInput,
        imported_on: date,
        *,
        as_new_plan: bool = False,
        expected: SyncPreview | None = None,
        columns: tuple[FoundHeadings, ColumnMap] | None = None,
        by: Person,
    ) -> SyncPreview:
        """Store `incoming` as a new plan or an update of the current one, and remember the
        column mapping given for it (readiness.plan.sync.apply.apply_import); what was done.
        PlanChangedError, storing nothing, if the changes differ from the `expected` preview."""
        from readiness.plan.sync.apply import apply_import  # deferred: see the imports

        with self._writing(by, Change.IMPORT_PLAN) as conn:
            done = apply_import(
                conn,
                incoming,
                imported_on,
                as_new_plan=as_new_plan,
                expected=expected,
                author=by.name,
                columns=columns,
            )
            # A file that changes the stored plan in nothing leaves the database as it was.
            if done.mode == "new_plan" or done.has_changes:
                self._audit(conn, by, "plan_import", done.plan_title, after=done.summary())
            return done

    def record_progress(self, entry: ProgressEntry, *, by: Person) -> int:
        """Add a progress update and set the action's status; the action's new version.
        ConcurrentEditError, storing nothing, if it was saved since `entry.version` was read;
        Refused if `by` may not change this action. Written by `by`, a Complete awaiting
        sign-off where their role needs one (readiness.access.signoff)."""
        from readiness.access import signoff  # deferred: see the imports
        from readiness.plan.progress import record_update

        with self._writing(by, Change.PROGRESS) as conn:
            check_leads(conn, by, entry.action_id, Change.PROGRESS)
            stored = signoff.as_recorded(conn, entry, by, self.settings.access.sign_off)
            status_was = signoff.status_before(conn, entry.action_id)
            due_was = signoff.due_before(conn, entry.action_id) if stored.revised_due else None
            version = record_update(conn, stored)
            subject = signoff.action_subject(conn, entry.action_id)
            for kind, before, after in signoff.progress_audit(stored, status_was, due_was):
                self._audit(conn, by, kind, subject, before, after, entry.action_id)
            return version

    def save_indicators(self, action_id: int, indicators: Sequence[str], *, by: Person) -> None:
        """The indicators an action should move become `indicators`."""
        from readiness.access.signoff import action_subject  # deferred: see the imports
        from readiness.plan.impact import set_action_links

        with self._writing(by, Change.INDICATORS) as conn:
            check_leads(conn, by, action_id, Change.INDICATORS)
            before = plan_store.indicators_of(conn, action_id)
            set_action_links(conn, action_id, indicators)
            subject = action_subject(conn, action_id)
            self._audit(conn, by, "indicators", subject, before, list(indicators), action_id)

    # --- KPIs ----------------------------------------------------------------------------------

    def kpi_status(self, as_at: date) -> KpiStatus | None:
        """Every indicator's position at `as_at`; None before any indicators are loaded."""
        with self._reading() as conn:
            return stored_kpi_status(conn, as_at, self.settings.kpis)

    def kpi_council(self) -> tuple[Council | None, list[str]]:
        """The council the indicators are loaded for (None before any are) and its statistical
        neighbours, closest first."""
        with self._reading() as conn:
            council = kpi_store.council(conn)
            return council, kpi_store.neighbours_of(conn, council.la_code) if council else []

    def kpi_targets(self) -> dict[str, tuple[float, float | None]]:
        """Each indicator's (target, Amber tolerance)."""
        with self._reading() as conn:
            return kpi_store.targets(conn)

    def local_indicators(self) -> list[Indicator]:
        """The council's own indicators, by name."""
        with self._reading() as conn:
            return kpi_store.local_indicators(conn)

    def preview_kpis(self, values: Iterable[KpiValue]) -> KpiPreview:
        """How many of `values` storing them would add, change and leave as they are."""
        with self._reading() as conn:
            return kpi_store.preview_values(conn, values)

    def store_kpis(
        self,
        values: Iterable[KpiValue],
        council: Council,
        neighbours: Sequence[str] | None,
        imported_on: date,
        *,
        targets: Mapping[str, tuple[float, float | None]] | None = None,
        local: Sequence[Indicator] = (),
        by: Person,
    ) -> int:
        """One KPI load, all or nothing (readiness.kpi.store.store_load); figures written."""
        with self._writing(by, Change.KPIS) as conn:
            written = kpi_store.store_load(
                conn, values, council, neighbours, imported_on, targets=targets, local=local
            )
            after = {"figures": written, "council": council.name, "targets": len(targets or {})}
            self._audit(conn, by, "kpi_load", council.name or council.la_code, after=after)
            return written

    def save_targets(
        self,
        targets: Mapping[str, tuple[float | None, float | None]],
        set_on: date,
        *,
        by: Person,
    ) -> None:
        """Set each indicator's (target, Amber tolerance), together; a target of None clears
        the indicator's target."""
        with self._writing(by, Change.TARGETS) as conn:
            was = kpi_store.targets(conn)
            for indicator, (target, tolerance) in targets.items():
                now = None if target is None else (target, tolerance)
                if was.get(indicator) != now:
                    self._audit(
                        conn, by, "target", indicator, _target(was.get(indicator)), _target(now)
                    )
                if target is None:
                    kpi_store.clear_target(conn, indicator)
                else:
                    kpi_store.set_target(conn, indicator, target, tolerance, set_on)


def _target(pair: tuple[float, float | None] | None) -> dict | None:
    """A target as the audit trail words it."""
    return None if pair is None else {"target": pair[0], "Amber within": pair[1]}
