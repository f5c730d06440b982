"""The app's access to the database, through the one store app.py opens (readiness.store), cached
once per server and shared by every session.

* one store per database URL (not per day: a server running past midnight keeps it);
* the current plan is read at most once a minute, or at once after this app writes to it, and
  kept as immutable records that every session shares (no copy per rerun); a read that finds
  the plan as it was keeps its number, so nothing worked out from it is worked out again;
* the status at an as-at date for a lead is worked out once per loaded plan and kept for reuse,
  until the plan changes; each caller gets its own copy-on-write copy of its tables, so a page
  that changed one in place would change only its own (pandas copies a shared table's data on
  the first write);
* a read kept for a minute is, once the minute is up, still shown while it is read again in
  the background, so nobody waits for it (for up to a minute more: Streamlit's
  runner.cacheBackgroundRefreshTTLMultiplier, 2 by default);
* the predicted next inspection at an as-at date is read at most once a minute, or at once after
  this app changes the council's events; the national outlook, which fits a model to the whole
  national record, is worked out once per stored record and as-at date.
"""

from __future__ import annotations

import copy
import itertools
import os
import threading
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

import pandas as pd
import streamlit as st

from components.kept import kept_for_read
from readiness.db.engine import resolve_database_url
from readiness.inspection.calendar import CalendarRules
from readiness.inspection.checklist import ChecklistSummary, Task, summarise
from readiness.inspection.events import Inspection
from readiness.inspection.hazard import fit_hazard
from readiness.inspection.national_files import NationalRecord
from readiness.inspection.outlook import OutlookRow, outlook
from readiness.inspection.predict import Prediction, council_history
from readiness.inspection.queue import by_council, known_at
from readiness.kpi.positions import KpiStatus
from readiness.plan.records import PlanData
from readiness.plan.status import PlanStatus, plan_status, workload_by_lead
from readiness.self_evaluation.compose import Drafted
from readiness.self_evaluation.engagement import EngagementSummary
from readiness.settings import DATABASE_ENV, Settings, load_settings
from readiness.store import Store

_LOADS = itertools.count(1)
Shared = TypeVar("Shared")


@dataclass(frozen=True)
class LoadedPlan:
    """A plan as read at one moment; `load` numbers the reads, so caches keyed by it never mix
    up two versions of the plan."""

    load: int
    plan: PlanData | None


# The configured database's (URL, store), by the value of READINESS_DATABASE_URL that chose it.
# A page asks for them about ten times a run, and each cached call below costs its arguments'
# hashing and inspection: this dict answers them for a dictionary lookup. Emptied whenever the
# settings or a store are let go (st.cache_resource.clear(), as tests and benchmarks do).
_OPENED: dict[str | None, tuple[str, Store]] = {}


def _forget_opened(_released: object) -> None:
    _OPENED.clear()


@st.cache_resource(on_release=_forget_opened)
def get_settings() -> Settings:
    return load_settings()


@st.cache_resource(on_release=_forget_opened)
def _open(url: str, _today: date | None) -> Store:
    """The store of the database at `url`, its schema made current; a brand-new database gets
    the demo, dated around `_today`, if configured (and `_today` is given)."""
    settings = get_settings()
    store = Store.open(url, settings)
    brand_new = store.schema_revision() is None
    demo = _today is not None and brand_new and settings.database.demo_when_empty
    store.prepare(_today if demo else None)
    return store


def _opened(today: date | None) -> tuple[str, Store]:
    chosen = os.environ.get(DATABASE_ENV)
    found = _OPENED.get(chosen)
    if found is None:
        url = resolve_database_url(get_settings())
        found = _OPENED[chosen] = (url, _open(url, today))
    return found


def open_store(today: date) -> Store:
    """For app.py, first on every run: the configured database's store, opened once per server
    with today's date, which dates the demo a brand-new database is filled with."""
    return _opened(today)[1]


def _here() -> tuple[str, Store]:
    """The configured database's URL (what the caches below are kept by) and its store."""
    return _opened(None)


def store() -> Store:
    """The store app.py opened, for pages and components: every read and write goes through
    it."""
    return _here()[1]


def _private(shared: Shared) -> Shared:
    """A copy of a cached frozen record whose tables (its DataFrame fields, and those it worked
    out and kept) are copy-on-write copies: cheap, and a page that changes one in place changes
    its own, never what every other session is shown."""
    handed = copy.copy(shared)
    for name, value in list(vars(handed).items()):
        if isinstance(value, pd.DataFrame):
            vars(handed)[name] = value.copy(deep=False)
    return handed


class _Numbering:
    """Numbers each plan read; a read equal to the one before keeps its number and its object.

    The plan is read again every minute, to show what another process stored (the command line's
    import-plan). A new number each time made every status, workload and comparison be worked out
    again after a minute's idle (1.6-1.9 s of CPU at 100x) and kept the old ones, each holding a
    whole plan, until 64 newer ones pushed them out: 840 MB after 200 page changes at 100x.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._latest = LoadedPlan(0, None)

    def number(self, plan: PlanData | None) -> LoadedPlan:
        with self._lock:
            if self._latest.load and plan == self._latest.plan:
                return self._latest
            self._latest = LoadedPlan(next(_LOADS), plan)
        # Everything worked out from an earlier plan is never asked for again.
        _status.clear()
        _workload.clear()
        return self._latest


_NUMBERING = _Numbering()


@st.cache_resource(ttl=60, refresh_mode="background", show_spinner="Reading the plan…")
def _load(url: str, _store: Store) -> LoadedPlan:
    return _NUMBERING.number(_store.current_plan())


def current_plan() -> LoadedPlan:
    """The current plan, shared by every session (its records are immutable)."""
    return _load(*_here())


def refresh_plan() -> None:
    """Forget the cached plan, so the next read shows what was just saved."""
    _load.clear()


@st.cache_resource(max_entries=64)
def _status(load: int, as_at: date, lead: str | None, _plan: PlanData) -> PlanStatus:
    status = plan_status(_plan, as_at, get_settings(), lead=lead)
    _ = status.overdue  # worked out once, here, so that every caller's copy carries it
    return status


def current_status(loaded: LoadedPlan, as_at: date, lead: str | None) -> PlanStatus:
    """The plan's colours on `as_at` for `lead` (None: everyone): this caller's copy."""
    return _private(_status(loaded.load, as_at, lead, loaded.plan))


@st.cache_resource(max_entries=16)
def _workload(load: int, as_at: date, _plan: PlanData):
    return workload_by_lead(_plan, _status(load, as_at, None, _plan))


def lead_workload(loaded: LoadedPlan, as_at: date) -> pd.DataFrame:
    """Each lead officer's actions by state on `as_at`, worst first: this caller's copy."""
    return _workload(loaded.load, as_at, loaded.plan).copy(deep=False)


@st.cache_resource(ttl=60, refresh_mode="background", show_spinner="Reading the indicators…")
def _kpis(url: str, as_at: date, _store: Store) -> KpiStatus | None:
    return _store.kpi_status(as_at)


def current_kpis(as_at: date) -> KpiStatus | None:
    """Every indicator's position at `as_at` (this caller's copy of the shared figures); None
    before any KPIs are loaded."""
    url, opened = _here()
    kpis = _kpis(url, as_at, opened)
    return None if kpis is None else _private(kpis)


def refresh_kpis() -> None:
    _kpis.clear()
    # The council the KPIs are loaded for is the council whose inspections are predicted.
    refresh_inspection()


def current_links(loaded: LoadedPlan) -> dict[int, tuple[str, ...]]:
    """The indicators each action should move (readiness.plan.impact), from the loaded plan."""
    if loaded.plan is None:
        return {}
    actions = loaded.plan.actions
    return kept_for_read(
        loaded.load, ("links",), lambda: {a.id: a.indicators for a in actions if a.indicators}
    )


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


@st.cache_resource(ttl=60, refresh_mode="background", show_spinner="Reading the national record…")
def _national(url: str, _store: Store) -> StoredRecord:
    record = _store.national_record()
    return StoredRecord(hash(repr(record.inspections)), record)


def current_record() -> NationalRecord | None:
    """The stored national record, shared by every session; None before one is imported."""
    record = _national(*_here()).record
    return record if record.inspections else None


@st.cache_resource(
    ttl=60,
    max_entries=16,
    refresh_mode="background",
    show_spinner="Working out the next inspection…",
)
def _inspections(url: str, as_at: date, _store: Store) -> CouncilInspections:
    la_code = _store.council_code()
    own = tuple(_store.own_events())
    prediction = _store.prediction(as_at)
    national = _national(url, _store).record.inspections
    history = council_history([event for _id, event in own], national, la_code)
    return CouncilInspections(
        la_code, prediction, tuple(known_at(history, as_at, own=la_code)), own
    )


def current_inspections(as_at: date) -> CouncilInspections:
    """The council's events and predicted next inspection at `as_at`. Shared: never modify it."""
    url, opened = _here()
    return _inspections(url, as_at, opened)


def current_prediction(as_at: date) -> Prediction:
    """The council's predicted next full inspection at `as_at`."""
    return current_inspections(as_at).prediction


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


@st.cache_resource(ttl=60, max_entries=16, refresh_mode="background")
def _checklist(url: str, as_at: date, _store: Store, _prediction: Prediction) -> Checklist:
    current = tuple(_store.checklist(_prediction.window.earliest, as_at))
    opens = _prediction.opens
    return Checklist(
        current, summarise(current, as_at, opens, get_settings().rag.due_soon_days), opens
    )


def current_checklist(as_at: date) -> Checklist:
    """The readiness checklist at `as_at`, against the predicted window. Shared: never modify."""
    url, opened = _here()
    return _checklist(url, as_at, opened, current_prediction(as_at))


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


def current_outlook(as_at: date) -> tuple[OutlookRow, ...] | None:
    """Every council in the national record, most likely to be inspected within OUTLOOK_DAYS
    of `as_at` first; None before a record is imported, empty if it is too small to learn from."""
    stored = _national(*_here())
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


@st.cache_resource(ttl=60, max_entries=16, refresh_mode="background")
def _engagement(url: str, as_at: date, _store: Store) -> EngagementSummary:
    return _store.engagement_summary(as_at)


def current_engagement(as_at: date) -> EngagementSummary:
    """The next engagement meeting and the warnings due at `as_at` (a year without a
    self-evaluation submitted or a meeting held), for the Overview. Shared: never modify it."""
    url, opened = _here()
    return _engagement(url, as_at, opened)


def refresh_engagement() -> None:
    """Forget the engagement summary and the checklist these records tick, so the next read
    uses the meeting, feedback or self-evaluation just saved."""
    _engagement.clear()
    refresh_inspection()


def self_evaluation_draft(loaded: LoadedPlan, as_at: date) -> Drafted:
    """The self-evaluation's generated lines at `as_at`, worked out once per plan read, date and
    indicator figures (their positions name them: a new load of figures makes a new draft), and
    shared. People's words are laid over it on every read (Store.self_evaluation)."""
    kpis = current_kpis(as_at)
    figures = kpis.positions if kpis else None

    def build() -> Drafted:
        status = current_status(loaded, as_at, None) if loaded.plan else None
        return store().self_evaluation_draft(as_at, plan=loaded.plan, status=status, kpis=kpis)

    return kept_for_read(loaded.load, ("self-evaluation draft", as_at, figures), build)
