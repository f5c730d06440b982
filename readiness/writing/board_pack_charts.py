"""The board pack's trend charts: the app's own Altair chart for each indicator, drawn to PNG by
vl-convert, sized and lettered for half the width of an A4 page.

The chart builder is passed in (components.kpi_charts.trend_chart), so the domain never imports
the UI layer: the command line and the app's button, which may, hand it over.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial

import vl_convert

from readiness.writing.board_pack_indicators import IndicatorTrend

# components.kpi_charts.trend_chart: (frame, *, title, unit, council, target, target_label,
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


def chart_png(trend: IndicatorTrend, build: TrendChartBuilder) -> bytes:
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
    return vl_convert.vegalite_to_png(chart.to_dict(validate=False), scale=SCALE)


def chart_pngs(trends: Sequence[IndicatorTrend], build: TrendChartBuilder) -> list[bytes]:
    """Every trend's chart as a PNG, in order."""
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return list(pool.map(partial(chart_png, build=build), trends))
