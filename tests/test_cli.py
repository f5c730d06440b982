"""`python -m readiness`: init, status in both formats, and one-line errors with exit code 2.

The commands run in-process through `main()`; one smoke test runs the real program.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from dataclasses import dataclass

import pytest

from readiness.cli import main
from readiness.db import head_revision
from tests.conftest import AS_AT, ROOT


@dataclass
class Ran:
    """What a user sees: the exit code, the report on stdout and the messages on stderr."""

    code: int
    out: str
    err: str


def run(capsys, *args: str, db: str | None = None) -> Ran:
    """Run `python -m readiness *args --db db` in this process."""
    capsys.readouterr()  # drop anything printed before this command
    out = io.StringIO()
    code = main([*args, *(["--db", db] if db else [])], out=out)
    captured = capsys.readouterr()
    return Ran(code, out.getvalue() + captured.out, captured.err)


@pytest.fixture
def demo_db(sqlite_url, capsys):
    result = run(capsys, "init", "--demo", "--demo-date", AS_AT.isoformat(), db=sqlite_url)
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        f"Database ready at revision {head_revision()}: {sqlite_url}",
        "Loaded the demo council's plan and inspection history.",
    ]
    return sqlite_url


def test_the_program_runs(demo_db):
    """The one real process: `python -m readiness` starts, reads the database and exits 0."""
    result = subprocess.run(
        [sys.executable, "-m", "readiness", "status", "--format", "json", "--db", demo_db],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["overall"]["actions"] == 100


def test_status_json_is_consistent(demo_db, capsys):
    result = run(capsys, "status", "--as-at", "2026-11-22", "--format", "json", db=demo_db)
    assert result.code == 0, result.err
    data = json.loads(result.out)
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


def test_status_table_names_the_council_and_shows_words(demo_db, capsys):
    result = run(capsys, "status", "--as-at", "2026-11-22", db=demo_db)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith("Marshcombe Borough Council — ")
    assert lines[1].startswith("As at 22 Nov 2026 · ")
    assert lines[1].endswith(" · all lead officers")
    assert "✖ Red" in next(line for line in lines if line.startswith("REC 1 "))


def test_status_for_one_lead(demo_db, capsys):
    everyone = json.loads(run(capsys, "status", "--format", "json", db=demo_db).out)
    result = run(capsys, "status", "--lead", "Tom Brennan", "--format", "json", db=demo_db)
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["lead"] == "Tom Brennan"
    assert 0 < data["overall"]["actions"] < everyone["overall"]["actions"]
    # Every recommendation shown is one of everyone's, with no more of its actions than there.
    all_recs = {r["ref"]: r["actions"] for r in everyone["recommendations"]}
    for rec in data["recommendations"]:
        assert rec["actions"] <= all_recs[rec["ref"]], rec["ref"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--as-at", "2026-02-31"), "'2026-02-31' is not a date; use YYYY-MM-DD"),
        (("--as-at", "yesterday"), "'yesterday' is not a date"),
        (("--lead", "Nobody"), "No lead officer called 'Nobody'"),
        (("--format", "xml"), "invalid choice: 'xml'"),
    ],
)
def test_bad_arguments_give_one_line_and_exit_2(demo_db, capsys, args, message):
    result = run(capsys, "status", *args, db=demo_db)
    assert result.code == 2
    assert result.out == ""
    assert len(result.err.strip().splitlines()) == 1
    assert result.err.startswith("error: ") and message in result.err


def test_unknown_lead_names_the_known_ones(demo_db, capsys):
    result = run(capsys, "status", "--lead", "Nobody", db=demo_db)
    assert "Known leads: " in result.err and "Tom Brennan" in result.err


def test_status_on_an_empty_database_says_what_to_do(sqlite_url, capsys):
    result = run(capsys, "status", db=sqlite_url)
    assert result.code == 1
    assert result.out == ""
    assert result.err.startswith("error: the database ")
    assert "run: python -m readiness init" in result.err


def test_init_twice_keeps_the_plan(demo_db, capsys):
    before = run(capsys, "status", "--format", "json", db=demo_db).out
    result = run(capsys, "init", "--demo", db=demo_db)
    assert result.code == 0
    assert "The database already holds a plan; the demo was not loaded." in result.out
    assert run(capsys, "status", "--format", "json", db=demo_db).out == before
