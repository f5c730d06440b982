"""Time reading each Ofsted ILACS report PDF: the median of three reads, and the slowest report.

    .venv/bin/python scripts/bench_report_pdf.py [--runs 3] [FOLDER]

FOLDER defaults to the ten public reports kept outside the repo (../shared/data/ofsted/reports).
Each read is `read_report` on the file's bytes, from opening the PDF to the finished reading, in
wall seconds (`time.perf_counter()`); reading the file from disk is not timed. Aim: well under a
second a report.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from readiness.inspection.report_pdf import read_report  # noqa: E402

REPORTS = ROOT.parent / "shared" / "data" / "ofsted" / "reports"


def time_report(path: Path, runs: int) -> float:
    """Median wall seconds of `runs` reads of the report at `path`."""
    data = path.read_bytes()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        read_report(data, path.name)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=REPORTS)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    paths = sorted(args.folder.glob("*.pdf"))
    if not paths:
        print(f"No report PDFs in {args.folder}: nothing to time.")
        return 1
    width = max(len(path.name) for path in paths)
    times = {}
    for path in paths:
        times[path.name] = time_report(path, args.runs)
        print(f"{path.name:<{width}}  {times[path.name] * 1000:7.1f} ms")
    slowest = max(times, key=times.__getitem__)
    print(f"Slowest: {slowest}, {times[slowest] * 1000:.1f} ms (median of {args.runs} reads)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
