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

from components.action_detail import show_action_detail
from components.filters import Filters
from components.safe_text import cut
from readiness.plan.records import PlanData


def open_an_action(
    plan: PlanData,
    actions: pd.DataFrame,
    filters: Filters,
    key_prefix: str,
    only: Iterable[int] | None = None,
    label: str = "Open an action to see its history and record progress",
) -> None:
    """A choice of `actions` (a status table's rows; with `only`, just those ids, in that
    order), and the chosen one opened."""
    rows = {int(r["action_id"]): r for r in actions.to_dict("records")}
    ids = list(rows) if only is None else [i for i in dict.fromkeys(only) if i in rows]
    if not ids:
        return
    chosen = st.selectbox(
        label,
        ids,
        index=None,
        format_func=lambda i: f"{rows[i]['ref']} · {cut(rows[i]['action'], 110)}",
        placeholder="Type a few words of the action, or its ref",
        key=f"{key_prefix}_open_action",
    )
    if chosen is not None:
        show_action_detail(plan, rows[chosen], filters, key_prefix=key_prefix)
