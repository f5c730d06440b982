"""Every page at a laptop's and a desktop's size, with no filter, a lead and a past date, in a
real browser: nothing wider than the screen, every column a page promises in sight (as a column,
or, where a table has no room for it, under its row), and the past-date banner exactly where
the date is not today.

Run with `--basetemp DIR` to keep a screenshot of each page in DIR.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from readiness.text import format_date
from tests.browser_support import chromium, demo_app, require_chromium, settled
from tests.conftest import AS_AT

# Every page x size x filter: CI and make test-all run it; make test leaves it out.
pytestmark = [pytest.mark.browser, pytest.mark.slow]
require_chromium()

WAIT_MS = 60_000
expect.set_options(timeout=WAIT_MS)
SIZES = {"1366x768": (1366, 768), "1920x1080": (1920, 1080)}
PAST = date(2026, 6, 1)
FILTERS = {
    "no filter": "",
    "a lead": "lead=Rebecca+Hollis",
    "a past date": f"as_at={PAST.isoformat()}",
}
# Each page's address and a text that shows once it has drawn its tables.
PAGES = {
    "Overview": ("", "Overdue actions"),
    "Improvement plan": ("plan", "Expand all"),
    "My actions": ("my-actions", "My actions"),
    "KPIs": ("kpis", "Trend"),
    "Inspection": ("inspection", "National outlook"),
    "Self-evaluation": ("self-evaluation", "Annual engagement meeting"),
    "What changed": ("changes", "Progress updates"),
    "Data": ("data", "Export"),
}

# What a page shows that a reader cannot see: anything wider than the window, a table heading
# whose column gave way while a row's value for it is not shown under that row, a grid wider
# than its box. Each failure in words.
UNSEEN = """() => {
  const width = window.innerWidth, failures = [];
  const shown = e => e.checkVisibility({checkVisibilityCSS: true});
  if (document.documentElement.scrollWidth > width)
    failures.push(`the page is ${document.documentElement.scrollWidth} px wide`);
  const main = document.querySelector('[data-testid="stMain"]');
  for (const e of main.querySelectorAll('*')) {
    const box = e.getBoundingClientRect();
    if (box.width && box.right > width + 1 && shown(e) && !e.closest('.dvn-scroller'))
      failures.push(`${e.tagName}.${String(e.className).slice(0, 40)} ends at ${box.right}`);
  }
  for (const table of main.querySelectorAll('table.plan-table')) {
    if (!shown(table)) continue;  // in a closed expander: nothing of it promised yet
    const heads = [...table.querySelectorAll('thead th')];
    heads.forEach((th, i) => {
      if (shown(th)) return;
      for (const row of table.querySelectorAll('tbody tr')) {
        const cell = row.children[i];
        if (!cell || !cell.textContent.trim()) continue;
        const moved = [...row.querySelectorAll('.row-more > span')].find(
          s => s.querySelector('b').textContent === th.textContent + ':');
        if (!moved || !shown(moved)) failures.push(`column ${th.textContent} out of sight`);
      }
    });
  }
  for (const grid of main.querySelectorAll('.dvn-scroller')) {
    if (grid.scrollWidth > grid.clientWidth + 1)
      failures.push(`a grid needs ${grid.scrollWidth - grid.clientWidth} px more`);
  }
  return [...new Set(failures)];
}"""


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    with demo_app(tmp_path_factory.mktemp("sweep_app"), AS_AT) as (url, database_url):
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


def open_page(page: Page, base_url: str, name: str, query: str) -> None:
    path, drawn = PAGES[name]
    page.goto(f"{base_url}/{path}?{query}")
    expect(page.get_by_text(drawn).first).to_be_visible()
    settled(page)
    if name == "Improvement plan":  # every recommendation open: every table drawn
        page.get_by_text("Expand all").click()
        expect(page.locator('[data-testid="stExpander"] table').first).to_be_visible()
        settled(page)


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_shows_everything_it_promises(browser, base_url, name, size, tmp_path):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    try:
        for label, query in FILTERS.items():
            open_page(page, base_url, name, query)
            page.screenshot(path=str(tmp_path / f"{label.replace(' ', '-')}.png"))
            assert page.evaluate(UNSEEN) == [], f"{name} at {size} with {label}"
            main = page.locator('[data-testid="stMain"]')
            banner = main.get_by_text(re.compile(r"^Shown as at "))
            if label == "a past date":
                expect(banner).to_have_text(re.compile(f"^Shown as at {format_date(PAST)}, in"))
            else:
                expect(banner).to_have_count(0)
            expect(main.locator('[data-testid="stException"]')).to_have_count(0)
    finally:
        context.close()
