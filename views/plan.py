"""Improvement plan: recommendation → theme → action, with each colour and why."""

import streamlit as st

from components.badges import rag_badge
from components.layout import page_start
from components.tables import show_actions
from readiness.rag import Rag

filters, plan, status = page_start("Improvement plan")

with st.container(horizontal=True, vertical_alignment="bottom"):
    shown = st.multiselect(
        "Show actions that are",
        [rag.value for rag in Rag],
        default=[rag.value for rag in Rag],
        format_func=lambda value: Rag(value).label,
        key="plan_rags",
    )
    expand_all = st.toggle("Expand all", key="plan_expand")

actions = status.actions[status.actions["rag"].isin(shown)]
themes = status.themes
for rec in status.recommendations.to_dict("records"):
    rag = Rag(rec["rag"])
    label = f"{rag.symbol} {rag.word} · **{rec['ref']}** — {rec['title']}"
    with st.expander(label, expanded=expand_all):
        st.html(rag_badge(rec["rag"]) + f" &nbsp;{rec['reason']}")
        pct = rec["pct_complete"]
        st.caption(
            f"{rec['kind_label']} · {rec['actions']} actions · "
            f"{0 if pct != pct else int(pct)}% complete"
        )
        for theme in themes[themes["ref"] == rec["ref"]].to_dict("records"):
            st.markdown(f"##### {theme['theme']}")
            st.html(
                rag_badge(theme["rag"])
                + f" &nbsp;{theme['reason']} · Service lead: {theme['service_leads'] or '—'}"
            )
            rows = actions[actions["theme_id"] == theme["theme_id"]]
            if rows.empty:
                st.caption("No actions to show here with the chosen filters.")
                continue
            show_actions(
                rows,
                ["rag_label", "action", "service_leads", "other_leads", "start", "due",
                 "status", "last_update", "last_note", "reason"],
                key=f"plan_theme_{theme['theme_id']}",
            )  # fmt: skip
