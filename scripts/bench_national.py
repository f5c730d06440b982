"""Time reading the national record: Ofsted's public files all at once.

    .venv/bin/python scripts/bench_national.py [--runs 3] [--folder ../shared/data/ofsted]

Reads the scraped report history, the LA lookup and Ofsted's official statistics workbook with
`read_national`, `runs` times, and prints the median wall seconds, then what the files gave:
councils, inspections by kind, how many were read in both sources, how many types the two
disagree on, and the warnings. The files are read where they are kept, outside the repo. Figures
only: it never fails on a time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from readiness.inspection.national_files import read_national  # noqa: E402
from readiness.inspection.national_merge import TYPE_DIFFERS  # noqa: E402
from tests.kpi_data import NATIONAL_FILES as FILES  # noqa: E402
from tests.kpi_data import OFSTED_DATA as FOLDER  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--folder", type=Path, default=FOLDER)
    args = parser.parse_args()
    paths = [args.folder / name for name in FILES]
    missing = [str(path) for path in paths if not path.exists()]
    if missing:
        sys.exit(f"Not found (Ofsted's files are kept outside the repo): {', '.join(missing)}")
    seconds = []
    for _ in range(args.runs):
        start = time.perf_counter()
        record = read_national(paths)
        seconds.append(time.perf_counter() - start)
    median = statistics.median(seconds)
    print(f"read_national, {len(paths)} files: {median:.3f} s (median of {args.runs})")
    kinds = Counter(event.kind for event in record.inspections)
    both = [e for e in record.inspections if FILES[0] in e.source and FILES[2] in e.source]
    differ = [e for e in both if any(note.startswith(TYPE_DIFFERS) for note in e.notes)]
    print(f"councils: {len(record.councils)}")
    print(f"inspections: {len(record.inspections)} ({dict(kinds.most_common())})")
    print(f"full inspections: {sum(event.is_full for event in record.inspections)}")
    print(f"read in both sources: {len(both)}; types the two disagree on: {len(differ)}")
    print(f"warnings: {len(record.warnings)}")
    for warning in record.warnings:
        print(f"  {warning}")


if __name__ == "__main__":
    main()
