"""The readiness checklist on the Inspection page: each task's colour (the rule in
readiness.inspection.checklist), then a grid to edit, add and remove tasks."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from components import data
from components.errors import show_refused
from components.layout import when_opened
from components.signin import acting_person
from components.tables import Col, show_table
from readiness.access.roles import Change
from readiness.inspection.checklist import TICKED_BY, Task, task_rag
from readiness.vocabulary import ACTION_STATUS_LABELS

COLUMNS = (
    Col("rag", "Status", "rag"),
    Col("text", "Task", "long"),
    Col("owner", "Owner"),
    Col("due", "Due", "date"),
    Col("status", "Progress", "status"),
    Col("why", "Why", "long"),
)
EDIT_KEY = "checklist_edit"  # the expander holding the grid; True in session state when open
_BY_LABEL = {label: code for code, label in ACTION_STATUS_LABELS.items()}


def show_checklist(today: date, as_at: date) -> None:
    checklist = data.current_checklist(as_at)
    due_soon = data.get_settings().rag.due_soon_days
    st.markdown(f"**{checklist.summary.words[0].upper()}{checklist.summary.words[1:]}.**")
    if all(task.id is None for task in checklist.tasks):
        st.caption(
            "The suggested list: each owner is a role, and each due date is some weeks before "
            "the predicted earliest likely start. Save the checklist below to keep it, with your "
            "own names and dates."
        )
    rows = []
    for task in checklist.tasks:
        colour = task_rag(task, as_at, checklist.published_opens, due_soon)
        rows.append(
            {
                "rag": colour.rag.value,
                "text": task.text,
                "owner": task.owner,
                "due": task.due,
                "status": task.status,
                "why": colour.why,
            }
        )
    show_table(rows, COLUMNS, key="checklist")
    if not acting_person().may(Change.CHECKLIST):
        return
    when_opened(
        "Edit the checklist: owners, due dates, progress; add or remove tasks",
        EDIT_KEY,
        lambda: _editor(list(checklist.tasks), today),
    )


def _editor(current: list[Task], today: date) -> None:
    if any(t.ticked_by for t in current):
        st.caption(
            "A task with *Ticked from* filled in is ticked from the records on the "
            "Self-evaluation page, never by hand: it is complete while the self-evaluation "
            "submitted to Ofsted, or the engagement meeting held, is at most 12 months old. "
            "Until then set it Not started or In progress here; a Complete set here is not kept."
        )
    frame = pd.DataFrame(
        {
            "id": [t.id for t in current],
            "ticked_by": [t.ticked_by for t in current],
            "Task": [t.text for t in current],
            "Owner": [t.owner or "" for t in current],
            "Due": [t.due for t in current],
            "Progress": [ACTION_STATUS_LABELS[t.status] for t in current],
            "Ticked from": [TICKED_BY.get(t.ticked_by, "") for t in current],
            "Notes": [t.notes or "" for t in current],
        }
    )
    with st.form("checklist_form"):
        edited = st.data_editor(
            frame,
            key="checklist_editor",
            num_rows="dynamic",
            hide_index=True,
            width="stretch",
            column_config={
                "id": None,
                "ticked_by": None,
                "Ticked from": st.column_config.TextColumn(disabled=True, width="medium"),
                "Task": st.column_config.TextColumn(required=True, width="large"),
                "Due": st.column_config.DateColumn(format="D MMM YYYY"),
                "Progress": st.column_config.SelectboxColumn(
                    options=list(ACTION_STATUS_LABELS.values()), required=True
                ),
            },
        )
        saved = st.form_submit_button("Save the checklist")
    if not saved:
        return
    done = {t.id: t.completed for t in current}
    chosen = [
        Task(
            None if pd.isna(row["id"]) else int(row["id"]),
            str(row["Task"] or ""),
            str(row["Owner"] or "") or None,
            None if pd.isna(row["Due"]) else pd.Timestamp(row["Due"]).date(),
            _BY_LABEL.get(row["Progress"], "not_started"),
            None if pd.isna(row["id"]) else done.get(int(row["id"])),
            str(row["Notes"] or "") or None,
            # A row added in the grid has none; the store keeps a stored task's own.
            row["ticked_by"] if isinstance(row["ticked_by"], str) else None,
        )
        for row in edited.to_dict("records")
        if str(row["Task"] or "").strip()
    ]
    try:
        data.store().save_checklist(chosen, today, by=acting_person())
    except ValueError as error:
        st.error(f"The checklist was not saved: {error}.", icon=":material/error:")
        return
    except SQLAlchemyError as error:
        show_refused("The checklist was not saved", error)
        return
    data.refresh_inspection()
    st.rerun()  # the table above shows the saved tasks and their colours
