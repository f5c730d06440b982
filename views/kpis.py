"""KPIs: each indicator's latest figure against its target, England, the region and the
statistical neighbours, grouped by judgement area; then any one indicator's trend and its table."""

import streamlit as st

from components import data
from components.kpi_tiles import TILE_CSS, area_tiles
from components.kpi_trend import show_trend
from components.layout import page_frame
from components.safe_text import md
from readiness.framework import AREA_CODES, AREA_SHORT_LABELS
from readiness.text import format_date

filters = page_frame(
    "KPIs",
    "each indicator's latest figure is the latest DfE had published (or the council had "
    "loaded) by that date, against today's targets",
)
status = data.current_kpis(filters.as_at)


def _label(area: str) -> str:
    return AREA_SHORT_LABELS.get(area, "Other indicators")


if status is None or not status.positions:
    st.info(
        "No indicators are loaded yet. The performance team loads DfE's published figures for "
        "the council, or its own KPI table, on the **Data** page.",
        icon=":material/info:",
    )
    st.stop()

st.caption(
    f"{md(status.council_name)} · the latest figure of each indicator published by "
    f"**{format_date(status.as_at)}** · statistical neighbours: the {status.neighbour_average} "
    "of those with a figure · colours: ● Green at or better than target, ▲ Amber worse but "
    "within the tolerance, ✖ Red beyond it, – No colour for context indicators or no target, "
    "– No figure where DfE did not publish the latest period's figure"
)
# A council's own indicator may name no judgement area: it is shown under "Other indicators".
areas = [a for a in (*AREA_CODES, "") if any(p.indicator.area == a for p in status.positions)]
chosen = st.selectbox(
    "Judgement area",
    ["all", *areas],
    format_func=lambda a: "All judgement areas" if a == "all" else _label(a),
    key="kpis_area",
)
st.html(TILE_CSS)
for area in areas if chosen == "all" else [chosen]:
    st.subheader(_label(area))
    st.html(area_tiles(status, area))

st.subheader("Trend")
shown = [p for p in status.positions if chosen in ("all", p.indicator.area)]
by_name = {p.indicator.name: p for p in shown}
name = st.selectbox("Indicator", list(by_name), key="kpis_indicator")
position = by_name[name]
show_trend(status, position)
