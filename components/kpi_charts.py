"""Charts of the KPIs page, built by pure functions returning `alt.Chart` (no Streamlit), so the
page, the tests (`chart.to_dict()`) and the board pack draw the same chart.

A trend chart shows the council's figure over the years with England, the region and the
statistical neighbours as thinner lines, and the target as a dashed rule. Series differ by
stroke dash and point shape as well as colour, so the chart reads without colour; the table of
the same values sits beside it on the page.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

# GOV.UK Design System colours (as readiness.palette): dark blue for the council, then grey,
# brown and purple for the comparators, each readable on white; red for the target.
COUNCIL_COLOUR = "#003078"
COMPARATOR_COLOURS = ("#505a5f", "#6f4e37", "#4c2c92")
TARGET_COLOUR = "#d4351c"
# Columns of the frame a trend chart reads: one row per series and period.
TREND_COLUMNS = ("series", "period", "period_end", "value")


def trend_chart(
    frame: pd.DataFrame,
    *,
    title: str,
    unit: str,
    council: str,
    target: float | None = None,
    height: int = 280,
) -> alt.Chart:
    """The indicator's figures by period: the council's bold, each comparator thinner."""
    series = [council, *sorted(s for s in frame["series"].unique() if s != council)]
    colours = [COUNCIL_COLOUR, *COMPARATOR_COLOURS[: len(series) - 1]]
    colours += ["#888888"] * (len(series) - len(colours))
    dashes = [[1, 0], [6, 3], [2, 2], [8, 2, 2, 2]][: len(series)]
    dashes += [[4, 4]] * (len(series) - len(dashes))
    shapes = ["circle", "square", "triangle-up", "diamond"][: len(series)]
    shapes += ["cross"] * (len(series) - len(shapes))
    order = frame.sort_values("period_end")["period"].drop_duplicates().tolist()
    x = alt.X("period:N", title="Period", sort=order, axis=alt.Axis(labelAngle=0))
    y = alt.Y("value:Q", title=unit, scale=alt.Scale(zero=False))
    legend = alt.Legend(title=None, orient="bottom", columns=2, labelLimit=0)
    base = alt.Chart(frame).encode(
        x=x,
        y=y,
        color=alt.Color("series:N", scale=alt.Scale(domain=series, range=colours), legend=legend),
        strokeDash=alt.StrokeDash(
            "series:N", scale=alt.Scale(domain=series, range=dashes), legend=legend
        ),
        shape=alt.Shape("series:N", scale=alt.Scale(domain=series, range=shapes), legend=legend),
        tooltip=[
            alt.Tooltip("series:N", title="Who"),
            alt.Tooltip("period:N", title="Period"),
            alt.Tooltip("value:Q", title=unit, format=",.1f"),
        ],
    )
    lines = base.mark_line(point=alt.OverlayMarkDef(size=60, filled=True)).encode(
        strokeWidth=alt.condition(
            alt.datum.series == council, alt.value(3.5), alt.value(1.5), legend=None
        )
    )
    layers: list[alt.Chart] = [lines]
    if target is not None:
        rule = pd.DataFrame({"target": [target], "label": [f"Target {target:g}"]})
        layers.append(
            alt.Chart(rule)
            .mark_rule(color=TARGET_COLOUR, strokeDash=[4, 4], strokeWidth=2)
            .encode(y="target:Q")
        )
        layers.append(
            alt.Chart(rule)
            .mark_text(align="left", dx=4, dy=-6, color=TARGET_COLOUR, fontSize=13)
            .encode(y="target:Q", text="label:N", x=alt.value(0))
        )
    return alt.layer(*layers).properties(
        title=alt.Title(title, anchor="start"), height=height, width="container"
    )
