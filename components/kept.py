"""What a page works out from a shared, immutable record (a KPI status, the council's predicted
inspection), kept while that record is the one components.data hands out, so a rerun replays it
instead of working it out again.

components.data makes each such record once per version of what it holds (new figures, a saved
target, another as-at date, a changed event, the record's minute of life) and hands every
session that same record or a copy sharing its parts. The identity of the shared part names the
version: a new version is a new object, and what was kept for the old one is never handed out
for it. Each kept value holds the object itself, so its id is not reused by another object while
the value is kept (an empty tuple is one object for every version: nothing is kept for it).

What a page works out from the plan is kept by the plan read's number instead (kept_for_read):
a number is never reused, so nothing need be held to name it, and a replaced plan is let go.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

import streamlit as st

Kept = TypeVar("Kept")


# No spinner: "Running _kept(...)" is no words for a board at a wall screen, and the page's own
# spinner (reading the plan) already says the wait.
@st.cache_resource(max_entries=128, show_spinner=False)
def _kept(key: tuple, _shared: object, _build: Callable[[], Kept]) -> tuple[object, Kept]:
    return _shared, _build()


def kept(shared: object, what: tuple, build: Callable[[], Kept]) -> Kept:
    """`build()`, worked out once per `shared` object and `what` (naming what `build` makes,
    with its arguments). Shared by every session: never modify it."""
    if shared == ():
        return build()
    return _kept((id(shared), *what), shared, build)[1]


# A value worked out from one plan read is asked for again on every rerun until the plan is read
# anew (components.data numbers the reads, never reusing a number); three minutes bounds how
# long one of a replaced plan is kept, as components.plan_view's views are.
READ_SECONDS = 180.0
READ_ENTRIES = 64


class _Recent:
    """The READ_ENTRIES values last worked out, each for READ_SECONDS. A plain dict, not
    st.cache_resource: a page asks for several on every rerun, and Streamlit's cache hashes
    each call's arguments and reads the function's signature (0.1-0.3 ms a call)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._values: OrderedDict[tuple, tuple[float, object]] = OrderedDict()

    def get(self, key: tuple, build: Callable[[], Kept]) -> Kept:
        now = time.monotonic()
        with self._lock:
            made, value = self._values.get(key, (None, None))
            if made is not None and now - made < READ_SECONDS:
                self._values.move_to_end(key)
                return value
        value = build()  # outside the lock: another session's page need not wait for it
        with self._lock:
            self._values[key] = (now, value)
            self._values.move_to_end(key)
            while len(self._values) > READ_ENTRIES:
                self._values.popitem(last=False)
        return value


@st.cache_resource
def _recent() -> _Recent:
    """The one _Recent per server, forgotten with every other cache by st.cache_resource.clear()
    (as the tests and benchmarks do between databases and settings)."""
    return _Recent()


def kept_for_read(load: int, what: tuple, build: Callable[[], Kept]) -> Kept:
    """`build()`, worked out once per plan read (components.data.LoadedPlan.load) and `what`
    (naming what `build` makes, with everything else it depends on: the as-at date, the lead).
    Holds no plan, so a replaced plan is not kept alive by it. Shared: never modify it."""
    return _recent().get((load, *what), build)


class WrittenTables:
    """HTML tables written once for a kept view and handed to every session asking for the same
    page of it, up to `chars` characters in all (the first written dropped first), so a view
    shared by every session never grows with the pages they open."""

    def __init__(self, chars: int) -> None:
        self._chars = chars
        self._lock = threading.Lock()  # sessions share the view, each in its own thread
        self._tables: dict[tuple, str] = {}

    def get(self, key: tuple, write: Callable[[], str]) -> str:
        table = self._tables.get(key)
        if table is None:
            table = write()
            with self._lock:
                self._tables[key] = table
                while sum(map(len, self._tables.values())) > self._chars:
                    del self._tables[next(iter(self._tables))]
        return table
