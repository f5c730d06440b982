"""What a page works out from a shared, immutable record (a KPI status, the council's predicted
inspection), kept while that record is the one components.data hands out, so a rerun replays it
instead of working it out again.

components.data makes each such record once per version of what it holds (new figures, a saved
target, another as-at date, a changed event, the record's minute of life) and hands every
session that same record or a copy sharing its parts. The identity of the shared part names the
version: a new version is a new object, and what was kept for the old one is never handed out
for it. Each kept value holds the object itself, so its id is not reused by another object while
the value is kept (an empty tuple is one object for every version: nothing is kept for it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

Kept = TypeVar("Kept")


@st.cache_resource(max_entries=128)
def _kept(key: tuple, _shared: object, _build: Callable[[], Kept]) -> tuple[object, Kept]:
    return _shared, _build()


def kept(shared: object, what: tuple, build: Callable[[], Kept]) -> Kept:
    """`build()`, worked out once per `shared` object and `what` (naming what `build` makes,
    with its arguments). Shared by every session: never modify it."""
    if shared == ():
        return build()
    return _kept((id(shared), *what), shared, build)[1]
