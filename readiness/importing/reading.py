"""Opening a plan file: the checks on the file itself, then its sheets as rows of cells.

An .xlsx is read by xlsx.Workbook (values only, by python-calamine: as openpyxl gives them, but
far faster); a merged cell's value is given to every cell of the merge. A .csv is one sheet
(named None), decoded as UTF-8 (with or without a byte-order mark) or else Windows-1252.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import msoffcrypto

from readiness.importing.problems import ImportFailed, Problem
from readiness.importing.xlsx import Workbook

Progress = Callable[[int, int, str], None]
Cell = str | date
# How often (in rows) the progress callback is called while reading and checking.
PROGRESS_EVERY = 200

SPREADSHEET_SUFFIXES = (".xlsx", ".csv")
_OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
_SAVE_AS = (
    "Open it in Excel and save it as an Excel workbook (.xlsx) or CSV (.csv), then import it."
)


@dataclass
class Sheet:
    """One sheet's cells: rows[0] is spreadsheet row 1. Empty cells are ""."""

    name: str | None
    rows: list[list[Cell]]


def _problem(file: str, message: str, fix: str, value: str | None = None) -> Problem:
    return Problem(file, None, None, None, value, message, fix)


def check_file(path: Path, max_bytes: int) -> list[Problem]:
    """Problems with the file as a whole: missing, empty, too big, not a spreadsheet, locked."""
    name = path.name
    if not path.is_file():
        return [_problem(name, "There is no such file.", "Check the file name and folder.")]
    size = path.stat().st_size
    if size == 0:
        return [_problem(name, "The file is empty (0 bytes).", "Choose the saved plan file.")]
    if size > max_bytes:
        return [
            _problem(
                name,
                f"The file is {_megabytes(size)}, over the import limit of "
                f"{_megabytes(max_bytes)}.",
                "Remove pictures or unused sheets and save again, or raise the setting "
                "imports.max_file_mb in config.toml.",
            )
        ]
    suffix = path.suffix.lower()
    if suffix not in SPREADSHEET_SUFFIXES:
        return [
            _problem(
                name,
                "is not a file type we can read: a plan must be an Excel workbook (.xlsx) or a "
                "CSV file (.csv).",
                _SAVE_AS,
                value=suffix or "(no extension)",
            )
        ]
    with path.open("rb") as f:
        head = f.read(8)
    if suffix == ".xlsx":
        if head == _OLE_SIGNATURE:
            return [_ole_problem(path)]
        if not zipfile.is_zipfile(path):
            return [
                _problem(
                    name,
                    "The file is called .xlsx but is not an Excel workbook (it is not the zip "
                    "file every .xlsx is).",
                    _SAVE_AS,
                )
            ]
    elif b"\x00" in path.read_bytes()[:4096]:
        return [
            _problem(
                name,
                "The file is called .csv but is not text (it looks like a binary file).",
                _SAVE_AS,
            )
        ]
    return []


def _ole_problem(path: Path) -> Problem:
    """An OLE compound file called .xlsx: a password-protected workbook, or an old .xls."""
    encrypted = True
    try:
        with path.open("rb") as f:
            encrypted = msoffcrypto.OfficeFile(f).is_encrypted()
    except Exception:  # unreadable by msoffcrypto: treat it as locked
        encrypted = True
    if encrypted:
        return _problem(
            path.name,
            "The workbook is protected by a password, so it cannot be read.",
            "Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt "
            "with Password, clear it) and save, then import it again.",
        )
    return _problem(
        path.name,
        "The file is an old-format Excel file (.xls) renamed .xlsx.",
        _SAVE_AS,
    )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


class Book:
    """An opened plan file: its sheet names, and each sheet's rows on demand."""

    def __init__(self, path: Path, progress: Progress | None = None):
        self.path = path
        self.file = path.name
        self._workbook: Workbook | None = None
        self._csv_rows: list[list[Cell]] | None = None
        if progress:
            progress(0, 1, "opening")
        if path.suffix.lower() == ".csv":
            self.sheet_names: list[str | None] = [None]
            self._csv_rows = _read_csv(path)
        else:
            self._workbook = _open_xlsx(path)
            self.sheet_names = self._workbook.sheet_names
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
        try:
            rows = self._workbook.rows(name, _cell, _reading(progress), PROGRESS_EVERY)
        except Exception as exc:  # a sheet's XML is read only now: damaged, it fails here
            raise _damaged(self.file, exc) from exc
        return Sheet(name, _sheet_rows(rows, progress))

    def close(self) -> None:
        if self._workbook is not None:
            self._workbook.close()


def _open_xlsx(path: Path) -> Workbook:
    try:
        return Workbook(path)
    except Exception as exc:  # a damaged file fails in many ways
        raise _damaged(path.name, exc) from exc


def _damaged(file: str, exc: Exception) -> ImportFailed:
    return ImportFailed(
        [
            _problem(
                file,
                f"The workbook is damaged and cannot be opened ({type(exc).__name__}).",
                "Open it in Excel (which may offer to repair it), save it under a new name "
                "and import that copy.",
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


def _read_csv(path: Path) -> list[list[Cell]]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    rows = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text, newline=""))]
    while rows and not any(rows[-1]):
        rows.pop()
    return rows


def is_blank(row: list[Cell]) -> bool:
    return not any(cell for cell in row)
