"""The KPI figures: DfE's published files imported, and the KPIs page's warm run.

    .venv/bin/python scripts/bench_kpis.py [--runs 5]

1. Import: `python -m readiness import-kpis --yes` (read, preview, store) into a new SQLite
   database, CPU and wall seconds as scripts/bench_import.py counts them: every mapped LAIT
   measure for Leeds (383) with its statistical neighbours (sn_model_2025_wide.csv), then every
   CSV of DfE's folder at once as a folder of downloads (the EES tables read, the files holding no
   indicator skipped, as import-kpis does); then each again with --all-las.
2. Page: the KPIs page timed as scripts/bench.py times the other pages (median process CPU time
   of warm AppTest reruns, beside a page holding only `st.write("empty")`) on the demo database
   and on the database the LAIT --all-las import filled: Leeds shown, every council stored.

DfE's files are read where the tests read them (tests/kpi_data.py, outside the repo); without
them only the demo's page is timed, and the rest is skipped saying why. `make bench` calls
`kpi_figures` through scripts/bench.py. Figures only: no time is judged.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "scripts"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import serve  # noqa: E402
from bench_import import format_import_table, timed  # noqa: E402
from page_timing import (  # noqa: E402
    AS_AT,
    EMPTY_SCRIPT,
    PageCase,
    aligned_table,
    check_page,
    forget_caches,
    paired_cpu_ms,
    progress,
    quiet_streamlit_logs,
    warm_empty,
)

from readiness.cli import main as cli  # noqa: E402
from readiness.db.engine import make_engine  # noqa: E402
from readiness.kpi import store  # noqa: E402
from readiness.settings import DATABASE_ENV  # noqa: E402
from tests.kpi_data import KPI_DATA, LAIT, SN_2025  # noqa: E402

LEEDS = "383"
# The KPIs page's caption says "latest figures up to <date>", not "as at": the council's name in
# it is what shows the page read the database timed, not its "no indicators yet" notice.
KPIS_PAGE = PageCase("KPIs", "views/kpis.py", "KPIs", as_at_caption=False)


@dataclass
class PageFigures:
    label: str  # the database, as the table's column heading
    council: str  # the name the page's caption must show
    empty_ms: float = 0.0
    page_ms: float = 0.0
    ratio: float = 0.0  # each run against an empty one (page_timing.paired_cpu_ms)
    timed: int = 0
    problems: list[str] = field(default_factory=list)


def missing_files() -> str | None:
    """Why the import and the real-figures page cannot be timed here, or None if they can."""
    missing = [name for name in (LAIT, SN_2025) if not (KPI_DATA / name).is_file()]
    if missing:
        return f"{', '.join(missing)} not in {KPI_DATA}: DfE's files are kept outside the repo"
    return None


def import_kpis(url: str, paths: list[Path], all_las: bool) -> tuple[float, float]:
    """CPU and wall seconds of one `import-kpis --yes` of `paths` into the database at `url`."""
    args = ["import-kpis", *map(str, paths), "--la", LEEDS, "--neighbours", str(KPI_DATA / SN_2025)]
    args += ["--yes", "--db", url, "--imported-on", AS_AT.isoformat()]
    args += ["--all-las"] if all_las else []
    said = io.StringIO()
    cpu, wall, code = timed(lambda: cli.main(args, out=said))
    if code != 0:
        raise RuntimeError(f"import-kpis failed ({code}): {' '.join(args)}\n{said.getvalue()}")
    return cpu, wall


def stored(url: str) -> tuple[int, int]:
    """How many figures the database holds, and for how many areas."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            values = store.load_values(conn)
    finally:
        engine.dispose()
    return len(values), values["area"].nunique()


def ees_folder(folder: Path) -> tuple[Path, int]:
    """A folder linking every CSV of DfE's folder, as a user's folder of downloads (LAIT's
    parquet left out: it is timed on its own); and how many CSV files it holds."""
    downloads = folder / "ees-downloads"
    downloads.mkdir()
    for path in sorted(KPI_DATA.glob("*.csv")):
        (downloads / path.name).symlink_to(path)
    return downloads, len(list(downloads.iterdir()))


def import_figures(folder: Path) -> tuple[list[tuple[str, float, float]], str]:
    """(what, CPU seconds, wall seconds) of each import into a new SQLite database; and the URL of
    the database holding LAIT's figures for every council, for the page."""
    downloads, csv_count = ees_folder(folder)
    # The first parquet read of a process also loads the reader (pyarrow): an untimed import
    # first, so each figure is the import alone, whether run here or after bench.py's steps.
    import_kpis(f"sqlite:///{folder / 'warm-up.db'}", [KPI_DATA / LAIT], all_las=False)
    sources = [
        ("LAIT parquet, every mapped measure", "lait", [KPI_DATA / LAIT]),
        (f"EES, the folder's {csv_count} CSV files at once", "ees", [downloads]),
    ]
    rows = []
    every_council_url = ""
    for all_las in (False, True):
        for what, name, paths in sources:
            url = f"sqlite:///{folder / f'{name}-all-las.db' if all_las else folder / f'{name}.db'}"
            progress(f"import-kpis {what}{' --all-las' if all_las else ''}…")
            cpu, wall = import_kpis(url, paths, all_las)
            figures, areas = stored(url)
            scope = "--all-las" if all_las else "Leeds with neighbours"
            rows.append((f"{what}, {scope} ({figures:,} figures, {areas} areas)", cpu, wall))
            if all_las and name == "lait":
                every_council_url = url
    return rows, every_council_url


def time_kpis_page(url: str, figures: PageFigures, empty: Path, runs: int) -> None:
    """Fill `figures` with the empty page's and the KPIs page's median CPU ms on `url`."""
    os.environ[DATABASE_ENV] = url
    timing = paired_cpu_ms(warm_empty(empty), ROOT / "app.py", runs, KPIS_PAGE.page)
    figures.empty_ms, figures.page_ms, figures.ratio = timing.empty_ms, timing.ms, timing.ratio
    figures.timed, at = timing.runs, timing.at
    figures.problems += check_page(KPIS_PAGE, at, lead="")
    if not any(figures.council in caption.value for caption in at.caption):
        figures.problems.append(f"KPIs: no caption names {figures.council!r}: wrong database?")
    progress(f"  KPIs, {figures.label}: {figures.page_ms:.0f} ms")
    forget_caches()


def format_page_figures(results: list[PageFigures], runs: int) -> str:
    """Rows = the empty page and the KPIs page, columns = databases, as scripts/bench.py's."""
    rows = [
        ("Empty page", [f"{r.empty_ms:.1f} ms" for r in results]),
        ("KPIs", [f"{r.page_ms:.0f} ms ({r.ratio:.0f}x)" for r in results]),
    ]
    lines = aligned_table(
        f"KPIs page: median process CPU time of {runs} warm reruns (SQLite); "
        "(ratio x) = against the empty page.",
        [r.label for r in results],
        rows,
    )
    for r in results:
        if r.timed < runs:
            lines.append(f"  {r.label}: median of {r.timed} runs")
        lines += [f"  ! {r.label} {problem}" for problem in r.problems]
    return "\n".join(lines)


def kpi_figures(runs: int = 5) -> str:
    """The import table and the page table, or the demo's page alone saying why."""
    quiet_streamlit_logs()
    parts = []
    with tempfile.TemporaryDirectory(prefix="readiness_bench_kpis_") as name:
        folder = Path(name)
        (folder / "demo").mkdir()
        empty = folder / "empty.py"
        empty.write_text(EMPTY_SCRIPT, encoding="utf-8")
        demo_url = serve.demo_database(folder / "demo", AS_AT)
        figures, _ = stored(demo_url)
        databases = [(demo_url, PageFigures(f"demo ({figures:,} figures)", "Marshcombe"))]
        skipped = missing_files()
        if skipped:
            parts.append(f"Import and Leeds' page skipped: {skipped}.")
        else:
            rows, every_council_url = import_figures(folder)
            parts.append("KPI import (import-kpis --yes, new SQLite database)")
            parts.append(format_import_table(rows))
            figures, areas = stored(every_council_url)
            label = f"Leeds, all councils ({figures:,} figures, {areas} areas)"
            databases.append((every_council_url, PageFigures(label, "Leeds")))
        for url, result in databases:
            time_kpis_page(url, result, empty, runs)
        parts.append(format_page_figures([result for _, result in databases], runs))
    return "\n\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed warm reruns of the page")
    args = parser.parse_args(argv)
    print(kpi_figures(max(1, args.runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
