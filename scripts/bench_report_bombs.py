"""The bomb corpus against the report reader: for each PDF of tests/pdf_bombs, its size, how long
until it was refused, the reading process's peak memory and how much this process (the server)
grew; then the largest real report, read. With --measure, the real reports' figures that
report_limits' limits were set from.

    .venv/bin/python scripts/bench_report_bombs.py [--measure]

Refused after: wall seconds of `read_report` (`time.perf_counter()`), starting the reading
process included. Peak reader memory: the highest VmHWM of the reading process, sampled every
10 ms. Server change: this process's resident memory after the read less
before (/proc/self/statm).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pypdf import PdfReader  # noqa: E402

from readiness.inspection.report_pdf import ReportUnreadable, read_report  # noqa: E402
from tests.pdf_bombs import BOMBS  # noqa: E402

REPORTS = ROOT.parent / "shared" / "data" / "ofsted" / "reports"
MB = 2**20


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / MB


def _children() -> list[int]:
    with open(f"/proc/{os.getpid()}/task/{os.getpid()}/children") as kids:
        return [int(kid) for kid in kids.read().split()]


def _peak_mb(pid: int) -> float:
    """The reading process's peak, once it runs the reader: between fork and exec its VmHWM is
    this process's."""
    with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
        if b"readiness.files.isolation" not in cmdline.read():
            return 0.0
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024


def refuse(data: bytes) -> tuple[float, float, float, str]:
    """(seconds, reader's peak MB, server's change in MB, outcome) of reading `data`."""
    peaks: dict[int, float] = {}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            for pid in _children():
                with contextlib.suppress(OSError, StopIteration):  # it ended while read
                    peaks[pid] = max(peaks.get(pid, 0.0), _peak_mb(pid))
            time.sleep(0.01)

    sampler = threading.Thread(target=sample)
    before = _rss_mb()
    sampler.start()
    started = time.perf_counter()
    try:
        read_report(data, "bomb.pdf")
        outcome = "READ"
    except ReportUnreadable as refused:
        outcome = str(refused).split(". ")[0].removeprefix("bomb.pdf ")
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    return seconds, max(peaks.values(), default=0.0), _rss_mb() - before, outcome


def measure() -> None:
    """Each real report's size, pages and largest page of drawing instructions."""
    for path in sorted(REPORTS.glob("*.pdf")):
        reader = PdfReader(path)
        content = max(len(page.get_contents().get_data()) for page in reader.pages)
        reading = read_report(path, path.name)
        longest = max(len(point.text) for point in reading.improve)
        print(
            f"{path.name:<45} {path.stat().st_size / 1024:6.0f} KB {len(reader.pages):3} pages "
            f"{content / 1024:4.0f} KB a page at most {len(reading.improve):2} points "
            f"of up to {longest} characters"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measure", action="store_true", help="the real reports' figures")
    if parser.parse_args(argv).measure:
        measure()
        return 0
    print(
        f"{'File':<40} {'Size':>8} {'Refused after':>14} {'Reader peak':>12} "
        f"{'Server change':>14}  Refused for"
    )
    # For comparison, the largest of the real reports, read as it should be.
    real = max(REPORTS.glob("*.pdf"), key=lambda path: path.stat().st_size, default=None)
    corpus = {**BOMBS, **({f"real: {real.name[:34]}": real.read_bytes} if real else {})}
    for name, make in corpus.items():
        data = make()
        seconds, peak, change, outcome = refuse(data)
        print(
            f"{name:<40} {len(data) / 1024:6.0f} KB {seconds:12.1f} s {peak:9.0f} MB "
            f"{change:+11.1f} MB  {outcome[:90]}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
