"""Whose report it is: another council's report is refused before anything is stored (the command
line and the Data page alike), the council's own is stored, and a database holding only the demo
council, or none yet, takes the report's council as its own.

The real reports and DfE's files are kept outside the repo; the tests that need them are skipped,
saying why, where they are absent (tests.kpi_data.shared_file).
"""

from __future__ import annotations

import csv

import pytest

from readiness.access.roles import LOCAL_USER
from readiness.db.engine import make_engine
from readiness.demo.prepare import prepare_database
from readiness.inspection.national_files import read_national
from readiness.inspection.report_council import council_key
from readiness.inspection.report_pdf import read_report
from readiness.kpi import store as kpi_store
from readiness.kpi.store import Council
from tests.conftest import AS_AT, open_app, store_of, stored_plan
from tests.kpi_data import SN_2025, kpi_file, ofsted_lookup
from tests.page_text import shown
from tests.test_cli import run
from tests.test_plan_sync import snapshot
from tests.test_report_import import upload_report, url_of
from tests.test_report_pdf import real_report

# Each real report's council as DfE numbers it (the LA lookup's la_code), read by eye.
DFE_CODES = {
    "2637539_north_northamptonshire_2026-07-07.pdf": "940",
    "80431_blackpool_2026-07-28.pdf": "890",
    "80436_bracknell_forest_2026-01-28.pdf": "867",
    "80449_bradford_2026-05-21.pdf": "380",  # "Bradford Children and Families Trust"
    "80474_herefordshire_2026-01-12.pdf": "884",  # "Herefordshire, County of" in DfE's files
    "80476_kent_2026-02-02.pdf": "886",  # "Kent County Council"
    "80489_brent_2026-06-17.pdf": "304",
    "80506_lambeth_2026-03-10.pdf": "208",
    "80541_redcar_and_cleveland_2026-01-28.pdf": "807",
    "80573_trafford_2026-08-03.pdf": "358",
}
REDCAR = "80541_redcar_and_cleveland_2026-01-28.pdf"
KENT = "80476_kent_2026-02-02.pdf"
GATESHEAD = Council("390", "Gateshead", None)


def _dfe_names(path, code_column: str, name_column: str) -> dict[str, set[str]]:
    """Every key DfE's file gives a council, with the numbers of the councils named so."""
    keys: dict[str, set[str]] = {}
    with path.open(encoding="utf-8-sig", newline="") as file:
        for row in csv.DictReader(file):
            keys.setdefault(council_key(row[name_column]), set()).add(row[code_column])
    return keys


@pytest.mark.parametrize("file", sorted(DFE_CODES), ids=lambda f: f.split("_", 1)[1][:-15])
def test_each_real_reports_council_is_the_one_dfe_names_so(file):
    name = read_report(real_report(file), file).local_authority
    lookup = _dfe_names(ofsted_lookup(), "la_code", "local_authority_ons_name")
    neighbours = _dfe_names(kpi_file(SN_2025), "old_la_code", "la_name")
    # One council in each of DfE's files, and the right one.
    assert lookup[council_key(name)] == {DFE_CODES[file]}
    assert neighbours[council_key(name)] == {DFE_CODES[file]}


@pytest.mark.parametrize(
    ("report", "dfe"),
    [
        ("Redcar & Cleveland Borough Council", "Redcar and Cleveland"),
        ("Bristol City Council", "Bristol, City of"),
        ("Hull City Council", "Kingston upon Hull, City of"),
        ("Kingston upon Hull City Council", "Kingston Upon Hull, City of"),
        ("Durham County Council", "County Durham"),
        ("St Helens Council", "St. Helens"),
        ("Royal Borough of Windsor and Maidenhead", "Windsor and Maidenhead"),
        ("Birmingham Children\u2019s Trust", "Birmingham"),
    ],
)
def test_name_forms_of_one_council_match(report, dfe):
    assert council_key(report) == council_key(dfe)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Kingston upon Thames", "Kingston upon Hull, City of"),
        ("Northamptonshire", "North Northamptonshire"),
    ],
)
def test_names_of_two_councils_do_not_match(one, other):
    assert council_key(one) != council_key(other)


def _gateshead(engine) -> None:
    """The database after a KPI load for Gateshead (390)."""
    with engine.begin() as conn:
        kpi_store.set_council(conn, GATESHEAD)


def _with_national_record(engine) -> None:
    store_of(engine).store_national_record(read_national([ofsted_lookup()]), AS_AT, by=LOCAL_USER)


def test_another_councils_report_is_refused_and_nothing_stored(demo_engine, capsys):
    path = real_report(REDCAR)
    _gateshead(demo_engine)
    _with_national_record(demo_engine)
    before = snapshot(demo_engine)
    result = run(capsys, "import-report", str(path), "--yes", db=url_of(demo_engine))
    assert result.code == 1
    assert result.err.startswith(
        "This report is for Redcar and Cleveland; this dashboard is for Gateshead (390). "
        "Nothing was stored."
    )
    assert "load Redcar and Cleveland's KPIs (council number 807) first" in result.err
    assert snapshot(demo_engine) == before  # the plan, the events and the council as they were
    assert store_of(demo_engine).kpi_council()[0] == GATESHEAD


def test_the_councils_own_report_is_stored(demo_engine, capsys):
    path = real_report(KENT)  # "Kent County Council", stored as DfE names it: "Kent"
    with demo_engine.begin() as conn:
        kpi_store.set_council(conn, Council("886", "Kent", None))
    result = run(capsys, "import-report", str(path), "--yes", db=url_of(demo_engine))
    assert result.code == 0, result.err
    assert "Stored. Added the short inspection" in result.out
    assert stored_plan(demo_engine).council == "Kent County Council"
    assert store_of(demo_engine).kpi_council()[0].la_code == "886"


def test_a_demo_database_takes_the_reports_council_as_its_own(demo_engine, capsys):
    _with_national_record(demo_engine)
    path = real_report(REDCAR)
    result = run(capsys, "import-report", str(path), "--yes", db=url_of(demo_engine))
    assert result.code == 0, result.err
    assert (
        "This report's council, Redcar and Cleveland (807), becomes the council this dashboard "
        "is for." in result.out
    )
    council = store_of(demo_engine).kpi_council()[0]
    assert (council.la_code, council.name, council.region) == (
        "807",
        "Redcar and Cleveland",
        "region:North East",
    )
    # From now on another council's report is refused.
    other = run(capsys, "import-report", str(real_report(KENT)), "--yes", db=url_of(demo_engine))
    assert other.code == 1
    assert "this dashboard is for Redcar and Cleveland (807)" in other.err


def test_an_empty_database_takes_the_reports_council_by_name(sqlite_url, capsys):
    """No national record gives the number: the report's council is the dashboard's by the
    draft plan's name, and another council's report is still refused."""
    engine = make_engine(sqlite_url)
    prepare_database(engine, AS_AT, demo=False)
    result = run(capsys, "import-report", str(real_report(REDCAR)), "--yes", db=sqlite_url)
    assert result.code == 0, result.err
    assert "This report's council, Redcar and Cleveland, becomes the council" in result.out
    assert store_of(engine).kpi_council()[0] is None
    before = snapshot(engine)
    other = run(capsys, "import-report", str(real_report(KENT)), "--yes", db=sqlite_url)
    assert other.code == 1
    assert other.err.startswith(
        "This report is for Kent County Council; this dashboard is for Redcar and Cleveland."
    )
    assert snapshot(engine) == before


def test_data_page_refuses_another_councils_report(demo_engine, sqlite_url, monkeypatch):
    _gateshead(demo_engine)
    before = snapshot(demo_engine)
    at = open_app(sqlite_url, monkeypatch, "views/loading.py")
    path = real_report(REDCAR)
    upload_report(at, path.name, path.read_bytes())
    errors = [shown(e.value) for e in at.error]
    assert any(
        e.startswith("This report is for Redcar and Cleveland; this dashboard is for Gateshead")
        for e in errors
    ), errors
    assert not [b for b in at.button if b.key == "report_store"]
    assert snapshot(demo_engine) == before


def test_data_page_sets_up_the_council_of_a_demo_database(demo_engine, sqlite_url, monkeypatch):
    _with_national_record(demo_engine)
    at = open_app(sqlite_url, monkeypatch, "views/loading.py")
    path = real_report(REDCAR)
    upload_report(at, path.name, path.read_bytes())
    assert any(
        "Redcar and Cleveland (807), becomes the council this dashboard is for" in shown(m.value)
        for m in at.markdown
    )
    at.button(key="report_store").click().run()
    assert any("Stored. " in shown(s.value) for s in at.success)
    assert store_of(demo_engine).kpi_council()[0].la_code == "807"
