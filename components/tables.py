"""Tables of recommendations, themes and actions, laid out the same way on every page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.badges import style_rag

DATE = st.column_config.DateColumn(format="D MMM YYYY")
PERCENT = st.column_config.ProgressColumn(
    "% complete", min_value=0, max_value=100, format="%d%%", width="small"
)
WHOLE_NUMBER = st.column_config.NumberColumn(format="%d", width="small")
# Tall enough for three lines, so action and recommendation text wraps instead of being cut.
ROW_HEIGHT = 66

# Column of the status frames -> heading shown to users.
ACTION_HEADINGS = {
    "rag_label": "Status",
    "ref": "Ref",
    "action": "Action",
    "service_leads": "Service lead",
    "other_leads": "Other leads",
    "start": "Start",
    "due": "Due",
    "days_overdue": "Days overdue",
    "status": "Progress",
    "last_update": "Last update",
    "last_note": "Last progress note",
    "reason": "Why",
    "theme": "Theme",
}
# The text first so it is read, then the counts a board asks about first: what is late.
RECOMMENDATION_HEADINGS = {
    "rag_label": "Status",
    "ref": "Ref",
    "title": "Recommendation",
    "pct_complete": "% complete",
    "overdue": "Overdue",
    "due_soon": "Due soon",
    "stale": "Stale",
    "no_due_date": "No due date",
    "actions": "Actions",
    "complete": "Complete",
    "on_track": "On track",
    "reason": "Why",
}


def _config(headings: dict[str, str]) -> dict:
    config = {heading: None for heading in headings.values()}
    for column, heading in headings.items():
        if column in ("start", "due", "last_update"):
            config[heading] = DATE
        elif column == "pct_complete":
            config[heading] = PERCENT
        elif column in ("action", "title", "reason", "last_note", "theme"):
            config[heading] = st.column_config.TextColumn(width="large")
        elif column.startswith("days_"):
            config[heading] = WHOLE_NUMBER
        else:
            config[heading] = st.column_config.Column(width="small")
    return config


def show_table(frame: pd.DataFrame, headings: dict[str, str], key: str, height="auto") -> None:
    """Show the chosen columns of a status frame with user headings and RAG-coloured status."""
    shown = frame[list(headings)].rename(columns=headings)
    st.dataframe(
        style_rag(shown),
        column_config=_config(headings),
        hide_index=True,
        width="stretch",
        height=height,
        row_height=ROW_HEIGHT,
        placeholder="",
        key=key,
    )


def show_actions(frame: pd.DataFrame, columns: list[str], key: str) -> None:
    show_table(frame, {c: ACTION_HEADINGS[c] for c in columns}, key)


def show_recommendations(frame: pd.DataFrame, key: str) -> None:
    show_table(frame, RECOMMENDATION_HEADINGS, key)
