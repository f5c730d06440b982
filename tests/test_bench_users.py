"""Many signed-in people at once, in the small: scripts/bench_users.py's quick mode on PostgreSQL,
four sessions in two processes. Every save a page said was stored is in the database, and of the
two leads who saved one action at the same moment, one was stored and the other refused with the
message. No time is checked: the figures are the benchmark's to print."""

from __future__ import annotations

import subprocess
import sys

from scripts.bench_users_session import CONFLICT_WORDS
from tests.conftest import ROOT


def test_quick_run_loses_no_save_and_refuses_the_second_of_two_at_once(postgres_server_url):
    args = ["--copies", "1", "--sessions", "4", "--workers", "2", "--rounds", "1"]
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "bench_users.py"),
            *args,
            "--pg",
            postgres_server_url,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    said = run.stdout
    assert run.returncode == 0, said + run.stderr
    assert "4 sessions (2 viewers, 2 lead officers) in 2 worker process(es)" in said
    assert "6 attempted, 5 stored, 1 refused as a conflict, 0 failed otherwise" in said
    assert "lost: 0 " in said and "stored though refused, or twice: 0" in said
    shared = next(line for line in said.splitlines() if line.startswith("Two leads opened"))
    assert shared.endswith(("lead 01 stored, lead 02 conflict", "lead 01 conflict, lead 02 stored"))
    assert f"refused with: {CONFLICT_WORDS}" in said
    assert "problems (an exception, a wrong page, no form): 0" in said
