"""Putting values into worksheet cells so that a plan's text is only ever text.

openpyxl picks a cell's type from its value: text starting with "=" becomes a live formula, so an
action reading =cmd|' /C calc'!A0 would run when the committee opens the export, and text such
as "#N/A" becomes an error value. Every workbook readiness.exports saves puts its values through
write_cell, which keeps text as an inline string exactly as written (no apostrophe added), and
dates and numbers as dates and numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from openpyxl.cell.cell import TYPE_STRING, Cell
from openpyxl.worksheet.worksheet import Worksheet

DATE_FORMAT = "DD/MM/YYYY"


def write_cell(sheet: Worksheet, row: int, column: int, value: object) -> Cell:
    """Put `value` in the cell: text as text (never a formula or error), a date as a date."""
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        # Set after the value, which is where openpyxl guesses "f" or "e" from the text.
        cell.data_type = TYPE_STRING
    elif isinstance(value, date):
        cell.number_format = DATE_FORMAT
    return cell


def write_row(sheet: Worksheet, row: int, values: Iterable[object]) -> list[Cell]:
    """Put `values` in the row from column A, each as write_cell does."""
    return [write_cell(sheet, row, column, value) for column, value in enumerate(values, 1)]
