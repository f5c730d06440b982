"""Open one action from a page that lists actions as tables (the Improvement plan, What changed):
a searchable list of the actions in view, by reference and words, and under it the chosen
action's history and progress form (components.action_detail).

The list's values are the actions' ids, not positions in any table, so what a person saves goes
to the action they chose however the page's tables are filtered or ordered.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import streamlit as st

from components.filters import Filters
from components.safe_text import cut
from components.tables import records
from readiness.plan.records import PlanData


def open_an_action(
    plan: PlanData,
    actions: pd.DataFrame,
    filters: Filters,
    key_prefix: str,
    only: Iterable[int] | None = None,
    label: str = "Open an action to see its history and record progress",
    names: dict[int, str] | None = None,
) -> None:
    """A choice of `actions` (a status table's rows; with `only`, just those ids, in that
    order), and the chosen one opened. `names`: action_names(actions), when already known."""
    names = action_names(actions) if names is None else names
    ids = list(names) if only is None else [i for i in dict.fromkeys(only) if i in names]
    if not ids:
        return
    chosen = st.selectbox(
        label,
        ids,
        index=None,
        format_func=names.__getitem__,
        placeholder="Type a few words of the action, or its ref",
        key=f"{key_prefix}_open_action",
    )
    if chosen is not None:
        # Imported once an action is opened: the progress form's rules are not needed before,
        # and the Overview (components.changes names its actions) must start without them.
        from components.action_detail import show_action_detail

        row = records(actions[actions["action_id"] == chosen])[0]
        show_action_detail(plan, row, filters, key_prefix=key_prefix)


def action_names(actions: pd.DataFrame) -> dict[int, str]:
    """Each action's name in the list, "REC 1 · Review the …", by id. Only the three columns
    shown are read: a plan of 10,000 actions lists them all."""
    return {
        int(i): f"{ref} · {cut(text, 110)}"
        for i, ref, text in zip(
            *(actions[c].tolist() for c in ("action_id", "ref", "action")), strict=True
        )
    }
