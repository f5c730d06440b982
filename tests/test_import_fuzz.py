"""Malformed plan files through `python -m readiness import-plan`: never a traceback or a hang, a
refusal that names the file and says why, and a database a refused file leaves byte-for-byte as
it was (an accepted one is stored whole, and the app still reads it).

The files come from tests/fuzz/, seeded: the generator's first FUZZ_COUNT files (one of
each kind of mutation) and the files that found bugs in full runs (regression_cases), one test
per file named by its mutation, all against one SQLite database holding the demo plan. The rest
of the generator's first FULL_COUNT files run in one test marked slow (`make test-all`, as
`scripts/bench_fuzz.py` does). The closing figures (files, accepted, refused, crashed, hung,
slowest) are printed at the end of the run.
"""

from __future__ import annotations

import contextlib
import time

import pytest

from tests.fuzz import MUTATIONS, SEED, FuzzRun, plan_fuzz, regression_cases, summarise
from tests.fuzz.judge import Hung, cpu_limit

# Small enough for the normal run: each mutation kind once (the generator's first round), and
# the files that found bugs in full runs.
FUZZ_COUNT = len(MUTATIONS)
CASES = plan_fuzz(FUZZ_COUNT, SEED) + regression_cases()
FULL_COUNT = 1000  # the full size, about five minutes on two cores


@pytest.fixture(scope="module")
def fuzz_run(tmp_path_factory, request):
    run = FuzzRun(tmp_path_factory.mktemp("import_fuzz"))
    yield run
    # Printed past pytest's capture, so the figures show without -s.
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled() if capture else contextlib.nullcontext():
        print("\n" + summarise(run.outcomes, SEED), flush=True)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_malformed_file_is_refused_or_stored_safely(fuzz_run, case):
    outcome = fuzz_run.run(case)
    assert not outcome.failures, f"{case.name} ({outcome.verdict}):\n" + "\n".join(outcome.failures)


@pytest.mark.slow
def test_the_full_fuzz_run_refuses_or_stores_every_file_safely(fuzz_run):
    """The generator's next files up to FULL_COUNT, listed only when this test runs (a thousand
    cases cost seconds to plan); every failure is named."""
    outcomes = [fuzz_run.run(case) for case in plan_fuzz(FULL_COUNT, SEED)[FUZZ_COUNT:]]
    failed = [f"{o.case.name} ({o.verdict}): {o.failures[0]}" for o in outcomes if o.failures]
    assert failed == []


def test_an_import_is_hung_by_the_cpu_it_uses_not_by_the_time_it_waits():
    """A loaded machine makes an import wait, not work: only a busy one is stopped as hung."""
    with pytest.raises(Hung), cpu_limit(0.2):
        while True:
            pass
    with cpu_limit(0.2):
        time.sleep(0.5)  # waiting, as behind other processes: uses no CPU
