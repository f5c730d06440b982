"""DfE's published indicator files read for one council, whatever their format: LAIT's long data set
(parquet, or the same as CSV) and explore-education-statistics CSV files, named one by one or as
folders of downloads. All or nothing: one problem in any file and nothing is returned.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from readiness.importing.problems import ImportFailed, Problem, file_problem
from readiness.kpi import ees, lait
from readiness.kpi.neighbours import StatNeighbours
from readiness.kpi.values import KpiValue

_SUFFIXES = (".csv", ".parquet")
# Enough of a file to read its heading row.
_HEAD_CHARS = 64 * 1024


def read_dfe(
    paths: Iterable[Path | str],
    la_code: str,
    neighbours: StatNeighbours | None = None,
    *,
    all_las: bool = False,
) -> list[KpiValue]:
    """Every figure the files give of the known indicators, for the council numbered `la_code`
    (its 3-digit DfE number), England, its region, its statistical neighbours and, with
    `all_las`, every council. A folder's CSV and parquet files are read, skipping those that hold
    none of the indicators (its data guidance, other tables); a file named must hold some.

    Raises ImportFailed listing every problem in every file."""
    paths = list(paths)
    found = ees.files_in(paths, _SUFFIXES)
    if not found:
        raise ImportFailed([ees.nothing_to_read(paths, _SUFFIXES)])
    problems: list[Problem] = []
    lait_files: list[Path] = []
    ees_files: list[ees.Found] = []
    for item in found:
        kind, problem = _kind(item)
        if kind == "lait":
            lait_files.append(item.path)
        elif kind == "ees":
            ees_files.append(item)
        elif problem and item.named:
            problems.append(problem)
    values: list[KpiValue] = []
    for path in lait_files:
        values += _reading(problems, lait.read_lait, path, la_code, neighbours, all_las=all_las)
    if ees_files:
        # An EES table of other figures in a folder beside LAIT's data set is no problem.
        required = not lait_files
        values += _reading(
            problems,
            ees.read_found,
            ees_files,
            la_code,
            neighbours,
            all_las=all_las,
            required=required,
        )
    if not (lait_files or ees_files or problems):
        problems.append(ees.no_indicators(found))
    if problems:
        # A council missing from the neighbour list is found by each reader: say it once. The
        # rest in the order the files were given (a neighbour list's problems last).
        order = {item.path.name: index for index, item in enumerate(found)}
        unique = sorted(dict.fromkeys(problems), key=lambda p: order.get(p.file, len(order)))
        raise ImportFailed(unique)
    return values


def _reading(problems: list[Problem], read, *args, **kwargs) -> list[KpiValue]:
    """What `read` gives, or nothing, its problems added to `problems`."""
    try:
        return read(*args, **kwargs)
    except ImportFailed as failed:
        problems += failed.problems
        return []


def _kind(found: ees.Found) -> tuple[str | None, Problem | None]:
    """ "lait" or "ees" from the file's suffix and headings, else a problem saying what it is."""
    path = found.path
    file = path.name
    suffix = path.suffix.lower()
    if not path.is_file():
        return None, file_problem(file, "There is no such file.", "Check the file's path.")
    if suffix == ".parquet":
        return "lait", None
    if suffix != ".csv":
        return None, file_problem(
            file,
            "The file is neither a CSV nor a parquet file.",
            "Import DfE's files as downloaded: LAIT's data set (.parquet or .csv) or explore "
            "education statistics CSV files.",
        )
    try:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
            headings = next(csv.reader([handle.readline(_HEAD_CHARS)]), [])
    except OSError as error:
        return None, file_problem(
            file, f"The file cannot be read: {error.strerror}.", "Check the file's path."
        )
    names = {" ".join(heading.split()) for heading in headings}
    if set(lait.COLUMNS) <= names:
        return "lait", None
    if {ees.YEAR, ees.LEVEL} <= {name.lower() for name in names}:
        return "ees", None
    shown = ", ".join(heading for heading in headings if heading) or "none"
    return None, file_problem(
        file,
        "The file is neither DfE's LAIT data set nor an explore-education-statistics data file. "
        f"Its columns are {shown}.",
        "Import DfE's files as downloaded: LAIT's data set, with the columns "
        + ", ".join(lait.COLUMNS)
        + ", or explore education statistics files, which begin time_period, time_identifier, "
        "geographic_level.",
    )
