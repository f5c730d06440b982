"""The plan's link to the KPIs: the indicators an action should move, shown beside its theme and
the action, and the flags a leader must see (done but not improving; worsening while overdue)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from readiness.db.engine import make_engine
from readiness.kpi.indicators import indicators_named
from readiness.kpi.rules import Trend
from readiness.plan.impact import (
    COMPLETE_NOT_IMPROVING,
    WORSENING_WHILE_OVERDUE,
    impact_flags,
    set_action_links,
)
from readiness.plan.status import plan_status
from readiness.settings import Settings
from tests.conftest import AS_AT, open_app, stored_plan
from tests.import_fixtures import canonical_row, canonical_workbook
from tests.page_text import shown
from tests.test_cli import run
from tests.test_kpis import status_of


def links_of(engine) -> dict[int, tuple[str, ...]]:
    """Each stored action's indicators, as the plan pages read them."""
    return {a.id: a.indicators for a in stored_plan(engine).actions if a.indicators}


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
    assert links_of(demo_engine)[1] == ("sw_agency", "sw_turnover")
    with demo_engine.begin() as conn:
        set_action_links(conn, 1, [])
    assert 1 not in links_of(demo_engine)


@pytest.fixture
def app(demo_engine, sqlite_url, monkeypatch):
    return open_app(sqlite_url, monkeypatch)


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
    app = open_app(sqlite_url, monkeypatch, "views/my_actions.py", lead="Rebecca Hollis")
    mine = plan_status(stored_plan(demo_engine), AS_AT, Settings(), lead="Rebecca Hollis")
    action_id = int(mine.actions.iloc[0]["action_id"])
    app.session_state["my_open_action"] = action_id  # as a click on its row does
    app.run()
    form = next(m for m in app.multiselect if m.label == "Indicators this action should move")
    form.set_value(["rereferrals"])
    submit = next(b for b in app.button if b.label == "Save indicators")
    submit.click().run()
    assert not app.exception, app.exception
    assert links_of(demo_engine)[action_id] == ("rereferrals",)


# --- The canonical template's Indicators column ---------------------------------------------

ROW = {
    "ref": "REC 1",
    "recommendation": "Make assessments timely.",
    "theme": "Tracking",
    "service_leads": "Amira Khan",
    "due": date(2027, 3, 31),
}


def test_the_indicators_column_links_actions_and_blank_keeps_the_app_s(
    tmp_path, sqlite_url, capsys
):
    rows = [
        canonical_row(**ROW, action="Weekly tracker.", indicators="Re-referrals, Agency rate"),
        canonical_row(**ROW, action="Coach managers.", indicators="Happiness index"),
        canonical_row(**ROW, action="Audit files."),
    ]
    path = canonical_workbook(tmp_path / "plan.xlsx", rows)
    first = run(capsys, "import-plan", str(path), "--yes", db=sqlite_url)
    assert first.code == 0, first.err
    assert '"Happiness index" is not one of the indicators' in first.out
    engine = make_engine(sqlite_url)
    by_text = {a.text: a for a in stored_plan(engine).actions}
    assert by_text["Weekly tracker."].indicators == ("rereferrals", "sw_agency")
    assert by_text["Coach managers."].indicators == ()
    # Linked in the app, then the same file again: its blank cell keeps the app's link.
    with engine.begin() as conn:
        set_action_links(conn, by_text["Audit files."].id, ["cp_plans_2_years"])
    assert run(capsys, "import-plan", str(path), "--yes", db=sqlite_url).code == 0
    again = {a.text: a.indicators for a in stored_plan(engine).actions}
    assert again["Audit files."] == ("cp_plans_2_years",)
    assert again["Weekly tracker."] == ("rereferrals", "sw_agency")
    # The export names them, so an exported plan imports back with its links.
    exported = tmp_path / "export.xlsx"
    assert run(capsys, "export-plan", str(exported), db=sqlite_url).code == 0
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    assert run(capsys, "import-plan", str(exported), "--yes", db=fresh).code == 0
    restored = {a.text: a.indicators for a in stored_plan(make_engine(fresh)).actions}
    assert restored == again
    engine.dispose()


@pytest.mark.parametrize(
    ("cell", "found", "unknown"),
    [
        # A name with commas of its own, beside another name: each is found whole.
        (
            "Care leavers aged 19 to 21 in education, employment or training, Re-referrals",
            ("care_leavers_eet", "rereferrals"),
            (),
        ),
        (
            "Re-referrals; nonsense, Care leavers EET",
            ("rereferrals", "care_leavers_eet"),
            ("nonsense",),
        ),
        ("sw_agency\nSocial worker turnover", ("sw_agency", "sw_turnover"), ()),
    ],
)
def test_a_cell_naming_indicators(cell, found, unknown):
    assert indicators_named(cell) == (found, unknown)
