"""Getting a database ready to use: upgrade the schema, and load the demo plan into a new one."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from readiness.db.engine import upgrade
from readiness.demo import kpis as kpi_demo
from readiness.demo.plan import demo_events, demo_plan
from readiness.kpi import store as kpi_store
from readiness.plan import store as plan_store
from readiness.plan.impact import set_action_links


def has_plan(engine: Engine) -> bool:
    with engine.connect() as conn:
        return plan_store.current_plan_id(conn) is not None


def load_demo(engine: Engine, as_at: date) -> None:
    """Store the demo council's plan, inspection history and KPIs, dated around `as_at`."""
    with engine.begin() as conn:
        events = plan_store.add_events(conn, demo_events(as_at))
        plan_store.add_plan(conn, demo_plan(as_at), stored_on=as_at, event_ids=events)
        kpi_store.set_council(conn, kpi_demo.COUNCIL)
        kpi_store.set_neighbours(conn, {kpi_demo.COUNCIL.la_code: kpi_demo.NEIGHBOURS})
        kpi_store.write_values(conn, kpi_demo.demo_kpis(as_at), as_at)
        for indicator, (target, tolerance) in kpi_demo.TARGETS.items():
            kpi_store.set_target(conn, indicator, target, tolerance, as_at)
        stored = plan_store.load_plan(conn)
        for action_id, indicators in kpi_demo.demo_links(stored.actions).items():
            set_action_links(conn, action_id, indicators)


def prepare_database(engine: Engine, as_at: date, demo: bool) -> bool:
    """Upgrade the schema; with `demo`, fill an empty database with the demo. True if it did."""
    upgrade(engine)
    if demo and not has_plan(engine):
        load_demo(engine, as_at)
        return True
    return False
