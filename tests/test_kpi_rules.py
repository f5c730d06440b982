"""The KPI rules, case by case, at their boundaries: RAG against target, direction of travel,
neighbour averages, rank and quartile, and whether a gap to England is more than chance."""

from __future__ import annotations

import math
from datetime import date

import pytest

from readiness.kpi.comparison import (
    differs_from,
    neighbour_figure,
    proportion_interval,
    rank_and_quartile,
)
from readiness.kpi.rules import Trend, direction, format_amount, format_figure, kpi_rag
from readiness.kpi.values import Period
from readiness.palette import Rag


def rag(value, target=21.0, tolerance=2.0, polarity="low", unit="percent"):
    return kpi_rag(value, target, tolerance, polarity, unit=unit)


# --- RAG against target ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("polarity", "value", "colour"),
    [
        ("low", 19.0, Rag.GREEN),  # lower is better: below target is better
        ("low", 22.0, Rag.AMBER),
        ("low", 24.0, Rag.RED),
        ("high", 23.0, Rag.GREEN),  # higher is better: above target is better
        ("high", 20.0, Rag.AMBER),
        ("high", 18.0, Rag.RED),
    ],
)
def test_polarity_decides_which_side_of_target_is_better(polarity, value, colour):
    assert rag(value, polarity=polarity).colour is colour


@pytest.mark.parametrize(
    ("polarity", "target", "value", "colour"),
    [
        ("low", 21.0, 22.9, Rag.AMBER),  # just inside the band
        ("low", 21.0, 23.0, Rag.AMBER),  # exactly at target + tolerance: the edge is inclusive
        ("low", 21.0, 23.1, Rag.RED),  # just outside
        ("high", 85.0, 83.1, Rag.AMBER),
        ("high", 85.0, 83.0, Rag.AMBER),
        ("high", 85.0, 82.9, Rag.RED),
    ],
)
def test_tolerance_edges(polarity, target, value, colour):
    assert rag(value, target=target, polarity=polarity).colour is colour


def test_a_figure_exactly_at_target_is_green_even_with_float_noise():
    # LAIT writes some figures with float artefacts; 4.4000000000000004 is 4.4.
    result = rag(4.4000000000000004, target=4.4)
    assert result.colour is Rag.GREEN
    assert result.why == "4.4% meets the target of 4.4%"


def test_the_edge_of_the_band_holds_when_the_arithmetic_is_inexact():
    # 10.3 - 10.0 is 0.3000000000000007 in binary; a reader sees exactly the tolerance.
    assert rag(10.3, target=10.0, tolerance=0.3).colour is Rag.AMBER


def test_the_words_say_how_far_from_target_and_the_tolerance():
    worse = "is worse than the target of 21.0% by"
    assert rag(22.9).why == f"22.9% {worse} 1.9 points, within the tolerance of 2.0 points"
    assert rag(23.5).why == f"23.5% {worse} 2.5 points, beyond the tolerance of 2.0 points"
    assert rag(19.5).why == "19.5% is better than the target of 21.0% by 1.5 points"
    assert (rag(22.9).gap, rag(19.5).gap) == (pytest.approx(1.9), pytest.approx(-1.5))
    assert rag(22.9).label == "▲ Amber"


@pytest.mark.parametrize("tolerance", [0, 0.0, None])
def test_without_a_tolerance_any_shortfall_is_red(tolerance):
    result = rag(21.1, tolerance=tolerance)
    assert result.colour is Rag.RED
    assert "no tolerance is set" in result.why
    assert rag(21.0, tolerance=tolerance).colour is Rag.GREEN


def test_words_use_the_indicators_unit():
    assert rag(17.0, target=16.0, tolerance=2.0, unit="cases").why == (
        "17.0 cases per social worker is worse than the target of 16.0 cases per social worker "
        "by 1.0 cases, within the tolerance of 2.0 cases"
    )
    assert rag(401, target=400, tolerance=0, unit="days").why.startswith(
        "401 days is worse than the target of 400 days by 1 day;"
    )


def test_figures_with_more_precision_than_shown_do_not_read_as_equal():
    assert rag(21.04, tolerance=0).why.startswith("21.04% is worse than the target of 21.0%")


@pytest.mark.parametrize(
    ("value", "target", "polarity", "why"),
    [
        (70.0, 60.0, "context", "context indicator: compared, not coloured"),
        (None, 60.0, "context", "context indicator: compared, not coloured"),
        (22.0, None, "low", "no target set"),
        (None, None, "low", "no target set"),
        (None, 21.0, "low", "no figure for this period"),
        (math.nan, 21.0, "high", "no figure for this period"),
    ],
)
def test_no_colour_when_a_colour_would_mislead(value, target, polarity, why):
    result = rag(value, target=target, polarity=polarity)
    assert result.colour is None
    assert result.why == why
    assert result.label == "– No colour"


# --- Direction of travel --------------------------------------------------------------------

YEARS = [Period(f"{y - 1}-{y % 100:02d}", date(y, 3, 31)) for y in range(2021, 2026)]


def series(*values):
    """Figures for the latest len(values) March years, oldest first, ending 2024-25."""
    return list(zip(YEARS[len(YEARS) - len(values) :], values, strict=True))


def trend(*values, polarity="low", unit="percent", **kwargs):
    return direction(series(*values), polarity, unit=unit, **kwargs)


def test_falling_figure_where_lower_is_better_is_improving():
    result = trend(24.1, 22.0, 21.0)
    assert result.trend is Trend.IMPROVING
    assert result.label == "↓ Improving"  # the arrow is the figure's movement
    assert result.why == "down from 24.1% in 2022-23 to 21.0% in 2024-25: lower is better"
    assert result.change == pytest.approx(-3.1)


@pytest.mark.parametrize(
    ("polarity", "values", "expected", "arrow"),
    [
        ("low", (21.0, 22.0, 24.1), Trend.WORSENING, "↑"),
        ("high", (80.0, 82.0, 85.0), Trend.IMPROVING, "↑"),
        ("high", (85.0, 82.0, 80.0), Trend.WORSENING, "↓"),
    ],
)
def test_polarity_decides_improving_or_worsening(polarity, values, expected, arrow):
    result = trend(*values, polarity=polarity)
    assert (result.trend, result.symbol) == (expected, arrow)


@pytest.mark.parametrize(
    ("values", "options", "expected"),
    [
        ((21.0, 21.5, 21.9), {}, Trend.STABLE),  # 0.9 points: inside the 1-point band
        ((15.1, 15.5, 16.1), {}, Trend.STABLE),  # exactly 1 point (1.0000000000000018 in binary)
        ((21.0, 21.5, 22.1), {}, Trend.WORSENING),  # 1.1 points: outside
        ((21.0, 21.0, 21.0), {}, Trend.STABLE),
        # Other units: within 1% of the earlier figure.
        ((15.0, 15.1, 15.15), {"unit": "cases"}, Trend.STABLE),
        ((15.0, 15.1, 15.2), {"unit": "cases"}, Trend.WORSENING),
        # A council's own band.
        ((21.0, 22.0, 23.0), {"stable_band": 2.0}, Trend.STABLE),
        ((21.0, 21.0, 21.2), {"stable_band": 0}, Trend.WORSENING),
    ],
)
def test_stable_band_edges(values, options, expected):
    assert trend(*values, **options).trend is expected


def test_stable_says_how_little_it_moved():
    result = trend(21.5, 21.2, 21.0)
    assert result.label == "→ Stable"
    assert result.why == (
        "21.0% in 2024-25, 0.5 points lower than 21.5% in 2022-23: within 1.0 points, "
        "counted as stable"
    )


def test_only_the_last_periods_count():
    # 30.0 in 2021-22 is outside a 3-period window; 2022-23's 24.1 is the starting point.
    result = trend(30.0, 24.1, 22.0, 21.0)
    assert "from 24.1% in 2022-23" in result.why
    assert "from 23.0% in 2023-24" in trend(24.1, 23.0, 21.0, periods=2).why


def test_missing_figures_are_skipped_and_the_words_name_the_years_compared():
    gap_in_middle = trend(24.1, None, 21.0)
    assert gap_in_middle.trend is Trend.IMPROVING
    assert "from 24.1% in 2022-23 to 21.0% in 2024-25" in gap_in_middle.why
    latest_missing = trend(24.1, 21.0, None)
    assert "to 21.0% in 2023-24" in latest_missing.why
    # A gap does not stretch the window back to 2021-22.
    assert trend(30.0, None, None, 21.0).trend is Trend.NOT_ENOUGH_DATA


ONE_FIGURE = "only one figure (21.0% in 2024-25) in the last 3 periods: a direction needs two"
NO_FIGURES = "no figures in the last 3 periods: a direction needs two"


@pytest.mark.parametrize(
    ("values", "why"),
    [
        ((None, None, 21.0), ONE_FIGURE),
        ((21.0,), ONE_FIGURE),
        ((None, math.nan), NO_FIGURES),
        ((), NO_FIGURES),
    ],
)
def test_not_enough_data(values, why):
    result = trend(*values)
    assert result.trend is Trend.NOT_ENOUGH_DATA
    assert result.why == why
    assert result.label == "– Not enough data"


def test_order_given_does_not_matter():
    assert trend(24.1, 22.0, 21.0) == direction(
        list(reversed(series(24.1, 22.0, 21.0))), "low", unit="percent"
    )


def test_plain_dates_are_named_by_day():
    workforce = [(date(2023, 9, 30), 15.0), (date(2024, 9, 30), 16.0)]
    result = direction(workforce, "low", unit="cases")
    assert result.why == (
        "up from 15.0 cases per social worker at 30 Sep 2023 to 16.0 cases per social worker "
        "at 30 Sep 2024: lower is better"
    )


def test_context_indicators_move_up_or_down_but_are_never_better_or_worse():
    up = trend(60.0, 62.0, 67.0, polarity="context", unit="rate")
    assert (up.trend, up.label) == (Trend.UP, "↑ Up")
    assert up.why == (
        "up from 60.0 per 10,000 children in 2022-23 to 67.0 per 10,000 children in 2024-25: "
        "a context indicator, neither better nor worse"
    )
    assert trend(67.0, 62.0, 60.0, polarity="context", unit="rate").trend is Trend.DOWN
    assert trend(67.0, 67.2, 67.3, polarity="context", unit="rate").trend is Trend.STABLE


# --- Statistical neighbours -----------------------------------------------------------------


def test_neighbour_mean_and_median_use_only_neighbours_with_a_figure():
    mean = neighbour_figure([10, None, 20, 40], "mean")
    assert (mean.value, mean.used, mean.of) == (pytest.approx(23.33, abs=0.005), 3, 4)
    assert mean.why == "mean of the 3 of 4 neighbours with a figure, as LAIT does"
    median = neighbour_figure([10, None, 20, 40], "median")
    assert (median.value, median.used, median.of) == (20, 3, 4)
    # An even number: the middle two averaged.
    assert neighbour_figure([10, 20, 30, 40, math.nan], "median").value == 25


def test_no_neighbour_with_a_figure_gives_no_figure():
    none = neighbour_figure([None, math.nan, None], "mean")
    assert (none.value, none.used, none.of) == (None, 0, 3)
    assert none.why == "none of the 3 neighbours has a figure"


# --- Rank and quartile ----------------------------------------------------------------------

FIVE = [10, 20, 20, 30, 40]


@pytest.mark.parametrize(
    ("value", "polarity", "rank", "joint"),
    [
        (10, "low", 1, False),
        (20, "low", 2, True),  # ties share the better rank...
        (30, "low", 4, False),  # ...and the next rank is skipped
        (40, "high", 1, False),
        (20, "high", 3, True),
        (10, "high", 5, False),
    ],
)
def test_rank_one_is_best_and_ties_share_the_better_rank(value, polarity, rank, joint):
    standing = rank_and_quartile(value, FIVE, polarity)
    assert (standing.rank, standing.of, standing.joint) == (rank, 5, joint)


NINE = list(range(1, 10))  # quartile cut points 3, 5 and 7 (linear interpolation, as LAIT)


@pytest.mark.parametrize(
    ("value", "low", "high"),
    [(1, 1, 4), (3, 1, 4), (4, 2, 3), (5, 2, 3), (6, 3, 2), (7, 3, 2), (8, 4, 1), (9, 4, 1)],
)
def test_quartile_edges_follow_lait(value, low, high):
    # On a cut point (3, 5, 7) a figure falls in the quarter below it in value, whatever the
    # polarity: for "low" the better quarter, for "high" the worse.
    assert rank_and_quartile(value, NINE, "low").quartile == low
    assert rank_and_quartile(value, NINE, "high").quartile == high


def test_quartile_cut_points_are_interpolated_as_lait_does():
    # R's default quantile (Python's "inclusive"): cut points 16.25, 25 and 33.75. Another
    # common method ("exclusive": 13.75, 25, 36.25) would put 15 and 35 a quarter further in.
    six = [10, 15, 20, 30, 35, 40]
    assert rank_and_quartile(15, six, "low").quartile == 1
    assert rank_and_quartile(35, six, "low").quartile == 4


def test_standing_in_words():
    assert rank_and_quartile(20, FIVE, "low").why == (
        "joint 2nd of 5 councils with a figure (1 = best; lower is better); "
        "quartile A, the best quarter of councils"
    )
    assert rank_and_quartile(10, FIVE, "high").why.endswith(
        "quartile D, the worst quarter of councils"
    )


def test_councils_without_a_figure_are_left_out_and_no_figure_gets_no_rank():
    standing = rank_and_quartile(30, [10, None, 20, math.nan, 30], "low")
    assert (standing.rank, standing.of) == (3, 3)
    missing = rank_and_quartile(None, FIVE, "low")
    assert (missing.rank, missing.of, missing.quartile) == (None, 5, None)
    assert missing.why == "not ranked: no figure for this period"
    alone = rank_and_quartile(12.0, [12.0], "high")  # first of one, but no quarters of one
    assert (alone.rank, alone.of, alone.quartile) == (1, 1, None)


def test_context_indicators_get_a_position_but_no_quartile():
    standing = rank_and_quartile(30, FIVE, "context")
    assert (standing.rank, standing.quartile) == (4, None)
    assert standing.why == (
        "4th lowest of 5 councils with a figure: a context indicator, so a position, "
        "not better or worse"
    )


# --- Chance: Wilson interval and the gap to England -----------------------------------------


def test_wilson_interval():
    lower, upper = proportion_interval(50, 100)
    assert (round(lower, 1), round(upper, 1)) == (40.4, 59.6)
    # Never past 0% or 100%, yet 0 of 10 still allows a true rate up to about 27.8%.
    assert proportion_interval(0, 10) == (0.0, pytest.approx(27.75, abs=0.01))
    assert proportion_interval(10, 10)[1] == 100.0
    narrow, wide = proportion_interval(50, 100, 0.9), proportion_interval(50, 100, 0.99)
    assert wide[0] < narrow[0] and wide[1] > narrow[1]


def test_a_gap_to_england_outside_the_interval_is_more_than_chance():
    result = differs_from(38, 100, 54.0)
    assert result.differs
    assert result.why == (
        "38.0% (38 of 100) is 16.0 points below England's 54.0%, more than chance would "
        "explain: England is outside this council's 95% confidence interval of 29.1% to 47.8%"
    )


def test_a_gap_to_england_inside_the_interval_could_be_chance():
    result = differs_from(50, 100, 54.0)
    assert not result.differs
    assert result.why == (
        "50.0% (50 of 100) is 4.0 points below England's 54.0%, which could be chance: "
        "England is inside this council's 95% confidence interval of 40.4% to 59.6%"
    )


def test_england_on_the_edge_of_the_interval_counts_as_inside():
    lower, _ = proportion_interval(50, 100)
    assert not differs_from(50, 100, lower).differs
    assert differs_from(50, 100, lower - 0.01).differs


def test_a_gap_too_small_to_show_is_no_gap():
    result = differs_from(540, 1000, 54.02)
    assert not result.differs
    assert result.why == "54.0% (540 of 1,000) is level with England's 54.02%"


# --- Misuse is refused, never coloured ------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda: rag(22.0, tolerance=-1.0),  # a negative tolerance
        lambda: trend(21.0, 22.0, periods=1),  # a direction needs two periods
        lambda: neighbour_figure([1, 2], "mode"),  # neighbours: mean or median only
        lambda: rank_and_quartile(25, FIVE, "low"),  # the council's own figure is not in the list
        lambda: proportion_interval(1, 0),
        lambda: proportion_interval(-1, 10),
        lambda: proportion_interval(11, 10),
        lambda: proportion_interval(5, 10, level=1.0),
    ],
)
def test_misuse_is_refused(call):
    with pytest.raises(ValueError):
        call()


def test_a_council_s_own_count_is_shown_as_a_number_alone():
    assert format_figure(12, "count") == "12"
    assert format_amount(-3, "count") == "3"
