"""The link between the plan and the KPIs on the plan pages: the indicators a theme's actions
should move, each with its colour and direction, the flags of readiness.plan.impact, and the
form on an action to choose its indicators."""

from __future__ import annotations

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from components import data
from components.errors import show_refused
from components.kpi_tiles import indicator_badge
from components.safe_text import md
from components.signin import acting_person
from readiness.kpi.positions import KpiStatus
from readiness.plan.impact import ImpactFlag


def linked_line(kpis: KpiStatus | None, indicators: tuple[str, ...]) -> str:
    """HTML: "Should move: Re-referrals ▲ Amber ↓ Improving · ..." (empty with no links)."""
    if not indicators or kpis is None:
        return ""
    positions = {p.indicator.id: p for p in kpis.positions}
    parts = [indicator_badge(positions[i]) for i in indicators if i in positions]
    if not parts:
        return ""
    return f'<p class="impact-line">Should move: {" · ".join(parts)}</p>'


def show_flags(flags: list[ImpactFlag]) -> None:
    for flag in flags:  # a council's own indicator's name is text from a file: shown as written
        st.warning(md(flag.message), icon=":material/trending_flat:")


def links_form(kpis: KpiStatus | None, action_id: int, chosen: tuple[str, ...], key: str) -> None:
    """A multiselect of the indicators this action should move, saved on the button."""
    if kpis is None or not kpis.positions:
        return
    names = {p.indicator.id: p.indicator.name for p in kpis.positions}
    with st.form(f"{key}_links_{action_id}"):
        picked = st.multiselect(
            "Indicators this action should move",
            list(names),
            default=[i for i in chosen if i in names],
            format_func=names.__getitem__,
            key=f"{key}_links",
            help="Shown beside the action and its theme with each indicator's colour and "
            "direction; a theme whose actions are all complete while its indicator is not "
            "improving is flagged.",
        )
        saved = st.form_submit_button("Save indicators")
    if saved:
        try:
            data.store().save_indicators(action_id, picked, by=acting_person())
        except SQLAlchemyError as error:
            show_refused("The indicators were not saved", error)
            return
        data.refresh_plan()
        st.toast("Indicators saved.", icon=":material/task_alt:")
        st.rerun()
