"""Database access: which database to use, the engine, and schema upgrades.

The schema is only ever created or changed by the Alembic migrations in `readiness/db/migrations`,
so a council's existing database (SQLite or PostgreSQL) upgrades in place. Alembic is imported
only when a database is behind: every server start checks the schema, and importing Alembic and
letting it find nothing to do took ~230 ms of a cold first page.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url

from readiness.settings import DATABASE_ENV, PROJECT_ROOT, Settings

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Alembic's table of the revision a database is at.
VERSION_TABLE = "alembic_version"


def resolve_database_url(settings: Settings, override: str | None = None) -> str:
    """The URL to use: --db, else $READINESS_DATABASE_URL, else config (SQLite made absolute)."""
    url = make_url(override or os.environ.get(DATABASE_ENV) or settings.database.url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        path = Path(url.database)
        if not path.is_absolute():
            url = url.set(database=str(PROJECT_ROOT / path))
    return url.render_as_string(hide_password=False)


# How long a SQLite connection waits for another's write to finish before giving up with
# "database is locked". A save made while a plan import is being stored waits for the whole
# import to commit: a 10,000-action import holds the write lock for about a second on a laptop,
# many times that on a slow network drive. 30 s covers that with room to spare, and is still
# short enough that a truly stuck writer gives an error rather than a page that never answers.
SQLITE_BUSY_TIMEOUT_SECONDS = 30

# Execution option asking the "begin" hook for a transaction that takes the write lock at once.
_WRITE = "readiness_write"


def _configure_sqlite_connection(dbapi_connection, _record) -> None:
    # pysqlite commits on its own before each CREATE or ALTER, so a killed schema upgrade left
    # half a schema that every later upgrade tripped over. Switching its transaction handling
    # off makes _begin_sqlite_transaction the only place a transaction starts, so DDL is kept or
    # rolled back with the rest (SQLAlchemy's documented pysqlite recipe).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # SQLite ignores ON DELETE CASCADE unless asked per connection, and only outside a
    # transaction, hence here.
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _use_write_ahead_log(dbapi_connection, _record) -> None:
    # In WAL mode readers never wait for a writer (a big import no longer stalls every page) and
    # a writer never waits for readers. The mode is stored in the file; an in-memory database
    # has no log to use.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _begin_sqlite_transaction(conn: Connection) -> None:
    # A deferred transaction that reads and then writes cannot wait for the write lock: SQLite
    # fails it at once ("database is locked", or SQLITE_BUSY_SNAPSHOT in WAL mode) rather than
    # risk a deadlock, whatever the busy timeout. Taking the lock at BEGIN lets a writer queue
    # behind another for up to the busy timeout. Reads stay deferred, so they never queue.
    immediate = conn.get_execution_options().get(_WRITE, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@contextmanager
def _begin_writing(engine: Engine) -> Iterator[Connection]:
    """Engine.begin() for SQLite: a transaction that holds the write lock from its start."""
    with engine.connect() as conn, conn.execution_options(**{_WRITE: True}).begin():
        yield conn


def make_engine(url: str) -> Engine:
    """An engine for `url`; creates the folder of a SQLite file if needed.

    On SQLite, every `engine.begin()` takes the write lock when it starts (BEGIN IMMEDIATE),
    while `engine.connect()` reads start deferred and never wait for a writer.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS})
    event.listen(engine, "connect", _configure_sqlite_connection)
    if parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        event.listen(engine, "connect", _use_write_ahead_log)
    event.listen(engine, "begin", _begin_sqlite_transaction)
    # Every write in the app is an `engine.begin()` and every read an `engine.connect()`, and
    # SQLAlchemy's "begin" event cannot tell the two apart, so engine.begin is the one place to
    # mark a transaction as a write: callers need not know SQLite's locking to be safe.
    engine.begin = partial(_begin_writing, engine)
    return engine


@contextmanager
def begin_migrations(engine: Engine) -> Iterator[Connection]:
    """One transaction for a whole schema upgrade: every migration in it is kept, or none."""
    if engine.dialect.name != "sqlite":
        with engine.begin() as conn:
            yield conn
        return
    with engine.connect() as conn:
        sqlite = conn.connection.driver_connection
        # Batch migrations alter a SQLite table by copying it and dropping the old one; with
        # foreign keys on, that drop would delete every row referring to it (ON DELETE CASCADE).
        # The pragma has no effect inside a transaction, so it is set through the driver, before
        # SQLAlchemy begins one; the check below keeps the references as sound as they were.
        sqlite.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.execution_options(**{_WRITE: True}).begin():
                yield conn
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
                if broken:
                    raise RuntimeError(f"The upgrade left rows with broken references: {broken}")
        finally:
            sqlite.execute("PRAGMA foreign_keys=ON")


def _alembic_config(engine: Engine) -> Config:
    from alembic.config import Config  # deferred: see the module's text

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def schema_revision(engine: Engine) -> str | None:
    """The migration the database is at, or None for an empty database."""
    with engine.connect() as conn:
        if not inspect(conn).has_table(VERSION_TABLE):
            return None
        return conn.exec_driver_sql(f"SELECT version_num FROM {VERSION_TABLE}").scalar()


# The newest migration this version of the app knows, named here so that a server's start need
# not import Alembic to find it: a new migration changes it (tests/test_migrations.py checks it
# is the head Alembic finds in readiness/db/migrations/versions).
HEAD_REVISION = "0014"


def head_revision() -> str:
    """The newest migration this version of the app knows."""
    return HEAD_REVISION


def upgrade(engine: Engine) -> None:
    """Create the schema, or bring an existing one up to the newest migration; a database
    already at the newest is only read (one query), Alembic never imported."""
    if schema_revision(engine) == head_revision():
        return
    from alembic import command  # deferred: see the module's text

    command.upgrade(_alembic_config(engine), "head")
