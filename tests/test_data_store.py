"""components.data keeps the configured database's store for a page run's ten or so reads; a
different READINESS_DATABASE_URL, or st.cache_resource.clear(), still gets the right database's
store, and its plan."""

from __future__ import annotations

import pytest
import streamlit as st

from components import data
from readiness.db.engine import make_engine
from readiness.demo.prepare import prepare_database
from tests.conftest import AS_AT


@pytest.fixture
def caches_emptied():
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


def demo_at(url: str) -> str:
    engine = make_engine(url)
    prepare_database(engine, AS_AT, demo=True)
    engine.dispose()
    return url


def test_another_database_url_gets_that_database_s_store(tmp_path, monkeypatch, caches_emptied):
    first = demo_at(f"sqlite:///{tmp_path / 'first.db'}")
    second = f"sqlite:///{tmp_path / 'second.db'}"  # empty: no plan
    make_engine(second).dispose()
    monkeypatch.setenv("READINESS_DATABASE_URL", first)
    assert data.current_plan().plan is not None
    monkeypatch.setenv("READINESS_DATABASE_URL", second)
    assert str(data.store().engine.url) == second
    data.refresh_plan()
    assert data.current_plan().plan is None, "the first database's plan was shown"


def test_clearing_the_caches_opens_the_store_again(demo_url, monkeypatch, caches_emptied):
    monkeypatch.setenv("READINESS_DATABASE_URL", demo_url)
    before = data.open_store(AS_AT)
    st.cache_resource.clear()
    after = data.store()
    assert after is not before
    assert str(after.engine.url) == demo_url
