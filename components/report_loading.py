"""Starting from Ofsted's report on the Data page: upload the inspection report (PDF), see exactly
what was read, each part beside the page of the PDF it came from, then store the inspection in
the council's history and a draft plan with one recommendation per point to improve."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from components import data
from components.errors import show_refused
from components.safe_text import md
from components.signin import acting_person
from components.tables import Col, show_table
from readiness.framework import AREA_CODES, AREA_SHORT_LABELS
from readiness.inspection.report_import import ReportForAnotherCouncil, draft_points, read_facts
from readiness.inspection.report_limits import MAX_REPORT_BYTES, MB
from readiness.inspection.report_pdf import ReportReading, ReportUnreadable, read_report

READ_KEY = "_report_read"  # (upload's file id, its ReportReading or ReportUnreadable)
AREAS_KEY = "report_areas_"  # + a point's ref: the judgement areas chosen for it

FACT_COLUMNS = (
    Col("what", "Read"),
    Col("value", "As the report gives it", "long"),
    Col("page", "Page", "number"),
)
POINT_COLUMNS = (
    Col("ref", "Ref", "code"),
    Col("text", "What needs to improve", "long"),
    Col("framework_ref", "Cross-reference"),
    Col("page", "Page", "number"),
    Col("areas", "Suggested judgement areas"),
)


def _read(upload, name: str) -> ReportReading | ReportUnreadable:
    """The report read in its own limited process (report_pdf), the server left free."""
    with st.spinner("Reading the report…"):
        try:
            return read_report(upload.getvalue(), name, data.get_settings().imports.max_file_bytes)
        except ReportUnreadable as unreadable:
            return unreadable


def _show_reading(reading: ReportReading) -> None:
    """What was read: the facts and grades, then each point with its suggested areas."""
    facts = [{"what": w, "value": v, "page": p} for w, v, p in read_facts(reading)]
    show_table(facts, FACT_COLUMNS, key="report_facts")
    points = draft_points(reading)
    if not points:
        st.caption("The report lists no points to improve.")
        return
    rows = [
        {
            "ref": p.ref,
            "text": p.text,
            "framework_ref": p.framework_ref or "",
            "page": p.page,
            "areas": ", ".join(AREA_SHORT_LABELS[a] for a in p.areas),
        }
        for p in points
    ]
    show_table(rows, POINT_COLUMNS, key="report_points")
    st.caption(
        "The judgement areas are a suggestion from each point's wording and cross-reference: "
        "change them below before storing, or later by importing your own plan."
    )
    with st.expander("Change the judgement areas of a point"):
        for point in points:
            st.multiselect(
                f"{point.ref}: {point.text}",
                list(AREA_CODES),
                default=list(point.areas),
                format_func=AREA_SHORT_LABELS.get,
                key=f"{AREAS_KEY}{point.ref}",
                help="At least one: a point with none keeps the suggested areas.",
            )


def chosen_areas(reading: ReportReading) -> dict[str, list[str]]:
    """The judgement areas chosen on the page for each point, by its ref."""
    return {
        point.ref: st.session_state.get(f"{AREAS_KEY}{point.ref}", list(point.areas))
        for point in draft_points(reading)
    }


def report_journey(today: date) -> None:
    """Upload → read → check what was read → confirm → store."""
    # A report over MAX_REPORT_BYTES is refused whatever the setting allows for plans.
    max_mb = min(data.get_settings().imports.max_file_mb, MAX_REPORT_BYTES // MB)
    upload = st.file_uploader(
        f"Ofsted's inspection report (PDF as published, up to {max_mb} MB)",
        type=["pdf"],
        key="report_upload",
        max_upload_size=max_mb,
    )
    if upload is None:
        st.session_state.pop(READ_KEY, None)
        return
    name = Path(upload.name).name
    cached = st.session_state.get(READ_KEY)
    if not cached or cached[0] != upload.file_id:
        st.session_state[READ_KEY] = cached = (upload.file_id, _read(upload, name))
    reading = cached[1]
    if isinstance(reading, ReportUnreadable):
        st.error(f"{md(reading)} **Nothing was stored.**", icon=":material/error:")
        return
    _show_reading(reading)
    store = data.store()
    preview = store.preview_report(reading, name)
    if preview.refused:
        st.error(md(preview.refused), icon=":material/error:")
        return
    if preview.changes_nothing:
        st.info(md(preview.summary()), icon=":material/check_circle:")
        return
    st.markdown(f"**{md(preview.summary())}**")
    if st.button(f"Store {preview.parts}", type="primary", key="report_store"):
        try:
            stored = store.import_report(
                reading, today, name, chosen_areas(reading), by=acting_person()
            )
        except SQLAlchemyError as error:
            show_refused("The report was not stored", error)
            return
        except ReportForAnotherCouncil as refused:  # the council changed since the preview
            st.error(md(refused), icon=":material/error:")
            return
        data.refresh_plan()
        if stored.council.sets_up:
            data.refresh_kpis()  # the KPIs page's council, and with it the prediction's
        else:
            data.refresh_inspection()  # the prediction now counts from this inspection
        st.success(f"Stored. {md(stored.summary())}", icon=":material/task_alt:")
