"""The board pack's indicators: each judgement area's table of key indicators and the trends
of its most pressing ones, each with its figures in words (the chart's text alternative)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from readiness.board.pack_tables import Column, Status, Table
from readiness.kpi.indicators import Indicator
from readiness.kpi.positions import KpiPosition, KpiStatus
from readiness.kpi.pressing import furthest_behind
from readiness.kpi.rules import format_figure

INDICATOR_COLUMNS = (
    Column("Indicator", 30),
    Column("Latest", 16),
    Column("Target", 8),
    Column("RAG", 11),
    Column("On last year; longer", 25),
    Column("England", 10),
)
# Charts on an area's page: one row of two, legible in print, keeps an area to one A4 page with
# four or five recommendations and up to about eight indicators (more push the charts onto a
# second page). The indicators table above them has every indicator; the charts are the most
# pressing ones', and the KPIs page has the rest.
CHARTS_PER_AREA = 2


@dataclass(frozen=True)
class IndicatorTrend:
    """One indicator's figures by period, as its trend chart draws them, with the same figures
    in words (the chart's text alternative)."""

    indicator: Indicator
    frame: pd.DataFrame  # readiness.kpi.positions.KpiStatus.trend's columns
    council: str
    target: float | None
    target_label: str | None
    words: str


def _figure(value: float | None, indicator: Indicator) -> str:
    return "—" if value is None else format_figure(value, indicator.unit)


def _indicator_row(position: KpiPosition) -> tuple:
    indicator = position.indicator
    latest = _figure(position.value, indicator)
    written = position.written
    if written:  # what DfE wrote for the period (a previous figure below, if not published)
        latest = f"{written.short} ({written.code or 'blank'})"
    if position.period:
        latest += f" ({position.period})"
    if position.previous:
        latest += f"; previous {position.previous}"
    colour = position.rag.colour.value if position.rag.colour else None
    return (
        indicator.name,
        latest,
        _figure(position.target, indicator),
        Status(position.rag.label, colour),
        position.travel.short,
        _figure(position.england, indicator),
    )


def trend_words(
    indicator: Indicator,
    frame: pd.DataFrame,
    council: str,
    target: float | None,
    not_published: str | None = None,
):
    """The chart in words: the council's first and latest figures, then the latest period if its
    figure was not published (`not_published`, KpiPosition.not_published), each comparator's
    latest, and the target. Figures to one decimal place at most, as the page's table shows them
    (a neighbours' average is worked out, not published, to more)."""

    def figure(row) -> str:
        return f"{format_figure(round(row['value'], 1), indicator.unit)} in {row['period']}"

    ordered = frame.sort_values("period_end").groupby("series")
    first, last = ordered.head(1).set_index("series"), ordered.tail(1).set_index("series")
    words = figure(last.loc[council]) if council in last.index else "no figure"
    if council in first.index and first.loc[council, "period"] != last.loc[council, "period"]:
        words = f"from {figure(first.loc[council])} to {words}"
    if not_published:
        words += f", then {not_published}"
    parts = [f"{council} {words}"]
    parts += [f"{name} {figure(row)}" for name, row in sorted(last.iterrows()) if name != council]
    if target is not None:
        parts.append(f"target {format_figure(target, indicator.unit)}")
    return f"{indicator.name}: " + "; ".join(parts) + "."


def _trend(kpis: KpiStatus, position: KpiPosition) -> IndicatorTrend | None:
    indicator = position.indicator
    frame = kpis.trend(indicator.id)
    if frame.empty:
        return None
    label = None if position.target is None else f"Target {_figure(position.target, indicator)}"
    words = trend_words(
        indicator, frame, kpis.council_name, position.target, position.not_published
    )
    return IndicatorTrend(indicator, frame, kpis.council_name, position.target, label, words)


def _pressing(positions: Sequence[KpiPosition]) -> list[KpiPosition]:
    """The CHARTS_PER_AREA indicators furthest behind (readiness.kpi.pressing), in their table
    order."""
    chosen = furthest_behind(positions)[:CHARTS_PER_AREA]
    return [p for p in positions if p in chosen]


def indicators_table(positions: Sequence[KpiPosition]) -> Table:
    """An area's key indicators: latest figure, target, colour, direction and England."""
    return Table("Indicators", INDICATOR_COLUMNS, tuple(_indicator_row(p) for p in positions))


def pressing_trends(
    kpis: KpiStatus, positions: Sequence[KpiPosition]
) -> tuple[IndicatorTrend, ...]:
    """The trends of the area's most pressing indicators that have figures."""
    return tuple(t for p in _pressing(positions) if (t := _trend(kpis, p)) is not None)
