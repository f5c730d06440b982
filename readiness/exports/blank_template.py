"""The blank canonical template: the plan's headings, one example row, and a sheet of help.

It is the fill-in form for the layout readiness.plan.importing.template reads. The example row's
action is canonical.EXAMPLE_ACTION, which the importer recognises, so a copy saved with the
example still in it imports without it (and says so).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from readiness.exports.cells import DATE_FORMAT, write_row
from readiness.plan.canonical import CANONICAL_COLUMNS, EXAMPLE_ACTION, Column
from readiness.plan.importing.dates import parse_date_cell
from readiness.plan.importing.template import DATE_KEYS

# Grey italic, so the example reads as an example beside the user's own rows in Excel.
EXAMPLE_FONT = Font(italic=True, color="505A5F")


def _example(column: Column):
    """The column's example as the example row holds it: a real date in a date column."""
    if column.key == "action":
        return EXAMPLE_ACTION
    if column.key in DATE_KEYS and column.example:
        return parse_date_cell(column.example)
    return column.example or None


def write_template(path: str | Path) -> Path:
    """Write an empty canonical plan workbook: headings, one example row, and a Columns sheet."""
    path = Path(path)
    book = Workbook()
    plan = book.active
    plan.title = "Plan"
    bold = Font(bold=True)
    for cell in write_row(plan, 1, [c.heading for c in CANONICAL_COLUMNS]):
        cell.font = bold
    example = write_row(plan, 2, [_example(c) for c in CANONICAL_COLUMNS])
    for position, (column, cell) in enumerate(zip(CANONICAL_COLUMNS, example, strict=True), 1):
        cell.font = EXAMPLE_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if column.key in DATE_KEYS:
            cell.number_format = DATE_FORMAT  # so a date typed over a blank one shows as a date
        wide = column.key in (
            "recommendation",
            "theme",
            "action",
            "recovery_note",
            "progress_note",
            "evidence",
        )
        plan.column_dimensions[get_column_letter(position)].width = 40 if wide else 16
    plan.freeze_panes = "A2"

    notes = book.create_sheet("Columns")
    for cell in write_row(notes, 1, ["Heading", "Required", "Help", "Example"]):
        cell.font = bold
    for row, column in enumerate(CANONICAL_COLUMNS, 2):
        values = [column.heading, "Yes" if column.required else "No", column.help, column.example]
        write_row(notes, row, values)[2].alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in (("A", 18), ("B", 10), ("C", 90), ("D", 40)):
        notes.column_dimensions[letter].width = width
    notes.freeze_panes = "A2"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
