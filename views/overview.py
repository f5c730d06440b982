"""Overview: the board view of the whole plan at the as-at date."""

import streamlit as st

from components.badges import rag_badge
from components.layout import page_start
from components.tables import show_actions, show_recommendations
from readiness.rag import URGENCY

filters, plan, status = page_start("Overview")

overall = status.overall
counts = overall.counts
with st.container(horizontal=True):
    with st.container(border=True):
        st.markdown(f"**{status.overall_label}**")
        st.html(rag_badge(overall.rag.value, size="1.6rem"))
        st.caption(overall.reason)
    st.metric("Complete", f"{overall.pct_complete or 0}%", border=True,
              help=f"{overall.complete} of {overall.actions} actions complete")  # fmt: skip
    for state in URGENCY[:4]:
        st.metric(state.label, counts[state], border=True)

st.subheader("Judgement areas")
columns = st.columns(len(status.areas))
for column, area in zip(columns, status.areas.to_dict("records"), strict=True):
    with column.container(border=True):
        st.markdown(f"**{area['label']}**")
        st.html(rag_badge(area["rag"], size="1.2rem"))
        done = (
            ""
            if area["pct_complete"] != area["pct_complete"]
            else f"{area['pct_complete']:.0f}% complete · "
        )
        st.caption(f"{done}{area['recommendations'] or 'no recommendations'}")
        st.caption(
            " · ".join(f"{area[s.value]} {s.label.lower()}" for s in URGENCY[:4])
            + f" · {area['actions']} actions"
        )
        st.caption(area["reason"])

st.subheader("Recommendations and areas for development")
if status.recommendations.empty:
    st.info("No recommendations to show for this lead officer.")
else:
    show_recommendations(status.recommendations, key="overview_recs")

st.subheader("Overdue actions")
overdue = status.actions[status.actions["state"] == "overdue"].sort_values(
    "days_overdue", ascending=False
)
if overdue.empty:
    st.success("No action is overdue.", icon=":material/task_alt:")
else:
    show_actions(
        overdue,
        ["rag_label", "ref", "action", "service_leads", "other_leads", "due", "days_overdue"],
        key="overview_overdue",
    )
