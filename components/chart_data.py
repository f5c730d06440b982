"""Vega-Lite specs ready to draw: each dataset already in the Arrow bytes st.vega_lite_chart
sends, so a kept spec is not serialised again on every rerun (Streamlit passes bytes through
as they are: streamlit/elements/vega_charts.py, _marshall_chart_data)."""

from __future__ import annotations

from streamlit import dataframe_util


def drawable(spec: dict) -> dict:
    """`spec` (an Altair chart's to_dict()) with its datasets as Arrow IPC bytes."""
    datasets = spec.get("datasets")
    if not datasets:
        return spec
    return {
        **spec,
        "datasets": {
            name: dataframe_util.convert_anything_to_arrow_bytes(rows)
            for name, rows in datasets.items()
        },
    }
