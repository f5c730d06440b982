"""The one door to the database: everything the app's pages and the command line read from it,
and every write, each write one transaction that the store begins and commits.

Nothing above this module opens a connection or a transaction. Below it, the SQL modules
(readiness.plan.store, readiness.kpi.store, readiness.inspection.record_store and checklist_store)
and the steps of a plan import, a report import and the demo take a Connection and never commit:
the store decides what is kept together, as datasette's `Database` does.

    store = Store.open(url, settings)
    plan = store.current_plan()
    store.record_progress(entry)

Who is acting is not passed yet. Sign-in (the next issue) gives every write method the acting
person and writes their audit entry in `_writing`, inside the same transaction as the change it
records, so a change is never kept without its entry.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine

from readiness.db.engine import make_engine, schema_revision, upgrade
from readiness.inspection import checklist_store, record_store
from readiness.kpi import store as kpi_store
from readiness.kpi.positions import KpiStatus, stored_kpi_status
from readiness.plan import store as plan_store
from readiness.settings import Settings

# Only the reads every page makes are imported here. A write, the demo and the Data page's reads
# import what they use in their own method, so a server's first page imports none of them (the
# report import alone pulls in the PDF reader): the app's imports took 1.1 s of CPU and 206 MB,
# now 0.9 s and 189 MB. tests/test_cold_start.py checks that they stay out.
if TYPE_CHECKING:
    from readiness.inspection.checklist import Task
    from readiness.inspection.events import Inspection
    from readiness.inspection.national_files import NationalRecord
    from readiness.inspection.predict import Prediction
    from readiness.inspection.report_import import AreaChoice, ReportImportResult
    from readiness.inspection.report_pdf import ReportReading
    from readiness.kpi.indicators import Indicator
    from readiness.kpi.store import Council, KpiPreview
    from readiness.kpi.values import KpiValue
    from readiness.plan.importing.mapping import ColumnMap, FoundHeadings
    from readiness.plan.input import EventInput, PlanInput
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


class Store:
    """The database behind the app and the command line, with the settings its reads use."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine = engine
        self.settings = settings

    @classmethod
    def open(cls, url: str, settings: Settings) -> Store:
        return cls(make_engine(url), settings)

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        """A read: on SQLite it never waits for a writer (readiness.db.engine)."""
        with self.engine.connect() as conn:
            yield conn

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """Every write's one transaction: all of it is kept, or none."""
        with self.engine.begin() as conn:
            yield conn

    # --- The schema and the demo ---------------------------------------------------------------

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

    def make_current(self, plan_id: int) -> None:
        """Make a stored plan the one everyone sees; the others are kept as they are."""
        with self._writing() as conn:
            plan_store.make_current(conn, plan_id)

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
        author: str = "Import",
        columns: tuple[FoundHeadings, ColumnMap] | None = None,
    ) -> SyncPreview:
        """Store `incoming` as a new plan or an update of the current one, and remember the
        column mapping given for it (readiness.plan.sync.apply.apply_import); what was done.
        PlanChangedError, storing nothing, if the changes differ from the `expected` preview."""
        from readiness.plan.sync.apply import apply_import  # deferred: see the imports

        with self._writing() as conn:
            return apply_import(
                conn,
                incoming,
                imported_on,
                as_new_plan=as_new_plan,
                expected=expected,
                author=author,
                columns=columns,
            )

    def record_progress(self, entry: ProgressEntry) -> int:
        """Add a progress update and set the action's status; the action's new version.
        ConcurrentEditError, storing nothing, if it was saved since `entry.version` was read."""
        from readiness.plan.progress import record_update  # deferred: see the imports

        with self._writing() as conn:
            return record_update(conn, entry)

    def save_indicators(self, action_id: int, indicators: Sequence[str]) -> None:
        """The indicators an action should move become `indicators`."""
        from readiness.plan.impact import set_action_links  # deferred: see the imports

        with self._writing() as conn:
            set_action_links(conn, action_id, indicators)

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
    ) -> int:
        """One KPI load, all or nothing (readiness.kpi.store.store_load); figures written."""
        with self._writing() as conn:
            return kpi_store.store_load(
                conn, values, council, neighbours, imported_on, targets=targets, local=local
            )

    def save_targets(
        self, targets: Mapping[str, tuple[float | None, float | None]], set_on: date
    ) -> None:
        """Set each indicator's (target, Amber tolerance), together; a target of None clears
        the indicator's target."""
        with self._writing() as conn:
            for indicator, (target, tolerance) in targets.items():
                if target is None:
                    kpi_store.clear_target(conn, indicator)
                else:
                    kpi_store.set_target(conn, indicator, target, tolerance, set_on)

    # --- Inspections ---------------------------------------------------------------------------

    def national_record(self) -> NationalRecord:
        """The stored national record (empty before one is imported)."""
        with self._reading() as conn:
            return record_store.load_record(conn)

    def store_national_record(self, record: NationalRecord, imported_on: date) -> None:
        """Replace the stored national record with `record`."""
        with self._writing() as conn:
            record_store.store_record(conn, record, imported_on)

    def council_code(self) -> str:
        """The council's DfE number (readiness.inspection.record_store.council_code)."""
        with self._reading() as conn:
            return record_store.council_code(conn)

    def own_events(self) -> list[tuple[int, Inspection]]:
        """(stored id, event) of each of the council's own inspections and visits, oldest
        first."""
        with self._reading() as conn:
            return record_store.own_event_rows(conn, record_store.council_code(conn))

    def add_own_event(self, event: EventInput) -> int:
        """Store one of the council's own events; its id. ValueError, storing nothing, if it
        cannot be right (readiness.inspection.event_checks)."""
        with self._writing() as conn:
            return record_store.add_own_event(conn, event)

    def remove_own_event(self, event_id: int) -> None:
        """Remove one of the council's own events, with its grades and its links to plans."""
        with self._writing() as conn:
            record_store.delete_own_event(conn, event_id)

    def prediction(self, as_at: date) -> Prediction:
        """The council's predicted next inspection, from what was known at `as_at`."""
        with self._reading() as conn:
            return record_store.stored_prediction(conn, as_at, self.settings.inspection)

    def preview_report(self, reading: ReportReading, file_name: str) -> ReportImportResult:
        """What storing Ofsted's report would add, without writing anything."""
        from readiness.inspection.report_import import preview_report  # deferred: see the imports

        with self._reading() as conn:
            return preview_report(conn, reading, file_name)

    def import_report(
        self,
        reading: ReportReading,
        stored_on: date,
        file_name: str,
        areas: AreaChoice | None = None,
    ) -> ReportImportResult:
        """Store the report's inspection and its draft plan, all or nothing; what was added."""
        from readiness.inspection.report_import import import_report  # deferred: see the imports

        with self._writing() as conn:
            return import_report(conn, reading, stored_on, file_name, areas)

    def checklist(self, window_starts: date | None, as_at: date) -> list[Task]:
        """The readiness checklist (the suggested tasks while none is stored)."""
        with self._reading() as conn:
            return checklist_store.tasks(conn, window_starts, as_at)

    def save_checklist(self, edited: Sequence[Task], today: date) -> None:
        """Store the checklist as edited, all at once. ValueError, storing nothing, for a task
        with no words or an unknown status."""
        with self._writing() as conn:
            checklist_store.save_tasks(conn, edited, today)
