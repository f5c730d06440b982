"""The Overview's tables and My actions' list are made once per plan read and kept for every
session (components.kept.kept_for_read): what a lead saves shows at once, and a lead, a date or
the whole plan each get their own, never another's."""

from __future__ import annotations

from datetime import timedelta

from streamlit.testing.v1 import AppTest

from readiness.db.engine import make_engine
from readiness.demo.prepare import prepare_database
from readiness.plan.status import plan_status, urgent_first
from readiness.settings import Settings
from tests.conftest import AS_AT, open_app, progress_field, stored_plan
from tests.html_tables import page_tables

LEAD = "Rebecca Hollis"


def _tables(at: AppTest) -> tuple[list[str], list[str]]:
    """The refs in the Overview's recommendations table and the actions in its overdue table."""
    tables = page_tables(at)
    recs = next(t for t in tables if t and "Recommendation" in t[0])
    overdue = next((t for t in tables if t and "Days overdue" in t[0]), [])
    return [r["Ref"] for r in recs], [r["Action"] for r in overdue]


def _expected(url: str, as_at=AS_AT, lead: str | None = None) -> tuple[list[str], list[str]]:
    engine = make_engine(url)
    try:
        status = plan_status(stored_plan(engine), as_at, Settings(), lead=lead)
    finally:
        engine.dispose()
    return status.recommendations["ref"].tolist(), status.overdue["action"].tolist()


def test_a_lead_a_date_and_a_save_each_show_their_own_tables(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'kept.db'}"
    engine = make_engine(url)
    prepare_database(engine, AS_AT, demo=True)
    engine.dispose()
    at = open_app(url, monkeypatch)
    assert _tables(at) == _expected(url)
    at.selectbox(key="lead").set_value(LEAD).run()
    assert _tables(at) == _expected(url, lead=LEAD)
    earlier = AS_AT - timedelta(days=120)
    at.date_input(key="as_at").set_value(earlier).run()
    assert _tables(at) == _expected(url, earlier, LEAD)
    at.date_input(key="as_at").set_value(AS_AT).run()
    _, overdue = _tables(at)
    assert overdue, "the demo lead has an overdue action to complete"

    # The lead completes their longest overdue action on My actions; back on the Overview it
    # has left the overdue table at once.
    at.switch_page("views/my_actions.py").run()
    engine = make_engine(url)
    first = plan_status(stored_plan(engine), AS_AT, Settings(), lead=LEAD).overdue.iloc[0]
    engine.dispose()
    at.session_state["my_open_action"] = int(first["action_id"])  # as a click on its row does
    at.run()
    progress_field(at, "text").input("Done: the audit is complete and reported.")
    progress_field(at, "status").set_value("complete")
    at = next(b for b in at.button if b.label == "Save update").click().run()
    assert not at.exception and not at.error, at.exception or [e.value for e in at.error]
    at.switch_page("views/overview.py").run()
    after = _tables(at)
    assert first["action"] not in after[1]
    assert after == _expected(url, lead=LEAD)


def _listed(at: AppTest) -> list[str]:
    return at.dataframe[0].value["action"].tolist()


def test_my_actions_lists_each_lead_and_date_their_own_most_urgent_first(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'mine.db'}"
    engine = make_engine(url)
    prepare_database(engine, AS_AT, demo=True)
    plan = stored_plan(engine)
    engine.dispose()
    leads = plan.lead_names[:2]
    at = open_app(url, monkeypatch, "views/my_actions.py")
    earlier = AS_AT - timedelta(days=120)
    for lead in leads:
        at.selectbox(key="lead").set_value(lead).run()
        for as_at in (AS_AT, earlier):
            at.date_input(key="as_at").set_value(as_at).run()
            status = plan_status(plan, as_at, Settings(), lead=lead)
            every = urgent_first(status.actions)
            assert _listed(at) == every[every["state"] != "complete"]["action"].tolist()
            at.toggle(key="my_show_completed").set_value(True).run()
            assert _listed(at) == every["action"].tolist()
            at.toggle(key="my_show_completed").set_value(False).run()
