"""Data: the stored plans, loading the council's plan from a spreadsheet, its indicators and
Ofsted's inspection report, the blank template, the export of the current plan and its board
pack."""

import tempfile
from pathlib import Path

import streamlit as st

from components import data
from components.board_pack_button import board_pack_button
from components.importer import import_journey
from components.kpi_loading import TARGETS_OPEN, kpi_journey, targets_form
from components.layout import page_frame, when_opened
from components.report_loading import report_journey
from components.signin import acting_person
from components.stored_plans import show_stored_plans
from readiness.access.roles import Change
from readiness.exports.blank_template import write_template
from readiness.exports.plan_workbook import export_plan


def _loading(today) -> None:
    """Loading the plan, its indicators and targets, and Ofsted's report (editors)."""
    st.subheader("Load a plan")
    st.caption(
        "The committee-paper table your council already keeps (in a workbook, CSV or Word "
        "document), or the canonical template below. "
        "Every problem is listed at once; nothing is stored until you confirm the preview."
    )
    import_journey(today)

    st.subheader("Load indicators")
    st.caption(
        "DfE's published figures for your council, England, its region and its statistical "
        "neighbours: LAIT's data set or explore-education-statistics downloads, several at once. "
        "Nothing is stored until you confirm."
    )
    kpi_journey(today)
    # The form's thirty-odd inputs cost more than the rest of the page: drawn only once opened.
    when_opened(
        "Targets: each indicator's target, and how far off it is still Amber",
        TARGETS_OPEN,
        lambda: targets_form(today),
    )

    st.subheader("Start from Ofsted's report")
    st.caption(
        "The inspection report as published (PDF): its dates, type, grades and lead inspector join "
        "the council's inspection history, used to predict the next inspection, and each point to "
        "improve becomes a recommendation of a draft plan, ready for themes, leads and actions. "
        "Nothing is stored until you confirm what was read."
    )
    report_journey(today)


filters = page_frame(
    "Data", "the plan's export and the board pack below are as at that date; loading is not"
)

st.subheader("Stored plans")
show_stored_plans()

if acting_person().may(Change.IMPORT_PLAN):
    _loading(filters.today)
else:
    st.info(
        "Loading a plan, indicators or Ofsted's report, and setting targets, needs the Editor "
        "role: ask an admin. The template, the export and the board pack are below.",
        icon=":material/lock:",
    )

st.subheader("Set-up: the national inspection record")
st.caption(
    "Ofsted's recent pace and the queue of councils make the Inspection page's chances surer. "
    "Without the record they are estimated from the usual gap between inspections "
    "(config.toml [inspection]). Whoever runs the app loads Ofsted's files once, from the "
    "command line (the README's *The national inspection record* says where to find them):"
)
st.code(
    "python -m readiness import-national ofsted_csc_ilacs_history.csv "
    "la_lookup_provider_data.csv la_inspection_outcomes_as_at_31_march_2025.ods",
    language="bash",
    wrap_lines=True,
)


def _template() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        return write_template(Path(folder) / "plan-template.xlsx").read_bytes()


st.subheader("Template")
# The files are made when the button is pressed, not on every visit to the page.
st.download_button(
    "Download the blank plan template (.xlsx)",
    _template,
    file_name="improvement-plan-template.xlsx",
    icon=":material/download:",
    key="data_template",
)

st.subheader("Export")
loaded = data.current_plan()
if loaded.plan is None:
    st.caption("No plan is stored yet.")
else:
    with st.container(horizontal=True):
        st.download_button(
            f"Download the whole plan as at {filters.as_at:%d/%m/%Y} (.xlsx)",
            # Coloured when pressed, as the workbook is made: a visit copies no status.
            lambda: export_plan(loaded.plan, data.current_status(loaded, filters.as_at, None)),
            file_name=f"improvement-plan-{filters.as_at.isoformat()}.xlsx",
            icon=":material/download:",
            key="data_export",
            help="One row per action: the template's columns plus colour, why, last update and "
            "days overdue, ready for a committee paper.",
        )
        board_pack_button(loaded, filters, key_prefix="data")
