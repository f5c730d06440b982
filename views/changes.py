"""What changed: the plan, the indicators and the predicted inspection window at an earlier date
set beside the as-at date, by the same rules as every other page."""

import streamlit as st

from components.action_opener import open_an_action
from components.changes import (
    changes_shown,
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
shown = changes_shown(filters, loaded, status.lead, since)
changes = shown.changes
st.markdown(f"**{changes.summary()}.**")
st.caption(
    f"The plan as at {format_date(since)} beside the plan as at {format_date(filters.as_at)}, "
    "both worked out from the stored history by the rules every page uses."
)

show_actions(shown)
show_updates(shown)
listed = shown.names()
open_an_action(
    plan,
    status.actions,
    filters,
    key_prefix="changes",
    only=listed,
    label="Open one of these actions to see its history and record progress",
    names=listed,
)
show_indicators(shown)
show_window(changes)
