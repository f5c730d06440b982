"""The board pack's trend charts: the app's own Altair chart for each indicator, drawn to PNG by
vl-convert, sized and lettered for half the width of an A4 page; or, where vl-convert is not
installed (an optional extra: requirements-charts.txt), each chart's figures as a table.

The chart builder is passed in (readiness.kpi.charts.trend_chart), so the domain never imports
the UI layer: the command line and the app's button, which may, hand it over.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial

import pandas as pd

from readiness.board.pack_indicators import IndicatorTrend
from readiness.board.pack_tables import Column, Table
from readiness.kpi.rules import format_figure

# readiness.kpi.charts.trend_chart: (frame, *, title, unit, council, target, target_label,
# height) -> alt.LayerChart.
TrendChartBuilder = Callable[..., object]

# Pixels of the plot; the axis and the target's label past its right-hand end add about 150
# more across. At half an A4 page (8.3 cm) this leaves the 13 px lettering about 7 points high.
WIDTH = 240
HEIGHT = 90
SCALE = 2  # PNG pixels per chart pixel: sharp on paper and when zoomed in
FONT = 13
TITLE_CHARACTERS = 42  # a title line no wider than the plot and the target's label
# vl-convert renders outside Python's lock, so two charts draw at once on a two-core machine.
WORKERS = 2
# What an area's page says in place of its charts where vl-convert is not installed: to the
# reader, and to whoever installs the app.
UNDRAWN = (
    "The charts need the optional package vl-convert-python, which is not installed: their "
    "figures are given instead."
)


def _chart_png(
    trend: IndicatorTrend, build: TrendChartBuilder, to_png: Callable[..., bytes]
) -> bytes:
    """One indicator's trend chart as a PNG."""
    chart = build(
        trend.frame,
        # Vega-Lite never wraps a title, so a long indicator name would widen the picture and
        # shrink the chart on the page: given as lines, it wraps.
        title=textwrap.wrap(trend.indicator.name, TITLE_CHARACTERS),
        unit=trend.indicator.unit_label,
        council=trend.council,
        target=trend.target,
        target_label=trend.target_label,
        height=HEIGHT,
    )
    chart = (
        chart.properties(width=WIDTH)  # the app's "container" width means nothing on paper
        # Eight years' labels do not fit across half a page: every other one is left out.
        .configure_axis(
            labelFontSize=FONT, titleFontSize=FONT, labelOverlap="greedy", labelSeparation=8
        )
        .configure_legend(labelFontSize=FONT, columns=2)
        .configure_title(fontSize=FONT + 2)
    )
    # The builder's specs are checked against the schema by its tests and on every page that
    # draws them; checking again here would cost a tenth of a second a chart.
    return to_png(chart.to_dict(validate=False), scale=SCALE)


def chart_pngs(
    trends: Sequence[IndicatorTrend], build: TrendChartBuilder
) -> list[bytes] | list[None]:
    """Every trend's chart as a PNG, in order; None for each where vl-convert is not installed
    (imported here, not with the module, so the pack is still written without it)."""
    try:
        import vl_convert
    except ImportError:
        return [None] * len(trends)
    draw = partial(_chart_png, build=build, to_png=vl_convert.vegalite_to_png)
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return list(pool.map(draw, trends))


def _figure(value: float, trend: IndicatorTrend) -> str:
    """A figure at one decimal place, as the KPIs page's table gives it; its unit is in the
    table's title."""
    if pd.isna(value):
        return "—"
    return format_figure(value, trend.indicator.unit, 1).removesuffix("%").split(" ")[0]


def trend_table(trend: IndicatorTrend) -> Table:
    """A chart's figures as a table in its place, titled with its unit and target: a row for
    each of its lines (the council's first), a column for each period, oldest first, as the
    chart reads. (Periods down the page, as the KPIs page has them, would not leave an area's
    page room for two.)"""
    wide = trend.frame.pivot_table(
        index="series", columns=["period_end", "period"], values="value"
    ).sort_index(axis="columns")
    series = [trend.council, *sorted(set(wide.index) - {trend.council})]
    rows = tuple(
        (name, *(_figure(value, trend) for value in wide.loc[name]))
        for name in series
        if name in wide.index
    )
    columns = (Column("", 22), *(Column(period, 8) for _end, period in wide.columns))
    indicator = trend.indicator
    title = f"{indicator.name} ({indicator.unit_label})"
    if trend.target is not None:
        title += f"; target {format_figure(trend.target, indicator.unit)}"
    return Table(title, columns, rows)
