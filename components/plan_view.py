"""What the Improvement plan page shows, worked out once per plan read, as-at date, lead, window
and colour, and kept for every session that asks for the same (the plan page reruns on every
click: at 10,000 actions, filtering, flagging and writing the tables on each rerun cost more than
drawing them).

The caches are shared by every session and bounded (a few views, each dropped three minutes
after it was worked out, each holding at most TABLE_CHARS of tables), so they never grow with
the number of sessions. What depends on the KPIs (the indicator lines and flags) is not kept:
the indicators are re-read on their own schedule (components.data).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd
import streamlit as st

from components.action_opener import action_names
from components.kept import WrittenTables
from components.safe_text import LABEL_LIMIT, md
from components.tables import action_columns, records, table_html, table_keys
from readiness.inspection.plan_flags import after_window_caption, flag_after_window
from readiness.inspection.predict import Prediction
from readiness.palette import Rag
from readiness.plan.status import PlanStatus

# The columns of the action tables under each theme.
COLUMNS = ["rag", "action", "service_leads", "other_leads", "start", "due", "status"]
COLUMNS += ["last_update", "last_note", "reason"]
THEME_KEYS = ["theme_id", "theme", "service_leads", "rag", "reason"]
# A view is worked out again at most this long after it was (Streamlit counts a ttl from when
# the entry was made), so one of a plan since replaced is not kept longer than that.
VIEW_SECONDS = 180
# The tables kept in a view, in characters: at 100 times the demo's size a page of 40
# recommendations opened is about 650,000, so two such pages fit (a few MB a view).
TABLE_CHARS = 1_500_000


@dataclass(frozen=True)
class ViewKey:
    """Everything a view depends on: the plan read (components.data.LoadedPlan.load), the
    as-at date, the lead chosen, the day Ofsted's window opens, and the colour chosen."""

    load: int
    as_at: date
    lead: str | None
    opens: date | None
    colour: str | None


@dataclass(frozen=True)
class PlanView:
    key: ViewKey
    actions: pd.DataFrame  # flagged after the window (plan_flags), of the colour chosen
    recommendations: pd.DataFrame  # those holding such actions
    late: str  # the caption on actions due after the window opens, or ""
    names: dict[int, str]  # each action's name in the list to open one (action_opener)
    themes: dict[str, list[dict]]  # each recommendation's themes (THEME_KEYS), in plan order
    rows: dict[int, np.ndarray]  # each theme's rows in `actions`, by position
    every: dict[int, list[int]]  # each theme's action ids, whatever the colour chosen
    by_ref: dict[str, list[int]]  # each recommendation's action ids in `actions`
    rec_rows: list[dict]  # `recommendations` as rows
    labels: dict[str, str]  # each recommendation's line: colour, ref and title, escaped
    # Each theme's table as written, by (theme id, page, page size): theme_table.
    tables: WrittenTables = field(default_factory=lambda: WrittenTables(TABLE_CHARS), compare=False)


def plan_view(key: ViewKey, status: PlanStatus, prediction: Prediction) -> PlanView:
    """The view for `key`, from the plan's status for key's load, as-at and lead, and the
    prediction at key's as-at date."""
    return _view(key, status, prediction)


@st.cache_resource(max_entries=8, ttl=VIEW_SECONDS)
def _view(key: ViewKey, _status: PlanStatus, _prediction: Prediction) -> PlanView:
    every = _status.actions
    actions = flag_after_window(every, key.opens)
    recs = _status.recommendations
    if key.colour is not None:
        actions = actions[actions["rag"] == key.colour]
        recs = recs[recs["ref"].isin(set(actions["ref"]))]
    late = after_window_caption(every, _prediction)
    themes: dict[str, list[dict]] = {}
    for theme in records(_status.themes, ["ref", *THEME_KEYS]):
        themes.setdefault(theme["ref"], []).append(theme)
    ids: dict[int, list[int]] = {}
    for theme_id, action_id in zip(
        every["theme_id"].tolist(), every["action_id"].tolist(), strict=True
    ):
        ids.setdefault(theme_id, []).append(action_id)
    rows = actions.groupby("theme_id", sort=False).indices if len(actions) else {}
    by_ref: dict[str, list[int]] = {}
    for ref, action_id in zip(actions["ref"].tolist(), actions["action_id"].tolist(), strict=True):
        by_ref.setdefault(ref, []).append(action_id)
    names = action_names(actions)
    rec_rows = records(recs)
    labels = {rec["ref"]: _label(rec) for rec in rec_rows}
    return PlanView(key, actions, recs, late, names, themes, rows, ids, by_ref, rec_rows, labels)


def _label(rec: dict) -> str:
    rag = Rag(rec["rag"])
    return f"{rag.symbol} {rag.word} · **{md(rec['ref'])}** — {md(rec['title'], LABEL_LIMIT)}"


def ids_of(view: PlanView, refs: list[str]) -> list[int]:
    """The ids of `view`'s actions in the recommendations `refs`, in their order."""
    return [i for ref in refs for i in view.by_ref.get(ref, ())]


def theme_table(view: PlanView, theme_id: int, page: int, size: int) -> str:
    """The HTML table of page `page` (from 1, `size` rows a page) of the theme's actions, kept
    in the view once written (up to TABLE_CHARS in all, the first written dropped first)."""

    def write() -> str:
        positions = view.rows[theme_id][(page - 1) * size : page * size]
        shown = view.actions.iloc[positions]
        columns = action_columns(COLUMNS)
        return table_html(records(shown, table_keys(shown, columns)), columns)

    return view.tables.get((theme_id, page, size), write)
