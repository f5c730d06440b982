"""One uploaded file cannot take the server down: the limits on reading a plan.

Each file is real, made in tmp_path with openpyxl (the biggest by writing the sheet's XML into a
copy of a small workbook). The files that once took gigabytes are read here in a subprocess
under a 1.5 GB address-space limit, so a regression fails the test instead of the machine; each
prints its time and the peak memory of the test's process and of the reading process (run
pytest with -s to see them).
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import IO

import pytest
from openpyxl import Workbook
from openpyxl.styles import Font

from readiness.importing import ImportFailed, read_plan, reading
from readiness.importing.isolation import Reader
from readiness.importing.limits import MAX_CELLS, MAX_UNPACKED_BYTES, READ_MEMORY_BYTES, Limits
from tests.import_fixtures import big_canonical_rows, committee_workbook, plain_canonical_workbook

AS_AT = date(2026, 3, 1)
ROOT = Path(__file__).resolve().parent.parent
TEST_MEMORY_LIMIT = 1536 * 1024 * 1024
# Seconds a refused file may take, starting the reader included, on a loaded test machine;
# before these limits the same files took minutes or took the server down.
QUICKLY = 10

# Reads one file with read_plan under an address-space limit, sampling the peak memory (VmHWM)
# of every process it starts; prints the outcome and figures as JSON.
_LIMITED_READ = r"""
import json, os, resource, sys, threading, time
from datetime import date
limit = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from readiness.importing import ImportFailed, read_plan

def descendants(pid):
    tasks = os.listdir(f"/proc/{pid}/task")
    kids = [int(k) for t in tasks for k in open(f"/proc/{pid}/task/{t}/children").read().split()]
    return [found for kid in kids for found in (kid, *descendants(kid))]

def peak_kb(pid):
    # VmHWM, not ru_maxrss: that one keeps the peak of the process this one was started from.
    with open(f"/proc/{pid}/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))

peaks = {}
def sample():
    while True:
        try:
            for pid in descendants(os.getpid()):
                peaks[pid] = max(peaks.get(pid, 0), peak_kb(pid))
        except (OSError, StopIteration):  # a process ended while being read
            pass
        time.sleep(0.01)

threading.Thread(target=sample, daemon=True).start()
started = time.perf_counter()
try:
    outcome, problems = read_plan(sys.argv[1], imported_on=date(2026, 3, 1)).summary(), []
except ImportFailed as failed:
    outcome, problems = "failed", [vars(p) for p in failed.problems]
print(json.dumps({
    "outcome": outcome,
    "problems": problems,
    "seconds": time.perf_counter() - started,
    "own_peak_mb": peak_kb(os.getpid()) / 1024,
    "reader_peak_mb": max(peaks.values(), default=0) / 1024,
}))
"""


def read_limited(path: Path) -> dict:
    """read_plan on `path` in a subprocess limited to 1.5 GB; its outcome, problems, figures."""
    done = subprocess.run(
        [sys.executable, "-c", _LIMITED_READ, str(path), str(TEST_MEMORY_LIMIT)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, f"the limited read died ({done.returncode}): {done.stderr[-2000:]}"
    figures = json.loads(done.stdout)
    print(
        f"\n{path.name}: {figures['outcome']} in {figures['seconds']:.2f} s; peak memory: "
        f"test process {figures['own_peak_mb']:.0f} MB, reader {figures['reader_peak_mb']:.0f} MB"
    )
    return figures


def only_problem(figures: dict) -> dict:
    assert figures["outcome"] == "failed"
    (problem,) = figures["problems"]
    return problem


# --- Building the files -------------------------------------------------------------------------


def small_workbook(path: Path, far_cell: str | None = None, value: str | None = None) -> Path:
    """A sheet "Plan" with two rows, and a far cell holding `value`, or bold and empty."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Plan"
    sheet.append(["Ref", "Recommendation"])
    sheet.append(["REC 1", "Improve plans"])
    if far_cell and value is not None:
        sheet[far_cell] = value
    elif far_cell:
        sheet[far_cell].font = Font(bold=True)
    book.save(path)
    return path


def with_sheet_xml(source: Path, target: Path, edit: Callable[[str, IO[bytes]], None]) -> Path:
    """A copy of `source` whose first sheet's XML is written by `edit(old XML, stream)`."""
    with (
        zipfile.ZipFile(source) as old,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as new,
    ):
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                with new.open(item.filename, "w", force_zip64=True) as stream:
                    edit(data.decode(), stream)
            else:
                new.writestr(item, data)
    return target


def with_dimension(ref: str | None) -> Callable[[str, IO[bytes]], None]:
    """An edit that declares the sheet's extent as `ref`, or drops the declaration."""
    new = f'<dimension ref="{ref}" />' if ref else ""
    return lambda xml, stream: stream.write(re.sub(r"<dimension [^>]*>", new, xml).encode())


def formatted_rows(rows: int, dimension: str) -> Callable[[str, IO[bytes]], None]:
    """An edit adding rows 4 to `rows` of three bold empty cells, as Excel saves formatted rows,
    and declaring the sheet's extent as `dimension`."""

    def edit(xml: str, stream: IO[bytes]) -> None:
        head, tail = xml.split("</sheetData>")
        head = re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"', head)
        stream.write(head.encode())
        for start in range(4, rows + 1, 10_000):
            stream.write(
                "".join(
                    f'<row r="{r}"><c r="A{r}" s="1"/><c r="B{r}" s="1"/><c r="C{r}" s="1"/></row>'
                    for r in range(start, min(start + 10_000, rows + 1))
                ).encode()
            )
        stream.write(("</sheetData>" + tail).encode())

    return edit


@pytest.fixture(scope="module")
def million_formatted_rows(tmp_path_factory) -> Path:
    """A plan sheet followed by 1,000,000 formatted empty rows, declared honestly (A1:C1000000)."""
    folder = tmp_path_factory.mktemp("rows")
    small = small_workbook(folder / "small.xlsx", "A3")
    return with_sheet_xml(small, folder / "rows.xlsx", formatted_rows(1_000_000, "A1:C1000000"))


# --- The cheap check: a sheet's declared extent, and the unpacked size ---------------------------


@pytest.mark.parametrize("value", [None, "x"], ids=["bold-and-empty", "holding-a-value"])
def test_a_cell_at_xfd1048576_is_refused_before_the_sheet_is_read(tmp_path, value):
    path = small_workbook(tmp_path / "plan.xlsx", "XFD1048576", value)
    assert path.stat().st_size < 10_000
    figures = read_limited(path)
    problem = only_problem(figures)
    assert (problem["sheet"], problem["value"]) == ("Plan", "A1:XFD1048576")
    assert "1,048,576 rows × 16,384 columns = 17,179,869,184 cells" in problem["message"]
    assert f"over the import limit of {MAX_CELLS:,} cells" in problem["message"]
    assert "Delete the empty formatted rows below the plan" in problem["fix"]
    assert figures["seconds"] < QUICKLY
    assert figures["own_peak_mb"] < 200


def test_a_million_formatted_empty_rows_are_refused_quickly(million_formatted_rows):
    assert million_formatted_rows.stat().st_size < 20 * 1024 * 1024  # under the file-size limit
    figures = read_limited(million_formatted_rows)
    problem = only_problem(figures)
    assert problem["value"] == "A1:C1000000"
    assert "1,000,000 rows × 3 columns = 3,000,000 cells" in problem["message"]
    assert figures["seconds"] < QUICKLY
    assert figures["own_peak_mb"] < 200
    assert figures["reader_peak_mb"] < 200  # the sheet itself was never unpacked


def test_a_zip_bomb_is_refused_by_its_unpacked_size(tmp_path):
    def padded(xml: str, stream: IO[bytes]) -> None:
        head, tail = xml.split("<sheetData>")
        stream.write(head.encode())
        for _ in range(MAX_UNPACKED_BYTES // (1024 * 1024) + 1):
            stream.write(b" " * 1024 * 1024)
        stream.write(("<sheetData>" + tail).encode())

    small = small_workbook(tmp_path / "small.xlsx")
    path = with_sheet_xml(small, tmp_path / "bomb.xlsx", padded)
    assert path.stat().st_size < 2 * 1024 * 1024
    problem = only_problem(read_limited(path))
    assert problem["message"].startswith("The workbook unpacks to 257 MB, over the import limit")


def test_a_csv_of_blank_lines_is_refused_before_it_is_parsed(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_bytes(b"Ref,Recommendation\n" + b"\n" * 3_000_000)
    started = time.perf_counter()
    with pytest.raises(ImportFailed) as failed:
        read_plan(path, imported_on=AS_AT)
    (problem,) = failed.value.problems
    assert "up to 3,000,003 cells and rows" in problem.message
    assert time.perf_counter() - started < 1


# --- The backstop: the reader's own limits, when the declared extent is false or missing ---------


@pytest.mark.parametrize("dimension", ["A1:C3", None], ids=["declared-A1:C3", "not-declared"])
def test_a_far_cell_behind_a_false_dimension_is_stopped_by_the_memory_limit(tmp_path, dimension):
    source = small_workbook(tmp_path / "source.xlsx", "XFD1048576", "x")
    path = with_sheet_xml(source, tmp_path / "plan.xlsx", with_dimension(dimension))
    figures = read_limited(path)
    problem = only_problem(figures)
    assert problem["message"].startswith(
        f"The workbook needs more than the {READ_MEMORY_BYTES // 2**20:,} MB of memory"
    )
    assert "Delete the empty formatted rows below the plan" in problem["fix"]
    assert figures["seconds"] < QUICKLY
    assert figures["own_peak_mb"] < 200


def test_a_sheet_bigger_than_declared_is_refused_before_its_rows_are_built(tmp_path):
    source = small_workbook(tmp_path / "source.xlsx", "Z100000", "x")
    path = with_sheet_xml(source, tmp_path / "plan.xlsx", with_dimension("A1:C3"))
    figures = read_limited(path)
    problem = only_problem(figures)
    assert problem["value"] == "A1:Z100000"
    assert "100,000 rows × 26 columns = 2,600,000 cells" in problem["message"]
    assert figures["reader_peak_mb"] < 400


def test_a_slow_read_is_stopped_at_the_time_limit(tmp_path, million_formatted_rows):
    path = with_sheet_xml(million_formatted_rows, tmp_path / "plan.xlsx", with_dimension("A1:C3"))
    children = _children()
    started = time.perf_counter()
    with pytest.raises(ImportFailed) as failed:
        book = reading.Book(path, limits=Limits(seconds=0.3))
        try:
            book.sheet("Plan")
        finally:
            book.close()
    took = time.perf_counter() - started
    print(f"\n{path.name}: stopped after {took:.2f} s")
    (problem,) = failed.value.problems
    assert problem.message.startswith("Reading the workbook took longer than the 0.3 seconds")
    assert took < 3
    assert _children() == children  # the reader was ended


class Probe:
    """Built in the reader's process: what that process runs under, and ways for it to fail."""

    def limits(self, progress=None) -> tuple[int, int]:
        progress(1, 2, "probing")
        return os.nice(0), resource.getrlimit(resource.RLIMIT_AS)[0]

    def allocate(self, megabytes: int, progress=None) -> int:
        return len(bytearray(megabytes * 1024 * 1024))

    def exit(self, status: int, progress=None) -> None:
        os._exit(status)

    def fail(self, progress=None) -> None:
        raise ValueError("a bug in the reader")


@pytest.mark.parametrize(
    ("call", "raised", "message"),
    [
        (("allocate", 800), ImportFailed, "The workbook needs more than the 700 MB of memory"),
        (("exit", 7), ImportFailed, r"The workbook reader stopped unexpectedly \(exit status 7\)"),
        (("fail",), ValueError, "a bug in the reader"),
    ],
    ids=["out of memory", "died", "a bug: raised as it was"],
)
def test_a_reader_that_fails_is_reported(call, raised, message):
    reader = Reader("plan.xlsx", Limits(memory_bytes=700 * 1024 * 1024), Probe)
    try:
        assert reader.call("allocate", 10) == 10 * 1024 * 1024
        with pytest.raises(raised, match=message):
            reader.call(*call)
    finally:
        reader.close()


def test_the_reader_runs_at_low_priority_with_its_memory_limit():
    reader = Reader("probe", Limits(memory_bytes=700 * 1024 * 1024), Probe)
    calls = []
    try:
        niceness, memory = reader.call("limits", progress=lambda *a: calls.append(a))
    finally:
        reader.close()
    assert niceness == min(os.nice(0) + 10, 19)
    assert memory == 700 * 1024 * 1024
    assert calls == [(1, 2, "probing")]


class Stopped(BaseException):
    """As Streamlit's StopException: not an Exception, so nothing on the way catches it."""


def test_a_progress_callback_that_raises_ends_the_reader(tmp_path):
    """Streamlit stops a script run by raising from the next call it makes, such as a progress
    bar's: the read stops and its process goes too."""
    path = plain_canonical_workbook(tmp_path / "plan.xlsx", big_canonical_rows(1000))
    children = _children()

    def stop(done, total, stage):
        if stage == "reading":
            raise Stopped

    with pytest.raises(Stopped):
        read_plan(path, imported_on=AS_AT, progress=stop)
    assert _children() == children


# --- Nothing else changes -----------------------------------------------------------------------


def test_a_plan_reads_as_before_with_its_progress(tmp_path):
    path = plain_canonical_workbook(tmp_path / "big.xlsx", big_canonical_rows(1000))
    calls = []
    started = time.perf_counter()
    result = read_plan(path, imported_on=AS_AT, progress=lambda *a: calls.append(a))
    print(f"\n{path.name}: {result.summary()} in {time.perf_counter() - started:.2f} s")
    assert result.actions == 1000
    assert calls[:2] == [(0, 1, "opening"), (1, 1, "opening")]
    read = [(done, total) for done, total, stage in calls if stage == "reading"]
    assert [done for done, _ in read] == [200, 400, 600, 800, 1000, read[-1][1]]
    assert read[-1][0] == read[-1][1] > 1000
    assert calls[-1] == (1001, 1001, "validating")


def test_the_reader_gives_the_rows_calamine_gives_in_this_process(tmp_path):
    """Rows come back from the reader's process as they are read here: dates stay dates."""
    for path in (
        committee_workbook(tmp_path / "paper.xlsx"),
        plain_canonical_workbook(tmp_path / "plan.xlsx", big_canonical_rows(300)),
    ):
        book = reading.Book(path)
        try:
            isolated = {name: book.sheet(name).rows for name in book.sheet_names}
        finally:
            book.close()
        here = reading.WorkbookReader(path, Limits())
        assert isolated == {name: here.rows(name) for name in here.sheet_names()}, path.name
    assert any(isinstance(cell, date) for rows in isolated.values() for row in rows for cell in row)


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/workbook.xml"])
def test_a_damaged_workbook_is_still_reported_as_damaged(tmp_path, part):
    """Cut short: the sheet (read when its rows are asked for), or the list of sheets (read when
    the workbook is opened)."""
    good = plain_canonical_workbook(tmp_path / "good.xlsx", big_canonical_rows(50))
    path = tmp_path / "plan.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as target:
        assert part in source.namelist()
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, data[: len(data) // 2] if item.filename == part else data)
    with pytest.raises(ImportFailed) as failed:
        read_plan(path, imported_on=AS_AT)
    (problem,) = failed.value.problems
    assert "damaged" in problem.message
    assert "repair" in problem.fix


def _children() -> set[int]:
    """The processes this test process has started and not yet reaped."""
    tasks = Path("/proc/self/task").iterdir()
    return {int(pid) for task in tasks for pid in (task / "children").read_text().split()}
