"""An .xlsx workbook's cell values, read by python-calamine (Rust), as openpyxl would give them.

calamine gives the cached result of a formula, dates for date-formatted numbers (on either
calendar), and each sheet's merged ranges. This adapter lays each sheet out from row 1 and
column A, gives every cell of a merged range the range's top-left value, and reports progress.
tests/test_import.py checks it against openpyxl's full load on every kind of fixture.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from python_calamine import CalamineWorkbook, SheetTypeEnum

Value = str | int | float | bool | date | datetime | time | timedelta | None
# Called with (rows read, rows in the sheet) every so many rows.
RowProgress = Callable[[int, int], None]


class TooManyCells(Exception):
    """The sheet's grid, from A1 to its last cell, is over the cell limit."""

    def __init__(self, rows: int, columns: int) -> None:
        super().__init__(f"{rows} rows × {columns} columns")
        self.rows, self.columns = rows, columns


class Workbook:
    """An .xlsx file's sheet names, and each sheet's rows of values on demand."""

    def __init__(self, path) -> None:
        self._book = CalamineWorkbook.from_path(path)
        self._charts = {
            sheet.name
            for sheet in self._book.sheets_metadata
            if sheet.typ == SheetTypeEnum.ChartSheet
        }

    @property
    def sheet_names(self) -> list[str]:
        return list(self._book.sheet_names)

    def close(self) -> None:
        self._book.close()

    def rows(
        self,
        name: str,
        convert: Callable[[Value], object] = lambda value: value,
        progress: RowProgress | None = None,
        every: int = 200,
        max_cells: int | None = None,
    ) -> list[list]:
        """The sheet's rows from row 1, all as wide as the widest (merged ranges included).

        Each value is given as `convert(value)`, an empty cell as `convert(None)`; every cell of
        a merged range has the range's (top-left) value. Raises TooManyCells, before building
        any row, if rows × columns is over `max_cells`.
        """
        if name in self._charts:
            return []
        sheet = self._book.get_sheet_by_name(name)
        merges = sheet.merged_cell_ranges or []
        height, width = (sheet.end[0] + 1, sheet.end[1] + 1) if sheet.end else (0, 0)
        for _, (bottom, right) in merges:
            height, width = max(height, bottom + 1), max(width, right + 1)
        # calamine has laid out its own grid by now (the reader's memory limit bounds that);
        # stop before the slow part, turning every cell of it into Python.
        if max_cells is not None and height * width > max_cells:
            raise TooManyCells(height, width)
        empty = convert(None)
        total = max(height, 1)
        rows = []
        # Not iter_rows: it starts at the first column with data, not at column A.
        for number, values in enumerate(sheet.to_python(skip_empty_area=False), 1):
            rows.append([empty if v == "" else convert(v) for v in values])
            if progress and number % every == 0:
                progress(number, total)
        for row in rows:
            row.extend([empty] * (width - len(row)))
        rows.extend([empty] * max(width, 1) for _ in range(total - len(rows)))
        for (top, left), (bottom, right) in merges:
            value = rows[top][left]
            for row in rows[top : bottom + 1]:
                row[left : right + 1] = [value] * (right - left + 1)
        return rows
