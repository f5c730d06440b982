"""One uploaded file cannot take the server down: the limits on reading a plan.

A sheet reaching far beyond its plan (a stray value at XFD1048576, a million formatted rows) is
read as its table area, each value left out a warning; what is really too big is refused. Each
file is real, made in tmp_path (tests/limit_files.py). The files that once took gigabytes are
read here in a subprocess under a 1.5 GB address-space limit, so a regression fails the test
instead of the machine. The tests assert what bounds the work: the rows the reader lays out (as
its progress bar counts them), its peak memory, and a refusal with the right message; each
prints the peak memory of the test's process and of the reading process (run pytest with -s to
see them). How long the reads take is measured by scripts/bench_import_limits.py, never asserted
here: a busy machine is no regression.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path
from typing import IO

import pytest
from openpyxl import load_workbook

from readiness.files import isolation, reading
from readiness.files.isolation import Reader
from readiness.files.limits import MAX_CELLS, MAX_UNPACKED_BYTES, READ_MEMORY_BYTES, Limits
from readiness.files.problems import Problem
from readiness.files.table_area import GAP_ROWS, LISTED_FAR_CELLS
from readiness.files.xlsx import Workbook as CalamineBook
from readiness.plan.canonical import CANONICAL_COLUMNS
from readiness.plan.importing import ImportFailed, read_plan
from tests.import_fixtures import big_canonical_rows, committee_workbook, plain_canonical_workbook
from tests.limit_files import (
    PLAN_ACTIONS,
    plan_workbook,
    small_workbook,
    values_in_rows,
    with_dimension,
    with_sheet_xml,
)
from tests.limit_files import million_formatted_rows as write_million_formatted_rows
from tests.xlsx_fixtures import READER_FIXTURES

AS_AT = date(2026, 3, 1)
ROOT = Path(__file__).resolve().parent.parent
TEST_MEMORY_LIMIT = 1536 * 1024 * 1024

# Reads one file with read_plan under an address-space limit, sampling the peak memory (VmHWM)
# of every process it starts and counting the rows the reader lays out (the progress bar's
# total while "reading"); prints the outcome and figures as JSON.
_LIMITED_READ = r"""
import json, os, resource, sys, threading, time
from datetime import date
limit = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from readiness.plan.importing import ImportFailed, read_plan

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
rows_read = []
def progress(done, total, stage):
    if stage == "reading":
        rows_read.append(total)

plan, warnings = None, []
try:
    result = read_plan(sys.argv[1], imported_on=date(2026, 3, 1), progress=progress)
    outcome, problems = result.summary(), []
    plan, warnings = repr(result.plan.recommendations), [vars(w) for w in result.warnings]
except ImportFailed as failed:
    outcome, problems = "failed", [vars(p) for p in failed.problems]
print(json.dumps({
    "outcome": outcome,
    "problems": problems,
    "plan": plan,
    "warnings": warnings,
    "rows_read": max(rows_read, default=None),
    "own_peak_mb": peak_kb(os.getpid()) / 1024,
    "reader_peak_mb": max(peaks.values(), default=0) / 1024,
}))
"""


def read_limited(path: Path) -> dict:
    """read_plan on `path` in a subprocess limited to 1.5 GB; its outcome, problems, figures
    (rows laid out, peak memory), and the plan read (its recommendations' repr) with its
    warnings."""
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
        f"\n{path.name}: {figures['outcome']} ({figures['rows_read']} rows laid out; peak "
        f"memory: test process {figures['own_peak_mb']:.0f} MB, reader "
        f"{figures['reader_peak_mb']:.0f} MB)"
    )
    return figures


def only_problem(figures: dict) -> dict:
    assert figures["outcome"] == "failed"
    (problem,) = figures["problems"]
    return problem


def read_here(path: Path) -> tuple[str, list[dict]]:
    """The plan read from `path` in this process, and its warnings, as read_limited gives them."""
    result = read_plan(path, imported_on=AS_AT)
    return repr(result.plan.recommendations), [vars(w) for w in result.warnings]


def the_plan_without(path: Path, **build) -> tuple[str, list[dict]]:
    """The plan and warnings read from the same workbook as `path`, of the same name, with no
    far cell."""
    folder = path.parent / "without"
    folder.mkdir()
    return read_here(plan_workbook(folder / path.name, **build))


def far_warnings(figures: dict) -> list[dict]:
    return [w for w in figures["warnings"] if "far outside the plan's table" in w["message"]]


@pytest.fixture(scope="module")
def million_formatted_rows(tmp_path_factory) -> Path:
    return write_million_formatted_rows(tmp_path_factory.mktemp("rows"))


# --- A stray cell far from the plan: the table is read, the cell reported -----------------------


@pytest.mark.parametrize("far_cell", ["XFD1048576", "A1048576", "XFD1"])
def test_a_stray_value_far_from_the_plan_is_left_out_with_a_warning(tmp_path, far_cell):
    path = plan_workbook(tmp_path / "plan.xlsx", {far_cell: "Checked by JS"})
    figures = read_limited(path)
    assert figures["outcome"] != "failed", figures["problems"]
    plan, warnings = the_plan_without(path)
    assert figures["plan"] == plan
    (warning,) = far_warnings(figures)
    assert [w for w in figures["warnings"] if w != warning] == warnings
    column, row = re.fullmatch(r"([A-Z]+)([0-9]+)", far_cell).groups()
    table = f"A1:{chr(ord('A') + len(CANONICAL_COLUMNS) - 1)}{PLAN_ACTIONS + 1}"
    assert str(Problem(**warning)) == (
        f'plan.xlsx, sheet "Plan", row {row}, column "{column}": "Checked by JS" is in cell '
        f"{far_cell}, far outside the plan's table ({table}), so it was left out of the import. "
        "Fix: delete it, or move it into the table if it belongs to the plan."
    )
    # The progress bar counts the plan's rows, not the sheet's million.
    assert figures["rows_read"] == PLAN_ACTIONS + 1
    assert figures["reader_peak_mb"] < 300


@pytest.mark.parametrize("value", [42, True, "=1+1"], ids=["number", "boolean", "formula"])
def test_a_far_value_is_named_as_the_sheet_shows_it(tmp_path, value):
    path = plan_workbook(tmp_path / "plan.xlsx", {"XFD1048576": value})
    result = read_plan(path, imported_on=AS_AT)
    said = [w for w in result.warnings if w.row == 1_048_576]
    if value == "=1+1":  # openpyxl saves no result for a formula: the cell holds nothing yet
        assert said == []
    else:
        assert [w.value for w in said] == [{42: "42", True: "TRUE"}[value]]


def test_a_merge_reaching_far_from_the_plan_is_cut_to_the_table(tmp_path):
    """The last heading merged across to column XFD: its value is not spread to 16,000 columns."""
    last = chr(ord("A") + len(CANONICAL_COLUMNS) - 1)
    path = plan_workbook(tmp_path / "plan.xlsx", {"XFD1048576": "x"})
    book = load_workbook(path)
    book["Plan"].merge_cells(f"{last}1:XFD1")
    book.save(path)
    result = read_plan(path, imported_on=AS_AT)
    assert repr(result.plan.recommendations) == the_plan_without(path)[0]
    assert [w.value for w in result.warnings if w.column == "XFD"] == ["x"]


def test_a_stray_formatted_empty_cell_is_passed_over_without_a_word(tmp_path):
    path = plan_workbook(tmp_path / "plan.xlsx", {"XFD1048576": None})
    assert path.stat().st_size < 20_000
    figures = read_limited(path)
    assert (figures["plan"], figures["warnings"]) == the_plan_without(path)
    assert figures["rows_read"] == PLAN_ACTIONS + 1
    assert figures["own_peak_mb"] < 200


def test_many_far_values_are_named_up_to_a_limit_then_counted(tmp_path):
    far = {f"XFD{row}": f"note {row}" for row in range(1, 31)}
    path = plan_workbook(tmp_path / "plan.xlsx", far)
    result = read_plan(path, imported_on=AS_AT)
    said = [w for w in result.warnings if w.column == "XFD"]
    assert [w.value for w in said[:LISTED_FAR_CELLS]] == [
        f"note {row}" for row in range(1, LISTED_FAR_CELLS + 1)
    ]
    rest = said[LISTED_FAR_CELLS:]
    assert [(w.row, w.value) for w in rest] == [(30, None)]
    assert rest[0].message.startswith(
        f"{30 - LISTED_FAR_CELLS} more cells holding values lie far outside the plan's table"
    )
    assert "the last of them in cell XFD30" in rest[0].message
    assert repr(result.plan.recommendations) == the_plan_without(path)[0]


def test_a_million_formatted_empty_rows_are_read_as_the_plan_alone(million_formatted_rows):
    """Read without a word, as the plan's 4 rows (heading and 3 actions), in bounded memory: the
    reader's own time limit is the only clock (the time taken: scripts/bench_import_limits.py)."""
    assert million_formatted_rows.stat().st_size < 20 * 1024 * 1024  # under the file-size limit
    figures = read_limited(million_formatted_rows)
    assert figures["outcome"] != "failed", figures["problems"]  # e.g. out of time on a busy machine
    assert (figures["plan"], figures["warnings"]) == the_plan_without(
        million_formatted_rows, actions=3
    )
    assert figures["rows_read"] == 4
    assert figures["own_peak_mb"] < 200
    assert figures["reader_peak_mb"] < 500


# --- What is still refused: a table over the limit, and the unpacked size ------------------------


def test_a_sheet_whose_table_is_over_the_limit_is_still_refused(tmp_path):
    """A value every GAP_ROWS rows down to the last row: no gap wide enough to end the table."""
    rows = range(PLAN_ACTIONS + 2, 1_048_577, GAP_ROWS)
    plan = plan_workbook(tmp_path / "source.xlsx", {"XFD1048576": None})
    path = with_sheet_xml(plan, tmp_path / "plan.xlsx", values_in_rows(rows))
    figures = read_limited(path)
    problem = only_problem(figures)
    columns = len(CANONICAL_COLUMNS)
    assert problem["value"] == f"A1:{chr(ord('A') + columns - 1)}{rows[-1]}"
    assert f"{rows[-1]:,} rows × {columns} columns" in problem["message"]
    assert f"over the import limit of {MAX_CELLS:,} cells" in problem["message"]
    assert "Delete the empty formatted rows below the plan" in problem["fix"]


def test_a_sheet_holding_more_values_than_the_limit_is_refused_before_it_is_laid_out(tmp_path):
    path = plan_workbook(tmp_path / "plan.xlsx", {"XFD1048576": None})
    with pytest.raises(ImportFailed) as failed:
        reading.WorkbookReader(path, Limits(cells=1000)).rows("Plan")
    (problem,) = failed.value.problems
    columns = len(CANONICAL_COLUMNS)
    assert f"{PLAN_ACTIONS + 1} rows × {columns} columns" in problem.message
    assert "over the import limit of 1,000 cells" in problem.message


def test_the_table_area_is_read_as_the_whole_sheet_when_nothing_lies_far(tmp_path):
    """Every kind of workbook the reader is checked on reads the same either way."""
    for label, build in READER_FIXTURES.items():
        book = CalamineBook(build(tmp_path))
        try:
            for name in book.sheet_names:
                rows, area = book.read_table(name, MAX_CELLS)
                assert rows == book.rows(name, max_cells=MAX_CELLS), (label, name)
                assert area.far_count == 0
        finally:
            book.close()


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
    with pytest.raises(ImportFailed) as failed:
        read_plan(path, imported_on=AS_AT)
    (problem,) = failed.value.problems
    # Counted in the file's bytes: a parsed file would be refused for its rows, not "up to".
    assert "up to 3,000,003 cells and rows" in problem.message


# --- A false or missing extent: found by scanning, else the reader's own limits ------------------


def test_a_far_value_in_a_sheet_that_declares_no_extent_is_found(tmp_path):
    source = plan_workbook(tmp_path / "source.xlsx", {"XFD1048576": "x"})
    path = with_sheet_xml(source, tmp_path / "plan.xlsx", with_dimension(None))
    figures = read_limited(path)
    assert figures["plan"] == the_plan_without(path)[0]
    assert [(w["row"], w["column"], w["value"]) for w in far_warnings(figures)] == [
        (1_048_576, "XFD", "x")
    ]


def test_a_sheet_bigger_than_declared_is_read_as_its_table(tmp_path):
    """calamine's grid (100,000 × 26) fits in memory but is over the limit: the table is found."""
    source = plan_workbook(tmp_path / "source.xlsx", {"Z100000": "x"})
    path = with_sheet_xml(source, tmp_path / "plan.xlsx", with_dimension("A1:C3"))
    figures = read_limited(path)
    assert figures["plan"] == the_plan_without(path)[0]
    assert [w["value"] for w in far_warnings(figures)] == ["x"]
    assert figures["reader_peak_mb"] < 400


def test_a_far_cell_behind_a_false_dimension_is_stopped_by_the_memory_limit(tmp_path):
    """A sheet that declares A1:C3 is read as it is; calamine's grid to XFD1048576 cannot be
    laid out, and the reader's memory limit stops it (Excel writes a true extent)."""
    source = small_workbook(tmp_path / "source.xlsx", "XFD1048576", "x")
    path = with_sheet_xml(source, tmp_path / "plan.xlsx", with_dimension("A1:C3"))
    figures = read_limited(path)
    problem = only_problem(figures)
    assert problem["message"].startswith(
        f"The workbook needs more than the {READ_MEMORY_BYTES // 2**20:,} MB of memory"
    )
    assert "Delete the empty formatted rows below the plan" in problem["fix"]
    assert figures["own_peak_mb"] < 200


def test_a_slow_read_is_stopped_at_the_time_limit(tmp_path, million_formatted_rows):
    path = with_sheet_xml(million_formatted_rows, tmp_path / "plan.xlsx", with_dimension("A1:C3"))
    children = _children()
    with pytest.raises(ImportFailed) as failed:
        book = reading.Book(path, limits=Limits(seconds=0.3))
        try:
            book.sheet("Plan")
        finally:
            book.close()
    (problem,) = failed.value.problems
    assert problem.message.startswith("Reading the workbook took longer than the 0.3 seconds")
    assert _children() == children  # the reader was ended


class Probe:
    """Built in the reader's process: what that process runs under, and ways for it to fail."""

    def limits(self, progress=None) -> tuple[int, int]:
        progress(1, 2, "probing")
        return os.nice(0), resource.getrlimit(resource.RLIMIT_AS)[0]

    def allocate(self, megabytes: int, progress=None) -> int:
        return len(bytearray(megabytes * 1024 * 1024))

    def pid(self, progress=None) -> int:
        return os.getpid()

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


def _pids(progress) -> tuple[int, int]:
    """In a reader's process: its id, and the id of the process a Reader made there runs in."""
    inner = Reader("own.xlsx", Limits(), Probe)
    try:
        return os.getpid(), inner.call("pid")
    finally:
        inner.close()


def test_a_reader_made_in_a_reader_s_process_runs_there():
    """A KPI load reads the council's own workbooks within its own reader: one limited process,
    not a second inside it, whose memory would add to the first's."""
    outer, inner = isolation.read_limited("kpis.csv", Limits(), _pids)
    assert inner == outer != os.getpid()


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
    result = read_plan(path, imported_on=AS_AT, progress=lambda *a: calls.append(a))
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
        assert isolated == {name: here.rows(name)[0] for name in here.sheet_names()}, path.name
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
