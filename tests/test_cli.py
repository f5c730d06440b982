"""`python -m readiness`: init, status in both formats, and one-line errors with exit code 2."""

import json
import subprocess
import sys

import pytest

from tests.conftest import AS_AT, ROOT


def run(*args: str, db: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "readiness", *args, "--db", db],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


@pytest.fixture
def demo_db(sqlite_url):
    result = run("init", "--demo", "--as-at", AS_AT.isoformat(), db=sqlite_url)
    assert result.returncode == 0, result.stderr
    assert "Loaded the demo" in result.stdout
    return sqlite_url


def test_status_json_is_consistent(demo_db):
    result = run("status", "--as-at", "2026-11-22", "--format", "json", db=demo_db)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["as_at"] == "2026-11-22"
    states = ["complete", "on_track", "due_soon", "overdue", "stale", "no_due_date", "not_started"]
    for rec in data["recommendations"]:
        assert sum(rec[s] for s in states) == rec["actions"], rec["ref"]
        if rec["overdue"]:
            assert rec["rag"] == "red", rec["ref"]
    assert sum(r["actions"] for r in data["recommendations"]) == data["overall"]["actions"] == 100
    assert data["overall"]["rag"] == "red"
    assert [a["area"] for a in data["judgement_areas"]] == [
        "leaders",
        "help_protection",
        "children_in_care",
        "care_leavers",
    ]


def test_status_table_names_the_council_and_shows_words(demo_db):
    result = run("status", "--as-at", "2026-11-22", db=demo_db)
    assert result.returncode == 0, result.stderr
    assert "Marshcombe Borough Council" in result.stdout
    assert "✖ Red" in result.stdout and "REC 1" in result.stdout


def test_status_for_one_lead(demo_db):
    result = run("status", "--lead", "Tom Brennan", "--format", "json", db=demo_db)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["lead"] == "Tom Brennan"
    assert 0 < data["overall"]["actions"] < 100


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--as-at", "2026-02-31"), "'2026-02-31' is not a date; use YYYY-MM-DD"),
        (("--as-at", "yesterday"), "'yesterday' is not a date"),
        (("--lead", "Nobody"), "No lead officer called 'Nobody'"),
        (("--format", "xml"), "invalid choice: 'xml'"),
    ],
)
def test_bad_arguments_give_one_line_and_exit_2(demo_db, args, message):
    result = run("status", *args, db=demo_db)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("error: ") and message in result.stderr


def test_status_on_an_empty_database_says_what_to_do(sqlite_url):
    result = run("status", db=sqlite_url)
    assert result.returncode == 1
    assert "run: python -m readiness init" in result.stderr


def test_init_twice_keeps_the_plan(demo_db):
    result = run("init", "--demo", db=demo_db)
    assert result.returncode == 0
    assert "already holds a plan" in result.stdout
