"""Time the importer on a 10,000-action canonical workbook written by the app's own exporter.

    .venv/bin/python scripts/bench_import.py [--actions 10000] [--pg URL]

The workbook is the demo plan scaled up (scripts/scaled_plan.py), exported as the Data page does
(building it is not timed). Prints the CPU time (`time.process_time()`) and wall time of:
reading it (`read_plan`); reading a workbook of as many rows with 1% broken to the list of
problems; reading and storing it as a new plan in an empty database; and re-importing the same
file (read, preview, apply: nothing changes). Stores on SQLite, and on PostgreSQL with --pg or
TEST_DATABASE_URL (a scratch database, dropped afterwards; the server's own CPU is not counted).
`make bench` calls `import_figures` through scripts/bench.py.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "scripts"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from scaled_plan import count_actions, scaled_plan, scratch_database, store_plan  # noqa: E402

from readiness.access.roles import command_line  # noqa: E402
from readiness.cli import main as cli  # noqa: E402
from readiness.db.engine import make_engine  # noqa: E402
from readiness.plan.importing import ImportFailed, read_plan  # noqa: E402
from readiness.settings import Settings  # noqa: E402
from readiness.store import Store  # noqa: E402
from tests.import_fixtures import big_canonical_rows, plain_canonical_workbook  # noqa: E402

AS_AT = date(2026, 11, 22)


def timed(work: Callable[[], object]) -> tuple[float, float, object]:
    """CPU seconds (this process and the plan readers it started), wall seconds, the result."""
    before, wall = os.times(), time.perf_counter()
    result = work()
    after = os.times()
    # user and system time of this process and of its finished children (the workbook reader)
    return sum(after[:4]) - sum(before[:4]), time.perf_counter() - wall, result


def median_reads(
    cases: list[tuple[str, Callable[[], str]]], runs: int
) -> list[tuple[str, float, float, str]]:
    """(label, median CPU seconds, median wall seconds, what the read said) for each case,
    read in turn `runs` rounds, so a change in the machine's load falls on all."""
    times: dict[str, list[tuple[float, float]]] = {label: [] for label, _ in cases}
    said = {}
    for _ in range(runs):
        for label, read in cases:
            cpu, wall, said[label] = timed(read)
            times[label].append((cpu, wall))
    return [
        (
            label,
            statistics.median(cpu for cpu, _ in times[label]),
            statistics.median(wall for _, wall in times[label]),
            said[label],
        )
        for label, _ in cases
    ]


def write_exported_plan(folder: Path, actions: int, as_at: date = AS_AT) -> Path:
    """The demo plan scaled to about `actions` actions, stored, then exported to an .xlsx file
    by the CLI's `export-plan` (the Data page's exporter)."""
    plan = scaled_plan(as_at, max(1, math.ceil(actions / count_actions(scaled_plan(as_at, 1))[0])))
    url = f"sqlite:///{folder / 'export-source.db'}"
    store_plan(url, plan, as_at)
    path = folder / "exported-plan.xlsx"
    args = ["export-plan", "--db", url, "--as-at", as_at.isoformat(), str(path)]
    with open(os.devnull, "w") as quiet:
        if cli.main(args, out=quiet) != 0:
            raise RuntimeError(f"export-plan failed: {' '.join(args)}")
    return path


def import_figures(
    actions: int, server_url: str | None, as_at: date = AS_AT
) -> list[tuple[str, float, float]]:
    """(what, CPU seconds, wall seconds) for each import step on each database."""
    rows: list[tuple[str, float, float]] = []
    with tempfile.TemporaryDirectory(prefix="readiness_bench_import_") as name:
        folder = Path(name)
        good = write_exported_plan(folder, actions, as_at)
        cpu, wall, result = timed(lambda: read_plan(good, imported_on=as_at))
        size = f"{result.actions:,} actions, {good.stat().st_size / 1e6:.1f} MB"
        rows.append((f"read_plan, exported workbook ({size})", cpu, wall))

        bad = plain_canonical_workbook(
            folder / "bad.xlsx", big_canonical_rows(result.actions, bad_every=100)
        )
        cpu, wall, problems = timed(lambda: _problems(bad, as_at))
        rows.append((f"read_plan to ImportFailed, 1% rows broken ({problems} problems)", cpu, wall))

        databases = [("SQLite", "sqlite", None)]
        if server_url:
            databases.append(("PostgreSQL", "postgresql", server_url))
        for label, kind, server in databases:
            with scratch_database(kind, folder, server) as url:
                rows += _store_and_reimport(good, url, label, as_at)
    return rows


def _problems(path: Path, as_at: date) -> int:
    try:
        read_plan(path, imported_on=as_at)
    except ImportFailed as failed:
        return len(failed.problems)
    return 0


def _store_and_reimport(
    path: Path, url: str, label: str, as_at: date
) -> list[tuple[str, float, float]]:
    """Read + store as a new plan in an empty database; then read + preview + apply again."""
    store = Store(make_engine(url), Settings())
    try:
        store.upgrade()
        cpu, wall, _ = timed(
            lambda: store.import_plan(
                read_plan(path, imported_on=as_at).plan, as_at, by=command_line()
            )
        )
        rows = [(f"read + store as a new plan, empty {label} database", cpu, wall)]

        def reimport():
            again = read_plan(path, imported_on=as_at).plan
            preview = store.preview_plan_import(again)
            store.import_plan(again, as_at, expected=preview, by=command_line())
            return preview

        cpu, wall, preview = timed(reimport)
        outcome = "stored changes!" if preview.has_changes else "no change"
        rows.append((f"re-import the same file, {label} ({outcome})", cpu, wall))
        return rows
    finally:
        store.engine.dispose()


def format_import_table(rows: list[tuple[str, float, float]]) -> str:
    """The figures as aligned lines: step, CPU seconds, wall seconds."""
    width = max(len(what) for what, _, _ in rows)
    lines = [f"{'Import step':<{width}}  {'CPU s':>7}  {'wall s':>7}"]
    lines += [f"{what:<{width}}  {cpu:7.2f}  {wall:7.2f}" for what, cpu, wall in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=10_000, help="about this many actions")
    parser.add_argument("--pg", default=os.environ.get("TEST_DATABASE_URL"), help="server URL")
    args = parser.parse_args(argv)
    print(format_import_table(import_figures(args.actions, args.pg)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
