"""Every page through Streamlit's AppTest: no exception, the right content, and the global
filters (lead officer, as-at date) from the URL really change what each page shows."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from readiness.bootstrap import prepare_database
from readiness.db import make_engine
from tests.conftest import AS_AT, ROOT

PAGES = ["pages/overview.py", "pages/plan.py", "pages/my_actions.py"]


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
