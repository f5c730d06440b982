"""People: who may sign in and with what role, and the wall-screen links. Admins only."""

import streamlit as st

from components.layout import page_frame
from components.people_admin import said, show_links, show_people
from components.signin import acting_person
from readiness.access.roles import Change

page_frame("People", "roles and links are as they are now")
if not acting_person().may(Change.PEOPLE):
    st.info("People and roles are managed by admins.", icon=":material/lock:")
    st.stop()
said()
st.subheader("Who may sign in")
st.caption(
    "Viewer: reads everything. Lead officer: records progress on their own actions and proposes "
    "them Complete. Editor: loads data, changes any action, confirms completions. Admin: also "
    "people, roles and wall-screen links. Someone not on the list who signs in is a Viewer."
)
show_people()
st.subheader("Wall-screen links")
st.caption(
    "A screen on a wall cannot sign in: a link opens the board, read only, with no sign-in, "
    "until it is revoked."
)
show_links()
