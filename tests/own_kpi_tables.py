"""A council's own KPI tables made up for the tests, for a fictional council, Fernbridge (DfE
number 900 is no council's): a workbook of sheets or a CSV file of rows."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import openpyxl

LA = "900"
MONTHS = ["Apr-25", "May-25", "Jun-25", "Jul-25", "Aug-25", "Sep-25"]
MONTHS += ["Oct-25", "Nov-25", "Dec-25", "Jan-26", "Feb-26", "Mar-26"]


def workbook(path: Path, sheets: dict[str, list[list]], percent: bool = False) -> Path:
    """An .xlsx of these sheets; `percent`: numbers under 1 formatted as Excel percentages."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for line in sheet.iter_rows():
            for cell in line:
                if isinstance(cell.value, datetime):
                    cell.number_format = "mmm-yy"  # as Excel shows "Apr-25" typed in
                elif percent and isinstance(cell.value, float) and cell.value < 1:
                    cell.number_format = "0.0%"
    book.save(path)
    return path


def csv_file(path: Path, rows: list[list]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path
