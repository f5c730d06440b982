"""One action in full: its colour and why, its history newest first, and the form a lead officer
uses to record progress."""

from __future__ import annotations

import html

import streamlit as st

from components import data
from components.filters import Filters
from components.labels import badge_line, status_label
from readiness.models import ACTION_STATUS_LABELS, ACTION_STATUSES
from readiness.progress import ConcurrentEditError, ProgressEntry, check_entry, record_update
from readiness.rag import format_date
from readiness.records import PlanData


def show_action_detail(plan: PlanData, row: dict, filters: Filters, key_prefix: str) -> None:
    """The chosen action with its history and an update form."""
    action = next(a for a in plan.actions if a.id == row["action_id"])
    with st.container(border=True):
        st.text(f"{row['ref']} · {row['theme']}")
        st.subheader(action.text, anchor=False)
        st.html(badge_line(row["rag"], row["reason"]))
        st.caption(
            f"Service lead: {row['service_leads'] or '—'} · "
            f"Other leads: {row['other_leads'] or '—'} · "
            f"Start {format_date(action.start) or '—'} · Due {format_date(action.due) or '—'}"
        )
        st.markdown("**Progress history, newest first**")
        if not action.updates:
            st.caption("No progress recorded yet.")
        items = "".join(
            f"<li><b>{format_date(u.recorded_on)}</b> · {html.escape(u.author or 'unknown')} · "
            f"<i>{html.escape(status_label(u.status))}</i><br>{html.escape(u.text)}</li>"
            for u in reversed(action.updates)
        )
        if items:
            st.html(f"<ul>{items}</ul>")
        _update_form(row, filters, key_prefix)


def _update_form(row: dict, filters: Filters, key_prefix: str) -> None:
    # The version this editor saw when they opened the action, not the one on disk when they
    # press Save: another person's save in between must make this one fail, not overwrite.
    seen_key = f"{key_prefix}_seen_version_{row['action_id']}"
    seen_version = st.session_state.setdefault(seen_key, int(row["version"]))
    with st.form(f"{key_prefix}_update_{row['action_id']}", clear_on_submit=True):
        st.markdown("**Record progress**")
        text = st.text_area("What has happened since the last update?", key=f"{key_prefix}_text")
        left, middle, right = st.columns(3)
        status = left.selectbox(
            "Status",
            ACTION_STATUSES,
            index=ACTION_STATUSES.index(row["status"] or "in_progress"),
            format_func=ACTION_STATUS_LABELS.get,
            key=f"{key_prefix}_status",
        )
        recorded_on = middle.date_input(
            "Date",
            value=min(filters.as_at, filters.today),
            format="DD/MM/YYYY",
            key=f"{key_prefix}_date",
        )
        author = right.text_input("Your name", value=filters.lead or "", key=f"{key_prefix}_author")
        if not st.form_submit_button("Save update", type="primary"):
            return
    entry = ProgressEntry(
        action_id=int(row["action_id"]),
        version=seen_version,
        text=text,
        status=status,
        recorded_on=recorded_on,
        author=author,
    )
    problems = check_entry(entry, filters.today)
    if problems:
        st.error("The update was not saved:\n\n" + "\n".join(f"- {p}" for p in problems))
        return
    try:
        st.session_state[seen_key] = record_update(data.current_engine(filters.today), entry)
    except ConcurrentEditError as error:
        st.error(str(error), icon=":material/sync_problem:")
        # They have now been shown the newer history; a save after this is an informed one.
        del st.session_state[seen_key]
        data.refresh_plan()
        return
    data.refresh_plan()
    st.toast("Update saved.", icon=":material/task_alt:")
    st.rerun()
