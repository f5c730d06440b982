"""Charts of the KPIs page, built by pure functions returning `alt.Chart` (no Streamlit), so the
page, the tests (`chart.to_dict()`) and the board pack draw the same chart.

A trend chart shows the council's figure over the years with England, the region and the
statistical neighbours as thinner lines, and the target as a dashed rule. Series differ by
stroke dash and point shape as well as colour, so the chart reads without colour; the table of
the same values sits beside it on the page.
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

# GOV.UK Design System colours (as readiness.palette): dark blue for the council, then grey,
# brown and purple for the comparators, each readable on white; red for the target.
COUNCIL_COLOUR = "#003078"
COMPARATOR_COLOURS = ("#505a5f", "#6f4e37", "#4c2c92")
TARGET_COLOUR = "#d4351c"
# Columns of the frame a trend chart reads: one row per series and period.
TREND_COLUMNS = ("series", "period", "period_end", "value")
UNIT_ABOVE_AXIS = alt.Axis(
    titleAngle=0, titleAlign="left", titleBaseline="bottom", titleX=0, titleY=-10
)
LEGEND_OFFSET = 30  # pixels above the plot: the unit's line and a gap
# The target's label sits past the right-hand end of its line, never over the figures, in
# lines of at most this many characters so a long unit does not widen the chart much.
TARGET_LABEL_CHARACTERS = 13


def trend_chart(
    frame: pd.DataFrame,
    *,
    title: str,
    unit: str,
    council: str,
    target: float | None = None,
    target_label: str | None = None,
    height: int = 300,
) -> alt.LayerChart:
    """The indicator's figures by period: the council's bold, each comparator thinner; lines
    differ by dash, points by shape, both by colour. `target_label` says the target with its
    unit ("Target 24.0%")."""
    series = [council, *sorted(s for s in frame["series"].unique() if s != council)]
    colours = [COUNCIL_COLOUR, *COMPARATOR_COLOURS[: len(series) - 1]]
    colours += ["#888888"] * (len(series) - len(colours))
    dashes = [[1, 0], [6, 3], [2, 2], [8, 2, 2, 2]][: len(series)]
    dashes += [[4, 4]] * (len(series) - len(dashes))
    shapes = ["circle", "square", "triangle-up", "diamond"][: len(series)]
    shapes += ["cross"] * (len(series) - len(shapes))
    frame = frame.assign(period_end=frame["period_end"].astype(str))  # JSON-ready dates
    order = frame.sort_values("period_end")["period"].drop_duplicates().tolist()
    # Clear of the unit above the axis, which Vega leaves out when it places the legend.
    legend = alt.Legend(
        title=None, orient="top", direction="horizontal", labelLimit=0, offset=LEGEND_OFFSET
    )
    colour = alt.Color("series:N", scale=alt.Scale(domain=series, range=colours), legend=legend)
    base = alt.Chart(frame).encode(
        x=alt.X("period:N", title="Period", sort=order, axis=alt.Axis(labelAngle=0)),
        # The unit reads across, above the axis: turned on its side a long one ("cases per
        # social worker") ran past the ends of a short chart and was cut.
        y=alt.Y("value:Q", title=unit, scale=alt.Scale(zero=False), axis=UNIT_ABOVE_AXIS),
        color=colour,
        tooltip=[
            alt.Tooltip("series:N", title="Who"),
            alt.Tooltip("period:N", title="Period"),
            alt.Tooltip("value:Q", title=unit, format=",.1f"),
        ],
    )
    lines = base.mark_line().encode(
        strokeDash=alt.StrokeDash(
            "series:N", scale=alt.Scale(domain=series, range=dashes), legend=None
        ),
        strokeWidth=alt.condition(
            alt.datum.series == council, alt.value(3.5), alt.value(1.5), legend=None
        ),
    )
    points = base.mark_point(size=70, filled=True, opacity=1).encode(
        shape=alt.Shape("series:N", scale=alt.Scale(domain=series, range=shapes), legend=legend)
    )
    layers: list[alt.Chart] = [lines, points]
    if target is not None:
        label = "\n".join(
            textwrap.wrap(target_label or f"Target {target:g}", TARGET_LABEL_CHARACTERS)
        )
        rule = pd.DataFrame({"target": [target], "label": [label]})
        layers.append(
            alt.Chart(rule)
            .mark_rule(color=TARGET_COLOUR, strokeDash=[4, 4], strokeWidth=2)
            .encode(y="target:Q")
        )
        layers.append(
            alt.Chart(rule)
            .mark_text(align="left", dx=4, color=TARGET_COLOUR, fontSize=13, lineBreak="\n")
            .encode(y="target:Q", text="label:N", x=alt.value("width"))
        )
    return alt.layer(*layers).properties(
        title=alt.Title(title, anchor="start"), height=height, width="container"
    )
