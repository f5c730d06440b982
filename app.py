"""Inspection readiness dashboard: who the session is (components.signin), page frame, global
filters and navigation. Nothing else.

The only place the app reads the clock: today's date goes to the filters, and from them to pages;
board mode, which redraws itself on a timer, is given the clock. It opens the database's store
first on every run (once per server, components.data): a brand-new database gets the demo, dated
today.
"""

from datetime import date, datetime

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from components import data, signin
from components.errors import show_refused
from components.filters import board_requested, render_global_filters
from components.kpi_tiles import kpi_colour_key
from components.labels import colour_key
from components.safe_text import md
from readiness.access.roles import Change, Person, Refused

settings = data.get_settings()
# An emoji icon: the browser draws it from an inline SVG. A Material icon is fetched from Google's
# font servers by every browser that opens the app, and an image file is one more request for
# every page load before the first RAG word shows (measured: 1.6x a trivial app's time, not 1.3x).
st.set_page_config(page_title=settings.branding.app_title, page_icon="📋", layout="wide")


def frame(today: date) -> None:
    """Who this is (components.signin: it stops the run for someone not yet admitted), the
    sidebar, the global filters and the chosen page; in board mode, the board."""
    admitted = signin.admit(data.open_store(today), settings)
    plan = data.current_plan().plan
    if not board_requested():
        with st.sidebar:
            st.markdown(f"### {md(settings.branding.app_title)}")
            if plan:
                st.caption(md(settings.branding.council(plan.council)))
        signin.show_who(admitted)
    filters = render_global_filters(plan, today)
    page = st.navigation(
        PAGES + pages_for(admitted.person), position="hidden" if filters.board else "top"
    )
    if filters.board:  # whichever page a wall screen's bookmark names, it shows the board
        # Imported here: its charts load Altair, which no other first page needs.
        from components.board import show_board

        show_board(filters, datetime.now)
        return
    # The KPIs page's colours are an indicator's distance from target, not an action's state;
    # the Inspection, Audit trail and People pages have none.
    if page.url_path not in ("inspection", "audit", "people"):
        with st.sidebar.expander("Key to the colours", expanded=True):
            st.html(kpi_colour_key() if page.url_path == "kpis" else colour_key(settings.rag))
    page.run()


# The page files live in views/, not pages/: Streamlit 1.67 auto-detects a pages/ folder, and
# then the first browser session loses the URL-bound filters on its first page change.
PAGES = [
    st.Page("views/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page(
        "views/plan.py", title="Improvement plan", icon=":material/account_tree:", url_path="plan"
    ),
    st.Page(
        "views/my_actions.py", title="My actions", icon=":material/person:", url_path="my-actions"
    ),
    st.Page("views/kpis.py", title="KPIs", icon=":material/monitoring:", url_path="kpis"),
    st.Page(
        "views/inspection.py", title="Inspection", icon=":material/event:", url_path="inspection"
    ),
    st.Page("views/changes.py", title="What changed", icon=":material/update:", url_path="changes"),
    st.Page("views/loading.py", title="Data", icon=":material/upload_file:", url_path="data"),
    st.Page(
        "views/self_evaluation.py",
        title="Self-evaluation",
        icon=":material/fact_check:",
        url_path="self-evaluation",
    ),
]
AUDIT = st.Page("views/audit.py", title="Audit trail", icon=":material/history:", url_path="audit")
PEOPLE = st.Page("views/people.py", title="People", icon=":material/group:", url_path="people")


def pages_for(person: Person) -> list:
    """The pages only some roles have: the audit trail (editors) and people (admins)."""
    return [AUDIT] * person.may(Change.ANY_ACTION) + [PEOPLE] * person.may(Change.PEOPLE)


try:
    frame(date.today())
except SQLAlchemyError as error:  # the page edge: the words on screen, the details in the log
    show_refused("This page could not be shown", error)
except Refused as error:  # a write the person's role does not allow, however it was asked for
    st.error(str(error), icon=":material/lock:")
