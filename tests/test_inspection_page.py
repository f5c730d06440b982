"""The Inspection page as a user meets it: the demo council's predicted next inspection with its
window, chances and reasons; an event added through the form moving the prediction and its
removal restoring it; the national outlook once the record is imported; the Overview's line
linking to the page; and the page's charts, through `chart.to_dict()`."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pandas as pd
import pytest

from components.inspection_charts import chance_by_month_chart, timeline_chart
from readiness.access.roles import LOCAL_USER
from readiness.db.engine import make_engine
from readiness.demo.prepare import prepare_database
from readiness.inspection.checklist_store import tasks
from readiness.inspection.events import Inspection
from readiness.inspection.national_files import read_national
from readiness.inspection.outlook import Window
from readiness.inspection.plan_flags import after_window, flag_after_window
from readiness.inspection.record_store import stored_prediction
from readiness.kpi import store as kpi_store
from readiness.kpi.store import Council
from readiness.kpi.values import region_area
from readiness.settings import InspectionSettings
from readiness.text import format_date
from tests.conftest import AS_AT, open_app, open_expander, store_of, stored_plan
from tests.html_tables import page_tables
from tests.kpi_data import NATIONAL_FILES, OFSTED_DATA, shared_file
from tests.page_text import shown

PAGE = "views/inspection.py"
GOOD_EVERYWHERE = ("leaders", "help_protection", "children_in_care", "care_leavers")
FORM = "inspection_event"


@pytest.fixture
def demo(demo_engine, sqlite_url) -> str:
    """A demo database of this test's own, which the test may change."""
    return sqlite_url


def headline(at) -> str:
    return next(shown(m.value) for m in at.markdown if m.value.startswith("**Next"))


def all_text(at) -> str:
    return "\n".join(shown(m.value) for m in at.markdown)


def event_table(at) -> list[dict[str, str]]:
    return next(t for t in page_tables(at) if t and "Fieldwork started" in t[0])


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


def test_the_demo_shows_the_type_window_chances_and_reasons(demo, demo_engine, monkeypatch):
    at = open_app(demo, monkeypatch, PAGE)
    with demo_engine.connect() as conn:
        expected = stored_prediction(conn, AS_AT, InspectionSettings())
    window = expected.window
    assert headline(at) == (
        f"**Next: a standard inspection, most likely from {format_date(window.likely)}, "
        f"likely between {format_date(window.earliest)} and {format_date(window.latest)}; "
        f"{expected.within[91]:.0%} chance fieldwork starts within 91 days**."
    )
    # Ofsted's published window, named apart from the predicted dates.
    assert (
        "Ofsted's published window opened 20 Nov 2026: Ofsted may call any week from now on."
        in [m.value for m in at.markdown]
    )
    assert [m.label for m in at.metric] == [
        "Chance within 30 days",
        "Chance within 91 days (3 months)",
        "Chance within 182 days (6 months)",
    ]
    assert at.metric[1].value == f"{expected.within[91]:.0%}"
    assert "Why" in [s.value for s in at.subheader]
    text = all_text(at)
    for reason in expected.reasons:
        assert reason in text
    # The demo's own history, in words; without the national record, how sure the chances are,
    # and where the set-up advice is (the Data page), not the command itself.
    assert [r["Event"] for r in event_table(at)] == ["Standard inspection", "Focused visit"]
    assert "Overall effectiveness: Requires improvement to be good" in event_table(at)[0]["Grades"]
    assert any("less sure" in i.value and "Data page" in i.value for i in at.info)
    assert "less sure" in at.caption[1].value
    page_words = all_text(at) + "".join(i.value + c.value for i in at.info for c in at.caption)
    assert "python -m" not in page_words and "config.toml" not in page_words


def add_event(at, kind: str, start: date, end: date | None = None, **fields) -> None:
    """Open the form, fill it in as a user would and press Add."""
    open_expander(at, f"{FORM}_adding")
    at.selectbox(key=f"{FORM}_kind").set_value(kind)
    at.date_input(key=f"{FORM}_start").set_value(start)
    at.date_input(key=f"{FORM}_end").set_value(end)
    for name, value in fields.items():
        widget = at.selectbox if name.startswith("grade_") else at.text_input
        widget(key=f"{FORM}_{name}").set_value(value)
    button(at, "Add").click().run()
    assert not at.exception, at.exception


def test_an_event_added_moves_the_prediction_and_its_removal_restores_it(demo, monkeypatch):
    at = open_app(demo, monkeypatch, PAGE)
    before = headline(at)
    # A short inspection last month, good in every judgement (from April 2026 there is no
    # overall grade): the next one is about three years on.
    start = AS_AT - timedelta(days=AS_AT.weekday() + 35)
    good = {f"grade_{area}": "good" for area in GOOD_EVERYWHERE}
    add_event(at, "short", start, start + timedelta(days=4), **good)
    after = headline(at)
    assert after.startswith("**Next: a short inspection, most likely ")
    assert after != before
    assert [r["Event"] for r in event_table(at)][-1] == "Short inspection"
    assert event_table(at)[-1]["Grades"].split("\n") == [
        "Impact of leaders: Good",
        "Help and protection: Good",
        "Children in care: Good",
        "Care leavers: Good",
    ]
    # The window moves years out: none of its dates falls before 2028.
    window = after.split("likely between ")[1].split(";")[0]
    assert all(int(year) >= 2028 for year in window.replace(" and ", " ").split()[2::3])

    open_expander(at, f"{FORM}_removing")
    at.selectbox(key=f"{FORM}_remove_id").select_index(2)
    button(at, "Remove").click().run()
    assert not at.exception, at.exception
    assert headline(at) == before
    assert [r["Event"] for r in event_table(at)] == ["Standard inspection", "Focused visit"]


@pytest.mark.parametrize(
    ("kind", "days", "fields", "problem"),
    [
        ("standard", -3, {}, "before fieldwork started"),
        ("focused_visit", 1, {"grade_overall": "good"}, "A focused visit is not graded"),
        (
            "standard",
            11,
            {"grade_care_leavers": "good", "grade_overall": "good"},
            "Care leavers is not a judgement of ILACS 2018",
        ),
    ],
)
def test_the_form_refuses_an_entry_that_cannot_be_right(
    demo, monkeypatch, kind, days, fields, problem
):
    at = open_app(demo, monkeypatch, PAGE)
    # A date under ILACS 2018, which judged children in care and care leavers together.
    start = date(2019, 6, 3)
    add_event(at, kind, start, start + timedelta(days=days), **fields)
    errors = [shown(e.value) for e in at.error]
    assert len(errors) == 1 and errors[0].startswith("Nothing was added")
    assert problem in errors[0]
    assert len(event_table(at)) == 2  # nothing stored
    # What was typed stays, to be put right.
    assert at.date_input(key=f"{FORM}_start").value == start


def test_what_a_user_types_is_shown_as_text(demo, monkeypatch):
    at = open_app(demo, monkeypatch, PAGE)
    theme = "<b>Care</b> ![x](http://example.invalid/x.png) :red[leavers]"
    add_event(at, "focused_visit", AS_AT - timedelta(days=20), theme=theme, lead="<i>Ann</i>")
    row = event_table(at)[-1]
    assert (row["Theme"], row["Lead inspector"]) == (theme, "<i>Ann</i>")
    markup = "".join(h.proto.body for h in at.get("html"))
    assert "<b>Care</b>" not in markup and "&lt;b&gt;Care&lt;/b&gt;" in markup
    # The reasons quote the visit's theme, escaped: no image is fetched, no colour drawn.
    reasons = [m.value for m in at.markdown if "Focused visit on" in shown(m.value)]
    assert reasons and all("![x](" not in r and ":red[" not in r for r in reasons)
    assert f"Focused visit on {theme} in" in shown(reasons[0])


def test_without_a_full_inspection_the_page_says_what_to_do(sqlite_url, monkeypatch):
    prepare_database(make_engine(sqlite_url), AS_AT, demo=False)
    at = open_app(sqlite_url, monkeypatch, PAGE)
    warning = next(shown(w.value) for w in at.warning if "No full inspection" in w.value)
    assert warning.startswith("No full inspection of this council is recorded before")
    assert "add its last inspection on the Inspection page" in warning
    assert not at.metric  # no chances without a last inspection to count from
    assert any("No inspection or visit of the council is entered yet" in i.value for i in at.info)


@pytest.fixture(scope="module")
def leeds_url(tmp_path_factory) -> str:
    """The demo with the national record imported, shown for Leeds (DfE number 383)."""
    record = read_national([shared_file(OFSTED_DATA / name) for name in NATIONAL_FILES])
    url = f"sqlite:///{tmp_path_factory.mktemp('national') / 'leeds.db'}"
    engine = make_engine(url)
    prepare_database(engine, AS_AT, demo=True)
    store_of(engine).store_national_record(record, AS_AT, by=LOCAL_USER)
    with engine.begin() as conn:
        kpi_store.set_council(
            conn, Council("383", "Leeds", region_area("Yorkshire and the Humber"))
        )
    engine.dispose()
    return url


def test_the_national_outlook_shows_the_likeliest_councils_and_leeds(leeds_url, monkeypatch):
    at = open_app(leeds_url, monkeypatch, PAGE)
    tables = [
        [{k: v.replace("\xa0", " ") for k, v in r.items()} for r in t] for t in page_tables(at)
    ]
    top = next(t for t in tables if t and "Chance within 91 days" in t[0])
    assert len(top) == 15
    chances = [int(r["Chance within 91 days"].rstrip("%")) for r in top]
    assert chances == sorted(chances, reverse=True)
    region, neighbours = [t for t in tables if t and "Impact of leaders" in t[0]]
    leeds = next(r for r in region if r["Council"] == "Leeds (this council)")
    assert leeds["Last full inspection started"] == "30 Jun 2025"
    assert leeds["Overall effectiveness"] == "Outstanding"
    assert all("(this council)" not in r["Council"] for r in neighbours) and len(neighbours) == 10
    line = next(shown(m.value) for m in at.markdown if " ranks " in shown(m.value))
    assert line.startswith("**Leeds** ranks **") and "started 30 Jun 2025" in line
    assert "Chances learned from the national record of Ofsted's recent inspections." in [
        c.value for c in at.caption
    ]


def test_the_overview_gives_the_next_inspection_and_links_to_the_page(demo, monkeypatch):
    at = open_app(demo, monkeypatch)
    link = next(link for link in at.page_link if link.proto.page.endswith("inspection"))
    assert link.value.startswith("**Next inspection:** a standard inspection, most likely from ")
    assert "likely between " in link.value


# The charts ------------------------------------------------------------------------------------

WINDOW = Window(date(2027, 4, 19), date(2027, 9, 27), date(2028, 1, 24))
EVENTS = [
    Inspection("900", "standard", date(2024, 5, 20)),
    Inspection("900", "focused_visit", date(2025, 9, 23)),
]


def layers_of(spec: dict) -> list[dict]:
    return spec["layer"]


def test_the_timeline_names_its_parts_and_tells_kinds_apart_without_colour():
    blackout = [(date(2026, 12, 12), date(2027, 1, 11), "Christmas and New Year: no starts")]
    spec = timeline_chart(
        EVENTS, WINDOW, AS_AT, blackout, title="Marshcombe: inspections"
    ).to_dict()
    assert spec["title"]["text"] == "Marshcombe: inspections"
    marks = [layer["mark"]["type"] for layer in layers_of(spec)]
    assert marks == ["rect", "rect", "text", "rule", "text", "rule", "text", "point", "text"]
    points = layers_of(spec)[7]["encoding"]
    assert points["x"]["title"] == "Date"
    assert points["shape"]["scale"] == {
        "domain": ["Standard inspection", "Focused visit"],
        "range": ["square", "triangle-up"],
    }
    texts = {
        row["label"]
        for layer in layers_of(spec)
        if layer["mark"]["type"] == "text"
        for row in spec["datasets"][layer["data"]["name"]]
    }
    assert {
        "Predicted window: 19 Apr 2027 to 24 Jan 2028",
        "Most likely: week of 27 Sep 2027",
        f"As at {format_date(AS_AT)}",
        "May 2024",
        "Sep 2025",
    } <= texts


def test_an_open_window_runs_to_the_last_week_the_chances_cover():
    window = Window(date(2028, 9, 25), None, None)
    spec = timeline_chart([], window, AS_AT, [], title="t", last_week=date(2029, 11, 19)).to_dict()
    band = layers_of(spec)[0]
    rows = spec["datasets"][band["data"]["name"]]
    assert rows == [
        {
            "start": "2028-09-25",
            "end": "2029-11-26",
            "label": "Predicted window: 25 Sep 2028 to open",
        }
    ]


def test_the_chance_by_month_chart_is_titled_and_its_axes_named():
    months = [(date(2027, 1, 1), 0.02), (date(2027, 2, 1), 0.05)]
    spec = chance_by_month_chart(months, title="Chance fieldwork starts, by month").to_dict()
    assert spec["title"]["text"] == "Chance fieldwork starts, by month"
    assert spec["mark"]["type"] == "bar"
    assert spec["encoding"]["x"]["title"] == "Month fieldwork starts"
    assert spec["encoding"]["y"]["title"] == "Chance (%)"
    assert [row["chance"] for row in spec["datasets"][spec["data"]["name"]]] == [2.0, 5.0]


def checklist_table(at) -> list[dict[str, str]]:
    return next(t for t in page_tables(at) if t and "Task" in t[0])


def test_the_checklist_colours_against_the_published_window_and_due_dates(
    demo, demo_engine, monkeypatch
):
    # The first two suggested tasks are ticked from the self-evaluation records, never by hand
    # (tests/test_engagement.py): the two kept here are the next two.
    _, _, first, second, *_ = tasks_of(demo_engine)
    # The suggested list: every task has an owner and a due date before the predicted window.
    assert first.owner and first.due and second.owner and second.due
    # The demo's published window opens 30 months after its May 2024 inspection.
    opens = stored_prediction_of(demo_engine, AS_AT).opens
    done = replace(first, status="complete", owner="Head of Service")
    due = opens + timedelta(days=60)
    store_of(demo_engine).save_checklist([done, replace(second, due=due)], AS_AT, by=LOCAL_USER)
    early = open_app(demo, monkeypatch, PAGE, as_at=(opens - timedelta(days=30)).isoformat())
    before = checklist_table(early)
    assert [row["Status"].split()[-1] for row in before] == ["Blue", "Green"]
    assert before[0]["Owner"] == "Head of Service"
    assert "**1 of 2 readiness tasks not ready.**" in [m.value for m in early.markdown]
    # A week after it opens, the task not done is at risk, and says why.
    later = open_app(demo, monkeypatch, PAGE, as_at=(opens + timedelta(days=7)).isoformat())
    rows = checklist_table(later)
    assert [row["Status"].split()[-1] for row in rows] == ["Blue", "Amber"]
    assert f"published window opened on {format_date(opens)}" in rows[1]["Why"]
    # Past its due date, it is late.
    late = open_app(demo, monkeypatch, PAGE, as_at=(due + timedelta(days=1)).isoformat())
    assert [row["Status"].split()[-1] for row in checklist_table(late)] == ["Blue", "Red"]
    assert "**1 of 2 readiness tasks not ready (1 past its due date).**" in [
        m.value for m in late.markdown
    ]


def tasks_of(engine):
    prediction = stored_prediction_of(engine, AS_AT)
    with engine.connect() as conn:
        return tasks(conn, prediction.window.earliest, AS_AT)


def stored_prediction_of(engine, as_at):
    with engine.connect() as conn:
        return stored_prediction(conn, as_at, InspectionSettings())


def test_the_plan_flags_open_actions_due_after_the_window_opens(demo, demo_engine, monkeypatch):
    opens = stored_prediction_of(demo_engine, AS_AT).opens
    at = open_app(demo, monkeypatch, "views/plan.py")
    at.toggle(key="plan_expand").set_value(True).run()
    loaded = stored_plan(demo_engine)
    late = [
        a for a in loaded.actions if a.status != "complete" and a.due is not None and a.due > opens
    ]
    assert late, "the demo has open actions due after its window opens"
    caption = next(c.value for c in at.caption if "after Ofsted's published window" in c.value)
    assert caption.startswith(f"{len(late)} open action")
    assert f"Ofsted's published window opened ({format_date(opens)})" in caption
    why = " ".join(row.get("Why", "") for table in page_tables(at) for row in table)
    assert why.count("; due after Ofsted's published window opens") == len(late)


def test_after_window_leaves_complete_and_undated_actions_alone():
    frame = pd.DataFrame(
        {
            "status": ["in_progress", "complete", "not_started", "in_progress"],
            "due": [date(2027, 3, 1), date(2027, 3, 1), None, date(2026, 1, 5)],
            "reason": ["a", "b", "c", "d"],
        }
    )
    flagged = flag_after_window(frame, date(2026, 11, 26))
    assert after_window(frame, date(2026, 11, 26)).tolist() == [True, False, False, False]
    assert flagged["reason"][0] == "a; due after Ofsted's published window opens"
    assert flagged["reason"][1:].tolist() == ["b", "c", "d"]
    assert not after_window(frame, None).any()


def test_the_outlook_says_the_top_may_be_under_way(leeds_url, monkeypatch):
    # The record shows an inspection only once its report is out, so the councils given the
    # highest chances include some Ofsted is already with: the page says so, and how long a
    # report takes in the record (86 days for 19 in 20 ILACS reports known by 1 Mar 2026).
    at = open_app(leeds_url, monkeypatch, "views/inspection.py")
    caption = next(c.value for c in at.caption if "already be under way" in c.value)
    assert "up to 8" in caption and "days after fieldwork starts" in caption
    assert "4 in 10 of the ten councils given the highest chances" in caption


def test_without_a_plan_the_page_names_the_stored_council(tmp_path, monkeypatch):
    # A council that loaded its indicators before any plan: the page is about it, by name.
    url = f"sqlite:///{tmp_path / 'no_plan.db'}"
    engine = make_engine(url)
    prepare_database(engine, AS_AT, demo=False)
    with engine.begin() as conn:
        kpi_store.set_council(conn, Council("394", "Sunderland", None))
    engine.dispose()
    at = open_app(url, monkeypatch, PAGE)
    assert at.caption[0].value.startswith("Sunderland · the next full inspection as at")
