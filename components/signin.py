"""Who is using this session, decided before anything else is drawn (app.py calls `admit`).

* A wall-screen link, `?screen=<token>` (made by an admin, readiness.access.board_links): a
  read-only viewer named "Wall screen", held in board mode, without signing in, since a TV on a
  wall cannot. A revoked or mistyped token is refused, and a screen showing the board when its
  link is revoked shows the refusal within LINK_CHECK_SECONDS.
* Sign-in configured (`[auth]` in .streamlit/secrets.toml): Streamlit's st.login, OpenID Connect
  with the council's provider. The person is whoever the store lists with the signed-in email;
  someone signed in but not listed reads everything as a viewer.
* Otherwise local mode: one person, the local user (an admin), said on every page; refused on
  PostgreSQL, a shared service, unless config.toml's [access] allow_anonymous is set on purpose.

Every page passes `acting_person()` to the store's writes (`by=`), and the store refuses what
that person's role does not allow, whatever a page drew or a replayed widget asks for.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, NoReturn

import streamlit as st

from components import data
from components.safe_text import md
from readiness.access.roles import LOCAL_USER, Person, Role
from readiness.settings import Settings
from readiness.store import Store

# The wall-screen link's query parameter: http://server/?screen=<token>.
SCREEN_PARAM = "screen"
WALL_SCREEN = Person(email="wall-screen", name="Wall screen", role=Role.VIEWER)
# Whom a session acts as while it is not let in (signed out, or local mode refused): a viewer,
# whose every write the store refuses.
NOBODY = Person(email="", name="Nobody signed in", role=Role.VIEWER)
LOCAL_MODE = "Local mode: anyone who opens this page can change the plan."
# Pages pull their title up under the menu bar (components.layout.PAGE_CSS); the banner above
# the title is pushed down clear of the bar.
LOCAL_MODE_CSS = "<style>.st-key-local_mode { margin-top: 1.5rem; }</style>"
NOT_LISTED = "You can read everything; ask an admin for a role to change anything."
BAD_LINK = "This wall-screen link is not valid (revoked or mistyped); ask an admin for a new one."
ANONYMOUS_REFUSED = (
    "**Sign-in is not configured, and this database is PostgreSQL**, a shared service: without "
    "sign-in anyone who opens this page could change the plan. Configure sign-in (`[auth]` in "
    "`.streamlit/secrets.toml`, the README's *Sign-in* says how), or, if one person alone uses "
    "this server, set `allow_anonymous = true` in config.toml's `[access]`."
)
# A session reads its person again after this long: an admin's change of role reaches a tab
# left open within a minute, at one query a minute per open tab.
REREAD_SECONDS = 60
# How often a wall screen asks whether its link is still live. The board redraws itself in a
# fragment and never reruns the page, so without this a revoked link would show the board until
# someone reloaded the TV.
LINK_CHECK_SECONDS = 30
RELOAD = "<script>window.location.reload()</script>"

_LOOKED_UP_KEY = "_looked_up"  # (email, when read by time.monotonic, Person or None)
# components.filters' board-mode toggle, whose value board mode follows.
_BOARD_KEY = "board"

How = Literal["wall screen", "signed in", "not listed", "local", "signed out", "refused"]


@dataclass(frozen=True)
class Admitted:
    """The person this session acts as, and how they came in."""

    person: Person
    how: How


def sign_in_configured() -> bool:
    """Whether `[auth]` is in the secrets (no secrets file at all: not configured)."""
    return st.secrets.load_if_toml_exists() and "auth" in st.secrets


def admit(store: Store, settings: Settings) -> Admitted:
    """This session's person, or a page saying why not and the run stopped: for app.py, first."""
    admitted = _decide(store, settings)
    if admitted.how == "wall screen":
        _hold_on_the_board(store, st.query_params[SCREEN_PARAM])
    elif admitted.how == "signed out":
        _sign_in_screen(settings)
    elif admitted.how == "refused":
        _stop(ANONYMOUS_REFUSED)
    return admitted


def acting_person() -> Person:
    """The person this session acts as; every write in the pages passes it to the store.

    Decided afresh, not remembered from the run before: a widget's callback runs before app.py
    admits anyone, and a session signed out since must not write as whoever it was.
    """
    return _decide(data.store(), data.get_settings()).person


def _decide(store: Store, settings: Settings) -> Admitted:
    """Who this session is now, drawing nothing."""
    # Anyone holding a wall-screen address is at most a viewer; admit checks the link is live.
    if SCREEN_PARAM in st.query_params:
        return Admitted(WALL_SCREEN, "wall screen")
    if sign_in_configured():
        if not st.user.is_logged_in:
            return Admitted(NOBODY, "signed out")
        # Microsoft Entra ID puts the address in `email` only when that optional claim is set
        # up; its `preferred_username` is the sign-in name, the address in most councils.
        email = str(st.user.get("email") or st.user.get("preferred_username") or "")
        listed = _listed(store, email)
        if listed is not None:
            return Admitted(listed, "signed in")
        name = str(st.user.get("name") or email or "Signed-in user")
        return Admitted(Person(email=email, name=name, role=Role.VIEWER), "not listed")
    if store.engine.dialect.name == "postgresql" and not settings.access.allow_anonymous:
        return Admitted(NOBODY, "refused")
    return Admitted(LOCAL_USER, "local")


def _stop(words: str) -> NoReturn:
    st.error(words, icon=":material/block:")
    st.stop()


def _hold_on_the_board(store: Store, token: str) -> None:
    if not store.board_link_live(token):
        _stop(BAD_LINK)
    # Whatever page the address names or the toggle's state a browser sends, app.py shows the
    # board and runs no page.
    st.session_state[_BOARD_KEY] = True
    st.fragment(_check_link, run_every=LINK_CHECK_SECONDS)(store, token)


def _check_link(store: Store, token: str) -> None:
    if not store.board_link_live(token):
        # The browser loads the page afresh, which refuses the link. Not st.rerun(scope="app")
        # from here: a whole-page rerun started in a fragment left some screens blank (the
        # browser reported "Bad delta path index"), once the app's files had changed on disk.
        st.html(RELOAD, unsafe_allow_javascript=True)


def _listed(store: Store, email: str) -> Person | None:
    """The stored person for `email`, read once a session and again after REREAD_SECONDS or
    when the email changes (someone else signed in on this browser)."""
    state = st.session_state
    now = time.monotonic()
    looked_up = state.get(_LOOKED_UP_KEY)
    if looked_up is None or looked_up[0] != email or now - looked_up[1] > REREAD_SECONDS:
        looked_up = state[_LOOKED_UP_KEY] = (email, now, store.person(email) if email else None)
    return looked_up[2]


def _providers() -> list[str | None]:
    """The providers to offer: None for one set up in [auth] itself, else each named section
    ([auth.microsoft]) that holds a client_id."""
    auth = st.secrets["auth"]
    named = [
        name
        for name, section in auth.items()
        if isinstance(section, Mapping) and "client_id" in section
    ]
    return named if named and "client_id" not in auth else [None]


def _sign_in_screen(settings: Settings) -> NoReturn:
    st.title(settings.branding.app_title)
    st.write("Sign in with your council account to see the plan.")
    providers = _providers()
    for provider in providers:
        label = "Sign in" if len(providers) == 1 else f"Sign in with {provider}"
        if st.button(label, type="primary", key=f"sign_in_{provider}"):
            st.login(provider)
    st.stop()


def show_who(admitted: Admitted) -> None:
    """Who is signed in, their role and Sign out, in the sidebar; in local mode, the banner
    above the page."""
    if admitted.how == "local":
        with st.container(key="local_mode"):
            st.html(LOCAL_MODE_CSS)
            st.warning(LOCAL_MODE, icon=":material/lock_open:")
        return
    person = admitted.person
    with st.sidebar.container(key="signed_in"):
        st.markdown(f"**{md(person.name)}** · {person.role.label}")
        st.caption(md(person.email))
        if admitted.how == "not listed":
            st.caption(NOT_LISTED)
        st.button("Sign out", key="sign_out", icon=":material/logout:", on_click=st.logout)
