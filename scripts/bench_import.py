"""Time the importer on big canonical workbooks: 10,000 good actions, and 10,000 rows with 1% bad.

    .venv/bin/python scripts/bench_import.py [--actions 10000]

Prints the seconds `read_plan` takes on each (building the workbooks is not timed), then the
whole import of the good one: read and store as a new plan in an empty SQLite file (and in an
empty PostgreSQL database when TEST_DATABASE_URL is set), and re-importing the same file.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from readiness.db import make_engine, upgrade  # noqa: E402
from readiness.importing import ImportFailed, read_plan  # noqa: E402
from readiness.plan_sync import apply_import, preview_import  # noqa: E402
from tests.import_fixtures import big_canonical_rows, plain_canonical_workbook  # noqa: E402

AS_AT = date(2026, 3, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--actions", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        good = plain_canonical_workbook(
            Path(folder) / "good.xlsx", big_canonical_rows(args.actions)
        )
        bad = plain_canonical_workbook(
            Path(folder) / "bad.xlsx", big_canonical_rows(args.actions, bad_every=100)
        )

        started = time.perf_counter()
        result = read_plan(good, as_at=AS_AT)
        good_seconds = time.perf_counter() - started
        print(
            f"read_plan, {result.actions} actions ({good.stat().st_size / 1e6:.1f} MB): "
            f"{good_seconds:.2f} s"
        )

        started = time.perf_counter()
        try:
            read_plan(bad, as_at=AS_AT)
            problems = 0
        except ImportFailed as failed:
            problems = len(failed.problems)
        bad_seconds = time.perf_counter() - started
        print(
            f"read_plan to ImportFailed, {args.actions} rows, {problems} problems: "
            f"{bad_seconds:.2f} s"
        )
        time_whole_import(good, f"sqlite:///{Path(folder) / 'bench.db'}", "SQLite")
        server = os.environ.get("TEST_DATABASE_URL")
        if server:
            with empty_postgres(server) as url:
                time_whole_import(good, url, "PostgreSQL")


def time_whole_import(path: Path, url: str, label: str) -> None:
    """Read + store as a new plan; then read + preview + apply the same file again (no change)."""
    engine = make_engine(url)
    upgrade(engine)
    started = time.perf_counter()
    apply_import(engine, read_plan(path, as_at=AS_AT).plan, AS_AT)
    stored = time.perf_counter() - started
    started = time.perf_counter()
    again = read_plan(path, as_at=AS_AT).plan
    preview = preview_import(engine, again)
    apply_import(engine, again, AS_AT, expected=preview)
    reimported = time.perf_counter() - started
    print(f"whole import into an empty {label} database (read + store): {stored:.2f} s")
    print(f"re-import of the same file into {label} ({preview.summary()}): {reimported:.2f} s")
    engine.dispose()


class empty_postgres:
    """A throwaway PostgreSQL database on the server at `server_url`."""

    def __init__(self, server_url: str) -> None:
        self.admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
        self.name = f"readiness_bench_{uuid.uuid4().hex[:10]}"
        self.url = make_url(server_url).set(database=self.name).render_as_string(False)

    def __enter__(self) -> str:
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{self.name}"'))
        return self.url

    def __exit__(self, *_) -> None:
        with self.admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
        self.admin.dispose()


if __name__ == "__main__":
    main()
