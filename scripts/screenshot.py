"""A screenshot of the Overview with the demo council, for the README.

    python scripts/screenshot.py [--out docs/overview.png]

Fills a temporary SQLite database with the demo dated today, starts the app on a free port,
opens the Overview in Debian's Chromium at 1400x1000, waits for the RAG badges and the fonts,
saves the visible window (not the full page) and stops the app.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date
from pathlib import Path

import serve  # scripts/serve.py, next to this file
from playwright.sync_api import expect, sync_playwright

ROOT = serve.ROOT
VIEWPORT = {"width": 1400, "height": 1000}
WAIT_MS = 30_000
FONTS_MS = 1_500


def take_screenshot(base_url: str, out: Path) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(serve.CHROMIUM), args=serve.CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=VIEWPORT)
            page.goto(f"{base_url}/")
            page.get_by_text("Judgement areas").first.wait_for(timeout=WAIT_MS)
            page.locator(".rag-badge", has_text="Red").first.wait_for(timeout=WAIT_MS)
            page.get_by_text("Overdue actions").first.wait_for(timeout=WAIT_MS)
            # Grey placeholders stand in for elements whose code is still loading.
            expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0, timeout=WAIT_MS)
            page.evaluate("document.fonts.ready.then(() => true)")
            page.wait_for_timeout(FONTS_MS)
            page.screenshot(path=str(out))
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=ROOT / "docs" / "overview.png", help="PNG file to write"
    )
    args = parser.parse_args(argv)
    if not serve.CHROMIUM.exists():
        print(f"{serve.CHROMIUM} not found: install Debian's chromium package.", file=sys.stderr)
        return 1
    out = args.out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="readiness_screenshot_") as folder:
        database_url = serve.demo_database(Path(folder), date.today())
        with serve.serve_app(database_url, log_path=Path(folder) / "streamlit.log") as base_url:
            take_screenshot(base_url, out)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
