"""The import fuzz suite at full size: malformed plan files through the command-line import.

    .venv/bin/python scripts/bench_fuzz.py [--count 1000] [--seed 20261122] [--keep DIR]

The files come from the seeded generator in tests/fuzz/ (the normal test run,
tests/test_import_fuzz.py, takes the first of them: one of each kind of mutation). Each is
imported with `python -m readiness import-plan --yes` into one SQLite database holding the demo
plan and judged as the tests judge it: no traceback, a refusal that names the file and says why,
the database unchanged by a refused file, an accepted one stored whole. Prints the closing
figures (files, accepted, refused, crashed, hung, the slowest, every failed check) and a line per
mutation kind. Exits 1 if any file failed a check. --keep writes the files and the database into
DIR and leaves them there, to open a case by its name.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.fuzz import SEED, FuzzRun, plan_fuzz, summarise  # noqa: E402

PROGRESS_EVERY = 50


def run_fuzz(count: int, seed: int, folder: Path) -> FuzzRun:
    """Import `count` fuzz files from `seed`, written into `folder`; the run with its outcomes."""
    run = FuzzRun(folder)
    for case in plan_fuzz(count, seed):
        outcome = run.run(case)
        if case.index % PROGRESS_EVERY == 0 or outcome.failures:
            print(
                f"{case.index}/{count} {outcome.verdict} {case.name}", file=sys.stderr, flush=True
            )
    return run


def fuzz_figures(count: int = 1000, seed: int = SEED) -> str:
    """The figures for `count` files, in a scratch folder (scripts/bench.py calls this)."""
    with tempfile.TemporaryDirectory(prefix="readiness_bench_fuzz_") as folder:
        return summarise(run_fuzz(count, seed, Path(folder)).outcomes, seed, by_kind=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000, help="how many files")
    parser.add_argument("--seed", type=int, default=SEED, help="the generator's seed")
    parser.add_argument(
        "--keep", type=Path, metavar="DIR", help="write the files here and keep them"
    )
    args = parser.parse_args(argv)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        place = contextlib.nullcontext(str(args.keep))
    else:
        place = tempfile.TemporaryDirectory(prefix="readiness_bench_fuzz_")
    with place as folder:
        outcomes = run_fuzz(args.count, args.seed, Path(folder)).outcomes
    print(summarise(outcomes, args.seed, by_kind=True))
    return 1 if any(o.failures for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
