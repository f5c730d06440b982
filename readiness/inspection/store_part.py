"""The store's methods for the inspection record: the national record, the council's own
events, the prediction, Ofsted's report and the readiness checklist. Part of
readiness.store.Store (each write checked against the acting person's role and audited in its
own transaction, Store._writing), kept here so each file stays readable."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import asdict
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from readiness.access.roles import Change, Person
from readiness.inspection import checklist_store, record_store
from readiness.inspection.checklist import tick_from_records
from readiness.settings import Settings

if TYPE_CHECKING:  # the report and prediction modules are imported when used: see readiness.store
    from readiness.inspection.checklist import Task, Ticked
    from readiness.inspection.events import Inspection
    from readiness.inspection.national_files import NationalRecord
    from readiness.inspection.predict import Prediction
    from readiness.inspection.report_import import AreaChoice, ReportImportResult
    from readiness.inspection.report_pdf import ReportReading
    from readiness.plan.input import EventInput


class InspectionStore:
    """The national record, the council's events and prediction, reports, the checklist."""

    settings: Settings
    _reading: Callable[[], AbstractContextManager[Connection]]
    _writing: Callable[..., AbstractContextManager[Connection]]
    _audit: Callable[..., None]
    # What the self-evaluation and engagement records say of the checklist tasks they tick
    # (readiness.self_evaluation.engagement_store.EngagementStore.checklist_ticks).
    checklist_ticks: Callable[[date], dict[str, Ticked]]

    def national_record(self) -> NationalRecord:
        """The stored national record (empty before one is imported)."""
        with self._reading() as conn:
            return record_store.load_record(conn)

    def store_national_record(
        self, record: NationalRecord, imported_on: date, *, by: Person
    ) -> None:
        """Replace the stored national record with `record`."""
        with self._writing(by, Change.NATIONAL_RECORD) as conn:
            record_store.store_record(conn, record, imported_on)
            after = {"councils": len(record.councils), "inspections": len(record.inspections)}
            self._audit(conn, by, "national_record", ", ".join(record.sources), after=after)

    def council_code(self) -> str:
        """The council's DfE number (readiness.inspection.record_store.council_code)."""
        with self._reading() as conn:
            return record_store.council_code(conn)

    def own_events(self) -> list[tuple[int, Inspection]]:
        """(stored id, event) of each of the council's own inspections and visits, oldest
        first."""
        with self._reading() as conn:
            return record_store.own_event_rows(conn, record_store.council_code(conn))

    def add_own_event(self, event: EventInput, *, by: Person) -> int:
        """Store one of the council's own events; its id. ValueError, storing nothing, if it
        cannot be right (readiness.inspection.event_checks)."""
        with self._writing(by, Change.EVENTS) as conn:
            event_id = record_store.add_own_event(conn, event)
            self._audit(conn, by, "event_added", _event_words(event), after=asdict(event))
            return event_id

    def remove_own_event(self, event_id: int, *, by: Person) -> None:
        """Remove one of the council's own events, with its grades and its links to plans."""
        with self._writing(by, Change.EVENTS) as conn:
            events = dict(record_store.own_event_rows(conn, record_store.council_code(conn)))
            record_store.delete_own_event(conn, event_id)
            gone = events.get(event_id)
            words = _event_words(gone) if gone else f"event {event_id}"
            self._audit(conn, by, "event_removed", words, before=gone and asdict(gone))

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
        *,
        by: Person,
    ) -> ReportImportResult:
        """Store the report's inspection and its draft plan, all or nothing; what was added."""
        from readiness.inspection.report_import import import_report  # deferred: see the imports

        with self._writing(by, Change.REPORT) as conn:
            done = import_report(conn, reading, stored_on, file_name, areas)
            after = {"event added": done.adds_event, "draft plan added": done.adds_plan}
            self._audit(conn, by, "report_import", file_name, after=after)
            return done

    def checklist(self, window_starts: date | None, as_at: date) -> list[Task]:
        """The readiness checklist at `as_at` (the suggested tasks while none is stored), the
        tasks ticked from records ticked by what the records say then."""
        with self._reading() as conn:
            stored = checklist_store.tasks(conn, window_starts, as_at)
        return tick_from_records(stored, self.checklist_ticks(as_at))

    def save_checklist(self, edited: Sequence[Task], today: date, *, by: Person) -> None:
        """Store the checklist as edited, all at once. ValueError, storing nothing, for a task
        with no words or an unknown status."""
        with self._writing(by, Change.CHECKLIST) as conn:
            before = [asdict(task) for task in checklist_store.tasks(conn, None, today)]
            checklist_store.save_tasks(conn, edited, today)
            after = [asdict(task) for task in checklist_store.tasks(conn, None, today)]
            if before != after:
                self._audit(conn, by, "checklist", "Readiness checklist", before, after)


def _event_words(event: Inspection | EventInput) -> str:
    """How the audit names an inspection event: its kind and first day."""
    kind, start = (
        (event.event_type, event.fieldwork_start)
        if hasattr(event, "event_type")
        else (event.kind, event.start)
    )
    return f"{kind} from {start:%d %b %Y}" if start else kind
