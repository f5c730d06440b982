"""The figures the project is judged on: page CPU time at three plan sizes, browser, import.

    python scripts/bench.py [--runs 5] [--sizes 1,10,100] [--pg URL] [--quick]

1. Pages. For each plan size (the demo council, ~100 actions, and the demo replicated 10x and
   100x: scripts/scaled_plan.py) the plan is stored in a new database, then each page is run once
   with Streamlit's AppTest to warm the caches and timed over `runs` further reruns: the median
   process CPU time (`time.process_time()`, which machine load moves less than wall time), each
   rerun after one of a page holding only `st.write("empty")`, and the median of their ratios
   (scripts/page_timing.py paired_cpu_ms). One table per
   database: SQLite always, PostgreSQL with --pg or TEST_DATABASE_URL (a scratch database per
   size, dropped afterwards). Then the process's peak RSS.
2. Browser: scripts/bench_browser.py (first RAG word on the Overview against a trivial app).
3. Import: scripts/bench_import.py (a 10,000-action workbook written by the exporter), then
   300 malformed files through the importer (scripts/bench_fuzz.py).
4. KPIs: scripts/bench_kpis.py (DfE's files imported; the KPIs page, timed as in 1, on the demo
   and on every council's real figures).
5. The Improvement plan page closed, with Expand all and Red only (scripts/bench_plan_page.py);
   a real server's memory per session and cold start (scripts/bench_memory.py: RSS after a
   visit to each page, after 200 page changes, after the session closes and a minute idle; the
   first page of a new server at 1x and 100x; the first page after the caches' minute).
6. One upload slowing everyone: the Overview's median wall time (not CPU: what a user waits for
   while another session's upload competes for the CPU), 1x on SQLite, alone and while another
   session's KPI files (LAIT's data set and two EES files, for every council) are read back to
   back: in the limited reader at low priority, as uploads are read, and in this process, as they
   were before; each as a ratio to the Overview alone. Then the KPI bomb corpus
   (scripts/bench_kpi_bombs.py): each refused, how fast, the reader's peak memory, the server's.

--quick times the demo size on SQLite only, and skips 2 to 6. Figures only: it never fails on
a time, though it reports a page that showed an exception or not what it should.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import streamlit

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "scripts"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from page_timing import (  # noqa: E402
    AS_AT,
    EMPTY_SCRIPT,
    MAX_SECONDS,
    PageCase,
    aligned_table,
    app_test,
    check_page,
    forget_caches,
    paired_cpu_ms,
    progress,
    quiet_streamlit_logs,
    warm_empty,
)
from scaled_plan import (  # noqa: E402
    busiest_lead,
    count_actions,
    scaled_plan,
    scratch_database,
    store_plan,
)

from readiness.kpi.dfe_files import read_dfe, read_kpi_files  # noqa: E402
from readiness.kpi.neighbours import read_neighbours  # noqa: E402
from readiness.settings import DATABASE_ENV  # noqa: E402
from tests.kpi_data import C1, CSWW, KPI_DATA, LAIT, SN_2025  # noqa: E402

PAGES = (
    PageCase("Overview", None, "Overview"),
    PageCase("Improvement plan", "views/plan.py", "Improvement plan"),
    PageCase("My actions (no lead)", "views/my_actions.py", "My actions"),
    PageCase("My actions (one lead chosen)", "views/my_actions.py", "My actions", lead=True),
    PageCase("Data", "views/loading.py", "Data", as_at_caption=False),
    PageCase("KPIs", "views/kpis.py", "KPIs", as_at_caption=False),
    PageCase("Inspection", "views/inspection.py", "Inspection"),
    PageCase("What changed", "views/changes.py", "What changed"),
    PageCase("Self-evaluation", "views/self_evaluation.py", "Self-evaluation"),
)


# The Overview while an upload is read: the plan's size, and how long the page is timed each way.
BUSY_COPIES = 10
BUSY_SECONDS = 20.0


@dataclass
class SizeResult:
    copies: int
    actions: int
    updates: int
    lead: str
    empty_ms: float = 0.0
    page_ms: dict[str, float] = field(default_factory=dict)
    ratio: dict[str, float] = field(default_factory=dict)  # each run against an empty one
    fewer_runs: dict[str, int] = field(default_factory=dict)  # pages timed fewer times
    problems: list[str] = field(default_factory=list)


def time_pages(database_url: str, result: SizeResult, empty: Path, runs: int) -> None:
    """Fill `result` with the empty page's and each page's median CPU ms on `database_url`."""
    os.environ[DATABASE_ENV] = database_url
    # Each page's run follows an empty page's run: the ratio is every figure's point.
    blank = warm_empty(empty)
    empties = []
    for case in PAGES:
        params = {"lead": result.lead} if case.lead else {}
        timing = paired_cpu_ms(blank, ROOT / "app.py", runs, case.page, params)
        result.page_ms[case.label] = timing.ms
        result.ratio[case.label] = timing.ratio
        empties.append(timing.empty_ms)
        if timing.runs < runs:
            result.fewer_runs[case.label] = timing.runs
        result.problems += check_page(case, timing.at, result.lead)
        progress(f"  {case.label}: {timing.ms:.0f} ms ({timing.ratio:.0f}x)")
    result.empty_ms = statistics.median(empties)
    # Forget this size's engine and cached plan before the next size (and before a DROP).
    forget_caches()


def bench_database(
    kind: str, server_url: str | None, sizes: list[int], runs: int, folder: Path
) -> list[SizeResult]:
    """Every page at every size on one kind of database."""
    empty = folder / "empty.py"
    empty.write_text(EMPTY_SCRIPT, encoding="utf-8")
    results = []
    for copies in sizes:
        plan = scaled_plan(AS_AT, copies)
        actions, updates = count_actions(plan)
        result = SizeResult(copies, actions, updates, busiest_lead(plan))
        with scratch_database(kind, folder, server_url) as url:
            progress(f"{kind} {copies}x: storing {actions:,} actions…")
            store_plan(url, plan, AS_AT)
            del plan
            time_pages(url, result, empty, runs)
        results.append(result)
    return results


def format_page_table(title: str, results: list[SizeResult]) -> str:
    """Rows = pages, columns = sizes, each cell "ms (ratio x)"."""
    heads = [f"{r.copies}x ({r.actions:,} actions)" for r in results]
    rows = [("Empty page", [f"{r.empty_ms:.1f} ms" for r in results])]
    for case in PAGES:
        cells = []
        for r in results:
            cells.append(f"{r.page_ms[case.label]:.0f} ms ({r.ratio[case.label]:.0f}x)")
        rows.append((case.label, cells))
    lines = aligned_table(title, heads, rows)
    for r in results:
        lines.append(
            f"  {r.copies}x: {r.actions:,} actions, {r.updates:,} progress updates; "
            f"lead chosen: {r.lead}"
        )
        lines += [
            f"  {r.copies}x {label}: median of {n} runs (a run costs over {MAX_SECONDS / n:.0f} s)"
            for label, n in r.fewer_runs.items()
        ]
        lines += [f"  ! {r.copies}x {problem}" for problem in r.problems]
    return "\n".join(lines)


@contextmanager
def read_again_and_again(read: Callable[[], object]) -> Iterator[list[float]]:
    """`read` run in a thread, one read after another, while the block runs (another session's
    upload); yields the wall seconds of each read done."""
    stop = threading.Event()
    took: list[float] = []

    def reads() -> None:
        while not stop.is_set():
            start = time.perf_counter()
            read()
            took.append(time.perf_counter() - start)

    thread = threading.Thread(target=reads, daemon=True)
    thread.start()
    try:
        yield took
    finally:
        stop.set()
        thread.join()


def overview_wall_ms(seconds: float) -> list[float]:
    """The wall ms of each warm rerun of the Overview, one after another for `seconds`."""
    at = app_test(ROOT / "app.py")
    at.run()
    times = []
    until = time.perf_counter() + seconds
    while (start := time.perf_counter()) < until:
        at.run()
        times.append((time.perf_counter() - start) * 1000)
    return times


def _against(times: list[float], alone: list[float]) -> list[str]:
    """The median and the slowest of `times`, each with its ratio to the Overview's alone."""
    return [f"{f(times):,.0f} ms ({f(times) / f(alone):.1f}x)" for f in (statistics.median, max)]


def overview_while_reading(folder: Path, seconds: float = BUSY_SECONDS) -> str:
    """The Overview's wall ms alone and while KPI files are read (see 5 above)."""
    paths = [KPI_DATA / name for name in (LAIT, C1, CSWW)]
    if not all(path.exists() for path in (*paths, KPI_DATA / SN_2025)):
        return f"Overview while an upload is read: skipped, DfE's files are not in {KPI_DATA}"
    neighbours = read_neighbours(KPI_DATA / SN_2025)
    reads = {"in the reader (as now)": read_kpi_files, "in this process (as before)": read_dfe}
    with scratch_database("sqlite", folder) as url:
        store_plan(url, scaled_plan(AS_AT, BUSY_COPIES), AS_AT)
        os.environ[DATABASE_ENV] = url
        alone = overview_wall_ms(seconds)
        rows = [("Alone", [*_against(alone, alone), "", ""])]
        for label, read in reads.items():
            with read_again_and_again(
                lambda read=read: read(paths, "383", neighbours, all_las=True)
            ) as took:
                busy = overview_wall_ms(seconds)
            each = f"{statistics.median(took):.1f} s" if took else ""
            rows.append((f"While read {label}", [*_against(busy, alone), str(len(took)), each]))
        forget_caches()
    title = (
        f"Overview while another session's KPI files are read ({BUSY_COPIES}x on SQLite, wall "
        f"time of its warm reruns for {seconds:.0f} s; {os.cpu_count()} cores)"
    )
    heads = ["Median", "Slowest", "Reads", "Each read"]
    return "\n".join(aligned_table(title, heads, rows))


def peak_rss_mb() -> float:
    """The process's peak resident set size so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed warm reruns per page")
    parser.add_argument("--sizes", default="1,10,100", help="plan sizes, as copies of the demo")
    parser.add_argument("--pg", default=os.environ.get("TEST_DATABASE_URL"), help="server URL")
    parser.add_argument("--quick", action="store_true", help="1x on SQLite only, pages only")
    args = parser.parse_args(argv)
    runs = max(1, args.runs)
    sizes = [1] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    databases = [("SQLite", "sqlite", None)]
    if args.pg and not args.quick:
        databases.append(("PostgreSQL", "postgresql", args.pg))
    quiet_streamlit_logs()

    print(
        f"Pages: median process CPU time of {runs} warm reruns, each after an empty page's "
        f"(AppTest, Streamlit\n{streamlit.__version__}), as at {AS_AT:%d %b %Y}; (ratio x) = the "
        "median of the page's runs against the empty page's."
    )
    with tempfile.TemporaryDirectory(prefix="readiness_bench_") as folder:
        for label, kind, server_url in databases:
            results = bench_database(kind, server_url, sizes, runs, Path(folder))
            print("\n" + format_page_table(label, results), flush=True)
    print(f"\nPeak RSS of the page benchmark process: {peak_rss_mb():,.0f} MB", flush=True)
    if args.quick:
        return 0

    from bench_browser import browser_figures, format_browser_figures
    from bench_fuzz import fuzz_figures
    from bench_import import format_import_table, import_figures
    from bench_kpi_bombs import bomb_table
    from bench_kpis import kpi_figures
    from bench_memory import format_memory_figures, memory_figures
    from bench_plan_page import plan_page_figures

    progress("the plan page, expanded and filtered…")
    print("\n" + plan_page_figures(runs, sizes, args.pg), flush=True)
    progress("browser…")
    print("\nBrowser\n" + format_browser_figures(*browser_figures(5), 5), flush=True)
    progress("memory and cold start…")
    print("\nMemory and cold start\n" + format_memory_figures(memory_figures()), flush=True)
    progress("import…")
    print("\nImport (10,000 actions)\n" + format_import_table(import_figures(10_000, args.pg)))
    progress("import fuzz…")
    # 300 files take about two minutes; scripts/bench_fuzz.py --count 1000 is the full size.
    print("\nImport fuzz (300 malformed files)\n" + fuzz_figures(300), flush=True)
    progress("KPIs…")
    print("\n" + kpi_figures(runs), flush=True)
    progress("the Overview while an upload is read…")
    with tempfile.TemporaryDirectory(prefix="readiness_bench_") as folder:
        print("\n" + overview_while_reading(Path(folder)), flush=True)
    progress("KPI bombs…")
    print("\n" + bomb_table(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
