"""How long a warm rerun of each page takes, next to an empty Streamlit page.

    python scripts/bench.py [--runs N]

Fills a temporary SQLite database with the demo council, then for each page runs the app once
with Streamlit's AppTest to warm the caches and times N further reruns (median). The same is
done for a script holding only `st.write("empty")`, so the figures read as a multiple of what
Streamlit itself costs on this machine. It prints figures only; it never fails on a time.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import streamlit
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import serve  # noqa: E402 (scripts/serve.py, next to this file)

from readiness.db import make_engine  # noqa: E402
from readiness.plan_data import load_plan_data  # noqa: E402
from readiness.settings import DATABASE_ENV  # noqa: E402

AS_AT = date(2026, 11, 22)
EMPTY_SCRIPT = 'import streamlit as st\n\nst.write("empty")\n'

# (row label, page file to switch to or None for the default page, query params, heading)
PAGES = [
    ("Overview", None, {}, "Overview"),
    ("Improvement plan", "views/plan.py", {}, "Improvement plan"),
    ("My actions", "views/my_actions.py", {}, "My actions"),
    ("My actions (lead chosen)", "views/my_actions.py", {"lead": "Rebecca Hollis"}, "My actions"),
]


def warm_median_ms(
    script: Path, runs: int, page: str | None = None, params: dict | None = None
) -> tuple[float, list[str], AppTest]:
    """Median ms of `runs` warm reruns of `script` (on `page`), problems seen, the AppTest."""
    at = AppTest.from_file(str(script), default_timeout=60)
    at.query_params["as_at"] = AS_AT.isoformat()
    at.query_params.update(params or {})
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    problems = [f"exception: {e.message}" for e in at.exception]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
    problems += [f"exception: {e.message}" for e in at.exception]
    return statistics.median(times) * 1000, problems, at


def quiet_streamlit_logs() -> None:
    """AppTest outside `streamlit run` warns 'missing ScriptRunContext' each run: harmless."""
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        lambda record: "missing ScriptRunContext" not in record.getMessage()
    )


def count_actions(database_url: str) -> int:
    engine = make_engine(database_url)
    try:
        plan = load_plan_data(engine)
        return len(plan.actions) if plan else 0
    finally:
        engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="timed warm reruns per page")
    args = parser.parse_args(argv)
    runs = max(1, args.runs)
    quiet_streamlit_logs()

    with tempfile.TemporaryDirectory(prefix="readiness_bench_") as folder:
        database_url = serve.demo_database(Path(folder), AS_AT)
        os.environ[DATABASE_ENV] = database_url
        empty = Path(folder) / "empty.py"
        empty.write_text(EMPTY_SCRIPT, encoding="utf-8")

        print(
            f"Demo plan: {count_actions(database_url)} actions, as at {AS_AT.day} {AS_AT:%b %Y}. "
            f"Median of {runs} warm reruns per page (AppTest, Streamlit {streamlit.__version__})."
        )
        empty_ms, _, _ = warm_median_ms(empty, runs)
        rows = [("Empty page", empty_ms, [])]
        for label, page, params, heading in PAGES:
            ms, problems, at = warm_median_ms(ROOT / "app.py", runs, page, params)
            # Check the run showed what it should, so a figure never times the wrong page.
            if heading not in [t.value for t in at.title]:
                problems.append(f"expected heading {heading!r}, saw {[t.value for t in at.title]}")
            shown = f"{AS_AT.day} {AS_AT:%b %Y}"
            if not any(f"as at **{shown}**" in c.value for c in at.caption):
                problems.append(f"no caption says 'as at {shown}': as_at was not applied")
            lead = params.get("lead")
            if lead and not any(lead in s.value for s in at.subheader):
                problems.append(f"no subheader names {lead!r}: the lead filter was not applied")
            rows.append((label, ms, problems))

    width = max(len(label) for label, _, _ in rows)
    for label, ms, problems in rows:
        print(f"{label:<{width}}  {ms:8.1f} ms  {ms / empty_ms:6.1f}x empty")
        for problem in problems:
            print(f"{'':<{width}}  ! {problem}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
