"""`python -m readiness`: init, status in both formats (the overdue actions and who leads them
included), tables that fit the terminal, a help string for every option, and one-line errors
with exit code 2.

The commands run in-process through `main()`; one smoke test runs the real program.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from dataclasses import dataclass
from datetime import date

import pytest

from readiness.access.roles import LOCAL_USER
from readiness.cli.main import build_parser, main
from readiness.db.engine import head_revision, make_engine
from readiness.plan.progress import ProgressEntry
from readiness.plan.status import plan_status
from readiness.settings import Settings
from readiness.text import format_date
from tests.conftest import AS_AT, ROOT, store_of, stored_plan


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


def test_a_reader_that_stops_early_is_no_error(demo_db):
    """`... --format json | head -1`: the command stops quietly when its reader does."""
    command = [sys.executable, "-m", "readiness", "status", "--format", "json", "--db", demo_db]
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as run:
        assert run.stdout.read(1) == b"{"
        run.stdout.close()  # as `head` does once it has its line
        error = run.stderr.read().decode()
        assert run.wait(timeout=120) == 0, error
    assert "Traceback" not in error and "BrokenPipe" not in error


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


def test_status_table_names_the_council_and_shows_words(demo_db, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
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


def words(text: str) -> str:
    """The text with every run of spaces and line breaks as one space: what a reader reads,
    however the table wrapped it."""
    return " ".join(text.split())


@pytest.fixture
def any_demo_db(any_db_url, capsys):
    """The demo council in a new database, once on SQLite and once on PostgreSQL."""
    result = run(capsys, "init", "--demo", "--demo-date", AS_AT.isoformat(), db=any_db_url)
    assert result.code == 0, result.err
    return any_db_url


def test_status_lists_the_overdue_actions_and_who_leads_each(any_demo_db, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    as_at = ("--as-at", "2026-11-22")
    data = json.loads(run(capsys, "status", *as_at, "--format", "json", db=any_demo_db).out)
    overdue = data["overdue"]
    # The Overview's count: the recommendations' overdue actions, each once.
    assert len(overdue) == sum(r["overdue"] for r in data["recommendations"]) == 10
    assert [o["days_overdue"] for o in overdue] == sorted(
        (o["days_overdue"] for o in overdue), reverse=True
    )
    pathway = next(o for o in overdue if o["action"].startswith("Redesign the pathway plan"))
    assert (pathway["ref"], pathway["due"], pathway["days_overdue"]) == ("REC 1", "2026-09-13", 70)
    assert pathway["leads"] == [
        {"name": "Participation team", "role": "other lead"},
        {"name": "Personal advisers", "role": "other lead"},
        {"name": "Rebecca Hollis", "role": "other lead"},
        {"name": "Sophie Whitcombe", "role": "service lead"},
    ]

    table = run(capsys, "status", *as_at, db=any_demo_db)
    assert table.code == 0, table.err
    read = words(table.out)
    assert "Overdue actions, longest overdue first (10) REF DUE DAYS OVERDUE ACTION" in read
    assert (
        "REC 1 13 Sep 2026 70 Redesign the pathway plan document with members of the children "
        "in care council so that it uses plain language and opens with the young person's own "
        "goals. Leads: Participation team (other lead), Personal advisers (other lead), Rebecca "
        "Hollis (other lead), Sophie Whitcombe (service lead)"
    ) in read
    assert read.index("REC 1 10 Sep 2026 73 ") < read.index("REC 1 13 Sep 2026 70 ")
    # My actions' lead table: lead-action pairs, one for each lead of each overdue action.
    pairs = sum(len(o["leads"]) for o in overdue)
    assert pairs == 31
    assert (
        f"10 actions overdue; {pairs} lead-action pairs: an action with several leads counts "
        "once for each of them."
    ) in read
    assert "Rebecca Hollis 6 3 6 2 28 4" in read  # overdue, due soon, stale, no date, all, done


def test_status_for_one_lead_lists_only_their_overdue_actions(demo_db, capsys):
    args = ("status", "--as-at", "2026-11-22", "--lead", "Joanne Metcalfe")
    data = json.loads(run(capsys, *args, "--format", "json", db=demo_db).out)
    assert [o["action_id"] for o in data["overdue"]] == [44, 50, 48]
    for entry in data["overdue"]:
        assert "Joanne Metcalfe" in [lead["name"] for lead in entry["leads"]], entry["ref"]
    read = words(run(capsys, *args, db=demo_db).out)
    assert "Joanne Metcalfe answers for 3 of the plan's 10 overdue actions." in read
    assert "Rebecca Hollis 6" not in read  # the lead table shows Joanne's row alone


@pytest.mark.parametrize("width", [80, 120])
def test_the_status_table_fits_the_terminal_and_never_cuts_a_word(
    demo_db, capsys, monkeypatch, width
):
    monkeypatch.setenv("COLUMNS", str(width))
    data = json.loads(run(capsys, "status", "--format", "json", db=demo_db).out)
    result = run(capsys, "status", db=demo_db)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert max(len(line) for line in lines) <= width
    shown = set(result.out.split())
    texts = [r["title"] for r in data["recommendations"]] + [o["action"] for o in data["overdue"]]
    for text in texts:
        assert set(text.split()) <= shown, text
    assert "…" not in result.out


COMMANDS = next(
    a.choices for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)
)


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_option_of_every_command_says_what_it_is(capsys, command):
    result = run(capsys, command, "--help")
    assert result.code == 0, result.err
    shown = words(result.out)
    for action in COMMANDS[command]._actions:
        name = "/".join(action.option_strings) or action.dest
        assert action.help, f"{command} {name} has no help"
        assert words(action.help % vars(action)) in shown, f"{command} {name}"


@pytest.mark.parametrize(
    ("command", "meaning"),
    [
        ("status", "judge the plan as it stood on this date"),
        ("export-plan", "judge the plan as it stood on this date"),
        ("kpis", "show the figures for periods ending by this date"),
        ("kpi-target", "record the target as set on this date"),
        (
            "predict",
            "predict from the reports published, and the council's own inspections started, "
            "before this date",
        ),
        ("outlook", "predict from the reports published before this date"),
    ],
)
def test_as_at_says_what_it_means_for_the_command(capsys, command, meaning):
    shown = words(run(capsys, command, "--help").out)
    assert f"--as-at YYYY-MM-DD {meaning}" in shown


def test_status_shows_a_revised_due_date_beside_the_plans(any_demo_db, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    engine = make_engine(any_demo_db)
    action = plan_status(stored_plan(engine), AS_AT, Settings()).overdue.iloc[0]
    note = "Panel moved to November."
    entry = ProgressEntry(
        action_id=int(action["action_id"]),
        version=int(action["version"]),
        text=note,
        status="in_progress",
        recorded_on=date(2026, 11, 17),
        author="Rebecca Hollis",
        revised_due=date(2026, 11, 20),
    )
    store_of(engine).record_progress(entry, by=LOCAL_USER)
    engine.dispose()
    as_at = ("--as-at", "2026-11-22")
    data = json.loads(run(capsys, "status", *as_at, "--format", "json", db=any_demo_db).out)
    revised = next(o for o in data["overdue"] if o["action_id"] == action["action_id"])
    assert (revised["due"], revised["days_overdue"]) == ("2026-11-20", 2)
    assert (revised["original_due"], revised["recovery_note"]) == (
        action["due"].isoformat(),
        note,
    )
    others = [o for o in data["overdue"] if o is not revised]
    assert others and all(o["original_due"] is o["recovery_note"] is None for o in others)
    read = words(run(capsys, "status", *as_at, db=any_demo_db).out)
    assert (
        f"{action['ref']} 20 Nov 2026 2 {' '.join(action['action'].split())} "
        f"Due date revised from {format_date(action['due'])}. Recovery note: {note} Leads: "
    ) in read
