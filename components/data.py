"""The app's access to the database, cached: one engine per URL, the plan re-read every minute.

Every cached function takes what it depends on as arguments, so a change of database or
settings never returns stale data; filters are applied outside the cache.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from readiness.bootstrap import prepare_database
from readiness.db import make_engine, resolve_database_url, schema_revision
from readiness.plan_data import PlanData, load_plan_data
from readiness.settings import Settings, load_settings
from readiness.status import PlanStatus, plan_status


@st.cache_resource
def get_settings() -> Settings:
    return load_settings()


@st.cache_resource
def get_engine(url: str, demo_when_empty: bool, today: date):
    """An engine with the schema up to date; a brand-new database gets the demo if configured."""
    engine = make_engine(url)
    prepare_database(engine, today, demo=demo_when_empty and schema_revision(engine) is None)
    return engine


def database_url() -> str:
    return resolve_database_url(get_settings())


@st.cache_data(ttl=60, show_spinner="Reading the plan…")
def get_plan(url: str, today: date) -> PlanData | None:
    settings = get_settings()
    return load_plan_data(get_engine(url, settings.database.demo_when_empty, today))


def current_plan(today: date) -> PlanData | None:
    return get_plan(database_url(), today)


def current_engine(today: date):
    return get_engine(database_url(), get_settings().database.demo_when_empty, today)


def refresh_plan() -> None:
    """Forget the cached plan so the next read shows what was just saved."""
    get_plan.clear()


def current_status(plan: PlanData, as_at: date, lead: str | None) -> PlanStatus:
    return plan_status(plan, as_at, get_settings(), lead=lead)
