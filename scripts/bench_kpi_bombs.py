"""The KPI bomb corpus against the KPI reader: for each file of tests/kpi_bombs, its size, how long
until it was refused, the reading process's peak memory and how much this process (the server)
grew; each read as the tests read it (read_kpi_files, imports.max_file_mb raised to 1,000), then
the worst bomb again with the checks let through, to meet the reader's memory limit.

    .venv/bin/python scripts/bench_kpi_bombs.py

Refused after: wall seconds of `read_kpi_files` (`time.perf_counter()`), starting the reading
process included. Reader peak: the highest VmHWM of the reading process, sampled every 10 ms.
Server change: this process's highest resident memory during the read, less before it. Building
the corpus (in another process) is not timed. Figures only: it never fails on a time.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from readiness.files.limits import Limits  # noqa: E402
from readiness.files.problems import ImportFailed  # noqa: E402
from readiness.kpi.dfe_files import read_kpi_files  # noqa: E402
from tests.kpi_bombs import EES_HEADER, EES_ROW, RAISED_MAX_BYTES, build, measured  # noqa: E402

LEEDS = "383"
# The checks let through: what is left to stop a file is the reader's own limits.
UNCHECKED = Limits(data_bytes=1024**4)


def _outcome(raised: BaseException | None) -> str:
    if raised is None:
        return "READ"
    if isinstance(raised, ImportFailed):
        return " / ".join(problem.message.split(", so")[0] for problem in raised.problems)
    return repr(raised)


def bomb_table() -> str:
    """The corpus table, a line a file."""
    lines = [
        f"{'File':<34} {'Size':>9} {'Refused after':>14} {'Reader peak':>12} "
        f"{'Server change':>14}  Refused for"
    ]
    with tempfile.TemporaryDirectory(prefix="kpi_bombs_") as folder:
        bombs = build(Path(folder))
        warm = Path(folder) / "la_cla_swcount.csv"
        warm.write_bytes(EES_HEADER + EES_ROW)
        # The first read imports what reading needs into this process: not a bomb's cost.
        measured(lambda: read_kpi_files([warm], LEEDS))
        runs = [(name, path, Limits()) for name, path in bombs.items()]
        runs.append(("dictionary.parquet, unchecked", bombs["dictionary.parquet"], UNCHECKED))
        for name, path, limits in runs:
            read = measured(
                lambda p=path, li=limits: read_kpi_files(
                    [p], LEEDS, max_bytes=RAISED_MAX_BYTES, limits=li
                )
            )
            size = path.stat().st_size
            shown = f"{size / 1024:,.0f} KB" if size < 1024**2 else f"{size / 1024**2:,.0f} MB"
            lines.append(
                f"{name:<34} {shown:>9} {read.seconds:12.1f} s {read.reader_peak_mb:9.0f} MB "
                f"{read.server_change_mb:+11.1f} MB  {_outcome(read.raised)[:110]}"
            )
    return "\n".join(lines)


if __name__ == "__main__":
    print(bomb_table())
