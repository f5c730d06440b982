"""What a page keeps per plan read (components.kept.kept_for_read) is bounded, so a server's
memory does not grow with the dates, leads and pages its sessions ask for, and is worked out
again once old, and after the caches are cleared (as a new database is opened in tests)."""

from __future__ import annotations

import streamlit as st

from components import kept


def _counting():
    built = []

    def build(name):
        def make():
            built.append(name)
            return name

        return make

    return built, build


def test_the_same_read_is_worked_out_once_another_read_again():
    st.cache_resource.clear()
    built, build = _counting()
    assert kept.kept_for_read(1, ("x",), build("a")) == "a"
    assert kept.kept_for_read(1, ("x",), build("b")) == "a"  # kept
    assert kept.kept_for_read(2, ("x",), build("c")) == "c"  # a new plan read
    assert built == ["a", "c"]
    st.cache_resource.clear()
    assert kept.kept_for_read(1, ("x",), build("d")) == "d"


def test_at_most_read_entries_are_kept_the_oldest_dropped(monkeypatch):
    st.cache_resource.clear()
    built, build = _counting()
    for n in range(kept.READ_ENTRIES + 1):
        kept.kept_for_read(7, ("page", n), build(n))
    kept.kept_for_read(7, ("page", kept.READ_ENTRIES), build("again"))
    kept.kept_for_read(7, ("page", 0), build("first again"))
    assert built[-1] == "first again" and "again" not in built


def test_a_value_older_than_read_seconds_is_worked_out_again(monkeypatch):
    st.cache_resource.clear()
    built, build = _counting()
    now = [1000.0]
    monkeypatch.setattr(kept.time, "monotonic", lambda: now[0])
    kept.kept_for_read(3, ("t",), build("old"))
    now[0] += kept.READ_SECONDS - 1
    assert kept.kept_for_read(3, ("t",), build("x")) == "old"
    now[0] += 2
    assert kept.kept_for_read(3, ("t",), build("new")) == "new"
    assert built == ["old", "new"]
