"""Loading indicators on the Data page: DfE's files (LAIT's data set, explore-education-statistics
CSVs) and the council's own KPI tables (with their targets and local indicators) for the council,
with a preview of what changes, stored only when the user confirms; and the council's targets."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from components import data
from components.errors import show_refused
from components.importer import PROBLEM_COLUMNS, problems_rows
from components.safe_text import md
from components.signin import acting_person
from components.tables import show_table
from readiness.files.problems import ImportFailed
from readiness.kpi.council import council_change, council_of, neighbours_for
from readiness.kpi.dfe_files import read_kpi_files
from readiness.kpi.indicators import INDICATORS
from readiness.text import plural

READ_KEY = "_kpi_read"
LA_KEY = "kpi_la"
TARGETS_OPEN = "kpi_targets_open"  # the Data page's Targets expander: True once opened


def _read(files, neighbours_file, la_code: str, all_las: bool, stored, stored_neighbours):
    """(load, council, neighbours) read from the uploads, or ImportFailed."""
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for upload in files:
            path = Path(folder) / Path(upload.name).name
            path.write_bytes(upload.getvalue())
            paths.append(path)
        try:
            given = None
            if neighbours_file is not None:
                given = Path(folder) / Path(neighbours_file.name).name
                given.write_bytes(neighbours_file.getvalue())
            listing, chosen = neighbours_for(la_code, given, stored, stored_neighbours)
            with st.spinner("Reading the files…"):
                max_bytes = data.get_settings().imports.max_file_bytes
                load = read_kpi_files(paths, la_code, listing, all_las=all_las, max_bytes=max_bytes)
        except ImportFailed as failed:
            return failed
    return load, council_of(la_code, load.values, listing), chosen


def kpi_journey(today: date) -> None:
    """Upload → read → preview → confirm → store."""
    if LA_KEY not in st.session_state:
        # The stored council's number, read when the field is first drawn: a rerun reads
        # nothing from the store until files are given.
        stored = data.store().kpi_council()[0]
        st.session_state[LA_KEY] = stored.la_code if stored else ""
    files = st.file_uploader(
        "DfE's files (LAIT's data set, explore-education-statistics CSVs) or your own KPI "
        "tables (.xlsx or .csv: Indicator, Period, Value; or one row per indicator and one "
        "column per month, quarter or year)",
        type=["csv", "parquet", "xlsx"],
        accept_multiple_files=True,
        key="kpi_upload",
        max_upload_size=data.get_settings().imports.max_file_mb,
    )
    left, middle, right = st.columns([1, 2, 1])
    la_code = left.text_input(
        "Council's DfE number",
        max_chars=3,
        key=LA_KEY,
        help="The 3-digit local-authority number DfE's files use, such as 383 for Leeds.",
    ).strip()
    neighbours_file = middle.file_uploader(
        "Statistical neighbours (DfE's list, if not already stored)",
        type=["csv"],
        key="kpi_neighbours",
        max_upload_size=data.get_settings().imports.max_file_mb,
    )
    all_las = right.checkbox(
        "Every council too", key="kpi_all", help="For rank and quartile among all councils."
    )
    if not files:
        st.session_state.pop(READ_KEY, None)
        return
    if not la_code.isdigit():
        st.warning("Give the council's 3-digit DfE number to read its figures.")
        return
    store = data.store()
    stored, stored_neighbours = store.kpi_council()
    marker = (
        tuple(f.file_id for f in files),
        neighbours_file.file_id if neighbours_file else None,
        la_code,
        all_las,
    )
    cached = st.session_state.get(READ_KEY)
    if not cached or cached[0] != marker:
        read = _read(files, neighbours_file, la_code, all_las, stored, stored_neighbours)
        st.session_state[READ_KEY] = cached = (marker, read)
    read = cached[1]
    if isinstance(read, ImportFailed):
        st.error(
            f"**{plural(len(read.problems), 'problem')}. Nothing was stored.** Fix each one and "
            "upload the files again.",
            icon=":material/error:",
        )
        show_table(problems_rows(read), PROBLEM_COLUMNS, key="kpi_problems")
        return
    load, council, chosen = read
    preview = store.preview_kpis(load.values)
    extras = load.extras()
    st.markdown(
        f"**{md(council.name or la_code)} ({md(la_code)})**: {md(preview.summary())} {md(extras)}"
    )
    # Which indicators the files fill, and which they cannot and where those are published.
    filled, *not_filled = load.coverage(la_code)
    st.caption(md(filled))
    for line in not_filled:
        st.warning(md(line), icon=":material/playlist_remove:")
    if change := council_change(stored, council):
        st.warning(change, icon=":material/swap_horiz:")
    if load.warnings:
        with st.expander(
            f"{plural(len(load.warnings), 'thing')} to check (the figures can still be stored)"
        ):
            for warning in load.warnings:
                st.text(f"• {warning}")
    if chosen is None and load.dfe:
        st.info(
            "No statistical neighbours are known for this council, so no neighbour figures were "
            "read. Add DfE's list (sn_model_2025_wide.csv) above.",
            icon=":material/info:",
        )
    if st.button("Store these figures", type="primary", key="kpi_store"):
        try:
            store.store_kpis(
                load.values,
                council,
                chosen,
                today,
                targets=load.targets,
                local=load.local,
                by=acting_person(),
            )
        except SQLAlchemyError as error:
            show_refused("The figures were not stored", error)
            return
        data.refresh_kpis()
        st.session_state.pop(READ_KEY, None)
        st.success(f"Stored. {md(preview.summary())}", icon=":material/task_alt:")


def targets_form(today: date) -> None:
    """Each coloured indicator's target and Amber tolerance, in one form."""
    store = data.store()
    current = store.kpi_targets()
    local = store.local_indicators()
    coloured = [i for i in (*INDICATORS, *local) if i.polarity != "context"]
    with st.form("kpi_targets"):
        chosen = {}
        for indicator in coloured:
            target, tolerance = current.get(indicator.id, (None, None))
            name, goal, band = st.columns([3, 1, 1], vertical_alignment="bottom")
            name.markdown(f"{md(indicator.name)} ({md(indicator.unit_label)})")
            chosen[indicator.id] = (
                goal.number_input("Target", value=target, key=f"kpi_target_{indicator.id}"),
                band.number_input(
                    "Amber within", value=tolerance, min_value=0.0, key=f"kpi_band_{indicator.id}"
                ),
            )
        saved = st.form_submit_button("Save targets", type="primary")
    if not saved:
        return
    try:
        store.save_targets(chosen, today, by=acting_person())
    except SQLAlchemyError as error:
        show_refused("The targets were not saved", error)
        return
    data.refresh_kpis()
    count = sum(1 for target, _ in chosen.values() if target is not None)
    st.success(f"Saved {plural(count, 'target')}.", icon=":material/task_alt:")
