"""The KPIs, Inspection and Data pages with a council's full data: every council's KPI figures
(LAIT's data set, --all-las, Leeds shown) and the national record loaded beside the plan.

    .venv/bin/python scripts/bench_council_pages.py [--runs 5] [--sizes 1,100] [--profile PAGE]

For each plan size (the demo replicated: scripts/scaled_plan.py) a new SQLite database holds the
plan, then `import-kpis --all-las` and `import-national` fill it as a council running the app
would; each page is timed as scripts/bench.py times pages (median process CPU ms of warm AppTest
reruns beside an empty page; the ratio is the figure on a loaded machine). --profile PAGE (KPIs,
Inspection or Data) prints cProfile's top functions over the warm reruns of that page instead,
by cumulative time (PROFILE_SORT=tottime: by time spent in each function itself).
DfE's and Ofsted's files are read where the tests read them (outside the repo); without them it
says so and stops. Figures only: no time is judged.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "scripts"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from bench_kpis import LEEDS, import_kpis, missing_files  # noqa: E402
from page_timing import (  # noqa: E402
    AS_AT,
    EMPTY_SCRIPT,
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
from scaled_plan import scaled_plan, scratch_database, store_plan  # noqa: E402

from readiness.cli import main as cli  # noqa: E402
from readiness.settings import DATABASE_ENV  # noqa: E402
from tests.kpi_data import KPI_DATA, LAIT, NATIONAL_FILES, OFSTED_DATA  # noqa: E402

PAGES = {
    "KPIs": PageCase("KPIs", "views/kpis.py", "KPIs", as_at_caption=False),
    "Inspection": PageCase("Inspection", "views/inspection.py", "Inspection"),
    "Data": PageCase("Data", "views/loading.py", "Data", as_at_caption=False),
}


def fill_database(url: str, copies: int) -> None:
    """The plan at `copies`, every council's KPI figures and the national record, at `url`."""
    store_plan(url, scaled_plan(AS_AT, copies), AS_AT)
    import_kpis(url, [KPI_DATA / LAIT], all_las=True)
    args = ["import-national", *(str(OFSTED_DATA / name) for name in NATIONAL_FILES)]
    code = cli.main([*args, "--yes", "--db", url, "--imported-on", AS_AT.isoformat()])
    if code != 0:
        raise RuntimeError(f"import-national failed ({code})")


def profile_page(case: PageCase, runs: int) -> str:
    """cProfile's top functions by cumulative time over `runs` warm reruns of `case`'s page."""
    at = app_test(ROOT / "app.py", case.page)
    at.run()
    profiler = cProfile.Profile()
    # AppTest runs the script in a new thread each time: the profiler is switched on there.
    threading.setprofile(lambda *_: profiler.enable())
    try:
        for _ in range(runs):
            at.run()
    finally:
        threading.setprofile(None)
    said = io.StringIO()
    pstats.Stats(profiler, stream=said).sort_stats(
        os.environ.get("PROFILE_SORT", "cumulative")
    ).print_stats(60)
    return said.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed warm reruns per page")
    parser.add_argument("--sizes", default="1,100", help="plan sizes, as copies of the demo")
    parser.add_argument("--profile", choices=list(PAGES), help="profile this page instead")
    args = parser.parse_args(argv)
    if skipped := missing_files() or (None if OFSTED_DATA.is_dir() else f"{OFSTED_DATA} missing"):
        print(f"Skipped: {skipped}.")
        return 0
    quiet_streamlit_logs()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    heads, columns = [], []
    with tempfile.TemporaryDirectory(prefix="readiness_bench_council_") as name:
        folder = Path(name)
        empty = folder / "empty.py"
        empty.write_text(EMPTY_SCRIPT, encoding="utf-8")
        for copies in sizes:
            with scratch_database("sqlite", folder) as url:
                progress(f"{copies}x: storing the plan, the KPI figures, the national record…")
                fill_database(url, copies)
                os.environ[DATABASE_ENV] = url
                if args.profile:
                    print(f"== {args.profile} at {copies}x")
                    print(profile_page(PAGES[args.profile], args.runs))
                    forget_caches()
                    continue
                blank, cells, empties = warm_empty(empty), [], []
                for case in PAGES.values():
                    timing = paired_cpu_ms(blank, ROOT / "app.py", args.runs, case.page)
                    empties.append(timing.empty_ms)
                    problems = check_page(case, timing.at, lead="")
                    cell = f"{timing.ms:.0f} ms ({timing.ratio:.0f}x)"
                    cells.append(cell + " !" * bool(problems))
                    for problem in problems:
                        progress(f"  ! {problem}")
                    progress(f"  {case.label}: {cell}")
                heads.append(f"{copies}x")
                columns.append([f"{statistics.median(empties):.1f} ms", *cells])
                forget_caches()
    if columns:
        labels = ["Empty page", *PAGES]
        rows = [(label, [c[i] for c in columns]) for i, label in enumerate(labels)]
        title = (
            f"Pages with every council's KPI figures ({LEEDS} shown) and the national record "
            f"(SQLite; median process CPU of {args.runs} warm reruns; ratio to the empty page)"
        )
        print("\n".join(aligned_table(title, heads, rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
