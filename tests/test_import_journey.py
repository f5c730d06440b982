"""Loading a plan end to end: the CLI (dry run, confirm, problems), the Data page, and the
export → import round trip that must give back the same plan."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from readiness.db import make_engine
from readiness.export import export_plan
from readiness.plan_data import load_plan_data
from readiness.settings import Settings
from readiness.status import plan_status
from tests.conftest import AS_AT, ROOT
from tests.import_fixtures import committee_workbook
from tests.test_cli import run


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
def exported(demo_engine, tmp_path):
    plan = load_plan_data(demo_engine)
    path = tmp_path / "exported.xlsx"
    export_plan(plan, plan_status(plan, AS_AT, Settings()), path)
    return plan, path


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_url(request, tmp_path) -> str:
    """An empty database other than the one the demo was exported from."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'fresh.db'}"
    return request.getfixturevalue("postgres_url")


def test_export_then_import_gives_back_the_same_plan(exported, fresh_url):
    original, path = exported
    url = fresh_url
    result = run("import-plan", str(path), "--yes", "--as-at", "2026-11-22", db=url)
    assert result.returncode == 0, result.stderr
    assert "New plan" in result.stdout
    assert plan_shape(load_plan_data(make_engine(url))) == plan_shape(original)


def test_reimporting_the_export_changes_nothing(exported, sqlite_url):
    _, path = exported
    result = run("import-plan", str(path), "--dry-run", "--as-at", "2026-11-22", db=sqlite_url)
    assert result.returncode == 0, result.stderr
    assert "0 added, 0 changed, 0 removed" in result.stdout


def test_dry_run_shows_the_changes_and_stores_nothing(demo_engine, sqlite_url, tmp_path):
    before = load_plan_data(demo_engine)
    path = committee_workbook(tmp_path / "committee.xlsx")
    result = run("import-plan", str(path), "--dry-run", db=sqlite_url)
    assert result.returncode == 0, result.stderr
    assert "Dry run: nothing was stored." in result.stdout
    assert load_plan_data(demo_engine) == before


def test_confirmation_is_required_without_a_terminal(sqlite_url, tmp_path):
    path = committee_workbook(tmp_path / "committee.xlsx")
    result = run("import-plan", str(path), db=sqlite_url)
    assert result.returncode == 2 and "add --yes" in result.stderr


def test_a_committee_paper_plan_is_stored_and_shown(sqlite_url, tmp_path):
    path = committee_workbook(tmp_path / "committee.xlsx")
    result = run("import-plan", str(path), "--yes", db=sqlite_url)
    assert result.returncode == 0, result.stderr
    status = run("status", "--format", "json", db=sqlite_url)
    assert status.returncode == 0 and '"ref": "AFD 2"' in status.stdout


def test_a_bad_file_lists_every_problem_and_stores_nothing(demo_engine, sqlite_url, tmp_path):
    before = load_plan_data(demo_engine)
    path = tmp_path / "plan.csv"
    path.write_text(
        "Ref,Recommendation,Theme,Action,Service leads,Due\n"
        "REC 1,Plans,Template,Review it,Ann Lee,31/02/2026\n"
        "REC 1,Other text,Template,Train staff,Ann Lee,2026-13-01\n",
        encoding="utf-8",
    )
    result = run("import-plan", str(path), "--yes", db=sqlite_url)
    assert result.returncode == 1
    assert "31/02/2026" in result.stderr and "row 2" in result.stderr
    assert "nothing was stored" in result.stderr
    assert load_plan_data(demo_engine) == before


@pytest.fixture
def data_page(demo_engine, sqlite_url, monkeypatch):
    monkeypatch.setenv("READINESS_DATABASE_URL", sqlite_url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["as_at"] = AS_AT.isoformat()
    at.run()
    at.switch_page("views/data.py").run()
    assert not at.exception, at.exception
    return at


def test_data_page_previews_then_stores_on_confirmation(data_page, exported, demo_engine):
    plan, path = exported
    data_page.file_uploader(key="data_upload").set_value(
        ("plan.xlsx", path.read_bytes(), "application/vnd.ms-excel")
    ).run()
    assert not data_page.exception, data_page.exception
    assert any("0 added, 0 changed, 0 removed" in m.value for m in data_page.markdown)
    data_page.button(key="data_store").click().run()
    assert any("Stored." in s.value for s in data_page.success)
    assert plan_shape(load_plan_data(demo_engine)) == plan_shape(plan)


def test_data_page_lists_problems_in_a_table(data_page):
    bad = (
        b"Ref,Recommendation,Theme,Action,Service leads,Due\nREC 1,Plans,T,Act,Ann Lee,31/02/2026\n"
    )
    data_page.file_uploader(key="data_upload").set_value(("bad.csv", bad, "text/csv")).run()
    assert data_page.error and "Nothing was stored" in data_page.error[0].value
    problems = data_page.dataframe[0].value
    assert "31/02/2026" in set(problems["Value found"].astype(str))


def test_data_page_offers_template_and_export(data_page):
    labels = [b.label for b in data_page.get("download_button")]
    assert any("template" in label for label in labels)
    assert any("Download the whole plan" in label for label in labels)
