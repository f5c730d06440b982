"""KPIs: each indicator's latest figure against its target, England, the region and the
statistical neighbours, grouped by judgement area; then any one indicator's trend and its table."""

import pandas as pd
import streamlit as st

from components import data
from components.filters import current_filters
from components.kpi_charts import trend_chart
from components.kpi_tiles import TILE_CSS, kpi_tiles
from components.layout import apply_styles, link_problems
from components.safe_text import md
from components.tables import Col, records, show_table
from readiness.framework import AREA_CODES, AREA_SHORT_LABELS
from readiness.kpi.indicators import POLARITY_LABELS
from readiness.kpi.rules import format_figure
from readiness.rag import format_date

filters = current_filters()
apply_styles(filters)
st.title("KPIs")
link_problems(filters)
status = data.current_kpis(filters.today, filters.as_at)
if status is None or not status.positions:
    st.info(
        "No indicators are loaded yet. Load DfE's published figures for your council, or your "
        "own KPI table, with `python -m readiness import-kpis` (see the README, *Loading your "
        "own data*).",
        icon=":material/info:",
    )
    st.stop()

st.caption(
    f"{md(status.council_name)} · latest figures up to **{format_date(status.as_at)}** · "
    f"statistical neighbours: the {status.neighbour_average} of those with a figure"
)
areas = [a for a in AREA_CODES if any(p.indicator.area == a for p in status.positions)]
chosen = st.selectbox(
    "Judgement area",
    ["all", *areas],
    format_func=lambda a: "All judgement areas" if a == "all" else AREA_SHORT_LABELS[a],
    key="kpis_area",
)
st.html(TILE_CSS)
for area in areas if chosen == "all" else [chosen]:
    st.subheader(AREA_SHORT_LABELS[area])
    st.html(kpi_tiles(status, [p for p in status.positions if p.indicator.area == area]))

st.subheader("Trend")
shown = [p for p in status.positions if chosen in ("all", p.indicator.area)]
by_name = {p.indicator.name: p for p in shown}
name = st.selectbox("Indicator", list(by_name), key="kpis_indicator")
position = by_name[name]
indicator = position.indicator
frame = status.trend(indicator.id)
st.altair_chart(
    trend_chart(
        frame,
        title=f"{indicator.name}, {status.council_name} and comparators",
        unit=indicator.unit_label,
        council=status.council_name,
        target=position.target,
    ),
    width="stretch",
    height=360,
)
table = frame.pivot_table(index=["period_end", "period"], columns="series", values="value")
table = table.reset_index().sort_values("period_end", ascending=False)
series = [s for s in [status.council_name, *sorted(frame["series"].unique())] if s in table]
series = list(dict.fromkeys(series))


def _shown(value: float) -> str:
    return "—" if pd.isna(value) else format_figure(value, indicator.unit)


rows = [{"Period": r["period"], **{s: _shown(r[s]) for s in series}} for r in records(table)]
show_table(
    rows, (Col("Period", "Period"), *(Col(s, s, "figure") for s in series)), key="kpis_values"
)
st.markdown(
    f"**{md(position.rag.label)}**: {md(position.rag.why)}.  \n"
    f"**{md(position.direction.label)}**: {md(position.direction.why)}.  \n"
    f"**Neighbours**: {md(position.neighbours.why)}.  \n"
    f"**Definition**: {md(indicator.definition)} {md(POLARITY_LABELS[indicator.polarity])}. "
    f"Source: {md(indicator.source)}."
)
