"""Starting from Ofsted's report: every real report through `import-report` and the Data page,
into the council's inspection history (and so the prediction) and a draft plan, stored once.

The real reports are kept outside the repo (tests.test_report_pdf.REPORTS); the tests that need
them are skipped, saying why, where they are absent. Files that are not reports are written in
the test.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from readiness.access.roles import LOCAL_USER
from readiness.db.models import InspectionEvent, InspectionGrade, PlanEvent
from readiness.inspection.record_store import OWN, own_event_rows, stored_prediction
from readiness.inspection.report_import import draft_points
from readiness.inspection.report_pdf import read_report
from readiness.plan.importing import read_plan
from readiness.plan.importing.committee_header import EXPECTED_HEADINGS
from readiness.plan.store import list_plans, make_current
from readiness.settings import Settings
from readiness.text import loose_words
from tests import pdf_bombs
from tests.conftest import AS_AT, open_app, store_of, stored_plan
from tests.html_tables import page_tables
from tests.page_text import shown
from tests.test_cli import run
from tests.test_pages import text_of
from tests.test_plan_sync import snapshot
from tests.test_report_pdf import REAL_REPORTS, pdf_of, real_report, synthetic_report

FILES = [report.file for report in REAL_REPORTS]
COMMITTEE_COLUMNS = ("recommendation", "theme", "service_lead", "actions")


def url_of(engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def own_history(engine):
    """(stored id, event) of each of the council's own events."""
    with engine.connect() as conn:
        return own_event_rows(conn, OWN)


@pytest.mark.parametrize("file", FILES, ids=lambda file: file.split("_", 1)[1][:-15])
def test_real_report_joins_the_history_and_starts_a_draft_plan_once(engine, capsys, file):
    path = real_report(file)
    reading = read_report(path, file)
    with engine.connect() as conn:
        earlier = stored_prediction(conn, AS_AT, Settings().inspection).last
    before = snapshot(engine)

    dry = run(
        capsys, "import-report", str(path), "--dry-run", "--format", "json", db=url_of(engine)
    )
    assert dry.code == 0, dry.err
    assert json.loads(dry.out) == reading.as_json()
    assert "Dry run: nothing was stored." in dry.err
    assert snapshot(engine) == before

    history = own_history(engine)
    stored = run(capsys, "import-report", str(path), "--yes", db=url_of(engine))
    assert stored.code == 0, stored.err
    # The demo database takes the report's council as its own (tests/test_report_council.py).
    assert "Stored. This report's council, " in stored.out and " Added the " in stored.out
    added = [(i, e) for i, e in own_history(engine) if (i, e) not in history]
    assert [(e.kind, e.start, e.end, e.grades, e.lead_inspector) for _, e in added] == [
        (reading.kind, reading.start, reading.end, reading.grades, reading.lead_inspector)
    ]
    plan = stored_plan(engine)
    assert (plan.id, added[0][0]) in snapshot(engine)["plan_event"]  # the plan answers it
    assert plan.title.startswith("Draft plan from Ofsted's report, ")
    assert plan.council == reading.local_authority
    assert [(r.ref, r.kind, r.text) for r in plan.recommendations] == [
        (f"REC {n}", "REC", point.text) for n, point in enumerate(reading.improve, start=1)
    ]
    assert all(r.areas for r in plan.recommendations)
    assert (plan.themes, plan.actions) == ((), ())

    after = snapshot(engine)
    again = run(capsys, "import-report", str(path), "--yes", db=url_of(engine))
    assert again.code == 0, again.err
    assert "Nothing to add: the council's inspection history already holds" in again.out
    assert snapshot(engine) == after

    with engine.connect() as conn:
        prediction = stored_prediction(conn, AS_AT, Settings().inspection)
    assert (prediction.last.kind, prediction.last.start) == (reading.kind, reading.start)
    assert earlier.start < reading.start  # until now, the demo's inspection


def test_a_report_read_and_previewed_adds_its_inspection_and_a_draft_plan(demo_engine):
    # How long reading a report takes is measured by scripts/bench_report_pdf.py.
    path = real_report(REAL_REPORTS[-1].file)
    preview = store_of(demo_engine).preview_report(read_report(path, path.name), path.name)
    assert preview.adds_event and preview.adds_plan


def test_a_second_import_adds_only_what_is_missing(demo_engine):
    """The inspection already in the history is kept, and the new draft plan answers it."""
    path = real_report(REAL_REPORTS[0].file)
    reading = read_report(path, path.name)
    first = store_of(demo_engine).import_report(reading, AS_AT, path.name, by=LOCAL_USER)
    # The council makes its earlier plan current again: the draft's points are not in it.
    with demo_engine.begin() as conn:
        make_current(conn, next(p.id for p in list_plans(conn) if not p.current))
    preview = store_of(demo_engine).preview_report(reading, path.name)
    assert (preview.adds_event, preview.adds_plan) == (False, True)
    assert "The council's inspection history already holds the " in preview.summary()
    second = store_of(demo_engine).import_report(reading, AS_AT, path.name, by=LOCAL_USER)
    assert second.event_id == first.event_id and second.plan_id != first.plan_id
    assert len(own_history(demo_engine)) == 3  # the demo's two events and this one


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04 a Word document", "is not a PDF file"),
        ("truncated", "is a damaged or incomplete PDF"),
        ("minutes", "does not look like an Ofsted inspection report"),
        # Once a draft plan of 5,000 recommendations; once a recommendation of a million letters.
        (pdf_bombs.many_points, "lists more than 30 points under “What needs to improve?”"),
        (pdf_bombs.long_point, "has a point under “What needs to improve?” (point 1, on page 2"),
        (pdf_bombs.page_tree, "has 100,000 pages"),
    ],
)
def test_a_file_that_is_not_a_readable_report_stores_nothing(
    demo_engine, capsys, tmp_path, data, message
):
    if data == "truncated":
        whole = synthetic_report()
        data = whole[: len(whole) * 2 // 3]
    elif data == "minutes":
        data = pdf_of([(72, 760, 12, "Corporate parenting board: minutes, 4 March 2026")])
    elif callable(data):
        data = data()
    path = tmp_path / "upload.pdf"
    path.write_bytes(data)
    before = snapshot(demo_engine)
    result = run(capsys, "import-report", str(path), "--yes", db=url_of(demo_engine))
    assert result.code == 1
    assert result.err.startswith("upload.pdf ") and message in result.err
    assert result.err.rstrip().endswith("Nothing was stored.")
    assert snapshot(demo_engine) == before


def _plan_table(path: Path, layout: str, texts: list[str]) -> Path:
    """The council's plan table holding the report's points, one theme and action each."""
    if layout == "canonical":
        rows = [["Ref", "Recommendation", "Theme", "Action", "Service leads", "Due"]]
        rows += [
            [f"REC {n}", text, f"Theme {n}", f"Action {n}", "Ann Lee", "2027-03-31"]
            for n, text in enumerate(texts, start=1)
        ]
    else:
        rows = [[EXPECTED_HEADINGS[key] for key in COMMITTEE_COLUMNS]]
        rows += [
            [f"REC {n} {text}", f"Theme {n}", "Ann Lee", f"Action {n} by March 2027"]
            for n, text in enumerate(texts, start=1)
        ]
    with path.open("w", newline="", encoding="utf-8") as file:
        csv.writer(file).writerows(rows)
    return path


@pytest.mark.parametrize(
    ("layout", "order"), [("canonical", "report"), ("committee", "the council's own")]
)
def test_the_councils_plan_imported_over_the_draft_updates_it(demo_engine, tmp_path, layout, order):
    path = real_report(REAL_REPORTS[-1].file)  # Trafford: nine points
    reading = read_report(path, path.name)
    draft = store_of(demo_engine).import_report(reading, AS_AT, path.name, by=LOCAL_USER)
    texts = [r.text for r in draft.plan.recommendations]
    if order != "report":
        texts.reverse()  # its own numbering: REC 1 is the report's last point
    table = _plan_table(tmp_path / "plan.csv", layout, texts)
    result = read_plan(table, imported_on=AS_AT)
    read = [loose_words(r.text) for r in result.plan.recommendations]
    assert read == list(map(loose_words, texts))

    store_of(demo_engine).import_plan(result.plan, AS_AT, by=LOCAL_USER)

    plan = stored_plan(demo_engine)
    assert plan.id == draft.plan_id
    stored = sorted(loose_words(r.text) for r in plan.recommendations)
    assert stored == sorted(map(loose_words, texts))
    assert len(plan.actions) == len(texts)


@pytest.fixture
def data_page(demo_engine, sqlite_url, monkeypatch):
    return open_app(sqlite_url, monkeypatch, "views/loading.py")


def upload_report(at, name: str, data: bytes):
    at.file_uploader(key="report_upload").set_value((name, data, "application/pdf")).run()
    assert not at.exception, at.exception


def test_data_page_shows_what_was_read_then_stores_it(data_page, demo_engine):
    path = real_report(REAL_REPORTS[5].file)  # Kent: its points are on page 3
    reading = read_report(path, path.name)
    upload_report(data_page, path.name, path.read_bytes())

    tables = page_tables(data_page)
    facts = next(t for t in tables if t and "As the report gives it" in t[0])
    read = {row["Read"]: (row["As the report gives it"], row["Page"]) for row in facts}
    assert read["Council"] == ("Kent County Council", "1")
    assert read["Fieldwork"] == ("3 Nov 2025 to 7 Nov 2025", "1")
    assert read["Type"][0].startswith("Short inspection, from the days on site: 5 days")
    assert read["Lead inspector"] == ("Steve Lowe", "1")
    assert read["Care leavers"] == ("Requires improvement to be good", "1")
    assert read["Overall effectiveness"] == ("Good", "1")
    points = next(t for t in tables if t and "What needs to improve" in t[0])
    assert [(p["Ref"], p["What needs to improve"], p["Page"]) for p in points] == [
        (f"REC {n}", point.text, "3") for n, point in enumerate(reading.improve, start=1)
    ]
    assert points[1]["Cross-reference"] == "outcome 4, national framework"
    assert points[1]["Suggested judgement areas"] == "Care leavers"
    assert any("Adds the short inspection" in shown(m.value) for m in data_page.markdown)
    # The user moves the second point from care leavers to leaders and children in care.
    data_page.multiselect(key="report_areas_REC 2").set_value(["leaders", "children_in_care"])

    data_page.button(key="report_store").click().run()
    assert any(" Added the short" in shown(s.value) for s in data_page.success)
    recs = stored_plan(demo_engine).recommendations
    assert [r.text for r in recs] == [p.text for p in reading.improve]
    assert set(recs[1].areas) == {"leaders", "children_in_care"}
    assert list(recs[0].areas) == list(draft_points(reading)[0].areas)  # the suggestion kept
    # The same report again: nothing to add, and no button to add it.
    data_page.run()
    assert any("Nothing to add" in shown(i.value) for i in data_page.info)
    assert not [b for b in data_page.button if b.key == "report_store"]


def test_data_page_says_why_a_file_cannot_be_read_and_stores_nothing(data_page, demo_engine):
    before = snapshot(demo_engine)
    upload_report(data_page, "scan.pdf", b"%PDF-1.7 not really")
    assert "scan.pdf is a damaged or incomplete PDF" in shown(data_page.error[0].value)
    assert "Nothing was stored." in shown(data_page.error[0].value)
    assert not [b for b in data_page.button if b.key == "report_store"]
    assert snapshot(demo_engine) == before


def test_data_page_refuses_a_report_of_5000_points_and_stores_nothing(data_page, demo_engine):
    before = snapshot(demo_engine)
    upload_report(data_page, "report.pdf", pdf_bombs.many_points())
    error = shown(data_page.error[0].value)
    assert error.startswith("report.pdf lists more than 30 points under “What needs to improve?”")
    assert "Nothing was stored." in error
    assert not [t for t in page_tables(data_page) if t and "What needs to improve" in t[0]]
    assert not [b for b in data_page.button if b.key == "report_store"]
    assert snapshot(demo_engine) == before


@pytest.mark.parametrize("page", ["views/overview.py", "views/plan.py"])
def test_the_draft_plan_renders_with_no_themes_or_actions(
    demo_engine, sqlite_url, monkeypatch, page
):
    path = real_report(REAL_REPORTS[3].file)  # Bradford: five points
    reading = read_report(path, path.name)
    store_of(demo_engine).import_report(reading, AS_AT, path.name, by=LOCAL_USER)
    at = open_app(sqlite_url, monkeypatch, page)
    text = text_of(at)
    assert "Draft plan from Ofsted" in text
    assert all(f"REC {n}" in text for n in range(1, len(reading.improve) + 1))


def test_a_new_inspection_joins_the_plan_that_already_holds_its_points(demo_engine):
    """The council's plan already answers every point (say it typed them in): reading the
    report adds the inspection to the history and links it to that plan, no second plan."""
    path = real_report(REAL_REPORTS[0].file)
    reading = read_report(path, path.name)
    first = store_of(demo_engine).import_report(reading, AS_AT, path.name, by=LOCAL_USER)
    with demo_engine.begin() as conn:
        conn.execute(delete(PlanEvent))
        conn.execute(delete(InspectionGrade).where(InspectionGrade.event_id == first.event_id))
        conn.execute(delete(InspectionEvent).where(InspectionEvent.id == first.event_id))
    again = store_of(demo_engine).import_report(reading, AS_AT, path.name, by=LOCAL_USER)
    assert (again.adds_event, again.adds_plan, again.plan_id) == (True, False, None)
    with demo_engine.connect() as conn:
        links = conn.execute(select(PlanEvent.plan_id, PlanEvent.event_id)).all()
    assert links == [(first.plan_id, again.event_id)]
