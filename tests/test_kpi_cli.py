"""Loading DfE's real published files for a council from the command line, then reading the
council's indicators back: the figures, comparators, rank and targets a user would check; the
table as a terminal 80 and 120 characters wide shows it; and a target dated as the user says."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from readiness.db.engine import make_engine
from readiness.db.models import KpiTarget
from readiness.kpi import store
from tests.kpi_data import C1, CSWW, KPI_DATA, LAIT, SN_2025, kpi_file
from tests.test_cli import run, words


def kpis_json(capsys, url: str) -> dict[str, dict]:
    result = run(capsys, "kpis", "--format", "json", "--as-at", "2026-11-29", db=url)
    assert result.code == 0, result.err
    return {entry["id"]: entry for entry in json.loads(result.out)}


def test_lait_for_leeds_with_neighbours_and_every_council(sqlite_url, capsys):
    lait, neighbours = kpi_file(LAIT), kpi_file(SN_2025)
    args = ["import-kpis", str(lait), "--la", "383", "--neighbours", str(neighbours)]
    result = run(capsys, *args, "--all-las", "--yes", db=sqlite_url)
    assert result.code == 0, result.err
    assert "Leeds (383):" in result.out and "22 indicators" in result.out
    rereferrals = kpis_json(capsys, sqlite_url)["rereferrals"]
    # Read by hand from the parquet file: Leeds 24.2, England 22.6, Yorkshire and The Humber 21.7.
    assert (rereferrals["latest_period"], rereferrals["value"]) == ("2024-25", 24.2)
    assert (rereferrals["england"], rereferrals["region"]) == (22.6, 21.7)
    assert rereferrals["sn_count"] == 10 and rereferrals["quartile"] in (1, 2, 3, 4)
    assert rereferrals["rag"] is None  # no target yet
    target = run(capsys, "kpi-target", "rereferrals", "24", "--tolerance", "1", db=sqlite_url)
    assert target.code == 0, target.err
    assert kpis_json(capsys, sqlite_url)["rereferrals"]["rag"] == "amber"  # 0.2 points worse
    engine = make_engine(sqlite_url)
    with engine.connect() as conn:
        assert store.council(conn) == store.Council(
            "383", "Leeds", "region:Yorkshire and The Humber"
        )
        assert len(store.neighbours_of(conn, "383")) == 10
    engine.dispose()


def test_a_second_load_of_the_same_file_changes_nothing(sqlite_url, capsys):
    csww, neighbours = kpi_file(CSWW), kpi_file(SN_2025)
    args = ["import-kpis", str(csww), "--la", "202", "--neighbours", str(neighbours), "--yes"]
    assert run(capsys, *args, db=sqlite_url).code == 0
    # The council and its neighbours are remembered: no --la or --neighbours needed again.
    again = run(capsys, "import-kpis", str(csww), "--dry-run", db=sqlite_url)
    assert again.code == 0, again.err
    assert "0 figures to add, 0 changed" in again.out and "Dry run" in again.out
    assert "in place of" not in again.out
    turnover = kpis_json(capsys, sqlite_url)["sw_turnover"]
    assert (turnover["latest_period"], turnover["value"]) == ("2025", 19.5)  # Camden, by hand
    # Another council's figures: the preview says the council shown changes, before storing.
    other = run(capsys, "import-kpis", str(csww), "--la", "383", "--dry-run", db=sqlite_url)
    assert "makes Leeds (383) the council the KPIs page shows, in place of Camden (202)" in (
        other.out
    )


def test_the_gap_to_england_from_a_file_with_counts(sqlite_url, capsys):
    c1 = kpi_file(C1)
    result = run(capsys, "import-kpis", str(c1), "--la", "383", "--yes", db=sqlite_url)
    assert result.code == 0, result.err
    rereferrals = kpis_json(capsys, sqlite_url)["rereferrals"]
    # Leeds 2024-25: 2,494 of 10,304 referrals (24.2%); England 22.6%, outside the interval.
    assert rereferrals["interval_95"] == [23.4, 25.0]
    assert rereferrals["differs_from_england"] is True


def test_a_whole_folder_of_dfe_files_loads_at_once(sqlite_url, capsys):
    folder = kpi_file("")  # the folder itself; skipped where DfE's files are not kept
    args = ["import-kpis", str(folder), "--la", "383", "--neighbours", str(KPI_DATA / SN_2025)]
    result = run(capsys, *args, "--dry-run", db=sqlite_url)
    assert result.code == 0, result.err
    assert "22 indicators" in result.out and "Filled 22 of 22 indicators" in result.out


def test_an_unknown_council_number_stores_nothing(sqlite_url, capsys):
    result = run(capsys, "import-kpis", str(kpi_file(CSWW)), "--la", "999", "--yes", db=sqlite_url)
    assert result.code == 1 and "999" in result.err and "nothing was stored" in result.err


def test_kpi_target_refuses_a_context_indicator_and_an_unknown_one(sqlite_url, capsys):
    context = run(capsys, "kpi-target", "cla_rate", "70", db=sqlite_url)
    assert context.code == 2 and "context indicator" in context.err
    unknown = run(capsys, "kpi-target", "rereferal", "20", db=sqlite_url)
    assert unknown.code == 2 and "rereferrals" in unknown.err


@pytest.mark.parametrize("width", [80, 120])
def test_the_kpi_table_sets_each_figure_beside_england_the_region_and_neighbours(
    demo_url, capsys, monkeypatch, width
):
    monkeypatch.setenv("COLUMNS", str(width))
    result = run(capsys, "kpis", "--as-at", "2026-11-22", db=demo_url)
    assert result.code == 0, result.err
    assert max(len(line) for line in result.out.splitlines()) <= width
    read = words(result.out)
    assert (
        "Compared with England, the region, Westmarch (demo region), and the mean of its 10 "
        "statistical neighbours."
    ) in read
    assert "PERIOD VALUE TARGET ENGLAND REGION NEIGHBOURS RAG LAST YEAR" in read
    # Re-referrals: the council's figure, its target, England, the region, the neighbours' mean.
    assert "2024-25 25.2% 24.0% 21.2% 23.1% 23.2% ▲ Amber → Stable" in read
    assert "Children in need rate (per 10,000 children)" in read
    # Every indicator's name whole: wrapped between words, never cut inside one.
    shown = set(result.out.split())
    names = [entry["name"] for entry in kpis_json(capsys, demo_url).values()]
    for name in names:
        assert set(name.split()) <= shown, name


def test_a_target_is_dated_as_at_the_date_given(any_db_url, capsys):
    assert run(capsys, "init", "--demo", db=any_db_url).code == 0
    args = ["kpi-target", "rereferrals", "24", "--tolerance", "1", "--as-at", "2026-01-05"]
    result = run(capsys, *args, db=any_db_url)
    assert result.code == 0, result.err
    assert result.out == (
        "Re-referrals within 12 months: target 24.0%, Amber within 1, set on 5 Jan 2026.\n"
    )
    engine = make_engine(any_db_url)
    with engine.connect() as conn:
        set_on = conn.scalar(select(KpiTarget.set_on).where(KpiTarget.indicator == "rereferrals"))
    engine.dispose()
    assert set_on == date(2026, 1, 5)
