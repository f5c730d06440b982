"""Which indicators a board sees first: the board screens' tiles and the board pack's trend
charts go to the indicators furthest behind, counted against everything they are measured by.

Why (issue 21): choosing by colour alone put a Green re-referral rate 7th best of 153 councils on
a tile while social worker turnover, 120th of 150 and in the worst quarter, was a one-line
mention. A colour says only how a figure stands against the council's own target, and many
indicators have none; the national quartile and England's figure say how it stands against
everyone else (../shared/domain.md §4.3; LAIT's quartiles, readiness.kpi.comparison).
"""

from __future__ import annotations

from collections.abc import Sequence

from readiness.kpi.positions import KpiPosition
from readiness.kpi.rules import Trend, has_figure, same, worse_by
from readiness.palette import Rag

# Points for how far behind an indicator is. Target: Red is beyond the council's own tolerance,
# Amber within it. Councils: quartile D is the worst quarter of England's councils, C the
# second worst. England: worse than England's figure at all. A context indicator is never
# behind (neither way is better), so it comes after every indicator that is.
TARGET_POINTS = {Rag.RED: 2, Rag.AMBER: 1}
QUARTILE_POINTS = {4: 2, 3: 1}
ENGLAND_POINTS = 1
# How the screens say the rule, after "the 8 of 14 furthest behind, ".
PRESSING_RULE = (
    "counting Red or Amber against target, the worst quarters of councils (D, C) and worse "
    "than England"
)


def _behind_england(position: KpiPosition) -> float | None:
    """How far the figure is worse than England's, as a share of England's; None: no gap known
    (context indicators, or no figure on either side)."""
    value, england = position.value, position.england
    if position.indicator.polarity == "context" or not has_figure(value) or not england:
        return None
    return worse_by(value, england, position.indicator.polarity) / abs(england)


def behind(position: KpiPosition) -> tuple[int, float, float, bool]:
    """How far behind one indicator is, larger is further: the points above, then (between
    indicators with the same points) its place among councils as a share of them (120th of 150:
    0.8), how far it is worse than England as a share of England's figure, and whether it is
    worse on last year. Indicators with no rank or no England figure come after those with one.
    """
    points = TARGET_POINTS.get(position.rag.colour, 0) if position.rag.colour else 0
    standing = position.standing
    if standing and standing.quartile:
        points += QUARTILE_POINTS.get(standing.quartile, 0)
    gap = _behind_england(position)
    if gap is not None and gap > 0 and not same(gap, 0):
        points += ENGLAND_POINTS
    place = standing.rank / standing.of if standing and standing.quartile and standing.rank else -1
    worse = position.last_year.trend is Trend.WORSENING
    return points, place, float("-inf") if gap is None else gap, worse


def furthest_behind(positions: Sequence[KpiPosition]) -> list[KpiPosition]:
    """`positions` furthest behind first (`behind`); in their given order where equal."""
    return sorted(positions, key=behind, reverse=True)
