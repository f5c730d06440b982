"""What changed: the plan, the indicators and the predicted inspection window at an earlier date
set beside the as-at date, by the same rules as every other page."""

import streamlit as st

from components.action_opener import open_an_action
from components.changes import (
    changes_between,
    choose_since,
    show_actions,
    show_indicators,
    show_updates,
    show_window,
)
from components.layout import page_start
from readiness.text import format_date

filters, plan, status, loaded = page_start("What changed", param="since")

since = choose_since(filters.as_at)
changes = changes_between(filters, loaded, status.lead, since)
st.markdown(f"**{changes.summary()}.**")
st.caption(
    f"The plan as at {format_date(since)} beside the plan as at {format_date(filters.as_at)}, "
    "both worked out from the stored history by the rules every page uses."
)

show_actions(changes)
show_updates(changes)
listed = [
    c.action_id for c in (*changes.colour_changes, *changes.newly_overdue, *changes.completed)
]
open_an_action(
    plan,
    status.actions,
    filters,
    key_prefix="changes",
    only=listed + [u.action_id for u in changes.updates],
    label="Open one of these actions to see its history and record progress",
)
show_indicators(changes)
show_window(changes)
