"""Getting a database ready to use: upgrade the schema, and load the demo plan into a new one."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine, func, select

from readiness.db import session_scope, upgrade
from readiness.demo import demo_events, demo_plan
from readiness.models import ImprovementPlan
from readiness.plan_input import add_events, add_plan


def has_plan(engine: Engine) -> bool:
    with engine.connect() as conn:
        return bool(conn.scalar(select(func.count()).select_from(ImprovementPlan)))


def load_demo(engine: Engine, as_at: date) -> None:
    """Store the demo council's plan and inspection history, dated around `as_at`."""
    with session_scope(engine) as session:
        events = add_events(session, demo_events(as_at))
        add_plan(session, demo_plan(as_at), events)


def prepare_database(engine: Engine, as_at: date, demo: bool) -> bool:
    """Upgrade the schema; with `demo`, fill an empty database with the demo. True if it did."""
    upgrade(engine)
    if demo and not has_plan(engine):
        load_demo(engine, as_at)
        return True
    return False
