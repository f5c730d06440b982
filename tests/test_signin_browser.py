"""Sign-in for real: a real OpenID Connect provider on localhost (oidc-provider-mock), the app
served with `[auth]` pointing at it, and Debian's Chromium going through the whole redirect
flow, as a council officer does with Microsoft Entra ID. Also wall-screen links, which open the
board without signing in.

The provider's authorize page asks for a subject ("sub"); the users below are set up on it with
their email and name, as a council's directory holds them. The app's secrets.toml is written in
the test's own folder and given to Streamlit with `--secrets.files`, never in the project's
.streamlit/.
"""

from __future__ import annotations

import contextlib
import re
import secrets
import time
import warnings
from datetime import date

import itsdangerous
import pytest
from playwright.sync_api import BrowserContext, Page, expect
from sqlalchemy import func, select

from components.signin import LINK_CHECK_SECONDS
from readiness.access.roles import LOCAL_USER, Role
from readiness.db.engine import make_engine
from readiness.db.models import ProgressUpdate
from readiness.settings import Settings
from readiness.store import Store
from tests.browser_support import chromium, require_chromium, serve, settled

# oidc-provider-mock 0.3.4, the newest for Python 3.11, calls Authlib APIs that Authlib has
# deprecated: the provider's own business, not the app's (which runs in its own process), so
# those warnings are ignored as it is imported and while the tests run.
with warnings.catch_warnings():
    import authlib.deprecate  # noqa: F401  (it sets its warnings to "always" as it is imported)

    warnings.simplefilter("ignore", DeprecationWarning)
    from oidc_provider_mock import User, run_server_in_thread

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore::DeprecationWarning")]
require_chromium()

WAIT_MS = 60_000
expect.set_options(timeout=WAIT_MS)
AS_AT = date(2026, 11, 22)
EDITOR = User(sub="eddie", claims={"email": "Eddie.Edwards@marshcombe.example", "name": "Eddie"})
VISITOR = User(sub="val", claims={"email": "val@elsewhere.example", "name": "Val Visitor"})
COOKIE_SECRET = secrets.token_urlsafe(32)
# Streamlit's identity cookie (streamlit.web.server.starlette.starlette_server_config): its value
# is the user's claims, signed with the cookie secret and the time it was signed.
USER_COOKIE = "_streamlit_user"
# The browser keeps the cookie 30 days (its Max-Age); the server takes none signed more than 31
# days ago, whatever a browser sends (starlette_app_utils.decode_signed_value).
STALE_DAYS = 32


@pytest.fixture(scope="module")
def provider():
    """The OpenID Connect provider, on a free port on this machine; its base URL."""
    with run_server_in_thread(port=0, user_claims=[EDITOR, VISITOR]) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture(scope="module")
def app(provider, tmp_path_factory):
    """The app, with sign-in through `provider`: (its base URL, its store, a live wall-screen
    token, a revoked one)."""
    folder = tmp_path_factory.mktemp("signin_app")
    database_url = serve.demo_database(folder, AS_AT)
    store = Store(make_engine(database_url), Settings())
    store.add_person(EDITOR.claims["email"], "Eddie Edwards", Role.EDITOR, by=LOCAL_USER)
    live = store.make_board_link("Reception TV", by=LOCAL_USER)
    revoked = store.make_board_link("Old TV", by=LOCAL_USER)
    store.revoke_board_link(_link_id(store, "Old TV"), by=LOCAL_USER)
    port = serve.free_port()
    secrets_file = folder / "secrets.toml"
    secrets_file.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{COOKIE_SECRET}"\n'
        'client_id = "readiness-dashboard"\n'
        'client_secret = "not-a-real-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n'
    )
    with serve.serve_app(
        database_url,
        log_path=folder / "streamlit.log",
        port=port,
        args=["--secrets.files", str(secrets_file)],
    ) as url:
        yield url, store, live, revoked
    store.engine.dispose()


def _link_id(store: Store, label: str) -> int:
    return next(link["id"] for link in store.board_links() if link["label"] == label)


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


@pytest.fixture
def context(browser, tmp_path) -> BrowserContext:
    """A browser of its own (no cookies from another test); its last page is saved as
    `<tmp_path>/final.png`."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.set_default_timeout(WAIT_MS)
    yield context
    with contextlib.suppress(Exception):
        context.pages[-1].screenshot(path=str(tmp_path / "final.png"), full_page=True)
    context.close()


@pytest.fixture
def page(context) -> Page:
    return context.new_page()


def sidebar_text(page: Page) -> str:
    """The sidebar's text as read (without the word joiners components.safe_text adds)."""
    return page.locator('[data-testid="stSidebar"]').inner_text().replace("\u2060", "")


def expect_sign_in_screen(page: Page) -> None:
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    settled(page)
    expect(page.locator('[data-testid="stSidebar"]')).to_have_count(0)
    expect(page.get_by_text("Improvement plan")).to_have_count(0)


def sign_in(page: Page, base: str, provider: str, user: User) -> None:
    """From the sign-in screen, through the provider's authorize page, back to the app."""
    page.goto(f"{base}/?as_at={AS_AT.isoformat()}")
    expect_sign_in_screen(page)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{provider}/oauth2/authorize?**")
    page.get_by_placeholder("sub").fill(user.sub)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{base}/**")
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text(str(user.claims["name"]))
    settled(page)


def test_an_editor_signs_in_through_the_provider_and_is_named_with_their_role(page, app, provider):
    base, _store, _live, _revoked = app
    sign_in(page, base, provider, EDITOR)
    said = sidebar_text(page)
    # The name the council keeps for them, their role, and the address they signed in with.
    assert "Eddie Edwards · Editor" in said
    assert "eddie.edwards@marshcombe.example" in said
    assert "Local mode" not in page.inner_text("body")
    # An editor loads plans: the Data page offers the file.
    page.get_by_role("link", name="Data").click()
    expect(page.locator('[data-testid="stFileUploader"]').first).to_be_visible()


def test_someone_not_on_the_list_reads_as_a_viewer_without_import_or_save(page, app, provider):
    base, _store, _live, _revoked = app
    sign_in(page, base, provider, VISITOR)
    said = sidebar_text(page)
    assert "Val Visitor · Viewer" in said and "val@elsewhere.example" in said
    assert "ask an admin for a role to change anything" in said
    page.goto(f"{base}/data?as_at={AS_AT.isoformat()}")
    expect(page.get_by_role("heading", name="Data")).to_be_visible()
    settled(page)
    expect(page.locator('[data-testid="stFileUploader"]')).to_have_count(0)
    expect(
        page.get_by_role("button", name=re.compile("Save|Import|Store|Remove|Delete"))
    ).to_have_count(0)
    # An action opened: its history, and no form to record progress on it.
    open_first_action(page, base)
    expect(page.locator('[data-testid="stMain"] li').first).to_be_visible()
    expect(page.get_by_label("What has happened since the last update?")).to_have_count(0)
    expect(page.get_by_role("button", name="Save update")).to_have_count(0)


def test_sign_out_returns_to_the_sign_in_screen(page, app, provider):
    base, _store, _live, _revoked = app
    sign_in(page, base, provider, EDITOR)
    page.get_by_role("button", name="Sign out").click()
    # The provider's end-session page: Streamlit signs the person out there too.
    page.wait_for_url(f"{provider}/oauth2/end_session?**")
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(f"{base}/**")
    expect_sign_in_screen(page)
    # Signed out for good: a new tab in the same browser is not let in either.
    again = page.context.new_page()
    again.goto(base)
    expect_sign_in_screen(again)


def _resigned(value: str, age_days: float) -> str:
    """Streamlit's identity cookie `value` signed again as if `age_days` ago."""
    serializer = itsdangerous.URLSafeTimedSerializer(COOKIE_SECRET, salt=USER_COOKIE)
    claims = serializer.loads(value)

    class Then(itsdangerous.TimestampSigner):
        def get_timestamp(self) -> int:
            return int(time.time() - age_days * 86400)

    return itsdangerous.URLSafeTimedSerializer(COOKIE_SECRET, salt=USER_COOKIE, signer=Then).dumps(
        claims
    )


def test_an_expired_session_shows_the_sign_in_screen_again(page, context, app, provider):
    """A session is Streamlit's signed identity cookie: the provider's tokens are used once, at
    sign-in. It ends when the browser drops the cookie (after 30 days), and the server refuses
    one signed more than 31 days ago, so a copied or kept cookie cannot outlive that."""
    base, _store, _live, _revoked = app
    sign_in(page, base, provider, EDITOR)
    [cookie] = [c for c in context.cookies() if c["name"] == USER_COOKIE]

    def reopen_with(value: str) -> None:
        context.clear_cookies()
        context.add_cookies([{**cookie, "value": value}])
        page.goto(f"{base}/?as_at={AS_AT.isoformat()}")

    # The same claims signed an hour ago: still signed in (so the signing below is the server's).
    reopen_with(_resigned(cookie["value"], 1 / 24))
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("Eddie Edwards")
    reopen_with(_resigned(cookie["value"], STALE_DAYS))
    expect_sign_in_screen(page)
    # And the browser's own expiry: no cookie at all.
    context.clear_cookies()
    page.goto(f"{base}/?as_at={AS_AT.isoformat()}")
    expect_sign_in_screen(page)


def test_a_live_wall_screen_link_opens_the_board_without_signing_in(page, app):
    base, _store, live, _revoked = app
    page.goto(f"{base}/?screen={live}")
    expect(page.locator(".board-position")).to_contain_text(" of ")
    settled(page)
    expect(page.get_by_role("button", name="Sign in")).to_have_count(0)
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    expect(page.get_by_text("is not something this dashboard reads")).to_have_count(0)
    # A page named in the address still shows the board: the link opens nothing else.
    page.goto(f"{base}/data?screen={live}")
    expect(page.locator(".board-position")).to_contain_text(" of ")
    settled(page)
    expect(page.locator('[data-testid="stFileUploader"]')).to_have_count(0)


def test_a_revoked_or_mistyped_wall_screen_link_is_refused(page, app):
    base, _store, live, revoked = app
    for token in (revoked, live[:-2]):
        page.goto(f"{base}/?screen={token}")
        expect(page.get_by_text("This wall-screen link is not valid")).to_be_visible()
        settled(page)
        expect(page.locator(".board-position")).to_have_count(0)
        expect(page.get_by_role("button", name="Sign in")).to_have_count(0)


@pytest.mark.slow  # waits for the screen's next check, LINK_CHECK_SECONDS
def test_a_screen_showing_the_board_is_refused_once_its_link_is_revoked(page, app):
    base, store, _live, _revoked = app
    token = store.make_board_link("Meeting room", by=LOCAL_USER)
    page.goto(f"{base}/?screen={token}")
    expect(page.locator(".board-position")).to_contain_text(" of ")
    store.revoke_board_link(_link_id(store, "Meeting room"), by=LOCAL_USER)
    expect(page.get_by_text("This wall-screen link is not valid")).to_be_visible(
        timeout=(LINK_CHECK_SECONDS + 60) * 1000
    )
    expect(page.locator(".board-position")).to_have_count(0)


# --- A replayed save ---------------------------------------------------------------------------

OPENER = "Open an action to see its history and record progress"
NOTE = "Audit of supervision records completed."


def updates_stored(store: Store) -> int:
    with store.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(ProgressUpdate))


def open_first_action(page: Page, base: str) -> None:
    page.goto(f"{base}/plan?as_at={AS_AT.isoformat()}")
    page.get_by_role("combobox", name=OPENER).click()
    page.get_by_role("option").first.click()
    settled(page)


def replaying(page: Page) -> list:
    """Route the page's connection to the app through the test, which can then send the app a
    message of its own (the list holds the connection, once open)."""
    held: list = []
    page.route_web_socket(
        re.compile(r"/_stcore/stream"), lambda ws: held.append(ws.connect_to_server())
    )
    return held


def test_a_save_replayed_by_a_viewer_stores_nothing(browser, app, provider):
    """The message an editor's browser sent to save an update, sent again byte for byte from a
    viewer's browser on the same action, stores nothing; sent from another editor's, it stores
    the update again (so a replay does reach the app, and only the role stops it)."""
    base, store, _live, _revoked = app
    contexts = [browser.new_context(viewport={"width": 1366, "height": 900}) for _ in range(3)]
    for context in contexts:
        context.set_default_timeout(WAIT_MS)
    editor, viewer, second = (context.new_page() for context in contexts)
    try:
        sent: list = []
        editor.on("websocket", lambda ws: ws.on("framesent", lambda frame: sent.append(frame)))
        sign_in(editor, base, provider, EDITOR)
        open_first_action(editor, base)
        editor.get_by_label("What has happened since the last update?").fill(NOTE)
        before = updates_stored(store)
        editor.get_by_role("button", name="Save update").click()
        expect(editor.get_by_text(re.compile("^Update saved"))).to_be_visible()
        assert updates_stored(store) == before + 1
        [save] = [f for f in sent if isinstance(f, bytes) and NOTE.encode() in f]

        for tab, user in ((viewer, VISITOR), (second, EDITOR)):
            held = replaying(tab)
            sign_in(tab, base, provider, user)
            open_first_action(tab, base)
            stored = updates_stored(store)
            held[-1].send(save)
            tab.wait_for_timeout(1_000)
            settled(tab)
            added = updates_stored(store) - stored
            assert added == (0 if user is VISITOR else 1), user.sub
            expect(tab.get_by_text(re.compile("^Update saved"))).to_have_count(added)
    finally:
        for context in contexts:
            context.close()
