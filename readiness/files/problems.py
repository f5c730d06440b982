"""What can be wrong with an imported plan, said so that the person who owns the file can fix it."""

from __future__ import annotations

from dataclasses import dataclass

# Long cell values are cut short in messages; the row and column still point at the whole cell.
_SHOWN_VALUE_CHARS = 80


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth checking) in an imported file, and what to do about it.

    `row` is 1-based, as the spreadsheet shows it; `column` is the column's heading as written in
    the file. When `value` is given, `message` reads on from it ('"31/02/2026" is not a real date').
    """

    file: str
    sheet: str | None
    row: int | None
    column: str | None
    value: str | None
    message: str
    fix: str

    def where(self) -> str:
        parts = [self.file]
        if self.sheet is not None:
            # A Word document's "sheets" are its tables, already named "Table 1", ...
            is_table = self.file.lower().endswith(".docx")
            parts.append(self.sheet.lower() if is_table else f'sheet "{self.sheet}"')
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f'column "{self.column}"')
        return ", ".join(parts)

    def __str__(self) -> str:
        text = self.message
        if self.value is not None:
            text = f"{_quote(self.value)} {text}"
        line = f"{self.where()}: {text}"
        if self.fix:
            fix = self.fix
            if fix[1:2].islower():  # "Fix: use a real date", but "Fix: REC 1 ..." stays
                fix = fix[0].lower() + fix[1:]
            line += f" Fix: {fix}"
        return line


def file_problem(file: str, message: str, fix: str, value: str | None = None) -> Problem:
    """A problem with the file as a whole: no sheet, row or column to point at."""
    return Problem(file, None, None, None, value, message, fix)


def sheet_problem(
    file: str, sheet: str | None, message: str, fix: str, value: str | None = None
) -> Problem:
    """A problem with a sheet (or Word table) as a whole: no row or column to point at."""
    return Problem(file, sheet, None, None, value, message, fix)


def _quote(value: str) -> str:
    shown = " ".join(value.split())
    if len(shown) > _SHOWN_VALUE_CHARS:
        shown = shown[: _SHOWN_VALUE_CHARS - 1] + "…"
    return f'"{shown}"'


class ImportFailed(Exception):
    """The file could not be imported; `problems` lists every problem found, in file order."""

    def __init__(self, problems: list[Problem], headings: list | None = None):
        self.problems = list(problems)
        # The likeliest heading row of each sheet whose headings were not recognised
        # (mapping.FoundHeadings), for the user to say what each column holds.
        self.headings = list(headings or [])
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the file"
        super().__init__("\n".join([head, *(str(p) for p in self.problems)]))
