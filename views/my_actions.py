"""My actions: one lead officer's actions, most urgent first."""

import streamlit as st

from components import data
from components.action_detail import show_action_detail
from components.layout import page_start
from components.tables import show_actions, show_table
from readiness.rag import URGENCY
from readiness.status import urgent_first, workload_by_lead

filters, plan, status = page_start("My actions")

if filters.lead is None:
    st.info(
        "Choose your name under **Lead officer** in the sidebar to see your actions, most "
        "urgent first. Below: every lead officer's open actions that need attention.",
        icon=":material/person:",
    )
    st.subheader("Lead officers, most overdue first")
    show_table(
        workload_by_lead(plan, filters.as_at, data.get_settings()),
        {"lead": "Lead officer", "overdue": "Overdue", "due_soon": "Due soon", "stale": "Stale",
         "no_due_date": "No due date", "actions": "Actions", "complete": "Complete"},
        key="my_leads",
    )  # fmt: skip
    st.stop()

role = plan.lead_roles.get(filters.lead)
st.subheader(filters.lead + (f" · {role}" if role else ""))

counts = status.overall.counts
with st.container(horizontal=True):
    for state in URGENCY:
        st.metric(state.label, counts[state], border=True)

show_completed = st.toggle("Show completed actions", key="my_show_completed")
mine = urgent_first(status.actions)
if not show_completed:
    mine = mine[mine["state"] != "complete"]
if mine.empty:
    st.success("Nothing open: every action you lead is complete.", icon=":material/task_alt:")
else:
    show_actions(
        mine,
        ["rag_label", "ref", "action", "due", "days_overdue", "status", "last_update",
         "reason", "theme"],
        key="my_actions_table",
    )  # fmt: skip
    rows = {row["action_id"]: row for row in mine.to_dict("records")}
    chosen = st.selectbox(
        "Open an action to see its history and record progress",
        list(rows),
        index=None,
        placeholder="Choose an action…",
        format_func=lambda i: f"{rows[i]['rag_label']} · {rows[i]['ref']} · {rows[i]['action']}",
        key="my_open_action",
    )
    if chosen is not None:
        show_action_detail(plan, rows[chosen], filters, key_prefix="my")
