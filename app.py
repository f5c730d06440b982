"""Inspection readiness dashboard: page frame, global filters and navigation. Nothing else."""

from datetime import date

import streamlit as st

from components import data
from components.filters import render_global_filters

settings = data.get_settings()
st.set_page_config(
    page_title=settings.branding.app_title, page_icon=":material/fact_check:", layout="wide"
)

today = date.today()
plan = data.current_plan(today)
with st.sidebar:
    st.markdown(f"### {settings.branding.app_title}")
    if plan:
        st.caption(settings.branding.council_name or plan.council or "")
render_global_filters(plan, today)

pages = [
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page(
        "pages/plan.py", title="Improvement plan", icon=":material/account_tree:", url_path="plan"
    ),
    st.Page(
        "pages/my_actions.py", title="My actions", icon=":material/person:", url_path="my-actions"
    ),
]
st.navigation(pages, position="top").run()
