"""Which indicators a self-evaluation names as strengths and which as priorities: the one rule,
written here (issue 25, after Ofsted's three questions, ../shared/domain.md §1.8).

  Strength: the latest figure is better than England's AND better than the statistical
            neighbours' average (both known), AND it improved on last year.
  Priority: the latest figure is worse than England's OR worse than the neighbours' average, OR
            it worsened on last year.
  Neither:  anything else (in line with the comparators, or better but not improving): not
            listed, as it claims nothing a reader could act on.

"Better", "worse" and "last year" are the KPIs page's own rules (readiness.kpi.rules: polarity
decides which way is better, equal within a margin is neither; `last_year` for the move), so the
self-evaluation never contradicts the page its evidence points to. Context indicators (neither
way is better) and a latest figure DfE did not publish (a symbol in its place) are never listed:
an older year's figure is never put in its place.
"""

from __future__ import annotations

from readiness.kpi.positions import KpiPosition
from readiness.kpi.rules import Trend, format_figure, has_figure, same, worse_by
from readiness.self_evaluation.document import PRIORITY, STRENGTH, Evidence, Line, Measure

BETTER, WORSE, LEVEL, UNKNOWN = "better", "worse", "level", "unknown"


def compared(position: KpiPosition, benchmark: float | None) -> str:
    """How the latest figure stands against one comparator: BETTER, WORSE, LEVEL or UNKNOWN."""
    if not has_figure(position.value) or benchmark is None or not has_figure(benchmark):
        return UNKNOWN
    gap = worse_by(position.value, benchmark, position.indicator.polarity)
    if same(gap, 0.0):
        return LEVEL
    return WORSE if gap > 0 else BETTER


def verdict(position: KpiPosition) -> str | None:
    """STRENGTH, PRIORITY or None, by the rule in this module's docstring."""
    if (
        position.indicator.polarity == "context"
        or position.missing
        or not has_figure(position.value)
    ):
        return None
    england = compared(position, position.england)
    neighbours = compared(position, position.neighbours.value)
    trend = position.last_year.trend
    if england == BETTER and neighbours == BETTER and trend is Trend.IMPROVING:
        return STRENGTH
    if WORSE in (england, neighbours) or trend is Trend.WORSENING:
        return PRIORITY
    return None


def _against(position: KpiPosition) -> str:
    """ "better than England (21.0%) and the neighbours (22.4%)": each comparator in words."""
    unit = position.indicator.unit
    said = []
    # The neighbours' average shows to one place, as on the KPIs page's tiles.
    for name, figure, places in (
        ("England", position.england, None),
        ("the neighbours", position.neighbours.value, 1),
    ):
        how = compared(position, figure)
        if how in (BETTER, WORSE):
            said.append(f"{how} than {name} ({format_figure(figure, unit, places)})")
        elif how == LEVEL:
            said.append(f"level with {name} ({format_figure(figure, unit, places)})")
    return " and ".join(said)


def _text(position: KpiPosition) -> str:
    """ "Re-referrals: 18.0% in 2024-25, better than England (22.4%) and the neighbours (21.0%);
    down 2.0 points on last year (better)." """
    head = f"{position.indicator.name}: {format_figure(position.value, position.indicator.unit)}"
    head += f" in {position.period}"
    if against := _against(position):
        head += f", {against}"
    moved = position.travel.words
    return f"{head}; {moved[:1].lower()}{moved[1:]}."


def evidence(position: KpiPosition) -> Evidence:
    """The figures behind the line, each with its period: the council's, England's, the
    neighbours' (how averaged), the region's, the target, last year's move and the rank."""
    unit = position.indicator.unit
    period = position.comparators_period or position.period or ""

    def shown(value: float | None, places: int | None = None) -> str:
        return format_figure(value, unit, places) if has_figure(value) else "no figure"

    rows = [
        ("This council", shown(position.value), position.period or ""),
        ("England", shown(position.england), period),
        (
            f"Statistical neighbours ({position.neighbours.short})",
            shown(position.neighbours.value, 1),
            period,
        ),
    ]
    if position.region is not None:
        rows.append(("Region", shown(position.region), period))
    if position.target is not None:
        rows.append(("Target", shown(position.target), position.rag.label))
    rows.append(("Movement", position.travel.words, position.travel.why))
    if position.standing and position.standing.rank:
        rows.append(
            (
                "Rank among councils",
                f"{position.standing.rank} of {position.standing.of}",
                position.standing.why,
            )
        )
    return Evidence(("Measure", "Figure", "Period or basis"), tuple(rows))


def indicator_line(position: KpiPosition) -> Line | None:
    """The indicator's strength or priority line, or None where it is neither."""
    kind = verdict(position)
    if kind is None:
        return None
    source = (
        f"Indicator: {position.indicator.name} ({position.indicator.source}, {position.period})"
    )
    return Line(
        key=f"indicator:{position.indicator.id}",
        kind=kind,
        text=_text(position),
        source=source,
        evidence=evidence(position),
        measure=Measure(
            float(position.value),
            format_figure(position.value, position.indicator.unit),
            position.period or "",
        ),
    )
