"""The Improvement plan page as a board uses it: closed, with "Expand all" on, and with only the
Red actions shown, at each plan size, timed as scripts/bench.py times every page.

    .venv/bin/python scripts/bench_plan_page.py [--runs 5] [--sizes 1,100] [--pg URL]

Each case is the median process CPU time of warm AppTest reruns, beside a page holding only
`st.write("empty")` timed the same way at the same size (scripts/page_timing.py), on the demo plan
replicated N times (scripts/scaled_plan.py) in a new SQLite database, and in a scratch
PostgreSQL database with --pg. Every figure is checked against what the page shows: its heading
and as-at caption, and for the two open cases a table of actions per theme (all Red for Red
only), so a figure never times a page that drew less. Figures only: no time is judged.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "scripts"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from page_timing import (  # noqa: E402
    AS_AT,
    EMPTY_SCRIPT,
    PageCase,
    aligned_table,
    check_page,
    forget_caches,
    paired_cpu_ms,
    progress,
    quiet_streamlit_logs,
    warm_empty,
)
from scaled_plan import count_actions, scaled_plan, scratch_database, store_plan  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from readiness.settings import DATABASE_ENV  # noqa: E402

PLAN_PAGE = "views/plan.py"


@dataclass(frozen=True)
class PlanCase:
    """One way of looking at the plan page: `params` in its link, "Expand all" on or off."""

    label: str
    params: dict[str, str] = field(default_factory=dict)
    expand: bool = False

    @property
    def page(self) -> PageCase:
        return PageCase(self.label, PLAN_PAGE, "Improvement plan")


CASES = (
    PlanCase("Improvement plan"),
    PlanCase("Improvement plan, Expand all", expand=True),
    PlanCase("Improvement plan, Red only", {"colour": "red"}),
)


def _expand_all(at: AppTest) -> None:
    at.toggle(key="plan_expand").set_value(True).run()


def statuses_shown(at: AppTest) -> list[str]:
    """The Status cell of every action row in the page's tables ("✖ Red", …)."""
    bodies = [h.proto.body for h in at.get("html") if "plan-table" in h.proto.body]
    return [
        word
        for body in bodies
        for word in re.findall(r'<td class="rag p1"><span[^>]*>([^<]*)</span>', body)
    ]


def check_case(case: PlanCase, at: AppTest) -> list[str]:
    """What is wrong with the page shown (check_page), and whether the actions were drawn."""
    problems = check_page(case.page, at, "")
    shown = statuses_shown(at)
    if (case.expand or case.params) and not shown:
        problems.append(f"{case.label}: no action was drawn")
    if case.params and set(shown) != {"✖ Red"}:
        problems.append(f"{case.label}: shows {sorted(set(shown))}, not only Red")
    return problems


@dataclass
class SizeFigures:
    copies: int
    actions: int
    empty_ms: float = 0.0
    case_ms: dict[str, float] = field(default_factory=dict)
    ratio: dict[str, float] = field(default_factory=dict)  # each run against an empty one
    notes: list[str] = field(default_factory=list)


def time_size(kind: str, server: str | None, copies: int, runs: int, folder: Path):
    """Every case at one plan size in a new database of `kind`."""
    plan = scaled_plan(AS_AT, copies)
    figures = SizeFigures(copies, count_actions(plan)[0])
    empty = folder / "empty.py"
    empty.write_text(EMPTY_SCRIPT, encoding="utf-8")
    with scratch_database(kind, folder, server) as url:
        progress(f"{kind} {copies}x: storing {figures.actions:,} actions…")
        store_plan(url, plan, AS_AT)
        del plan
        os.environ[DATABASE_ENV] = url
        blank, empties = warm_empty(empty), []
        for case in CASES:
            expand = _expand_all if case.expand else None
            timing = paired_cpu_ms(blank, ROOT / "app.py", runs, PLAN_PAGE, case.params, expand)
            figures.case_ms[case.label], figures.ratio[case.label] = timing.ms, timing.ratio
            empties.append(timing.empty_ms)
            if timing.runs < runs:
                figures.notes.append(f"{case.label}: median of {timing.runs} runs")
            figures.notes += [f"! {p}" for p in check_case(case, timing.at)]
            progress(f"  {case.label}: {timing.ms:.0f} ms ({timing.ratio:.0f}x)")
        figures.empty_ms = statistics.median(empties)
        forget_caches()  # before the next size, and before a DROP
    return figures


def format_table(title: str, sizes: list[SizeFigures]) -> str:
    """Rows = cases, columns = sizes, each cell "ms (ratio x)"."""
    heads = [f"{s.copies}x ({s.actions:,} actions)" for s in sizes]
    rows = [("Empty page", [f"{s.empty_ms:.1f} ms" for s in sizes])]
    for case in CASES:
        cells = [f"{s.case_ms[case.label]:.0f} ms ({s.ratio[case.label]:.0f}x)" for s in sizes]
        rows.append((case.label, cells))
    lines = aligned_table(title, heads, rows)
    lines += [f"  {s.copies}x {note}" for s in sizes for note in s.notes]
    return "\n".join(lines)


def plan_page_figures(runs: int, sizes: list[int], server: str | None = None) -> str:
    """The tables, SQLite then (with `server`) PostgreSQL, for bench.py to print."""
    databases = [("SQLite", "sqlite", None)]
    if server:
        databases.append(("PostgreSQL", "postgresql", server))
    tables = []
    with tempfile.TemporaryDirectory(prefix="readiness_bench_") as folder:
        for title, kind, url in databases:
            figures = [time_size(kind, url, c, runs, Path(folder)) for c in sizes]
            tables.append(format_table(f"Improvement plan page, {title}", figures))
    return "\n\n".join(tables)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed warm reruns per case")
    parser.add_argument("--sizes", default="1,100", help="plan sizes, as copies of the demo")
    parser.add_argument("--pg", default=None, help="PostgreSQL server URL (TEST_DATABASE_URL)")
    args = parser.parse_args(argv)
    quiet_streamlit_logs()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    print(plan_page_figures(max(1, args.runs), sizes, args.pg), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
