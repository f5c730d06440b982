"""Database access: which database to use, the engine, and schema upgrades.

The schema is only ever created or changed by the Alembic migrations in `readiness/migrations`,
so a council's existing database (SQLite or PostgreSQL) upgrades in place.
"""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from readiness.settings import DATABASE_ENV, PROJECT_ROOT, Settings

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def resolve_database_url(settings: Settings, override: str | None = None) -> str:
    """The URL to use: --db, else $READINESS_DATABASE_URL, else config (SQLite made absolute)."""
    url = make_url(override or os.environ.get(DATABASE_ENV) or settings.database.url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        path = Path(url.database)
        if not path.is_absolute():
            url = url.set(database=str(PROJECT_ROOT / path))
    return url.render_as_string(hide_password=False)


def _enable_sqlite_foreign_keys(dbapi_connection, _record) -> None:
    # SQLite ignores ON DELETE CASCADE unless asked per connection.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for `url`; creates the folder of a SQLite file if needed."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database not in (None, "", ":memory:"):
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        event.listen(engine, "connect", _enable_sqlite_foreign_keys)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def schema_revision(engine: Engine) -> str | None:
    """The migration the database is at, or None for an empty database."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str:
    """The newest migration this version of the app knows."""
    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def upgrade(engine: Engine) -> None:
    """Create the schema, or bring an existing one up to the newest migration."""
    command.upgrade(_alembic_config(engine), "head")
