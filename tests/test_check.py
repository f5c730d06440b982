"""`python -m readiness check`, the service's health check: a line per check and exit 0 only when
the database is reachable, its schema current, sign-in set up where it must be and an admin
listed; otherwise exit 1 with the line that failed saying what to run, and never a traceback or
a secret."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from readiness.access.roles import Role, command_line
from readiness.access.sign_in_setup import read_sign_in
from readiness.db.engine import head_revision, make_engine
from readiness.demo.prepare import prepare_database
from readiness.vocabulary import COMPLETE
from tests.conftest import AS_AT, ROOT, store_of
from tests.test_cli import run
from tests.test_migrations import migrate

INIT = "run: python -m readiness init"
COOKIE_SECRET = "cookie-secret-value-never-shown"
CLIENT_SECRET = "client-secret-value-never-shown"
SIGN_IN = f"""
[auth]
redirect_uri = "https://readiness.example.gov.uk/oauth2callback"
cookie_secret = "{COOKIE_SECRET}"

[auth.microsoft]
client_id = "the-client-id"
client_secret = "{CLIENT_SECRET}"
server_metadata_url = "https://login.microsoftonline.com/tenant/v2.0/.well-known/openid-configuration"
"""


@pytest.fixture
def no_secrets(tmp_path) -> str:
    """A secrets file that is not there: local mode, whatever the developer's own holds."""
    return str(tmp_path / "no-secrets.toml")


@pytest.fixture
def sign_in(tmp_path) -> str:
    path = tmp_path / "secrets.toml"
    path.write_text(SIGN_IN)
    return str(path)


def anonymous_allowed(tmp_path, monkeypatch, allowed: bool) -> None:
    """config.toml's access.allow_anonymous, set for this test alone."""
    config = tmp_path / "config.toml"
    config.write_text(f"[access]\nallow_anonymous = {str(allowed).lower()}\n")
    monkeypatch.setenv("READINESS_CONFIG", str(config))


def lines(out: str) -> dict[str, str]:
    """Each check's line by its name ("database", "schema", ...), and the verdict as "verdict"."""
    *checks, verdict = out.splitlines()
    return {line[6:].split(":")[0]: line for line in checks} | {"verdict": verdict}


def test_a_ready_database_passes_every_check(demo_url, no_secrets, capsys):
    result = run(capsys, "check", "--secrets", no_secrets, db=demo_url)
    assert result.code == 0, result.out
    said = lines(result.out)
    assert said["database"] == f"OK    database: reachable at {demo_url}"
    assert said["schema"] == f"OK    schema: at {head_revision()}, the newest migration"
    plan = store_of(make_engine(demo_url)).current_plan()
    complete = sum(action.status == COMPLETE for action in plan.actions)
    updates = sum(len(action.updates) for action in plan.actions)
    assert said["rows"].startswith(
        f"INFO  rows: 1 plan, {len(plan.actions)} actions ({len(plan.actions) - complete} open, "
        f"{complete} complete), {updates} progress updates, "
    )
    assert said["sign-in"] == (
        f"OK    sign-in: local mode (no [auth] in {no_secrets}): anyone who opens the app can "
        "change the plan"
    )
    assert said["verdict"] == "Ready."


def test_the_report_as_json(demo_url, no_secrets, capsys):
    result = run(capsys, "check", "--secrets", no_secrets, "--format", "json", db=demo_url)
    report = json.loads(result.out)
    assert result.code == 0 and report["ready"] is True
    assert [c["check"] for c in report["checks"]] == [
        "database",
        "schema",
        "rows",
        "sign-in",
        "people",
    ]
    assert {c["status"] for c in report["checks"]} == {"ok", "info"}
    assert report["rows"]["plans"] == 1 and report["rows"]["people"] == 0


def test_the_program_runs_as_a_health_check(demo_url, no_secrets):
    """The real process, as a service manager runs it: its exit code is the verdict."""
    command = [sys.executable, "-m", "readiness", "check", "--db", demo_url]
    ran = subprocess.run(
        [*command, "--secrets", no_secrets], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert ran.stdout.splitlines()[-1] == "Ready."


def test_an_empty_database_names_init(tmp_path, no_secrets, capsys):
    empty = tmp_path / "empty.db"
    empty.touch()
    result = run(capsys, "check", "--secrets", no_secrets, db=f"sqlite:///{empty}")
    said = lines(result.out)
    assert result.code == 1
    assert said["schema"] == (
        f"FAIL  schema: none yet (an empty database), expected {head_revision()}; {INIT}"
    )
    assert said["rows"].startswith("SKIP") and said["people"].startswith("SKIP")
    assert said["verdict"] == "Not ready: 1 check failed."


def test_a_database_behind_names_init_and_passes_after_it(sqlite_url, no_secrets, capsys):
    engine = make_engine(sqlite_url)
    prepare_database(engine, AS_AT, demo=True)
    migrate(engine, "0012", down=True)
    result = run(capsys, "check", "--secrets", no_secrets, db=sqlite_url)
    assert result.code == 1
    assert lines(result.out)["schema"] == (
        f"FAIL  schema: at 0012, expected {head_revision()}; {INIT}"
    )
    assert run(capsys, "init", db=sqlite_url).code == 0
    assert run(capsys, "check", "--secrets", no_secrets, db=sqlite_url).code == 0
    engine.dispose()


def test_a_missing_database_file_names_init_and_is_not_created(tmp_path, no_secrets, capsys):
    missing = tmp_path / "typo" / "readiness.db"
    result = run(capsys, "check", "--secrets", no_secrets, db=f"sqlite:///{missing}")
    assert result.code == 1
    assert lines(result.out)["database"] == (
        f"FAIL  database: no database file at {missing}; {INIT}"
    )
    assert not missing.parent.exists()


def test_an_unreachable_server_fails_in_a_line_without_a_traceback(no_secrets, capsys):
    url = "postgresql+psycopg://readiness:pa55word@127.0.0.1:1/readiness"
    result = run(capsys, "check", "--secrets", no_secrets, db=url)
    said = lines(result.out)
    assert result.code == 1
    assert said["database"].startswith(
        "FAIL  database: cannot connect to postgresql+psycopg://readiness:***@127.0.0.1:1/"
        "readiness: "
    )
    assert "refused" in said["database"]
    assert said["schema"] == "SKIP  schema: not checked: the database cannot be reached"
    assert "Traceback" not in result.out + result.err
    assert "pa55word" not in result.out + result.err


def test_a_url_that_cannot_be_read_is_a_failed_line(no_secrets, capsys):
    result = run(capsys, "check", "--secrets", no_secrets, db="not a url")
    assert result.code == 1
    assert lines(result.out)["database"].startswith(
        "FAIL  database: cannot read the database URL (--db, else READINESS_DATABASE_URL"
    )
    assert "Traceback" not in result.out + result.err


@pytest.fixture
def postgres_ready(postgres_url, capsys) -> str:
    """A PostgreSQL database with the schema (TEST_DATABASE_URL's server; skipped without)."""
    assert run(capsys, "init", db=postgres_url).code == 0
    return postgres_url


def test_postgresql_without_sign_in_fails_unless_allowed_on_purpose(
    postgres_ready, no_secrets, tmp_path, monkeypatch, capsys
):
    anonymous_allowed(tmp_path, monkeypatch, False)
    refused = run(capsys, "check", "--secrets", no_secrets, db=postgres_ready)
    said = lines(refused.out)
    assert refused.code == 1
    assert said["database"].startswith("OK") and said["schema"].startswith("OK")
    assert said["sign-in"].startswith(
        f"FAIL  sign-in: not configured (no [auth] in {no_secrets}) on PostgreSQL"
    )
    assert "access.allow_anonymous = true" in said["sign-in"]

    anonymous_allowed(tmp_path, monkeypatch, True)
    allowed = run(capsys, "check", "--secrets", no_secrets, db=postgres_ready)
    assert allowed.code == 0, allowed.out
    assert lines(allowed.out)["sign-in"].startswith("OK    sign-in: local mode on a shared")


def test_sign_in_needs_an_admin_and_never_shows_a_secret(any_db_url, sign_in, capsys):
    """On SQLite and on PostgreSQL: sign-in set up passes, but until someone is an admin nobody
    could manage people once signed in."""
    store = store_of(make_engine(any_db_url))
    store.prepare()
    result = run(capsys, "check", "--secrets", sign_in, db=any_db_url)
    said = lines(result.out)
    assert result.code == 1
    assert said["sign-in"] == f"OK    sign-in: configured in {sign_in} (provider: microsoft)"
    assert said["people"] == (
        "FAIL  people: 0 people, 0 admins: nobody can manage people or roles once signed in; "
        "run: python -m readiness users add EMAIL --role admin"
    )
    store.add_person("head.of.performance@example.gov.uk", "A Admin", Role.ADMIN, by=command_line())
    result = run(capsys, "check", "--secrets", sign_in, db=any_db_url)
    assert result.code == 0, result.out
    assert lines(result.out)["people"] == "OK    people: 1 person, 1 admin"
    assert COOKIE_SECRET not in result.out and CLIENT_SECRET not in result.out
    store.engine.dispose()


def test_a_broken_sign_in_set_up_fails_naming_what_to_change(demo_url, tmp_path, capsys):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(SIGN_IN.replace("client_secret", "# client_secret"))
    result = run(capsys, "check", "--secrets", str(secrets), db=demo_url)
    assert result.code == 1
    assert lines(result.out)["sign-in"] == (
        f"FAIL  sign-in: {secrets}: [auth.microsoft] has no client_secret"
    )


def test_a_secrets_file_that_is_not_toml_fails_without_showing_it(demo_url, tmp_path, capsys):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'[auth]\ncookie_secret = "{COOKIE_SECRET}\n')  # the quote left open
    result = run(capsys, "check", "--secrets", str(secrets), db=demo_url)
    assert result.code == 1
    assert lines(result.out)["sign-in"].startswith(f"FAIL  sign-in: {secrets} is not valid TOML")
    assert COOKIE_SECRET not in result.out + result.err
    assert "Traceback" not in result.out + result.err


REDIRECT = 'redirect_uri = "https://x.example/oauth2callback"\n'
COOKIE = 'cookie_secret = "s"\n'
CLIENT = 'client_id = "i"\nclient_secret = "s"\nserver_metadata_url = "https://x.example/m"\n'


@pytest.mark.parametrize(
    ("secrets", "providers", "problems"),
    [
        ("[auth]\n" + REDIRECT + COOKIE + CLIENT, ("default",), ()),
        (
            "[auth]\n" + REDIRECT + COOKIE + CLIENT + "[auth.client_kwargs]\nprompt = 'login'\n",
            ("default",),
            (),
        ),
        ("[auth]\n" + REDIRECT + COOKIE + "[auth.google]\n" + CLIENT, ("google",), ()),
        (
            "[auth]\n" + COOKIE + CLIENT,
            ("default",),
            ("[auth] has no redirect_uri",),
        ),
        (
            '[auth]\nredirect_uri = "https://x.example/callback"\ncookie_secret = ""\n' + CLIENT,
            ("default",),
            ("[auth] has no cookie_secret", "redirect_uri must end in /oauth2callback"),
        ),
        (
            "[auth]\n" + REDIRECT + COOKIE,
            (),
            (
                "[auth] names no provider: give client_id, client_secret, server_metadata_url "
                "in [auth], or in a section [auth.NAME] for each provider",
            ),
        ),
        (
            "[auth]\n" + REDIRECT + COOKIE + "[auth.my_idp]\n" + CLIENT,
            ("my_idp",),
            ("[auth.my_idp]: Streamlit refuses a provider name with an underscore",),
        ),
        (
            "[auth]\n" + REDIRECT + COOKIE + '[auth.okta]\nclient_id = "i"\n',
            ("okta",),
            ("[auth.okta] has no client_secret, server_metadata_url",),
        ),
    ],
)
def test_reading_the_sign_in_settings(tmp_path, secrets, providers, problems):
    path = tmp_path / "secrets.toml"
    path.write_text(secrets)
    setup = read_sign_in(path)
    assert setup.found and setup.providers == providers and setup.problems == problems
    assert setup.configured == (not problems)


def test_no_auth_section_is_local_mode(tmp_path):
    path = tmp_path / "secrets.toml"
    path.write_text('[connections.other]\nurl = "x"\n')
    assert not read_sign_in(path).found
    assert not read_sign_in(tmp_path / "missing.toml").found
