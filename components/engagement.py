"""The annual engagement meeting with Ofsted, on the Self-evaluation page: the last meeting held by
the as-at date, when the next is expected, and the feedback points from Ofsted's letter, each
with its colour and why (a tracked point by the plan's own action rule,
readiness.self_evaluation.engagement.follow_up). An editor records a meeting and follows its
points up in a grid; anyone else reads them."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from components import data
from components.errors import refused, show_refused
from components.layout import when_opened
from components.remove_form import remove_form
from components.safe_text import md
from components.signin import acting_person
from components.tables import Col, show_table
from readiness.access.roles import Change, Person, Refused
from readiness.self_evaluation.engagement import (
    MeetingRecord,
    NextMeeting,
    Point,
    as_meeting,
    engagement_summary,
    latest_held,
    points_from_lines,
)
from readiness.text import NAME_MAX, format_date
from readiness.vocabulary import ACTION_STATUS_LABELS, NOT_STARTED

KEY = "engagement"
POINT_COLUMNS = (
    Col("rag", "Status", "rag"),
    Col("text", "Feedback point", "long"),
    Col("lead", "Lead"),
    Col("due", "Due", "date"),
    Col("status", "Progress"),
    Col("why", "Why", "long"),
)
_BY_LABEL = {label: code for code, label in ACTION_STATUS_LABELS.items()}
# The record form's fields, emptied once a meeting is recorded.
_FIELDS = ("held", "next", "attendees", "points", "notes")


def show_engagement(as_at: date, today: date, person: Person) -> None:
    """The last meeting by `as_at` and its feedback; for an editor, the forms to change them."""
    store = data.store()
    meetings = store.meetings(as_at)
    summary = engagement_summary(meetings, store.last_submitted(as_at), as_at)
    for warning in summary.warnings:
        st.warning(f"{warning}.", icon=":material/warning:")
    last = latest_held(meetings, as_at)
    if last is None:
        st.info(
            f"No engagement meeting with Ofsted is recorded by {format_date(as_at)}.",
            icon=":material/info:",
        )
    else:
        _show_meeting(last, summary.next, as_at)
    if not person.may(Change.ENGAGEMENT):
        st.caption(
            f"Recording a meeting and following up its feedback needs the Editor role; as "
            f"{person.role.label.lower()} you see them here."
        )
        return
    if not_done := st.session_state.pop(f"{KEY}_refused", None):
        st.error(not_done, icon=":material/error:")
    when_opened(
        "Record a meeting", f"{KEY}_recording", lambda: _record_form(today), expanded=not meetings
    )
    if meetings:
        when_opened(
            "Follow up the feedback points",
            f"{KEY}_following",
            lambda: _points_editor(meetings, today),
        )
        when_opened(
            "Remove a meeting recorded in error",
            f"{KEY}_removing",
            lambda: _remove_form(meetings),
        )


def _show_meeting(last: MeetingRecord, upcoming: NextMeeting, as_at: date) -> None:
    st.markdown(
        f"**Last meeting:** {format_date(last.held_on)}, attended by {md(last.attendees)}. "
        f"**Next meeting:** {upcoming.words}."
    )
    if last.notes:
        with st.expander("Notes of the meeting"):
            st.text(last.notes)
    points = as_meeting(last, as_at, data.get_settings().rag).points
    if not points:
        st.caption("No feedback points are recorded for this meeting.")
        return
    rows = [
        {
            # The point carries its colour's word; the table's badge takes the colour's code.
            "rag": point.rag.lower() if point.rag else None,
            "text": point.text,
            "lead": point.lead,
            "due": point.due,
            "status": point.status[:1].upper() + point.status[1:],
            "why": point.why or "Not followed up as an action",
        }
        for point in points
    ]
    show_table(rows, POINT_COLUMNS, key=f"{KEY}_points_table")


def _not_done(what: str, error: Exception) -> str:
    """`what`, then each problem the store named (one a line), as Markdown."""
    return f"{what}:\n\n" + "\n".join(f"- {md(line)}" for line in str(error).splitlines())


def _record_form(today: date) -> None:
    with st.form(f"{KEY}_record"):
        held, upcoming = st.columns(2)
        # Empty until chosen: a date filled in for the user would be saved unnoticed.
        held.date_input(
            "Held on", value=None, max_value=today, format="DD/MM/YYYY", key=f"{KEY}_held"
        )
        upcoming.date_input(
            "Next meeting (once Ofsted has set it)",
            value=None,
            format="DD/MM/YYYY",
            key=f"{KEY}_next",
        )
        st.text_input(
            "Who attended",
            key=f"{KEY}_attendees",
            placeholder="Director of children's services; Ofsted senior HMI; ...",
        )
        st.text_area(
            "Feedback points from Ofsted's letter, one a line",
            key=f"{KEY}_points",
            help="Paste the list as it is: bullets at the start of a line are left out.",
        )
        st.text_area("Notes (optional)", key=f"{KEY}_notes")
        st.form_submit_button("Record the meeting", type="primary", on_click=_record, args=(today,))


def _record(today: date) -> None:
    state = st.session_state
    held = state[f"{KEY}_held"]
    if held is None:
        state[f"{KEY}_refused"] = "Nothing was recorded: give the day the meeting was held."
        return
    try:
        data.store().record_meeting(
            held,
            state[f"{KEY}_attendees"],
            state[f"{KEY}_notes"],
            state[f"{KEY}_next"],
            points_from_lines(state[f"{KEY}_points"]),
            today,
            by=acting_person(),
        )
    except ValueError as error:
        state[f"{KEY}_refused"] = _not_done("Nothing was recorded", error)
        return
    except Refused as error:  # a replayed press from someone whose role does not allow it
        state[f"{KEY}_refused"] = str(error)
        return
    except SQLAlchemyError as error:
        state[f"{KEY}_refused"] = refused("Nothing was recorded", error)
        return
    # A recorded meeting empties the form; a refused one stays to be put right.
    for name in _FIELDS:
        del state[f"{KEY}_{name}"]
    data.refresh_engagement()
    st.toast(f"Recorded: the meeting on {format_date(held)}.", icon=":material/task_alt:")


def _points_editor(meetings: list[MeetingRecord], today: date) -> None:
    by_id = {m.id: m for m in meetings}
    chosen = st.selectbox(
        "Meeting", list(by_id), format_func=lambda i: by_id[i].label, key=f"{KEY}_meeting"
    )
    meeting = by_id[chosen]
    st.caption(
        "Tick *Tracked* to follow a point up as an action: with a lead, a due date, its progress "
        "and a note, it takes its colour by the improvement plan's rules (overdue, due soon, "
        "stale, complete). Add a row for a point left out; delete a row to remove a point."
    )
    points = meeting.points
    frame = pd.DataFrame(
        {
            "id": [p.id for p in points],
            "Feedback point": [p.text for p in points],
            "Tracked": [p.tracked for p in points],
            "Lead": [p.lead or "" for p in points],
            "Due": [p.due for p in points],
            "Progress": [ACTION_STATUS_LABELS[p.status] for p in points],
            "Progress note": [p.progress or "" for p in points],
        }
    )
    with st.form(f"{KEY}_points_form_{meeting.id}"):
        edited = st.data_editor(
            frame,
            key=f"{KEY}_points_{meeting.id}",
            num_rows="dynamic",
            hide_index=True,
            width="stretch",
            column_config={
                "id": None,
                "Feedback point": st.column_config.TextColumn(required=True, width="medium"),
                "Tracked": st.column_config.CheckboxColumn(default=False),
                "Lead": st.column_config.TextColumn(max_chars=NAME_MAX),
                "Due": st.column_config.DateColumn(format="D MMM YYYY"),
                "Progress": st.column_config.SelectboxColumn(
                    options=list(ACTION_STATUS_LABELS.values()),
                    default=ACTION_STATUS_LABELS[NOT_STARTED],
                    required=True,
                ),
                "Progress note": st.column_config.TextColumn(width="medium"),
            },
        )
        saved = st.form_submit_button("Save the feedback points")
    if saved:
        _save_points(meeting, edited, today)


def _save_points(meeting: MeetingRecord, edited: pd.DataFrame, today: date) -> None:
    chosen = [
        Point(
            id=None if pd.isna(row["id"]) else int(row["id"]),
            text=str(row["Feedback point"] or ""),
            tracked=bool(row["Tracked"]),
            lead=str(row["Lead"] or "") or None,
            due=None if pd.isna(row["Due"]) else pd.Timestamp(row["Due"]).date(),
            status=_BY_LABEL.get(row["Progress"], NOT_STARTED),
            progress=str(row["Progress note"] or "") or None,
        )
        for row in edited.to_dict("records")
    ]
    try:
        data.store().save_points(meeting.id, chosen, today, by=acting_person())
    except ValueError as error:
        st.error(_not_done("The feedback points were not saved", error), icon=":material/error:")
        return
    except Refused as error:
        st.error(str(error), icon=":material/lock:")
        return
    except SQLAlchemyError as error:
        show_refused("The feedback points were not saved", error)
        return
    data.refresh_engagement()
    st.rerun()  # the table above shows the saved points and their colours


def _remove_form(meetings: list[MeetingRecord]) -> None:
    remove_form(
        "Meeting",
        {meeting.id: meeting.label for meeting in meetings},
        KEY,
        "Remove the meeting and its feedback points",
        lambda meeting_id: data.store().remove_meeting(meeting_id, by=acting_person()),
        data.refresh_engagement,
    )
