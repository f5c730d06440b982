"""Whether the plan's actions are moving the indicators they are meant to move.

An action names the indicators it should move (stored in `action_indicator`, read with the plan
as ActionRecord.indicators; set in the app or in the canonical template's Indicators column).
A theme moves what its actions name. Two things are flagged for leaders, by the same as-at
rules as the rest of the dashboard:

- **complete but not improving**: every action of the theme is complete, yet a linked
  indicator is not improving (stable, worsening, or too little data to say): the work is done
  and the number has not moved, so the plan may need more than it holds;
- **worsening while overdue**: a linked indicator is worsening and at least one of the theme's
  actions is overdue: the delay may be showing in the figures.

Context indicators (no better or worse) are never flagged.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Connection

from readiness.kpi.positions import KpiPosition, KpiStatus
from readiness.kpi.rules import Trend
from readiness.plan.rag import State
from readiness.plan.store import set_indicators

COMPLETE_NOT_IMPROVING = "complete_not_improving"
WORSENING_WHILE_OVERDUE = "worsening_while_overdue"


def set_action_links(conn: Connection, action_id: int, indicators: Sequence[str]) -> None:
    """Replace the indicators an action should move."""
    set_indicators(conn, {action_id: indicators})


@dataclass(frozen=True)
class ImpactFlag:
    kind: str  # COMPLETE_NOT_IMPROVING or WORSENING_WHILE_OVERDUE
    ref: str
    theme_id: int
    theme: str
    position: KpiPosition
    message: str


def _flag(kind: str, theme: dict, position: KpiPosition, actions: pd.DataFrame) -> ImpactFlag:
    name = position.indicator.name
    if kind == COMPLETE_NOT_IMPROVING:
        message = (
            f"All {len(actions)} actions of this theme are complete, but {name} is "
            f"{position.direction.word.lower()} ({position.direction.why})."
        )
    else:
        overdue = int((actions["state"] == State.OVERDUE).sum())
        message = (
            f"{name} is worsening ({position.direction.why}) while {overdue} of this theme's "
            f"{len(actions)} actions {'is' if overdue == 1 else 'are'} overdue."
        )
    return ImpactFlag(kind, theme["ref"], theme["theme_id"], theme["theme"], position, message)


def impact_flags(
    themes: pd.DataFrame,
    actions: pd.DataFrame,
    kpis: KpiStatus,
    links: dict[int, tuple[str, ...]],
) -> list[ImpactFlag]:
    """The flags for every theme whose actions name an indicator. `themes` and `actions` are a
    PlanStatus's frames (theme_id, ref, theme; action_id, theme_id, state)."""
    positions = {p.indicator.id: p for p in kpis.positions}
    flags: list[ImpactFlag] = []
    by_theme = dict(tuple(actions.groupby("theme_id")))
    for theme in themes.to_dict("records"):
        rows = by_theme.get(theme["theme_id"])
        if rows is None:
            continue
        named = linked(rows["action_id"], links)
        for indicator in named:
            position = positions.get(indicator)
            if position is None or position.indicator.polarity == "context":
                continue
            trend = position.direction.trend
            if (rows["state"] == State.COMPLETE).all() and trend is not Trend.IMPROVING:
                flags.append(_flag(COMPLETE_NOT_IMPROVING, theme, position, rows))
            elif trend is Trend.WORSENING and (rows["state"] == State.OVERDUE).any():
                flags.append(_flag(WORSENING_WHILE_OVERDUE, theme, position, rows))
    return flags


def linked(action_ids: Iterable[int], links: dict[int, tuple[str, ...]]) -> tuple[str, ...]:
    """The indicators any of the actions names, each once, in first-named order."""
    return tuple(dict.fromkeys(i for a in action_ids for i in links.get(int(a), ())))
