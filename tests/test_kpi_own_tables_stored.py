"""A council's own KPI tables stored: from the command line (import-kpis, then kpis and kpi-target
show and change what was stored), all or nothing, and on the Data page.

The tables are made up here for a fictional council, Fernbridge (DfE number 900 is no council's).
"""

from __future__ import annotations

import json

from readiness.db.engine import make_engine
from readiness.kpi import store
from tests.own_kpi_tables import LA, MONTHS, workbook
from tests.test_cli import run
from tests.test_kpi_data_page import data_page, upload  # noqa: F401  (a fixture, used by name)

# --- From the command line --------------------------------------------------------------------


def kpis(capsys, url: str, as_at: str) -> dict[str, dict]:
    result = run(capsys, "kpis", "--format", "json", "--as-at", as_at, db=url)
    assert result.code == 0, result.err
    return {entry["id"]: entry for entry in json.loads(result.out)}


def test_a_wide_workbook_with_targets_loads_and_colours_the_kpis(sqlite_url, capsys, tmp_path):
    rows = [
        ["Indicator", "Polarity", "Judgement area", "Target", "Tolerance", *MONTHS[:3]],
        ["Re-referrals", "", "", 20, 1, 21.5, 20.6, 20.4],
        ["Visits on time", "Higher is better", "Help and protection", 90, 5, 88, 91, 86],
        ["Foster carers recruited", "", "", "", "", 3, 4, 5],
    ]
    path = workbook(tmp_path / "fernbridge_scorecard.xlsx", {"Scorecard": rows})
    # Loaded at the end of July: a council's own figures count from their load (releases.py).
    args = ["import-kpis", str(path), "--la", LA, "--format", "wide", "--yes"]
    args += ["--imported-on", "2025-07-31"]
    result = run(capsys, *args, db=sqlite_url)
    assert result.code == 0, result.err
    assert "900 (900): 9 figures to add" in result.out
    assert "Also targets for 2 indicators and 2 local indicators" in result.out
    assert "Check: fernbridge_scorecard.xlsx: No polarity is given for 1 local indicator" in (
        result.out
    )
    assert "no statistical neighbours" not in result.out  # no DfE file: no neighbours read
    shown = kpis(capsys, sqlite_url, "2025-07-31")
    rereferrals = shown["rereferrals"]
    assert (rereferrals["latest_period"], rereferrals["value"]) == ("Jun-25", 20.4)
    assert (rereferrals["target"], rereferrals["rag"]) == (20.0, "amber")  # 0.4 worse, within 1
    visits = shown["local_visits_on_time"]
    assert (visits["name"], visits["value"], visits["target"]) == ("Visits on time", 86, 90)
    assert (visits["polarity"], visits["rag"]) == ("high", "amber")
    assert shown["local_foster_carers_recruited"]["rag"] is None  # context: never coloured
    engine = make_engine(sqlite_url)
    with engine.connect() as conn:
        stored = {i.id: i for i in store.local_indicators(conn)}
    engine.dispose()
    assert stored["local_visits_on_time"].area == "help_protection"
    assert stored["local_foster_carers_recruited"].area == ""
    # A local indicator's target can be set as DfE's are.
    target = run(capsys, "kpi-target", "local_visits_on_time", "85", db=sqlite_url)
    assert target.code == 0, target.err
    assert kpis(capsys, sqlite_url, "2025-07-31")["local_visits_on_time"]["rag"] == "green"


def test_one_bad_cell_stores_nothing(sqlite_url, capsys, tmp_path):
    rows = [["Indicator", "Target", *MONTHS[:2]], ["Re-referrals", 20, 21.5, "twenty"]]
    path = workbook(tmp_path / "scorecard.xlsx", {"Scorecard": rows})
    result = run(capsys, "import-kpis", str(path), "--la", LA, "--yes", db=sqlite_url)
    assert result.code == 1 and "nothing was stored" in result.err
    assert 'scorecard.xlsx, sheet "Scorecard", row 2, column "May-25": "twenty"' in result.err
    engine = make_engine(sqlite_url)
    with engine.connect() as conn:
        assert store.load_values(conn).empty and store.targets(conn) == {}
        assert store.council(conn) is None and store.local_indicators(conn) == []
    engine.dispose()


# --- On the Data page -------------------------------------------------------------------------


def test_the_data_page_loads_an_own_workbook_with_its_warnings(
    data_page,  # noqa: F811
    sqlite_url,
    tmp_path,
):
    rows = [["KPI", "Target", "2023-24", "2024-25"], ["Visits on time", 90, 88, 91]]
    path = workbook(tmp_path / "own.xlsx", {"Scorecard": rows})
    data_page.text_input(key="kpi_la").input(LA)
    upload(data_page, "kpi_upload", path)
    data_page.run()
    assert not data_page.exception, data_page.exception
    summary = [m.value for m in data_page.markdown if "figures to add" in m.value]
    assert summary and "2 figures to add" in summary[0] and "Visits on time" in summary[0]
    assert any("to check" in e.label for e in data_page.expander)
    data_page.button(key="kpi_store").click().run()
    assert any("Stored." in s.value for s in data_page.success)
    engine = make_engine(sqlite_url)
    with engine.connect() as conn:
        assert store.targets(conn)["local_visits_on_time"] == (90.0, None)
        assert [i.name for i in store.local_indicators(conn)] == ["Visits on time"]
    engine.dispose()


def test_a_neighbours_column_is_the_neighbour_figure_when_no_neighbours_are_stored(
    tmp_path, sqlite_url, capsys
):
    path = tmp_path / "own.csv"
    path.write_text(
        "Indicator,Period,Value,England,Statistical neighbours\n"
        "Re-referrals within 12 months,2023-24,24.0,22.0,23.0\n"
        "Re-referrals within 12 months,2024-25,23.0,22.5,22.8\n"
    )
    stored = run(capsys, "import-kpis", str(path), "--la", "901", "--yes", db=sqlite_url)
    assert stored.code == 0, stored.err
    shown = run(capsys, "kpis", "--format", "json", "--as-at", "2026-11-29", db=sqlite_url)
    (rereferrals,) = json.loads(shown.out)
    assert (rereferrals["value"], rereferrals["england"], rereferrals["sn"]) == (23.0, 22.5, 22.8)
