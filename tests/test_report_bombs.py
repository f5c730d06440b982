"""Report PDFs built to cost whoever reads them are refused, read in a limited process: the
server's (this test process's) memory stays where it was, and the message says what was found
and what to do. The bombs are written at run time by tests.pdf_bombs; nothing is stored when a
report is refused (tests/test_report_import.py). How long each takes, and the reading process's
peak memory, are measured by scripts/bench_report_bombs.py, not asserted here.
"""

from __future__ import annotations

import os

import pytest

from readiness.files.limits import Limits
from readiness.inspection.report_limits import MAX_POINT_CHARS, MAX_POINTS
from readiness.inspection.report_pdf import ReportUnreadable, read_report
from tests import pdf_bombs

# The bound on what one upload may leave behind in the server.
SERVER_GROWTH_MB = 50

# What each bomb is refused for, as the message says it.
REFUSED_FOR = {
    "nested drawings (40 deep, 2^40 draws)": "reuses drawings nested too deep to read",
    "deep content (200,000 nested arrays)": "has no text to read",
    "huge content (60 MB of instructions)": "holds 60.0 MB of drawing instructions",
    "flate bomb (1,000 MB of zeros)": "holds a compressed stream that unpacks to more than",
    "page tree (100,000 pages)": "has 100,000 pages, over the 100 a report may have",
    "page tree (100,000 pages, /Count 1)": "has more than 100 pages, over the 100",
    "object streams (100,000 pages)": "has 100,000 pages, over the 100 a report may have",
    "5,000 points": "lists more than 30 points under “What needs to improve?”",
    "a point of 1,000,000 characters": "has a point under “What needs to improve?” (point 1, "
    "on page 2, beginning “The quality of practice",
}


def server_mb() -> float:
    """This process's resident memory now, in MB."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def test_every_bomb_has_its_reason():
    assert set(REFUSED_FOR) == set(pdf_bombs.BOMBS)


@pytest.mark.parametrize("bomb", pdf_bombs.BOMBS)
def test_bomb_is_refused_without_growing_the_server(bomb):
    data = pdf_bombs.BOMBS[bomb]()
    before = server_mb()
    with pytest.raises(ReportUnreadable) as refused:
        read_report(data, "upload.pdf")
    grown = server_mb() - before
    message = str(refused.value)
    assert message.startswith("upload.pdf "), message
    assert REFUSED_FOR[bomb] in message, message
    assert "reports.ofsted.gov.uk" in message  # what to do
    assert grown < SERVER_GROWTH_MB


def _points_report(lengths: list[int]) -> bytes:
    """A report with a point of each length in `lengths`, its cross-reference not counted."""
    body = "The quality of plans for children. " * (max(lengths) // 35 + 1)
    return pdf_bombs._report_with_points(
        [f"• {body[: length - 1]}. (outcome 1, national framework)" for length in lengths], 40
    )


def test_a_report_at_the_limits_is_read():
    reading = read_report(_points_report([MAX_POINT_CHARS] * MAX_POINTS), "long.pdf")
    assert [len(point.text) for point in reading.improve] == [MAX_POINT_CHARS] * MAX_POINTS


@pytest.mark.parametrize(
    ("lengths", "message"),
    [
        ([60] * (MAX_POINTS + 1), "lists more than 30 points"),
        # The third point is the long one: it is named, with its page and first words.
        (
            [60, 60, MAX_POINT_CHARS + 1, 60],
            "has a point under “What needs to improve?” (point 3, on page 2, beginning “The "
            "quality of plans",
        ),
    ],
)
def test_a_report_over_the_limits_is_refused(lengths, message):
    with pytest.raises(ReportUnreadable) as refused:
        read_report(_points_report(lengths), "over.pdf")
    assert str(refused.value).startswith(f"over.pdf {message}")


@pytest.mark.parametrize(
    ("limits", "message"),
    [
        # Too little memory to unpack 60 MB: the reading process ends, the server does not.
        (Limits(memory_bytes=48 * 2**20), "needed more than the 48 MB a report may use"),
        # Too little time for a process to start, let alone read.
        (Limits(seconds=0.001), "took longer than the 0.001 seconds a report may take"),
    ],
)
def test_a_reader_stopped_at_its_limits_says_so_in_a_reports_words(limits, message):
    with pytest.raises(ReportUnreadable, match=message) as stopped:
        read_report(pdf_bombs.huge_content(), "t.pdf", limits=limits)
    assert "workbook" not in str(stopped.value) and "Excel" not in str(stopped.value)
