"""The Audit page's parts: its filters (person, action, kind, dates), the entries found, and
their CSV download. Editors and admins only (readiness.access.roles)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pandas as pd
import streamlit as st

from components import data
from components.tables import Col, show_table
from readiness.access.audit import COLUMNS, KINDS, AuditFilter
from readiness.plan.records import PlanData
from readiness.vocabulary import ACTION_STATUS_LABELS

TABLE_COLUMNS = (
    Col("when", "When (UTC)", "code"),
    Col("who", "Who"),
    Col("change", "Change"),
    Col("what", "What", "long"),
    Col("before", "Before", "long", priority=2),
    Col("after", "After", "long", priority=2),
)
SHOWN_AT_MOST = 2000  # on the page; the download holds every entry found


def choose_filter(plan: PlanData | None, today: date) -> AuditFilter:
    """The filters, in a row of four."""
    people = dict(data.store().audit_people())
    actions = {a.id: a.text for a in plan.actions} if plan else {}
    person, action, kind, days = st.columns([2, 3, 2, 3])
    email = person.selectbox(
        "Person",
        [None, *people],
        format_func=lambda e: "Everyone" if e is None else f"{people[e]} ({e})",
        key="audit_person",
    )
    action_id = action.selectbox(
        "Action",
        [None, *actions],
        format_func=lambda a: "Every action" if a is None else _short(actions[a]),
        key="audit_action",
    )
    chosen_kind = kind.selectbox(
        "Kind of change",
        [None, *KINDS],
        format_func=lambda k: "Every kind" if k is None else KINDS[k],
        key="audit_kind",
    )
    between = days.date_input(
        "Between",
        value=(today - timedelta(days=90), today),
        format="DD/MM/YYYY",
        key="audit_days",
    )
    since, until = (between + (None, None))[:2] if isinstance(between, tuple) else (between, None)
    return AuditFilter(email, action_id, chosen_kind, since, until)


def _short(text: str) -> str:
    words = " ".join(text.split())
    return words if len(words) <= 80 else words[:79] + "…"


def _readable(value: str | None) -> str:
    """A before or after value as words: JSON's lists and objects as `key: value` lines."""
    if value is None:
        return ""
    loaded = json.loads(value)
    if isinstance(loaded, dict):
        return _pairs(loaded, "; ")
    if isinstance(loaded, list):
        return "; ".join(_pairs(i, ", ") if isinstance(i, dict) else _word(i) for i in loaded)
    return _word(loaded)


def _pairs(values: dict, between: str) -> str:
    return between.join(f"{k}: {_word(v)}" for k, v in values.items() if v not in (None, ""))


def _word(value) -> str:
    """A stored status code as its label; anything else as it is."""
    return ACTION_STATUS_LABELS.get(value, str(value)) if isinstance(value, str) else str(value)


def show_entries(wanted: AuditFilter) -> None:
    entries = data.store().audit_entries(wanted)
    if not entries:
        st.info("No change matches these filters.", icon=":material/search_off:")
        return
    st.markdown(f"**{len(entries):,} change{'s' if len(entries) != 1 else ''}**, newest first.")
    rows = [
        {
            "when": e["When (UTC)"].strftime("%d/%m/%Y %H:%M"),
            "who": e["Who"],
            "change": e["Change"],
            "what": e["What"],
            "before": _readable(e["Before"]),
            "after": _readable(e["After"]),
        }
        for e in entries[:SHOWN_AT_MOST]
    ]
    if len(entries) > SHOWN_AT_MOST:
        st.caption(f"The newest {SHOWN_AT_MOST:,} are shown; the download holds all of them.")
    st.download_button(
        "Download these changes (.csv)",
        lambda: pd.DataFrame(entries, columns=COLUMNS).to_csv(index=False).encode("utf-8-sig"),
        file_name="audit-trail.csv",
        icon=":material/download:",
        key="audit_download",
    )
    show_table(rows, TABLE_COLUMNS, key="audit_table")
