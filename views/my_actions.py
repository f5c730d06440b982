"""My actions: one lead officer's actions, most urgent first; pick one to record progress."""

import streamlit as st

from components import data
from components.action_detail import show_action_detail
from components.labels import count_tiles, rag_label, state_tiles
from components.layout import page_start
from components.safe_text import md
from components.tables import LEAD_COLUMNS, show_table
from readiness.inspection.plan_flags import flag_after_window
from readiness.rag import URGENCY, State
from readiness.status import urgent_first

filters, plan, status, loaded = page_start("My actions")

if status.lead is None:
    st.info(
        "Choose your name under **Lead officer** in the sidebar to see your actions, most "
        "urgent first. Below: every lead officer's actions by state, most overdue first.",
        icon=":material/person:",
    )
    st.subheader("Lead officers, most overdue first")
    show_table(data.lead_workload(loaded, filters.as_at), LEAD_COLUMNS, key="my_leads")
    st.stop()

role = plan.lead_roles.get(status.lead)
st.subheader(md(status.lead + (f" · {role}" if role else "")), anchor=False)

st.html(count_tiles(state_tiles(status.overall.counts, URGENCY, data.get_settings().rag)))

OPEN_KEY = "my_open_action"
ROW_HEIGHT = 80  # four lines, so a long action wraps instead of being cut at 1366 px
opened = st.session_state.get(OPEN_KEY)
show_completed = st.toggle("Show completed actions", key="my_show_completed")
opens = data.current_prediction(filters.today, filters.as_at).opens
mine = urgent_first(flag_after_window(status.actions, opens))
if not show_completed:
    # The action just opened stays in the list when it is completed, so its new colour shows.
    mine = mine[(mine["state"] != State.COMPLETE.value) | (mine["action_id"] == opened)]
if mine.empty:
    st.success("Nothing open: every action you lead is complete.", icon=":material/task_alt:")
    st.stop()

st.caption("Tick the box at the start of a row to see its history and record progress.")
COLUMNS = ["action_id", "rag", "ref", "action", "due", "days_overdue", "reason"]
table = mine[COLUMNS].assign(rag=[rag_label(code) for code in mine["rag"]])
picked = st.dataframe(
    table,
    hide_index=True,
    height="content",
    row_height=ROW_HEIGHT,
    on_select="rerun",
    selection_mode="single-row",
    placeholder="",
    column_order=COLUMNS[1:],
    column_config={
        # Widths in pixels: the short columns fit their longest value ("▲ Amber", "30 Sep
        # 2026"), and the whole table fits a 1366-pixel laptop screen beside the sidebar; the
        # action and the reason wrap onto up to four lines.
        "rag": st.column_config.TextColumn("Status", width=90),
        "ref": st.column_config.TextColumn("Ref", width=65),
        "action": st.column_config.TextColumn("Action", width=330),
        "due": st.column_config.DateColumn("Due", format="D MMM YYYY", width=100),
        "days_overdue": st.column_config.NumberColumn("Days late", width=75),
        "reason": st.column_config.TextColumn("Why", width=220),
    },
    key="my_actions_table",
)
rows = picked.selection.rows
if rows:
    opened = int(table.iloc[rows[0]]["action_id"])
    st.session_state[OPEN_KEY] = opened
chosen = mine[mine["action_id"] == opened]
if not chosen.empty:
    show_action_detail(plan, chosen.iloc[0].to_dict(), filters, key_prefix="my")
