"""The plan's actions that fall due after the inspection window opens: Ofsted may come before
they are done, so the plan pages say so beside each one.

The window is the published one (readiness.inspection.predict.Prediction.opens: 30 months after
the last full inspection started, domain.md §1.4). An action already complete, or with no due
date, is not flagged.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from readiness.rag import format_date


def after_window(actions: pd.DataFrame, opens: date | None) -> pd.Series:
    """True for each open action due after `opens` (none when it is not known)."""
    if opens is None or actions.empty:
        return pd.Series(False, index=actions.index)
    late = actions["due"].map(lambda due: isinstance(due, date) and due > opens)
    return (actions["status"] != "complete") & late.astype(bool)


def flag_after_window(actions: pd.DataFrame, opens: date | None) -> pd.DataFrame:
    """The actions with each flagged one's reason saying so."""
    flagged = after_window(actions, opens)
    if not flagged.any():
        return actions
    words = f"; due after the inspection window opens ({format_date(opens)}): Ofsted may come first"
    return actions.assign(reason=actions["reason"].where(~flagged, actions["reason"] + words))
