"""Plan documents for the Word import tests, written with python-docx into a folder.

The committee document holds the same blocks as import_fixtures.committee_workbook, laid out as
councils lay out a committee paper's appendix: a heading and a paragraph, a small table that is
not the plan, then the plan table with each block's header rows, the recommendation cell merged
down its block, and the "•" lines of an actions cell as real Word bullets. Every word is
invented for the project.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from tests.import_fixtures import COMMITTEE_BLOCKS, TITLE


def _fill(cell, text: str, document) -> None:
    """Put `text` in a cell, one paragraph per line; "• " lines become Word bullets."""
    lines = text.split("\n") if text else [""]
    for number, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
        if line.startswith("• "):
            paragraph.text = line[2:]
            paragraph.style = document.styles["List Bullet"]
        else:
            paragraph.text = line


def committee_document(path: Path, blocks=COMMITTEE_BLOCKS) -> Path:
    document = docx.Document()
    document.add_heading(TITLE, level=1)
    document.add_paragraph("Appendix 1 sets out each area for improvement and its actions.")
    contents = document.add_table(rows=2, cols=2)
    for row, (label, value) in enumerate([("Report of", "Director"), ("Date", "March 2026")]):
        contents.cell(row, 0).text, contents.cell(row, 1).text = label, value
    document.add_paragraph("")
    rows = []
    for rec_cell, merge, header_rows, themes in blocks:
        rows.extend(("header", header) for header in header_rows)
        rows.extend(
            ("theme", (rec_cell if merge or number == 0 else "", *theme, merge))
            for number, theme in enumerate(themes)
        )
    table = document.add_table(rows=len(rows), cols=6)
    table.style = document.styles["Table Grid"]
    first_of_block = None
    for index, (kind, values) in enumerate(rows):
        if kind == "header":
            for col, heading in enumerate(values):
                table.cell(index, col).text = heading
            first_of_block = None
            continue
        *cells, merge = values
        for col, text in enumerate(cells):
            if col == 0 and merge and first_of_block is not None:
                continue  # merged into the block's first recommendation cell below
            _fill(table.cell(index, col), text, document)
        if merge:
            if first_of_block is None:
                first_of_block = index
            else:
                table.cell(first_of_block, 0).merge(table.cell(index, 0))
        else:
            first_of_block = None
    document.save(str(path))
    return path


def table_document(path: Path, rows: list[list[str]], merged: tuple[int, ...] = ()) -> Path:
    """A document with one table holding `rows`; each row number (from 1) in `merged` is one
    cell merged across the table, as a section row is."""
    document = docx.Document()
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    for index, values in enumerate(rows):
        if index + 1 in merged:
            _fill(table.cell(index, 0).merge(table.cell(index, width - 1)), values[0], document)
            continue
        for col, text in enumerate(values):
            _fill(table.cell(index, col), text, document)
    document.save(str(path))
    return path


def set_cell_property(cell, name: str, value: str | None = None) -> None:
    """Give a table cell a property as any program may write it, checked or not: a w:gridSpan
    of "2000000000", a w:vMerge with no value (a merge continued from the cell above)."""
    element = OxmlElement(f"w:{name}")
    if value is not None:
        element.set(qn("w:val"), value)
    cell._tc.get_or_add_tcPr().append(element)


def with_cell_property(
    source: Path, target: Path, where: tuple[int, int, int], name: str, value: str | None = None
) -> Path:
    """A copy of the document whose cell (table, row, column), each from 0, has the property."""
    document = docx.Document(str(source))
    table, row, column = where
    set_cell_property(document.tables[table].cell(row, column), name, value)
    document.save(str(target))
    return target


def merged_down_document(path: Path, rows: list[list], columns: int) -> Path:
    """A document holding one table of `rows` (dates written DD/MM/YYYY) whose first `columns`
    columns are each one cell merged down from row 2 to the last row, as Word merges cells: the
    first cell starts the merge, each cell below continues it (and its text is not shown)."""
    document = docx.Document()
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for number, (row, values) in enumerate(zip(table.rows, rows, strict=True)):
        for column, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            if value is not None:
                cell.text = value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else str(value)
            if column < columns and number > 0:
                set_cell_property(cell, "vMerge", "restart" if number == 1 else None)
    document.save(str(path))
    return path
