"""DfE's LAIT data set read for one council: every indicator LAIT gives, every year, for the
council, England, its region, its statistical neighbours and, for ranks and quartiles, optionally
every council.

The data set is one long table, `Short Desc, Data item, Years, LA and Regions, Values, LA Number,
Region`: one row per measure, area and year (641,070 rows), as a parquet file
(`bds_long_0.parquet`) or the same as CSV. Its quirks:

- `LA Number` is the 3-digit DfE number, a float in the parquet file; England is 970 and the
  regions 980 to 990, named in `LA and Regions` ("Yorkshire and the Humber", "London (Inner)").
- A council's own rows give its region in `Region`, London's boroughs as "Inner London" or
  "Outer London" (neighbours.council_region).
- `Values` is text: "-" is a figure not given, and some figures carry float artefacts
  ("4.4000000000000004").

The long table of figures is also the shape ees.py turns each EES file into, so the reading of
years and figures into KpiValues (`long_values`) is here, for both.

Parquet packs tightly: a 234 KB file of one long string repeated a million times unpacks to
gigabytes. So before any value is read the file's metadata is checked against the limits
(rows × columns, row groups, size unpacked), and the text columns are read dictionary-encoded and
their size unpacked summed from each value's length before any is unpacked (_read_parquet). A
file these let through that still needs too much is stopped by the reader's process limits
(files.isolation); MemoryError is let through for it to report.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from readiness.files.limits import (
    DEFAULT_LIMITS,
    MB,
    Limits,
    csv_shape,
    csv_shape_problems,
    too_many_data_cells,
    too_much,
)
from readiness.files.problems import ImportFailed, Problem, file_problem
from readiness.kpi.indicators import BY_ID, BY_LAIT
from readiness.kpi.neighbours import StatNeighbours, council_region, region_name, unknown_council
from readiness.kpi.periods import read_year
from readiness.kpi.symbols import SYMBOLS
from readiness.kpi.values import ENGLAND, KpiValue, Period, region_area

MEASURE, YEARS, AREA_NAME, VALUES, NUMBER, REGION = (
    "Short Desc",
    "Years",
    "LA and Regions",
    "Values",
    "LA Number",
    "Region",
)
COLUMNS = (MEASURE, YEARS, AREA_NAME, VALUES, NUMBER, REGION)
ENGLAND_NUMBER = 970
FIRST_REGION_NUMBER = 980  # regions and England come after every council's number
# Published figures have at most a few decimals; ten significant digits keep every one of them
# and drop binary artefacts such as 4.4000000000000004 and 7.0000000000000007E-2.
_SIGNIFICANT_DIGITS = 10
# A file wrong in every row would give a problem a row; these many show what is wrong.
_ROW_PROBLEMS_SHOWN = 20
# The columns of the long table of figures every reader builds for long_values.
LONG_COLUMNS = ("indicator", "area", "area_name", "year", "value", "row", "column")
_DOWNLOAD_AGAIN = (
    "Download LAIT's data set again from DfE (the Local Authority Interactive Tool's data, "
    "bds_long) and import it as it comes."
)


def read_lait(
    path: Path | str,
    la_code: str,
    neighbours: StatNeighbours | None = None,
    *,
    all_las: bool = False,
    limits: Limits = DEFAULT_LIMITS,
) -> list[KpiValue]:
    """Every figure of every indicator LAIT gives (indicators.BY_LAIT), all years, for the
    council numbered `la_code`, England, the council's region, its statistical neighbours and,
    with `all_las`, every council. A file over `limits` is refused unread. Raises ImportFailed
    listing every problem."""
    path = Path(path)
    file = path.name
    la_code = str(la_code).strip()
    table = _read_table(path, limits)
    codes = pd.to_numeric(table[NUMBER], errors="coerce").astype("Int64").astype("string")
    table = table.assign(code=codes.fillna(""))
    council = table[table["code"] == la_code]
    if council.empty:
        councils = table[_is_council(table["code"])]
        known = dict(zip(councils["code"], councils[AREA_NAME], strict=True))
        raise ImportFailed([unknown_council(file, NUMBER, la_code, known)])

    problems: list[Problem] = []
    region = next(filter(None, map(council_region, council[REGION])), None)
    region_rows = table[table["code"].between(str(FIRST_REGION_NUMBER), "999")]
    region_codes = region_rows["code"][region_rows[AREA_NAME].map(region_name) == region]
    if region_codes.empty:
        problems.append(
            file_problem(
                file,
                f"The file gives no figures for the region of {la_code} "
                f"({region or 'none given'}).",
                "Use DfE's LAIT data set as published, with the rows of the nine regions.",
            )
        )
    areas = {la_code, str(ENGLAND_NUMBER), *region_codes.unique()}
    if neighbours is not None:
        areas.update(neighbours.of(la_code))
    wanted = table["code"].isin(areas)
    if all_las:
        wanted |= _is_council(table["code"])
    chosen = table[wanted]
    area = chosen["code"].map({str(ENGLAND_NUMBER): ENGLAND, **_region_keys(region_codes, region)})
    long = pd.DataFrame(
        {
            "indicator": chosen[MEASURE].map({key: i.id for key, i in BY_LAIT.items()}),
            "area": area.fillna(chosen["code"]),
            "area_name": chosen[AREA_NAME],
            "year": chosen[YEARS],
            "value": chosen[VALUES],
            "row": chosen["row"],
            "column": VALUES,
        }
    )
    values, row_problems = long_values(long, file, YEARS)
    problems += row_problems
    if problems:
        raise ImportFailed(problems)
    return values


def _is_council(codes: pd.Series) -> pd.Series:
    """Which numbers are councils': three digits, before England's 970 and the regions'."""
    return codes.str.fullmatch(r"\d{3}") & (codes < str(ENGLAND_NUMBER))


def _region_keys(codes: pd.Series, region: str | None) -> dict[str, str]:
    return {code: region_area(region) for code in codes} if region else {}


def _read_table(path: Path, limits: Limits) -> pd.DataFrame:
    """The rows of the measures indicators.BY_LAIT maps, with their 1-based row number in the file
    (the header is row 1 of a CSV file)."""
    file = path.name
    try:
        if path.suffix.lower() == ".parquet":
            table = _read_parquet(path, limits)
        else:
            if problems := csv_shape_problems(file, csv_shape(path), limits, _DOWNLOAD_AGAIN):
                raise ImportFailed(problems)
            headings = pd.read_csv(path, nrows=0, encoding="utf-8-sig").columns
            _check_columns(file, [" ".join(heading.split()) for heading in headings])
            frame = pd.read_csv(
                path, dtype=str, keep_default_na=False, encoding="utf-8-sig", usecols=_wanted
            )
            frame.columns = [" ".join(column.split()) for column in frame.columns]
            # The row as a spreadsheet shows it: the headings are row 1.
            table = frame[frame[MEASURE].isin(BY_LAIT)].assign(row=lambda f: f.index + 2)
    except (OSError, ValueError, pa.ArrowException) as error:
        if_out_of_memory(error)
        raise ImportFailed([_unreadable(file, error)]) from None
    return table.reset_index(drop=True)


def if_out_of_memory(error: Exception) -> None:
    """Raise MemoryError if reading failed for want of memory, which the reader's process reports
    as the memory limit met, not as a damaged file: pyarrow raises ArrowMemoryError (a
    MemoryError), pandas' CSV parser a ParserError saying "out of memory"."""
    if isinstance(error, MemoryError) or "out of memory" in str(error):
        raise MemoryError(str(error)) from error


def _wanted(column: str) -> bool:
    return " ".join(column.split()) in COLUMNS


def _read_parquet(path: Path, limits: Limits) -> pd.DataFrame:
    file = path.name
    # The text columns are stored dictionary-encoded: read so, the table loads in a tenth of the
    # time, is filtered before any row becomes a Python object, and its size unpacked is known
    # before any text is unpacked.
    text = [column for column in COLUMNS if column != NUMBER]
    parquet = pq.ParquetFile(path, read_dictionary=text)
    _check_columns(file, parquet.schema_arrow.names)
    if problems := _parquet_problems(file, parquet.metadata, limits):
        raise ImportFailed(problems)
    table = parquet.read(columns=list(COLUMNS))
    if (size := _text_bytes(table, text)) > limits.data_bytes:
        raise ImportFailed(
            [
                too_much(
                    file,
                    f"holds text that unpacks to {size / MB:,.0f} MB",
                    f"{limits.data_bytes / MB:,.0f} MB (the text of LAIT's data set is 55 MB)",
                    _DOWNLOAD_AGAIN,
                )
            ]
        )
    measures = table[MEASURE].cast(pa.string())
    keep = np.flatnonzero(pc.is_in(measures, value_set=pa.array(list(BY_LAIT))).to_numpy())
    chosen = table.take(pa.array(keep))
    frame = pd.DataFrame(
        {
            column: chosen[column].cast(pa.string()).to_pandas()
            if column in text
            else chosen[column].to_pandas()
            for column in COLUMNS
        }
    )
    return frame.assign(row=keep + 1)


def _parquet_problems(file: str, metadata: pq.FileMetaData, limits: Limits) -> list[Problem]:
    """Problems if the file's metadata says it is bigger than any LAIT data set: in rows ×
    columns, in row groups, or in bytes unpacked (its compressed pages' size written out)."""
    rows, columns, groups = metadata.num_rows, metadata.num_columns, metadata.num_row_groups
    problems = []
    if problem := too_many_data_cells(file, rows, columns, limits, _DOWNLOAD_AGAIN):
        problems.append(problem)
    if groups > limits.row_groups:
        # Not added up: each row group is a step of the sum below.
        problems.append(
            too_much(
                file,
                f"is cut into {groups:,} row groups",
                f"{limits.row_groups:,} (LAIT's data set has 20)",
                _DOWNLOAD_AGAIN,
            )
        )
        return problems
    unpacked = sum(metadata.row_group(group).total_byte_size for group in range(groups))
    if unpacked > limits.data_bytes:
        problems.append(
            too_much(
                file,
                f"unpacks to {unpacked / MB:,.0f} MB",
                f"{limits.data_bytes / MB:,.0f} MB (LAIT's data set unpacks to 4 MB)",
                _DOWNLOAD_AGAIN,
            )
        )
    return problems


def _text_bytes(table: pa.Table, columns: list[str]) -> int:
    """The bytes the dictionary-encoded text columns unpack to: each row's value's length, looked
    up in its dictionary, summed; no value is unpacked."""
    total = 0
    for column in columns:
        for chunk in table[column].chunks:
            lengths = pc.take(pc.binary_length(chunk.dictionary), chunk.indices)
            total += pc.sum(lengths).as_py() or 0
    return total


def _check_columns(file: str, columns: Sequence[str]) -> None:
    missing = [column for column in COLUMNS if column not in columns]
    if missing:
        raise ImportFailed(
            [
                file_problem(
                    file,
                    f"The file has no column {', '.join(missing)}; its columns are "
                    f"{', '.join(columns) or 'none'}.",
                    "Use DfE's LAIT data set as published (bds_long), with the columns "
                    + ", ".join(COLUMNS)
                    + ".",
                )
            ]
        )


def _unreadable(file: str, error: Exception) -> Problem:
    return file_problem(
        file,
        f"The file cannot be read as a table: {error}.",
        "Download the file again from DfE and import it as it comes.",
    )


def figure(text: str) -> tuple[float | None, str | None]:
    """The number a cell holds, or None and the code DfE wrote for a figure not given ("c",
    "-", ...; symbols.SYMBOLS). Such a figure is missing, never zero. Raises ValueError for
    anything else."""
    code = " ".join(str(text).split()).lower()
    if code in SYMBOLS:
        return None, code
    number = float(code)
    if not math.isfinite(number):
        raise ValueError(code)
    return float(f"{number:.{_SIGNIFICANT_DIGITS}g}"), None


def long_values(
    long: pd.DataFrame, file: str, year_column: str
) -> tuple[list[KpiValue], list[Problem]]:
    """KpiValues from a long table of figures (columns LONG_COLUMNS: indicator id, area key, area
    name, year label, figure text, file row, the figure's column), and a problem for each year or
    figure that does not read."""
    values: list[KpiValue] = []
    problems: list[Problem] = []
    periods: dict[tuple[str, tuple[int, int]], Period] = {}
    for row in long.itertuples(index=False):
        indicator = BY_ID[row.indicator]
        key = (row.year, indicator.year_end)
        try:
            if key not in periods:
                periods[key] = read_year(row.year, indicator.year_end)
            number, missing = figure(row.value)
        except ValueError as error:
            problems.append(_row_problem(file, row, year_column, key in periods, error))
            continue
        values.append(
            KpiValue(
                indicator.id,
                row.area,
                periods[key],
                number,
                f"{file}, row {row.row}",
                missing,
                row.area_name or None,
                *_counts(row),
            )
        )
    if len(problems) > _ROW_PROBLEMS_SHOWN:
        more = len(problems) - _ROW_PROBLEMS_SHOWN
        problems = problems[:_ROW_PROBLEMS_SHOWN] + [
            file_problem(file, f"{more:,} more rows have the same kinds of problem.", "")
        ]
    return values, problems


def _counts(row) -> tuple[float | None, float | None]:
    """A percentage's count and denominator where the long table has them (EES files do), else
    None: they only add the 95% interval, so one DfE did not give leaves the figure as it is."""
    counts = []
    for text in (getattr(row, "numerator", ""), getattr(row, "denominator", "")):
        try:
            counts.append(figure(text)[0])
        except ValueError:
            counts.append(None)
    numerator, denominator = counts
    if numerator is None or not denominator or not 0 <= numerator <= denominator:
        return None, None
    return numerator, denominator


def _row_problem(file: str, row, year_column: str, year_read: bool, error: ValueError) -> Problem:
    if not year_read:
        # read_year's message says what a year should look like.
        return Problem(file, None, row.row, year_column, None, str(error), "")
    shown = ", ".join(f'"{code}"' for code in SYMBOLS if code)
    return Problem(
        file,
        None,
        row.row,
        row.column,
        row.value,
        f"is not a number, nor one of DfE's codes for a figure not given ({shown}).",
        "Write the figure as a number, or the code DfE uses.",
    )
