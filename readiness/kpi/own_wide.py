"""The wide layout of a council's own KPI table, as performance teams keep them: one row per
indicator, one column per month, quarter or year.

The heading row is the first with a period heading after its first column ("Apr-25",
"Q1 2025/26", "2024-25", a date Excel made of "Apr-25": own_cells.read_period). The indicators'
names are in the column headed Indicator (or KPI, Measure...), else in the first column holding
anything before the periods. Other columns may be Target, Tolerance, Unit, Polarity, Judgement
area and Definition.

- A period heading is read for each indicator with the day its year ends (a September-ending
  workforce indicator's "2024-25" ends in September 2025); a local indicator's year ends in March.
- A heading meant as a period that does not read ("Apr 25x", "Q5 2025/26", "April") is a
  problem naming the column; a heading of words ("Comments", "RAG") is not a period: its column
  is left out, with a warning if it holds anything.
- Blank cells are normal in a wide sheet (months still to come, figures not collected): a blank
  cell is no figure, and nothing is stored or said for it.
- A row with a name but no figure or target (a section heading, a note) is not read, and the
  rows so left are listed in one warning.
"""

from __future__ import annotations

from dataclasses import dataclass

from readiness.files.reading import Cell, is_blank
from readiness.kpi.indicators import MARCH, Indicator
from readiness.kpi.own_cells import (
    HEADINGS,
    cell_at,
    heading_text,
    is_period,
    meant_as_period,
    period_problem,
    read_heading,
    read_period,
    shown,
)
from readiness.kpi.own_reading import (
    DESCRIBING,
    OwnReading,
    Where,
    read_columns,
    unread_rows,
)

_KINDS = {"indicator", "target", "tolerance", "unit", "polarity", "area", "definition"}
_OTHER_HEADINGS = ", ".join(HEADINGS[kind][0] for kind in HEADINGS if kind in _KINDS)


@dataclass(frozen=True)
class WideHeader:
    cells: list[Cell]
    periods: tuple[int, ...]  # the columns headed by a period


def find_header(row: list[Cell]) -> WideHeader | None:
    """The row as a wide sheet's heading row, if a heading of it after the first column is a
    period (the names come first: a title such as "2025-26" alone in A1 heads no table)."""
    periods = tuple(
        index
        for index, cell in enumerate(row)
        if index and shown(cell) and read_heading(cell).kind is None and is_period(cell)
    )
    return WideHeader(row, periods) if periods else None


def read_wide(
    reading: OwnReading, sheet: str | None, rows: list[list[Cell]], index: int, header: WideHeader
) -> None:
    """The rows below the heading row (rows[index]) into `reading`."""
    below = rows[index + 1 :]
    header_row = index + 1
    cells = header.cells
    periods = _periods(reading, sheet, header_row, header)
    bad = _bad_headings(reading, sheet, header_row, cells, set(header.periods))
    name_column = _name_column(cells, below, header.periods)
    skip = {*header.periods, *bad}
    if read_heading(cells[name_column]).kind != "indicator":
        skip.add(name_column)  # a column of names headed otherwise, or not at all
    columns = read_columns(reading, sheet, cells, below, header_row, _KINDS, skip)
    headings = {kind: heading_text(cells[i], i) for kind, i in columns.items()}
    headings["indicator"] = heading_text(cells[name_column], name_column)
    nothing: list[tuple[int, str]] = []
    for number, row in enumerate(below, start=index + 2):
        if is_blank(row):
            continue

        def where(kind: str, number: int = number) -> Where:
            return Where(sheet, number, headings.get(kind, headings["indicator"]))

        def cell(kind: str, row: list[Cell] = row) -> Cell:
            return cell_at(row, columns.get(kind))

        name = reading.text(cell_at(row, name_column), where("indicator"))
        given = [i for i in periods if shown(cell_at(row, i))]
        if not given and not (shown(cell("target")) or shown(cell("tolerance"))):
            nothing.append((number, name))
            continue
        described = {kind: (cell(kind), where(kind)) for kind in DESCRIBING if kind in columns}
        ref = reading.row_indicator(name, where("indicator"), described)
        if ref is None:
            continue
        year_end = ref.year_end if isinstance(ref, Indicator) else MARCH
        for column in given:
            period = read_period(cells[column], year_end)
            at = Where(sheet, number, heading_text(cells[column], column))
            reading.figure(ref, reading.la_code, None, period, row[column], at)
        if "target" in columns or "tolerance" in columns:
            cells_given = (cell("target"), cell("tolerance"))
            reading.target(ref, cells_given, (where("target"), where("tolerance")), None)
    unread_rows(reading, sheet, nothing)


def _periods(
    reading: OwnReading, sheet: str | None, header_row: int, header: WideHeader
) -> list[int]:
    """The period columns to read: each period once (two columns of one period, such as
    "Apr-25" and "April 2025", are a problem: which figure is right is not known)."""
    first: dict[object, int] = {}
    for column in header.periods:
        cell = header.cells[column]
        end = read_period(cell).end
        if end not in first:
            first[end] = column
            continue
        other = heading_text(header.cells[first[end]], first[end])
        reading.problem(
            Where(sheet, header_row, heading_text(cell, column)),
            cell,
            f'is the same period as the column "{other}".',
            "Keep one column for each period.",
        )
    return list(first.values())


def _bad_headings(
    reading: OwnReading, sheet: str | None, header_row: int, cells: list[Cell], periods: set[int]
) -> set[int]:
    """The columns whose heading was meant as a period but does not read: each a problem."""
    bad: set[int] = set()
    for column, cell in enumerate(cells):
        if column in periods or read_heading(cell).kind or not meant_as_period(cell):
            continue
        try:
            read_period(cell)
        except ValueError as error:
            message, fix = period_problem(error)
            reading.problem(
                Where(sheet, header_row, heading_text(cell, column)),
                cell,
                f"{message[:-1]}, so the column's figures cannot be read.",
                f"{fix} A column of something else: head it in words (such as "
                f'"Comments"), or as one of {_OTHER_HEADINGS}.',
            )
            bad.add(column)
    return bad


def _name_column(cells: list[Cell], below: list[list[Cell]], periods: tuple[int, ...]) -> int:
    """The column of the indicators' names: headed so, else the first holding anything before
    the first period column."""
    for column, cell in enumerate(cells):
        if read_heading(cell).kind == "indicator":
            return column
    for column in range(min(periods)):
        if read_heading(cells[column]).kind is None and any(
            shown(cell_at(row, column)) for row in below
        ):
            return column
    return 0
