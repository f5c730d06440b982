"""Opening a plan file: the checks on the file itself, then its sheets as rows of cells.

An .xlsx is read by xlsx.Workbook (values only, by python-calamine: as openpyxl gives them, but
far faster); a merged cell's value is given to every cell of the merge. The workbook is opened
and read in a limited child process (isolation), after the cheap checks of limits: its unpacked
size, and each sheet's declared extent (a sheet over it is read as its table area only, each cell
holding a value left out a warning: table_area). A .docx is read by word.WordTables in the same
kind of process, each of its tables a sheet ("Table 1", ...). A .csv is one sheet (named None),
its encoding and separator found by csv_text; it is read in this process, as its cost grows only
with its bytes (see check_file). A workbook's cell fills and a Word table's cell shading are read
as RAG colours (fills) beside the values, for a status shown by colour alone; a CSV has none.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

import msoffcrypto

from readiness.files.csv_text import cells_at_most, looks_binary, read_csv
from readiness.files.file_kinds import DAMAGED, NAMES, is_ole, zip_kind
from readiness.files.fills import Fill
from readiness.files.isolation import Reader
from readiness.files.limits import (
    DEFAULT_LIMITS,
    MB,
    Limits,
    extent_size,
    grid_ref,
    sheet_extents,
    too_many_cells,
    too_many_csv_cells,
    unpacked_size_problem,
)
from readiness.files.problems import ImportFailed, Problem
from readiness.files.table_area import far_cell_problems
from readiness.files.word import WordTables
from readiness.files.xlsx import TooManyCells, Workbook

Progress = Callable[[int, int, str], None]
Cell = str | date
# A sheet's rows as a reader gives them, and the warnings about cells left out of them.
SheetRows = tuple[list[list[Cell]], list[Problem]]
# The fill of each cell filled in a RAG colour, by (row, column) from 0 (Sheet.fills).
Fills = dict[tuple[int, int], Fill]
# How often (in rows) the progress callback is called while reading and checking.
PROGRESS_EVERY = 200

PLAN_SUFFIXES = (".xlsx", ".csv", ".docx")
RAISE_LIMIT = "raise the setting imports.max_file_mb in config.toml"
_SAVE_AS = (
    "Open it in Excel and save it as an Excel workbook (.xlsx) or CSV (.csv), or in Word as a "
    "Word document (.docx), then import it."
)


@dataclass
class Sheet:
    """One sheet's cells: rows[0] is spreadsheet row 1. Empty cells are "". `fills` holds the
    RAG colour (readiness.files.fills) of each cell filled in one, by (row, column) from 0; the
    rows reach as far right as the last such cell, so a column of colours alone can be mapped."""

    name: str | None
    rows: list[list[Cell]]
    fills: Fills = field(default_factory=dict)


def _problem(file: str, message: str, fix: str, value: str | None = None) -> Problem:
    return Problem(file, None, None, None, value, message, fix)


def check_file(path: Path, max_bytes: int, limits: Limits = DEFAULT_LIMITS) -> list[Problem]:
    """Problems with the file as a whole: missing, empty, too big, not a spreadsheet, locked.

    A CSV file is also refused if it may hold more cells than the limit: unlike a workbook's,
    its rows are not padded to a grid, so counting its separators and line breaks bounds both
    the memory and the time it takes to read. A workbook's own checks come when it is opened.
    """
    name = path.name
    if not path.is_file():
        return [_problem(name, "There is no such file.", "Check the file name and folder.")]
    size = path.stat().st_size
    if size == 0:
        return [_problem(name, "The file is empty (0 bytes).", "Choose the saved plan file.")]
    if too_big := over_limit(size, max_bytes):
        return [
            _problem(
                name,
                f"The file {too_big}.",
                f"Remove pictures or unused sheets and save again, or {RAISE_LIMIT}.",
            )
        ]
    suffix = path.suffix.lower()
    if suffix not in PLAN_SUFFIXES:
        return [
            _problem(
                name,
                "is not a file type we can read: a plan must be an Excel workbook (.xlsx), a "
                "CSV file (.csv) or a Word document (.docx).",
                _SAVE_AS,
                value=suffix or "(no extension)",
            )
        ]
    if suffix in (".xlsx", ".docx"):
        return _office_problems(path, suffix[1:])
    data = path.read_bytes()
    if looks_binary(data):
        return [
            _problem(
                name,
                "The file is called .csv but is not text (it looks like a binary file).",
                _SAVE_AS,
            )
        ]
    if (cells := cells_at_most(data)) > limits.cells:
        return [too_many_csv_cells(name, cells, limits)]
    return []


def _office_problems(path: Path, expected: str) -> list[Problem]:
    """An .xlsx or .docx that is not what its name says: say what it is and what to do."""
    if is_ole(path):
        return [_ole_problem(path, expected)]
    kind = zip_kind(path)
    if kind in (expected, DAMAGED):  # a damaged one is reported by its reader, as damaged
        return []
    what = NAMES[kind] if kind else "not a file we can read (not " + NAMES[expected] + ")"
    fix = _SAVE_AS
    if kind in ("xlsx", "docx"):
        fix = f"Rename it to end .{kind} (it is {NAMES[kind]}), then import it."
    return [_problem(path.name, f"The file is called .{expected} but is {what}.", fix)]


def _ole_problem(path: Path, expected: str) -> Problem:
    """An OLE compound file: a password-protected Office file, or an old binary .xls or .doc."""
    encrypted = True
    try:
        with path.open("rb") as f:
            encrypted = msoffcrypto.OfficeFile(f).is_encrypted()
    except Exception:  # unreadable by msoffcrypto: treat it as locked
        encrypted = True
    program, old = ("Word", ".doc") if expected == "docx" else ("Excel", ".xls")
    if encrypted:
        return _problem(
            path.name,
            "The file is protected by a password, so it cannot be read.",
            f"Open it in {program}, remove the password (File > Info > Protect, Encrypt with "
            "Password, clear it) and save, then import it again.",
        )
    return _problem(
        path.name,
        f"The file is an old-format {program} file ({old}) renamed .{expected}.",
        f"Open it in {program} and save it as .{expected}, then import it.",
    )


def over_limit(size: int, max_bytes: int) -> str | None:
    """How a file of `size` bytes is over the file-size limit, in words; None if it is not.

    Every import checks its files by this (a plan, a KPI file, Ofsted's report), so each says the
    limit the same way, with RAISE_LIMIT in what to do."""
    if size <= max_bytes:
        return None
    return f"is {_megabytes(size)}, over the import limit of {_megabytes(max_bytes)}"


def _megabytes(size: int) -> str:
    return f"{size / MB:.1f} MB"


class Book:
    """An opened plan file: its sheet names, each sheet's rows on demand, and `warnings` on how
    the file was read: a CSV file's encoding and separator (unless UTF-8 and commas), and the
    cells of the sheet read last that were left out of it (the sheet the plan is read from)."""

    def __init__(
        self, path: Path, progress: Progress | None = None, limits: Limits = DEFAULT_LIMITS
    ):
        self.path = path
        self.file = path.name
        self._reader: Reader | None = None
        self._limits = limits
        self._csv_rows: list[list[Cell]] | None = None
        self._file_warnings: list[Problem] = []
        self._sheet_warnings: list[Problem] = []
        if progress:
            progress(0, 1, "opening")
        if path.suffix.lower() == ".csv":
            self.sheet_names: list[str | None] = [None]
            self._csv_rows, self._file_warnings = read_csv(self.file, path.read_bytes())
        else:
            kind = DocumentReader if path.suffix.lower() == ".docx" else WorkbookReader
            self._reader = Reader(self.file, limits, kind, path, limits)
            try:
                self.sheet_names = self._reader.call("sheet_names")
            except BaseException:
                self._reader.close()
                raise
        if progress:
            progress(1, 1, "opening")

    def sheet(self, name: str | None, progress: Progress | None = None) -> Sheet:
        """A sheet's rows by name; a CSV file's one sheet whatever the name."""
        if self._csv_rows is not None:
            rows = self._csv_rows
            if progress:
                for done in range(PROGRESS_EVERY, len(rows), PROGRESS_EVERY):
                    progress(done, len(rows), "reading")
                progress(len(rows), len(rows), "reading")
            return Sheet(None, rows)
        rows, self._sheet_warnings = self._reader.call("rows", name, progress=progress)
        rows = _sheet_rows(rows, progress)
        # As wide as the grid allows: a column with colours and no words is read (and mapped).
        widest = self._limits.cells // max(len(rows), 1)
        fills = self._reader.call("fills", name, len(rows), widest) if rows else {}
        width = max((column + 1 for _, column in fills), default=0)
        for row in rows:
            row.extend([""] * (width - len(row)))
        return Sheet(name, rows, fills)

    @property
    def warnings(self) -> list[Problem]:
        return [*self._file_warnings, *self._sheet_warnings]

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()


class WorkbookReader:
    """The side of Book that runs in the reader's limited process: the checks, then calamine."""

    def __init__(self, path: Path, limits: Limits):
        self.file = path.name
        self._limits = limits
        try:
            with zipfile.ZipFile(path) as book:
                # Before calamine opens it: opening unpacks the text the cells share.
                if problem := unpacked_size_problem(self.file, book, limits):
                    raise ImportFailed([problem])
                self._extents = _declared_extents(book)
            self._workbook = Workbook(path)
        except ImportFailed:
            raise
        except Exception as exc:  # a damaged file fails in many ways
            raise _damaged(self.file, exc) from exc

    def sheet_names(self, progress: Progress | None = None) -> list[str]:
        return self._workbook.sheet_names

    def rows(self, name: str, progress: Progress | None = None) -> SheetRows:
        """The sheet's rows, and warnings about cells left out of them.

        A sheet whose declared extent is in the limit is read whole, as it is; one whose extent
        is over the limit, or not declared, or found bigger than declared, is read as its table
        area only (table_area), each cell holding a value beyond it a warning.
        """
        ref = self._extents.get(name)
        size = extent_size(ref) if ref else None
        try:
            if size and size[0] * size[1] <= self._limits.cells:
                try:
                    return self._workbook.rows(
                        name, _cell, _reading(progress), PROGRESS_EVERY, self._limits.cells
                    ), []
                except TooManyCells:  # the dimension was false: find the table, as below
                    pass
            rows, area = self._workbook.read_table(
                name, self._limits.cells, _cell, _reading(progress), PROGRESS_EVERY
            )
            return rows, far_cell_problems(self.file, name, area)
        except TooManyCells as big:
            ref = grid_ref(big.rows, big.columns)
            problem = too_many_cells(self.file, name, ref, big.rows, big.columns, self._limits)
            raise ImportFailed([problem]) from big
        except Exception as exc:  # a sheet's XML is read only now: damaged, it fails here
            raise _damaged(self.file, exc) from exc

    def fills(self, name: str, height: int, width: int, progress=None) -> Fills:
        """The sheet's cells filled in a RAG colour, within the rows read (see Sheet)."""
        try:
            return self._workbook.fills(name, height, width)
        except Exception as exc:  # the styles are read only now: damaged, they fail here
            raise _damaged(self.file, exc) from exc


class DocumentReader:
    """The side of Book that runs in the reader's limited process for a Word document: the
    unpacked-size check, then python-docx; each table is a sheet ("Table 1", ...)."""

    def __init__(self, path: Path, limits: Limits):
        self.file = path.name
        self._limits = limits
        try:
            with zipfile.ZipFile(path) as archive:
                if problem := unpacked_size_problem(self.file, archive, limits):
                    raise ImportFailed([problem])
            self._tables = WordTables(path)
        except ImportFailed:
            raise
        except Exception as exc:  # a damaged file fails in many ways
            raise _damaged(self.file, exc, "document", "Word") from exc

    def sheet_names(self, progress: Progress | None = None) -> list[str]:
        return self._tables.sheet_names

    def rows(self, name: str, progress: Progress | None = None) -> SheetRows:
        try:
            return self._tables.rows(name, _cell, _reading(progress), PROGRESS_EVERY), []
        except Exception as exc:  # python-docx reads a table's XML only now: damaged, it fails
            raise _damaged(self.file, exc, "document", "Word") from exc

    def fills(self, name: str, height: int, width: int, progress=None) -> Fills:
        """The table's cells shaded in a RAG colour, within the rows read (see Sheet)."""
        try:
            return self._tables.fills(name, height, width)
        except Exception as exc:
            raise _damaged(self.file, exc, "document", "Word") from exc


def _declared_extents(book: zipfile.ZipFile) -> dict[str, str]:
    """Each sheet's declared extent, or none: what sheet_extents cannot follow, calamine reads
    within the reader's limits (and reports if damaged)."""
    try:
        return sheet_extents(book)
    except Exception:
        return {}


def _damaged(
    file: str, exc: Exception, what: str = "workbook", program: str = "Excel"
) -> ImportFailed:
    return ImportFailed(
        [
            _problem(
                file,
                f"The {what} is damaged and cannot be opened ({type(exc).__name__}).",
                f"Open it in {program} (which may offer to repair it), save it under a new "
                "name and import that copy.",
            )
        ]
    )


def _reading(progress: Progress | None) -> Callable[[int, int], None] | None:
    if progress is None:
        return None
    return lambda done, total: progress(done, total, "reading")


def _cell(value) -> Cell:
    if isinstance(value, str):  # most cells: tested first
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _sheet_rows(rows: list[list[Cell]], progress: Progress | None) -> list[list[Cell]]:
    total = len(rows)
    while rows and not any(rows[-1]):
        rows.pop()
    if progress:
        progress(total, total, "reading")
    return rows


def is_blank(row: list[Cell]) -> bool:
    return not any(cell for cell in row)
