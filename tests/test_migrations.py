"""Alembic migrations build the schema on an empty SQLite file and an empty PostgreSQL database,
agree with the models, and upgrade an existing database in place without losing its data."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from readiness.bootstrap import has_plan, prepare_database
from readiness.db import head_revision, make_engine, schema_revision, upgrade
from readiness.models import Base
from readiness.plan_data import load_plan_data
from tests.conftest import AS_AT


def test_migrations_create_the_schema_on_an_empty_database(any_db_url):
    engine = make_engine(any_db_url)
    assert schema_revision(engine) is None
    upgrade(engine)
    assert schema_revision(engine) == head_revision()
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    engine.dispose()


def test_migrations_match_the_models(any_db_url):
    engine = make_engine(any_db_url)
    upgrade(engine)
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert differences == []


def test_upgrading_again_keeps_the_data(any_db_url):
    engine = make_engine(any_db_url)
    assert prepare_database(engine, AS_AT, demo=True) is True
    before = load_plan_data(engine)
    assert prepare_database(engine, AS_AT, demo=True) is False  # demo not loaded twice
    assert has_plan(engine)
    assert load_plan_data(engine) == before
    engine.dispose()


def test_demo_round_trips_through_the_database(any_db_url):
    engine = make_engine(any_db_url)
    prepare_database(engine, AS_AT, demo=True)
    plan = load_plan_data(engine)
    assert len(plan.actions) == 100
    assert plan.events[0].event_type == "standard" and plan.events[0].grades
    assert all(a.service_leads for a in plan.actions)
    assert sum(len(a.updates) for a in plan.actions) > 100
    engine.dispose()
