"""A server's memory per browser session, and its cold and idle-expired first page.

    .venv/bin/python scripts/bench_memory.py [--copies 100] [--changes 200] [--idle 60]
                                             [--sessions 5] [--national] [--pg URL]

For the demo plan (1x) and the demo replicated `copies` times (scripts/scaled_plan.py), each in a
new database, the app is served as a council serves it (`streamlit run app.py`, scripts/serve.py)
and driven by Debian's Chromium (Playwright):

1. Cold first page: seconds from starting the server to the first RAG word on the Overview,
   and the CPU seconds the server had used by then.
2. Memory: the server's resident memory (VmRSS in /proc/PID/status) when it is up, after that
   first page, after one session visited each page, after `sessions` sessions open together
   each visited each page (the memory one session holds: the rise over the first, per extra
   session), after all but the first closed, after `changes` page changes in the first session
   (clicks on the top navigation, every page in turn), after it closed and after `idle`
   seconds more (at 100x only).
3. Idle expiry: after that idle time (longer than the caches' one-minute ttl), the seconds a new
   session waits for its first RAG word, and the server's CPU seconds for it.

--national also stores the national record (../shared/data/ofsted) in both databases, as a
council with it imported runs. Figures only: it never fails on a time or a size.
`make bench` can call `memory_figures(...)` and print `format_memory_figures(...)`.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "scripts"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import serve  # noqa: E402 (scripts/serve.py)
from bench_browser import AS_AT, EMPTY_SCRIPT, first_rag_word  # noqa: E402
from page_timing import progress  # noqa: E402
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright  # noqa: E402
from scaled_plan import count_actions, scaled_plan, scratch_database, store_plan  # noqa: E402

from readiness.cli import main as cli  # noqa: E402
from tests.kpi_data import NATIONAL_FILES, OFSTED_DATA  # noqa: E402

# The pages in the top navigation (app.py's PAGES), in the order a session pages through them.
PAGES = ("Overview", "Improvement plan", "My actions", "KPIs", "Inspection", "What changed", "Data")
# Wide enough that every page's link shows in the top navigation, none in its "more" menu.
VIEWPORT = {"width": 1920, "height": 1000}
WAIT_MS = 300_000
TRIVIAL = "A trivial app (st.write)"
# How long the server is given to notice a closed browser and end its session.
SESSION_END_SECONDS = 10.0


@dataclass
class ServerFigures:
    label: str
    actions: int
    cold_seconds: float = 0.0
    cold_cpu_seconds: float = 0.0
    rss_mb: list[tuple[str, float]] = field(default_factory=list)
    per_session_mb: float | None = None
    idle_seconds: float | None = None
    idle_cpu_seconds: float | None = None


def server_pid(base_url: str) -> int:
    """The process serving `base_url` (started by scripts/serve.py, with its port on its
    command line)."""
    port = base_url.rsplit(":", 1)[1]
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            args = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"streamlit" in b" ".join(args) and port.encode() in args:
            return int(entry.name)
    raise RuntimeError(f"no streamlit process found serving {base_url}")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"/proc/{pid}/status has no VmRSS line")


def cpu_seconds(pid: int) -> float:
    """User and system CPU seconds the process has used (/proc/PID/stat, fields 14 and 15)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def settled(page: Page) -> None:
    """Wait until the app's run has finished (tests/browser_support.settled, without pytest)."""
    page.wait_for_timeout(200)
    running = '[data-testid="stApp"][data-test-script-state="running"]'
    page.wait_for_function(
        f"!document.querySelector('{running}') && !document.querySelector('[data-stale=\"true\"]')",
        timeout=WAIT_MS,
    )


def go_to(page: Page, title: str) -> None:
    page.locator('[data-testid="stTopNavLink"]').filter(has_text=title).first.click()
    settled(page)


def first_page_seconds(browser: Browser, base_url: str, started: float) -> float:
    """Seconds from `started` to the first RAG word on the Overview in a new session."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.goto(f"{base_url}/?as_at={AS_AT.isoformat()}", wait_until="commit")
        first_rag_word(page).wait_for(state="visible", timeout=WAIT_MS)
        return time.perf_counter() - started
    finally:
        context.close()


@contextmanager
def served(url: str, folder: Path) -> Iterator[tuple[str, int, float]]:
    """The app on `url`: (its address, its process id, when it was started)."""
    started = time.perf_counter()
    with serve.serve_app(url, log_path=folder / "app.log", timeout=300) as base_url:
        yield base_url, server_pid(base_url), started


def cold_start(browser: Browser, url: str, figures: ServerFigures, folder: Path) -> None:
    with served(url, folder) as (base_url, pid, started):
        figures.cold_seconds = first_page_seconds(browser, base_url, started)
        figures.cold_cpu_seconds = cpu_seconds(pid)


def trivial_cold_start(browser: Browser, folder: Path) -> ServerFigures:
    """The floor under a cold first page: a script holding only `st.write("empty")`, served and
    opened the same way (Python and Streamlit starting, the browser connecting)."""
    figures = ServerFigures(TRIVIAL, 0)
    script = folder / "empty.py"
    script.write_text(EMPTY_SCRIPT, encoding="utf-8")
    started = time.perf_counter()
    with serve.serve_script(script, dict(os.environ), folder / "empty.log") as base_url:
        context = browser.new_context(viewport=VIEWPORT)
        try:
            page = context.new_page()
            page.goto(base_url, wait_until="commit")
            page.get_by_text("empty", exact=True).wait_for(state="visible", timeout=WAIT_MS)
            figures.cold_seconds = time.perf_counter() - started
        finally:
            context.close()
        figures.cold_cpu_seconds = cpu_seconds(server_pid(base_url))
    return figures


def visit_every_page(browser: Browser, base_url: str) -> BrowserContext:
    """A new session that opens the Overview and then visits each other page; left open."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.goto(f"{base_url}/?as_at={AS_AT.isoformat()}")
    first_rag_word(page).wait_for(state="visible", timeout=WAIT_MS)
    settled(page)
    for title in PAGES[1:] + PAGES[:1]:
        go_to(page, title)
    return context


def session_memory(
    browser: Browser,
    url: str,
    figures: ServerFigures,
    folder: Path,
    changes: int,
    idle: float,
    sessions: int,
) -> None:
    with served(url, folder) as (base_url, pid, started):
        figures.rss_mb.append(("server up", rss_mb(pid)))
        figures.cold_seconds = first_page_seconds(browser, base_url, started)
        figures.cold_cpu_seconds = cpu_seconds(pid)
        figures.rss_mb.append(("after the first Overview (session closed)", rss_mb(pid)))
        first = visit_every_page(browser, base_url)
        one = rss_mb(pid)
        figures.rss_mb.append(("after one session visited each page", one))
        others = [visit_every_page(browser, base_url) for _ in range(sessions - 1)]
        together = rss_mb(pid)
        figures.rss_mb.append((f"{sessions} sessions open, each visited each page", together))
        figures.per_session_mb = (together - one) / max(1, sessions - 1)
        for context in others:
            context.close()
        time.sleep(SESSION_END_SECONDS)
        figures.rss_mb.append((f"after {sessions - 1} of them closed", rss_mb(pid)))
        page = first.pages[0]
        for n in range(changes):
            go_to(page, PAGES[n % len(PAGES)])
            if (n + 1) % 50 == 0:
                progress(f"{n + 1} page changes, {rss_mb(pid):.0f} MB")
        figures.rss_mb.append((f"after {changes} page changes in the first", rss_mb(pid)))
        first.close()
        time.sleep(SESSION_END_SECONDS)
        figures.rss_mb.append(("after it closed too", rss_mb(pid)))
        time.sleep(max(0.0, idle - SESSION_END_SECONDS))
        figures.rss_mb.append((f"after {idle:.0f} s idle", rss_mb(pid)))
        cpu = cpu_seconds(pid)
        figures.idle_seconds = first_page_seconds(browser, base_url, time.perf_counter())
        figures.idle_cpu_seconds = cpu_seconds(pid) - cpu


def fill(url: str, copies: int, national: bool) -> int:
    """Store the demo replicated `copies` times (and the national record); how many actions."""
    plan = scaled_plan(AS_AT, copies)
    store_plan(url, plan, AS_AT)
    if national:
        files = [str(OFSTED_DATA / name) for name in NATIONAL_FILES]
        args = ["import-national", *files, "--db", url, "--yes", "--imported-on", str(AS_AT)]
        if cli.main(args, out=io.StringIO()) != 0:
            raise RuntimeError(f"import-national failed: {' '.join(args)}")
    return count_actions(plan)[0]


def memory_figures(
    copies: int = 100,
    changes: int = 200,
    idle: float = 60.0,
    national: bool = False,
    server_url: str | None = None,
    sessions: int = 5,
) -> list[ServerFigures]:
    """The cold first page at 1x, and the full run at `copies`x (see the module's text)."""
    kind = "postgresql" if server_url else "sqlite"
    results = []
    with tempfile.TemporaryDirectory(prefix="readiness_bench_memory_") as name:
        folder = Path(name)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(serve.CHROMIUM), args=serve.CHROMIUM_ARGS
            )
            try:
                results.append(trivial_cold_start(browser, folder))
                for size in (1, copies):
                    with scratch_database(kind, folder, server_url) as url:
                        progress(f"{kind} {size}x: storing the plan…")
                        figures = ServerFigures(f"{kind} {size}x", fill(url, size, national))
                        progress(f"{kind} {size}x: serving…")
                        if size == 1:
                            cold_start(browser, url, figures, folder)
                        else:
                            session_memory(browser, url, figures, folder, changes, idle, sessions)
                        results.append(figures)
            finally:
                browser.close()
    return results


def format_memory_figures(results: list[ServerFigures]) -> str:
    lines = []
    for figures in results:
        if figures.label == TRIVIAL:
            lines.append(
                f"{TRIVIAL}, server start to its text:             {figures.cold_seconds:6.1f} s, "
                f"{figures.cold_cpu_seconds:.2f} s server CPU by then, its start included"
            )
            continue
        lines.append(f"{figures.label} ({figures.actions:,} actions)")
        lines.append(
            f"  cold first page (server start to first RAG word): {figures.cold_seconds:6.1f} s, "
            f"{figures.cold_cpu_seconds:.2f} s server CPU by then, its start included"
        )
        for when, mb in figures.rss_mb:
            lines.append(f"  server RSS {when + ':':<48} {mb:7.0f} MB")
        if figures.per_session_mb is not None:
            lines.append(
                f"  memory per session (open, each page visited): {figures.per_session_mb:6.1f} MB"
            )
        if figures.idle_seconds is not None:
            lines.append(
                f"  first page after the idle time: {figures.idle_seconds:6.1f} s, "
                f"{figures.idle_cpu_seconds:.2f} s server CPU"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--changes", type=int, default=200)
    parser.add_argument("--idle", type=float, default=60.0)
    parser.add_argument("--sessions", type=int, default=5, help="sessions open together")
    parser.add_argument("--national", action="store_true")
    parser.add_argument("--pg", default=None, help="a PostgreSQL server URL (scratch databases)")
    args = parser.parse_args(argv)
    results = memory_figures(
        args.copies, args.changes, args.idle, args.national, args.pg, args.sessions
    )
    print(format_memory_figures(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
