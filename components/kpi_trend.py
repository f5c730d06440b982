"""One indicator's trend on the KPIs page: the chart (council, England, region, neighbours,
target) and, as its table alternative, the same figures by period, with the rules in words.

The chart's Vega-Lite spec is kept per distinct figures and labels: building and checking an
Altair chart costs about a tenth of a second, and the figures only change when new ones are
loaded. The chart, its table and its words are worked out once per status and indicator
(components.kept, by the status's positions): every council's figures are in the status, and
picking one indicator's out of them on every rerun cost more than drawing the page."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components.chart_data import drawable
from components.kept import kept
from components.safe_text import md
from components.tables import Col, records, show_table
from readiness.kpi.charts import trend_chart
from readiness.kpi.indicators import POLARITY_LABELS
from readiness.kpi.positions import KpiPosition, KpiStatus
from readiness.kpi.rules import format_figure


@st.cache_resource(max_entries=256)
def _spec(key: tuple, _frame: pd.DataFrame, title: str, unit: str, council: str) -> dict:
    target, target_label = key[-2:]
    chart = trend_chart(
        _frame, title=title, unit=unit, council=council, target=target, target_label=target_label
    )
    return drawable(chart.to_dict())


def _figure(value: float, position: KpiPosition) -> str:
    """A figure for the table, at DfE's published precision, its unit in the column heading."""
    if pd.isna(value):
        return "—"
    return format_figure(value, position.indicator.unit, 1).removesuffix("%").split(" ")[0]


@dataclass(frozen=True)
class TrendView:
    """One indicator's trend as drawn: the chart's spec, its table and the words under it."""

    spec: dict
    rows: list[dict]
    columns: tuple[Col, ...]
    words: str


def show_trend(status: KpiStatus, position: KpiPosition) -> None:
    """`position`'s indicator (one of `status`'s): its chart, its table and its rules in words."""
    view = kept(
        status.positions,
        ("trend", position.indicator.id),
        lambda: _trend_view(status, position),
    )
    st.vega_lite_chart(view.spec, width="stretch")
    show_table(view.rows, view.columns, key="kpis_values")
    st.markdown(view.words)


def _trend_view(status: KpiStatus, position: KpiPosition) -> TrendView:
    indicator = position.indicator
    frame = status.trend(indicator.id)
    title = f"{indicator.name}, {status.council_name} and comparators"
    target_label = None
    if position.target is not None:
        target_label = f"Target {format_figure(position.target, indicator.unit)}"
    key = (
        int(pd.util.hash_pandas_object(frame, index=False).sum()),
        title,
        indicator.unit_label,
        status.council_name,
        position.target,
        target_label,
    )
    spec = _spec(key, frame, title, indicator.unit_label, status.council_name)
    table = frame.pivot_table(index=["period_end", "period"], columns="series", values="value")
    table = table.reset_index().sort_values("period_end", ascending=False)
    series = list(dict.fromkeys([status.council_name, *sorted(frame["series"].unique())]))
    series = [s for s in series if s in table]
    unit = "%" if indicator.unit == "percent" else indicator.unit_label
    rows = [
        {"Period": r["period"], **{s: _figure(r[s], position) for s in series}}
        for r in records(table)
    ]
    # The council's periods DfE published a symbol for show it ("c"), not a blank.
    own = status.frame[
        (status.frame["indicator"] == indicator.id)
        & (status.frame["area"] == status.council.la_code)
        & status.frame["value"].isna()
    ]
    symbols = {
        period: code if isinstance(code, str) and code else "blank"
        for period, code in zip(own["period_label"], own["missing"], strict=True)
    }
    for row in rows:
        if row.get(status.council_name) == "—" and row["Period"] in symbols:
            row[status.council_name] = symbols[row["Period"]]
    columns = (Col("Period", "Period"), *(Col(s, f"{s} ({unit})", "figure") for s in series))
    polarity = POLARITY_LABELS[indicator.polarity]
    details = ""
    if position.previous:  # the latest period's figure was not published
        details = f"**Previous figure**: {md(position.previous)}.  \n"
    if position.england_gap:
        details = f"**Against England**: {md(position.england_gap.why)}.  \n"
    near = position.neighbours
    if near.other_value is not None:  # the average not used, for the reader to compare
        shown = format_figure(near.other_value, indicator.unit, 1)
        details += f"**Neighbours**: {md(near.why)}; {near.other} {md(shown)}.  \n"
    else:
        details += f"**Neighbours**: {md(near.why)}.  \n"
    if position.standing:
        details += f"**National rank**: {md(position.standing.why)}.  \n"
    words = (
        f"**{md(position.rag.label)}**: {md(position.rag.why)}.  \n"
        f"**{md(position.travel.label)}**: {md(position.travel.why)}.  \n"
        f"{details}"
        f"**Definition**: {md(indicator.definition)} {md(polarity[0].upper() + polarity[1:])}. "
        f"Source: {md(indicator.source)}."
    )
    return TrendView(spec, rows, columns, words)
