"""The import journey on the Data page: upload, read with a progress bar, show every problem or a
preview of what changes, and store only when the user confirms."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from components import data
from readiness.importing import ImportFailed, ImportResult, read_plan
from readiness.plan_sync import PlanChangedError, apply_import, preview_import

RESULT_KEY = "_import_result"


def _read(upload, sheet: str | None, as_at: date, max_mb: int) -> ImportResult | ImportFailed:
    """Read the uploaded file under its own name (so messages name it), with a progress bar."""
    bar = st.progress(0.0, text="Reading the file…")

    def progress(done: int, total: int, stage: str) -> None:
        bar.progress(min(done / total, 1.0) if total else 0.0, text=f"{stage.capitalize()}…")

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(upload.name).name
        path.write_bytes(upload.getvalue())
        try:
            result = read_plan(
                path, sheet=sheet or None, as_at=as_at, max_bytes=max_mb * 1024 * 1024,
                progress=progress,
            )  # fmt: skip
        except ImportFailed as failed:
            result = failed
    bar.empty()
    return result


def problems_table(failed: ImportFailed) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Sheet": p.sheet,
                "Row": p.row,
                "Column": p.column,
                "Value found": p.value,
                "Problem": p.message,
                "What to do": p.fix,
            }
            for p in failed.problems
        ]
    )


def import_journey(today: date) -> None:
    """Upload → check → preview → confirm → store."""
    upload = st.file_uploader(
        "Improvement plan (.xlsx or .csv)", type=["xlsx", "csv"], key="data_upload"
    )
    left, right = st.columns(2)
    sheet = left.text_input("Sheet name (if not the first)", key="data_sheet")
    as_new = right.checkbox(
        "Store as a new plan, not an update of the stored one", key="data_as_new"
    )
    if upload is None:
        st.session_state.pop(RESULT_KEY, None)
        return
    settings = data.get_settings()
    marker = (upload.file_id, sheet)
    cached = st.session_state.get(RESULT_KEY)
    if not cached or cached[0] != marker:
        result = _read(upload, sheet, today, settings.imports.max_file_mb)
        st.session_state[RESULT_KEY] = cached = (marker, result)
    result = cached[1]
    if isinstance(result, ImportFailed):
        st.error(
            f"**{len(result.problems)} problem(s) in {upload.name}. Nothing was stored.** "
            "Fix each one in the file and upload it again.",
            icon=":material/error:",
        )
        st.dataframe(problems_table(result), hide_index=True, width="stretch", key="data_problems")
        return
    st.success(result.summary(), icon=":material/task_alt:")
    if result.warnings:
        with st.expander(
            f"{len(result.warnings)} thing(s) to check (the file can still be stored)"
        ):
            for warning in result.warnings:
                st.markdown(f"- {warning}")
    engine = data.current_engine(today)
    preview = preview_import(engine, result.plan, as_new_plan=as_new)
    st.markdown(f"**{preview.summary()}**")
    changes = preview.table()
    if not changes.empty:
        st.dataframe(changes, hide_index=True, width="stretch", key="data_preview")
    if st.button("Store this plan", type="primary", key="data_store"):
        try:
            apply_import(engine, result.plan, today, as_new_plan=as_new, expected=preview)
        except PlanChangedError as error:
            st.error(str(error), icon=":material/sync_problem:")
            return
        data.refresh_plan()
        st.session_state.pop(RESULT_KEY, None)
        st.success(f"Stored. {preview.summary()}", icon=":material/task_alt:")
