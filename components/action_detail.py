"""One action in full: its colour and why, its history newest first, and the form a lead officer
uses to record progress."""

from __future__ import annotations

import html
from functools import partial

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from components import data
from components.errors import refused
from components.filters import Filters
from components.impact import linked_line, links_form
from components.labels import badge_line, status_label
from components.permissions import proposes_only, read_only_words
from components.safe_text import LABEL_LIMIT, cut, md
from components.signin import acting_person
from readiness.access.roles import LOCAL_USER, Person, Refused
from readiness.plan.lead_actions import leads_of
from readiness.plan.progress import (
    ConcurrentEditError,
    ProgressEntry,
    check_entry,
    revision_words,
)
from readiness.plan.proposals import SIGN_OFF_WORDS
from readiness.plan.rag import due_in_force
from readiness.plan.records import PlanData
from readiness.text import NAME_MAX, format_date
from readiness.vocabulary import ACTION_STATUS_LABELS, ACTION_STATUSES, COMPLETE, IN_PROGRESS


def show_action_detail(plan: PlanData, row: dict, filters: Filters, key_prefix: str) -> None:
    """The chosen action with its history and an update form."""
    action = next(a for a in plan.actions if a.id == row["action_id"])
    with st.container(border=True):
        st.text(f"{row['ref']} · {cut(row['theme'])}")
        st.subheader(md(action.text, LABEL_LIMIT), anchor=False)
        if len(action.text) > LABEL_LIMIT:  # the heading is cut short: the whole text follows
            st.html(f'<p class="user-text">{html.escape(action.text)}</p>')
        st.html(badge_line(row["rag"], row["reason"]))
        due = due_in_force(action, filters.as_at)
        st.caption(
            f"Service lead: {md(row['service_leads'] or '—')} · "
            f"Other leads: {md(row['other_leads'] or '—')} · "
            f"Start {format_date(action.start) or '—'} · Due {format_date(due.day) or '—'}"
            + (f" ({due.how})" if due.revised else "")
        )
        kpis = data.current_kpis(filters.as_at)
        links = action.indicators
        line = linked_line(kpis, links)
        if line:
            st.html(line)
        st.markdown("**Progress history, newest first**")
        if not action.updates:
            st.caption("No progress recorded yet.")
        items = "".join(
            f"<li><b>{format_date(u.recorded_on)}</b> · {html.escape(u.author or 'unknown')} · "
            f"<i>{html.escape(status_label(u.status))}</i>"
            + (f" · <b>{SIGN_OFF_WORDS[u.completion]}</b>" if u.completion else "")
            + "<br>"
            + (f"<b>{html.escape(revised)}.</b> " if revised else "")
            + f"{html.escape(u.text)}</li>"
            for u, revised in zip(
                reversed(action.updates), reversed(revision_words(action)), strict=True
            )
        )
        if items:
            st.html(f'<ul class="user-text">{items}</ul>')
        person = acting_person()
        theme_leads = next(t.service_leads for t in plan.themes if t.id == action.theme_id)
        if person.answers_for(leads_of(action, theme_leads)):
            _update_form(row, filters, key_prefix, person)
            links_form(kpis, action.id, links, key_prefix)
        else:
            st.caption(read_only_words(person, "record progress on this action"))
            # A save replayed from an earlier form (their role changed, or a copied request):
            # the store refused it, and they are told so here, where the form would be.
            refused_save = st.session_state.pop(form_key(key_prefix, "refused", action.id), None)
            if refused_save:
                st.error(refused_save, icon=":material/lock:")


def form_key(key_prefix: str, field: str, action_id: int) -> str:
    """The session key of one field of one action's progress form.

    Keyed by the action's id, so a value typed or chosen for one action can never be saved
    against another; and by how many updates this session has saved on it, so after a save the
    form is drawn afresh (empty note, the status just saved), and a second Save cannot repeat
    the first's choices unseen.
    """
    saves = st.session_state.get(f"{key_prefix}_saves_{action_id}", 0)
    return f"{key_prefix}_{field}_{action_id}_{saves}"


def _update_form(row: dict, filters: Filters, key_prefix: str, person: Person) -> None:
    action_id = int(row["action_id"])
    # The version this editor saw when they opened the action, not the one on disk when they
    # press Save: another person's save in between must make this one fail, not overwrite.
    seen_key = f"{key_prefix}_seen_version_{action_id}"
    st.session_state.setdefault(seen_key, int(row["version"]))
    key = partial(form_key, key_prefix, action_id=action_id)
    saved = st.session_state.pop(key("saved"), None)
    if saved:
        st.success(saved, icon=":material/task_alt:")
    with st.form(f"{key_prefix}_update_{action_id}"):
        st.markdown(f"**Record progress on {md(row['ref'])}**")
        st.text_area("What has happened since the last update?", key=key("text"))
        left, middle, right = st.columns(3)
        left.selectbox(
            "Status",
            ACTION_STATUSES,
            index=ACTION_STATUSES.index(row["status"] or IN_PROGRESS),
            format_func=ACTION_STATUS_LABELS.get,
            key=key("status"),
        )
        middle.date_input(
            "Date",
            value=min(filters.as_at, filters.today),
            format="DD/MM/YYYY",
            key=key("date"),
        )
        if person == LOCAL_USER:  # signed in, the update is theirs: no name to type
            right.text_input(
                "Your name", value=filters.lead or "", max_chars=NAME_MAX, key=key("author")
            )
        st.columns(3)[0].date_input(
            "Revised due date (optional)",
            value=None,
            format="DD/MM/YYYY",
            key=key("revised_due"),
            help="Only for an action off track: the date it will now be done by. The note above "
            "is then its recovery note, saying how. The plan's due date is kept and shown.",
        )
        # Saved in a callback, before the page is drawn again: the page then shows the new
        # colour at once, and a refused save leaves the typed text in the box to try again.
        st.form_submit_button(
            "Save update",
            type="primary",
            on_click=_save,
            args=(row, seen_key, key_prefix, filters.today),
        )
        if proposes_only(person):
            st.caption(
                "Complete is recorded as proposed: the action stays open until an editor "
                "confirms it."
            )
    not_saved = st.session_state.pop(key("refused"), None)
    if not_saved:
        st.error(not_saved, icon=":material/sync_problem:")


def _save(row: dict, seen_key: str, key_prefix: str, today) -> None:
    state = st.session_state
    person = acting_person()
    action_id = int(row["action_id"])
    key = partial(form_key, key_prefix, action_id=action_id)
    entry = ProgressEntry(
        action_id=action_id,
        version=state[seen_key],
        text=state[key("text")],
        status=state[key("status")],
        recorded_on=state[key("date")],
        author=state.get(key("author"), person.name),
        revised_due=state[key("revised_due")],
    )
    problems = check_entry(entry, today)
    if problems:
        state[key("refused")] = "The update was not saved:\n\n" + "\n".join(
            f"- {p}" for p in problems
        )
        return
    try:
        state[seen_key] = data.store().record_progress(entry, by=person)
    except Refused as error:  # a replayed save from someone whose role does not allow it
        state[key("refused")] = str(error)
        return
    except ConcurrentEditError as error:
        state[key("refused")] = str(error)
        # They have now been shown the newer history; a save after this is an informed one.
        del state[seen_key]
        data.refresh_plan()
        return
    except SQLAlchemyError as error:
        state[key("refused")] = refused("The update was not saved", error)
        return
    # A fresh form for the next update (form_key): the old one's values are dropped.
    for field in ("text", "status", "date", "author", "revised_due"):
        state.pop(key(field), None)
    state[f"{key_prefix}_saves_{action_id}"] = state.get(f"{key_prefix}_saves_{action_id}", 0) + 1
    data.refresh_plan()
    status = ACTION_STATUS_LABELS.get(entry.status, entry.status)
    if entry.status == COMPLETE and proposes_only(person):
        status = "Complete proposed, awaiting an editor's sign-off"
    revised = f"; due date revised to {format_date(entry.revised_due)}" if entry.revised_due else ""
    state[key("saved")] = (
        f"Update saved on **{md(row['ref'])}** · {md(cut(row['action']))}: {status}, "
        f"{format_date(entry.recorded_on)}{revised}."
    )
