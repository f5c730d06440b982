"""The plan's actions that fall due after Ofsted's published window opens: Ofsted may come before
they are done, so the plan pages say so once, and mark each one under Why.

The window is Ofsted's published one (readiness.inspection.predict.Prediction.opens: 30 months
after the last full inspection started, domain.md §1.4), not the predicted dates. An action
already complete, or with no due date, is not flagged.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from readiness.inspection.predict import Prediction
from readiness.text import format_date, plural
from readiness.vocabulary import COMPLETE

# Short, because it is repeated on each flagged row; the caption above the table says the rest.
ROW_FLAG = "due after Ofsted's published window opens"


def after_window(actions: pd.DataFrame, opens: date | None) -> pd.Series:
    """True for each open action due after `opens` (none when it is not known)."""
    if opens is None or actions.empty:
        return pd.Series(False, index=actions.index)
    late = actions["due"].map(lambda due: isinstance(due, date) and due > opens)
    return (actions["status"] != COMPLETE) & late.astype(bool)


def flag_after_window(actions: pd.DataFrame, opens: date | None) -> pd.DataFrame:
    """The actions with each flagged one's reason saying so."""
    flagged = after_window(actions, opens)
    if not flagged.any():
        return actions
    return actions.assign(
        reason=actions["reason"].where(~flagged, actions["reason"] + f"; {ROW_FLAG}")
    )


def after_window_caption(actions: pd.DataFrame, prediction: Prediction) -> str:
    """One sentence for above the table: how many open actions fall due after the published
    window opens, and when it opens (or opened); empty when none do."""
    late = int(after_window(actions, prediction.opens).sum())
    if not late:
        return ""
    verb = "opened" if prediction.opens <= prediction.as_at else "opens"
    return (
        f"{plural(late, 'open action')} fall due after Ofsted's published window {verb} "
        f"({format_date(prediction.opens)}): Ofsted may come before they are done. Each is "
        "marked under Why."
    )
