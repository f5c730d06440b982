"""A server's first page imports only what it shows: the write paths stay out of the start; and
the plan read, which pauses Python's cycle collector, leaves it as it was.

The Overview is run once in a process of its own (an import, once made, stays for the process's
life, so another test's imports would hide one), and the modules it loaded are listed.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys

import pytest

from readiness.settings import Settings
from readiness.store import Store
from tests.conftest import AS_AT, ROOT

# Imported by readiness.store in the methods that write, load the demo or read the Data page's
# mappings: a cold start pays for none of them (the report import pulls in the PDF reader). Nor
# for Altair, which only board mode and the Inspection page's charts use, nor the Word reader,
# which a KPI module once pulled in for a type, nor Alembic, which only a database behind the
# newest migration needs.
DEFERRED = (
    "altair",
    "docx",
    "readiness.inspection.report_import",
    "readiness.inspection.report_pdf",
    "readiness.plan.sync.apply",
    "readiness.plan.importing",
    "readiness.plan.progress",
    "readiness.plan.impact",
    "readiness.demo.prepare",
    "pypdf",
    "alembic",
)

_FIRST_PAGE = f"""
import json, sys
from streamlit.testing.v1 import AppTest
at = AppTest.from_file({str(ROOT / "app.py")!r}, default_timeout=120)
at.query_params["as_at"] = {AS_AT.isoformat()!r}
at.run()
assert not at.exception, at.exception
shown = [h.value for h in at.subheader]
print(json.dumps({{"modules": sorted(sys.modules), "overview": "Judgement areas" in shown}}))
"""


def test_the_first_overview_imports_no_write_path(demo_url):
    env = os.environ | {"READINESS_DATABASE_URL": demo_url}
    ran = subprocess.run(
        [sys.executable, "-c", _FIRST_PAGE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr[-3000:]
    seen = json.loads(ran.stdout.strip().splitlines()[-1])
    assert seen["overview"], "the Overview did not show its judgement areas"
    loaded = [name for name in DEFERRED if name in seen["modules"]]
    assert not loaded, f"the first Overview imported {loaded}: import them where they are used"


@pytest.mark.parametrize("on", [True, False])
def test_a_plan_read_leaves_the_cycle_collector_as_it_found_it(demo_url, on):
    store = Store.open(demo_url, Settings())
    try:
        if not on:
            gc.disable()
        assert store.current_plan() is not None
        assert gc.isenabled() is on
    finally:
        gc.enable()
        store.engine.dispose()
