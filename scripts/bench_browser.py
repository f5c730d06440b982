"""Time to the first meaningful content of the app's pages in real Chromium, next to a trivial
Streamlit app.

    .venv/bin/python scripts/bench_browser.py [--loads 5] [--pages]

Serves the app on the demo council (scripts/serve.py) and a script holding only
`st.write("empty")` the same way, loads each once to warm the server, then times `loads` fresh
browser sessions from navigation to the first colour word on the Overview ("Red", "Amber", ... on
a RAG badge) or to the text "empty". Prints both medians and their ratio. `make bench` calls
`browser_figures`. --pages also times the KPIs page (to its first indicator's tile) and the
Inspection page (to its headline, "Next: ..."), each beside the same trivial app.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "scripts"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import serve  # noqa: E402 (scripts/serve.py)
from playwright.sync_api import Locator, Page, sync_playwright  # noqa: E402

AS_AT = date(2026, 11, 22)
EMPTY_SCRIPT = 'import streamlit as st\n\nst.write("empty")\n'
RAG_WORD = re.compile(r"\b(Red|Amber|Green|Blue|Grey)\b")
RAG_SYMBOL_WORD = re.compile(r"✖ Red|▲ Amber|● Green|✔ Blue|○ Grey")


def first_rag_word(page: Page) -> Locator:
    """A colour word on a RAG badge, or the symbol-and-word form used in labels."""
    badge = page.locator(".rag-badge").filter(has_text=RAG_WORD)
    return badge.or_(page.get_by_text(RAG_SYMBOL_WORD)).first


def first_tile(page: Page) -> Locator:
    """The KPIs page's first indicator tile: its name, figure and colour."""
    return page.locator(".kpi-tile").first


def inspection_headline(page: Page) -> Locator:
    """The Inspection page's one-line prediction."""
    return page.get_by_text(re.compile(r"^Next: ")).first


# Each page timed with --pages: its address and what first shows it is there.
PAGES = {
    "Overview": ("", first_rag_word),
    "KPIs": ("kpis", first_tile),
    "Inspection": ("inspection", inspection_headline),
}


def median_load_seconds(browser, url: str, target, loads: int) -> float:
    """Median seconds from navigation to `target(page)` being visible, over fresh sessions."""
    times = []
    for n in range(loads + 1):  # the first load warms the server's caches and is not counted
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        started = time.perf_counter()
        page.goto(url, wait_until="commit")
        target(page).wait_for(state="visible", timeout=120_000)
        elapsed = time.perf_counter() - started
        context.close()
        if n:
            times.append(elapsed)
    return statistics.median(times)


def browser_figures(loads: int = 5) -> tuple[float, float]:
    """Median seconds to the first RAG word on the Overview, and to "empty" on a trivial app."""
    times = page_figures(loads, ["Overview"])
    return times["Overview"], times["trivial"]


def page_figures(loads: int, pages: list[str]) -> dict[str, float]:
    """Median seconds to each of `pages`' first meaningful content (PAGES), and to "empty" on
    a trivial app (under "trivial")."""
    times = {}
    with tempfile.TemporaryDirectory(prefix="readiness_bench_browser_") as name:
        folder = Path(name)
        database_url = serve.demo_database(folder, AS_AT)
        empty = folder / "empty.py"
        empty.write_text(EMPTY_SCRIPT, encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(serve.CHROMIUM), args=serve.CHROMIUM_ARGS
            )
            try:
                with serve.serve_app(database_url, folder / "app.log") as base_url:
                    for label in pages:
                        path, target = PAGES[label]
                        url = f"{base_url}/{path}?as_at={AS_AT.isoformat()}"
                        times[label] = median_load_seconds(browser, url, target, loads)
                with serve.serve_script(empty, dict(os.environ), folder / "empty.log") as base_url:
                    times["trivial"] = median_load_seconds(
                        browser,
                        base_url,
                        lambda page: page.get_by_text("empty", exact=True),
                        loads,
                    )
            finally:
                browser.close()
    return times


def format_browser_figures(overview: float, trivial: float, loads: int) -> str:
    return (
        f"Overview, navigation to first RAG word:   {overview * 1000:7.0f} ms\n"
        f'Trivial app, navigation to "empty":        {trivial * 1000:7.0f} ms\n'
        f"Ratio: {overview / trivial:.1f}x  (median of {loads} fresh sessions each, Chromium)"
    )


def format_page_figures(times: dict[str, float], loads: int) -> str:
    """Each page's median beside the trivial app's, and their ratio."""
    trivial = times["trivial"]
    lines = [
        f"{label + ', first meaningful content:':<44}{seconds * 1000:7.0f} ms  "
        f"({seconds / trivial:.2f}x)"
        for label, seconds in times.items()
        if label != "trivial"
    ]
    trivial_label = 'Trivial app, navigation to "empty":'
    lines.append(f"{trivial_label:<44}{trivial * 1000:7.0f} ms")
    lines.append(f"(median of {loads} fresh sessions each, Chromium; demo council)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--pages", action="store_true", help="the KPIs and Inspection pages too")
    args = parser.parse_args(argv)
    if args.pages:
        print(format_page_figures(page_figures(args.loads, list(PAGES)), args.loads))
    else:
        print(format_browser_figures(*browser_figures(args.loads), args.loads))
    return 0


if __name__ == "__main__":
    sys.exit(main())
