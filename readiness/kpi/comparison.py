"""How a council's figure compares with other councils': the statistical neighbours' average,
its rank and quartile among all councils, and whether a gap to England is more than chance.

Rank and quartile follow DfE's Local Authority Interactive Tool (LAIT), so a board paper built
from this dashboard agrees with what officers see in LAIT
(dfe-analytical-services/local-authority-interactive-tool, R/fn_analysis.R: `calculate_rank`
and `calculate_quartile_band`).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from statistics import NormalDist
from typing import Literal

import pandas as pd

from readiness.kpi.indicators import POLARITY_LABELS, Polarity
from readiness.kpi.rules import format_amount, format_figure, has_figure, same, worse_by
from readiness.kpi.symbols import ROUNDS_TO_ZERO

Average = Literal["mean", "median"]

# ../shared/data/kpi/README.md: DfE's two tools average the neighbours differently. LAIT takes
# the mean of the neighbours with a figure; the CSC outcomes and enablers dashboard the median.
# A neighbour without a figure is left out, and `used` of `of` says so.
AVERAGES = {"mean": statistics.fmean, "median": statistics.median}
AVERAGE_SOURCES = {
    "mean": "as LAIT does",
    "median": "as DfE's outcomes and enablers dashboard does",
}
OTHER_AVERAGE: dict[str, Average] = {"mean": "median", "median": "mean"}


# Which councils count in an average, a rank or a quartile: the one rule, so the same figures
# come out whichever of DfE's files fed them. A council counts with its figure; a figure DfE
# published as `low` (or the older `k`: rounds to zero, symbols.SYMBOLS) counts as 0, because
# LAIT writes 0 for the same figure (Sunderland's (394) agency social worker rate at 30 Sep
# 2025: `low` in EES's csww file, 0 in LAIT). Any other symbol (c, x, -, ...) never counts.
# Every council with a figure is ranked, Isles of Scilly (420) and City of London (201)
# included, as LAIT ranks every area numbered below 970 (dfe-analytical-services/
# local-authority-interactive-tool, global.R `la_names_bds`; R/lait_modules/mod_la_lvl_table.R).


def counted(values: pd.Series, missing: pd.Series) -> pd.Series:
    """Each row's figure as it counts in an average or a rank: the figure; 0 where DfE wrote
    `low` or `k` (rounds to zero); NaN where any other symbol stands for the figure."""
    zero = values.isna() & missing.fillna("").astype(str).str.lower().isin(ROUNDS_TO_ZERO)
    return values.astype(float).mask(zero, 0.0)


@dataclass(frozen=True)
class NeighbourFigure:
    value: float | None  # None: no neighbour has a figure
    used: int  # neighbours with a figure
    of: int  # neighbours in the group
    how: Average
    # Where the figure was given whole (a council's own table's neighbours column), not worked
    # out here from each neighbour's figure.
    given_by: str | None = None
    # The other average of the same neighbours (the median where the mean is used), shown
    # beside it in the detail; None where given whole or no neighbour has a figure.
    other_value: float | None = None

    @property
    def short(self) -> str:
        """ "mean of 9 of 10", or "from the council's table"."""
        return self.given_by or f"{self.how} of {self.used} of {self.of}"

    @property
    def other(self) -> Average:
        return OTHER_AVERAGE[self.how]

    @property
    def why(self) -> str:
        if self.given_by:
            return f"the statistical neighbours' figure {self.given_by}"
        if self.value is None:
            return f"none of the {self.of} neighbours has a figure"
        return (
            f"{self.how} of the {self.used} of {self.of} neighbours with a figure, "
            f"{AVERAGE_SOURCES[self.how]}"
        )


def neighbour_figure(values: Iterable[float | None], how: Average) -> NeighbourFigure:
    """The statistical neighbours' mean or median, from the neighbours with a figure only."""
    if how not in AVERAGES:
        raise ValueError(f"neighbours are averaged by 'mean' or 'median', not {how!r}")
    values = list(values)
    known = [v for v in values if has_figure(v)]
    value = AVERAGES[how](known) if known else None
    other_value = AVERAGES[OTHER_AVERAGE[how]](known) if known else None
    return NeighbourFigure(value, len(known), len(values), how, other_value=other_value)


QUARTILE_WORDS = {
    1: "quartile A, the best quarter of councils",
    2: "quartile B, the second-best quarter",
    3: "quartile C, the second-worst quarter",
    4: "quartile D, the worst quarter of councils",
}


def _ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@dataclass(frozen=True)
class Standing:
    rank: int | None  # 1 = best; for a context indicator the position, 1 = lowest figure
    of: int  # councils with a figure
    quartile: int | None  # 1 = best quarter (LAIT's "A") to 4 = worst ("D"); None for context
    joint: bool  # another council has the same figure
    why: str


# Councils with a row for the period (figure or symbol) needed before a rank is given: England
# has 153, while a load of the council and its ten neighbours alone holds 11 rows, and "3rd of
# 11" would mislead. Counted by rows, not figures: DfE suppresses many small councils' figures
# (Norfolk's (926) CP plans open 2+ years at 31 March 2025: 94 councils with a figure) and LAIT
# still ranks among those with one.
ALL_COUNCILS = 100


def national_standing(
    value: float | None, councils: Iterable[float | None], polarity: Polarity
) -> Standing:
    """rank_and_quartile among `councils`, one entry per council with a row for the period (its
    figure as `counted`, NaN or None where it does not count); where there are too few rows to
    be every council's, no rank, saying why."""
    councils = list(councils)
    if len(councils) < ALL_COUNCILS:
        of = sum(1 for v in councils if has_figure(v))
        why = (
            f"not ranked: only {len(councils)} councils' figures are stored for this period "
            "(the council and its neighbours); load DfE's files with every council to rank it"
        )
        return Standing(None, of, None, False, why)
    return rank_and_quartile(value, councils, polarity)


def rank_and_quartile(
    value: float | None, all_la_values: Iterable[float | None], polarity: Polarity
) -> Standing:
    """Where the council's figure stands among every council's figures for the same period.

    `all_la_values` holds every council's figure, the council's own included, and no England
    or regional figures (LAIT ranks councils only). Councils without a figure are left out, so
    `of` counts those with one.

    Rank (LAIT: `rank(..., ties.method = "min")`): 1 is best, polarity deciding which way; tied
    councils share the better rank and the next rank is skipped (two joint 2nd, then 4th).

    Quartile (LAIT): cut points are the 25th, 50th and 75th percentiles of all councils' figures
    by linear interpolation (R's default `quantile`, Python's method="inclusive"). A figure
    exactly on a cut point falls in the quarter below it in value, whatever the polarity, as in
    LAIT: for "low" the better quarter, for "high" the worse one.

    Context indicators: LAIT gives no rank and no quartile. Here the position by figure, lowest
    first, is given so the board can see where the council sits, but no quartile, and the
    words never say better or worse.
    """
    known = [v for v in all_la_values if has_figure(v)]
    of = len(known)
    if not has_figure(value):
        return Standing(None, of, None, False, "not ranked: no figure for this period")
    if not any(same(v, value) for v in known):
        raise ValueError("the council's own figure must be among all councils' figures")
    scored = "low" if polarity == "context" else polarity  # context: position, lowest first
    ahead = sum(1 for v in known if not same(v, value) and worse_by(v, value, scored) < 0)
    rank = ahead + 1
    joint = sum(1 for v in known if same(v, value)) > 1
    place = f"{'joint ' if joint else ''}{_ordinal(rank)}"
    if polarity == "context":
        why = (
            f"{place} lowest of {of} councils with a figure: a context indicator, so a "
            "position, not better or worse"
        )
        return Standing(rank, of, None, joint, why)
    quartile = _quartile(value, known, polarity) if of >= 2 else None
    why = f"{place} of {of} councils with a figure (1 = best; {POLARITY_LABELS[polarity]})"
    if quartile:
        why += f"; {QUARTILE_WORDS[quartile]}"
    return Standing(rank, of, quartile, joint, why)


def _quartile(value: float, known: list[float], polarity: Polarity) -> int:
    cuts = statistics.quantiles(known, n=4, method="inclusive")
    # 1 for the quarter with the lowest figures to 4 for the highest; on a cut point: below it.
    by_value = 1 + sum(1 for cut in cuts if value > cut and not same(value, cut))
    return by_value if polarity == "low" else 5 - by_value


def proportion_interval(
    count: float, denominator: float, level: float = 0.95
) -> tuple[float, float]:
    """The Wilson score interval of count/denominator, as percentages (lower, upper).

    Wilson rather than the simple normal interval because council cohorts are small and
    figures sit near 0% or 100% (care leavers in suitable accommodation, ~90%), where the simple
    interval runs past the ends. It is the method
    PHE's (now OHID's) Fingertips profiles use for proportions.
    A council's figure covers every child, not a sample; the interval stands for the
    year-to-year chance variation in a cohort of that size.
    """
    if denominator <= 0 or not 0 <= count <= denominator:
        raise ValueError(f"{count} of {denominator} is not a proportion")
    if not 0 < level < 1:
        raise ValueError(f"a confidence level is between 0 and 1, not {level}")
    z = NormalDist().inv_cdf((1 + level) / 2)
    p, n = count / denominator, denominator
    shrink = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / shrink
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / shrink
    # At 0 of n (or n of n) the end is exactly 0% (100%); say so rather than leave float dust.
    lower = 0.0 if count == 0 else 100 * (centre - half)
    upper = 100.0 if count == denominator else 100 * (centre + half)
    return lower, upper


@dataclass(frozen=True)
class Difference:
    differs: bool  # England's figure lies outside the council's interval
    percent: float  # the council's figure
    lower: float
    upper: float
    england: float
    why: str


# DfE's published precision for a percentage, and so the precision interval ends are shown
# and compared at.
_PLACES = 1


def inside(figure: float, lower: float, upper: float) -> bool:
    """Whether `figure` is inside the interval, edges included, either as worked out or as
    shown (each end at the published precision), so a figure the page shows on an edge
    ("54.0%" against "37.6% to 54.0%") is inside, never called outside. The one rule for an
    interval's edge."""
    shown_lower, shown_upper = round(lower, _PLACES), round(upper, _PLACES)
    return lower <= figure <= upper or shown_lower <= figure <= shown_upper


def differs_from(
    value_count: float,
    denominator: float,
    england_percent: float,
    level: float = 0.95,
    *,
    published: float | None = None,
) -> Difference:
    """Whether the council's gap to England is more than chance: England's figure lies outside
    the council's Wilson interval (`inside`: an edge counts as inside, could be chance), so
    "differs" is only said when the evidence is clear; so does a gap too small to show (0.0
    points), which a reader would take for no gap at all.

    The figure is the one DfE published (`published`; count/denominator where none is given):
    the count and denominator only give the interval. DfE rounds before publishing (care
    leavers in education, employment or training: 46.0% published for 63 of 138, 45.65%), and
    the tile and its detail must show the same figure."""
    lower, upper = proportion_interval(value_count, denominator, level)
    percent = 100 * value_count / denominator if published is None else published
    gap = round(percent - england_percent, _PLACES)  # at DfE's published precision, as shown
    differs = bool(gap) and not inside(england_percent, lower, upper)

    def shown(figure: float) -> str:  # worked out here, so at the published precision
        return format_figure(figure, "percent", decimals=_PLACES)

    council = f"{shown(percent)} ({value_count:,g} of {denominator:,g})"
    england = f"England's {format_figure(england_percent, 'percent')}"
    side = "above" if gap > 0 else "below"
    gap_words = f"{format_amount(gap, 'percent', decimals=_PLACES)} {side} {england}"
    interval = (
        f"this council's {level * 100:g}% confidence interval of {shown(lower)} to {shown(upper)}"
    )
    if not gap:
        why = f"{council} is level with {england}"
    elif differs:
        why = f"{council} is {gap_words}, more than chance would explain: England is outside "
        why += interval
    else:
        why = f"{council} is {gap_words}, which could be chance: England is inside {interval}"
    return Difference(differs, percent, lower, upper, england_percent, why)
