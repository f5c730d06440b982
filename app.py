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

# The page files live in views/, not pages/: Streamlit 1.67 auto-detects a pages/ folder, and
# then the first browser session loses the URL-bound filters on its first page change.
pages = [
    st.Page("views/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page(
        "views/plan.py", title="Improvement plan", icon=":material/account_tree:", url_path="plan"
    ),
    st.Page(
        "views/my_actions.py", title="My actions", icon=":material/person:", url_path="my-actions"
    ),
    st.Page("views/data.py", title="Data", icon=":material/upload_file:", url_path="data"),
]
st.navigation(pages, position="top").run()
