"""Timing a page as the benchmarks do, shared by scripts/bench.py and scripts/bench_kpis.py:
the median process CPU time of warm AppTest reruns, each after a rerun of an empty page, and
their ratio; and the tables that print the figures."""

from __future__ import annotations

import gc
import logging
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import streamlit
from streamlit.testing.v1 import AppTest

AS_AT = date(2026, 11, 22)


EMPTY_SCRIPT = 'import streamlit as st\n\nst.write("empty")\n'


MAX_SECONDS = 60.0  # CPU budget for one page's timed reruns; see paired_cpu_ms


MIN_RUNS = 3


@dataclass(frozen=True)
class PageCase:
    label: str
    page: str | None  # page file to switch to; None for the default page
    heading: str
    lead: bool = False
    as_at_caption: bool = True  # the page says "as at <date>" under its title


def quiet_streamlit_logs() -> None:
    """Outside `streamlit run`, AppTest warns 'missing ScriptRunContext' on each run and the
    cache 'No runtime found' once: both harmless here."""
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        lambda record: "missing ScriptRunContext" not in record.getMessage()
    )
    logging.getLogger("streamlit.runtime.caching.cache_data_api").addFilter(
        lambda record: "No runtime found" not in record.getMessage()
    )


def app_test(script: Path, page: str | None = None, params: dict | None = None) -> AppTest:
    """An AppTest of `script` as at AS_AT, with `params`, switched to `page` (not yet run there)."""
    at = AppTest.from_file(str(script), default_timeout=900)
    at.query_params["as_at"] = AS_AT.isoformat()
    at.query_params.update(params or {})
    if page:
        at.run()  # AppTest switches page only after a first run
        at.switch_page(page)
    return at


@dataclass(frozen=True)
class Paired:
    """A page timed run by run in turn with the empty page (paired_cpu_ms)."""

    ms: float  # the page's median CPU ms
    empty_ms: float  # the empty page's median CPU ms over the same stretch of time
    ratio: float  # the median of the page's run / the empty run just before it
    runs: int  # how many pairs were timed
    at: AppTest


def warm_empty(script: Path) -> AppTest:
    """The empty page's AppTest, run once, for paired_cpu_ms."""
    at = app_test(script)
    at.run()
    return at


def paired_cpu_ms(
    empty: AppTest,
    script: Path,
    runs: int,
    page: str | None = None,
    params: dict | None = None,
    setup: Callable[[AppTest], object] | None = None,
) -> Paired:
    """Median CPU ms of up to `runs` warm reruns of `script` (switched to `page`, then `setup`
    done on it: a widget set, as a user would), each following a rerun of the `empty` page: a
    busy machine slows both alike, so their ratio moves less than either time (the page alone
    moved 18-40 ms from run to run at 100x on this 2-core machine). A page whose warm run costs
    more than MAX_SECONDS / runs is timed MIN_RUNS times, so the 100x run finishes within the
    hour."""
    at = app_test(script, page, params)
    if setup:
        at.run()
        setup(at)
    start = time.process_time()
    at.run()
    warm_seconds = time.process_time() - start
    runs = min(runs, max(MIN_RUNS, int(MAX_SECONDS / max(warm_seconds, 1e-3))))
    pages, empties = [], []
    for _ in range(runs):
        for timed, times in ((empty, empties), (at, pages)):
            start = time.process_time()
            timed.run()
            times.append((time.process_time() - start) * 1000)
    ratios = [p / e for p, e in zip(pages, empties, strict=True)]
    return Paired(
        statistics.median(pages), statistics.median(empties), statistics.median(ratios), runs, at
    )


def check_page(case: PageCase, at: AppTest, lead: str) -> list[str]:
    """What is wrong with the page shown, so a figure never times the wrong page."""
    problems = [f"exception: {e.message}" for e in at.exception]
    headings = [t.value for t in at.title]
    if case.heading not in headings:
        problems.append(f"expected heading {case.heading!r}, saw {headings}")
    shown = f"{AS_AT.day} {AS_AT:%b %Y}"
    if case.as_at_caption and not any(f"as at **{shown}**" in c.value for c in at.caption):
        problems.append(f"no caption says 'as at {shown}': as_at was not applied")
    if case.lead and not any(lead in s.value for s in at.subheader):
        problems.append(f"no subheader names {lead!r}: the lead filter was not applied")
    return [f"{case.label}: {p}" for p in problems]


def forget_caches() -> None:
    """Drop every cached engine, plan and status, so the next database is read afresh."""
    streamlit.cache_data.clear()
    streamlit.cache_resource.clear()
    gc.collect()


def aligned_table(title: str, heads: list[str], rows: list[tuple[str, list[str]]]) -> list[str]:
    """`title`, a line of `heads`, then each row's label and its cells right-aligned under them."""
    width = max(len(label) for label, _ in rows)
    cols = [max(len(h), *(len(cells[i]) for _, cells in rows)) for i, h in enumerate(heads)]
    lines = [
        title,
        f"{'':<{width}}  " + "  ".join(h.rjust(c) for h, c in zip(heads, cols, strict=True)),
    ]
    lines += [
        f"{label:<{width}}  "
        + "  ".join(cell.rjust(c) for cell, c in zip(cells, cols, strict=True))
        for label, cells in rows
    ]
    return lines


def progress(message: str) -> None:
    """A line on stderr, so a long run shows it is alive without mixing into the figures."""
    print(message, file=sys.stderr, flush=True)
