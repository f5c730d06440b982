"""Loading a plan end to end: the CLI (dry run, confirm, problems), the Data page, and the
export → import round trip that must give back the same plan."""

from __future__ import annotations

import builtins
import json
import sys

import pytest

from readiness.access.roles import LOCAL_USER
from readiness.db.engine import make_engine
from readiness.plan.progress import ProgressEntry
from tests.conftest import AS_AT, open_app, store_of, stored_plan
from tests.html_tables import page_tables
from tests.import_fixtures import committee_workbook
from tests.page_text import shown
from tests.test_cli import run

PROMPT = "\nStore these changes? [y/N] "


def plan_in(url: str):
    """The current plan in the database at `url`, or None."""
    engine = make_engine(url)
    try:
        return stored_plan(engine)
    finally:
        engine.dispose()


def plan_shape(plan) -> list[tuple]:
    """What a user would call 'the same plan': every action with its place, leads, dates, status."""
    themes = {t.id: t for t in plan.themes}
    recs = {r.id: r for r in plan.recommendations}
    return [
        (
            recs[themes[a.theme_id].recommendation_id].ref,
            recs[themes[a.theme_id].recommendation_id].text,
            recs[themes[a.theme_id].recommendation_id].areas,
            themes[a.theme_id].text,
            a.text,
            a.service_leads,
            a.other_leads,
            a.start,
            a.due,
            a.status,
            a.completed,
            a.evidence,
        )
        for a in plan.actions
    ]


@pytest.fixture
def exported(demo_engine, sqlite_url, tmp_path, capsys):
    """The demo plan, and the workbook `export-plan` wrote of it."""
    path = tmp_path / "exported.xlsx"
    result = run(capsys, "export-plan", str(path), "--as-at", AS_AT.isoformat(), db=sqlite_url)
    assert result.code == 0, result.err
    return plan_in(sqlite_url), path


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_url(request, tmp_path) -> str:
    """An empty database other than the one the demo was exported from."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'fresh.db'}"
    return request.getfixturevalue("postgres_url")


def test_export_then_import_gives_back_the_same_plan(exported, fresh_url, capsys):
    original, path = exported
    result = run(
        capsys, "import-plan", str(path), "--yes", "--imported-on", "2026-11-22", db=fresh_url
    )
    assert result.code == 0, result.err
    stored = result.out.splitlines()[-1]
    assert stored.startswith("Stored: New plan: ") and f" {len(original.actions)} actions" in stored
    assert plan_shape(plan_in(fresh_url)) == plan_shape(original)


def test_reimporting_the_export_changes_nothing(exported, sqlite_url, capsys):
    _, path = exported
    result = run(
        capsys, "import-plan", str(path), "--dry-run", "--imported-on", "2026-11-22", db=sqlite_url
    )
    assert result.code == 0, result.err
    assert "0 added, 0 changed, 0 removed" in result.out


def test_dry_run_shows_the_changes_and_stores_nothing(demo_engine, sqlite_url, tmp_path, capsys):
    before = plan_in(sqlite_url)
    path = committee_workbook(tmp_path / "committee.xlsx")
    result = run(capsys, "import-plan", str(path), "--dry-run", db=sqlite_url)
    assert result.code == 0, result.err
    assert result.out.rstrip().endswith("Dry run: nothing was stored.")
    assert plan_in(sqlite_url) == before


def answer_prompt(monkeypatch, reply: str, *, terminal: bool = True) -> list[str]:
    """Make stdin a terminal (or not) where the user types `reply`; returns the prompts asked."""
    asked: list[str] = []

    def type_reply(prompt: str = "") -> str:
        asked.append(prompt)
        return reply

    monkeypatch.setattr(sys.stdin, "isatty", lambda: terminal)
    monkeypatch.setattr(builtins, "input", type_reply)
    return asked


def stored_refs(capsys, url: str) -> list[str]:
    """The recommendation refs `status` shows for the database at `url`."""
    result = run(capsys, "status", "--format", "json", db=url)
    assert result.code == 0, result.err
    return [r["ref"] for r in json.loads(result.out)["recommendations"]]


@pytest.mark.parametrize("reply", ["y", "Y", " yes "])
def test_answering_yes_stores_the_plan(sqlite_url, tmp_path, capsys, monkeypatch, reply):
    asked = answer_prompt(monkeypatch, reply)
    path = committee_workbook(tmp_path / "committee.xlsx")
    result = run(capsys, "import-plan", str(path), db=sqlite_url)
    assert result.code == 0, result.err
    assert asked == [PROMPT]
    assert "Stored: New plan" in result.out and "Nothing was stored." not in result.out
    assert "AFD 2" in stored_refs(capsys, sqlite_url)


@pytest.mark.parametrize("reply", ["n", "", "no", "yes please", "q"])
def test_any_other_answer_stores_nothing_and_says_so(
    sqlite_url, tmp_path, capsys, monkeypatch, reply
):
    asked = answer_prompt(monkeypatch, reply)
    path = committee_workbook(tmp_path / "committee.xlsx")
    result = run(capsys, "import-plan", str(path), db=sqlite_url)
    assert result.code == 0, result.err
    assert asked == [PROMPT]
    assert result.out.rstrip().endswith("Nothing was stored.")
    assert "Stored:" not in result.out
    status = run(capsys, "status", db=sqlite_url)
    assert status.code == 1 and "no improvement plan stored yet" in status.err


def test_confirmation_is_required_without_a_terminal(sqlite_url, tmp_path, capsys, monkeypatch):
    asked = answer_prompt(monkeypatch, "y", terminal=False)
    path = committee_workbook(tmp_path / "committee.xlsx")
    result = run(capsys, "import-plan", str(path), db=sqlite_url)
    assert result.code == 2
    assert asked == []  # it never asks where nobody can answer
    assert result.err.splitlines()[-1] == (
        "error: add --yes to store without being asked, or --dry-run to preview"
    )
    assert plan_in(sqlite_url) is None


def test_a_committee_paper_plan_is_stored_and_shown(sqlite_url, tmp_path, capsys):
    path = committee_workbook(tmp_path / "committee.xlsx")
    result = run(capsys, "import-plan", str(path), "--yes", db=sqlite_url)
    assert result.code == 0, result.err
    assert "AFD 2" in stored_refs(capsys, sqlite_url)


def test_a_bad_file_lists_every_problem_and_stores_nothing(
    demo_engine, sqlite_url, tmp_path, capsys
):
    before = plan_in(sqlite_url)
    path = tmp_path / "plan.csv"
    path.write_text(
        "Ref,Recommendation,Theme,Action,Service leads,Due\n"
        "REC 1,Plans,Template,Review it,Ann Lee,31/02/2026\n"
        "REC 1,Other text,Template,Train staff,Ann Lee,2026-13-01\n",
        encoding="utf-8",
    )
    result = run(capsys, "import-plan", str(path), "--yes", db=sqlite_url)
    assert result.code == 1
    assert result.out == ""
    assert "31/02/2026" in result.err and "row 2" in result.err
    assert "2026-13-01" in result.err and "row 3" in result.err
    assert "nothing was stored" in result.err
    assert plan_in(sqlite_url) == before


@pytest.fixture
def data_page(demo_engine, sqlite_url, monkeypatch):
    return open_app(sqlite_url, monkeypatch, "views/loading.py")


def test_data_page_previews_then_stores_on_confirmation(data_page, exported, sqlite_url):
    plan, path = exported
    data_page.file_uploader(key="data_upload").set_value(
        ("plan.xlsx", path.read_bytes(), "application/vnd.ms-excel")
    ).run()
    assert not data_page.exception, data_page.exception
    assert any("0 added, 0 changed, 0 removed" in shown(m.value) for m in data_page.markdown)
    data_page.button(key="data_store").click().run()
    assert any("Stored." in s.value for s in data_page.success)
    assert plan_shape(plan_in(sqlite_url)) == plan_shape(plan)


def test_data_page_lists_problems_in_a_table(data_page):
    bad = (
        b"Ref,Recommendation,Theme,Action,Service leads,Due\nREC 1,Plans,T,Act,Ann Lee,31/02/2026\n"
    )
    data_page.file_uploader(key="data_upload").set_value(("bad.csv", bad, "text/csv")).run()
    assert data_page.error and "Nothing was stored" in data_page.error[0].value
    problems = next(t for t in page_tables(data_page) if t and "Value found" in t[0])
    assert [(p["Row"], p["Column"], p["Value found"]) for p in problems] == [
        ("2", "Due", "31/02/2026")
    ]
    # Empty cells are empty, not "None"; the fix is there in full.
    assert problems[0]["Sheet"] == "" and problems[0]["What to do"].endswith(".")


def test_a_store_refused_because_the_plan_changed_says_so_and_stores_nothing(
    data_page, exported, sqlite_url
):
    plan, path = exported
    data_page.file_uploader(key="data_upload").set_value(
        ("plan.xlsx", path.read_bytes(), "application/vnd.ms-excel")
    ).run()
    # Someone records progress on an action after this preview was made.
    engine = make_engine(sqlite_url)
    action = stored_plan(engine).actions[0]
    store_of(engine).record_progress(
        ProgressEntry(action.id, action.version, "Done early.", "complete", AS_AT, "Ann Lee"),
        by=LOCAL_USER,
    )
    before = stored_plan(engine)
    data_page.button(key="data_store").click().run()
    assert data_page.error and "nothing was stored" in data_page.error[0].value
    assert stored_plan(engine) == before


def test_a_file_stored_as_a_new_plan_takes_the_title_and_council_given(
    data_page, exported, sqlite_url
):
    _, path = exported
    data_page.checkbox(key="data_as_new").check().run()
    data_page.file_uploader(key="data_upload").set_value(
        ("plan.xlsx", path.read_bytes(), "application/vnd.ms-excel")
    ).run()
    data_page.text_input(key="data_title").input("Improvement plan 2027").run()
    data_page.text_input(key="data_council").input("Fenmoor County Council").run()
    data_page.button(key="data_store").click().run()
    stored = stored_plan(make_engine(sqlite_url))
    assert (stored.title, stored.council) == ("Improvement plan 2027", "Fenmoor County Council")
    # The earlier plan is kept and can be made the one everyone sees again.
    data_page.run()
    listed = next(t for t in page_tables(data_page) if t and "Shown to everyone" in t[0])
    assert [(p["Shown to everyone"], p["Plan"]) for p in listed] == [
        ("✔ Current", "Improvement plan 2027"),
        ("", "Children's services improvement plan 2025-27"),
    ]
    data_page.button(key="FormSubmitter:data_switch-Make it current").click().run()
    assert (
        stored_plan(make_engine(sqlite_url)).title == "Children's services improvement plan 2025-27"
    )


def test_data_page_offers_template_and_export(data_page):
    labels = [b.label for b in data_page.get("download_button")]
    assert labels == [
        "Download the blank plan template (.xlsx)",
        "Download the whole plan as at 22/11/2026 (.xlsx)",
        "Board pack (PDF)",
    ]
