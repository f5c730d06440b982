"""A council's own KPI tables (.xlsx, .csv; a Word document's tables read too), in either of two
layouts told apart by their headings, sheet by sheet:

1. the long (canonical) table: Indicator, Period, Value, and optionally Target, Tolerance,
   England, Region, Statistical neighbours, Unit, Polarity, Judgement area (own_long);
2. the wide sheet performance teams keep: one row per indicator, one column per month, quarter
   or year ("Apr-25", "Q1 2025/26", "2024-25"), optionally Target and Tolerance (own_wide).

Every sheet whose heading row (within its first HEADER_ROWS rows) is one of these is read; a
sheet holding something else is left out with a warning, and a file with no such sheet is a
problem saying which headings are read. The file is read by readiness.files.reading, with the
plan importer's checks, and a CSV file with a KPI file's too (files.limits.csv_shape: a line of
100 MB is no table's). read_kpi_files reads it in a limited process.

Indicators not ours are the council's local indicators; their rules, the targets', and Excel's
percent fractions are own_reading's, the cells' own_cells'. Areas are values' (the council by
its DfE number, England, a region), and the neighbours' average from a long table is stored
under own_cells.NEIGHBOURS_AVERAGE ("neighbours").

All or nothing: every problem in the file is listed with its sheet, row, column and value, and
raised together (ImportFailed); nothing is returned unless the whole file reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from readiness.files.limits import (
    DEFAULT_LIMITS,
    DEFAULT_MAX_BYTES,
    Limits,
    csv_shape,
    csv_shape_problems,
)
from readiness.files.problems import ImportFailed, Problem, file_problem
from readiness.files.reading import Book, Cell, check_file, is_blank
from readiness.kpi import own_long, own_wide
from readiness.kpi.indicators import Indicator
from readiness.kpi.own_cells import NEIGHBOURS_AVERAGE, shown
from readiness.kpi.own_finish import finish
from readiness.kpi.own_reading import OwnReading
from readiness.kpi.values import KpiValue

__all__ = ["NEIGHBOURS_AVERAGE", "Layout", "OwnTable", "read_own"]

Layout = Literal["auto", "canonical", "wide"]
# A sheet's heading row is looked for in its first rows, below any title and notes.
HEADER_ROWS = 20
_LONG = (
    "a long table headed Indicator, Period and Value (and optionally Target, Tolerance, "
    "England, Region, Statistical neighbours, Unit, Polarity, Judgement area)"
)
_WIDE = (
    "a wide sheet with one row per indicator and one column per period, headed such as "
    '"Apr-25", "Q1 2025/26" or "2024-25"'
)
_EXPECTED: dict[str, str] = {"auto": f"{_LONG}, or {_WIDE}", "canonical": _LONG, "wide": _WIDE}
_SPLIT_IT = (
    "Keep only the KPI table in the file (a table of a few hundred rows), or split it into "
    "smaller files, and import again."
)


@dataclass(frozen=True)
class OwnTable:
    """What a council's own table gives: its figures, targets, local indicators and warnings
    (things to check; the file can still be stored)."""

    file: str
    layouts: dict[str | None, str]  # each sheet read: "long" or "wide"
    values: list[KpiValue]
    targets: dict[str, tuple[float, float | None]]  # by indicator id: (target, tolerance)
    local: list[Indicator]
    warnings: list[Problem]


def read_own(
    path: Path | str,
    la_code: str,
    *,
    layout: Layout = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
    limits: Limits = DEFAULT_LIMITS,
) -> OwnTable:
    """The council's own figures (under its DfE number `la_code`), comparators, targets and
    local indicators in the file; `layout` "canonical" or "wide" reads only that layout. A file
    over `limits` is refused unread.

    Raises ImportFailed listing every problem."""
    path = Path(path)
    problems = check_file(path, max_bytes, limits)
    if not problems and path.suffix.lower() == ".csv":
        problems = csv_shape_problems(path.name, csv_shape(path), limits, _SPLIT_IT)
    if problems:
        raise ImportFailed(problems)
    book = Book(path, limits=limits)
    reading = OwnReading(path.name, str(la_code).strip())
    layouts: dict[str | None, str] = {}
    unread: list[tuple[str | None, list[Cell]]] = []
    book_warnings: list[Problem] = []
    try:
        names = book.sheet_names
        for name in names:
            rows = book.sheet(name).rows
            book_warnings += book.warnings
            found = _layout(rows, layout)
            if found is None:
                if any(not is_blank(row) for row in rows):
                    unread.append((name, next(row for row in rows if not is_blank(row))))
                continue
            kind, index, header = found
            layouts[name] = kind
            read = own_long.read_long if kind == "long" else own_wide.read_wide
            read(reading, name, rows, index, header)
    finally:
        book.close()
    if not layouts:
        raise ImportFailed([_unrecognised(path.name, unread, layout)])
    reading.warnings += [
        Problem(
            path.name,
            name,
            None,
            None,
            None,
            f"The sheet is not read: its headings are not those of {_EXPECTED[layout]}. Its "
            f"first row reads {_row_text(first)}.",
            "Nothing to do if it holds notes; otherwise head it as above.",
        )
        for name, first in unread
    ]
    values, targets, local = finish(reading)
    order = {name: index for index, name in enumerate(names)}

    def in_file_order(problem: Problem) -> tuple[int, int]:
        return order.get(problem.sheet, -1), problem.row or 0

    if reading.problems:
        raise ImportFailed(sorted(reading.problems, key=in_file_order))
    warnings = [*dict.fromkeys(book_warnings), *sorted(reading.warnings, key=in_file_order)]
    return OwnTable(path.name, layouts, values, targets, local, warnings)


def _layout(rows: list[list[Cell]], layout: Layout):
    """("long" or "wide", the heading row's index, its header), or None if no row heads one."""
    for index, row in enumerate(rows[:HEADER_ROWS]):
        if layout != "wide" and (header := own_long.find_header(row)):
            return "long", index, header
        if layout != "canonical" and (header := own_wide.find_header(row)):
            return "wide", index, header
    return None


def _unrecognised(
    file: str, unread: list[tuple[str | None, list[Cell]]], layout: Layout
) -> Problem:
    seen = "; ".join(
        (f'sheet "{name}" ' if name is not None else "") + f"starts {_row_text(row)}"
        for name, row in unread
    )
    return file_problem(
        file,
        f"The file holds no KPI table we can read ({seen or 'it is empty'}).",
        f"Give it {_EXPECTED[layout]}, in the first {HEADER_ROWS} rows of a sheet. DfE's own files "
        "(LAIT's data set, explore-education-statistics CSVs) are read as they are downloaded.",
    )


def _row_text(row: list[Cell]) -> str:
    cells = [shown(cell) for cell in row if shown(cell)]
    text = ", ".join(cells[:8]) + (", ..." if len(cells) > 8 else "")
    return f'"{text}"'
