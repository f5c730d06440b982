"""The plan's link to the KPIs: the indicators an action should move, shown beside its theme and
the action, and the flags a leader must see (done but not improving; worsening while overdue)."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from readiness.kpi.impact import (
    COMPLETE_NOT_IMPROVING,
    WORSENING_WHILE_OVERDUE,
    action_links,
    impact_flags,
    set_action_links,
)
from readiness.kpi.rules import Trend
from readiness.settings import Settings
from readiness.status import plan_status
from tests.conftest import AS_AT, ROOT, stored_plan
from tests.page_text import shown
from tests.test_kpis import status_of

THEME = pd.DataFrame([{"theme_id": 7, "ref": "REC 9", "theme": "Workforce"}])


def actions(*states: str) -> pd.DataFrame:
    return pd.DataFrame(
        [{"action_id": n, "theme_id": 7, "state": s} for n, s in enumerate(states, start=1)]
    )


@pytest.fixture
def kpis(demo_engine):
    return status_of(demo_engine)


def with_trend(kpis, trend: Trend) -> str:
    """The id of a coloured demo indicator moving as `trend`."""
    return next(
        p.indicator.id
        for p in kpis.positions
        if p.direction.trend is trend and p.indicator.polarity != "context"
    )


def test_a_theme_done_whose_indicator_is_not_improving_is_flagged(kpis):
    stable = with_trend(kpis, Trend.STABLE)
    (flag,) = impact_flags(THEME, actions("complete", "complete"), kpis, {1: (stable,)})
    assert flag.kind == COMPLETE_NOT_IMPROVING and flag.ref == "REC 9"
    assert flag.message.startswith("All 2 actions of this theme are complete, but ")
    improving = with_trend(kpis, Trend.IMPROVING)
    assert impact_flags(THEME, actions("complete", "complete"), kpis, {1: (improving,)}) == []
    # Not flagged while any action is still open.
    assert impact_flags(THEME, actions("complete", "on_track"), kpis, {1: (stable,)}) == []


def test_a_worsening_indicator_with_overdue_actions_is_flagged(kpis):
    worsening = with_trend(kpis, Trend.WORSENING)
    (flag,) = impact_flags(THEME, actions("overdue", "on_track"), kpis, {2: (worsening,)})
    assert flag.kind == WORSENING_WHILE_OVERDUE
    assert (
        "is worsening" in flag.message and "1 of this theme's 2 actions is overdue" in flag.message
    )
    assert impact_flags(THEME, actions("on_track", "on_track"), kpis, {2: (worsening,)}) == []


def test_a_context_indicator_is_never_flagged(kpis):
    assert impact_flags(THEME, actions("complete"), kpis, {1: ("cla_rate",)}) == []


def test_links_are_kept_in_order_once_each_and_replaced(demo_engine):
    with demo_engine.begin() as conn:
        set_action_links(conn, 1, ["sw_agency", "sw_turnover", "sw_agency"])
    with demo_engine.connect() as conn:
        assert action_links(conn)[1] == ("sw_agency", "sw_turnover")
    with demo_engine.begin() as conn:
        set_action_links(conn, 1, [])
    with demo_engine.connect() as conn:
        assert 1 not in action_links(conn)


@pytest.fixture
def app(demo_engine, sqlite_url, monkeypatch):
    monkeypatch.setenv("READINESS_DATABASE_URL", sqlite_url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["as_at"] = AS_AT.isoformat()
    at.run()
    return at


def test_plan_page_shows_what_each_theme_should_move_and_the_flags(app):
    app.switch_page("views/plan.py").run()
    app.toggle(key="plan_expand").set_value(True).run()
    assert not app.exception, app.exception
    lines = [shown(h.proto.body) for h in app.get("html") if "impact-line" in h.proto.body]
    assert any(
        "Should move: Agency social worker rate" in line and "caseload" in line for line in lines
    )
    assert any("Is the plan moving its indicators?" in e.label for e in app.expander)
    assert any("is worsening" in w.value for w in app.warning)


def test_an_action_s_indicators_are_chosen_on_my_actions(demo_engine, sqlite_url, monkeypatch):
    monkeypatch.setenv("READINESS_DATABASE_URL", sqlite_url)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params.update({"as_at": AS_AT.isoformat(), "lead": "Rebecca Hollis"})
    app.run()
    app.switch_page("views/my_actions.py").run()
    mine = plan_status(stored_plan(demo_engine), AS_AT, Settings(), lead="Rebecca Hollis")
    action_id = int(mine.actions.iloc[0]["action_id"])
    app.session_state["my_open_action"] = action_id  # as a click on its row does
    app.run()
    form = next(m for m in app.multiselect if m.label == "Indicators this action should move")
    form.set_value(["rereferrals"])
    submit = next(b for b in app.button if b.label == "Save indicators")
    submit.click().run()
    assert not app.exception, app.exception
    with demo_engine.connect() as conn:
        assert action_links(conn)[action_id] == ("rereferrals",)
