"""Every page through Streamlit's AppTest: no exception, the right content, and the global
filters (lead officer, as-at date) from the URL really change what each page shows."""

from __future__ import annotations

import os

import pytest
from streamlit.testing.v1 import AppTest

from readiness.bootstrap import prepare_database
from readiness.db import make_engine
from readiness.plan_data import load_plan_data
from readiness.settings import Settings
from readiness.status import plan_status
from tests.conftest import AS_AT, ROOT

PAGES = ["views/overview.py", "views/plan.py", "views/my_actions.py"]


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('pages') / 'demo.db'}"
    prepare_database(make_engine(url), AS_AT, demo=True)
    return url


@pytest.fixture
def open_page(demo_url, monkeypatch):
    monkeypatch.setenv("READINESS_DATABASE_URL", demo_url)

    def open_(page: str, **params: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.query_params.update({"as_at": AS_AT.isoformat(), **params})
        at.run()
        if page != PAGES[0]:
            at.switch_page(page).run()
        assert not at.exception, at.exception
        return at

    return open_


def dataframes(at: AppTest):
    return [df.value for df in at.dataframe]


def text_of(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [i.value for i in at.info] + [str(h.value) for h in at.subheader]
    parts += [e.label for e in at.expander] + [m.label for m in at.metric]
    return "\n".join(parts)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders(open_page, page):
    at = open_page(page)
    assert at.title[0].value in ("Overview", "Improvement plan", "My actions")


def test_overview_shows_rag_words_counts_and_overdue_actions(open_page):
    at = open_page(PAGES[0])
    recs, overdue = dataframes(at)[:2]
    assert set(recs["Ref"]) == {
        "REC 1",
        "REC 2",
        "REC 3",
        "REC 4",
        "REC 5",
        "AFD 1",
        "AFD 2",
        "AFD 3",
    }
    assert recs["Status"].str.contains("Red|Amber|Green|Blue|Grey").all()
    assert recs["Actions"].sum() == 100
    assert len(overdue) == recs["Overdue"].sum() > 0
    assert overdue["Days overdue"].is_monotonic_decreasing
    assert {"Overdue", "Due soon", "Stale", "No due date"} <= {m.label for m in at.metric}
    assert "Care leavers" in text_of(at)
    # Each judgement area carries its counts; all ten overdue actions bear on children in care.
    assert "10 overdue · " in text_of(at)


def test_overview_lead_filter_narrows_everything(open_page):
    everyone = open_page(PAGES[0])
    mine = open_page(PAGES[0], lead="Tom Brennan")
    assert "Showing only the" in mine.info[0].value
    assert len(dataframes(mine)[0]) < len(dataframes(everyone)[0])
    assert dataframes(mine)[0]["Actions"].sum() < 100


def test_plan_page_explains_each_colour(open_page):
    at = open_page(PAGES[2 - 1])
    assert len(at.expander) == 8
    assert any(e.label.startswith("✖ Red · **REC 1**") for e in at.expander)
    actions = dataframes(at)
    assert sum(len(df) for df in actions) == 100
    reasons = "\n".join(r for df in actions for r in df["Why"])
    assert "days overdue" in reasons and "no progress update for" in reasons
    assert "no due date set" in reasons


def test_plan_page_lead_filter_narrows(open_page):
    at = open_page(PAGES[1], lead="Tom Brennan")
    assert 0 < sum(len(df) for df in dataframes(at)) < 100
    assert len(at.expander) < 8


def test_plan_page_rag_filter(open_page):
    at = open_page(PAGES[1])
    at.multiselect(key="plan_rags").set_value(["red"]).run()
    shown = [df for df in dataframes(at)]
    assert shown and all((df["Status"] == "✖ Red").all() for df in shown)


def test_my_actions_without_a_lead_lists_every_lead(open_page):
    at = open_page(PAGES[2])
    leads = dataframes(at)[0]
    assert "Rebecca Hollis" in set(leads["Lead officer"])
    assert leads["Overdue"].is_monotonic_decreasing


def test_my_actions_for_a_lead_sorts_by_urgency(open_page):
    at = open_page(PAGES[2], lead="Rebecca Hollis")
    assert "Rebecca Hollis" in at.subheader[0].value
    table = dataframes(at)[0]
    order = {"✖ Red": 0, "▲ Amber": 1}
    ranks = [order.get(s, 2) for s in table["Status"]]
    assert ranks == sorted(ranks) and ranks[0] == 0
    assert "✔ Blue" not in set(table["Status"])  # completed hidden until asked for
    at.toggle(key="my_show_completed").set_value(True).run()
    assert "✔ Blue" in set(dataframes(at)[0]["Status"])


def test_as_at_date_changes_the_picture(open_page):
    now = open_page(PAGES[0])
    earlier = open_page(PAGES[0], as_at="2025-06-01")
    assert dataframes(now)[0]["Complete"].sum() > dataframes(earlier)[0]["Complete"].sum()
    assert "Overall effectiveness" in text_of(earlier)  # the 2023 framework had an overall grade


def test_board_mode_renders(open_page):
    at = open_page(PAGES[0], board="true")
    assert at.toggle(key="board").value is True


@pytest.fixture
def editable_page(tmp_path, monkeypatch):
    """Like open_page, on a database of its own, since these tests write to it."""
    url = f"sqlite:///{tmp_path / 'edit.db'}"
    prepare_database(make_engine(url), AS_AT, demo=True)
    monkeypatch.setenv("READINESS_DATABASE_URL", url)
    stale = plan_status(load_plan_data(make_engine(url)), AS_AT, Settings(), lead=LEAD).actions
    action_id = int(stale[stale["state"] == "stale"].iloc[0]["action_id"])

    def open_action() -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.query_params.update({"as_at": AS_AT.isoformat(), "lead": LEAD})
        at.run()
        at.switch_page(PAGES[2]).run()
        at.selectbox(key="my_open_action").set_value(action_id).run()
        assert not at.exception, at.exception
        return at

    return open_action, action_id


LEAD = "Rebecca Hollis"


def save_update(at: AppTest, text: str, status: str = "in_progress") -> AppTest:
    at.text_area(key="my_text").input(text)
    at.selectbox(key="my_status").set_value(status)
    return at.button[0].click().run() if at.button else at


def test_lead_records_progress_and_the_colour_changes_at_once(editable_page):
    open_action, action_id = editable_page
    at = open_action()
    heading = [m.value for m in at.markdown if m.value.startswith("#### ")]
    assert len(heading) == 1  # the chosen action is open
    at = save_update(at, "Protocol signed off by the health partners.")
    assert not at.exception and not at.error
    row = dataframes(at)[0].set_index("Action")
    after = plan_status(
        load_plan_data(make_engine(os.environ["READINESS_DATABASE_URL"])), AS_AT, Settings()
    ).actions.set_index("action_id")
    assert after.loc[action_id, "rag"] == "green"
    assert row.loc[after.loc[action_id, "action"], "Status"] == "● Green"
    at.selectbox(key="my_open_action").set_value(action_id).run()
    history = [m.value for m in at.markdown if m.value.startswith("- **")]
    assert "Protocol signed off by the health partners." in history[0]  # newest first


def test_second_editor_is_refused_not_overwritten(editable_page):
    open_action, action_id = editable_page
    first, second = open_action(), open_action()
    save_update(first, "First editor's note.")
    second = save_update(second, "Second editor's note.", status="complete")
    assert second.error and "nothing was overwritten" in second.error[0].value
    plan = load_plan_data(make_engine(os.environ["READINESS_DATABASE_URL"]))
    saved = next(a for a in plan.actions if a.id == action_id)
    assert saved.updates[-1].text == "First editor's note." and saved.status == "in_progress"
