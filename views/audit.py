"""Audit: every change made through the app or the command line, who made it and when, with
what it was before and after; filtered, and downloaded as CSV. Editors and admins."""

import streamlit as st

from components import data
from components.audit_view import choose_filter, show_entries
from components.layout import page_frame
from components.signin import acting_person
from readiness.access.roles import Change

filters = page_frame("Audit trail", "the trail lists changes on the days chosen below")
if not acting_person().may(Change.ANY_ACTION):
    st.info("The audit trail is for editors and admins.", icon=":material/lock:")
    st.stop()
st.caption(
    "Entries are only ever added: nobody can change or remove one through the app (on "
    "PostgreSQL, not even directly in the database). Times are UTC."
)
show_entries(choose_filter(data.current_plan().plan, filters.today))
