"""Direction of travel as a reader takes it (issue 21): last year's move beside the longer trend,
in words, with one arrow, last year's; and the board's choice of which indicators get a tile, by
how far behind each is (target, quartile among councils, England), not by colour alone.

The rule cases are table-driven; the councils' cases read DfE's real files where they are kept
(tests/kpi_data.py), skipped loudly without them."""

from __future__ import annotations

import json
from datetime import date

import pytest

from readiness.db.engine import make_engine
from readiness.kpi.positions import stored_kpi_status
from readiness.kpi.pressing import furthest_behind
from readiness.kpi.rules import Trend, direction, last_year
from readiness.kpi.travel import Travel
from readiness.kpi.values import Period
from readiness.settings import KpiSettings
from tests.kpi_data import LAIT, SN_2025, kpi_file
from tests.test_cli import run

YEARS = [Period(f"{y - 1}-{y % 100:02d}", date(y, 3, 31)) for y in range(2023, 2026)]
AS_AT_NOV = date(2026, 11, 1)


def travel(values, polarity, unit="percent", periods=YEARS) -> Travel:
    series = list(zip(periods[len(periods) - len(values) :], values, strict=True))
    return Travel(
        last_year(series, polarity, unit=unit), direction(series, polarity, unit=unit), unit
    )


@pytest.mark.parametrize(
    ("values", "polarity", "unit", "label", "short"),
    [
        # Fell last year after rising: Gateshead's placement stability, 68 -> 75 -> 70.
        (
            (68.0, 75.0, 70.0),
            "high",
            "percent",
            "↓ Down 5.0 points on last year (worse); up since 2022-23 (better)",
            "↓ Worse on last year; up since 2022-23 (better)",
        ),
        # Rose, then fell last year: lower is better, so last year is better, the trend worse.
        (
            (16.5, 19.0, 17.9),
            "low",
            "percent",
            "↓ Down 1.1 points on last year (better); up since 2022-23 (worse)",
            "↓ Better on last year; up since 2022-23 (worse)",
        ),
        # Stable last year (within a point) but moving over three years.
        (
            (60.0, 64.0, 64.5),
            "high",
            "percent",
            "→ Stable on last year; up since 2022-23 (better)",
            "→ Stable on last year; up since 2022-23 (better)",
        ),
        # A context indicator moves, but is never better or worse.
        (
            (60.0, 70.0, 67.0),
            "context",
            "rate",
            "↓ Down 3.0 per 10,000 on last year; up since 2022-23",
            "↓ Down on last year; up since 2022-23",
        ),
        # Two figures: the longer trend would compare the same two years, so it is not repeated.
        (
            (20.0, 21.5),
            "low",
            "percent",
            "↑ Up 1.5 points on last year (worse)",
            "↑ Worse on last year",
        ),
        # No figure last year: no arrow, and the longer trend still said.
        (
            (20.0, None, 21.5),
            "low",
            "percent",
            "– No figure a year earlier; up since 2022-23 (worse)",
            "– No figure a year earlier; up since 2022-23 (worse)",
        ),
        # Too few figures for either.
        ((21.0,), "low", "percent", "– Not enough data", "– Not enough data"),
    ],
)
def test_last_year_and_the_longer_trend_side_by_side(values, polarity, unit, label, short):
    moved = travel(values, polarity, unit)
    assert (moved.label, moved.short) == (label, short)


def test_a_monthly_figure_is_compared_with_the_same_month_a_year_earlier_else_says_which():
    months = [Period(f"{m:%b-%y}", m) for m in (date(2025, 9, 30), date(2026, 8, 31))]
    months.append(Period("Sep-26", date(2026, 9, 30)))
    a_year = travel((20.0, 25.0, 23.0), "low", periods=months)
    assert a_year.label == "↑ Up 3.0 points on last year (worse)"
    assert a_year.last_year.since == "Sep-25"
    # Without September 2025's figure, August's is compared, and the words name it.
    no_year = travel((None, 25.0, 23.0), "low", periods=months)
    assert no_year.label == "↓ Down 2.0 points on Aug-26 (better)"
    assert no_year.why.startswith("Against Aug-26: down from 25.0% in Aug-26 to 23.0% in Sep-26")


def _load(sqlite_url, capsys, la: str) -> None:
    loaded = run(
        capsys,
        *("import-kpis", str(kpi_file(LAIT)), "--la", la),
        *("--neighbours", str(kpi_file(SN_2025)), "--all-las", "--yes"),
        db=sqlite_url,
    )
    assert loaded.code == 0, loaded.err


def _json(sqlite_url, capsys) -> dict[str, dict]:
    day = ("--as-at", AS_AT_NOV.isoformat())
    listed = json.loads(run(capsys, "kpis", "--format", "json", *day, db=sqlite_url).out)
    return {entry["id"]: entry for entry in listed}


@pytest.mark.parametrize(
    ("la", "indicator", "words", "last", "longer"),
    [
        # Gateshead's long-term placement stability: 75% to 70% last year, up over three.
        (
            "390",
            "long_term_stability",
            "↓ Down 5.0 points on last year (worse); up since 2022-23 (better)",
            ("worsening", -5.0, "2023-24"),
            "improving",
        ),
        # Norfolk's re-referrals: 19.0% to 17.9% last year (lower is better), up over three.
        (
            "926",
            "rereferrals",
            "↓ Down 1.1 points on last year (better); up since 2022-23 (worse)",
            ("improving", -1.1, "2023-24"),
            "worsening",
        ),
    ],
)
def test_the_cli_json_says_last_year_and_the_longer_trend_on_real_figures(
    sqlite_url, capsys, la, indicator, words, last, longer
):
    _load(sqlite_url, capsys, la)
    entry = _json(sqlite_url, capsys)[indicator]
    assert entry["direction_words"] == words
    moved = entry["last_year"]
    assert (moved["trend"], moved["change"], moved["since"]) == last
    # The existing key keeps its meaning, the longer trend, beside the new fields.
    assert entry["direction"] == entry["longer_trend"]["trend"] == longer
    table = run(capsys, "kpis", "--as-at", AS_AT_NOV.isoformat(), db=sqlite_url).out
    assert words.removeprefix("↓ ") in " ".join(table.split())


def test_the_board_tiles_go_to_the_indicators_furthest_behind_not_to_a_green_colour(
    sqlite_url, capsys
):
    """Gateshead with a re-referral target it beats: Green, 7th best of 153 councils. Turnover and
    caseload have no target but are in the worst quarter of councils and worse than England:
    they get tiles among the board's 8, and re-referrals does not."""
    _load(sqlite_url, capsys, "390")
    target = run(capsys, "kpi-target", "rereferrals", "20", "--tolerance", "1", db=sqlite_url)
    assert target.code == 0, target.err
    engine = make_engine(sqlite_url)
    with engine.connect() as conn:
        status = stored_kpi_status(conn, AS_AT_NOV, KpiSettings())
    engine.dispose()
    by_id = {p.indicator.id: p for p in status.positions}
    green = by_id["rereferrals"]
    assert green.rag.word == "Green" and green.standing.quartile == 1
    for behind in ("sw_turnover", "sw_caseload"):
        assert by_id[behind].standing.quartile == 4 and by_id[behind].rag.colour is None
    tiles = [p.indicator.id for p in furthest_behind(status.positions)[:8]]
    assert {"sw_turnover", "sw_caseload"} <= set(tiles)
    assert "rereferrals" not in tiles
    assert by_id["rereferrals"].last_year.trend is Trend.IMPROVING
