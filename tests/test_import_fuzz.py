"""Malformed plan files through `python -m readiness import-plan`: never a traceback or a hang, a
refusal that names the file and says why, and a database a refused file leaves byte-for-byte as
it was (an accepted one is stored whole, and the app still reads it).

The files come from tests/fuzz/, seeded: the generator's first FUZZ_COUNT files (one of
each kind of mutation) and the files that found bugs in full runs (regression_cases), one test
per file named by its mutation, all against one SQLite database holding the demo plan. The full
size is `scripts/bench_fuzz.py --count 1000`. The closing figures (files, accepted, refused,
crashed, hung, slowest) are printed at the end of the run.
"""

from __future__ import annotations

import contextlib

import pytest

from tests.fuzz import MUTATIONS, SEED, FuzzRun, plan_fuzz, regression_cases, summarise

# Small enough for the normal run: each mutation kind once (the generator's first round), and
# the files that found bugs in full runs.
FUZZ_COUNT = len(MUTATIONS)
CASES = plan_fuzz(FUZZ_COUNT, SEED) + regression_cases()


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
