"""A department's backup and restore, as docs/running-for-a-department.md gives them: `pg_dump -Fc`
of a live PostgreSQL database, `pg_restore --clean --if-exists` into another (or over the same
one, last night's backup over a day's changes), and the app opens it with everything back: the
plan, its progress updates, the schema's revision and an audit trail that still refuses to be
changed.

PostgreSQL only, on TEST_DATABASE_URL's server (skipped, saying so, without it or without
pg_dump and pg_restore on the PATH); each database made for the test and dropped after it.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from readiness.access.roles import command_line
from readiness.db.engine import head_revision, make_engine
from readiness.demo.prepare import prepare_database
from readiness.plan.progress import ProgressEntry
from readiness.vocabulary import COMPLETE, IN_PROGRESS
from tests.conftest import AS_AT, new_postgres_database, store_of

TOOLS = ("pg_dump", "pg_restore")
NOTE = "Backup test: the case-file audit is booked for next week."
LATER = "Recorded after the backup, so gone once it is restored."


@pytest.fixture(scope="module", autouse=True)
def postgres_tools():
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"{' and '.join(missing)} not found: apt-get install postgresql-client")


def libpq(url: str) -> str:
    """A SQLAlchemy URL as the PostgreSQL tools take it (postgresql://...)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def pg(*command: str) -> None:
    ran = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert ran.returncode == 0, f"{' '.join(command[:2])} failed: {ran.stderr}"


def fill_with_the_demo(url: str) -> None:
    engine = make_engine(url)
    prepare_database(engine, AS_AT, demo=True)
    engine.dispose()


def record(url: str, words: str) -> None:
    """A progress update on the plan's first open action, from the command line's account."""
    store = store_of(make_engine(url))
    action = next(a for a in store.current_plan().actions if a.status != COMPLETE)
    entry = ProgressEntry(action.id, action.version, words, IN_PROGRESS, AS_AT, "A Tester")
    store.record_progress(entry, by=command_line())
    store.engine.dispose()


def assert_audit_trail_kept(url: str) -> None:
    """The trigger from migration 0013 refuses to change or remove an entry."""
    engine = make_engine(url)
    entries = text("SELECT id, kind, subject FROM audit_entry ORDER BY id")
    with engine.connect() as conn:
        before = conn.execute(entries).all()
    assert before, "an entry to try to change"
    for change in ("UPDATE audit_entry SET subject = 'rewritten'", "DELETE FROM audit_entry"):
        with (
            pytest.raises(DBAPIError, match="The audit trail cannot be changed"),
            engine.begin() as conn,
        ):
            conn.execute(text(change))
    with engine.connect() as conn:
        assert conn.execute(entries).all() == before
    engine.dispose()


def snapshot(url: str):
    """What a restore must bring back: the revision, the plan as the app reads it, the counts."""
    store = store_of(make_engine(url))
    taken = (store.schema_revision(), store.current_plan(), store.row_counts())
    store.engine.dispose()
    return taken


def test_the_audit_trail_refuses_changes(postgres_url):
    fill_with_the_demo(postgres_url)
    record(postgres_url, NOTE)
    assert_audit_trail_kept(postgres_url)


def test_a_backup_restores_into_a_new_database_and_over_a_changed_one(
    postgres_url, postgres_server_url, tmp_path
):
    fill_with_the_demo(postgres_url)
    record(postgres_url, NOTE)
    revision, plan, counts = snapshot(postgres_url)
    assert counts.audit_entries >= 1  # the update's own entry: the trail goes with the backup

    backup = tmp_path / "readiness.dump"
    pg("pg_dump", "-Fc", "--file", str(backup), libpq(postgres_url))
    with new_postgres_database(postgres_server_url) as restored:
        pg("pg_restore", "--clean", "--if-exists", "--no-owner", "-d", libpq(restored), str(backup))
        assert snapshot(restored) == (revision, plan, counts)
        assert revision == head_revision()
        notes = [u.text for a in plan.actions for u in a.updates]
        assert NOTE in notes
        assert_audit_trail_kept(restored)

        # Last night's backup over a day's changes: the changes go, the backup's state is back.
        record(restored, LATER)
        changed = snapshot(restored)[1]
        assert LATER in [u.text for a in changed.actions for u in a.updates]
        pg("pg_restore", "--clean", "--if-exists", "--no-owner", "-d", libpq(restored), str(backup))
        assert snapshot(restored) == (revision, plan, counts)
        assert_audit_trail_kept(restored)
