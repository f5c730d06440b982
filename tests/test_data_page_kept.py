"""The Data page keeps its list of stored plans per read of the current plan
(components.stored_plans): making another plan current shows in the list at once."""

from __future__ import annotations

from dataclasses import replace

from readiness.access.roles import LOCAL_USER
from readiness.demo.plan import demo_plan
from tests.conftest import AS_AT, open_app, store_of
from tests.html_tables import page_tables

DEMO_TITLE = "Children's services improvement plan 2025-27"


def listed(at) -> list[tuple[str, str]]:
    table = next(t for t in page_tables(at) if t and "Shown to everyone" in t[0])
    return [(p["Shown to everyone"], p["Plan"]) for p in table]


def test_making_another_plan_current_shows_in_the_list_at_once(
    demo_engine, sqlite_url, monkeypatch
):
    store_of(demo_engine).import_plan(
        replace(demo_plan(AS_AT), title="Improvement plan 2027"),
        AS_AT,
        as_new_plan=True,
        by=LOCAL_USER,
    )
    at = open_app(sqlite_url, monkeypatch, "views/loading.py")
    assert listed(at) == [("✔ Current", "Improvement plan 2027"), ("", DEMO_TITLE)]
    at.button(key="FormSubmitter:data_switch-Make it current").click().run()
    assert not at.exception, at.exception
    assert listed(at) == [("✔ Current", DEMO_TITLE), ("", "Improvement plan 2027")]
