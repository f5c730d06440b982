"""The blank canonical template: the plan's headings, one example row, and a sheet of help.

It is the fill-in form for the layout readiness.importing.template reads, so a saved copy
imports as it stands (the example row reads as a one-action plan).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from readiness.canonical import CANONICAL_COLUMNS, Column
from readiness.importing.dates import parse_date_cell
from readiness.importing.template import DATE_KEYS


def _example(column: Column):
    """The column's example as the cell should hold it: a real date in a date column."""
    if column.key in DATE_KEYS and column.example:
        return parse_date_cell(column.example)
    return column.example or None


def write_template(path: str | Path) -> Path:
    """Write an empty canonical plan workbook: headings, one example row, and a Columns sheet."""
    path = Path(path)
    book = Workbook()
    plan = book.active
    plan.title = "Plan"
    plan.append([c.heading for c in CANONICAL_COLUMNS])
    plan.append([_example(c) for c in CANONICAL_COLUMNS])
    bold = Font(bold=True)
    for position, column in enumerate(CANONICAL_COLUMNS, 1):
        plan.cell(row=1, column=position).font = bold
        if column.key in DATE_KEYS:
            plan.cell(row=2, column=position).number_format = "DD/MM/YYYY"
        wide = column.key in ("recommendation", "theme", "action", "progress_note", "evidence")
        plan.column_dimensions[get_column_letter(position)].width = 40 if wide else 16
    plan.freeze_panes = "A2"

    notes = book.create_sheet("Columns")
    notes.append(["Heading", "Required", "Help", "Example"])
    for column in CANONICAL_COLUMNS:
        notes.append(
            [column.heading, "Yes" if column.required else "No", column.help, column.example]
        )
    for cell in notes[1]:
        cell.font = bold
    for letter, width in (("A", 18), ("B", 10), ("C", 90), ("D", 40)):
        notes.column_dimensions[letter].width = width
    for row in notes.iter_rows(min_row=2):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")
    notes.freeze_panes = "A2"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
