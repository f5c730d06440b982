"""Data: load the council's plan from a spreadsheet, get the blank template, export the plan."""

import tempfile
from pathlib import Path

import streamlit as st

from components import data
from components.filters import current_filters
from components.importer import import_journey
from components.layout import apply_board_mode
from readiness.export import export_plan
from readiness.importing import write_template

filters = current_filters()
apply_board_mode(filters)
st.title("Data")

st.subheader("Load a plan")
st.caption(
    "The committee-paper table your council already keeps, or the canonical template below. "
    "Every problem is listed at once; nothing is stored until you confirm the preview."
)
import_journey(filters.today)

st.subheader("Template")
with tempfile.TemporaryDirectory() as folder:
    template = write_template(Path(folder) / "plan-template.xlsx").read_bytes()
st.download_button(
    "Download the blank plan template (.xlsx)",
    template,
    file_name="improvement-plan-template.xlsx",
    icon=":material/download:",
    key="data_template",
)

st.subheader("Export")
plan = data.current_plan(filters.today)
if plan is None:
    st.caption("No plan is stored yet.")
else:
    status = data.current_status(plan, filters.as_at, None)
    st.download_button(
        f"Download the whole plan as at {filters.as_at:%d/%m/%Y} (.xlsx)",
        export_plan(plan, status),
        file_name=f"improvement-plan-{filters.as_at.isoformat()}.xlsx",
        icon=":material/download:",
        key="data_export",
        help="One row per action: the template's columns plus colour, why, last update and "
        "days overdue, ready for a committee paper.",
    )
