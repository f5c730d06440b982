"""The app's access to the database, cached once per server, shared by every session.

* one engine per database URL (not per day: a server running past midnight keeps its engine);
* the current plan is read at most once a minute, or at once after this app writes to it, and
  kept as immutable records that every session shares (no copy per rerun);
* the status at an as-at date for a lead is worked out once per loaded plan and kept for reuse;
* the predicted next inspection at an as-at date is read at most once a minute, or at once after
  this app changes the council's events; the national outlook, which fits a model to the whole
  national record, is worked out once per stored record and as-at date.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date

import streamlit as st
from sqlalchemy import Engine

from readiness.db.engine import make_engine, resolve_database_url, schema_revision
from readiness.demo.prepare import prepare_database
from readiness.inspection.calendar import CalendarRules
from readiness.inspection.checklist import ChecklistSummary, Task, summarise
from readiness.inspection.checklist_store import tasks
from readiness.inspection.events import Inspection
from readiness.inspection.hazard import fit_hazard
from readiness.inspection.national_files import NationalRecord
from readiness.inspection.outlook import OutlookRow, outlook
from readiness.inspection.predict import Prediction, council_history
from readiness.inspection.queue import by_council, known_at
from readiness.inspection.record_store import (
    council_code,
    load_record,
    own_event_rows,
    stored_prediction,
)
from readiness.kpi.positions import KpiStatus, stored_kpi_status
from readiness.plan.importing.mapping import ColumnMap
from readiness.plan.records import PlanData, PlanSummary
from readiness.plan.status import PlanStatus, plan_status, workload_by_lead
from readiness.plan.store import column_maps, list_plans, load_plan
from readiness.settings import Settings, load_settings

_LOADS = itertools.count(1)


@dataclass(frozen=True)
class LoadedPlan:
    """A plan as read at one moment; `load` numbers the reads, so caches keyed by it never mix
    up two versions of the plan."""

    load: int
    plan: PlanData | None


@st.cache_resource
def get_settings() -> Settings:
    return load_settings()


@st.cache_resource
def get_engine(url: str, demo_when_empty: bool, _today: date) -> Engine:
    """An engine with the schema up to date; a brand-new database gets the demo, dated around
    the day the server first opened it, if configured."""
    engine = make_engine(url)
    prepare_database(engine, _today, demo=demo_when_empty and schema_revision(engine) is None)
    return engine


def current_engine(today: date) -> Engine:
    settings = get_settings()
    return get_engine(resolve_database_url(settings), settings.database.demo_when_empty, today)


@st.cache_resource(ttl=60, show_spinner="Reading the plan…")
def _load(url: str, _engine: Engine) -> LoadedPlan:
    with _engine.connect() as conn:
        return LoadedPlan(next(_LOADS), load_plan(conn))


def current_plan(today: date) -> LoadedPlan:
    """The current plan, shared by every session (its records are immutable)."""
    return _load(resolve_database_url(get_settings()), current_engine(today))


def stored_plans(today: date) -> list[PlanSummary]:
    with current_engine(today).connect() as conn:
        return list_plans(conn)


def refresh_plan() -> None:
    """Forget the cached plan, so the next read shows what was just saved."""
    _load.clear()


@st.cache_resource(max_entries=64)
def _status(load: int, as_at: date, lead: str | None, _plan: PlanData) -> PlanStatus:
    return plan_status(_plan, as_at, get_settings(), lead=lead)


def current_status(loaded: LoadedPlan, as_at: date, lead: str | None) -> PlanStatus:
    """The plan's colours on `as_at` for `lead` (None: everyone). Shared: never modify it."""
    return _status(loaded.load, as_at, lead, loaded.plan)


@st.cache_resource(max_entries=16)
def _workload(load: int, as_at: date, _plan: PlanData):
    return workload_by_lead(_plan, _status(load, as_at, None, _plan))


def lead_workload(loaded: LoadedPlan, as_at: date):
    """Each lead officer's actions by state on `as_at`, worst first. Shared: never modify it."""
    return _workload(loaded.load, as_at, loaded.plan)


def saved_mappings(today: date) -> dict[str, ColumnMap]:
    """The column mappings users gave for earlier files, by heading row
    (readiness.plan.store.column_maps)."""
    with current_engine(today).connect() as conn:
        return column_maps.saved(conn)


@st.cache_resource(ttl=60, show_spinner="Reading the indicators…")
def _kpis(url: str, as_at: date, _engine: Engine) -> KpiStatus | None:
    with _engine.connect() as conn:
        return stored_kpi_status(conn, as_at, get_settings().kpis)


def current_kpis(today: date, as_at: date) -> KpiStatus | None:
    """Every indicator's position at `as_at`, shared by every session; None before any KPIs are
    loaded."""
    return _kpis(resolve_database_url(get_settings()), as_at, current_engine(today))


def refresh_kpis() -> None:
    _kpis.clear()
    # The council the KPIs are loaded for is the council whose inspections are predicted.
    refresh_inspection()


def current_links(loaded: LoadedPlan) -> dict[int, tuple[str, ...]]:
    """The indicators each action should move (readiness.plan.impact), from the loaded plan."""
    if loaded.plan is None:
        return {}
    return {a.id: a.indicators for a in loaded.plan.actions if a.indicators}


# The national outlook's horizon: a quarter, the span a board plans its next steps over.
OUTLOOK_DAYS = 91


@dataclass(frozen=True)
class CouncilInspections:
    """The council's inspection history and its predicted next inspection at one as-at date."""

    la_code: str
    prediction: Prediction
    known: tuple[Inspection, ...]  # own and national events known at the as-at date
    own: tuple[tuple[int, Inspection], ...]  # (stored id, event) of its own events, any date


@dataclass(frozen=True)
class StoredRecord:
    """The national record as read, with a fingerprint that changes whenever its content does."""

    fingerprint: int
    record: NationalRecord


@st.cache_resource(ttl=60, show_spinner="Reading the national record…")
def _national(url: str, _engine: Engine) -> StoredRecord:
    with _engine.connect() as conn:
        record = load_record(conn)
    return StoredRecord(hash(repr(record.inspections)), record)


def current_record(today: date) -> NationalRecord | None:
    """The stored national record, shared by every session; None before one is imported."""
    record = _national(resolve_database_url(get_settings()), current_engine(today)).record
    return record if record.inspections else None


@st.cache_resource(ttl=60, max_entries=16, show_spinner="Working out the next inspection…")
def _inspections(url: str, as_at: date, _engine: Engine) -> CouncilInspections:
    with _engine.connect() as conn:
        la_code = council_code(conn)
        own = tuple(own_event_rows(conn, la_code))
        prediction = stored_prediction(conn, as_at, get_settings().inspection)
    national = _national(url, _engine).record.inspections
    history = council_history([event for _id, event in own], national, la_code)
    return CouncilInspections(
        la_code, prediction, tuple(known_at(history, as_at, own=la_code)), own
    )


def current_inspections(today: date, as_at: date) -> CouncilInspections:
    """The council's events and predicted next inspection at `as_at`. Shared: never modify it."""
    return _inspections(resolve_database_url(get_settings()), as_at, current_engine(today))


def current_prediction(today: date, as_at: date) -> Prediction:
    """The council's predicted next full inspection at `as_at`."""
    return current_inspections(today, as_at).prediction


def refresh_inspection() -> None:
    """Forget the cached prediction and checklist, so the next read uses what was just saved."""
    _inspections.clear()
    _checklist.clear()


@dataclass(frozen=True)
class Checklist:
    """The readiness checklist at one as-at date: its tasks and how many are not ready."""

    tasks: tuple[Task, ...]
    summary: ChecklistSummary
    published_opens: date | None


@st.cache_resource(ttl=60, max_entries=16)
def _checklist(url: str, as_at: date, _engine: Engine, _prediction: Prediction) -> Checklist:
    with _engine.connect() as conn:
        current = tuple(tasks(conn, _prediction.window.earliest, as_at))
    opens = _prediction.opens
    return Checklist(
        current, summarise(current, as_at, opens, get_settings().rag.due_soon_days), opens
    )


def current_checklist(today: date, as_at: date) -> Checklist:
    """The readiness checklist at `as_at`, against the predicted window. Shared: never modify."""
    prediction = current_prediction(today, as_at)
    return _checklist(
        resolve_database_url(get_settings()), as_at, current_engine(today), prediction
    )


@st.cache_resource(max_entries=16, show_spinner="Working out every council's chances…")
def _outlook(
    fingerprint: int,
    as_at: date,
    rules: CalendarRules,
    no_overall_rule: str,
    _events: tuple[Inspection, ...],
) -> tuple[OutlookRow, ...]:
    grouped = by_council(_events)
    hazard = fit_hazard(grouped, as_at, rules)
    if hazard is None:  # too few inspections published before `as_at` to learn from
        return ()
    rows = outlook(
        _events,
        as_at,
        rules,
        horizon_days=OUTLOOK_DAYS,
        hazard=hazard,
        no_overall_rule=no_overall_rule,
    )
    return tuple(rows)


def current_outlook(today: date, as_at: date) -> tuple[OutlookRow, ...] | None:
    """Every council in the national record, most likely to be inspected within OUTLOOK_DAYS
    of `as_at` first; None before a record is imported, empty if it is too small to learn from."""
    stored = _national(resolve_database_url(get_settings()), current_engine(today))
    if not stored.record.inspections:
        return None
    settings = get_settings().inspection
    return _outlook(
        stored.fingerprint,
        as_at,
        settings.calendar,
        settings.no_overall_grade_rule,
        stored.record.inspections,
    )
