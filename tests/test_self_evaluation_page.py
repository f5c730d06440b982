"""The Self-evaluation page as people use it (AppTest): every judgement area drafted with its
strengths and priorities and where each came from; an editor writes the narrative, edits a
line and marks the draft submitted, and the page then says what changed since; a viewer reads
and downloads, with no form to write in."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from readiness.access.roles import LOCAL_USER, Role
from tests.conftest import open_app, open_expander, store_of
from tests.page_text import shown
from tests.test_signin import app_with_sign_in, fresh_caches, on  # noqa: F401 (autouse)

PAGE = "views/self_evaluation.py"


def page_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [h.value for h in at.subheader] + [h.value for h in at.header]
    parts += [str(e.proto.body) for e in at.get("html")]
    return shown("\n".join(parts))


def test_the_page_drafts_every_judgement_area_with_its_sources(demo_url, monkeypatch):
    at = open_app(demo_url, monkeypatch, PAGE)
    titles = [h.value for h in at.subheader]
    assert titles[:4] == [
        "The impact of leaders on practice with children and families",
        "The experiences and progress of children who need help and protection",
        "The experiences and progress of children in care",
        "The experiences and progress of care leavers",
    ]
    text = page_text(at)
    assert "▲ Priority" in text and "From: Improvement plan: Recommendation 5" in text
    assert "From: Indicator: " in text and "How we know" in text
    assert "Leaders' narrative: not yet written." in text
    assert [b.label for b in at.get("download_button")][:2] == ["Word document (.docx)", "PDF"]


def test_an_editor_writes_the_narrative_edits_a_line_and_submits(
    demo_engine, sqlite_url, monkeypatch
):
    at = open_app(sqlite_url, monkeypatch, PAGE)
    open_expander(at, "sef_open_narrative_care_leavers")
    at.text_area(key="sef_text_care_leavers_1").input("Care leavers tell us their homes feel safe.")
    next(b for b in at.button if b.label == "Save the narrative" and "care_leavers" in b.id).click()
    at.run()
    assert not at.exception
    assert "Care leavers tell us their homes feel safe." in page_text(at)
    assert "Leaders' narrative, written by Local user on" in page_text(at)

    open_expander(at, "sef_open_edit_care_leavers")
    at.text_area(
        key=next(t.key for t in at.text_area if t.key.startswith("sef_words_care_leavers_"))
    ).input("Suitable homes for care leavers: our words.")
    next(b for b in at.button if b.label == "Save the words" and "care_leavers" in b.id).click()
    at.run()
    assert "Suitable homes for care leavers: our words." in page_text(at)
    assert "edited by Local user" in page_text(at)

    next(b for b in at.button if b.label == "Mark as submitted").click()
    at.run()
    assert not at.exception
    store = store_of(demo_engine)
    sent, _demo = store.self_evaluation_versions()  # newest first; the demo's is older
    frozen = store.self_evaluation_version(sent.id)
    care = next(a for a in frozen.areas if a.code == "care_leavers")
    assert care.said(1).text == "Care leavers tell us their homes feel safe."
    at.run()
    assert "Nothing has changed since the submitted version" in page_text(at)


def test_a_viewer_reads_and_downloads_but_has_no_form(demo_engine, sqlite_url, monkeypatch):
    store_of(demo_engine).add_person("vera@marshcombe.example", "Vera", Role.VIEWER, by=LOCAL_USER)
    at = app_with_sign_in(
        sqlite_url,
        monkeypatch,
        {"is_logged_in": True, "email": "vera@marshcombe.example", "name": "Vera"},
    )
    at.switch_page(PAGE).run()
    assert not at.exception
    assert "Editors write the narrative and submit it to Ofsted." in page_text(at)
    labels = [b.label for b in at.button]
    assert "Mark as submitted" not in labels and "Save the narrative" not in labels
    assert [b.label for b in at.get("download_button")][:2] == ["Word document (.docx)", "PDF"]


@pytest.mark.parametrize("as_at", ["2022-06-01", "2024-06-01"])
def test_an_earlier_framework_gives_its_own_areas(demo_url, monkeypatch, as_at):
    at = open_app(demo_url, monkeypatch, PAGE, as_at=as_at)
    titles = [h.value for h in at.subheader]
    combined = "The experiences and progress of children in care and care leavers"
    assert (combined in titles) == (as_at == "2022-06-01")


def test_a_long_evidence_table_shows_its_first_rows_and_says_where_the_rest_are():
    from components.self_evaluation import ROWS_SHOWN, line_html
    from readiness.self_evaluation.document import Evidence, Line

    rows = tuple((f"Action {n}", "Pat", "1 Dec 2026", "Overdue") for n in range(1, 61))
    evidence = Evidence(("Action", "Lead", "Due", "State"), rows)
    drawn = line_html(Line("overdue:leaders", "priority", "60 actions overdue", "Plan", evidence))
    assert f"Action {ROWS_SHOWN}<" in drawn and f"Action {ROWS_SHOWN + 1}<" not in drawn
    assert "The first 50 rows; the Word and PDF documents hold all 60." in drawn
    assert "How we know: 60 rows of evidence" in drawn
