"""Builders of the files that test the limits on reading a plan, shared by the tests
(tests/test_import_limits.py) and the benchmark (scripts/bench_import_limits.py): a plan workbook
with cells far from the plan, and copies whose sheet XML is edited as Excel would save it
(formatted empty rows by the million, a false or missing extent, values spaced down to the last
row). Every file is written with openpyxl; the biggest by writing the sheet's XML into a copy of
a small workbook.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.styles import Font

from readiness.plan.canonical import CANONICAL_COLUMNS
from tests.import_fixtures import big_canonical_rows

# Enough rows that a value in column XFD takes the sheet over the cell limit (rows × 16,384).
PLAN_ACTIONS = 200
Edit = Callable[[str, IO[bytes]], None]


def small_workbook(path: Path, far_cell: str | None = None, value: str | None = None) -> Path:
    """A sheet "Plan" with two rows, and a far cell holding `value`, or bold and empty."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Plan"
    sheet.append(["Ref", "Recommendation"])
    sheet.append(["REC 1", "Improve plans"])
    if far_cell and value is not None:
        sheet[far_cell] = value
    elif far_cell:
        sheet[far_cell].font = Font(bold=True)
    book.save(path)
    return path


def plan_workbook(
    path: Path, far: dict[str, object] | None = None, actions: int = PLAN_ACTIONS
) -> Path:
    """A canonical plan of `actions` rows on sheet "Plan", and each `far` cell holding its value,
    or bold and empty for None; written by openpyxl as Excel writes it (shared strings, the
    sheet's true extent declared)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Plan"
    sheet.append([column.heading for column in CANONICAL_COLUMNS])
    for values in big_canonical_rows(actions):
        sheet.append(values)
    for cell, value in (far or {}).items():
        if value is None:
            sheet[cell].font = Font(bold=True)
        else:
            sheet[cell] = value
    book.save(path)
    return path


def with_sheet_xml(source: Path, target: Path, edit: Edit) -> Path:
    """A copy of `source` whose first sheet's XML is written by `edit(old XML, stream)`."""
    with (
        zipfile.ZipFile(source) as old,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as new,
    ):
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                with new.open(item.filename, "w", force_zip64=True) as stream:
                    edit(data.decode(), stream)
            else:
                new.writestr(item, data)
    return target


def with_dimension(ref: str | None) -> Edit:
    """An edit that declares the sheet's extent as `ref`, or drops the declaration."""
    new = f'<dimension ref="{ref}" />' if ref else ""
    return lambda xml, stream: stream.write(re.sub(r"<dimension [^>]*>", new, xml).encode())


def formatted_rows(first: int, rows: int, dimension: str) -> Edit:
    """An edit adding rows `first` to `rows` of three bold empty cells, as Excel saves formatted
    rows, and declaring the sheet's extent as `dimension`."""

    def edit(xml: str, stream: IO[bytes]) -> None:
        head, tail = xml.split("</sheetData>")
        head = re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"', head)
        stream.write(head.encode())
        for start in range(first, rows + 1, 10_000):
            stream.write(
                "".join(
                    f'<row r="{r}"><c r="A{r}" s="1"/><c r="B{r}" s="1"/><c r="C{r}" s="1"/></row>'
                    for r in range(start, min(start + 10_000, rows + 1))
                ).encode()
            )
        stream.write(("</sheetData>" + tail).encode())

    return edit


def values_in_rows(rows: Iterable[int]) -> Edit:
    """An edit adding the text "x" in column A of each of `rows`."""

    def edit(xml: str, stream: IO[bytes]) -> None:
        cells = "".join(
            f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>x</t></is></c></row>' for r in rows
        )
        stream.write(xml.replace("</sheetData>", cells + "</sheetData>").encode())

    return edit


def million_formatted_rows(folder: Path) -> Path:
    """A plan of 3 actions followed by formatted empty rows down to row 1,000,000, declared
    honestly (A1:T1000000)."""
    plan = plan_workbook(folder / "plan.xlsx", actions=3)
    edit = formatted_rows(5, 1_000_000, "A1:T1000000")
    return with_sheet_xml(plan, folder / "rows.xlsx", edit)
