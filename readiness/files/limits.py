"""How much work one uploaded file (a plan, a KPI file) may cost, the cheap checks made before
reading it, and the problems reported when a file is over a limit.

An .xlsx sheet is read as a dense grid from A1 to its last cell, so its cost is rows × columns,
not the size of the file: a 5 KB workbook with one cell at XFD1048576 is 17 billion cells. Each
worksheet declares its extent in a `<dimension ref="A1:T10003"/>` element near the top of its XML,
so sheet_extents reads that from the first bytes of each part, without unpacking the sheet. A
sheet whose extent is over the limit is then read as its table area only (table_area: the block
of cells holding values, without formatted empty cells and stray values far beyond it). A
dimension can be missing or false, so the reader also runs in a limited process (isolation).

A KPI data file (DfE's LAIT data set as parquet or CSV, an explore-education-statistics CSV, the
council's own table as CSV) costs what its rows × columns and its text unpacked cost, and parquet
packs both tightly: a 234 KB file of one long string repeated a million times unpacks to gigabytes.
Its limits are data_cells, data_bytes, line_bytes and row_groups; csv_shape measures a CSV file
without reading it into memory, and the parquet reader (kpi.lait) checks the file's metadata and
its text's unpacked size before turning any of it into values.

A Word document's messages speak of a document, and a KPI file's of a file (words_for).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePath
from xml.etree import ElementTree

from readiness.files.problems import Problem, file_problem

MB = 1024 * 1024
# The largest file an import reads, unless the setting imports.max_file_mb (readiness.settings,
# whose default this is) says otherwise: a 10,000-action plan is under 1 MB.
MAX_FILE_MB = 20
# A 10,000-action plan of 20 columns is 200,000 cells; ten times that is no plan anyone keeps.
MAX_CELLS = 2_000_000
# Every part of a workbook, unpacked. A 10,000-action plan unpacks to 16 MB, a sheet of MAX_CELLS
# cells of text to 160 MB; far more is a zip bomb, or a sheet of empty formatted cells.
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
# The reading process's address space: a sheet of MAX_CELLS cells of text peaks at 380 MB.
READ_MEMORY_BYTES = 1024 * 1024 * 1024
# A 10,000-action plan reads in half a second, a sheet of MAX_CELLS cells of text in 4 s; a minute
# leaves room for a busy server (the reader runs at low priority) but stops a read that runs on.
# Every KPI file of a load together (LAIT's data set and ten EES files) reads in about 2 s.
READ_SECONDS = 60.0
# LAIT's data set is 641,070 rows × 7 columns, 4.5 million cells, as parquet or as CSV; twice as
# many leaves room for the years to come. The largest EES file here is 20,040 rows × 14 columns.
MAX_DATA_CELLS = 10_000_000
# The text of LAIT's data set unpacks to 55 MB (its parquet file is 1.8 MB); reading it peaks at
# 480 MB of address space, so a file of more than 256 MB of text is not a file of DfE's figures.
MAX_DATA_BYTES = 256 * MB
# The longest line of DfE's files is 2,421 bytes (LAIT's data dictionary), 500 in an EES file.
MAX_LINE_BYTES = MB
# LAIT's data set comes in 20 row groups; each costs a little to find and unpack, so a file of
# thousands of tiny ones reads slowly whatever its size.
MAX_ROW_GROUPS = 1_000


def file_bytes(megabytes: int) -> int:
    """A file-size limit given in megabytes, as imports.max_file_mb is, in bytes."""
    return megabytes * MB


DEFAULT_MAX_BYTES = file_bytes(MAX_FILE_MB)

# The dimension is the second element of a worksheet; 64 KB holds it with room to spare.
_HEAD_BYTES = 64 * 1024
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*?\bref\s*=\s*[\"']([^\"']+)[\"']")
_CELL_REF = re.compile(r"\$?([A-Z]+)\$?([0-9]+)")
_FIND_THE_END = (
    "Delete the empty formatted rows below the plan and the columns to its right (Ctrl+End shows "
    "where the sheet ends; select the rows or columns, right-click, Delete), save, and import "
    "again. Excel counts every formatted cell, even an empty one, so formatting applied to whole "
    "rows or columns, or a stray cell far from the plan, makes a sheet far bigger than it looks."
)
_FIX_THE_DOCUMENT = (
    "Open it in Word, copy the plan's table into a new document (leaving pictures and other "
    "tables behind), save that and import it. A table that is damaged, or far bigger than it "
    "looks, makes a document slow to read."
)


_FIX_THE_DATA = (
    "Import DfE's files as they are downloaded (LAIT's data set from the Local Authority "
    "Interactive Tool, the others from explore-education-statistics.service.gov.uk), and split a "
    "table of your own into smaller files."
)


@dataclass(frozen=True)
class FileWords:
    """How the messages speak of a file: a workbook and its sheets, a Word document, or a KPI
    data file."""

    file: str  # "workbook"
    typical: str  # what a file of its kind costs, beside a limit: "a 10,000-action plan ..."
    likely_cause: str  # what most likely makes the file cost too much to read
    fix: str
    again: str  # what to do if its reader stops unexpectedly


_PLAN_COST = "a 10,000-action plan needs about 400 MB and one second"
_WORKBOOK = FileWords(
    "workbook",
    _PLAN_COST,
    "the sheet probably reaches far beyond its table",
    _FIND_THE_END,
    "Open the file in Excel, save it under a new name and import that copy",
)
_DOCUMENT = FileWords(
    "document",
    _PLAN_COST,
    "the document probably holds a table that is damaged or far bigger than it looks",
    _FIX_THE_DOCUMENT,
    "Open the file in Word, save it under a new name and import that copy",
)
_DATA = FileWords(
    "file",
    "LAIT's whole data set needs about 500 MB and two seconds",
    "the file probably holds far more rows, or far longer text, than it shows",
    _FIX_THE_DATA,
    "Download or export the file again and import that copy",
)
_WORDS = {".xlsx": _WORKBOOK, ".docx": _DOCUMENT, ".csv": _DATA, ".parquet": _DATA}


def words_for(file: str) -> FileWords:
    """The words for a file by its name, as Problem.where tells a Word document apart. A plan's
    CSV file is read in the server (reading.check_file bounds it), so a .csv file read in a
    reader is a KPI file; a name without a known suffix (several files at once) is a workbook's."""
    return _WORDS.get(PurePath(file.lower()).suffix, _WORKBOOK)


@dataclass(frozen=True)
class Limits:
    """The limits on reading one plan file, or one load of KPI files."""

    cells: int = MAX_CELLS
    unpacked_bytes: int = MAX_UNPACKED_BYTES
    memory_bytes: int = READ_MEMORY_BYTES
    seconds: float = READ_SECONDS
    data_cells: int = MAX_DATA_CELLS
    data_bytes: int = MAX_DATA_BYTES
    line_bytes: int = MAX_LINE_BYTES
    row_groups: int = MAX_ROW_GROUPS


DEFAULT_LIMITS = Limits()


def unpacked_size_problem(file: str, book: zipfile.ZipFile, limits: Limits) -> Problem | None:
    """A problem if the workbook's parts unpack to more than the limit (a zip bomb)."""
    size = sum(info.file_size for info in book.infolist())
    if size <= limits.unpacked_bytes:
        return None
    words = words_for(file)
    return file_problem(
        file,
        f"The {words.file} unpacks to {_megabytes(size)}, over the import limit of "
        f"{_megabytes(limits.unpacked_bytes)} (a 10,000-action plan unpacks to about 16 MB).",
        words.fix,
    )


def sheet_extents(book: zipfile.ZipFile) -> dict[str, str]:
    """Each worksheet's declared extent ("A1:T10003") by sheet name, as far as it can be found.

    Sheets are found as Excel finds them: the package's relationships name the workbook part, and
    the workbook's relationships name each sheet's part. Only the start of each sheet is unpacked.
    """
    names = {info.filename.lower(): info.filename for info in book.infolist()}
    ((workbook, _),) = _targets(book, names, "")["officeDocument"]
    parts = {rel_id: part for part, rel_id in _targets(book, names, workbook)["worksheet"]}
    extents = {}
    for element in ElementTree.fromstring(book.read(names[workbook.lower()])).iter():
        if _local(element.tag) != "sheet":
            continue
        rel_id = next((v for k, v in element.attrib.items() if _local(k) == "id"), None)
        part = names.get(parts.get(rel_id, "").lower())
        if part is None:  # a chart sheet, or a sheet the reader will report as damaged
            continue
        with book.open(part) as stream:
            found = _DIMENSION.search(stream.read(_HEAD_BYTES))
        if found:
            extents[element.get("name", "")] = found.group(1).decode("ascii", "replace")
    return extents


def _targets(
    book: zipfile.ZipFile, names: dict[str, str], part: str
) -> dict[str, list[tuple[str, str]]]:
    """The parts `part` relates to, as (part name, relationship id), by relationship type."""
    folder, base = posixpath.split(part)
    rels = names.get(posixpath.join(folder, "_rels", base + ".rels").lower())
    found: dict[str, list[tuple[str, str]]] = {}
    if rels is None:
        return found
    for element in ElementTree.fromstring(book.read(rels)).iter():
        if _local(element.tag) != "Relationship" or element.get("TargetMode") == "External":
            continue
        target = element.get("Target", "")
        path = target[1:] if target.startswith("/") else posixpath.join(folder, target)
        kind = element.get("Type", "").rsplit("/", 1)[-1]
        found.setdefault(kind, []).append((posixpath.normpath(path), element.get("Id", "")))
    return found


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def extent_size(ref: str) -> tuple[int, int] | None:
    """(rows, columns) of the grid from A1 to the last cell of a range such as "B2:XFD1048576"."""
    found = _CELL_REF.fullmatch(ref.split(":")[-1].strip().upper())
    if not found:
        return None
    return int(found.group(2)), column_number(found.group(1))


def column_number(letters: str) -> int:
    """A column's number from 1, by its letters: "A" is 1, "XFD" 16384."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def column_letters(number: int) -> str:
    """A column's letters, by its number from 1: 16384 is "XFD"."""
    letters = ""
    while number:
        number, letter = divmod(number - 1, 26)
        letters = chr(ord("A") + letter) + letters
    return letters


def grid_ref(rows: int, columns: int) -> str:
    """The range from A1 of a grid of rows × columns, as Excel writes it: "A1:T10003"."""
    return f"A1:{column_letters(columns)}{rows}"


def too_many_cells(
    file: str, sheet: str | None, ref: str, rows: int, columns: int, limits: Limits
) -> Problem:
    """The problem for a sheet whose grid is over the cell limit."""
    return Problem(
        file,
        sheet,
        None,
        None,
        ref,
        f"is how far the sheet reaches: {rows:,} rows × {columns:,} columns = "
        f"{rows * columns:,} cells, over the import limit of {limits.cells:,} cells (a "
        "10,000-action plan is about 200,000).",
        _FIND_THE_END,
    )


def csv_cells(data: bytes) -> int:
    """At most how many cells and rows a CSV file holds: counted in bytes, before decoding."""
    return data.count(b",") + data.count(b"\n") + 1


def too_many_csv_cells(file: str, cells: int, limits: Limits) -> Problem:
    return file_problem(
        file,
        f"The file holds up to {cells:,} cells and rows, over the import limit of "
        f"{limits.cells:,} (a 10,000-action plan is about 200,000).",
        "Delete the empty rows and columns after the table (a file of commas or blank lines is "
        "not a table), save, and import again.",
    )


@dataclass(frozen=True)
class CsvShape:
    """A CSV file's size in rows and columns, as far as its bytes tell, before it is read."""

    rows: int  # line breaks, plus one
    columns: int  # fields in the first line (at most: a comma in quotes is counted too)
    longest_line: int  # in bytes


# How much of a CSV file csv_shape holds in memory at once.
_CHUNK_BYTES = 4 * MB


def csv_shape(path: Path) -> CsvShape:
    """The shape of the CSV file at `path`, read a few megabytes at a time: a file of one line
    of 100 MB is measured without holding the line."""
    rows, commas = 1, 0
    header = None  # the commas in the first line, once it has ended
    longest = running = 0  # the longest line ended so far, and the length of the line running on
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK_BYTES):
            lines = chunk.split(b"\n")
            if header is None and len(lines) > 1:
                header = commas + lines[0].count(b",")
            commas += chunk.count(b",")
            if len(lines) > 1:
                longest = max(longest, running + len(lines[0]), *map(len, lines[1:-1]))
                running = 0
            running += len(lines[-1])
            rows += len(lines) - 1
    columns = (commas if header is None else header) + 1
    return CsvShape(rows, columns, max(longest, running))


def csv_shape_problems(file: str, shape: CsvShape, limits: Limits, fix: str) -> list[Problem]:
    """Problems if the CSV file is bigger than a KPI file can be: in cells (its rows × the
    columns of its heading row, to which pandas pads a shorter row, and refuses a longer one) or
    in its longest line."""
    problems = []
    if problem := too_many_data_cells(file, shape.rows, shape.columns, limits, fix):
        problems.append(problem)
    if shape.longest_line > limits.line_bytes:
        problems.append(
            too_much(
                file,
                f"has a line of {_megabytes(shape.longest_line)}",
                f"{_megabytes(limits.line_bytes)} (a line of DfE's files is at most a few KB)",
                fix,
            )
        )
    return problems


def too_many_data_cells(
    file: str, rows: int, columns: int, limits: Limits, fix: str
) -> Problem | None:
    """The problem of a KPI file of more than limits.data_cells rows × columns, if it is."""
    if rows * columns <= limits.data_cells:
        return None
    return too_much(
        file,
        f"holds up to {rows:,} rows × {columns:,} columns = {rows * columns:,} cells",
        f"{limits.data_cells:,} cells (LAIT's whole data set is 4.5 million)",
        fix,
    )


def too_much(file: str, found: str, limit: str, fix: str) -> Problem:
    """The problem of a KPI file over a limit, found before reading it: "The file {found}, over
    the import limit of {limit}"."""
    return file_problem(file, f"The file {found}, over the import limit of {limit}.", fix)


def out_of_memory(file: str, limits: Limits) -> Problem:
    words = words_for(file)
    return file_problem(
        file,
        f"The {words.file} needs more than the {_megabytes(limits.memory_bytes)} of memory one "
        f"import may use, so reading it was stopped ({words.typical}): {words.likely_cause}.",
        words.fix,
    )


def out_of_time(file: str, limits: Limits) -> Problem:
    words = words_for(file)
    return file_problem(
        file,
        f"Reading the {words.file} took longer than the {limits.seconds:g} seconds one import "
        f"may take, so it was stopped ({words.typical}). "
        f"{words.likely_cause[0].upper()}{words.likely_cause[1:]}.",
        words.fix,
    )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB"
