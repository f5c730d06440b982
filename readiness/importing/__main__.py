"""Check a plan file without storing it, or write the blank template.

python -m readiness.importing plan.xlsx [--sheet NAME] [--as-at YYYY-MM-DD]
python -m readiness.importing --template plan-template.xlsx
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from readiness.importing import DEFAULT_MAX_BYTES, ImportFailed, read_plan, write_template


def _progress(done: int, total: int, stage: str) -> None:
    if total:
        print(f"\r{stage}: {done}/{total} rows", end="", file=sys.stderr, flush=True)
        if done >= total:
            print(file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m readiness.importing", description=__doc__)
    parser.add_argument("file", nargs="?", help="the plan to check (.xlsx or .csv)")
    parser.add_argument("--sheet", help="the workbook sheet to read (default: the first plan)")
    parser.add_argument("--as-at", type=date.fromisoformat, default=date.today())
    parser.add_argument("--max-mb", type=float, default=DEFAULT_MAX_BYTES / (1024 * 1024))
    parser.add_argument("--template", metavar="PATH", help="write the blank template and stop")
    args = parser.parse_args(argv)
    if args.template:
        print(f"Wrote {write_template(args.template)}")
        return 0
    if not args.file:
        parser.error("give a file to check, or --template PATH")
    try:
        result = read_plan(
            args.file,
            sheet=args.sheet,
            as_at=args.as_at,
            max_bytes=int(args.max_mb * 1024 * 1024),
            progress=_progress,
        )
    except ImportFailed as failed:
        print(failed, file=sys.stderr)
        return 1
    print(result.summary())
    for warning in result.warnings:
        print(f"Check: {warning}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
