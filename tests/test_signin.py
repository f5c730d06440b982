"""Who may use the app, through Streamlit's AppTest: local mode said on every page and refused on
PostgreSQL unless allowed; with `[auth]` in the secrets (AppTest.secrets) and a user
(AppTest.user, which Streamlit 1.67's AppTest hands the app as st.user), the sign-in screen, a
listed person with their role, and someone not listed reading as a viewer who reaches no import,
save or delete by any route; and wall-screen links. The real provider and browser:
tests/test_signin_browser.py.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import streamlit as st
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from components.signin import ANONYMOUS_REFUSED, BAD_LINK, LOCAL_MODE, NOT_LISTED
from readiness.access.roles import LOCAL_USER, Role
from readiness.db.engine import make_engine
from readiness.db.models import ProgressUpdate
from readiness.demo.prepare import prepare_database
from readiness.settings import CONFIG_ENV, DATABASE_ENV
from tests.conftest import AS_AT, ROOT, open_app, progress_field, store_of

PAGES = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "views").glob("*.py"))
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-test-secret-of-more-than-32-characters",
    "client_id": "readiness-dashboard",
    "client_secret": "not-a-real-secret",
    "server_metadata_url": "https://login.example/.well-known/openid-configuration",
}
EDITOR_EMAIL = "eddie.edwards@marshcombe.example"
EDITOR = {"is_logged_in": True, "email": "Eddie.Edwards@Marshcombe.example", "name": "Eddie"}
VISITOR = {"is_logged_in": True, "email": "val@elsewhere.example", "name": "Val Visitor"}
SIGNED_OUT = {"is_logged_in": False}
# Expanders that hold a write (the checklist, inspection events, targets): opened, as a click
# on each would, before a viewer's pages are searched for anything that writes.
WRITE_EXPANDERS = (
    "checklist_edit",
    "inspection_event_adding",
    "inspection_event_removing",
    "kpi_targets_open",
)
# The pickers that open an action, its history and (for whoever may) its progress form.
OPENERS = ("plan_open_action", "my_open_action", "changes_open_action")
# Buttons that change nothing stored: signing out, and the board's previous, pause and next.
READING_BUTTONS = ("sign_out", "board_previous", "board_pause", "board_next")
PLAN = "views/plan.py"


@pytest.fixture(autouse=True)
def fresh_caches():
    """Settings and stores as each test's environment says (they are cached per server)."""
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


@pytest.fixture
def listed_url(demo_engine, sqlite_url) -> str:
    """A demo database of its own, where Eddie Edwards is an editor."""
    store_of(demo_engine).add_person(EDITOR_EMAIL, "Eddie Edwards", Role.EDITOR, by=LOCAL_USER)
    return sqlite_url


def app_with_sign_in(url: str, monkeypatch, user: dict, auth: dict = AUTH, **params) -> AppTest:
    """The app on `url` with `[auth]` configured, as `user` (st.user) sees it."""
    monkeypatch.setenv(DATABASE_ENV, url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["auth"] = auth
    at.user = dict(user)
    at.query_params.update({"as_at": AS_AT.isoformat(), **params})
    at.run()
    assert not at.exception, at.exception
    return at


def on(at: AppTest, page: str) -> AppTest:
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def each_page(at: AppTest) -> Iterator[str]:
    """Each page of views/ this session can reach, opened in turn (a page the app does not put
    in this session's navigation has no address to reach it by)."""
    for page in PAGES:
        try:
            at.switch_page(page)
        except ValueError:  # AppTest: "Could not find a navigation page"
            continue
        at.run()
        assert not at.exception, (page, at.exception)
        yield page


def sidebar_words(at: AppTest) -> list[str]:
    said = [m.value for m in at.sidebar.markdown] + [c.value for c in at.sidebar.caption]
    return [words.replace("\u2060", "").replace("\\", "") for words in said]


def elements(at: AppTest, kind: str) -> list:
    """Every element of `kind` drawn anywhere on the page, in forms and expanders too."""
    found, todo = [], [at._tree]
    while todo:
        node = todo.pop()
        if getattr(node, "type", None) == kind:
            found.append(node)
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            todo.extend(children.values())
    return found


def write_controls(at: AppTest) -> list[str]:
    """What on the page could change something: forms, file uploads, text and number fields,
    tick boxes, editable tables, and any button but READING_BUTTONS."""
    kinds = ("form", "file_uploader", "text_input", "text_area", "number_input", "checkbox")
    found = [
        f"{kind} {e.proto.form.form_id if kind == 'form' else e.label}"
        for kind in kinds
        for e in elements(at, kind)
    ]
    found += [f"button {b.label}" for b in elements(at, "button") if b.key not in READING_BUTTONS]
    found += [
        "editable table"
        for table in elements(at, "dataframe")
        if table.proto.editing_mode  # 0: read only
    ]
    return found


def open_everything(at: AppTest) -> AppTest:
    """Every write expander opened and the first action opened, as clicks would."""
    for key in WRITE_EXPANDERS:
        at.session_state[key] = True
    for picker in at.selectbox:
        if picker.key in OPENERS and picker.options:
            picker.select_index(0)
    at.run()
    assert not at.exception, at.exception
    return at


# --- Local mode --------------------------------------------------------------------------------


def test_local_mode_says_so_on_every_page(demo_url, monkeypatch):
    at = open_app(demo_url, monkeypatch)
    for page in each_page(at):
        assert [w.value for w in at.warning][0] == LOCAL_MODE, page
        assert not [b for b in at.button if b.label == "Sign out"]


@pytest.fixture
def postgres_demo(postgres_url) -> str:
    engine = make_engine(postgres_url)
    prepare_database(engine, AS_AT, demo=True)
    engine.dispose()
    return postgres_url


def test_local_mode_on_postgresql_is_refused_unless_allowed_on_purpose(
    postgres_demo, monkeypatch, tmp_path
):
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "none.toml"))  # the defaults
    at = open_app(postgres_demo, monkeypatch)
    for page in PAGES:  # by any page's address
        on(at, page)
        assert [e.value for e in at.error] == [ANONYMOUS_REFUSED], page
        assert "allow_anonymous = true" in ANONYMOUS_REFUSED
        assert not at.sidebar.children and not at.title and not elements(at, "file_uploader")

    allowed = tmp_path / "config.toml"
    allowed.write_text("[access]\nallow_anonymous = true\n", encoding="utf-8")
    monkeypatch.setenv(CONFIG_ENV, str(allowed))
    st.cache_resource.clear()
    at = open_app(postgres_demo, monkeypatch, "views/loading.py")
    assert not at.error
    assert at.warning[0].value == LOCAL_MODE
    assert elements(at, "file_uploader")  # the local user may load a plan


# --- Signed in ---------------------------------------------------------------------------------


def test_signed_out_every_page_is_the_sign_in_screen(demo_url, monkeypatch):
    at = app_with_sign_in(demo_url, monkeypatch, SIGNED_OUT)
    for page in PAGES:
        on(at, page)
        assert [t.value for t in at.title] == ["Inspection readiness"], page
        assert [b.label for b in at.button] == ["Sign in"]
        assert not at.sidebar.children and not at.warning and not at.metric
        assert not elements(at, "file_uploader") and not elements(at, "form")


def test_each_named_provider_has_its_button(demo_url, monkeypatch):
    shared = {key: AUTH[key] for key in ("redirect_uri", "cookie_secret")}
    client = {key: AUTH[key] for key in ("client_id", "client_secret", "server_metadata_url")}
    one = {**shared, "microsoft": client}
    at = app_with_sign_in(demo_url, monkeypatch, SIGNED_OUT, auth=one)
    assert [b.label for b in at.button] == ["Sign in"]
    two = {**shared, "microsoft": client, "google": client}
    at = app_with_sign_in(demo_url, monkeypatch, SIGNED_OUT, auth=two)
    assert [b.label for b in at.button] == ["Sign in with microsoft", "Sign in with google"]
    # The default provider's own settings table is not a provider.
    default = {**AUTH, "client_kwargs": {"prompt": "select_account"}}
    at = app_with_sign_in(demo_url, monkeypatch, SIGNED_OUT, auth=default)
    assert [b.label for b in at.button] == ["Sign in"]


def test_a_listed_person_is_named_with_their_role_and_can_write(listed_url, monkeypatch):
    at = app_with_sign_in(listed_url, monkeypatch, EDITOR)  # the address in another case
    said = sidebar_words(at)
    assert "**Eddie Edwards** · Editor" in said and EDITOR_EMAIL in said
    assert NOT_LISTED not in said and not [w for w in at.warning if w.value == LOCAL_MODE]
    assert [b.label for b in at.sidebar.button] == ["Sign out"]
    # What a viewer is checked for below is there for an editor: the checks can see it.
    assert any("file_uploader" in c for c in write_controls(on(at, "views/loading.py")))
    assert any(c.startswith("form") for c in write_controls(open_everything(on(at, PLAN))))
    inspection = write_controls(open_everything(on(at, "views/inspection.py")))
    assert "editable table" in inspection and "button Save the checklist" in inspection

    # Someone else signs in on this browser: read afresh, not the editor kept from before.
    at.user = dict(VISITOR)
    at.run()
    assert "**Val Visitor** · Viewer" in sidebar_words(at)


def test_someone_not_listed_reads_everything_and_reaches_no_write(demo_url, monkeypatch):
    at = app_with_sign_in(demo_url, monkeypatch, VISITOR)
    said = sidebar_words(at)
    assert "**Val Visitor** · Viewer" in said and NOT_LISTED in said
    for page in each_page(at):
        assert write_controls(open_everything(at)) == [], page
    # The Data page still gives them the plan to read: its exports, not its imports.
    assert elements(on(at, "views/loading.py"), "download_button")


def test_a_save_replayed_after_the_session_became_a_viewer_stores_nothing(listed_url, monkeypatch):
    """The editor's Save, pressed again once the session is a viewer's (signed in as someone
    else: its callback, kept from the editor's run, still runs): nothing is stored."""
    at = open_everything(on(app_with_sign_in(listed_url, monkeypatch, EDITOR), PLAN))
    progress_field(at, "text", prefix="plan").input("Replayed: supervision audit done.")
    save = next(b for b in at.button if b.label == "Save update")
    engine = make_engine(listed_url)
    with engine.connect() as conn:
        before = conn.scalar(select(func.count()).select_from(ProgressUpdate))
    at.user = dict(VISITOR)
    save.click().run()
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(ProgressUpdate)) == before
    engine.dispose()
    assert not at.exception, at.exception
    assert "**Val Visitor** · Viewer" in sidebar_words(at)
    assert write_controls(at) == []
    assert "Val Visitor (Viewer) cannot record progress" in at.error[0].value  # and is told


# --- Wall-screen links -------------------------------------------------------------------------


def test_a_wall_screen_link_shows_the_board_only_and_no_sign_in(
    demo_engine, sqlite_url, monkeypatch
):
    store = store_of(demo_engine)
    token = store.make_board_link("Reception TV", by=LOCAL_USER)
    at = app_with_sign_in(sqlite_url, monkeypatch, SIGNED_OUT, screen=token)
    board = "\n".join(h.proto.body for h in at.get("html"))
    assert 'class="board-position"' in board
    assert 'class="board-exit"' not in board  # no way off the board on a wall screen
    assert not at.sidebar.children and not [b for b in at.button if b.label == "Sign in"]
    assert not at.warning  # the link's own parameter is not "something it does not read"
    # Neither another page's address nor the board toggle sent as off leaves the board.
    for page in each_page(at):
        at.toggle(key="board").set_value(False).run()
        assert 'class="board-position"' in "\n".join(h.proto.body for h in at.get("html")), page
        assert write_controls(at) == [], page

    store.revoke_board_link(store.board_links()[0]["id"], by=LOCAL_USER)
    at.run()
    assert [e.value for e in at.error] == [BAD_LINK]
    assert 'class="board-position"' not in "\n".join(h.proto.body for h in at.get("html"))


def test_a_mistyped_wall_screen_link_is_refused(demo_url, monkeypatch):
    at = open_app(demo_url, monkeypatch, screen="not-a-token")
    assert [e.value for e in at.error] == [BAD_LINK]
    assert not at.sidebar.children and not at.get("html") and not at.warning
