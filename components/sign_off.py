"""The editors' list of completions awaiting sign-off (readiness.access.signoff), each to open
and confirm (save it Complete) or return (save it with another status)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.action_opener import open_an_action
from components.filters import Filters
from components.kept import kept_for_read
from readiness.plan.proposals import awaiting_sign_off
from readiness.plan.records import PlanData
from readiness.text import plural


def sign_off_list(plan: PlanData, actions: pd.DataFrame, filters: Filters, load: int) -> None:
    waiting = kept_for_read(
        load, ("awaiting sign-off", filters.as_at), lambda: awaiting_sign_off(plan, filters.as_at)
    )
    if not waiting:  # nothing to do: the page opens on the workload as before
        return
    st.subheader("Completions awaiting sign-off")
    st.caption(
        f"{plural(len(waiting), 'action')} proposed Complete by a lead officer, oldest first. "
        "Open one, then save it Complete to confirm it (it turns Blue), or "
        "with another status and a note to return it to the lead."
    )
    open_an_action(
        plan,
        actions,
        filters,
        key_prefix="signoff",
        only=waiting,
        label="Open a proposed completion",
    )
