"""The Improvement plan page at ten times the demo's size shows every action it should, however
the page reuses what it worked out (components.plan_view): Expand all shows every action of the
plan, a colour shows exactly the actions of that colour, and a second colour, date or lead in the
same session shows its own actions, never the first one's."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from readiness.db.engine import make_engine
from readiness.palette import Rag
from readiness.plan.status import plan_status
from readiness.settings import Settings
from readiness.text import format_date
from scripts.scaled_plan import busiest_lead, scaled_plan, store_plan
from tests.conftest import AS_AT, ROOT, progress_field, stored_plan
from tests.html_tables import page_tables

PLAN = "views/plan.py"
COPIES = 10  # 80 recommendations, 1,000 actions: two pages of recommendations


@pytest.fixture(scope="module")
def big_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('big') / 'big.db'}"
    store_plan(url, scaled_plan(AS_AT, COPIES), AS_AT)
    return url


def expected(url: str, as_at=AS_AT, lead: str | None = None, colour: str | None = None):
    """Each action as its table row reads (action, status, service lead, due), from the plan's
    status worked out afresh."""
    engine = make_engine(url)
    try:
        actions = plan_status(stored_plan(engine), as_at, Settings(), lead=lead).actions
    finally:
        engine.dispose()
    if colour is not None:
        actions = actions[actions["rag"] == colour]
    return Counter(
        (a["action"], Rag(a["rag"]).label, a["service_leads"], format_date(a["due"]))
        for a in actions.to_dict("records")
    )


def shown(at: AppTest) -> Counter:
    """The action rows of every page of recommendations, as expected() reads them."""
    rows = [r for t in page_tables(at) for r in t]
    pages = at.selectbox(key="plan_recs_page") if _has(at, "plan_recs_page") else None
    for page in range(2, len(pages.options) + 1) if pages else ():
        at.selectbox(key="plan_recs_page").set_value(page).run()
        assert not at.exception, at.exception
        rows += [r for t in page_tables(at) for r in t]
    return Counter((r["Action"], r["Status"], r["Service lead"], r["Due"]) for r in rows)


def _has(at: AppTest, key: str) -> bool:
    return any(s.key == key for s in at.selectbox)


def plan_page(url: str, monkeypatch, **params: str) -> AppTest:
    monkeypatch.setenv("READINESS_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params.update({"as_at": AS_AT.isoformat(), **params})
    at.run()
    at.switch_page(PLAN).run()
    assert not at.exception, at.exception
    return at


def test_expand_all_shows_every_action_of_a_big_plan(big_url, monkeypatch):
    at = plan_page(big_url, monkeypatch)
    at.toggle(key="plan_expand").set_value(True).run()
    assert "Recommendations 1–40 of 80" in [c.value for c in at.caption]
    every = expected(big_url)
    assert sum(every.values()) == 100 * COPIES
    assert shown(at) == every


def test_red_only_shows_exactly_the_red_actions(big_url, monkeypatch):
    at = plan_page(big_url, monkeypatch, colour="red")
    red = expected(big_url, colour="red")
    assert shown(at) == red and sum(red.values()) == 10 * COPIES
    assert f"Showing the {10 * COPIES} actions that are Red" in "\n".join(
        c.value for c in at.caption
    )


def test_another_colour_date_or_lead_shows_its_own_actions(big_url, monkeypatch):
    at = plan_page(big_url, monkeypatch, colour="red")
    assert shown(at) == expected(big_url, colour="red")
    at.button_group(key="colour").set_value("amber").run()
    assert shown(at) == expected(big_url, colour="amber")
    earlier = AS_AT.replace(year=AS_AT.year - 1)
    at.date_input(key="as_at").set_value(earlier).run()
    assert shown(at) == expected(big_url, as_at=earlier, colour="amber")
    lead = busiest_lead(scaled_plan(AS_AT, COPIES))
    at.selectbox(key="lead").set_value(lead).run()
    assert shown(at) == expected(big_url, as_at=earlier, lead=lead, colour="amber")


def test_the_list_to_open_holds_the_pages_actions_and_a_save_lands_on_the_one_chosen(
    big_url, monkeypatch, tmp_path
):
    """With two pages of recommendations, the list to open an action holds exactly the actions
    of the recommendations on the page shown; one chosen on page 2 gets the update saved."""
    copy = tmp_path / "copy.db"
    copy.write_bytes(Path(big_url.removeprefix("sqlite:///")).read_bytes())
    url = f"sqlite:///{copy}"
    engine = make_engine(url)
    status = plan_status(stored_plan(engine), AS_AT, Settings())
    refs = status.recommendations["ref"].tolist()
    by_page = [set(refs[:40]), set(refs[40:])]
    at = plan_page(url, monkeypatch)
    for page, page_refs in enumerate(by_page, start=1):
        at.selectbox(key="plan_recs_page").set_value(page).run()
        listed = at.selectbox(key="plan_open_action")
        assert listed.label.startswith("Open an action on this page")
        wanted = status.actions[status.actions["ref"].isin(page_refs)]
        assert len(listed.options) == len(wanted)
        assert {option.split(" · ")[0] for option in listed.options} == page_refs
    chosen = wanted.iloc[len(wanted) // 2]
    chosen_id = int(chosen["action_id"])
    at.selectbox(key="plan_open_action").set_value(chosen_id).run()
    progress_field(at, "text", prefix="plan").input("Page two's action, saved from page two")
    at.text_input(key=f"plan_author_{chosen_id}_0").input("Quentin Marsh")
    at = next(b for b in at.button if b.label == "Save update").click().run()
    assert not at.exception and not at.error, at.exception or [e.value for e in at.error]
    saved = {a.id: a.updates[-1].text for a in stored_plan(engine).actions if a.updates}
    assert saved[chosen_id] == "Page two's action, saved from page two"
    assert list(saved.values()).count("Page two's action, saved from page two") == 1
    engine.dispose()
