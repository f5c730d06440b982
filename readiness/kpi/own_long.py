"""The long layout of a council's own KPI table: one row per indicator and period.

Its heading row has Indicator, Period and Value (or another heading of own_cells.HEADINGS for
each), and may have Target, Tolerance, England, Region, Statistical neighbours (SN), Unit,
Polarity, Judgement area and Definition, in any order. Each row's figures are stored as:

- Value: the council's own (its DfE number, `la_code`);
- England: England's (values.ENGLAND);
- Region: the region's, when the heading names which of England's nine regions it is
  ("Region (North West)", "Region: Yorkshire"): the rows do not say, and a figure stored under no
  region would be compared with nothing. A Region column that names none is not read, with a
  warning saying how to head it.
- Statistical neighbours: their average, under own_cells.NEIGHBOURS_AVERAGE (the table gives
  the average, not each neighbour's figure).

A blank figure is no figure. A row needs its indicator, and a period when it gives a figure; a
row that gives only a target (no period) sets the target.
"""

from __future__ import annotations

from dataclasses import dataclass

from readiness.files.reading import Cell, is_blank
from readiness.kpi.indicators import MARCH, Indicator
from readiness.kpi.neighbours import REGIONS, council_region
from readiness.kpi.own_cells import (
    HEADINGS,
    NEIGHBOURS_AVERAGE,
    cell_at,
    heading_text,
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
from readiness.kpi.values import ENGLAND, Period, region_area
from readiness.text import squash

REQUIRED = ("indicator", "period", "value")
_FIGURE_KINDS = ("value", "england", "region", "neighbours")


@dataclass(frozen=True)
class LongHeader:
    cells: list[Cell]


def find_header(row: list[Cell]) -> LongHeader | None:
    """The row as a long table's heading row, if it has the required headings."""
    kinds = {read_heading(cell).kind for cell in row}
    return LongHeader(row) if all(kind in kinds for kind in REQUIRED) else None


def read_long(
    reading: OwnReading, sheet: str | None, rows: list[list[Cell]], index: int, header: LongHeader
) -> None:
    """The rows below the heading row (rows[index]) into `reading`."""
    below = rows[index + 1 :]
    columns = read_columns(reading, sheet, header.cells, below, index + 1, set(HEADINGS), set())
    headings = {kind: heading_text(header.cells[i], i) for kind, i in columns.items()}
    areas = {"value": (reading.la_code, None), "england": (ENGLAND, "England")}
    areas["neighbours"] = (NEIGHBOURS_AVERAGE, "Statistical neighbours (average)")
    if "region" in columns:
        region = _region(reading, sheet, index + 1, header.cells[columns["region"]], headings)
        if region:
            areas["region"] = (region_area(region), region)
        else:
            del columns["region"]
    nothing: list[tuple[int, str]] = []
    for number, row in enumerate(below, start=index + 2):
        if is_blank(row):
            continue

        def where(kind: str, number: int = number) -> Where:
            # A column the table lacks (a Tolerance without a Target): its row, by indicator.
            return Where(sheet, number, headings.get(kind, headings["indicator"]))

        def cell(kind: str, row: list[Cell] = row) -> Cell:
            return cell_at(row, columns.get(kind))

        name = reading.text(cell("indicator"), where("indicator"))
        figures = [kind for kind in _FIGURE_KINDS if kind in columns and shown(cell(kind))]
        targets = [kind for kind in ("target", "tolerance") if kind in columns]
        if not figures and not any(shown(cell(kind)) for kind in targets):
            nothing.append((number, name))
            continue
        described = {kind: (cell(kind), where(kind)) for kind in DESCRIBING if kind in columns}
        ref = reading.row_indicator(name, where("indicator"), described)
        if ref is None:
            continue
        period = _period(reading, ref, cell("period"), where("period"), needed=bool(figures))
        if period is False:
            continue
        for kind in figures:
            area, area_name = areas[kind]
            reading.figure(ref, area, area_name, period, cell(kind), where(kind))
        if targets:
            reading.target(
                ref,
                (cell("target"), cell("tolerance")),
                (where("target"), where("tolerance")),
                period.end if period else None,
            )
    unread_rows(reading, sheet, nothing)


def _period(reading: OwnReading, ref, cell: Cell, where: Where, needed: bool):
    """The row's period; None if blank and not needed; False if it does not read (a problem)."""
    if not shown(cell):
        if not needed:
            return None
        reading.problem(
            where,
            None,
            "The row gives a figure but no period.",
            'Write the period the figure is for, as "2024-25", "Q1 2025/26" or "Apr-25".',
        )
        return False
    year_end = ref.year_end if isinstance(ref, Indicator) else MARCH
    try:
        period: Period = read_period(cell, year_end)
    except ValueError as error:
        reading.problem(where, cell, *period_problem(error))
        return False
    return period


def _region(
    reading: OwnReading, sheet: str | None, row: int, cell: Cell, headings: dict[str, str]
) -> str | None:
    """The region a Region heading names, as DfE spells it; None (with a warning or a problem)
    if it names none."""
    named = read_heading(cell).named
    where = Where(sheet, row, headings["region"])
    fix = f'Head the column with the region\'s name, as "Region ({REGIONS[1]})".'
    if not named:
        reading.warn(
            where,
            None,
            "The region's figures are not read: the heading does not say which region they are.",
            fix,
        )
        return None
    region = council_region(named) or _one_region_like(named)
    if region is None:
        reading.problem(
            where,
            cell,
            f"does not name one of England's regions ({', '.join(REGIONS)}).",
            fix,
        )
    return region


def _one_region_like(text: str) -> str | None:
    """The one region whose name holds `text` ("Yorkshire"), or None if none or several do."""
    key = squash(text)
    found = [region for region in REGIONS if key and key in squash(region)]
    return found[0] if len(found) == 1 else None
