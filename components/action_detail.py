"""One action in full: its colour and why, its history newest first, and the form a lead officer
uses to record progress."""

from __future__ import annotations

import html
import logging

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from components import data
from components.errors import database_refused
from components.filters import Filters
from components.impact import linked_line, links_form
from components.labels import badge_line, status_label
from components.safe_text import LABEL_LIMIT, cut, md
from readiness.lengths import NAME_MAX
from readiness.progress import ConcurrentEditError, ProgressEntry, check_entry, record_update
from readiness.rag import format_date
from readiness.records import PlanData
from readiness.vocabulary import ACTION_STATUS_LABELS, ACTION_STATUSES

logger = logging.getLogger(__name__)


def show_action_detail(plan: PlanData, row: dict, filters: Filters, key_prefix: str) -> None:
    """The chosen action with its history and an update form."""
    action = next(a for a in plan.actions if a.id == row["action_id"])
    with st.container(border=True):
        st.text(f"{row['ref']} · {cut(row['theme'])}")
        st.subheader(md(action.text, LABEL_LIMIT), anchor=False)
        if len(action.text) > LABEL_LIMIT:  # the heading is cut short: the whole text follows
            st.html(f'<p class="user-text">{html.escape(action.text)}</p>')
        st.html(badge_line(row["rag"], row["reason"]))
        st.caption(
            f"Service lead: {md(row['service_leads'] or '—')} · "
            f"Other leads: {md(row['other_leads'] or '—')} · "
            f"Start {format_date(action.start) or '—'} · Due {format_date(action.due) or '—'}"
        )
        kpis = data.current_kpis(filters.today, filters.as_at)
        links = action.indicators
        line = linked_line(kpis, links)
        if line:
            st.html(line)
        st.markdown("**Progress history, newest first**")
        if not action.updates:
            st.caption("No progress recorded yet.")
        items = "".join(
            f"<li><b>{format_date(u.recorded_on)}</b> · {html.escape(u.author or 'unknown')} · "
            f"<i>{html.escape(status_label(u.status))}</i><br>{html.escape(u.text)}</li>"
            for u in reversed(action.updates)
        )
        if items:
            st.html(f'<ul class="user-text">{items}</ul>')
        _update_form(row, filters, key_prefix)
        links_form(kpis, action.id, links, key_prefix, filters.today)


def _update_form(row: dict, filters: Filters, key_prefix: str) -> None:
    action_id = int(row["action_id"])
    # The version this editor saw when they opened the action, not the one on disk when they
    # press Save: another person's save in between must make this one fail, not overwrite.
    seen_key = f"{key_prefix}_seen_version_{action_id}"
    st.session_state.setdefault(seen_key, int(row["version"]))
    with st.form(f"{key_prefix}_update_{action_id}"):
        st.markdown("**Record progress**")
        st.text_area("What has happened since the last update?", key=f"{key_prefix}_text")
        left, middle, right = st.columns(3)
        left.selectbox(
            "Status",
            ACTION_STATUSES,
            index=ACTION_STATUSES.index(row["status"] or "in_progress"),
            format_func=ACTION_STATUS_LABELS.get,
            key=f"{key_prefix}_status",
        )
        middle.date_input(
            "Date",
            value=min(filters.as_at, filters.today),
            format="DD/MM/YYYY",
            key=f"{key_prefix}_date",
        )
        right.text_input(
            "Your name", value=filters.lead or "", max_chars=NAME_MAX, key=f"{key_prefix}_author"
        )
        # Saved in a callback, before the page is drawn again: the page then shows the new
        # colour at once, and a refused save leaves the typed text in the box to try again.
        st.form_submit_button(
            "Save update",
            type="primary",
            on_click=_save,
            args=(action_id, seen_key, key_prefix, filters.today),
        )
    refused = st.session_state.pop(f"{key_prefix}_refused", None)
    if refused:
        st.error(refused, icon=":material/sync_problem:")


def _save(action_id: int, seen_key: str, key_prefix: str, today) -> None:
    state = st.session_state
    entry = ProgressEntry(
        action_id=action_id,
        version=state[seen_key],
        text=state[f"{key_prefix}_text"],
        status=state[f"{key_prefix}_status"],
        recorded_on=state[f"{key_prefix}_date"],
        author=state[f"{key_prefix}_author"],
    )
    refused_key = f"{key_prefix}_refused"
    problems = check_entry(entry, today)
    if problems:
        state[refused_key] = "The update was not saved:\n\n" + "\n".join(f"- {p}" for p in problems)
        return
    try:
        state[seen_key] = record_update(data.current_engine(today), entry)
    except ConcurrentEditError as error:
        state[refused_key] = str(error)
        # They have now been shown the newer history; a save after this is an informed one.
        del state[seen_key]
        data.refresh_plan()
        return
    except SQLAlchemyError as error:
        logger.exception("Saving progress on action %s failed", action_id)
        state[refused_key] = database_refused("The update was not saved", error)
        return
    state[f"{key_prefix}_text"] = ""
    data.refresh_plan()
    st.toast("Update saved.", icon=":material/task_alt:")
