"""Indicator files read for one council, whatever their format: DfE's published files, LAIT's
long data set (parquet, or the same as CSV) and explore-education-statistics CSV files, named one
by one or as folders of downloads (read_dfe); and, with them, the council's own KPI tables
(readiness.kpi.own_tables), through read_kpi_files. All or nothing: one problem in any file and
nothing is returned.

read_kpi_files reads a load's files in one limited process (files.isolation.read_limited), as a
plan is read: at low priority, with a memory and a time limit, each file checked against the
limits of files.limits before it is read. A file that would cost gigabytes is refused naming the
limit, and one that gets past the checks meets the process's limits: the server is unharmed.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from readiness.files.isolation import read_limited
from readiness.files.limits import DEFAULT_LIMITS, DEFAULT_MAX_BYTES, Limits
from readiness.files.problems import ImportFailed, Problem, file_problem
from readiness.files.reading import RAISE_LIMIT, over_limit
from readiness.kpi import ees, lait
from readiness.kpi.indicators import INDICATORS, Indicator
from readiness.kpi.neighbours import StatNeighbours
from readiness.kpi.own_tables import read_own
from readiness.kpi.values import KpiValue
from readiness.text import plural

_SUFFIXES = (".csv", ".parquet")
# The council's own tables: a workbook or CSV file (and a Word document's tables, which the plan
# reader reads too).
_OWN_SUFFIXES = (".xlsx", ".csv", ".docx")
Format = Literal["auto", "canonical", "wide", "lait", "ees"]
FORMATS: tuple[str, ...] = Format.__args__  # type: ignore[attr-defined]
_DFE_FORMATS = ("lait", "ees")


@dataclass(frozen=True)
class KpiLoad:
    """What one load's files give: figures, targets and local indicators from the council's own
    tables, and warnings (things to check; the load can still be stored)."""

    values: list[KpiValue]
    targets: dict[str, tuple[float, float | None]]  # by indicator id: (target, tolerance)
    local: list[Indicator]
    warnings: list[Problem]
    dfe: bool  # some of DfE's files were read: their neighbours' figures depend on the list

    def extras(self) -> str:
        """What the load sets beside its figures, in a sentence ("" if nothing)."""
        parts = []
        if self.targets:
            parts.append(f"targets for {plural(len(self.targets), 'indicator')}")
        if self.local:
            names = ", ".join(indicator.name for indicator in self.local)
            parts.append(f"{plural(len(self.local), 'local indicator')} ({names})")
        return f"Also {' and '.join(parts)}." if parts else ""

    def coverage(self, la_code: str) -> list[str]:
        """Which of DfE's indicators the load gives the council a figure of, and which it does
        not, each named, with where to find those missing: a sentence a line."""
        own = [value for value in self.values if value.area == la_code]
        given = {value.indicator for value in own}
        figures = {value.indicator for value in own if value.value is not None}
        filled = [i.name for i in INDICATORS if i.id in figures]
        blank = [i.name for i in INDICATORS if i.id in given - figures]
        absent = [i for i in INDICATORS if i.id not in given]
        of = plural(len(INDICATORS), "indicator")
        lines = [
            f"Filled {len(filled)} of {of}: {'; '.join(filled)}."
            if filled
            else f"Filled none of the {of}."
        ]
        if blank:
            lines.append(
                f"Could not fill {len(blank)}, as the files give no figure of the council's "
                f"(DfE suppressed or did not collect it): {'; '.join(blank)}."
            )
        if absent:
            lines.append(
                f"Could not fill {len(absent)}, as no file gives them: "
                + "; ".join(f"{i.name} (in {_found_in(i)})" for i in absent)
                + "."
            )
        return lines


def _found_in(indicator: Indicator) -> str:
    """Which of DfE's files give the indicator, in words."""
    files = ["LAIT's data set"] if indicator.lait else []
    files += [f"{indicator.ees.file}.csv"] if indicator.ees else []
    return " or ".join(files)


def read_kpi_files(
    paths: Iterable[Path | str],
    la_code: str,
    neighbours: StatNeighbours | None = None,
    *,
    all_las: bool = False,
    format: Format = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
    limits: Limits = DEFAULT_LIMITS,
) -> KpiLoad:
    """Every file named, each read as what it is: with `format` "auto", a parquet file, or a CSV
    file with LAIT's or EES's headings, is DfE's (read_dfe); any other workbook or CSV file is
    the council's own table (own_tables.read_own). A folder is a folder of DfE's downloads, and
    each of its .xlsx files is one of the council's own tables. `format` "lait" or "ees" reads
    every file as that DfE file, "canonical" or "wide" every file (and each folder's .xlsx and
    .csv files) as the council's own table in that layout.

    Targets and local indicators: a later file's win over an earlier one's, but one local
    indicator described two ways by two files is a problem. The files are read in a limited
    process, each within `limits`. Raises ImportFailed listing every problem in every file."""
    paths = [Path(path) for path in paths]
    if not paths:
        raise ImportFailed([ees.nothing_to_read(paths, (*_SUFFIXES, ".xlsx"))])
    names = ", ".join(path.name for path in paths)
    reading = (paths, la_code, neighbours, all_las, format, max_bytes, limits)
    return read_limited(names, limits, _read_kpi_files, *reading)


def _read_kpi_files(
    paths: list[Path],
    la_code: str,
    neighbours: StatNeighbours | None,
    all_las: bool,
    format: Format,
    max_bytes: int,
    limits: Limits,
    progress: ees.Reading,
) -> KpiLoad:
    """read_kpi_files, in the reader's process."""
    dfe_paths, own_paths, problems = _route(paths, format)
    values: list[KpiValue] = []
    warnings: list[Problem] = []
    if dfe_paths:
        values += _reading(
            problems,
            read_dfe,
            dfe_paths,
            la_code,
            neighbours,
            all_las=all_las,
            max_bytes=max_bytes,
            notes=warnings,
            limits=limits,
            progress=progress,
        )
    targets: dict[str, tuple[float, float | None]] = {}
    local: dict[str, Indicator] = {}
    layout = format if format in ("canonical", "wide") else "auto"
    for path in own_paths:
        progress(path.name)
        try:
            table = read_own(path, la_code, layout=layout, max_bytes=max_bytes, limits=limits)
        except ImportFailed as failed:
            problems += failed.problems
            continue
        values += table.values
        targets |= table.targets
        warnings += table.warnings
        for indicator in table.local:
            if local.setdefault(indicator.id, indicator) != indicator:
                problems.append(_described_twice(table.file, indicator, local[indicator.id]))
    if problems:
        order = {path.name: index for index, path in enumerate(paths)}
        unique = list(dict.fromkeys(problems))
        raise ImportFailed(sorted(unique, key=lambda p: order.get(p.file, len(order))))
    return KpiLoad(values, targets, list(local.values()), warnings, bool(dfe_paths))


def _route(paths: list[Path], format: Format) -> tuple[list[Path], list[Path], list[Problem]]:
    """(DfE's files and folders, the council's own tables, problems) of the paths named."""
    if format in _DFE_FORMATS:
        problems = []
        for path in paths:
            kind = _kind(ees.Found(path, named=True))[0] if path.is_file() else None
            if kind and kind != format:
                problems.append(_not_the_format(path.name, kind, format))
        return paths, [], problems
    own_only = format != "auto"
    dfe_paths: list[Path] = []
    own_paths: list[Path] = []
    for path in paths:
        if path.is_dir():
            suffixes = _OWN_SUFFIXES if own_only else (".xlsx",)
            own_paths += [found.path for found in ees.files_in([path], suffixes)]
            if not own_only:
                dfe_paths.append(path)
        elif own_only or _is_own(path):
            own_paths.append(path)
        else:
            dfe_paths.append(path)
    return dfe_paths, own_paths, []


def _is_own(path: Path) -> bool:
    """Whether a file named, read as `format` "auto", is the council's own table: a workbook,
    or a CSV file with neither LAIT's nor EES's headings (a missing file, or one of another
    kind, is DfE's reader's to report)."""
    suffix = path.suffix.lower()
    if suffix == ".csv" and path.is_file():
        return _kind(ees.Found(path, named=True))[0] is None
    return suffix in _OWN_SUFFIXES and suffix != ".csv"


def _not_the_format(file: str, kind: str, format: str) -> Problem:
    names = {"lait": "LAIT's data set", "ees": "an explore-education-statistics file"}
    return file_problem(
        file,
        f"The file is {names[kind]}, but the format given is {format}.",
        f"Give --format {kind}, or --format auto to tell each file's format from its headings.",
    )


def _described_twice(file: str, new: Indicator, old: Indicator) -> Problem:
    return file_problem(
        file,
        f"The file describes the local indicator {new.name} otherwise than an earlier file "
        f"(unit {new.unit}, polarity {new.polarity}, judgement area {new.area or 'none'}; "
        f"the other: {old.unit}, {old.polarity}, {old.area or 'none'}).",
        "Describe it the same way in every file, or load the files one at a time.",
    )


# Enough of a file to read its heading row.
_HEAD_CHARS = 64 * 1024


def read_dfe(
    paths: Iterable[Path | str],
    la_code: str,
    neighbours: StatNeighbours | None = None,
    *,
    all_las: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    notes: list[Problem] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    progress: ees.Reading | None = None,
) -> list[KpiValue]:
    """Every figure the files give of the known indicators, for the council numbered `la_code`
    (its 3-digit DfE number), England, its region, its statistical neighbours and, with
    `all_las`, every council. A folder's CSV and parquet files are read, skipping those that hold
    none of the indicators (its data guidance, other tables); a file named must hold some, or,
    given `notes`, be an EES file of other figures, left out with a note there (ees.read_found).
    A file to read that is over `max_bytes` is a problem (the setting imports.max_file_mb), as is
    one over `limits`; `progress` is told each file's name as its reading starts.

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
        if kind and (too_big := over_limit(item.path.stat().st_size, max_bytes)):
            problems.append(
                file_problem(
                    item.path.name,
                    f"The file {too_big}.",
                    "Download only the figures you need (explore education statistics lets you "
                    f"choose the years and the councils), or {RAISE_LIMIT}.",
                )
            )
        elif kind == "lait":
            lait_files.append(item.path)
        elif kind == "ees":
            ees_files.append(item)
        elif problem and item.named:
            problems.append(problem)
    values: list[KpiValue] = []
    for path in lait_files:
        if progress:
            progress(path.name)
        values += _reading(
            problems, lait.read_lait, path, la_code, neighbours, all_las=all_las, limits=limits
        )
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
            notes=notes,
            limits=limits,
            progress=progress,
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
            "The file is neither a CSV nor a parquet file (nor an Excel workbook of the council's "
            "own figures).",
            "Import DfE's files as downloaded: LAIT's data set (.parquet or .csv) or explore "
            "education statistics CSV files; or the council's own KPI table as an Excel "
            "workbook (.xlsx) or CSV file.",
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
