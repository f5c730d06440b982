"""What the browser tests share: Debian's Chromium driven by Playwright (skipped, saying why,
where it is missing), the demo app served for a module, and waiting until a run has settled."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import serve  # noqa: E402


def require_chromium() -> None:
    """Skip the calling test module, loudly, when Debian's Chromium is not installed."""
    if not serve.CHROMIUM.exists():
        pytest.skip(
            f"{serve.CHROMIUM} not found: the browser tests drive Debian's Chromium "
            "(apt-get install chromium)",
            allow_module_level=True,
        )


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(serve.CHROMIUM), args=serve.CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def demo_app(folder: Path, as_at: date) -> Iterator[tuple[str, str]]:
    """The app on a new demo database in `folder`: (its address, the database's URL)."""
    database_url = serve.demo_database(folder, as_at)
    with serve.serve_app(database_url, log_path=folder / "streamlit.log") as url:
        yield url, database_url


def settled(page: Page) -> None:
    """Wait until the app's run has finished and nothing drawn by an earlier run is left."""
    page.wait_for_timeout(300)  # the run starts
    running = '[data-testid="stApp"][data-test-script-state="running"]'
    expect(page.locator(running)).to_have_count(0)
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0)
    expect(page.locator('[data-stale="true"]')).to_have_count(0)
