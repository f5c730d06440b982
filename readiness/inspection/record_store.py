"""The stored inspection history: the national record (replaced whole at each import, so a
re-import of the same files changes nothing) and the council's own events.

The council's own events are the `inspection_event` rows (entered in the app, loaded with the
demo, or read from a report); they belong to the council whose KPIs are shown, or "own" before
any is chosen. This module is the only SQL on these tables; every function takes a Connection
and never commits (readiness.store owns the transaction).
"""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import Connection, delete, insert, select

from readiness.db.models import (
    InspectionEvent,
    InspectionGrade,
    KpiCouncil,
    NationalCouncil,
    NationalInspection,
    PlanEvent,
)
from readiness.inspection.event_checks import event_problems
from readiness.inspection.events import Inspection
from readiness.inspection.national_councils import Council
from readiness.inspection.national_files import NationalRecord
from readiness.inspection.predict import Prediction, predict
from readiness.plan.input import EventInput
from readiness.settings import InspectionSettings

OWN = "own"  # the council's code before its KPIs name it


def store_record(conn: Connection, record: NationalRecord, imported_on: date) -> None:
    """Replace the stored national record with `record`."""
    conn.execute(delete(NationalInspection))
    conn.execute(delete(NationalCouncil))
    if record.councils:
        conn.execute(
            insert(NationalCouncil),
            [
                {
                    "la_code": c.la_code,
                    "name": c.name,
                    "urn": c.urn,
                    "ons_code": c.ons_code,
                    "region": c.region,
                    "neighbours": ",".join(c.neighbours),
                }
                for c in record.councils.values()
            ],
        )
    if record.inspections:
        conn.execute(insert(NationalInspection), [_row(i, imported_on) for i in record.inspections])


def _row(i: Inspection, imported_on: date) -> dict:
    return {
        "la_code": i.la_code,
        "kind": i.kind,
        "start": i.start,
        "end": i.end,
        "published": i.published,
        "grades": json.dumps(i.grades, sort_keys=True),
        "theme": i.theme,
        "type_source": i.type_source,
        "lead_inspector": i.lead_inspector,
        "source": i.source,
        "notes": "\n".join(i.notes),
        "imported_on": imported_on,
    }


def load_record(conn: Connection) -> NationalRecord:
    """The stored national record (empty if none was imported)."""
    councils = {
        r.la_code: Council(
            la_code=r.la_code,
            name=r.name,
            ons_code=r.ons_code,
            region=r.region,
            neighbours=tuple(c for c in r.neighbours.split(",") if c),
            urn=r.urn,
        )
        for r in conn.execute(select(NationalCouncil))
    }
    t = NationalInspection
    inspections = tuple(
        Inspection(
            la_code=r.la_code,
            kind=r.kind,
            start=r.start,
            end=r.end,
            published=r.published,
            grades=json.loads(r.grades),
            theme=r.theme,
            type_source=r.type_source,
            lead_inspector=r.lead_inspector,
            source=r.source,
            notes=tuple(n for n in r.notes.split("\n") if n),
        )
        for r in conn.execute(select(t).order_by(t.la_code, t.start, t.id))
    )
    return NationalRecord(councils, inspections, (), ())


def council_code(conn: Connection) -> str:
    """The council's DfE number: the one its KPIs are shown for, else OWN."""
    return conn.scalar(select(KpiCouncil.la_code)) or OWN


def own_events(conn: Connection, la_code: str) -> list[Inspection]:
    """The council's own inspection events with their grades, oldest first."""
    return [event for _id, event in own_event_rows(conn, la_code)]


def own_event_rows(conn: Connection, la_code: str) -> list[tuple[int, Inspection]]:
    """(stored id, event) of each of the council's own events, oldest first: the id is what
    `delete_own_event` takes."""
    grades: dict[int, dict[str, str]] = {}
    for event_id, area, grade in conn.execute(
        select(InspectionGrade.event_id, InspectionGrade.area, InspectionGrade.grade)
    ):
        grades.setdefault(event_id, {})[area] = grade
    t = InspectionEvent
    return [
        (
            r.id,
            Inspection(
                la_code=la_code,
                kind=r.event_type,
                start=r.fieldwork_start,
                end=r.fieldwork_end,
                published=r.published,
                grades=grades.get(r.id, {}),
                theme=r.theme,
                type_source="entered",
                lead_inspector=r.lead_inspector,
                source="the council's own history",
                notes=(r.summary,) if r.summary else (),
            ),
        )
        for r in conn.execute(select(t).order_by(t.fieldwork_start, t.id))
    ]


def add_events(conn: Connection, events: list[EventInput]) -> list[int]:
    """Store inspection events with their grades, as given; their new ids."""
    ids = []
    for e in events:
        event_id = conn.scalar(
            insert(InspectionEvent)
            .values(
                event_type=e.event_type,
                fieldwork_start=e.fieldwork_start,
                fieldwork_end=e.fieldwork_end,
                published=e.published,
                summary=e.summary,
                theme=e.theme,
                lead_inspector=e.lead_inspector,
            )
            .returning(InspectionEvent.id)
        )
        if e.grades:
            conn.execute(
                insert(InspectionGrade),
                [{"event_id": event_id, "area": a, "grade": g} for a, g in e.grades.items()],
            )
        ids.append(event_id)
    return ids


def add_own_event(conn: Connection, event: EventInput) -> int:
    """Store one of the council's own events with its grades; its id. ValueError, storing
    nothing, if it cannot be right (readiness.inspection.event_checks)."""
    if problems := event_problems(event):
        raise ValueError(" ".join(problems))
    return add_events(conn, [event])[0]


def delete_own_event(conn: Connection, event_id: int) -> None:
    """Remove one of the council's own events, its grades and its links to plans."""
    conn.execute(delete(InspectionGrade).where(InspectionGrade.event_id == event_id))
    conn.execute(delete(PlanEvent).where(PlanEvent.event_id == event_id))
    conn.execute(delete(InspectionEvent).where(InspectionEvent.id == event_id))


def stored_prediction(conn: Connection, as_at: date, settings: InspectionSettings) -> Prediction:
    """The council's predicted next inspection from what the database holds."""
    la_code = council_code(conn)
    record = load_record(conn)
    return predict(
        own_events(conn, la_code), record.inspections, la_code, as_at, settings, settings.calendar
    )
