"""`python -m readiness check`: is this installation ready to serve? One line per check, exit 0
only if every one passed, so a service manager or a monitoring timer can run it as a health check
(docs/running-for-a-department.md): the database reachable, its schema at the newest migration,
what it holds, sign-in set up (or local mode, where that is allowed), and an admin to manage
people once sign-in is on.

Nothing is written, and nothing is said that should stay secret: the URL's password is hidden and
of the secrets file only the names of settings are given.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import SQLAlchemyError

from readiness.access.roles import Role
from readiness.access.sign_in_setup import SECRETS_PATH, SignInSetup, read_sign_in
from readiness.cli.database import safe_url
from readiness.db.counts import RowCounts
from readiness.db.engine import head_revision, resolve_database_url
from readiness.settings import Settings
from readiness.store import Store

# A health check must answer, not hang: without a limit a server that drops packets keeps the
# connection waiting for the system's TCP timeout, two minutes or more.
CONNECT_TIMEOUT_SECONDS = 10

OK, FAIL, INFO, SKIP = "ok", "fail", "info", "skip"
INIT = "run: python -m readiness init"
ADD_ADMIN = "python -m readiness users add EMAIL --role admin"
UNREACHED = "not checked: the database cannot be reached"
UNREAD = "not checked until the database is reachable and its schema current"
# Where the database URL comes from, first found first (readiness.db.engine).
SOURCES = "--db, else READINESS_DATABASE_URL, else database.url in config.toml"


@dataclass(frozen=True)
class Line:
    check: str
    status: str  # OK, FAIL, INFO (a figure, never a failure) or SKIP (could not be checked)
    text: str


def run_check(args, settings, out) -> int:
    secrets = Path(args.secrets) if args.secrets else SECRETS_PATH
    lines, counts = check_installation(args.db, settings, secrets)
    failed = sum(line.status == FAIL for line in lines)
    if args.format == "json":
        rows = asdict(counts) if counts is not None else None
        report = {"ready": not failed, "checks": [asdict(line) for line in lines], "rows": rows}
        print(json.dumps(report, indent=2), file=out)
    else:
        for line in lines:
            print(f"{line.status.upper():<4}  {line.check}: {line.text}", file=out)
        checks = "check" if failed == 1 else "checks"
        print("Ready." if not failed else f"Not ready: {failed} {checks} failed.", file=out)
    return 1 if failed else 0


def check_installation(
    db: str | None, settings: Settings, secrets: Path
) -> tuple[list[Line], RowCounts | None]:
    """Every check's line, and the row counts when the database could be read."""
    store = counts = None
    try:
        url = make_url(resolve_database_url(settings, db))
    except (SQLAlchemyError, ValueError) as error:
        # Unread, the URL's password cannot be hidden: the URL is not repeated.
        url = None
        lines = [Line("database", FAIL, f"cannot read the database URL ({SOURCES}): {error}")]
    else:
        store, line = _open(url, settings)
        lines = [line]
    try:
        schema = _schema(store.schema_revision()) if store else Line("schema", SKIP, UNREACHED)
        lines.append(schema)
        current = schema.status == OK
        counts = store.row_counts() if current else None
        lines.append(Line("rows", INFO, _said(counts)) if current else Line("rows", SKIP, UNREAD))
        postgresql = url is not None and url.get_backend_name() == "postgresql"
        setup, line = _sign_in(secrets, postgresql, settings)
        lines.append(line)
        lines.append(_admins(store, setup) if current else Line("people", SKIP, UNREAD))
    finally:
        if store is not None:
            store.engine.dispose()
    return lines, counts


def _open(url: URL, settings: Settings) -> tuple[Store | None, Line]:
    """The store, connected to once, or None and the line saying why it cannot be."""
    shown = safe_url(url)
    sqlite_file = url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:")
    if sqlite_file and not Path(url.database).exists():
        # Opening it would create an empty file: a check writes nothing, and a mistyped path
        # should not leave a stray database behind.
        return None, Line("database", FAIL, f"no database file at {url.database}; {INIT}")
    try:
        store = Store.open(_with_connect_timeout(url), settings)
    except (SQLAlchemyError, ImportError, OSError) as error:  # e.g. its driver not installed
        return None, Line("database", FAIL, f"cannot open {shown}: {error}")
    try:
        store.ping()
    except SQLAlchemyError as error:
        store.engine.dispose()
        # The driver's own first line says why ("Connection refused", "password authentication
        # failed"); the rest of its message and SQLAlchemy's link add nothing for the reader.
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        return None, Line("database", FAIL, f"cannot connect to {shown}: {reason}")
    return store, Line("database", OK, f"reachable at {shown}")


def _with_connect_timeout(url: URL) -> str:
    """`url` with a connection time limit, where the database is a server (libpq's setting)."""
    if url.get_backend_name() == "postgresql" and "connect_timeout" not in url.query:
        url = url.update_query_dict({"connect_timeout": str(CONNECT_TIMEOUT_SECONDS)})
    return url.render_as_string(hide_password=False)


def _schema(found: str | None) -> Line:
    expected = head_revision()
    if found == expected:
        return Line("schema", OK, f"at {found}, the newest migration")
    if found is None:
        return Line("schema", FAIL, f"none yet (an empty database), expected {expected}; {INIT}")
    # Revision ids are zero-padded sequence numbers ("0013"), so their order is their text's.
    if found < expected:
        return Line("schema", FAIL, f"at {found}, expected {expected}; {INIT}")
    return Line(
        "schema",
        FAIL,
        f"at {found}, newer than this version of the app knows ({expected}): install the "
        "version that upgraded it",
    )


def _counted(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def _said(counts: RowCounts) -> str:
    return ", ".join(
        (
            _counted(counts.plans, "plan"),
            f"{_counted(counts.actions, 'action')} ({counts.open_actions:,} open, "
            f"{counts.complete_actions:,} complete)",
            _counted(counts.progress_updates, "progress update"),
            _counted(counts.indicator_figures, "indicator figure"),
            _counted(counts.national_councils, "council") + " in the national record",
            _counted(counts.people, "person", "people"),
            _counted(counts.audit_entries, "audit entry", "audit entries"),
        )
    )


def _sign_in(
    secrets: Path, postgresql: bool, settings: Settings
) -> tuple[SignInSetup | None, Line]:
    """What the secrets file sets up (None if it cannot be read), and sign-in's line."""
    try:
        setup = read_sign_in(secrets)
    except ValueError as error:
        return None, Line("sign-in", FAIL, str(error))
    if setup.configured:
        providers = ", ".join(setup.providers)
        return setup, Line("sign-in", OK, f"configured in {secrets} (provider: {providers})")
    if setup.found:
        return setup, Line("sign-in", FAIL, f"{secrets}: " + "; ".join(setup.problems))
    local = f"no [auth] in {secrets}"
    if not postgresql:
        text = f"local mode ({local}): anyone who opens the app can change the plan"
        return setup, Line("sign-in", OK, text)
    if settings.access.allow_anonymous:
        text = (
            f"local mode on a shared database ({local}; access.allow_anonymous = true): anyone "
            "who opens the app can change the plan"
        )
        return setup, Line("sign-in", OK, text)
    text = (
        f"not configured ({local}) on PostgreSQL, a shared service: add [auth] "
        "(docs/running-for-a-department.md), or set access.allow_anonymous = true in config.toml "
        "if anyone who opens the app may change the plan"
    )
    return setup, Line("sign-in", FAIL, text)


def _admins(store: Store, sign_in: SignInSetup | None) -> Line:
    people = [person for person, _reminders in store.people()]
    admins = sum(person.role == Role.ADMIN for person in people)
    listed = f"{_counted(len(people), 'person', 'people')}, {_counted(admins, 'admin')}"
    if sign_in is not None and not sign_in.found:
        return Line("people", OK, f"{listed} (nobody signs in in local mode)")
    if admins:
        return Line("people", OK, listed)
    return Line(
        "people",
        FAIL,
        f"{listed}: nobody can manage people or roles once signed in; run: {ADD_ADMIN}",
    )
