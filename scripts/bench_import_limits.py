"""Time the importer on the files that test its limits: read past, or refused, and how fast.

    .venv/bin/python scripts/bench_import_limits.py [--runs 3]

The files are the ones tests/test_import_limits.py (and two of tests/test_import_files.py) read,
built by the same code (tests/limit_files.py; building them is not timed): a million formatted
empty rows below a plan, a stray value or a bold empty cell at XFD1048576, a table over the cell
limit, a far value behind a false extent, a CSV of three million blank lines, a CSV of empty rows
whose separator is guessed, and the million rows behind a false extent under a 0.3 s time limit.
Prints, for each, the median CPU time (this process and the reader process it starts) and wall
time of `read_plan` over `runs` reads taken in turn, and what the read gave. The tests assert
what bounds this work (rows laid out, memory, the refusal and its message); the time is here
because a busy machine is no regression. Figures only: it never fails on a time.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "scripts"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from bench_import import AS_AT, median_reads  # noqa: E402

from readiness.files import reading  # noqa: E402
from readiness.files.limits import Limits  # noqa: E402
from readiness.files.table_area import GAP_ROWS  # noqa: E402
from readiness.plan.canonical import CANONICAL_COLUMNS  # noqa: E402
from readiness.plan.importing import ImportFailed, read_plan  # noqa: E402
from readiness.text import plural  # noqa: E402
from tests.limit_files import (  # noqa: E402
    PLAN_ACTIONS,
    million_formatted_rows,
    plan_workbook,
    small_workbook,
    values_in_rows,
    with_dimension,
    with_sheet_xml,
)

Read = Callable[[], str]  # reads one file; says what it gave


def first_problem(failed: ImportFailed) -> str:
    """The first problem's words (its value, then its message), shortened between words."""
    problem = failed.problems[0]
    text = f'"{problem.value}" {problem.message}' if problem.value else problem.message
    return textwrap.shorten(text, 72, placeholder=" …")


def outcome(path: Path) -> Read:
    """read_plan on `path`, saying what it gave: the actions read, or the first problem."""

    def read() -> str:
        try:
            result = read_plan(path, imported_on=AS_AT)
        except ImportFailed as failed:
            return f"refused: {first_problem(failed)}"
        return f"{plural(result.actions, 'action')}, {plural(len(result.warnings), 'warning')}"

    return read


def stopped_at(path: Path, seconds: float) -> Read:
    """The reader on `path` under a time limit of `seconds`, saying whether it was stopped."""

    def read() -> str:
        try:
            book = reading.Book(path, limits=Limits(seconds=seconds))
            try:
                book.sheet("Plan")
            finally:
                book.close()
        except ImportFailed as failed:
            return f"stopped: {first_problem(failed)}"
        return "read to the end: not stopped"

    return read


def build_cases(folder: Path) -> list[tuple[str, Read]]:
    """(label, read) for each file, written into `folder`."""
    (folder / "rows").mkdir()
    rows = million_formatted_rows(folder / "rows")
    value = plan_workbook(folder / "value.xlsx", {"XFD1048576": "Checked by JS"})
    bold = plan_workbook(folder / "bold.xlsx", {"XFD1048576": None})
    spaced = with_sheet_xml(
        bold, folder / "spaced.xlsx", values_in_rows(range(PLAN_ACTIONS + 2, 1_048_577, GAP_ROWS))
    )
    far = small_workbook(folder / "far-source.xlsx", "XFD1048576", "x")
    false_extent = with_sheet_xml(far, folder / "false-extent.xlsx", with_dimension("A1:C3"))
    blank_lines = folder / "blank-lines.csv"
    blank_lines.write_bytes(b"Ref,Recommendation\n" + b"\n" * 3_000_000)
    empty_rows = folder / "empty-rows.csv"
    header = ";".join(c.heading for c in CANONICAL_COLUMNS)
    empty_rows.write_text(header + "\n" + (";" * 16 + "\n") * 20_000, encoding="utf-8")
    slow = with_sheet_xml(rows, folder / "slow.xlsx", with_dimension("A1:C3"))
    return [
        ("a million formatted empty rows below 3 actions", outcome(rows)),
        (f"{PLAN_ACTIONS} actions, a value at XFD1048576", outcome(value)),
        (f"{PLAN_ACTIONS} actions, XFD1048576 bold and empty", outcome(bold)),
        (f"a value every {GAP_ROWS:,} rows to the last row", outcome(spaced)),
        ("a value at XFD1048576 behind a false extent (A1:C3)", outcome(false_extent)),
        ("a CSV of 3,000,000 blank lines", outcome(blank_lines)),
        ("a CSV of 20,000 empty rows split by semicolons", outcome(empty_rows)),
        ("the million rows behind a false extent, 0.3 s limit", stopped_at(slow, 0.3)),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="reads of each file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="readiness_bench_limits_") as name:
        rows = median_reads(build_cases(Path(name)), args.runs)
    width = max(len(label) for label, *_ in rows)
    print(f"Import limits: median of {args.runs} reads (CPU: this process and the reader's)")
    print(f"{'File':<{width}}  {'CPU s':>6}  {'wall s':>6}  What the read gave")
    for label, cpu, wall, said in rows:
        print(f"{label:<{width}}  {cpu:6.2f}  {wall:6.2f}  {said}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
