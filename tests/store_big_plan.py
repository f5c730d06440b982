"""Store a 10,000-action plan as a new plan, in a process of its own, for tests/test_db_writes.py.

    python -m tests.store_big_plan DATABASE_URL

Prints `storing <epoch seconds>` just before the write transaction opens and `stored <epoch
seconds>` once it has committed, so the test can tell which of its saves and reads overlapped it.
"""

from __future__ import annotations

import sys
import time

from readiness.access.roles import LOCAL_USER
from readiness.db.engine import make_engine
from scripts.scaled_plan import scaled_plan
from tests.conftest import AS_AT, store_of

COPIES = 100  # of the 100-action demo plan


def main(url: str) -> None:
    plan = scaled_plan(AS_AT, COPIES)
    engine = make_engine(url)
    print(f"storing {time.time()}", flush=True)
    store_of(engine).import_plan(plan, AS_AT, as_new_plan=True, by=LOCAL_USER)
    print(f"stored {time.time()}", flush=True)
    engine.dispose()


if __name__ == "__main__":
    main(sys.argv[1])
