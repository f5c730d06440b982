"""Every page through Streamlit's AppTest: no exception, the right content, and the global
filters (lead officer, as-at date) from the URL really change what each page shows. The pages
are read from app.py's own navigation list, so a new page is run here the day it is added."""

from __future__ import annotations

import ast
import copy
import os
import re

import pytest
from streamlit.testing.v1 import AppTest

from readiness.access.roles import LOCAL_USER
from readiness.db.engine import make_engine
from readiness.demo.plan import demo_plan
from readiness.demo.prepare import prepare_database
from readiness.plan.status import plan_status
from readiness.settings import Settings
from readiness.text import format_date
from tests.conftest import AS_AT, ROOT, open_app, progress_field, store_of, stored_plan
from tests.html_tables import page_tables
from tests.page_text import shown


def app_pages() -> list[tuple[str, str]]:
    """Every page in app.py's navigation (each st.Page, those only some roles have included),
    as (views/ file, title), read from its source: running app.py would draw the app."""
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    pages = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "st.Page"
    ]
    return [
        (ast.literal_eval(page.args[0]), ast.literal_eval(title.value))
        for page in sorted(pages, key=lambda p: (p.lineno, p.col_offset))
        for title in page.keywords
        if title.arg == "title"
    ]


APP_PAGES = app_pages()
OVERVIEW, PLAN, MY_ACTIONS = "views/overview.py", "views/plan.py", "views/my_actions.py"


@pytest.fixture
def open_page(demo_url, monkeypatch):
    def open_(page: str, **params: str) -> AppTest:
        return open_app(demo_url, monkeypatch, None if page == OVERVIEW else page, **params)

    return open_


def tile_values(at: AppTest) -> dict[str, str]:
    """The count tiles' labels and values, as shown (symbol included)."""
    body = next(h.proto.body for h in at.get("html") if "count-tiles" in h.proto.body)
    labels = re.findall(r'class="count-label">([^<]*)<', body)
    values = re.findall(r'class="count-value">([^<]*)<', body)
    return dict(zip(labels, values, strict=True))


def text_of(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [i.value for i in at.info] + [str(h.value) for h in at.subheader]
    parts += [e.label for e in at.main.expander] + [m.label for m in at.metric]
    parts += [h.proto.body for h in at.get("html")]
    return "\n".join(parts)


def test_every_page_file_is_in_the_navigation():
    files = {f"views/{path.name}" for path in (ROOT / "views").glob("*.py")}
    assert sorted(file for file, _ in APP_PAGES) == sorted(files)


@pytest.mark.parametrize(("page", "title"), APP_PAGES, ids=[file for file, _ in APP_PAGES])
def test_every_page_renders_with_its_title(open_page, page, title):
    at = open_page(page)  # open_app fails on any exception
    assert [t.value for t in at.title] == [title]


def test_overview_shows_rag_words_counts_and_overdue_actions(open_page):
    at = open_page(OVERVIEW)
    recs, overdue = page_tables(at)[:2]
    refs = [r["Ref"] for r in recs]
    assert refs == ["REC 1", "REC 2", "REC 3", "REC 4", "REC 5", "AFD 1", "AFD 2", "AFD 3"]
    assert all(r["Status"] in ("✖ Red", "▲ Amber", "● Green", "✔ Blue", "○ Grey") for r in recs)
    assert sum(int(r["Actions"]) for r in recs) == 100
    # Every overdue action is listed (no scroll box hides any), the longest overdue first.
    assert len(overdue) == sum(int(r["Overdue"]) for r in recs) == 10
    days = [int(r["Days overdue"]) for r in overdue]
    assert days == sorted(days, reverse=True)
    tiles = tile_values(at)
    assert (tiles["✖ Overdue"], tiles["▲ Due soon"], tiles["▲ Stale"]) == ("10", "8", "9")
    assert "Care leavers" in text_of(at)
    # Each judgement area carries its counts; all ten overdue actions bear on children in care.
    assert "10 overdue · " in text_of(at)
    assert "can add up to more than the plan's 100 actions" in text_of(at)


def test_every_page_has_the_key_to_the_colours(open_page):
    at = open_page(OVERVIEW)
    key = next(h.proto.body for h in at.get("html") if "colour-key" in h.proto.body)
    assert "✖ Red</span> overdue" in key
    assert "stale (no update for 42 days or more)" in key and "✔ Blue</span> complete" in key


def test_overview_lead_filter_narrows_everything(open_page):
    mine = open_page(OVERVIEW, lead="Tom Brennan")
    assert mine.info[0].value.startswith(
        "Showing only the **14 actions** of 100 led by **Tom Brennan**."
    )
    # He leads the 14 actions of REC 3 and nothing else.
    recs = page_tables(mine)[0]
    assert [(r["Ref"], r["Actions"]) for r in recs] == [("REC 3", "14")]


def test_a_lead_in_the_link_is_matched_ignoring_case(open_page):
    at = open_page(OVERVIEW, lead="tom BRENNAN")
    assert at.selectbox(key="lead").value == "Tom Brennan"
    assert "led by **Tom Brennan**" in at.info[0].value


def test_a_bad_link_says_what_it_ignored(open_page):
    at = open_page(OVERVIEW, lead="Nobody Here", as_at="2026-02-30")
    warnings = [shown(w.value) for w in at.warning]
    assert any("lead officer “Nobody Here”" in w and "everyone's actions" in w for w in warnings)
    assert any("“2026-02-30” is not a date" in w for w in warnings)
    assert not at.info  # everyone is shown, not a narrowed view


def test_a_past_as_at_date_is_said_in_a_banner(open_page):
    at = open_page(OVERVIEW)
    assert any(
        w.value.startswith(f"**Shown as at {format_date(AS_AT)}, in the past**") for w in at.warning
    )


def test_plan_page_explains_each_colour(open_page):
    at = open_page(PLAN)
    # Eight recommendations, after the box of the plan's indicator flags.
    assert len(at.main.expander) == 9
    assert at.main.expander[0].label.startswith("Is the plan moving its indicators?")
    assert any(e.label.startswith("✖ Red · **REC 1**") for e in at.main.expander)
    assert page_tables(at) == []  # closed recommendations draw nothing
    at.toggle(key="plan_expand").set_value(True).run()
    actions = page_tables(at)
    assert sum(len(t) for t in actions) == 100
    reasons = "\n".join(r["Why"] for t in actions for r in t)
    assert "days overdue" in reasons and "no progress update for" in reasons
    assert "no due date set" in reasons


def test_plan_page_lead_filter_narrows(open_page):
    at = open_page(PLAN, lead="Tom Brennan")
    at.toggle(key="plan_expand").set_value(True).run()
    assert sum(len(t) for t in page_tables(at)) == 14
    assert [e.label.split(" — ")[0] for e in at.main.expander] == ["● Green · **REC 3**"]


def test_plan_page_colour_filter_narrows_the_page(open_page):
    at = open_page(PLAN, colour="Red")
    # One click (or a link) shows only the red actions, opened, in the recommendations holding them.
    assert [e.label.split(" — ")[0] for e in at.main.expander] == [
        "✖ Red · **REC 1**",
        "✖ Red · **REC 4**",
        "✖ Red · **AFD 3**",
    ]
    shown = [r for t in page_tables(at) for r in t]
    assert len(shown) == 10 and {r["Status"] for r in shown} == {"✖ Red"}
    assert "Showing the 10 actions that are Red, in 3 recommendations of 8." in text_of(at)
    assert "No actions in this theme yet." not in text_of(at)


def test_my_actions_without_a_lead_lists_every_lead(open_page):
    at = open_page(MY_ACTIONS)
    leads = page_tables(at)[0]
    assert "Rebecca Hollis" in {r["Lead officer"] for r in leads}
    overdue = [int(r["Overdue"]) for r in leads]
    assert overdue == sorted(overdue, reverse=True)
    assert len(leads) == 21  # every lead, none hidden


def test_my_actions_for_a_lead_sorts_by_urgency(open_page):
    at = open_page(MY_ACTIONS, lead="Rebecca Hollis")
    assert "Rebecca Hollis" in at.subheader[0].value
    table = at.dataframe[0].value
    order = {"✖ Red": 0, "▲ Amber": 1}
    ranks = [order.get(s, 2) for s in table["rag"]]
    assert ranks == sorted(ranks) and ranks[0] == 0
    assert "✔ Blue" not in set(table["rag"])  # completed hidden until asked for
    at.toggle(key="my_show_completed").set_value(True).run()
    assert "✔ Blue" in set(at.dataframe[0].value["rag"])


def test_as_at_date_changes_the_picture(open_page):
    now = open_page(OVERVIEW)
    earlier = open_page(OVERVIEW, as_at="2025-06-01")
    tiles = tile_values(now)
    assert (tiles["Complete"], tiles["✖ Overdue"]) == ("34%", "10")
    # In June 2025 nothing was complete or overdue yet.
    tiles = tile_values(earlier)
    assert (tiles["Complete"], tiles["Overdue"]) == ("0%", "0")
    assert {r["Complete"] for r in page_tables(earlier)[0]} == {"0%"}
    assert "Overall effectiveness" in text_of(earlier)  # the 2023 framework had an overall grade
    assert "Overall effectiveness" not in text_of(now)


@pytest.fixture
def editable_page(tmp_path, monkeypatch):
    """Like open_page, on a database of its own, since these tests write to it."""
    url = f"sqlite:///{tmp_path / 'edit.db'}"
    prepare_database(make_engine(url), AS_AT, demo=True)
    monkeypatch.setenv("READINESS_DATABASE_URL", url)
    stale = plan_status(stored_plan(make_engine(url)), AS_AT, Settings(), lead=LEAD).actions
    action_id = int(stale[stale["state"] == "stale"].iloc[0]["action_id"])

    def open_action() -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.query_params.update({"as_at": AS_AT.isoformat(), "lead": LEAD})
        at.run()
        at.switch_page(MY_ACTIONS).run()
        at.session_state["my_open_action"] = action_id  # as a click on its row does
        at.run()
        assert not at.exception, at.exception
        return at

    return open_action, action_id


LEAD = "Rebecca Hollis"


def save_update(at: AppTest, text: str, status: str = "in_progress") -> AppTest:
    progress_field(at, "text").input(text)
    progress_field(at, "status").set_value(status)
    return at.button[0].click().run() if at.button else at


def test_lead_records_progress_and_the_colour_changes_at_once(editable_page):
    open_action, action_id = editable_page
    at = open_action()
    # The chosen action is open, with its progress form and the form linking it to indicators.
    submits = {b.key for b in at.button}
    assert f"FormSubmitter:my_update_{action_id}-Save update" in submits
    assert f"FormSubmitter:my_links_{action_id}-Save indicators" in submits
    at = save_update(at, "Protocol signed off by the health partners.")
    assert not at.exception and not at.error
    row = at.dataframe[0].value.set_index("action")
    after = plan_status(
        stored_plan(make_engine(os.environ["READINESS_DATABASE_URL"])), AS_AT, Settings()
    ).actions.set_index("action_id")
    assert after.loc[action_id, "rag"] == "green"
    assert row.loc[after.loc[action_id, "action"], "rag"] == "● Green"
    bodies = [h.proto.body for h in at.get("html")]
    history = next(b for b in bodies if b.startswith('<ul class="user-text"><li>'))
    first = history.split("</li>")[0]
    assert "Protocol signed off by the health partners." in first  # newest first


def test_a_choice_in_one_action_s_form_never_reaches_another(editable_page):
    open_action, first = editable_page
    at = open_action()
    url = os.environ["READINESS_DATABASE_URL"]
    before = {a.id: (a.status, a.version) for a in stored_plan(make_engine(url)).actions}
    # Complete chosen for one action, not saved; then another action is opened.
    progress_field(at, "status").set_value("complete")
    mine = plan_status(stored_plan(make_engine(url)), AS_AT, Settings(), lead=LEAD).actions
    second = int(
        mine[(mine["action_id"] != first) & (mine["status"] != "complete")].iloc[0]["action_id"]
    )
    at.session_state["my_open_action"] = second
    at.run()
    assert progress_field(at, "status").value == before[second][0]
    at = save_update(at, "Checked the second action only.", status=before[second][0])
    assert not at.exception and not at.error
    after = {a.id: (a.status, a.version) for a in stored_plan(make_engine(url)).actions}
    assert [i for i in after if after[i] != before[i]] == [second]
    # The form is drawn afresh after the save: no note, the saved status.
    assert progress_field(at, "text").value == ""


def test_second_editor_is_refused_not_overwritten(editable_page):
    open_action, action_id = editable_page
    first, second = open_action(), open_action()
    save_update(first, "First editor's note.")
    second = save_update(second, "Second editor's note.", status="complete")
    assert second.error and "nothing was overwritten" in second.error[0].value
    plan = stored_plan(make_engine(os.environ["READINESS_DATABASE_URL"]))
    saved = next(a for a in plan.actions if a.id == action_id)
    assert saved.updates[-1].text == "First editor's note." and saved.status == "in_progress"


def test_every_page_on_an_empty_database_says_what_to_do(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    prepare_database(make_engine(url), AS_AT, demo=False)  # the schema, no plan
    monkeypatch.setenv("READINESS_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["as_at"] = AS_AT.isoformat()
    at.run()
    for page in [OVERVIEW, PLAN, MY_ACTIONS, "views/loading.py"]:
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        if page == "views/loading.py":
            assert [c.value for c in at.caption].count("No plan is stored yet.") == 2
            assert at.get("file_uploader")
        else:
            said = next(w.value for w in at.warning if w.value.startswith("No improvement plan"))
            assert "**Data** page" in said


def _app_on(plan, tmp_path, monkeypatch) -> AppTest:
    """The app, run once, on a new database holding only `plan`."""
    url = f"sqlite:///{tmp_path / 'plan.db'}"
    engine = make_engine(url)
    prepare_database(engine, AS_AT, demo=False)
    store_of(engine).import_plan(plan, AS_AT, by=LOCAL_USER)
    monkeypatch.setenv("READINESS_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["as_at"] = AS_AT.isoformat()
    return at.run()


def test_a_long_plan_is_shown_a_page_of_recommendations_at_a_time(tmp_path, monkeypatch):
    plan = demo_plan(AS_AT)
    copies = [copy.deepcopy(r) for _ in range(6) for r in demo_plan(AS_AT).recommendations]
    for number, rec in enumerate(copies, start=1):
        rec.ref, rec.kind = f"REC {number}", "REC"
    plan.recommendations = copies  # 48 recommendations
    at = _app_on(plan, tmp_path, monkeypatch)
    at.switch_page(PLAN).run()
    assert len(at.main.expander) == 40
    assert "Recommendations 1–40 of 48" in [c.value for c in at.caption]
    at.selectbox(key="plan_recs_page").set_value(2).run()
    assert [e.label.split(" · ")[1].split(" — ")[0] for e in at.main.expander][:2] == [
        "**REC 41**",
        "**REC 42**",
    ]
    assert len(at.main.expander) == 8


def test_a_plan_naming_no_judgement_area_says_why_the_areas_are_grey(tmp_path, monkeypatch):
    plan = demo_plan(AS_AT)
    for rec in plan.recommendations:
        rec.areas = []
    at = _app_on(plan, tmp_path, monkeypatch)
    assert not at.exception, at.exception
    assert at.info[0].value.startswith("The plan names no judgement area")
    assert text_of(at).count("no recommendation in the plan bears on this area") == 4
