"""The national record of ILACS inspections, read from public files: the scraped report history
(`ofsted_csc_ilacs_history.csv`), the LA lookup (`la_lookup_provider_data.csv`, or the ILACS
overview workbook) and Ofsted's official statistics
(`la_inspection_outcomes_as_at_31_march_2025.ods`).

read_national tells each file by its content (headings, sheet names), never by its name. It
reads the lookups first, as every other file keys councils its own way, then the inspections,
and merges what Ofsted's statistics and the scrape both describe (national_merge). Nothing is
guessed: what a file does not say is a note on the inspection; every row not used is a warning
naming the file, row and why. Source: ../shared/data/ofsted/README.md, ../shared/domain.md §2.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from python_calamine import CalamineWorkbook

from readiness.files.file_kinds import NAMES, is_ole, zip_kind
from readiness.inspection.events import Inspection
from readiness.inspection.national_cells import NationalFileRefused, cell_text
from readiness.inspection.national_councils import (
    Council,
    CouncilIndex,
    is_lookup,
    lookup_richness,
)
from readiness.inspection.national_merge import merge_sources
from readiness.inspection.official_stats import SHEETS, is_official, read_official
from readiness.inspection.scraped_history import is_scraped_history, read_scraped_history
from readiness.text import plural

__all__ = ["Council", "NationalFileRefused", "NationalRecord", "read_national"]

_LOOKUP, _HISTORY, _OFFICIAL = "lookup", "history", "official"
_WORKBOOKS = ("xlsx", "ods")
EXPECTED = (
    "expected the scraped report history (a CSV headed urn, local_authority, publication_date, "
    "inspection_framework, inspection_start_date, ...), the LA lookup (a CSV headed urn, "
    "la_code, la_code_new, stat_neighbours, ...), the ILACS overview workbook (headed the same) "
    f"or Ofsted's official statistics workbook (sheets {', '.join(SHEETS)})."
)
_NEEDS_LOOKUP = {
    _HISTORY: (
        "the scraped report history names councils by Ofsted URN, and no LA lookup was given "
        "to turn them into DfE's 3-digit numbers. Read it with la_lookup_provider_data.csv (or "
        "the ILACS overview workbook)."
    ),
    _OFFICIAL: (
        "Ofsted's statistics name councils by ONS code (E09000002), and no LA lookup was given "
        "to turn them into DfE's 3-digit numbers. Read it with la_lookup_provider_data.csv "
        "(column la_code_new)."
    ),
}
_WHAT = {_HISTORY: "scraped report history", _OFFICIAL: "workbook of Ofsted's statistics"}
# Enough of a refused CSV's first line to recognise the file by.
_SHOWN_CHARS = 120


@dataclass(frozen=True)
class NationalRecord:
    """Every council, every inspection and visit read, the rows not used, and the files read."""

    councils: dict[str, Council]  # by 3-digit number
    inspections: tuple[Inspection, ...]  # by council, then start
    warnings: tuple[str, ...]
    sources: tuple[str, ...]

    def inspections_of(self, la_code: str) -> tuple[Inspection, ...]:
        """One council's inspections and visits, oldest first."""
        return tuple(event for event in self.inspections if event.la_code == la_code)


@dataclass(frozen=True)
class _Opened:
    """A file told by its content: a table (lookup, history) or Ofsted's workbook."""

    file: str
    kind: str
    rows: list[list[str]] | None = None
    sheet: str | None = None
    workbook: CalamineWorkbook | None = None


def read_national(paths: list[Path]) -> NationalRecord:
    """Read the national files, in any order and under any names, into one record.

    Raises NationalFileRefused for a file that is none of them, for a second scraped history or
    statistics workbook, and for inspection files given without a lookup.
    """
    opened = [_open(Path(path)) for path in paths]
    _refuse_repeats(opened)
    index = CouncilIndex()
    warnings: list[str] = []
    sources: list[str] = []
    lookups = [item for item in opened if item.kind == _LOOKUP]
    for item in sorted(lookups, key=lambda item: -lookup_richness(_headings(item.rows))):
        warnings.extend(index.add_table(item.file, item.rows, item.sheet))
        sources.append(f"{item.file}: {_lookup_words(item.rows)}")
    official: list[Inspection] = []
    scraped: list[Inspection] = []
    for item in opened:
        if item.kind == _LOOKUP:
            continue
        if not index.councils:
            raise NationalFileRefused(item.file, _NEEDS_LOOKUP[item.kind])
        if item.kind == _HISTORY:
            found, problems = read_scraped_history(item.file, item.rows, index)
            scraped.extend(found)
            rows = plural(len(item.rows) - 1, "row")
            sources.append(f"{item.file}: the scraped report history, {rows}")
        else:
            found, problems, read = read_official(item.file, item.workbook, index)
            official.extend(found)
            sources.append(f"{item.file}: Ofsted's official statistics ({read})")
        warnings.extend(problems)
    inspections = sorted(merge_sources(official, scraped), key=_order)
    return NationalRecord(
        councils=dict(sorted(index.councils.items())),
        inspections=tuple(inspections),
        warnings=tuple(warnings),
        sources=tuple(sources),
    )


def _order(event: Inspection) -> tuple:
    """Council, then start; an undated report (SIF, parse gaps) sits at its publication date,
    which orders it without giving it a start."""
    return (event.la_code, event.start or event.published or date.min, event.kind)


def _open(path: Path) -> _Opened:
    file = path.name
    try:
        kind = zip_kind(path)
        if kind in _WORKBOOKS or is_ole(path):
            return _open_workbook(path, file)
        if kind is not None:
            name = NAMES.get(kind, "a damaged zip file")
            raise NationalFileRefused(file, f"is {name}; {EXPECTED}")
        data = path.read_bytes()
    except OSError as error:
        raise NationalFileRefused(file, f"cannot be opened ({error.strerror or error}).") from None
    try:
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    except (UnicodeDecodeError, csv.Error):
        raise NationalFileRefused(
            file, f"is neither UTF-8 CSV text nor a workbook; {EXPECTED}"
        ) from None
    rows = [[cell.strip() for cell in row] for row in rows]
    headings = _headings(rows)
    if is_lookup(headings):
        return _Opened(file, _LOOKUP, rows)
    if is_scraped_history(headings):
        return _Opened(file, _HISTORY, rows)
    first_line = ",".join(rows[0])[:_SHOWN_CHARS] if rows else ""
    raise NationalFileRefused(
        file, f'is none of the national files (its first line is "{first_line}"); {EXPECTED}'
    )


def _open_workbook(path: Path, file: str) -> _Opened:
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as error:  # calamine fails in many ways on a damaged or locked file
        raise NationalFileRefused(file, f"cannot be read as a workbook ({error}).") from None
    names = workbook.sheet_names
    if is_official(names):
        return _Opened(file, _OFFICIAL, workbook=workbook)
    if names:
        sheet = workbook.get_sheet_by_name(names[0]).to_python(skip_empty_area=False)
        rows = [[cell_text(cell) for cell in row] for row in sheet]
        if is_lookup(_headings(rows)):
            return _Opened(file, _LOOKUP, rows, sheet=names[0])
    raise NationalFileRefused(
        file,
        f"is a workbook whose sheets ({', '.join(names)}) are none of the national files; "
        f"{EXPECTED}",
    )


def _headings(rows: list[list[str]] | None) -> list[str]:
    return [heading.strip().lower() for heading in rows[0]] if rows else []


def _refuse_repeats(opened: list[_Opened]) -> None:
    """Two lookups complete each other; two histories or two workbooks of Ofsted's statistics
    would each give every inspection twice."""
    first: dict[str, str] = {}
    for item in opened:
        if item.kind in _WHAT and item.kind in first:
            raise NationalFileRefused(
                item.file,
                f"is a second {_WHAT[item.kind]} after {first[item.kind]}: give only one.",
            )
        first.setdefault(item.kind, item.file)


def _lookup_words(rows: list[list[str]]) -> str:
    councils = plural(len(rows) - 1, "council")
    if "inspection_start_date" in _headings(rows):
        return f"the ILACS overview, read for its councils only, {councils}"
    return f"the LA lookup, {councils}"
