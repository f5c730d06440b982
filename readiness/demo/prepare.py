"""Getting a database ready to use: upgrade the schema, and load the demo plan into a new one.

readiness.store.Store.prepare is how the app and the command line do it; tests and scripts that
make a database call prepare_database directly.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, Engine

from readiness.db.engine import upgrade
from readiness.demo import kpis as kpi_demo
from readiness.demo.engagement import load_demo_engagement
from readiness.demo.plan import demo_events, demo_plan
from readiness.inspection.record_store import add_events
from readiness.kpi import store as kpi_store
from readiness.plan import store as plan_store
from readiness.plan.impact import set_action_links
from readiness.settings import Settings


def load_demo(conn: Connection, as_at: date) -> None:
    """Store the demo council's plan, inspection history, KPIs and year with Ofsted (its
    self-evaluation and engagement meeting), dated around `as_at`."""
    events = add_events(conn, demo_events(as_at))
    plan_store.add_plan(conn, demo_plan(as_at), stored_on=as_at, event_ids=events)
    kpi_store.set_council(conn, kpi_demo.COUNCIL)
    kpi_store.set_neighbours(conn, {kpi_demo.COUNCIL.la_code: kpi_demo.NEIGHBOURS})
    kpi_store.write_values(conn, kpi_demo.demo_kpis(as_at), as_at)
    for indicator, (target, tolerance) in kpi_demo.TARGETS.items():
        kpi_store.set_target(conn, indicator, target, tolerance, as_at)
    stored = plan_store.load_plan(conn)
    for action_id, indicators in kpi_demo.demo_links(stored.actions).items():
        set_action_links(conn, action_id, indicators)
    load_demo_engagement(conn, as_at, Settings())


def prepare_database(engine: Engine, as_at: date | None, demo: bool) -> bool:
    """Upgrade the schema (each migration its own step, readiness.db.engine); with `demo`, fill
    a database that holds no plan with the demo, dated around `as_at`, in one transaction. True
    if it did."""
    upgrade(engine)
    if not demo:
        return False
    with engine.begin() as conn:
        if plan_store.current_plan_id(conn) is not None:
            return False
        load_demo(conn, as_at)
    return True
