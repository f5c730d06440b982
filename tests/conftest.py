"""Shared fixtures: real SQLite files, and real PostgreSQL when TEST_DATABASE_URL is set; and
the closing summary's count of tests skipped for want of ../shared/data."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from streamlit.testing.v1 import AppTest

from readiness.db.engine import make_engine
from readiness.demo.prepare import prepare_database
from readiness.plan.store import load_plan
from readiness.settings import Settings
from readiness.store import Store
from tests.kpi_data import SHARED_MISSING

ROOT = Path(__file__).resolve().parent.parent
AS_AT = date(2026, 11, 22)


def pytest_terminal_summary(terminalreporter) -> None:
    """One loud line for the tests a missing ../shared/data skipped: among hundreds of dots their
    `s`s pass unseen, and such a run leaves DfE's and Ofsted's real files unchecked."""
    skipped = terminalreporter.stats.get("skipped", [])
    count = sum(SHARED_MISSING in str(report.longrepr) for report in skipped)
    if count:
        tests = "test" if count == 1 else "tests"
        terminalreporter.write_sep(
            "!",
            f"{count} {tests} skipped: {SHARED_MISSING} (public data, see README)",
            yellow=True,
            bold=True,
        )


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'readiness.db'}"


@pytest.fixture(scope="session")
def postgres_server_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        pytest.skip("TEST_DATABASE_URL is not set (CI sets it to the local PostgreSQL)")
    return url


@contextmanager
def new_postgres_database(server_url: str) -> Iterator[str]:
    """A brand-new, empty PostgreSQL database on the server at `server_url`, dropped afterwards."""
    name = f"readiness_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def postgres_url(postgres_server_url):
    """A brand-new, empty PostgreSQL database for one test, dropped afterwards."""
    with new_postgres_database(postgres_server_url) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db_url(request) -> str:
    """Each test using this runs once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def engine(any_db_url):
    """The demo plan in a new database, once on SQLite and once on PostgreSQL."""
    engine = make_engine(any_db_url)
    prepare_database(engine, AS_AT, demo=True)
    yield engine
    engine.dispose()


@pytest.fixture
def demo_engine(sqlite_url):
    engine = make_engine(sqlite_url)
    prepare_database(engine, AS_AT, demo=True)
    yield engine
    engine.dispose()


def stored_plan(engine, *, retired: bool = False):
    """The current plan as the app reads it (None if none is stored)."""
    with engine.connect() as conn:
        return load_plan(conn, retired=retired)


def store_of(engine) -> Store:
    """The store over `engine` with the default settings, as the app and the command line use
    one: every test's reads and writes go through it."""
    return Store(engine, Settings())


def open_app(url: str, monkeypatch, page: str | None = None, **params: str) -> AppTest:
    """The app on the database at `url`, as at AS_AT unless `params` say otherwise, opened on
    `page` (a views/ file; default the Overview), with no exception raised on the way."""
    monkeypatch.setenv("READINESS_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update({"as_at": AS_AT.isoformat(), **params})
    at.run()
    if page is not None:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory) -> str:
    """A demo database shared by a module's tests that only read it."""
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    prepare_database(make_engine(url), AS_AT, demo=True)
    return url


def progress_field(at: AppTest, field: str, prefix: str = "my"):
    """The open action's progress form field (text, status, date, author, revised_due) as drawn
    now: its key carries the action's id and how many saves this session made on it."""
    kinds = {
        "text": at.text_area,
        "status": at.selectbox,
        "date": at.date_input,
        "revised_due": at.date_input,
    }
    widgets = kinds.get(field, at.text_input)
    found = [w for w in widgets if (w.key or "").startswith(f"{prefix}_{field}_")]
    assert len(found) == 1, f"one {field} field expected, found {[w.key for w in found]}"
    return found[0]


def open_expander(at: AppTest, key: str) -> None:
    """Open the expander `key` (one drawn with on_change="rerun", whose content is made only
    when open), as a click on its label does, and draw the page again."""
    at.session_state[key] = True
    at.run()
    assert not at.exception, at.exception
