"""A table of actions in which a tick opens one action: its history and the progress form.

The open action is kept by its id, never by its row. A grid's selection is a row position, and
the rows move: a saved update re-sorts the list (a completed action drops down), a filter or
the "Show completed" toggle adds or removes rows. So the position is turned into the action's
id when the user ticks it, against the rows they were looking at, and on every drawing the tick
is put back on the row where that action now is (or taken off when it is not shown).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import numpy as np
import pandas as pd
import streamlit as st

from components.labels import rag_label

COLUMNS = ["action_id", "rag", "ref", "action", "due", "days_overdue", "reason"]
# Pixel widths: the short columns fit their longest value ("▲ Amber", "30 Sep 2026"); the whole
# table fits a 1366-pixel laptop screen beside the sidebar. Characters in a line of the two
# wrapping columns at those widths, and the height of a line, set the rows' height.
# With the row ticks' column (32 px) they add up to 882 px: the main column at 1366 px is 906.
WIDTHS = {"rag": 90, "ref": 65, "action": 290, "due": 100, "days_overdue": 75, "reason": 230}
LINE_CHARS = {"action": 40, "reason": 31}
LINE_PX, PADDING_PX = 20, 8
MAX_LINES = 8


def _shown_key(key: str) -> str:
    return f"{key}_shown_ids"


def _picked(key: str, open_key: str) -> None:
    """The tick's row, as the id of the action the user saw in that row."""
    rows = st.session_state[key]["selection"]["rows"]
    shown = st.session_state.get(_shown_key(key), [])
    st.session_state[open_key] = shown[rows[0]] if rows and rows[0] < len(shown) else None


def _tick(key: str, ids: list[int], opened: int | None) -> None:
    """Put the tick on the open action's row, wherever it is now."""
    wanted = [ids.index(opened)] if opened in ids else []
    current = st.session_state.get(key)
    if current is None or list(current["selection"]["rows"]) != wanted:
        st.session_state[key] = {"selection": {"rows": wanted, "columns": []}}


@dataclass(frozen=True)
class Pickable:
    """A list of actions made ready to draw once (pickable), so a rerun only picks its rows."""

    actions: pd.DataFrame  # the actions' status rows, in the order shown
    table: pd.DataFrame  # what the table shows of them (COLUMNS), the colour in words
    lines: np.ndarray  # each row's lines when its longest wrapping cell wraps whole


def pickable(actions: pd.DataFrame) -> Pickable:
    table = actions[COLUMNS].assign(rag=[rag_label(code) for code in actions["rag"]])
    lines = np.ones(len(table), dtype=int)
    for column, chars in LINE_CHARS.items():
        lengths = np.fromiter((len(str(text)) for text in table[column]), int, len(table))
        lines = np.maximum(lines, -(-lengths // chars))
    return Pickable(actions.reset_index(drop=True), table.reset_index(drop=True), lines)


def show_pickable_actions(
    ready: Pickable, rows: np.ndarray, open_key: str, key: str
) -> dict | None:
    """The `rows` (positions) of the ready list as a table with a tick per row; the ticked
    action's row (a dict), if any."""
    table = ready.table if len(rows) == len(ready.table) else ready.table.iloc[rows]
    ids = [int(i) for i in table["action_id"]]
    opened = st.session_state.get(open_key)
    st.session_state[_shown_key(key)] = ids
    _tick(key, ids, opened)
    height = min(int(ready.lines[rows].max(initial=1)), MAX_LINES) * LINE_PX + PADDING_PX
    st.dataframe(
        table,
        hide_index=True,
        height="content",
        row_height=height,
        on_select=partial(_picked, key, open_key),
        selection_mode="single-row",
        placeholder="",
        column_order=COLUMNS[1:],
        column_config={
            "rag": st.column_config.TextColumn("Status", width=WIDTHS["rag"]),
            "ref": st.column_config.TextColumn("Ref", width=WIDTHS["ref"]),
            "action": st.column_config.TextColumn("Action", width=WIDTHS["action"]),
            "due": st.column_config.DateColumn("Due", format="D MMM YYYY", width=WIDTHS["due"]),
            "days_overdue": st.column_config.NumberColumn(
                "Days late", width=WIDTHS["days_overdue"]
            ),
            "reason": st.column_config.TextColumn("Why", width=WIDTHS["reason"]),
        },
        key=key,
    )
    if opened not in ids:
        return None
    return ready.actions.iloc[int(rows[ids.index(opened)])].to_dict()
