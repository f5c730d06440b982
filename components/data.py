"""The app's access to the database, cached once per server, shared by every session.

* one engine per database URL (not per day: a server running past midnight keeps its engine);
* the current plan is read at most once a minute, or at once after this app writes to it, and
  kept as immutable records that every session shares (no copy per rerun);
* the status at an as-at date for a lead is worked out once per loaded plan and kept for reuse.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date

import streamlit as st
from sqlalchemy import Engine

from readiness import column_maps
from readiness.bootstrap import prepare_database
from readiness.db import make_engine, resolve_database_url, schema_revision
from readiness.importing.mapping import ColumnMap
from readiness.kpi import store as kpi_store
from readiness.kpi.status import KpiStatus, kpi_status
from readiness.plan_store import list_plans, load_plan
from readiness.records import PlanData, PlanSummary
from readiness.settings import Settings, load_settings
from readiness.status import PlanStatus, plan_status, workload_by_lead

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
    """The column mappings users gave for earlier files, by heading row (readiness.column_maps)."""
    with current_engine(today).connect() as conn:
        return column_maps.saved(conn)


@st.cache_resource(ttl=60, show_spinner="Reading the indicators…")
def _kpis(url: str, as_at: date, _engine: Engine) -> KpiStatus | None:
    with _engine.connect() as conn:
        council = kpi_store.council(conn)
        if council is None:
            return None
        return kpi_status(
            kpi_store.load_values(conn),
            council,
            kpi_store.neighbours_of(conn, council.la_code),
            kpi_store.targets(conn),
            as_at,
            get_settings().kpis,
            extra=kpi_store.local_indicators(conn),
        )


def current_kpis(today: date, as_at: date) -> KpiStatus | None:
    """Every indicator's position at `as_at`, shared by every session; None before any KPIs are
    loaded."""
    return _kpis(resolve_database_url(get_settings()), as_at, current_engine(today))


def refresh_kpis() -> None:
    _kpis.clear()


def current_links(loaded: LoadedPlan) -> dict[int, tuple[str, ...]]:
    """The indicators each action should move (readiness.kpi.impact), from the loaded plan."""
    if loaded.plan is None:
        return {}
    return {a.id: a.indicators for a in loaded.plan.actions if a.indicators}
