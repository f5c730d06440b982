"""Explore-education-statistics (EES) CSV files, as downloaded, read for one council.

Every EES data file has the same first columns, `time_period, time_identifier, geographic_level,
country_code, country_name, region_code, region_name, old_la_code, new_la_code, la_name` (the
children-looked-after files put `la_name` before `new_la_code`; some files start with a
byte-order mark), then the file's own: filter columns and figures. So columns are read by name.

Which indicators a file holds is told from its columns, not its name (a download may be renamed
"... (1).csv"): an indicator is in a file that has its value column (indicators.EesSource.column)
and each of its filter columns holding the filter's value. A file named as an indicator's source
that lacks them is reported, as DfE may have renamed a column. A file named that is an EES data
file of other figures (b1_children_in_need_..., the children in need census's counts) is a
problem too, unless the caller takes notes: then it is left out and the note says so, as a
folder's would be, and the other files are read.

Rows kept: `National` (England), `Regional` for the council's region, and `Local authority` for
the council, its statistical neighbours or, with `all_las`, every council. EES puts London's
boroughs in "Inner London" or "Outer London", which have Regional rows of their own; the region
compared with is London. A shared service's row, "314 / 318" (Kingston and Richmond's Achieving
for Children), gives each council its figure, as LAIT does. Figures DfE does not give are written
as one of symbols.SYMBOLS (`c`, `low`, `u`, `x`, `z`, ...) or left blank: missing, never zero, and
the symbol is kept with the period (lait.figure).

A file bigger than any EES file (its rows × columns, its longest line: files.limits) is refused
before pandas reads it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from readiness.files.limits import DEFAULT_LIMITS, Limits, csv_shape, csv_shape_problems
from readiness.files.problems import ImportFailed, Problem, file_problem
from readiness.kpi.indicators import BY_ID, INDICATORS, EesSource, Indicator
from readiness.kpi.lait import if_out_of_memory, long_values
from readiness.kpi.neighbours import StatNeighbours, council_region, region_name, unknown_council
from readiness.kpi.values import ENGLAND, KpiValue, region_area

YEAR, LEVEL, REGION, LA_CODE, LA_NAME = (
    "time_period",
    "geographic_level",
    "region_name",
    "old_la_code",
    "la_name",
)
NATIONAL, REGIONAL, LOCAL = "National", "Regional", "Local authority"
_AREA_COLUMNS = (YEAR, LEVEL, REGION, LA_CODE, LA_NAME)
_SOURCES: tuple[tuple[Indicator, EesSource], ...] = tuple(
    (indicator, indicator.ees) for indicator in INDICATORS if indicator.ees
)
_DUPLICATES_SHOWN = 5
_CSV = (".csv",)
_DOWNLOAD_AGAIN = (
    "Download the file again from explore education statistics and import it as it comes; "
    "choose only the years and councils you need there if it is still too big."
)
# Told the name of each file as its reading starts (isolation.read_limited names it in a limit met).
Reading = Callable[[str], None]


@dataclass(frozen=True)
class Found:
    """A file to read, and whether it was named itself rather than found in a folder: a folder
    may hold other files (the data guidance, other tables), a file named must hold figures."""

    path: Path
    named: bool


def files_in(paths: Iterable[Path | str], suffixes: tuple[str, ...]) -> list[Found]:
    """The files `paths` name, each folder's files with these suffixes (not its sub-folders)."""
    found: list[Found] = []
    for path in map(Path, paths):
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.suffix.lower() in suffixes)
            found += [Found(p, named=False) for p in inside if p.is_file()]
        else:
            found.append(Found(path, named=True))
    return found


def nothing_to_read(paths: Iterable[Path | str], suffixes: tuple[str, ...]) -> Problem:
    shown = ", ".join(str(path) for path in paths) or "No file given"
    return file_problem(
        shown,
        f"There is no {' or '.join(s.lstrip('.') for s in suffixes)} file here.",
        "Choose the files DfE publishes, as downloaded, or the folder holding them.",
    )


def no_indicators(found: list[Found]) -> Problem:
    """The problem of folders where no file holds any of the indicators."""
    return file_problem(
        ", ".join(item.path.name for item in found),
        "No file here holds any of the indicators DfE publishes in explore education statistics "
        "or LAIT.",
        "Download the indicators' files from explore-education-statistics.service.gov.uk ("
        + ", ".join(sorted({source.file for _i, source in _SOURCES}))
        + ") or LAIT's data set.",
    )


@dataclass
class _Table:
    file: str
    frame: pd.DataFrame  # every column as text, plus "row" and "codes" (each council's number)
    headings: dict[str, str]  # each heading in lower case: as the file writes it
    indicators: list[tuple[Indicator, EesSource]]


def read_ees(
    paths: Iterable[Path | str],
    la_code: str,
    neighbours: StatNeighbours | None = None,
    *,
    all_las: bool = False,
) -> list[KpiValue]:
    """Every figure of the known indicators in these EES files or folders of them, for the
    council numbered `la_code`, England, its region, its statistical neighbours and, with
    `all_las`, every council. Raises ImportFailed listing every problem."""
    paths = list(paths)
    found = files_in(paths, _CSV)
    if not found:
        raise ImportFailed([nothing_to_read(paths, _CSV)])
    return read_found(found, la_code, neighbours, all_las=all_las, required=True)


def read_found(
    found: list[Found],
    la_code: str,
    neighbours: StatNeighbours | None = None,
    *,
    all_las: bool = False,
    required: bool = True,
    notes: list[Problem] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    progress: Reading | None = None,
) -> list[KpiValue]:
    """read_ees of files already found; `required`: a problem if none holds an indicator;
    `notes`: where to say a file named was left out as it holds only other figures (without
    them, that is a problem); a file over `limits` is refused unread; `progress` is told each
    file's name as its reading starts."""
    la_code = str(la_code).strip()
    problems: list[Problem] = []
    tables: list[_Table] = []
    for item in found:
        if progress:
            progress(item.path.name)
        table, problem = _table(item, limits, skippable=notes is not None)
        if problem and problem.fix == _LEFT_OUT and notes is not None:
            notes.append(problem)
        elif problem:
            problems.append(problem)
        elif table:
            tables.append(table)
    if required and not tables and not problems:
        problems.append(no_indicators(found))
    if problems:
        raise ImportFailed(problems)
    if not tables:
        return []

    region = _region(tables, la_code, neighbours)
    areas = {la_code, *(neighbours.of(la_code) if neighbours else ())}
    values: list[KpiValue] = []
    for table in tables:
        if progress:
            progress(table.file)
        long = _long(table, areas, region, all_las=all_las)
        problems += _duplicates(table.file, long)
        table_values, row_problems = long_values(long, table.file, YEAR)
        values += table_values
        problems += row_problems
    if problems:
        raise ImportFailed(problems)
    return values


def _table(
    item: Found, limits: Limits, *, skippable: bool = False
) -> tuple[_Table | None, Problem | None]:
    """The file read, with the indicators it holds; or a problem; or neither, for a file in a
    folder that holds none. `skippable`: a file named that holds only other figures gives a
    note (its fix _LEFT_OUT) rather than a problem. A file over `limits` gives the first limit
    it is over: one says the file is not as DfE publishes it."""
    file = item.path.name
    try:
        if too_big := csv_shape_problems(file, csv_shape(item.path), limits, _DOWNLOAD_AGAIN):
            return None, too_big[0]
        frame = pd.read_csv(item.path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, ValueError) as error:
        if_out_of_memory(error)
        return None, file_problem(
            file,
            f"The file cannot be read as a CSV table: {error}.",
            "Download the file again from explore education statistics and import it as it comes.",
        )
    frame.columns = [" ".join(str(column).split()) for column in frame.columns]
    headings = {column.lower(): column for column in frame.columns}
    missing = [column for column in _AREA_COLUMNS if column not in headings]
    indicators = [] if missing else _indicators(frame, headings)
    if not indicators:
        if not item.named:
            return None, None
        return None, _holds_none(file, frame.columns, missing, skippable)
    frame = frame.rename(columns={headings[column]: column for column in _AREA_COLUMNS})
    headings.update({column: column for column in _AREA_COLUMNS})
    # The row as a spreadsheet shows it: the headings are row 1. A shared service's row gives
    # each of its councils the figure.
    frame = frame.assign(
        row=frame.index + 2, codes=frame[LA_CODE].str.strip(), **{LEVEL: frame[LEVEL].str.strip()}
    )
    if frame["codes"].str.contains("/").any():
        frame = frame.assign(codes=frame["codes"].str.split("/")).explode("codes")
        frame = frame.assign(codes=frame["codes"].str.strip())
    return _Table(file, frame, headings, indicators), None


def _indicators(frame: pd.DataFrame, headings: dict[str, str]) -> list[tuple[Indicator, EesSource]]:
    def holds(column: str, value: str) -> bool:
        heading = headings.get(column.lower())
        return heading is not None and bool((frame[heading].str.strip() == value).any())

    return [
        (indicator, source)
        for indicator, source in _SOURCES
        if source.column.lower() in headings
        and all(holds(column, value) for column, value in source.filters)
    ]


# The fix of a note that a file named was left out: it holds other figures, which is no problem.
_LEFT_OUT = "Nothing to do, unless you meant another of DfE's files."


def _holds_none(file: str, columns: Iterable[str], missing: list[str], skippable: bool) -> Problem:
    shown = ", ".join(columns) or "none"
    stem = Path(file).stem.lower()
    expected = [(i, source) for i, source in _SOURCES if stem.startswith(source.file.lower())]
    if skippable and not missing and not expected:
        return file_problem(
            file,
            "The file holds none of the indicators known here, so it was left out and the other "
            f"files were read. Its columns are {shown}.",
            _LEFT_OUT,
        )
    if missing:
        message = (
            f"The file is not an explore-education-statistics data file: it has no column "
            f"{', '.join(missing)}. Its columns are {shown}."
        )
    elif expected:
        wanted = "; ".join(_described(*pair) for pair in expected)
        message = (
            f"The file is named as DfE's source of {wanted}, but lacks that column or "
            f"breakdown. Its columns are {shown}."
        )
    else:
        message = f"The file holds none of the indicators known here. Its columns are {shown}."
    return file_problem(
        file,
        message,
        "Import the file DfE publishes for each indicator, as downloaded; remove any other file.",
    )


def _described(indicator: Indicator, source: EesSource) -> str:
    filters = "".join(f', {name} "{value}"' for name, value in source.filters)
    return f'"{indicator.name}" (column {source.column}{filters})'


def _region(tables: list[_Table], la_code: str, neighbours: StatNeighbours | None) -> str | None:
    """The council's region, from its rows in any file (a file may lack the council in a year it
    did not exist), else from the neighbour list. ImportFailed if no file has the council."""
    councils = [table.frame[table.frame[LEVEL] == LOCAL] for table in tables]
    own = [rows[rows["codes"] == la_code] for rows in councils]
    if all(rows.empty for rows in own):
        named = {
            code: name
            for rows in councils
            for code, name in zip(rows["codes"], rows[LA_NAME], strict=True)
        }
        raise ImportFailed([unknown_council(tables[0].file, LA_CODE, la_code, named)])
    for rows in own:
        for text in rows[REGION]:
            if region := council_region(text):
                return region
    return neighbours.regions.get(la_code) if neighbours else None


def _long(table: _Table, areas: set[str], region: str | None, *, all_las: bool) -> pd.DataFrame:
    """The file's figures of the council and its comparators, in lait.LONG_COLUMNS."""
    frame = table.frame
    level = frame[LEVEL]
    local = level == LOCAL
    chosen_la = local & (frame["codes"].isin(areas) | all_las)
    # Each name looked up once, not once a row.
    regions = {text: region_name(text) for text in frame[REGION].unique()}
    regional = (level == REGIONAL) & (frame[REGION].map(regions) == region)
    national = level == NATIONAL
    keep = chosen_la | (regional if region else False) | national
    rows = frame[keep]
    area = rows["codes"].where(local[keep], ENGLAND)
    if region:
        area = area.mask(regional[keep], region_area(region))
    name = rows[LA_NAME].where(local[keep], rows[REGION].where(regional[keep], "England"))
    parts = []
    for indicator, source in table.indicators:
        column = table.headings[source.column.lower()]
        picked = _picked(table, rows, source.filters)
        numerator, denominator = _counts(table, rows, area, source, picked)
        parts.append(
            pd.DataFrame(
                {
                    "indicator": indicator.id,
                    "area": area[picked],
                    "area_name": name[picked],
                    "year": rows[YEAR][picked],
                    "value": rows[column][picked],
                    "row": rows["row"][picked],
                    "column": column,
                    "numerator": numerator,
                    "denominator": denominator,
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


def _picked(table: _Table, rows: pd.DataFrame, filters: Iterable[tuple[str, str]]) -> pd.Series:
    picked = pd.Series(True, index=rows.index)
    for filter_column, value in filters:
        picked &= rows[table.headings[filter_column.lower()]].str.strip() == value
    return picked


def _counts(
    table: _Table, rows: pd.DataFrame, area: pd.Series, source: EesSource, picked: pd.Series
) -> tuple[pd.Series, pd.Series]:
    """The picked rows' count and denominator as text ("" where the file has none): from the
    same row, or for a breakdown file from its total row of the same area and year."""
    none = pd.Series("", index=rows.index)[picked]
    count_heading = table.headings.get((source.numerator or "").lower())
    if count_heading is None:
        return none, none
    numerator = rows[count_heading][picked]
    if source.denominator:
        heading = table.headings.get(source.denominator.lower())
        return numerator, none if heading is None else rows[heading][picked]
    totals = _picked(table, rows, (dict(source.filters) | dict(source.total)).items())
    by_key = pd.Series(
        rows[count_heading][totals].to_numpy(),
        index=pd.MultiIndex.from_arrays([area[totals], rows[YEAR][totals]]),
    )
    by_key = by_key[~by_key.index.duplicated()]
    keys = pd.MultiIndex.from_arrays([area[picked], rows[YEAR][picked]])
    return numerator, pd.Series(by_key.reindex(keys).fillna("").to_numpy(), index=none.index)


def _duplicates(file: str, long: pd.DataFrame) -> list[Problem]:
    """A problem for each indicator, area and year with more than one row: the file breaks the
    figure down by something the indicator's filters do not pick, so which row is meant is not
    known."""
    twice = long[long.duplicated(["indicator", "area", "year"], keep=False)]
    problems = []
    for (indicator, area, year), rows in twice.groupby(["indicator", "area", "year"], sort=False):
        numbers = ", ".join(str(row) for row in rows["row"])
        problems.append(
            Problem(
                file,
                None,
                int(rows["row"].iloc[0]),
                None,
                None,
                f'Rows {numbers} all give "{BY_ID[indicator].name}" for '
                f"{rows['area_name'].iloc[0]} ({area}) in {year}.",
                "Import the file as DfE publishes it, without rows added or columns removed.",
            )
        )
    return problems[:_DUPLICATES_SHOWN]
