"""KPI files built to cost the server far more than their size, and how to measure a read of one.

Built at run time into a folder, nothing large kept in the repository. Each is shaped as the file
it pretends to be (LAIT's data set's columns, an EES file's, the council's own table's headings),
so that it reaches the reading that would pay for it:

- parquet that unpacks hugely: one long string repeated a million times, stored once per row group
  in the dictionary and referred to by run-length-encoded indices (4 GB of text from a file of
  a few hundred KB); five million rows in one row group; one row group of 300 MB of text
  compressed to almost nothing; a file cut into thousands of row groups;
- CSV files bigger than any of DfE's: a million rows, one line of 100 MB (as an EES file and as
  the council's own table).

The CSV files are over the default file-size limit, so a test reads them as a council that raised
imports.max_file_mb would (RAISED_MAX_BYTES): the shape limits hold whatever that setting says.

`python -m tests.kpi_bombs FOLDER` writes them: the tests build them in another process, so that
building them costs the test process nothing it would then measure.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from readiness.files.limits import MB, file_bytes

ROOT = Path(__file__).resolve().parents[1]
# What a council that raised imports.max_file_mb to 1,000 allows (the default is 20 MB).
RAISED_MAX_BYTES = file_bytes(1000)
# LAIT's columns, as lait.COLUMNS and the published file's "Data item" between them.
LAIT_COLUMNS = (
    "Short Desc",
    "Data item",
    "Years",
    "LA and Regions",
    "Values",
    "LA Number",
    "Region",
)
# An EES file's columns, as la_cla_swcount.csv's (children in care by their social workers).
EES_HEADER = (
    b"time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
    b"region_name,old_la_code,la_name,new_la_code,cla_group,sw_stability,number,percentage\n"
)
EES_ROW = (
    b"2024,Reporting year,Local authority,E92000001,England,E12000003,Yorkshire and The Humber,"
    b"383,Leeds,E08000035,Children looked after,3 or more,12,4.5\n"
)


def _constant(text: str, rows: int):
    """A column of `rows` rows all `text`, dictionary-encoded: the text is held once."""
    import numpy as np
    import pyarrow as pa

    return pa.DictionaryArray.from_arrays(pa.array(np.zeros(rows, np.int32)), pa.array([text]))


def _lait_table(rows: int, long_text: str = "Leeds"):
    """`rows` rows of one figure of Leeds's (a measure read, so every row is kept), its area's
    name and region `long_text`."""
    import numpy as np
    import pyarrow as pa

    return pa.table(
        {
            "Short Desc": _constant("ReReferral", rows),
            "Data item": _constant("", rows),
            "Years": _constant("2024", rows),
            "LA and Regions": _constant(long_text, rows),
            "Values": _constant("22.6", rows),
            "LA Number": pa.array(np.full(rows, 383.0)),
            "Region": _constant(long_text, rows),
        }
    )


def _write_parquet(path: Path, table, groups: int, **options) -> Path:
    """`table` written `groups` times, each time one row group."""
    import pyarrow.parquet as pq

    options = {"compression": "zstd", "write_statistics": False, **options}
    with pq.ParquetWriter(path, table.schema, **options) as writer:
        for _ in range(groups):
            writer.write_table(table, row_group_size=len(table))
    return path


def dictionary_bomb(path: Path) -> Path:
    """1,000,000 rows in 100 row groups whose area and region are one 1,500-character string:
    3 GB of text unpacked (each column under the 2 GB one Arrow string array holds)."""
    return _write_parquet(path, _lait_table(10_000, "x" * 1500), groups=100)


def rows_bomb(path: Path) -> Path:
    """5,000,000 rows in one row group: 35 million cells."""
    return _write_parquet(path, _lait_table(5_000_000), groups=1)


def unpacked_bomb(path: Path) -> Path:
    """One row group of 150,000 rows of 2,000-character text stored plainly (no dictionary):
    300 MB of pages compressed to almost nothing."""
    return _write_parquet(path, _lait_table(150_000, "y" * 2000), groups=1, use_dictionary=False)


def row_groups_bomb(path: Path) -> Path:
    """5,000 row groups of one row each."""
    return _write_parquet(path, _lait_table(1), groups=5000)


def _write_lines(path: Path, head: bytes, line: bytes, times: int) -> Path:
    """`head`, then `line` `times` times, written a few megabytes at a time."""
    per_write = max(1, 4 * MB // len(line))
    with path.open("wb") as stream:
        stream.write(head)
        for done in range(0, times, per_write):
            stream.write(line * min(per_write, times - done))
    return path


def million_rows(path: Path) -> Path:
    """An EES file of 1,000,000 rows of 14 columns (112 MB)."""
    return _write_lines(path, EES_HEADER, EES_ROW, 1_000_000)


def _long_line(path: Path, head: bytes) -> Path:
    """`head`, then one line of 100 MB with no separator in it."""
    _write_lines(path, head, b"z" * MB, 100)
    with path.open("ab") as stream:
        stream.write(b"\n")
    return path


def ees_long_line(path: Path) -> Path:
    """An EES file whose second line is 100 MB long."""
    return _long_line(path, EES_HEADER)


def own_long_line(path: Path) -> Path:
    """The council's own table (Indicator, Period, Value) whose second line is 100 MB long."""
    return _long_line(path, b"Indicator,Period,Value\n")


# Each bomb by its file's name, with what it is, for the table of figures.
BOMBS: dict[str, Callable[[Path], Path]] = {
    "dictionary.parquet": dictionary_bomb,
    "rows.parquet": rows_bomb,
    "unpacked.parquet": unpacked_bomb,
    "row_groups.parquet": row_groups_bomb,
    "million_rows.csv": million_rows,
    "ees_long_line.csv": ees_long_line,
    "own_long_line.csv": own_long_line,
}


def build(folder: Path) -> dict[str, Path]:
    """Every bomb, built in another process (the building's memory is not this process's)."""
    subprocess.run([sys.executable, "-m", "tests.kpi_bombs", str(folder)], cwd=ROOT, check=True)
    return {name: folder / name for name in BOMBS}


# --- Measuring a read -----------------------------------------------------------------------------


def rss_mb(pid: int | str = "self") -> float:
    """A process's resident memory now, in MB."""
    with open(f"/proc/{pid}/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / MB


def _readers() -> list[int]:
    """This process's children that run a reader."""
    pid = os.getpid()
    with open(f"/proc/{pid}/task/{pid}/children") as kids:
        children = [int(kid) for kid in kids.read().split()]
    readers = []
    for child in children:
        with contextlib.suppress(OSError), open(f"/proc/{child}/cmdline", "rb") as cmdline:
            # Between fork and exec a child is this process: its memory is not a reader's.
            if b"readiness.files.isolation" in cmdline.read():
                readers.append(child)
    return readers


def _peak_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024


@dataclass(frozen=True)
class Read:
    """What reading one file cost: wall seconds, the reader's peak resident memory, this
    process's highest resident memory during the read less before it (MB), and what the read
    raised (None if nothing)."""

    seconds: float
    reader_peak_mb: float
    server_change_mb: float
    raised: BaseException | None


def measured(read: Callable[[], object]) -> Read:
    """Run `read`, sampling this process's resident memory and its readers' peaks every 10 ms."""
    before = rss_mb()
    highest = [before]
    reader_peak = [0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            highest[0] = max(highest[0], rss_mb())
            for pid in _readers():
                with contextlib.suppress(OSError, StopIteration):  # it ended while read
                    reader_peak[0] = max(reader_peak[0], _peak_mb(pid))
            time.sleep(0.01)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    raised = None
    try:
        read()
    except Exception as exc:  # what the read raised is the figure
        raised = exc
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    highest[0] = max(highest[0], rss_mb())
    return Read(seconds, reader_peak[0], highest[0] - before, raised)


if __name__ == "__main__":
    target = Path(sys.argv[1])
    target.mkdir(parents=True, exist_ok=True)
    for name, make in BOMBS.items():
        make(target / name)
