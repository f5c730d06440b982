"""KPI files built to cost the server gigabytes (tests/kpi_bombs.py: parquet that unpacks a few
hundred KB into gigabytes, CSV files of a million rows or of one 100 MB line) are refused with a
message naming the file, what it holds and the limit, and this process, the server, grows by less
than 50 MB while each is read: the files are checked and read in the limited reader process.

Read before, in this process, the 106 KB dictionary bomb took it to 3.2 GB and the five-million-row
file to 2.7 GB before their memory ran out; the others grew it by 200 MB to 1 GB and were read or
refused for other reasons. A soft address-space limit (`guarded`) stops such a read here at 4 GB
more rather than at the machine's memory.
"""

from __future__ import annotations

import os
import resource
from pathlib import Path

import pytest

from readiness.files.limits import MB, Limits, csv_shape
from readiness.files.problems import ImportFailed, Problem
from readiness.kpi import dfe_files
from readiness.kpi.dfe_files import read_kpi_files
from readiness.kpi.neighbours import read_neighbours
from tests.kpi_bombs import EES_HEADER, EES_ROW, RAISED_MAX_BYTES, Read, build, measured
from tests.kpi_data import C1, CSWW, LAIT, SN_2025, kpi_file

LEEDS = "383"
# What the server may grow by while a bomb is read (the bound).
SERVER_GROWTH_MB = 50

# What each bomb is refused for: what the file holds, and the limit.
REFUSALS = {
    "dictionary.parquet": "holds text that unpacks to 2,878 MB, over the import limit of 256 MB",
    "rows.parquet": (
        "holds up to 5,000,000 rows × 7 columns = 35,000,000 cells, over the import limit of "
        "10,000,000 cells"
    ),
    "unpacked.parquet": "unpacks to 579 MB, over the import limit of 256 MB",
    "row_groups.parquet": "is cut into 5,000 row groups, over the import limit of 1,000",
    "million_rows.csv": (
        "holds up to 1,000,002 rows × 14 columns = 14,000,028 cells, over the import limit of "
        "10,000,000 cells"
    ),
    "ees_long_line.csv": "has a line of 100 MB, over the import limit of 1 MB",
    "own_long_line.csv": "has a line of 100 MB, over the import limit of 1 MB",
}


@pytest.fixture(scope="module")
def bombs(tmp_path_factory) -> dict[str, Path]:
    return build(tmp_path_factory.mktemp("kpi_bombs"))


@pytest.fixture
def guarded():
    """This process may take 4 GB more address space while the test runs, no more: a bomb read
    here stops there (the reader's process sets its own, lower, limit)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    with open("/proc/self/statm") as statm:
        size = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    guard = size + 4 * 1024 * MB
    if hard != resource.RLIM_INFINITY:
        guard = min(guard, hard)
    resource.setrlimit(resource.RLIMIT_AS, (guard, hard))
    yield
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _refusal(read: Read) -> Problem:
    """The one problem the read was refused for, as the user sees it; fails if it was read."""
    assert isinstance(read.raised, ImportFailed), f"not refused: {read.raised!r}"
    (problem,) = read.raised.problems
    return problem


@pytest.mark.parametrize("name", REFUSALS)
def test_a_bomb_is_refused_for_its_size_and_the_server_does_not_grow(bombs, guarded, name):
    read = measured(
        lambda: read_kpi_files([bombs[name]], LEEDS, max_bytes=RAISED_MAX_BYTES),
    )
    problem = _refusal(read)
    assert problem.file == name
    assert REFUSALS[name] in problem.message
    assert "and import it as it comes" in problem.fix or "smaller files" in problem.fix
    assert read.server_change_mb < SERVER_GROWTH_MB


def test_a_bomb_past_the_checks_meets_the_reader_s_memory_limit(bombs, guarded, tmp_path):
    """With the checks let through, the 3 GB of text are unpacked in the reader, which runs out
    of its 1 GB: the file being read is named, not the load's other files."""
    other = tmp_path / "la_cla_swcount.csv"
    other.write_bytes(EES_HEADER + EES_ROW)
    unchecked = Limits(data_bytes=1024**4)
    read = measured(
        lambda: read_kpi_files([other, bombs["dictionary.parquet"]], LEEDS, limits=unchecked)
    )
    problem = _refusal(read)
    assert problem.file == "dictionary.parquet"
    assert problem.message.startswith(
        "The file needs more than the 1,024 MB of memory one import may use, so reading it was "
        "stopped"
    )
    assert "LAIT's data set" in problem.fix
    assert read.server_change_mb < SERVER_GROWTH_MB


def test_a_neighbour_list_far_bigger_than_dfe_s_is_refused_unread(tmp_path, guarded):
    """The list is read in the server, before the KPI files: a file of 1 MB of anything is
    bounded, a bigger one is refused."""
    path = tmp_path / "sn_model_2025_wide.csv"
    path.write_bytes(b"old_la_code,SN_1\n" + b"383,384\n" * 20 * 1024 * 1024)
    read = measured(lambda: read_neighbours(path))
    problem = _refusal(read)
    assert problem.message == (
        "The file is 160.0 MB, over the import limit of 1 MB for a statistical-neighbour list "
        "(DfE's is 26 KB)."
    )
    assert read.server_change_mb < SERVER_GROWTH_MB


def test_a_csv_file_is_measured_a_few_megabytes_at_a_time(tmp_path):
    """Rows, the heading row's columns and the longest line, wherever the lines break across the
    pieces it is read in."""
    path = tmp_path / "shape.csv"
    path.write_bytes(b"a,b,c\n1,2\n" + b"x" * (9 * MB) + b"\n" + b"1,2,3\n" * 3 + b"4,5")
    shape = csv_shape(path)
    assert (shape.rows, shape.columns, shape.longest_line) == (7, 3, 9 * MB)
    path.write_bytes(b"a,b")
    assert csv_shape(path) == type(shape)(1, 2, 3)


def test_dfe_s_files_read_in_the_reader_as_in_this_process():
    """Every one of DfE's files here, LAIT's data set for every council: the load from the
    reader's process is the load read here, and reading it grew this process far less than it
    costs to read (LAIT's data set alone takes a read here to 300 MB)."""
    paths = [kpi_file(name) for name in (LAIT, C1, CSWW)]
    neighbours = read_neighbours(kpi_file(SN_2025))
    here = dfe_files._read_kpi_files(
        paths, LEEDS, neighbours, True, "auto", RAISED_MAX_BYTES, Limits(), lambda name: None
    )
    loads = []
    read = measured(
        lambda: loads.append(
            read_kpi_files(paths, LEEDS, neighbours, all_las=True, max_bytes=RAISED_MAX_BYTES)
        )
    )
    assert read.raised is None
    assert loads == [here]
    assert len(here.values) > 40_000
    assert 0 < read.reader_peak_mb < 1024
