"""The hostile plan (tests/hostile_plan.py) in a real browser: plan text is only ever text.

The plan is imported through the command line into a new SQLite file (after an earlier plan
whose title is a hostile file name), and one app process serves every test of this module.
Each page is opened in Debian's Chromium at 1366×768 and at 1920×1080, and on each we check
that no request leaves for another host (every such request is also blocked, so nothing leaves
the machine), that no element from the plan exists in the page, that the hostile text shows as
the very characters written, that nothing widens the page, and that the page's title and
opacity are the app's own. Screenshots (the screen, then the whole page) are saved in a
temporary folder (or in $HOSTILE_SCREENSHOTS) whose path the module prints, with the figures, at
the end (run with -s to see it).
"""

from __future__ import annotations

import io
import os
import re
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from readiness.cli.main import main
from readiness.plan.importing import read_plan
from readiness.settings import load_settings
from readiness.text import NAME_MAX
from tests import hostile_plan as hp
from tests.conftest import AS_AT, ROOT

sys.path.insert(0, str(ROOT / "scripts"))

import serve  # noqa: E402

QUERY = f"as_at={AS_AT.isoformat()}"
WAIT_MS = 90_000  # a busy machine renders a 10,000-character plan slowly
SIZES = [(1366, 768), (1920, 1080)]
SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]
FULL_PAGE_LIMIT = 16_000  # pixels: the longest whole-page screenshot taken
EXCEPTION = '[data-testid="stException"]'
SKELETON = '[data-testid="stSkeleton"]'
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
APP_TITLE = load_settings().branding.app_title


# --- The plan on disk and in the app, no browser needed -------------------------------------


def test_the_hostile_plan_imports_whole(tmp_path):
    """Every hostile field survives the importer, long fields at 10,000 characters."""
    result = read_plan(hp.write_hostile_plan(tmp_path), imported_on=AS_AT)
    plan = result.plan
    assert plan.title.startswith(hp.IMAGE_MD) and len(plan.title) == 300
    recs = plan.recommendations
    actions = [a for r in recs for t in r.themes for a in t.actions]
    assert [r.ref for r in recs] == ["REC 1", "REC 2", "AFD 1", "APA 1"]
    assert len(actions) == 7
    assert len(recs[0].text) == len(recs[0].themes[0].text) == hp.FIELD_LENGTH
    first = actions[0]
    assert len(first.text) == len(first.evidence) == len(first.updates[0].text) == hp.FIELD_LENGTH
    assert len(actions[2].due_text) == hp.FIELD_LENGTH and actions[2].due is None
    assert hp.LONG_ADDRESS in first.text
    for payload in (*hp.HTML[:-1], *hp.MARKDOWN, *hp.FORMULAS):
        assert payload in first.text, payload
    assert "# Heading one\n" in first.text  # its lines are kept
    names = plan.lead_names
    assert hp.LEAD_EVE in names and hp.LEAD_FORMULA in names
    assert all(len(name) <= NAME_MAX for name in names)
    assert not any(re.search(r"[\u200b\u202e\u2066\ufeff]", a.text) for a in actions)


def test_a_disguised_rebecca_hollis_is_the_same_lead(tmp_path):
    """Invisible characters inside a name ("Reb<ZWSP>ecca Hol<RLO>lis") make no second lead."""
    plan = read_plan(hp.write_hostile_plan(tmp_path), imported_on=AS_AT).plan
    action_four = plan.recommendations[1].themes[0].actions[0]
    assert action_four.service_leads == [hp.LEAD_EVE, hp.REBECCA]


def test_rebecca_hollis_with_a_zero_width_space_is_one_lead(tmp_path):
    """A zero-width space typed for the space ("Rebecca<ZWSP>Hollis") makes no second lead."""
    plan = read_plan(hp.write_hostile_plan(tmp_path), imported_on=AS_AT).plan
    rebeccas = sorted(n for n in plan.lead_names if "rebecca" in n.casefold())
    assert rebeccas == [hp.REBECCA]


# --- The browser ----------------------------------------------------------------------------

in_chromium = pytest.mark.browser


@dataclass
class Figures:
    """What the module saw, printed at its end."""

    pages: list[str] = field(default_factory=list)
    requests: int = 0
    blocked: list[str] = field(default_factory=list)
    blocked_in_self_check: int = 0
    started: float = field(default_factory=time.monotonic)


FIGURES = Figures()


def _import(path: Path, url: str, *extra: str) -> None:
    out = io.StringIO()
    args = ["import-plan", str(path), "--db", url, "--yes", "--imported-on", AS_AT.isoformat()]
    assert main([*args, *extra], out) == 0, out.getvalue()


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory):
    """The app serving the hostile plan (current) and the earlier plan; yields its base URL."""
    FIGURES.started = time.monotonic()
    folder = tmp_path_factory.mktemp("hostile_app")
    url = f"sqlite:///{folder / 'readiness.db'}"
    _import(hp.write_earlier_plan(folder), url)
    _import(hp.write_hostile_plan(folder), url, "--as-new-plan", "--council", hp.COUNCIL)
    with serve.serve_app(url, log_path=folder / "streamlit.log") as base:
        yield base


@pytest.fixture(scope="module")
def uploads(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile_uploads")
    return {
        "changed": hp.write_hostile_plan(folder, hp.UPLOAD_FILE, "changed"),
        "broken": hp.write_hostile_plan(folder, hp.BROKEN_FILE, "broken"),
    }


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    """The screenshots' folder: a temporary one, or HOSTILE_SCREENSHOTS to keep them."""
    kept = os.environ.get("HOSTILE_SCREENSHOTS")
    folder = Path(kept) if kept else tmp_path_factory.mktemp("hostile_screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    yield folder
    seconds = time.monotonic() - FIGURES.started
    summary = (
        f"Hostile plan in Chromium: {len(FIGURES.pages)} page views checked "
        f"({', '.join(FIGURES.pages)}); {FIGURES.requests} requests, "
        f"{len(FIGURES.blocked)} to other hosts blocked {sorted(set(FIGURES.blocked))} "
        f"(and {FIGURES.blocked_in_self_check} in the checks' self-check); "
        f"{seconds:.0f} s. Screenshots: {folder}"
    )
    (folder / "figures.txt").write_text(summary + "\n")
    print(f"\n{summary}")


@pytest.fixture(scope="module")
def browser():
    if not serve.CHROMIUM.exists():
        pytest.skip(f"{serve.CHROMIUM} not found (apt-get install chromium)")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(serve.CHROMIUM), args=serve.CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Tab:
    """A browser tab at one size, and everything it asked the network for."""

    page: Page
    size: tuple[int, int]
    app_host: str
    shots: Path
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.size[0]}x{self.size[1]}"


@pytest.fixture(params=SIZES, ids=SIZE_IDS)
def tab(request, browser, hostile_app, shots):
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height})
    context.set_default_timeout(WAIT_MS)
    host = urllib.parse.urlsplit(hostile_app).netloc
    page = context.new_page()
    tab = Tab(page, (width, height), host, shots)

    def route(route_):
        # Nothing may leave the machine: a request for any other host is recorded and refused.
        if urllib.parse.urlsplit(route_.request.url).netloc != host:
            tab.blocked.append(route_.request.url)
            route_.abort()
        else:
            route_.continue_()

    context.route("**/*", route)
    page.on("request", lambda r: tab.requests.append(r.url))

    def dialog(d):
        tab.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    yield tab
    FIGURES.requests += len(tab.requests)
    FIGURES.blocked += tab.blocked
    context.close()


def settle(page: Page) -> None:
    """Wait until the script has finished its run and every element has loaded."""
    page.locator(IDLE).wait_for(state="attached")
    expect(page.locator(SKELETON)).to_have_count(0, timeout=WAIT_MS)
    page.wait_for_timeout(300)  # the last delta drawn
    page.locator(IDLE).wait_for(state="attached")


# Everything that would exist only if plan text had become markup, as one script's findings.
_INJECTED = """(markers) => {
  const found = [];
  const add = (what, el) => found.push(what + ': ' + el.outerHTML.slice(0, 120));
  for (const m of markers) {
    for (const el of document.querySelectorAll(`[id="${m}"], .${m}`)) add('marker ' + m, el);
  }
  for (const el of document.querySelectorAll(
    '[id^="injected"], [class^="injected"], [src*="evil.invalid"], [href*="evil.invalid"], ' +
    '[action*="evil.invalid"], [data*="evil.invalid"], a[href^="javascript"], ' +
    'input[type=password], form[action], iframe, object, embed, base, meta[http-equiv], ' +
    '.katex, .katex-display, math, blockquote')) add('element', el);
  const app = document.querySelectorAll('[data-testid="stMain"], [data-testid="stSidebar"]');
  for (const root of app) {
    for (const el of root.querySelectorAll('img, script, link, svg[id], svg[onload]')) {
      add('in the app', el);
    }
    for (const el of root.querySelectorAll('style')) {
      if (/opacity/.test(el.textContent)) add('style', el);
    }
    for (const el of root.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
      if (/^\\s*Heading (one|two)/.test(el.textContent)) add('heading', el);
    }
    for (const el of root.querySelectorAll('strong, b, em, i, del, s, code, li')) {
      const text = el.textContent.trim();
      if (['bold', 'Bold', 'more', 'italic', 'struck', 'code', 'list item', 'numbered item',
           'Red', 'red text', 'Nobody', 'Nearly', 'upload', 'plan'].includes(text)) {
        add('markdown', el);
      }
    }
  }
  for (const el of document.querySelectorAll('[data-testid="stIconMaterial"]')) {
    if (el.textContent.trim() === 'rocket_launch') add('icon', el);
  }
  for (const el of document.querySelectorAll('script:not([src])')) {
    if (/evil|pwned|alert/.test(el.textContent)) add('script', el);
  }
  for (const el of document.querySelectorAll('script[src]')) {
    if (new URL(el.src).host !== location.host) add('script', el);
  }
  return found;
}"""

_LAYOUT = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const side = document.querySelector('[data-testid="stSidebarContent"]');
  const opacity = (el) => el ? getComputedStyle(el).opacity : '1';
  const cells = [...document.querySelectorAll('table.plan-table td')];
  // Anything reaching past the content column's right edge, into its margin or beyond: the
  // outermost such element of each, so one wide table is one finding.
  const column = document.querySelector('[data-testid="stMainBlockContainer"]');
  const spill = [];
  if (column) {
    const edge = column.getBoundingClientRect().right
      - parseFloat(getComputedStyle(column).paddingRight) + 1;
    const past = (el) => el.getBoundingClientRect().right > edge;
    // The data grid draws on a canvas, with helpers of its own a few pixels past its edge.
    const grid = '[data-testid="stDataFrame"] *';
    for (const el of column.querySelectorAll('*')) {
      if (past(el) && !past(el.parentElement) && !el.matches(grid)) {
        const what = el.getAttribute('data-testid') || el.className.toString().slice(0, 40);
        spill.push(`${el.tagName.toLowerCase()} ${what} ends at ` +
          `${Math.round(el.getBoundingClientRect().right)} px, past ${Math.round(edge)} px`);
      }
    }
  }
  return {
    spill: spill,
    title: document.title,
    page: [document.documentElement.scrollWidth, window.innerWidth],
    main: main ? [main.scrollWidth, main.clientWidth] : [0, 0],
    sidebar: side ? [side.scrollWidth, side.clientWidth] : [0, 0],
    opacity: [opacity(document.body), opacity(main), opacity(cells[0])],
    text: document.body.innerText,
    height: main ? main.scrollHeight : 0,
  };
}"""


def _host(url: str) -> str:
    return urllib.parse.urlsplit(url).hostname or ""


def _shown(text: str) -> str:
    """Text as a reader sees it: word joiners gone, every run of spacing one space."""
    return " ".join(text.replace("\u2060", "").replace("\u00a0", " ").split())


def page_problems(tab: Tab, texts: tuple[str, ...]) -> tuple[list[str], dict]:
    """What is wrong with the page as it stands, in words (none: all is well), and its layout."""
    page = tab.page
    problems: list[str] = page.evaluate(_INJECTED, list(hp.MARKERS))
    layout = page.evaluate(_LAYOUT)
    shown = _shown(layout["text"])
    for text in texts:
        if _shown(text) not in shown:
            problems.append(f"not shown as text: {text[:80]!r}")
    if "\U0001f680" in shown:
        problems.append("the :rocket: shortcode was drawn as an emoji")
    if layout["title"] != APP_TITLE:
        problems.append(f"the page title is {layout['title']!r}, not {APP_TITLE!r}")
    if layout["opacity"] != ["1", "1", "1"]:
        problems.append(f"opacity of body, main, first table cell: {layout['opacity']}")
    problems += [f"wider than the page's column: {spill}" for spill in layout["spill"]]
    for where in ("page", "main", "sidebar"):
        wide, room = layout[where]
        if wide > room + 1:
            problems.append(f"the {where} is {wide} px wide in {room} px: it scrolls sideways")
    away = [u for u in tab.requests if urllib.parse.urlsplit(u).netloc != tab.app_host]
    if away:
        problems.append(f"requests to other hosts: {away}")
    if any(_host(u).endswith(hp.EVIL_HOST) for u in tab.requests + tab.blocked):
        problems.append(f"{hp.EVIL_HOST} was asked for")
    if tab.dialogs:
        problems.append(f"dialogs opened: {tab.dialogs}")
    if page.locator(EXCEPTION).count():
        problems.append("an exception is shown")
    return problems, layout


def check_page(tab: Tab, name: str, texts: tuple[str, ...]) -> None:
    """Every check of one page view, once it has settled; the screen and the whole page are
    saved first."""
    page = tab.page
    settle(page)
    FIGURES.pages.append(f"{name}@{tab.label}")
    stem = f"{name}-{tab.label}"
    page.screenshot(path=str(tab.shots / f"{stem}.png"))
    problems, layout = page_problems(tab, texts)
    # The whole page: the viewport made as tall as the page, then put back.
    height = min(int(layout["height"]) + 200, FULL_PAGE_LIMIT)
    if height > tab.size[1]:
        page.set_viewport_size({"width": tab.size[0], "height": height})
        page.wait_for_timeout(500)
        page.screenshot(path=str(tab.shots / f"{stem}-full.png"))
        page.set_viewport_size({"width": tab.size[0], "height": tab.size[1]})
    assert not problems, f"{name} at {tab.label}:\n" + "\n".join(problems)


def open_url(tab: Tab, path: str, wait_for: str) -> Page:
    tab.page.goto(f"http://{tab.app_host}{path}")
    tab.page.get_by_text(wait_for).first.wait_for()
    return tab.page


@in_chromium
def test_overview(tab):
    open_url(tab, f"/?{QUERY}", "Overdue actions")
    check_page(tab, "overview", (hp.IMAGE_MD, hp.IMAGE_MD + " Recommendation one"))


@in_chromium
def test_improvement_plan_expanded(tab):
    page = open_url(tab, f"/plan?{QUERY}", "Expand all")
    settle(page)
    page.get_by_text("Expand all").click()  # the label: the switch itself sits under it
    expect(page.locator('[data-testid="stExpander"] table').first).to_be_visible(timeout=WAIT_MS)
    expect(page.locator('[data-testid="stExpander"] table')).to_have_count(5, timeout=WAIT_MS)
    check_page(
        tab, "plan", (hp.IMAGE_MD + " Theme one", f"Service lead: {hp.LEAD_EVE}", hp.LONG_ADDRESS)
    )


@in_chromium
def test_my_actions_for_a_hostile_lead_with_one_action_open(tab):
    lead = urllib.parse.quote(hp.LEAD_EVE)
    page = open_url(tab, f"/my-actions?{QUERY}&lead={lead}", "Tick the box at the start of a row")
    settle(page)
    check_page(tab, "my-actions", (hp.LEAD_EVE, f"led by {hp.LEAD_EVE}"))
    grid = page.locator('[data-testid="stDataFrame"]')
    grid.scroll_into_view_if_needed()
    # The grid is drawn on a canvas. A click on a cell only selects that cell; a row is chosen
    # by its box at the left edge. The second row (under the 35-pixel heading row and the first
    # row; the rows are as tall as the longest text needs, up to a limit) is action one: 10,000
    # characters, with a 10,000-character theme and progress note, and a 400-character address
    # with no space in it.
    rows = grid.locator("tbody tr").count()
    row_height = (grid.bounding_box()["height"] - 35) / rows
    grid.click(position={"x": 16, "y": 35 + row_height * 1.5})
    detail = page.locator('[data-testid="stForm"]')
    expect(detail).to_be_visible(timeout=WAIT_MS)
    heading = page.locator('[data-testid="stMain"] h3').filter(has_text="Action one")
    expect(heading).to_be_visible(timeout=WAIT_MS)
    detail.scroll_into_view_if_needed()
    check_page(
        tab,
        "my-actions-open",
        (hp.IMAGE_MD + " Action one", hp.IMAGE_MD + " Progress note one", "Record progress"),
    )


@in_chromium
def test_data_page_with_uploads(tab, uploads):
    page = open_url(tab, f"/data?{QUERY}", "Stored plans")
    title = hp.TITLE[:120]
    earlier = hp.EARLIER_FILE.removesuffix(".xlsx")
    check_page(tab, "data", (title, earlier))
    # The other stored plan, in the list that makes it current again. Scrolled to first, as a
    # person does: a list opened by a click that also scrolls the page closes again at once.
    switch = page.get_by_role("combobox", name="Make another stored plan")
    switch.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    switch.click()
    expect(page.get_by_role("option").first).to_be_visible(timeout=WAIT_MS)
    check_page(tab, "data-switch", (earlier,))
    page.keyboard.press("Escape")

    # The plan's uploader: the first on the Data page (the indicators' follow it).
    uploader = page.locator('[data-testid="stFileUploader"] input[type=file]').first
    uploader.set_input_files(str(uploads["broken"]))
    expect(page.get_by_text("Nothing was stored.").first).to_be_visible(timeout=WAIT_MS)
    check_page(tab, "data-problems", (f"in {hp.BROKEN_FILE}", hp.BAD_STATUS))

    uploader.set_input_files(str(uploads["changed"]))
    expect(page.get_by_text("Store this plan")).to_be_visible(timeout=WAIT_MS)
    page.get_by_text("to check (the file can still be stored)").click()
    check_page(
        tab,
        "data-preview",
        (
            hp.UPLOAD_FILE,
            hp.IMAGE_MD + " Action two reworded",
            hp.IMAGE_MD + " Due wording changed",
        ),
    )


@in_chromium
def test_a_hostile_link(tab):
    lead = urllib.parse.quote(hp.LINK_LEAD)
    as_at = urllib.parse.quote(hp.LINK_AS_AT)
    open_url(tab, f"/?lead={lead}&as_at={as_at}", "Overdue actions")
    check_page(
        tab,
        "link",
        (f"lead officer “{hp.LINK_LEAD}”", f"as-at date “{hp.LINK_AS_AT}” is not a date"),
    )


@in_chromium
@pytest.mark.parametrize("tab", [SIZES[0]], ids=SIZE_IDS[:1], indirect=True)
def test_the_checks_see_an_injection(tab):
    """The checks are not blind: the plan's HTML put into the page by hand is found."""
    page = open_url(tab, f"/data?{QUERY}", "Stored plans")
    settle(page)
    assert page_problems(tab, ())[0] == []
    # Not the refresh or the base address: they would take the tab away from the page.
    kept = [h for h in hp.HTML if "http-equiv" not in h and "<base" not in h]
    injected = " ".join(kept).replace("&lt;", "<").replace("&gt;", ">")
    injected += '<h2>Heading one</h2><strong>bold</strong><span class="katex">x</span>'
    injected += '<span data-testid="stIconMaterial">rocket_launch</span>'
    page.evaluate(
        "(html) => document.querySelector('[data-testid=\"stMain\"]')"
        ".insertAdjacentHTML('afterbegin', html)",
        injected,
    )
    page.wait_for_timeout(1_000)
    problems = "\n".join(page_problems(tab, ("text that is nowhere",))[0])
    for marker in ("injected-img", "injected-form", "injected-password", "injected-iframe"):
        assert f"marker {marker}" in problems
    for what in ("heading: <h2>", "markdown: <strong>", 'class="katex"', "icon: <span"):
        assert what in problems
    assert "not shown as text: 'text that is nowhere'" in problems
    assert "opacity of body, main, first table cell: ['0.1', '0.1', '0.1']" in problems
    assert f"{hp.EVIL_HOST} was asked for" in problems  # and refused: see Tab.blocked
    assert any(_host(u) == hp.EVIL_HOST for u in tab.blocked)
    assert "dialogs opened: ['1']" in problems  # the image's onerror ran
    FIGURES.blocked_in_self_check += len(tab.blocked)
    tab.blocked.clear()  # put there by hand, not by the app
