"""My actions: one lead officer's actions, most urgent first; pick one to record progress."""

import numpy as np
import streamlit as st

from components import data
from components.action_detail import show_action_detail
from components.action_table import Pickable, pickable, show_pickable_actions
from components.kept import kept_for_read
from components.labels import count_tiles, state_tiles
from components.layout import page_start
from components.safe_text import md
from components.sign_off import sign_off_list
from components.signin import acting_person
from components.tables import LEAD_COLUMNS, show_table
from readiness.access.roles import Change
from readiness.inspection.plan_flags import after_window_caption, flag_after_window
from readiness.plan.lead_actions import RULE_WORDS, pairs_note
from readiness.plan.rag import URGENCY, State
from readiness.plan.status import urgent_first

filters, plan, status, loaded = page_start("My actions")

if status.lead is None and acting_person().may(Change.CONFIRM_COMPLETION):
    # An editor's first job here: the completions waiting for them, above the workload.
    sign_off_list(plan, status.actions, filters, loaded.load)

if status.lead is None:
    st.info(
        "Choose your name under **Lead officer** in the sidebar to see your actions, most "
        "urgent first. Below: every lead officer's actions by state, most overdue first.",
        icon=":material/person:",
    )
    st.subheader("Lead officers, most overdue first")
    leads = data.lead_workload(loaded, filters.as_at)
    pairs = pairs_note(len(status.overdue), int(leads["overdue"].sum()))
    st.caption(f"{RULE_WORDS}. {pairs[0].upper()}{pairs[1:]}.")
    show_table(leads, LEAD_COLUMNS, key="my_leads")
    st.stop()

role = plan.lead_roles.get(status.lead)
st.subheader(md(status.lead + (f" · {role}" if role else "")), anchor=False)

st.html(count_tiles(state_tiles(status.overall.counts, URGENCY, data.get_settings().rag)))

OPEN_KEY = "my_open_action"
opened = st.session_state.get(OPEN_KEY)
show_completed = st.toggle("Show completed actions", key="my_show_completed")
prediction = data.current_prediction(filters.as_at)


def _ready() -> tuple[Pickable, str]:
    """The lead's actions, most urgent first, ready to draw; the caption on those due after the
    window opens (open actions only, so the same whichever rows are shown)."""
    actions = urgent_first(flag_after_window(status.actions, prediction.opens))
    return pickable(actions), after_window_caption(actions, prediction)


mine, late = kept_for_read(
    loaded.load, ("my actions", filters.as_at, status.lead, prediction.opens), _ready
)
rows = np.arange(len(mine.actions))
if not show_completed:
    # The action just opened stays in the list when it is completed, so its new colour shows.
    keep = (mine.actions["state"] != State.COMPLETE.value) | (mine.actions["action_id"] == opened)
    rows = rows[keep.to_numpy()]
if not len(rows):
    st.success("Nothing open: every action you lead is complete.", icon=":material/task_alt:")
    st.stop()

if late:
    st.caption(late)
st.caption("Tick the box at the start of a row to see its history and record progress.")
chosen = show_pickable_actions(mine, rows, OPEN_KEY, key="my_actions_table")
if chosen is not None:
    show_action_detail(plan, chosen, filters, key_prefix="my")
