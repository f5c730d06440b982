"""The app's shared plan (components.data) across its one-minute re-reads and a saved change:
an unchanged plan read again costs no new colours, and the colours of a plan that changed are
let go (at 100x each held ~8 MB and a whole plan, and they piled up to 840 MB)."""

from __future__ import annotations

import gc
import weakref

import pytest
import streamlit as st

from components import data
from readiness.access.roles import LOCAL_USER
from readiness.plan.progress import ProgressEntry
from readiness.vocabulary import COMPLETE
from tests.conftest import AS_AT


@pytest.fixture
def app_data(demo_engine, sqlite_url, monkeypatch):
    """components.data on the demo database, with every cache empty before and after; and the
    colours it works out, each a weak reference, so a test sees which are still kept."""
    monkeypatch.setenv("READINESS_DATABASE_URL", sqlite_url)
    worked_out: list[weakref.ref] = []
    plan_status = data.plan_status

    def counted(*args, **kwargs):
        status = plan_status(*args, **kwargs)
        worked_out.append(weakref.ref(status))
        return status

    monkeypatch.setattr(data, "plan_status", counted)
    st.cache_resource.clear()
    data.open_store(AS_AT)
    yield worked_out
    st.cache_resource.clear()


def test_an_unchanged_plan_read_again_is_not_coloured_again(app_data):
    first = data.current_plan()
    before = data.current_status(first, AS_AT, None).overall.counts
    data._load.clear()  # the minute is up: the plan is read again, as the first page after idle
    again = data.current_plan()
    assert again.load == first.load, "an unchanged plan was numbered as a new one"
    assert data.current_status(again, AS_AT, None).overall.counts == before
    assert len(app_data) == 1, f"the colours were worked out {len(app_data)} times, not once"


def test_a_saved_change_lets_the_old_colours_go(app_data):
    first = data.current_plan()
    data.current_status(first, AS_AT, None)
    action = next(a for a in first.plan.actions if a.status != COMPLETE)
    entry = ProgressEntry(action.id, action.version, "Done.", COMPLETE, AS_AT, "Rebecca Hollis")
    data.store().record_progress(entry, by=LOCAL_USER)
    data.refresh_plan()  # as the page does after saving
    changed = data.current_plan()
    assert changed.load != first.load
    rows = data.current_status(changed, AS_AT, None).actions
    assert rows.loc[rows["action_id"] == action.id, "status"].item() == COMPLETE
    del first
    gc.collect()
    kept = [ref for ref in app_data[:1] if ref() is not None]
    assert not kept, "the colours of the plan before the change are still held"
