"""Bigger plans for the benchmarks: the demo council's plan replicated N times, and somewhere to
store it (a SQLite file, or a scratch PostgreSQL database created and dropped around the use).

`scaled_plan(as_at, copies)` keeps every action's dates, status and progress history; each copy
gets fresh recommendation numbers ("REC 1" in copy 2 of a plan with five RECs is "REC 6"), and
from 2 copies up the actions are spread over 50 invented lead officers so that one person's
"My actions" grows with the plan, as it would in a big council.
"""

from __future__ import annotations

import copy
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from readiness.access.roles import command_line
from readiness.db.engine import make_engine
from readiness.demo.plan import demo_plan
from readiness.demo.prepare import prepare_database
from readiness.plan.input import PlanInput
from readiness.settings import Settings
from readiness.store import Store

# Fictional people, invented for the benchmark: none is a real officer of any council.
FIRST_NAMES = ("Alys", "Bram", "Cerys", "Dev", "Esme", "Fergus", "Gwen", "Hamza", "Isla", "Jude")
LAST_NAMES = ("Marlowe", "Quenby", "Tregarth", "Ashdown", "Vellacott")
BENCH_LEADS = tuple(f"{first} {last}" for last in LAST_NAMES for first in FIRST_NAMES)
BENCH_ROLES = ("Service Manager", "Team Manager", "Practice Leader", "Head of Service")


def scaled_plan(as_at: date, copies: int) -> PlanInput:
    """The demo plan with its recommendations repeated `copies` times under distinct refs."""
    demo = demo_plan(as_at)
    if copies <= 1:
        return demo
    per_kind = Counter(rec.kind for rec in demo.recommendations)
    recommendations = []
    n = 0
    for c in range(copies):
        for rec in demo.recommendations:
            new = copy.deepcopy(rec)
            number = int(rec.ref.split()[-1]) + c * per_kind[rec.kind]
            new.ref = f"{rec.kind} {number}"
            if c:
                new.text = f"{rec.text} (part {c + 1})"
            for theme in new.themes:
                for action in theme.actions:
                    action.service_leads = [BENCH_LEADS[n % len(BENCH_LEADS)]]
                    action.other_leads = [BENCH_LEADS[(n * 7 + 3) % len(BENCH_LEADS)]]
                    for update in action.updates:
                        update.author = action.service_leads[0]
                    n += 1
                theme.service_leads = [BENCH_LEADS[(n + len(new.themes)) % len(BENCH_LEADS)]]
            recommendations.append(new)
    roles = {name: BENCH_ROLES[i % len(BENCH_ROLES)] for i, name in enumerate(BENCH_LEADS)}
    return PlanInput(demo.title, demo.council, recommendations, roles)


def count_actions(plan: PlanInput) -> tuple[int, int]:
    """How many actions and progress updates the plan holds."""
    actions = [a for rec in plan.recommendations for t in rec.themes for a in t.actions]
    return len(actions), sum(len(a.updates) for a in actions)


def busiest_lead(plan: PlanInput) -> str:
    """The service lead with the most actions: the "one lead chosen" of the benchmarks."""
    counts = Counter(
        name
        for rec in plan.recommendations
        for theme in rec.themes
        for action in theme.actions
        for name in action.service_leads
    )
    return min(counts, key=lambda name: (-counts[name], name))


def store_plan(url: str, plan: PlanInput, as_at: date) -> None:
    """Fill the empty database at `url` with the demo (for its inspection history), then store
    `plan` as the current plan, the way an import of a new plan does."""
    engine = make_engine(url)
    try:
        prepare_database(engine, as_at, demo=True)
        Store(engine, Settings()).import_plan(plan, as_at, as_new_plan=True, by=command_line())
    finally:
        engine.dispose()


@contextmanager
def scratch_database(kind: str, folder: Path, server_url: str | None = None) -> Iterator[str]:
    """The URL of an empty database: a new SQLite file in `folder`, or (kind "postgresql") a new
    database on the server at `server_url`, dropped on the way out."""
    name = f"readiness_bench_{uuid.uuid4().hex[:10]}"
    if kind == "sqlite":
        yield f"sqlite:///{Path(folder) / f'{name}.db'}"
        return
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))  # a generated name, not user input
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
