"""The People page's parts (admins): who may sign in and with what role, and the wall-screen
links. Every change goes through the store as the signed-in admin, and is audited."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode, urlsplit, urlunsplit

import streamlit as st

from components import data
from components.safe_text import md
from components.signin import SCREEN_PARAM, acting_person
from components.tables import Col, show_table
from readiness.access.people import listed_row
from readiness.access.roles import Refused, Role
from readiness.text import format_date

PEOPLE_PATH = "people"  # the page's url_path in app.py
PEOPLE_COLUMNS = (
    Col("name", "Name"),
    Col("email", "Email", "code"),
    Col("role", "Role"),
    Col("lead", "Lead officer"),
    Col("reminders", "Reminders"),
)
LINK_COLUMNS = (
    Col("label", "Screen"),
    Col("made", "Made"),
    Col("by", "By", "code"),
    Col("state", "State"),
)


def wall_screen_url(token: str) -> str:
    """The link to the board for `token`, at the address this page was opened on (behind a
    proxy's path too): the page's own path ("people") is dropped. Without a browser's address
    (a script run), the configured one reminders link to."""
    parts = urlsplit(st.context.url or data.get_settings().reminders.app_url)
    path = parts.path.rstrip("/").removesuffix("/" + PEOPLE_PATH)
    return urlunsplit(
        (parts.scheme, parts.netloc, path + "/", urlencode({SCREEN_PARAM: token}), "")
    )


def _done(what: Callable[[], str]) -> None:
    """Run a change; its words, or why it was refused, shown above the forms."""
    try:
        st.session_state["people_said"] = ("success", what())
    except (ValueError, Refused) as error:
        st.session_state["people_said"] = ("error", str(error))


def said() -> None:
    kind, words = st.session_state.pop("people_said", (None, None))
    if kind:
        getattr(st, kind)(words)


def show_people() -> None:
    people = data.store().people()
    rows = [listed_row(person, on) for person, on in people]
    if rows:
        show_table(rows, PEOPLE_COLUMNS, key="people_table")
    else:
        st.info("Nobody is on the list yet.", icon=":material/group_off:")
    leads = data.current_plan().plan.lead_names if data.current_plan().plan else []
    with st.form("people_add", clear_on_submit=True):
        st.markdown("**Add someone**")
        email, name, role, lead = st.columns([3, 3, 2, 3])
        email.text_input("Email they sign in with", key="people_email")
        name.text_input("Name", key="people_name")
        role.selectbox(
            "Role", list(Role), index=1, format_func=lambda r: r.label, key="people_role"
        )
        lead.selectbox(
            "Lead officer in the plan",
            [None, *leads],
            format_func=lambda n: "Not a lead officer" if n is None else n,
            key="people_lead",
            help="Their actions: what they may record progress on, and their reminders.",
        )
        st.form_submit_button("Add", on_click=_add)
    if people:
        _change_form({p.email: p for p, _ in people})


def _add() -> None:
    state = st.session_state

    def add() -> str:
        person = data.store().add_person(
            state["people_email"],
            state["people_name"],
            state["people_role"],
            state["people_lead"],
            by=acting_person(),
        )
        return f"Added {person.name} as {person.role.label}."

    _done(add)


def _change_form(people: dict) -> None:
    with st.form("people_change"):
        st.markdown("**Change someone's role, or remove them**")
        who, role, remove = st.columns([4, 3, 3])
        who.selectbox(
            "Person",
            list(people),
            format_func=lambda e: f"{people[e].name} ({e})",
            key="people_who",
        )
        role.selectbox("New role", list(Role), format_func=lambda r: r.label, key="people_new")
        remove.checkbox("Remove them instead", key="people_remove")
        st.form_submit_button("Save", on_click=_change)


def _change() -> None:
    state = st.session_state
    email, by = state["people_who"], acting_person()

    def change() -> str:
        if state["people_remove"]:
            data.store().remove_person(email, by=by)
            return f"Removed {email}."
        data.store().set_role(email, state["people_new"], by=by)
        return f"{email} is now {state['people_new'].label}."

    _done(change)


def show_links() -> None:
    token = st.session_state.pop("people_new_link", None)
    if token:
        st.success(
            "The new link, shown only this once (only a fingerprint of it is kept): open it on "
            "the wall screen's browser and bookmark it."
        )
        st.code(wall_screen_url(token), language=None, wrap_lines=True)
    links = data.store().board_links()
    if links:
        rows = [
            {
                "label": link["label"],
                "made": format_date(link["made_at"].date()),
                "by": link["made_by"],
                "state": f"Revoked {format_date(link['revoked_at'].date())}"
                if link["revoked_at"]
                else "Live",
            }
            for link in links
        ]
        show_table(rows, LINK_COLUMNS, key="links_table")
    with st.form("links_make", clear_on_submit=True):
        st.text_input("Where the screen is", placeholder="Foyer, 2nd floor", key="links_label")
        st.form_submit_button("Make a wall-screen link", on_click=_make)
    live = {link["id"]: link["label"] for link in links if not link["revoked_at"]}
    if live:
        with st.form("links_revoke"):
            st.selectbox(
                "Revoke a link (its screen stops showing the board within 30 seconds)",
                list(live),
                format_func=lambda i: md(live[i]),
                key="links_gone",
            )
            st.form_submit_button("Revoke", on_click=_revoke)


def _make() -> None:
    def make() -> str:
        token = data.store().make_board_link(st.session_state["links_label"], by=acting_person())
        st.session_state["people_new_link"] = token
        return "Link made."

    _done(make)


def _revoke() -> None:
    def revoke() -> str:
        data.store().revoke_board_link(st.session_state["links_gone"], by=acting_person())
        return "Link revoked: that screen no longer opens the board."

    _done(revoke)
