"""The board pack's download button: the PDF for committee papers (readiness.board.pack)
for the as-at date and lead officer chosen, made only when the button is pressed."""

from __future__ import annotations

import streamlit as st

from components import data
from components.changes import WEEK, changes_between
from components.filters import Filters
from readiness.board.pack import board_pack
from readiness.board.pack_pdf import write_pdf
from readiness.kpi.charts import trend_chart


def board_pack_button(loaded: data.LoadedPlan, filters: Filters, key_prefix: str) -> None:
    """A "Board pack (PDF)" button for the current plan; `loaded.plan` must be stored."""
    plan, as_at, lead = loaded.plan, filters.as_at, filters.lead
    since = as_at - WEEK  # the last weekly briefing, as the What changed page

    def build() -> bytes:
        """Called when the button is pressed: the pack, its charts and what it reads (from the
        shared caches, which the Overview has usually filled) cost a visit nothing."""
        pack = board_pack(
            plan,
            data.current_status(loaded, as_at, lead),
            data.current_kpis(as_at),
            data.current_prediction(as_at),
            checklist=data.current_checklist(as_at).summary,
            council=data.get_settings().branding.council(plan.council, "The council"),
            since=since,
            changes=changes_between(filters, loaded, lead, since).lines(),
        )
        return write_pdf(pack, trend_chart=trend_chart)

    whose = f"{lead}'s actions" if lead else "the whole plan"
    st.download_button(
        "Board pack (PDF)",
        build,
        file_name=f"board-pack-{as_at.isoformat()}.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        key=f"{key_prefix}_board_pack",
        help=f"For a committee paper, {whose} as at {as_at:%d/%m/%Y}: the position, each "
        "judgement area's recommendations, indicators and trends, overdue actions by lead and "
        "the next inspection. It takes a few seconds to make.",
    )
