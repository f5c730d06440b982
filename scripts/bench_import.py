"""Time the importer on big canonical workbooks: 10,000 good actions, and 10,000 rows with 1% bad.

    .venv/bin/python scripts/bench_import.py [--actions 10000]

Prints the seconds `read_plan` takes on each (building the workbooks is not timed).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from readiness.importing import ImportFailed, read_plan  # noqa: E402
from tests.import_fixtures import big_canonical_rows, plain_canonical_workbook  # noqa: E402

AS_AT = date(2026, 3, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--actions", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        good = plain_canonical_workbook(
            Path(folder) / "good.xlsx", big_canonical_rows(args.actions)
        )
        bad = plain_canonical_workbook(
            Path(folder) / "bad.xlsx", big_canonical_rows(args.actions, bad_every=100)
        )

        started = time.perf_counter()
        result = read_plan(good, as_at=AS_AT)
        good_seconds = time.perf_counter() - started
        print(
            f"read_plan, {result.actions} actions ({good.stat().st_size / 1e6:.1f} MB): "
            f"{good_seconds:.2f} s"
        )

        started = time.perf_counter()
        try:
            read_plan(bad, as_at=AS_AT)
            problems = 0
        except ImportFailed as failed:
            problems = len(failed.problems)
        bad_seconds = time.perf_counter() - started
        print(
            f"read_plan to ImportFailed, {args.actions} rows, {problems} problems: "
            f"{bad_seconds:.2f} s"
        )


if __name__ == "__main__":
    main()
