"""A latest figure DfE did not publish, as a user meets it: Gateshead's (390) child protection
plans open 2 years or more in 2024-25 are `c` in EES's d5 file and `-` in LAIT. At 1 Nov 2026
the latest period is 2024-25, said in words, with no rank, quartile or colour; 2023-24's 0.0%
(joint 1st of all councils, quartile A) is shown only as the previous figure.

Read from DfE's real files where they are kept (tests/kpi_data.py), skipped loudly without them."""

from __future__ import annotations

import json
from datetime import date

import pytest

from components.kpi_tiles import kpi_tile
from readiness.access.roles import LOCAL_USER
from readiness.board.pack_indicators import indicators_table, pressing_trends
from readiness.db.engine import make_engine
from readiness.demo.prepare import prepare_database
from readiness.kpi import store
from readiness.kpi.ees import read_ees
from readiness.kpi.lait import figure, read_lait
from readiness.kpi.neighbours import read_neighbours
from readiness.kpi.positions import stored_kpi_status
from readiness.kpi.symbols import SYMBOLS
from readiness.settings import KpiSettings
from tests.conftest import AS_AT, open_app, store_of
from tests.html_tables import page_tables
from tests.kpi_data import CSWW, D5, LAIT, SN_2025, kpi_file
from tests.page_text import shown
from tests.test_cli import run

GATESHEAD, CP_2_YEARS = "390", "cp_plans_2_years"
NAME = "Child protection plans lasting 2 years or more"
AS_AT_NOV = date(2026, 11, 1)
SUPPRESSED = "2024-25: suppressed (c, small numbers)"


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("c", "2024-25: suppressed (c, small numbers)"),
        ("low", "2024-25: rounds to zero (low, but is not zero)"),
        ("k", "2024-25: rounds to zero (k, but is not zero; older files' code for low)"),
        ("u", "2024-25: withheld (u, low reliability)"),
        ("x", "2024-25: not available (x, DfE does not have the figure)"),
        ("z", "2024-25: not applicable (z, the figure does not apply here)"),
        (":", "2024-25: not available (:, older tables' code)"),
        ("..", "2024-25: not available (.., or suppressed; older tables' code)"),
        ("-", "2024-25: not given (-, LAIT writes - for a figure missing or suppressed)"),
        ("", "2024-25: not given (blank, the file leaves the cell blank)"),
    ],
)
def test_each_dfe_symbol_is_a_missing_figure_with_its_published_meaning(code, words):
    assert figure(code) == (None, code)  # never zero
    assert figure(f" {code.upper()} ") == (None, code)  # as a spreadsheet may write it
    assert SYMBOLS[code].described("2024-25") == words


@pytest.fixture(scope="module")
def read():
    neighbours = read_neighbours(kpi_file(SN_2025))
    return {
        "lait": read_lait(kpi_file(LAIT), GATESHEAD, neighbours, all_las=True),
        "ees": read_ees([kpi_file(D5)], GATESHEAD, neighbours, all_las=True),
        "neighbours": list(neighbours.of(GATESHEAD)),
    }


def _position(url: str, read, source: str, as_at: date = AS_AT_NOV):
    engine = make_engine(url)
    prepare_database(engine, AS_AT, demo=False)
    council = store.Council(GATESHEAD, "Gateshead", None)
    store_of(engine).store_kpis(read[source], council, read["neighbours"], AS_AT, by=LOCAL_USER)
    with engine.connect() as conn:
        status = stored_kpi_status(conn, as_at, KpiSettings())
    engine.dispose()
    return status, next(p for p in status.positions if p.indicator.id == CP_2_YEARS)


@pytest.mark.parametrize(("source", "code"), [("ees", "c"), ("lait", "-")])
def test_a_suppressed_latest_year_is_said_and_not_replaced_by_the_year_before(
    read, sqlite_url, source, code
):
    _, p = _position(sqlite_url, read, source)
    assert (p.period, p.value, p.missing.code) == ("2024-25", None, code)
    assert p.not_published == SYMBOLS[code].described("2024-25")
    assert p.standing is None  # no rank or quartile from 2023-24
    assert (p.rag.colour, p.rag.label) == (None, "– No figure")
    assert p.not_published in p.rag.why and p.not_published in p.direction.why
    assert (p.previous_period, p.previous_value, p.previous) == ("2023-24", 0.0, "0.0% in 2023-24")
    # The comparators are 2024-25's, as published.
    assert (p.england, p.comparators_period, p.neighbours.used) == (2.3, None, 5)


def test_a_published_year_still_gets_its_rank_and_quartile(read, sqlite_url):
    # At 1 Nov 2024, 2023-24 is the latest: its 0.0% ranks among every council.
    _, p = _position(sqlite_url, read, "ees", date(2024, 11, 1))
    assert (p.period, p.value, p.missing) == ("2023-24", 0.0, None)
    assert (p.standing.rank, p.standing.quartile, p.standing.joint) == (1, 1, True)


def test_the_board_pack_says_the_year_is_suppressed(read, sqlite_url):
    status, p = _position(sqlite_url, read, "ees")
    row = indicators_table([p]).rows[0]
    assert row[1] == "suppressed (c) (2024-25); previous 0.0% in 2023-24"
    assert row[3].label == "– No figure"
    (trend,) = pressing_trends(status, [p])
    assert f"to 0.0% in 2023-24, then {SUPPRESSED};" in trend.words


def test_the_cli_says_the_year_is_suppressed_in_the_table_and_the_json(
    sqlite_url, capsys, monkeypatch
):
    monkeypatch.setenv("COLUMNS", "160")  # the table one line an indicator, its notes below
    loaded = run(
        capsys,
        *("import-kpis", str(kpi_file(LAIT)), str(kpi_file(D5)), "--la", GATESHEAD),
        *("--neighbours", str(kpi_file(SN_2025)), "--all-las", "--yes"),
        db=sqlite_url,
    )
    assert loaded.code == 0, loaded.err
    day = ("--as-at", AS_AT_NOV.isoformat())
    listed = json.loads(run(capsys, "kpis", "--format", "json", *day, db=sqlite_url).out)
    entry = next(e for e in listed if e["id"] == CP_2_YEARS)
    assert entry["latest_period"] == "2024-25" and entry["value"] is None
    assert (entry["symbol"], entry["symbol_meaning"]) == ("c", "suppressed (c, small numbers)")
    assert (entry["previous_period"], entry["previous_value"]) == ("2023-24", 0.0)
    assert (entry["rag"], entry["quartile"], entry["direction"]) == (None, None, "not_enough_data")
    table = run(capsys, "kpis", *day, db=sqlite_url).out
    row = next(line for line in table.splitlines() if line.startswith(NAME))
    assert row.split()[8:11] == ["2024-25", "c", "-"] and "– No figure" in row
    assert SUPPRESSED in " ".join(table.split())
    assert "previous figure 0.0% in 2023-24" in " ".join(table.split())


def test_the_kpis_page_tile_and_trend_say_the_year_is_suppressed(read, sqlite_url, monkeypatch):
    _position(sqlite_url, read, "ees")
    at = open_app(sqlite_url, monkeypatch, "views/kpis.py", as_at=AS_AT_NOV.isoformat())
    tiles = " ".join(shown(h.proto.body) for h in at.get("html")).split('class="kpi-tile"')
    # A tile is its figure's <div> and its own: the rest of the page follows the last one.
    tile = next("</div>".join(t.split("</div>")[:2]) for t in tiles if NAME in t)
    assert ">suppressed<" in tile and "– No figure" in tile
    assert SUPPRESSED in tile and "Previous figure 0.0% in 2023-24" in tile
    assert "quartile" not in tile and "0.0%<" not in tile
    at.selectbox(key="kpis_indicator").set_value(NAME).run()
    values = next(t for t in page_tables(at) if t and "Period" in t[0])
    assert (values[0]["Period"], values[0]["Gateshead (%)"]) == ("2024-25", "c")
    assert (values[1]["Period"], values[1]["Gateshead (%)"]) == ("2023-24", "0.0")
    words = " ".join(shown(m.value) for m in at.markdown)
    assert f"**– No figure**: {SUPPRESSED}" in words
    assert "**Previous figure**: 0.0% in 2023-24" in words
    assert not at.exception


SUNDERLAND, AGENCY = "394", "sw_agency"


def _csww_status(sqlite_url: str, la_code: str, name: str):
    """The KPI status at AS_AT_NOV of a new database holding EES's csww figures for `la_code`
    (every council's, for the ranks) and its neighbours."""
    neighbours = read_neighbours(kpi_file(SN_2025))
    values = read_ees([kpi_file(CSWW)], la_code, neighbours, all_las=True)
    engine = make_engine(sqlite_url)
    prepare_database(engine, AS_AT, demo=False)
    council = store.Council(la_code, name, None)
    store_of(engine).store_kpis(values, council, list(neighbours.of(la_code)), AS_AT, by=LOCAL_USER)
    with engine.connect() as conn:
        status = stored_kpi_status(conn, AS_AT_NOV, KpiSettings())
    engine.dispose()
    return status


def test_a_council_s_own_low_latest_counts_as_zero_and_is_shown_as_low(sqlite_url, capsys):
    # Sunderland's (394) agency social worker rate at 30 Sep 2025 is `low` in EES's csww file:
    # it rounds to zero. As in every other council's rank, it counts as 0 (LAIT writes 0):
    # ranked joint first of all councils, its move on last year said; shown as DfE wrote it.
    status = _csww_status(sqlite_url, SUNDERLAND, "Sunderland")
    p = next(p for p in status.positions if p.indicator.id == AGENCY)
    assert (p.period, p.value, p.missing, p.rounded.code) == ("2025", 0.0, None, "low")
    assert (p.standing.rank, p.standing.quartile) == (1, 1)
    assert p.last_year.trend.value != "not_enough_data"
    assert p.symbol_note == "2025: rounds to zero (low, but is not zero)"
    assert indicators_table([p]).rows[0][1].startswith("rounds to zero (low) (2025)")
    tile = kpi_tile(p, [])
    assert '<span class="kpi-value">low</span>' in tile and "quartile A" in tile


def test_the_trend_s_neighbours_average_counts_a_low_neighbour_as_the_tile_does(sqlite_url):
    # Gateshead's neighbour Sunderland (394) is `low` for agency workers at 30 Sep 2025 in EES:
    # the tile's average counts it as 0 (10 of 10); the trend's line must give the same figure.
    status = _csww_status(sqlite_url, GATESHEAD, "Gateshead")
    p = next(p for p in status.positions if p.indicator.id == AGENCY)
    assert p.neighbours.used == 10
    trend = status.trend(AGENCY)
    line = trend[(trend["series"] == status.neighbours_label) & (trend["period"] == "2025")]
    assert line["value"].tolist() == [p.neighbours.value]
