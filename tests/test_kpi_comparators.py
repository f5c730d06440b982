"""The neighbours' average, the national rank and the gap to England, read from DfE's real files:
the same whichever of DfE's files fed them (LAIT's data set alone, EES's files alone, or the
folder of both), ranked among the councils with a figure, and the tile's figure the detail's.

Read from DfE's real files where they are kept (tests/kpi_data.py), skipped loudly without them.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from components.kpi_tiles import kpi_tile
from readiness.db.engine import make_engine
from readiness.demo.prepare import prepare_database
from readiness.kpi import store
from readiness.kpi.comparison import differs_from, inside
from readiness.kpi.dfe_files import read_dfe
from readiness.kpi.neighbours import read_neighbours
from readiness.kpi.positions import KpiPosition, stored_kpi_status
from readiness.settings import KpiSettings
from tests.conftest import AS_AT, open_app
from tests.kpi_data import CSWW, D5, LAIT, SN_2025, kpi_file
from tests.page_text import shown

GATESHEAD, NORFOLK = "390", "926"
EET_FILE = "la_care_leavers_activity.csv"
C1 = "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"
# Gateshead's indicators whose figures both LAIT and EES give: agency social worker rate (one
# neighbour, Sunderland (394), `low` in EES and 0 in LAIT), turnover, and care leavers in
# education, employment or training.
COMPARED = ("sw_agency", "sw_turnover", "care_leavers_eet")


def _files(source: str) -> list[Path]:
    ees = [kpi_file(CSWW), kpi_file(EET_FILE), kpi_file(D5), kpi_file(C1)]
    return {"lait": [kpi_file(LAIT)], "ees": ees, "folder": [kpi_file("")]}[source]


def _positions(
    url: str, la_code: str, source: str, *, all_las: bool = True, how: str = "mean"
) -> dict[str, KpiPosition]:
    neighbours = read_neighbours(kpi_file(SN_2025))
    values = read_dfe(_files(source), la_code, neighbours, all_las=all_las)
    engine = make_engine(url)
    prepare_database(engine, AS_AT, demo=False)
    with engine.begin() as conn:
        council = store.Council(la_code, None, None)
        store.store_load(conn, values, council, list(neighbours.of(la_code)), AS_AT)
    with engine.connect() as conn:
        status = stored_kpi_status(conn, AS_AT, KpiSettings(neighbour_average=how))
    engine.dispose()
    return {p.indicator.id: p for p in status.positions}


@pytest.fixture(scope="module")
def gateshead(tmp_path_factory) -> dict[str, dict[str, KpiPosition]]:
    base = tmp_path_factory.mktemp("comparators")
    return {
        source: _positions(f"sqlite:///{base / source}.db", GATESHEAD, source)
        for source in ("lait", "ees", "folder")
    }


def _compared(p: KpiPosition) -> tuple:
    near, rank = p.neighbours, p.standing
    return (p.period, round(near.value, 2), near.used, near.of, rank.rank, rank.of, rank.quartile)


@pytest.mark.parametrize("indicator", COMPARED)
def test_the_neighbours_average_and_the_rank_are_the_same_whichever_file_fed_them(
    gateshead, indicator
):
    lait, ees, folder = (gateshead[source][indicator] for source in ("lait", "ees", "folder"))
    assert _compared(lait) == _compared(ees) == _compared(folder)


def test_a_neighbour_published_as_rounding_to_zero_counts_as_zero(gateshead):
    # Sunderland's `low` (EES) is LAIT's 0: the mean of all 10 neighbours, 10.9%, not the mean
    # of 9 (12.1%) that leaving it out gave; Gateshead 59th of 151, not 58th of 150.
    p = gateshead["ees"]["sw_agency"]
    assert (p.period, p.value) == ("2025", 10.0)
    assert (round(p.neighbours.value, 1), p.neighbours.used, p.neighbours.of) == (10.9, 10, 10)
    assert p.neighbours.short == "mean of 10 of 10"
    assert (p.standing.rank, p.standing.of) == (59, 151)


def test_the_other_average_is_given_beside_the_one_used(gateshead, tmp_path):
    mean = gateshead["folder"]["sw_agency"].neighbours
    assert mean.why == "mean of the 10 of 10 neighbours with a figure, as LAIT does"
    assert (mean.other, round(mean.other_value, 1)) == ("median", 10.2)
    url = f"sqlite:///{tmp_path / 'median.db'}"
    median = _positions(url, GATESHEAD, "lait", how="median")["sw_agency"].neighbours
    assert (median.how, round(median.value, 1), median.other) == ("median", 10.2, "mean")
    assert round(median.other_value, 1) == 10.9


def _lait_rank(indicator: str, year: str, la_code: str) -> tuple[int, int]:
    """(rank, councils with a figure) as LAIT works it out from its own data set: every area
    numbered below 970 with a figure, `rank(ties.method = "min")`, lower is better
    (R/fn_analysis.R `calculate_rank`)."""
    data = pd.read_parquet(kpi_file(LAIT))
    rows = data[(data["Short Desc"] == indicator) & (data["Years"] == year)]
    rows = rows[(rows["LA Number"] < 970) & (rows["Values"] != "-")]
    figures = rows.set_index(rows["LA Number"].astype(int).astype(str))["Values"].astype(float)
    return int(figures.rank(method="min")[la_code]), len(figures)


def test_a_council_is_ranked_among_the_councils_with_a_figure(tmp_path):
    # Norfolk's CP plans open 2 years or more at 31 March 2025: only 94 councils have a figure
    # (DfE suppresses small ones), once below a fixed cut-off of 100, so no rank was given.
    assert _lait_rank("CPPlans2yrsActive", "2025", NORFOLK) == (44, 94)
    for source in ("lait", "ees"):
        url = f"sqlite:///{tmp_path / source}.db"
        p = _positions(url, NORFOLK, source)["cp_plans_2_years"]
        assert (p.period, p.value) == ("2024-25", 2.6)
        assert (p.standing.rank, p.standing.of, p.standing.quartile) == (44, 94, 2)
        assert p.standing.why.startswith("44th of 94 councils with a figure")


def test_a_rank_withheld_says_why(tmp_path):
    # Only the council and its ten neighbours stored: "3rd of 11" would mislead.
    url = f"sqlite:///{tmp_path / 'few.db'}"
    p = _positions(url, GATESHEAD, "lait", all_las=False)["sw_agency"]
    assert p.standing.rank is None
    assert p.standing.why.startswith("not ranked: only 11 councils' figures are stored")


def test_the_tile_and_its_detail_give_the_same_figure(gateshead):
    # Care leavers EET, 2024-25: DfE published 46.0% for 63 of 138 (45.65%). The detail said
    # 45.7% and England's 54.0% "outside 37.6% to 54.0%", an edge it shows as inside.
    p = gateshead["ees"]["care_leavers_eet"]
    assert (p.period, p.value, p.england) == ("2024-25", 46.0, 54.0)
    assert "46.0%" in kpi_tile(p, [])
    gap = p.england_gap
    assert gap.percent == p.value and not gap.differs
    assert gap.why.startswith("46.0% (63 of 138) is 8.0 points below England's 54.0%")
    assert "England is inside this council's 95% confidence interval of 37.6% to 54.0%" in (gap.why)


def test_an_interval_edge_is_inside_as_shown_and_as_worked_out():
    lower, upper = 37.57, 53.968  # 63 of 138's Wilson interval, shown "37.6% to 54.0%"
    assert inside(54.0, lower, upper) and inside(37.6, lower, upper)
    assert inside(upper, lower, upper) and inside(lower, lower, upper)
    assert not inside(54.1, lower, upper) and not inside(37.5, lower, upper)
    assert not differs_from(63, 138, 54.0, published=46.0).differs
    assert differs_from(63, 138, 54.1, published=46.0).differs


def test_the_detail_says_which_average_gives_the_other_and_the_rank(sqlite_url, monkeypatch):
    _positions(sqlite_url, GATESHEAD, "lait")
    page = open_app(sqlite_url, monkeypatch, "views/kpis.py")
    page.selectbox(key="kpis_indicator").set_value("Agency social worker rate").run()
    text = " ".join(shown(m.value) for m in page.markdown)
    assert (
        "**Neighbours**: mean of the 10 of 10 neighbours with a figure, as LAIT does; median 10.2%."
    ) in text
    assert "**National rank**: 59th of 151 councils with a figure (1 = best;" in text
    assert not page.exception
