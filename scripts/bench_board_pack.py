"""Time the board pack for the demo council: the `board-pack` command, as PDF and as Excel.

    .venv/bin/python scripts/bench_board_pack.py [--runs 3]

Each run is the whole command in this process (`python -m readiness board-pack OUT`): reading
the plan, indicators and inspection history from a new SQLite demo database, the rules, the
charts drawn by vl-convert, and the file written. The first run in a process also starts
vl-convert's renderer, so it is shown apart; then the median of `--runs` more, in wall and
process CPU seconds. Aim: a few seconds at most, quick enough to press the app's button.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pypdf import PdfReader  # noqa: E402

from readiness.cli.main import main as readiness  # noqa: E402
from readiness.db.engine import make_engine  # noqa: E402
from readiness.demo.prepare import prepare_database  # noqa: E402
from readiness.text import format_date  # noqa: E402

AS_AT = date(2026, 11, 22)


def run_once(url: str, path: Path, fmt: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one `board-pack` command."""
    out = io.StringIO()
    wall, cpu = time.perf_counter(), time.process_time()
    code = readiness(
        ["board-pack", str(path), "--format", fmt, "--as-at", AS_AT.isoformat(), "--db", url], out
    )
    elapsed = time.perf_counter() - wall, time.process_time() - cpu
    if code != 0:
        raise SystemExit(f"board-pack failed: {out.getvalue()}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'demo.db'}"
        prepare_database(make_engine(url), AS_AT, demo=True)
        print(f"Board pack, demo council as at {format_date(AS_AT)}; wall (CPU) seconds")
        print(f"{'':<8}{'first run':>16}{f'median of {args.runs}':>18}  file")
        for fmt in ("pdf", "xlsx"):
            path = Path(folder) / f"pack.{fmt}"
            first = run_once(url, path, fmt)
            times = [run_once(url, path, fmt) for _ in range(args.runs)]
            wall = statistics.median(t[0] for t in times)
            cpu = statistics.median(t[1] for t in times)
            size = f"{path.stat().st_size / 1024:,.0f} KB"
            if fmt == "pdf":
                size += f", {len(PdfReader(path).pages)} pages"
            cold = f"{first[0]:.2f} ({first[1]:.2f})"
            print(f"{fmt.upper():<8}{cold:>16}{f'{wall:.2f} ({cpu:.2f})':>18}  {size}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
