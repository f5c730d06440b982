"""`python -m readiness self-evaluation OUT.docx|OUT.pdf`: the self-evaluation written as a Word
document to edit and a PDF to send, each read back as a reader would find it: every judgement
area under its heading with Ofsted's three questions, the strengths and priorities, the evidence
tables, the leaders' narrative with its author (or a marked place for it), a person's edit in
place of the generated words, a submitted version saying so, and the areas of the framework in
force at the as-at date.

The demo council's database is real (SQLite; one test on PostgreSQL too), its store's clock fixed
so the narrative and the edit are dated where the as-at date sees them.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from readiness.access.roles import LOCAL_USER
from readiness.cli.main import main
from readiness.db.engine import make_engine
from readiness.self_evaluation.document import (
    QUESTIONS,
    FollowUp,
    Meeting,
    Narrative,
    SelfEvaluation,
)
from readiness.self_evaluation.export_docx import write_docx
from readiness.self_evaluation.export_pdf import write_pdf
from readiness.settings import load_settings
from readiness.store import Store
from tests.test_cli_startup import libraries_loaded

AS_AT = date(2026, 12, 6)
WRITTEN = datetime(2026, 12, 1, 9, 30)  # the store's clock: the narrative and the edit's time
# Fictional leaders' words and a fictional edit, for the demo council.
NARRATIVE = (
    "Leaders test what they know through monthly dip samples of plans, a practice week each "
    "term in which senior managers sit with social workers, and the views of families gathered "
    "by the participation team."
)
EDITED = "Plans for children in need: every action to say who does what, and by when."
AREA_TITLES_2026 = (
    "The impact of leaders on practice with children and families",
    "The experiences and progress of children who need help and protection",
    "The experiences and progress of children in care",
    "The experiences and progress of care leavers",
)


@dataclass(frozen=True)
class Demo:
    url: str
    folder: Path
    store: Store
    document: SelfEvaluation  # the draft as at AS_AT, after the narrative and the edit
    generated: str  # the edited line's generated words


def demo_store(url: str) -> Store:
    store = Store(make_engine(url), load_settings(), now=lambda: WRITTEN)
    store.prepare(AS_AT)
    return store


def prepared(url: str, folder: Path) -> Demo:
    """The demo council with narrative under question 2 of help and protection, and the area's
    first priority edited."""
    store = demo_store(url)
    store.write_narrative("help_protection", 2, NARRATIVE, by=LOCAL_USER)
    area = next(a for a in store.self_evaluation(AS_AT).areas if a.code == "help_protection")
    line = area.priorities[0]
    store.edit_line(line.key, EDITED, line.text, by=LOCAL_USER)
    return Demo(url, folder, store, store.self_evaluation(AS_AT), line.text)


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Demo:
    folder = tmp_path_factory.mktemp("self_evaluation")
    return prepared(f"sqlite:///{folder / 'demo.db'}", folder)


def export(url: str, path: Path, *more: str) -> tuple[int, str]:
    """Run `python -m readiness self-evaluation PATH --db URL ...`: its exit code and report."""
    out = io.StringIO()
    code = main(["self-evaluation", str(path), "--db", url, *more], out=out)
    return code, out.getvalue()


@pytest.fixture(scope="module")
def docx_path(demo) -> Path:
    path = demo.folder / "draft.docx"
    code, said = export(demo.url, path, "--as-at", AS_AT.isoformat())
    assert code == 0
    assert said == (
        "Wrote the self-evaluation as at 6 Dec 2026 (draft; 4 areas, 0 strengths, 29 priorities, "
        f"leaders' narrative under 3 of 12 questions) to {path}\n"
    )
    return path


@pytest.fixture(scope="module")
def pdf_text(demo) -> str:
    path = demo.folder / "draft.pdf"
    code, said = export(demo.url, path, "--as-at", AS_AT.isoformat())
    assert code == 0 and said.endswith(f" to {path}\n")
    return pdf_words(path)


def pdf_words(path: Path | io.BytesIO) -> str:
    """The PDF's text with its line breaks as spaces, without the pages' footers (their last two
    lines): wrapped sentences read whole, and run on from page to page."""
    pages = (page.extract_text().splitlines()[:-2] for page in PdfReader(path).pages)
    return " ".join(word for lines in pages for line in lines for word in line.split())


def paragraphs(path) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in Document(path).paragraphs]


def docx_words(path) -> str:
    doc = Document(path)
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def headings(path, level: int) -> list[str]:
    return [text for style, text in paragraphs(path) if style == f"Heading {level}"]


def test_each_area_has_its_heading_and_the_three_questions_in_order(docx_path):
    assert [h for h in headings(docx_path, 1) if h in AREA_TITLES_2026] == list(AREA_TITLES_2026)
    questions = [f"{n}. {q}" for n, q in enumerate(QUESTIONS, start=1)]
    assert headings(docx_path, 2) == questions * len(AREA_TITLES_2026)
    said = paragraphs(docx_path)
    assert said[0] == ("Title", "Self-evaluation of social work practice")
    assert ("Subtitle", "Marshcombe Borough Council") in said
    assert ("Normal", "As at 6 Dec 2026") in said
    assert ("Normal", "Draft: not yet submitted to Ofsted") in said


def test_the_strengths_and_priorities_are_listed_with_their_sources(demo, docx_path):
    bullets = [text for style, text in paragraphs(docx_path) if style == "List Bullet"]
    leavers = next(a for a in demo.document.areas if a.code == "care_leavers")
    for line in leavers.priorities:
        assert f"{line.text}\n{line.source}" in bullets
    assert any(
        b.startswith("Care leavers aged 19 to 21 in suitable accommodation: ") for b in bullets
    )


def test_the_narrative_is_under_its_question_with_its_author_and_the_rest_are_marked(docx_path):
    said = [text for _, text in paragraphs(docx_path)]
    at = said.index(NARRATIVE)
    assert said[at + 1] == "Written by Local user on 1 Dec 2026"
    questions = [i for i, text in enumerate(said) if text.startswith("2. How do you know it?")]
    assert questions[1] < at < questions[1] + 40  # the second area's question 2
    placeholders = [t for t in said if t.startswith("Leaders' narrative: not yet written.")]
    # The demo's leaders wrote under two other questions (readiness/demo/engagement.py).
    assert len(placeholders) == 4 * 3 - 3


def test_each_evidence_table_holds_its_lines_columns_and_rows(demo, docx_path):
    doc = Document(docx_path)
    tables = [tuple(tuple(c.text for c in row.cells) for row in t.rows) for t in doc.tables]
    # The last is the demo's engagement meeting's feedback points, checked on its own below.
    assert tables.pop()[0] == ("Feedback point", "Lead", "Due", "Status", "Why")
    expected = [
        (line.evidence.columns, *line.evidence.rows)
        for area in demo.document.areas
        for line in (*area.strengths, *area.priorities)
        if line.evidence
    ]
    assert tables == expected
    captions = [text for style, text in paragraphs(docx_path) if style == "Caption"]
    assert captions[0].startswith("Table 1. Evidence for the priority: Recommendation 2: ")
    assert any(("This council", "89.4%", "2025-26") in table for table in tables)


def test_the_edited_line_shows_the_persons_words_not_the_generated_ones(demo, docx_path):
    words = docx_words(docx_path)
    assert f"{EDITED}\nImprovement plan: Recommendation 1; edited by Local user on 1 Dec 2026" in (
        words
    )
    assert demo.generated[:60] not in words


def test_the_pdf_says_the_same(demo, pdf_text):
    places = [pdf_text.index(title) for title in AREA_TITLES_2026]
    assert places == sorted(places)
    assert "Self-evaluation of social work practice" in pdf_text
    assert f"{NARRATIVE} Written by Local user on 1 Dec 2026" in pdf_text
    assert "This council 89.4% 2025-26" in pdf_text  # an evidence table's row
    assert EDITED in pdf_text and demo.generated[:60] not in pdf_text
    assert "Leaders' narrative: not yet written." in pdf_text
    assert "Draft: not yet submitted to Ofsted" in pdf_text


def test_a_submitted_version_is_written_as_it_was_sent(tmp_path):
    demo = prepared(f"sqlite:///{tmp_path / 'demo.db'}", tmp_path)
    version = demo.store.submit_self_evaluation(demo.document, date(2026, 12, 4), by=LOCAL_USER)
    # Words written after it was sent are in the draft, not in the version.
    demo.store.write_narrative("help_protection", 2, "Rewritten after sending.", by=LOCAL_USER)
    for name in ("sent.docx", "sent.pdf"):
        code, said = export(demo.url, tmp_path / name, "--version", str(version))
        assert code == 0
        assert "Submitted to Ofsted on 4 Dec 2026 by Local user" in said
        words = docx_words(tmp_path / name) if name.endswith("docx") else pdf_words(tmp_path / name)
        assert "Submitted to Ofsted on 4 Dec 2026 by Local user" in words
        assert NARRATIVE in words and "Rewritten after sending." not in words


def test_an_unknown_version_is_a_clear_error(demo, tmp_path, capsys):
    code, _ = export(demo.url, tmp_path / "x.pdf", "--version", "999")
    assert code == 2
    assert "there is no submitted version 999" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_another_suffix_is_refused_naming_the_file_and_the_two_it_takes(demo, tmp_path, capsys):
    path = tmp_path / "self-evaluation.odt"
    code, _ = export(demo.url, path)
    assert code == 2
    error = capsys.readouterr().err
    assert str(path) in error and ".docx" in error and ".pdf" in error
    assert not path.exists()


@pytest.mark.parametrize(
    ("suffix", "writer", "other"), [("docx", "docx", "reportlab"), ("pdf", "reportlab", "docx")]
)
def test_each_format_loads_its_own_writer_only(demo, tmp_path, suffix, writer, other):
    path = tmp_path / f"out.{suffix}"
    loaded = libraries_loaded(
        "self-evaluation", str(path), "--db", demo.url, "--as-at", AS_AT.isoformat()
    )
    assert writer in loaded and other not in loaded
    assert path.stat().st_size > 0


@pytest.mark.parametrize(
    ("as_at", "framework", "titles"),
    [
        (
            date(2024, 6, 1),
            "ILACS Jan 2023",
            (
                "The impact of leaders on social work practice with children and families",
                "The experiences and progress of children who need help and protection",
                "The experiences and progress of children in care",
                "The experiences and progress of care leavers",
            ),
        ),
        (
            date(2022, 6, 1),
            "ILACS 2018",
            (
                "The impact of leaders on social work practice with children and families",
                "The experiences and progress of children who need help and protection",
                "The experiences and progress of children in care and care leavers",
            ),
        ),
    ],
)
def test_an_earlier_date_has_the_areas_of_the_framework_then(
    demo, tmp_path, as_at, framework, titles
):
    code, _ = export(demo.url, tmp_path / "then.docx", "--as-at", as_at.isoformat())
    assert code == 0
    assert headings(tmp_path / "then.docx", 1)[1:] == list(
        titles
    )  # after "What it was drafted from"
    assert any(
        t.startswith(f"Inspection framework: {framework}")
        for _, t in paragraphs(tmp_path / "then.docx")
    )
    code, _ = export(demo.url, tmp_path / "then.pdf", "--as-at", as_at.isoformat())
    assert code == 0
    text = pdf_words(tmp_path / "then.pdf")
    assert all(title in text for title in titles)


def test_the_meeting_s_feedback_points_say_their_colour_in_words(demo):
    meeting = Meeting(
        date(2026, 6, 10),
        "Director of children's services, Ofsted's senior HMI",
        (
            FollowUp(
                "Sharpen the audit programme",
                "Priya Chandran",
                date(2026, 9, 30),
                "Overdue",
                "Red",
                "due 30 Sep 2026, not done",
            ),
            FollowUp("Say more about care leavers' homes", None, None, "not tracked", None, None),
        ),
    )
    document = replace(demo.document, last_meeting=meeting)
    word = io.BytesIO()
    write_docx(document, word)
    table = Document(word).tables[-1]
    assert [tuple(c.text for c in row.cells) for row in table.rows] == [
        ("Feedback point", "Lead", "Due", "Status", "Why"),
        (
            "Sharpen the audit programme",
            "Priya Chandran",
            "30 Sep 2026",
            "Overdue (Red)",
            "due 30 Sep 2026, not done",
        ),
        ("Say more about care leavers' homes", "no lead", "no due date", "not tracked", ""),
    ]
    pdf = io.BytesIO()
    write_pdf(document, pdf)
    text = pdf_words(pdf)
    assert "The last annual engagement meeting Held on 10 Jun 2026." in text
    assert "Sharpen the audit programme Priya Chandran 30 Sep 2026 Overdue (Red)" in text


def test_a_long_narrative_runs_on_over_a4_pages_whole(demo):
    """Thousands of words, and a pasted address longer than a line, wrap within the page."""
    address = "https://intranet.example/" + "practice-standards/" * 20
    long = " ".join(f"Sentence {n} of the leaders' account of practice." for n in range(400))
    said = Narrative(1, f"{long} See {address}", "Local user", AS_AT)
    first = replace(demo.document.areas[0], narrative=(said,))
    document = replace(demo.document, areas=(first, *demo.document.areas[1:]))
    pdf = io.BytesIO()
    write_pdf(document, pdf)
    pages = PdfReader(pdf).pages
    assert {(round(p.mediabox.width), round(p.mediabox.height)) for p in pages} == {(595, 842)}
    text = pdf_words(pdf)
    assert long in text
    assert address in "".join(text.split())  # broken across lines, but every character there


def test_the_export_reads_the_same_from_either_database(any_db_url, tmp_path):
    demo = prepared(any_db_url, tmp_path)
    code, _ = export(any_db_url, tmp_path / "draft.docx", "--as-at", AS_AT.isoformat())
    assert code == 0
    said = [text for _, text in paragraphs(tmp_path / "draft.docx")]
    assert said[said.index(NARRATIVE) + 1] == "Written by Local user on 1 Dec 2026"
    assert EDITED in docx_words(tmp_path / "draft.docx")
    assert demo.generated[:60] not in docx_words(tmp_path / "draft.docx")
