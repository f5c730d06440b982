"""Writes that meet: progress saved while a 10,000-action plan is being stored waits for it instead
of failing, a write holds the lock from its start while reads go on, and a migration that copies a
table keeps the rows that refer to it (or is rolled back). Real processes and real files.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from subprocess import PIPE

import pytest
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, delete, func, select

from readiness.access.roles import LOCAL_USER
from readiness.db.engine import begin_migrations, make_engine
from readiness.db.models import Action, ActionLead, ProgressUpdate
from readiness.plan.progress import ProgressEntry
from readiness.plan.store import action_version, load_plan
from tests.conftest import AS_AT, ROOT, store_of, stored_plan

# --- Saving progress while a 10,000-action plan is being stored ---------------------------------

SAVES = 20
READS = 20
SPACING = 0.025  # seconds between one save (and one read) starting and the next
NOTE = "Checked during the import."


def test_saves_and_reads_during_a_big_import_succeed(demo_engine, sqlite_url):
    with demo_engine.connect() as conn:
        demo = load_plan(conn)
    command = [sys.executable, "-m", "tests.store_big_plan", sqlite_url]
    importer = subprocess.Popen(command, cwd=ROOT, stdout=PIPE, stderr=PIPE, text=True)
    assert importer.stdout.readline().startswith("storing")
    saves: list[tuple[float, float, str | None]] = []  # started, seconds taken, error
    reads: list[tuple[float, float]] = []
    reader = make_engine(sqlite_url)

    def save(action_id: int) -> None:
        started = time.time()
        try:
            with demo_engine.connect() as conn:
                version = action_version(conn, action_id)
            entry = ProgressEntry(action_id, version, NOTE, "in_progress", AS_AT, "D Okafor")
            store_of(demo_engine).record_progress(entry, by=LOCAL_USER)
            saves.append((started, time.time() - started, None))
        except Exception as error:  # counted and shown below: the figure is the point
            saves.append((started, time.time() - started, f"{type(error).__name__}: {error}"))

    def read_all() -> None:
        for _ in range(READS):
            started = time.time()
            with reader.connect() as conn:
                load_plan(conn, demo.id)
            reads.append((started, time.time() - started))
            time.sleep(SPACING)

    with ThreadPoolExecutor(1 + SAVES) as pool:
        reading = pool.submit(read_all)
        for action in demo.actions[:SAVES]:
            pool.submit(save, action.id)
            time.sleep(SPACING)
    reading.result()  # a read that failed fails the test here
    out, err = importer.communicate(timeout=120)
    assert importer.returncode == 0, err
    stored_at = float(out.split()[-1])
    with reader.connect() as conn:
        journal = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
    reader.dispose()
    failed = [error for _, _, error in saves if error]
    print(
        f"\n[save during import] {len(saves)} saves, {len(failed)} failed, "
        f"{sum(s < stored_at for s, _, _ in saves)} started before the import committed; longest "
        f"save wait {max(w for _, w, _ in saves):.2f} s. {len(reads)} reads, "
        f"{sum(s + t < stored_at for s, t in reads)} finished before the import committed; "
        f"longest read {max(t for _, t in reads):.3f} s. Journal mode: {journal}"
    )
    assert not failed, failed[:3]
    with demo_engine.connect() as conn:
        assert conn.scalar(select(func.count()).where(ProgressUpdate.text == NOTE)) == SAVES
    assert journal == "wal"


# --- The transactions behind those figures ------------------------------------------------------


def test_a_write_holds_the_lock_from_its_start_and_reads_do_not_wait_for_it(demo_engine):
    other = sqlite3.connect(demo_engine.url.database, timeout=0, isolation_level=None)
    with demo_engine.begin():
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        assert stored_plan(demo_engine) is not None
    other.execute("BEGIN IMMEDIATE")
    other.execute("ROLLBACK")
    other.close()


def counts(engine: Engine) -> list[int]:
    """How many actions, progress updates and action leads are stored."""
    with engine.connect() as conn:
        return [
            conn.scalar(select(func.count()).select_from(model))
            for model in (Action, ProgressUpdate, ActionLead)
        ]


def test_a_migration_that_copies_a_table_keeps_the_rows_that_refer_to_it(demo_engine):
    before = counts(demo_engine)
    # Batch mode copies the table and drops the old one, as a future migration might.
    with (
        begin_migrations(demo_engine) as conn,
        Operations(MigrationContext.configure(conn)).batch_alter_table("action", recreate="always"),
    ):
        pass
    assert counts(demo_engine) == before and min(before) > 0
    with demo_engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_a_migration_that_breaks_references_is_rolled_back(demo_engine):
    before = counts(demo_engine)
    with (
        pytest.raises(RuntimeError, match="broken references"),
        begin_migrations(demo_engine) as conn,
    ):
        conn.execute(delete(Action))
    assert counts(demo_engine) == before
