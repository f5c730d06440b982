"""Screenshots of the pages with the demo council, for the README.

    python scripts/screenshot.py [--out-dir docs]

Fills a temporary SQLite database with the demo dated today, starts the app on a free port,
opens each page in SHOTS in Debian's Chromium at 1400x1000 (board mode at 1920x1080), waits for
its RAG badges (or, on the Inspection page, its charts) and the fonts, saves the visible window
(not the full page) and stops the app.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import NamedTuple

import serve  # scripts/serve.py, next to this file
from playwright.sync_api import expect, sync_playwright

ROOT = serve.ROOT
VIEWPORT = {"width": 1400, "height": 1000}
WAIT_MS = 30_000
FONTS_MS = 1_500


# What shows that a page has drawn: a Red badge on the plan's pages, a chart's marks on the
# Inspection page, which has no RAG colours.
RED_BADGE = '.rag-badge:has-text("Red")'
CHART = '[data-testid="stVegaLiteChart"] svg.marks'


class Shot(NamedTuple):
    name: str  # the file written
    address: str  # below the app's root
    done: str | re.Pattern  # a text the finished page shows
    drawn: str  # an element it shows
    viewport: dict = VIEWPORT
    next_clicks: int = 0  # board mode: screens to step on before the picture


SHOTS = [
    Shot("overview.png", "", "Overdue actions", RED_BADGE),
    Shot("plan-red.png", "plan?colour=Red", "Showing the", RED_BADGE),
    Shot(
        "my-actions.png",
        "my-actions?lead=Rebecca+Hollis",
        "Tick the box at the start of a row",
        RED_BADGE,
    ),
    Shot("kpis.png", "kpis", "Trend", RED_BADGE),
    Shot("inspection.png", "inspection", "Why", CHART),
    Shot("self-evaluation.png", "self-evaluation", "Annual engagement meeting", ".sef-kind"),
    Shot("changes.png", "changes", "Progress updates", RED_BADGE),
    Shot("data.png", "data", "Start from Ofsted's report", '[data-testid="stFileUploader"]'),
    # The wall screen at its own size, on the third screen (a judgement area), held still. How
    # many screens there are depends on the day (the late actions by lead take one or two).
    Shot(
        "board.png",
        "?board=1&advance=600",
        re.compile(r"^3 of \d+ · "),
        RED_BADGE,
        {"width": 1920, "height": 1080},
        next_clicks=2,
    ),
]


def take_screenshots(base_url: str, out_dir: Path) -> list[Path]:
    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(serve.CHROMIUM), args=serve.CHROMIUM_ARGS)
        try:
            for name, address, done, drawn, viewport, next_clicks in SHOTS:
                page = browser.new_page(viewport=viewport)
                page.goto(f"{base_url}/{address}")
                page.locator(drawn).first.wait_for(timeout=WAIT_MS)
                for _ in range(next_clicks):
                    page.get_by_role("button", name="Next").click()
                page.get_by_text(done).first.wait_for(timeout=WAIT_MS)
                # Grey placeholders stand in for elements whose code is still loading.
                skeletons = page.locator('[data-testid="stSkeleton"]')
                expect(skeletons).to_have_count(0, timeout=WAIT_MS)
                page.evaluate("document.fonts.ready.then(() => true)")
                page.wait_for_timeout(FONTS_MS)
                page.screenshot(path=str(out_dir / name))
                written.append(out_dir / name)
                page.close()
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out-dir", type=Path, default=ROOT / "docs", help="folder to write the PNG files to"
    )
    args = parser.parse_args(argv)
    if not serve.CHROMIUM.exists():
        print(f"{serve.CHROMIUM} not found: install Debian's chromium package.", file=sys.stderr)
        return 1
    out_dir = args.out_dir.resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="readiness_screenshot_") as folder:
        database_url = serve.demo_database(Path(folder), date.today())
        with serve.serve_app(database_url, log_path=Path(folder) / "streamlit.log") as base_url:
            for path in take_screenshots(base_url, out_dir):
                print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
