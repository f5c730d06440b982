"""The board pack's tables as plain data, written alike as a PDF table and as a worksheet, so the
two formats hold the same rows."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from readiness.palette import Rag


@dataclass(frozen=True)
class Status:
    """A colour as symbol and word ("✖ Red"), with the colour code for the cell's fill; `colour`
    None for a figure that is compared but not coloured."""

    label: str
    colour: str | None

    def __str__(self) -> str:
        return self.label


Value = str | int | float | Status | None


@dataclass(frozen=True)
class Column:
    heading: str
    # Characters: the worksheet column's width, and the column's share of the PDF page's width.
    width: int


@dataclass(frozen=True)
class Table:
    title: str  # the section heading in the PDF, the sheet's name in the workbook
    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]


def rag_status(code: str) -> Status:
    return Status(Rag(code).label, code)


def percent(value) -> str:
    """A share complete ("34%"), or a dash where there is nothing to complete."""
    return "—" if value is None or pd.isna(value) else f"{int(value)}%"
