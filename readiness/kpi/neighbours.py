"""A council's comparators: its DfE statistical neighbours and its region, and how councils and
regions are named across DfE's files.

DfE publishes the statistical-neighbour list in several layouts, all one row per council with its
ten neighbours in order, closest first, by their 3-digit DfE numbers:

- the 2025 model, `sn_model_2025_wide.csv`: `old_la_code, la_name, region_ind, region_name, SN_1,
  SN_1P, ..., SN_10, SN_10P` (the P columns say how close: "Very close", "Close", ...);
- LAIT's layout, as the April 2021 model `sn_groupings_april_2021.csv`: `LA num, LA Name, LA
  number, GOInd, GOReg, SN1, SNP, ..., SN10, SNP`, with blank rows and an "Old SNs:" block of
  councils since reorganised;
- the Ofsted-scrape lookup `la_lookup_provider_data.csv`, whose `stat_neighbours` cell holds the
  ten numbers in one comma-separated list ("851, 882, 373, ...").

The layout is told from the headings, so a re-saved or re-ordered file still reads. The list is
read in the server's process (it is small, and needed before the KPI files are read), so a file
far bigger than any list is refused unread.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from readiness.files.csv_text import read_csv
from readiness.files.limits import MB, too_much
from readiness.files.problems import ImportFailed, Problem, file_problem

# England's nine regions as DfE's explore-education-statistics files write them. LAIT writes
# "Yorkshire and the Humber" for the region's own rows, the Ofsted lookup too: one spelling here
# makes a region the same area whichever file its figures came from.
REGIONS = (
    "North East",
    "North West",
    "Yorkshire and The Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
)
_REGION_KEYS = {region.lower(): region for region in REGIONS}
_LA_CODE = re.compile(r"\d{3}")
# Neighbour columns: "SN_1" (2025 model) or "SN1" (LAIT), but not the closeness columns "SN_1P"
# and "SNP".
_SN_COLUMN = re.compile(r"sn_?(\d+)")
_SUGGESTIONS = 3
# DfE's lists are 26 KB (2025 model) and 29 KB (2021), the Ofsted lookup 56 KB; a file of 1 MB
# reads in a fraction of a second whatever it holds.
_MAX_BYTES = MB


@dataclass(frozen=True)
class StatNeighbours:
    """One statistical-neighbour list: each council's neighbours, closest first, and the names and
    regions of the councils where the file gives them."""

    source: str  # the file's name, for messages
    neighbours: dict[str, tuple[str, ...]]
    names: dict[str, str]
    regions: dict[str, str]

    def of(self, la_code: str) -> tuple[str, ...]:
        """The council's neighbours; ImportFailed if the list has none for it."""
        if la_code not in self.neighbours:
            named = f" ({self.names[la_code]})" if la_code in self.names else ""
            raise ImportFailed(
                [
                    file_problem(
                        self.source,
                        f"The list gives no statistical neighbours for {la_code}{named}.",
                        "Use the list of the model the council is in (councils since "
                        "reorganised are only in the older ones), or read with no neighbours.",
                    )
                ]
            )
        return self.neighbours[la_code]


@dataclass(frozen=True)
class _Columns:
    """Where one layout keeps each thing, as column positions."""

    code: int
    neighbours: tuple[int, ...]
    name: int | None
    region: int | None


# Headings of each thing, by layout, lower case: the first found is used.
_CODE_HEADINGS = ("old_la_code", "la number", "la_code")
_NAME_HEADINGS = ("la_name", "la name", "local_authority_ons_name")
_REGION_HEADINGS = ("region_name", "goreg")
_LIST_HEADING = "stat_neighbours"  # the lookup's one cell holding all ten


def region_name(text: str) -> str | None:
    """The name of the region `text` names in any file's spelling, or None if it is not one of
    England's nine regions (LAIT's "London (Inner)", "England", "NA")."""
    return _REGION_KEYS.get(" ".join(str(text).lower().split()))


def council_region(text: str) -> str | None:
    """The region of a council whose file gives its region as `text`. DfE files put London's
    boroughs in "Inner London" or "Outer London" (LAIT's "London (Inner)"), a statistical split
    of the London region, which is the region their figures are compared with."""
    words = str(text).lower().replace("(", " ").replace(")", " ").split()
    if "london" in words:
        return "London"
    return region_name(text)


def unknown_council(file: str, column: str, la_code: str, known: Mapping[str, str]) -> Problem:
    """The problem of a council number not in the file, with the closest the file has: the
    nearest numbers, or for a name typed instead of a number, the closest names.

    `known` maps each council's number in the file to its name."""
    text = la_code.strip()
    if text.isdigit():
        closest = sorted(known, key=lambda code: (abs(int(code) - int(text)), code))
    else:
        by_name = {name.lower(): code for code, name in known.items()}
        names = difflib.get_close_matches(text.lower(), by_name, n=_SUGGESTIONS, cutoff=0.5)
        closest = [by_name[name] for name in names]
    shown = ", ".join(f"{code} ({known[code]})" for code in closest[:_SUGGESTIONS])
    fix = "Give the council's 3-digit DfE local-authority number, as 383 for Leeds."
    if shown:
        fix += f" The closest in the file: {shown}."
    return Problem(
        file, None, None, column, la_code, "is not a local-authority number in the file.", fix
    )


def read_neighbours(path: Path | str) -> StatNeighbours:
    """The statistical-neighbour list in a CSV file of any of DfE's layouts. Raises ImportFailed
    listing every problem."""
    path = Path(path)
    file = path.name
    try:
        if (size := path.stat().st_size) > _MAX_BYTES:
            raise ImportFailed(
                [
                    too_much(
                        file,
                        f"is {size / MB:,.1f} MB",
                        f"{_MAX_BYTES / MB:g} MB for a statistical-neighbour list (DfE's is 26 KB)",
                        _LAYOUTS_FIX,
                    )
                ]
            )
        data = path.read_bytes()
    except OSError as error:
        raise ImportFailed(
            [file_problem(file, f"cannot be read: {error.strerror}.", "Check the file's path.")]
        ) from None
    rows, _warnings = read_csv(file, data)
    if not rows:
        raise ImportFailed([file_problem(file, "The file is empty.", _LAYOUTS_FIX)])
    columns = _columns(file, rows[0])
    return _read_rows(file, rows, columns)


_LAYOUTS_FIX = (
    "Use DfE's statistical-neighbour list as published: the 2025 model (headings old_la_code and "
    "SN_1 to SN_10), LAIT's layout (LA number and SN1 to SN10) or the Ofsted lookup (la_code and "
    "stat_neighbours)."
)


def _columns(file: str, headings: list[str]) -> _Columns:
    keys = [" ".join(heading.lower().split()) for heading in headings]

    def first(candidates: tuple[str, ...]) -> int | None:
        return next((keys.index(key) for key in candidates if key in keys), None)

    numbered = sorted(
        (int(match[1]), index)
        for index, key in enumerate(keys)
        if (match := _SN_COLUMN.fullmatch(key))
    )
    neighbours = tuple(index for _number, index in numbered)
    if not neighbours and _LIST_HEADING in keys:
        neighbours = (keys.index(_LIST_HEADING),)
    code = first(_CODE_HEADINGS)
    if code is None or not neighbours:
        shown = ", ".join(heading for heading in headings if heading) or "none"
        raise ImportFailed(
            [
                file_problem(
                    file,
                    f"The file is not a statistical-neighbour list: its headings are {shown}.",
                    _LAYOUTS_FIX,
                )
            ]
        )
    return _Columns(code, neighbours, first(_NAME_HEADINGS), first(_REGION_HEADINGS))


def _read_rows(file: str, rows: list[list[str]], columns: _Columns) -> StatNeighbours:
    headings = rows[0]
    neighbours: dict[str, tuple[str, ...]] = {}
    names: dict[str, str] = {}
    regions: dict[str, str] = {}
    first_row: dict[str, int] = {}
    problems: list[Problem] = []

    def cell(row: list[str], index: int | None) -> str:
        return row[index].strip() if index is not None and index < len(row) else ""

    for number, row in enumerate(rows[1:], start=2):
        code = cell(row, columns.code)
        if not code:
            continue  # LAIT's layout has blank rows and an "Old SNs:" heading row
        if not _LA_CODE.fullmatch(code):
            problems.append(_not_a_code(file, number, headings[columns.code], code))
            continue
        if code in first_row:
            problems.append(
                Problem(
                    file,
                    None,
                    number,
                    headings[columns.code],
                    code,
                    f"is listed again (first on row {first_row[code]}).",
                    "Keep one row for each council.",
                )
            )
            continue
        first_row[code] = number
        if name := cell(row, columns.name):
            names[code] = name
        if region := council_region(cell(row, columns.region)):
            regions[code] = region
        found: list[str] = []
        for index in columns.neighbours:
            for neighbour in re.split(r"[,;\s]+", cell(row, index)):
                if neighbour and not _LA_CODE.fullmatch(neighbour):
                    problems.append(_not_a_code(file, number, headings[index], neighbour))
                elif neighbour:
                    found.append(neighbour)
        # The lookup has rows for councils since abolished (Cumbria, Northamptonshire, Poole)
        # with no neighbours: they name councils but compare with none.
        if found:
            neighbours[code] = tuple(found)
    if not neighbours and not problems:
        problems.append(file_problem(file, "The file lists no council's neighbours.", _LAYOUTS_FIX))
    if problems:
        raise ImportFailed(problems)
    return StatNeighbours(file, neighbours, names, regions)


def _not_a_code(file: str, row: int, column: str, value: str) -> Problem:
    return Problem(
        file,
        None,
        row,
        column,
        value,
        "is not a 3-digit DfE local-authority number.",
        "Write the council's DfE number, as 383 for Leeds.",
    )
