"""The board pack as a committee clerk gets it: `board-pack` on the demo council writes a PDF
whose text reads back (a screen reader's view), page by page, with the same tables as the Excel
workbook; the filters narrow it; a wrong area or lead is refused with the names to use; and the
Data page's button gives the same PDF."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from streamlit.runtime.media_file_manager import MediaFileManager

from components.kpi_charts import trend_chart
from readiness.cli import main
from readiness.db import make_engine
from readiness.inspection.record_store import stored_prediction
from readiness.rag import Rag, State
from readiness.settings import load_settings
from readiness.status import plan_status
from readiness.writing.board_pack import board_pack
from readiness.writing.board_pack_fonts import PackFonts, pack_fonts
from readiness.writing.board_pack_pdf import write_pdf
from readiness.writing.plan_workbook import HEADER_ROW
from tests import hostile_plan as hp
from tests.conftest import AS_AT, open_app, stored_plan
from tests.test_cli import run

COUNCIL = "Marshcombe Borough Council"
DATE = "22 Nov 2026"
AREAS = ["Impact of leaders", "Help and protection", "Children in care", "Care leavers"]
REST = ["Overdue actions by lead", "The next inspection"]
LEAD = "Rebecca Hollis"


@pytest.fixture(scope="module")
def status(demo_url):
    return plan_status(stored_plan(make_engine(demo_url)), AS_AT, load_settings())


def write_pack(url: str, path: Path, *args: str) -> Path:
    """`board-pack PATH --as-at AS_AT *args`, which must succeed."""
    out = io.StringIO()
    code = main(["board-pack", str(path), "--as-at", AS_AT.isoformat(), *args, "--db", url], out)
    assert code == 0, out.getvalue()
    return path


def page_texts(pdf: Path | bytes) -> list[str]:
    """Each page's text as a screen reader gets it, with line breaks as spaces."""
    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def outline(pdf: Path) -> list[str]:
    return [entry.title for entry in PdfReader(pdf).outline]


def shown(colour: Rag) -> str:
    """A colour as the pack shows it: symbol and word, or the word alone where no font with
    the symbols is installed (board_pack_fonts)."""
    symbols = all(ord(c) in pack_fonts().glyphs for c in colour.symbol)
    return colour.label if symbols else colour.word


@pytest.fixture(scope="module")
def pack(demo_url, tmp_path_factory) -> Path:
    return write_pack(demo_url, tmp_path_factory.mktemp("out") / "pack.pdf")


def test_the_pack_is_a_cover_a_page_per_area_then_overdue_and_the_next_inspection(pack):
    pages = page_texts(pack)
    assert len(pages) == 1 + len(AREAS) + len(REST)
    assert outline(pack) == [f"{COUNCIL}: inspection readiness board pack", *AREAS, *REST]
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert f"As at {DATE}" in text
    for page, heading in zip(pages[1:], AREAS + REST, strict=True):
        assert page.startswith(heading)


def test_the_pack_says_what_it_is_to_a_reader_and_a_screen_reader(pack):
    reader = PdfReader(pack)
    assert reader.metadata.title == f"{COUNCIL}: inspection readiness board pack, as at {DATE}"
    assert reader.metadata.author == COUNCIL
    assert "improvement plan" in reader.metadata.subject
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    # Every page is text, not a picture of the screen: each reads back at length.
    assert all(len(text) > 300 for text in page_texts(pack))


def test_the_cover_gives_the_council_date_position_counts_and_next_inspection(pack, status):
    cover = page_texts(pack)[0]
    assert cover.startswith(f"{COUNCIL}: inspection readiness board pack As at {DATE}")
    overall = status.overall
    assert f"Whole plan (no overall grade) {shown(overall.rag)}" in cover
    assert overall.reason in cover
    assert f"Overdue {overall.counts[State.OVERDUE]}" in cover
    assert f"Due soon {overall.counts[State.DUE_SOON]}" in cover
    assert "A standard inspection, most likely from" in cover
    assert "chance fieldwork starts within 91 days" in cover


def test_each_area_page_holds_its_recommendations_colours_and_indicators(pack, status):
    recs = status.recommendations
    pages = page_texts(pack)
    for number, area in enumerate(status.framework.areas, start=1):
        page = pages[number]
        mine = recs[[bool(set(tags) & set(area.covers)) for tags in recs["areas"]]]
        assert len(mine), area.code
        for rec in mine.to_dict("records"):
            # The colour as symbol and word, never colour alone.
            assert f"{rec['ref']} " in page and shown(Rag(rec["rag"])) in page
            assert f"{rec['pct_complete']}%" in page
        assert "Key indicators" in page and "Trends" in page
        # Two charts, each followed by its figures in words.
        assert len(PdfReader(pack).pages[number].images) == 2
        assert page.count("Marshcombe from") == 2


def test_the_overdue_table_names_each_overdue_actions_lead(pack, status):
    page = page_texts(pack)[1 + len(AREAS)]
    for row in status.overdue.to_dict("records"):
        assert row["service_leads"] in page
        assert row["ref"] in page
        assert str(row["days_overdue"]) in page


def test_the_next_inspection_page_gives_the_window_and_why(pack):
    page = page_texts(pack)[-1]
    for words in ("Standard inspection", "Most likely start", "Chance within 91 days", "Why"):
        assert words in page
    assert "Last full inspection: standard inspection from 20 May 2024" in page


def test_lead_and_area_narrow_the_pack(demo_url, tmp_path):
    path = write_pack(
        demo_url, tmp_path / "mine.pdf", "--lead", "rebecca hollis", "--area", "Children in care"
    )
    pages = page_texts(path)
    assert outline(path)[1:] == ["Children in care", *REST]
    assert f"The actions led by {LEAD}, in the Children in care judgement area" in pages[0]
    lead_status = plan_status(stored_plan(make_engine(demo_url)), AS_AT, load_settings(), LEAD)
    area = lead_status.areas.set_index("area").loc["children_in_care"]
    assert f"Overdue {area['overdue']}" in pages[0]
    assert "Impact of leaders" not in " ".join(pages)
    # Only the lead's overdue actions in the area's recommendations.
    book = write_pack(demo_url, tmp_path / "mine.xlsx", "--format", "xlsx", "--lead", LEAD)
    rows = list(load_workbook(book)["Overdue by lead"].iter_rows(min_row=HEADER_ROW + 1))
    assert len(rows) == lead_status.overall.counts[State.OVERDUE]


def test_an_area_is_named_by_its_code_too(demo_url, tmp_path):
    path = write_pack(demo_url, tmp_path / "area.pdf", "--area", "help_protection")
    assert outline(path)[1:] == ["Help and protection", *REST]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--area", "Fostering"], "No judgement area 'Fostering'"),
        (["--lead", "Nobody Known"], "No lead officer called 'Nobody Known'"),
    ],
)
def test_an_unknown_area_or_lead_is_refused_with_the_known_ones(
    demo_url, tmp_path, capsys, args, says
):
    path = tmp_path / "pack.pdf"
    result = run(capsys, "board-pack", str(path), *args, db=demo_url)
    assert result.code == 2
    assert result.err.startswith(f"error: {says}")
    known = "help_protection (Help and protection)" if "--area" in args else LEAD
    assert known in result.err
    assert not path.exists()


def test_a_path_not_matching_the_format_is_refused(demo_url, tmp_path, capsys):
    path = tmp_path / "pack.pdf"
    result = run(capsys, "board-pack", str(path), "--format", "xlsx", db=demo_url)
    assert result.code == 2
    assert result.err == f"error: {str(path)!r} should end in .xlsx (--format xlsx)\n"


def test_since_gives_what_changed_on_its_own_page(demo_url, tmp_path, capsys):
    path = tmp_path / "pack.pdf"
    result = run(capsys, "board-pack", str(path), "--since", "2026-11-15", db=demo_url)
    assert result.code == 0, result.err
    changed = next(page for page in page_texts(path) if page.startswith("Changed since"))
    # The same summary the Overview gives, worked out by the same rules at both dates.
    assert "Since 15 Nov 2026:" in changed and "changed colour" in changed


def test_the_workbook_holds_the_same_rows_as_the_pdf(demo_url, tmp_path, pack, status):
    book = load_workbook(write_pack(demo_url, tmp_path / "pack.xlsx", "--format", "xlsx"))
    assert book.sheetnames == [
        "Summary",
        "Actions by state",
        "Judgement areas",
        "Recommendations",
        "Indicators",
        "Overdue by lead",
        "Next inspection",
    ]

    def rows(sheet: str) -> list[tuple]:
        return list(book[sheet].iter_rows(min_row=HEADER_ROW + 1, values_only=True))

    pages = page_texts(pack)
    for area, ref, _text, colour, _overdue, done in rows("Recommendations"):
        page = pages[1 + AREAS.index(area)]
        assert ref in page and shown(Rag(colour.split()[-1].lower())) in page and done in page
    overdue = rows("Overdue by lead")
    assert len(overdue) == len(status.overdue)
    for lead, ref, *_rest in overdue:
        assert lead in pages[1 + len(AREAS)] and ref in pages[1 + len(AREAS)]
    indicators = rows("Indicators")
    assert {area for area, *_ in indicators} == set(AREAS)
    # A colour is a fill behind its symbol and word, as in the plan export.
    cell = book["Judgement areas"].cell(HEADER_ROW + 1, 2)
    assert cell.value.endswith("Red") and cell.fill.start_color.rgb.endswith("D4351C")


def test_the_changes_hook_prints_the_lines_given(demo_url, status):
    engine = make_engine(demo_url)
    with engine.connect() as conn:
        prediction = stored_prediction(conn, AS_AT, load_settings().inspection)
    plan = stored_plan(engine)
    lines = ["3 actions turned red", "REC 2 went from Amber to Green"]
    given = board_pack(
        plan, status, None, prediction, council=COUNCIL, since=AS_AT.replace(day=15), changes=lines
    )
    pages = page_texts(write_pdf(given, trend_chart=trend_chart))
    assert pages[-1].startswith("Changed since 15 Nov 2026 • 3 actions turned red • REC 2")
    # With no indicators loaded, each area says so instead of showing a table.
    assert "No indicator for this area is loaded." in pages[1]
    none = board_pack(plan, status, None, prediction, council=COUNCIL, changes=[])
    assert "Nothing changed." in page_texts(write_pdf(none, trend_chart=trend_chart))[-1]


def test_the_data_page_offers_the_board_pack_for_the_chosen_lead(demo_url, monkeypatch):
    made = {}
    register = MediaFileManager.add_deferred

    def remember(self, data, mimetype, coordinates, file_name=None, **more):
        made[file_name] = data
        return register(self, data, mimetype, coordinates, file_name=file_name, **more)

    monkeypatch.setattr(MediaFileManager, "add_deferred", remember)
    at = open_app(demo_url, monkeypatch, "views/data.py", lead=LEAD)
    assert "Board pack (PDF)" in [b.label for b in at.get("download_button")]
    pdf = made[f"board-pack-{AS_AT.isoformat()}.pdf"]()
    assert pdf.startswith(b"%PDF")
    cover = page_texts(pdf)[0]
    assert f"The actions led by {LEAD}, in every judgement area" in cover
    assert f"As at {DATE}" in cover


def test_hostile_plan_text_is_only_ever_text(sqlite_url, tmp_path):
    """10,000-character fields run on over pages; markup and formulas stay the characters
    written, in the PDF and in the workbook."""
    imported = io.StringIO()
    path = hp.write_hostile_plan(tmp_path)
    args = ["import-plan", str(path), "--yes", "--imported-on", AS_AT.isoformat()]
    assert main([*args, "--db", sqlite_url], imported) == 0, imported.getvalue()
    text = " ".join(page_texts(write_pack(sqlite_url, tmp_path / "pack.pdf")))
    # (A word longer than its column is broken across lines, so only short words are matched.)
    for payload in (hp.HTML[0], '<script id="injected-script">', hp.IMAGE_MD, hp.FORMULAS[0]):
        assert payload in text, payload
    book = load_workbook(write_pack(sqlite_url, tmp_path / "pack.xlsx", "--format", "xlsx"))
    cells = [c for row in book["Recommendations"].iter_rows() for c in row if c.value]
    assert any(hp.FORMULAS[0] in c.value for c in cells if isinstance(c.value, str))
    assert all(c.data_type != "f" for c in cells)


@pytest.mark.parametrize(
    ("text", "drawn"),
    [("✖ Red", "Red"), ("↑ Improving", "Improving"), ("Red: 2 of 34", "Red: 2 of 34")],
)
def test_without_a_font_for_the_symbols_the_words_stay(text, drawn):
    """The fallback font (Vera, Latin only) drops the symbols it cannot draw, never the words."""
    latin = PackFonts("Vera", "VeraBd", frozenset(range(32, 127)))
    assert latin.drawable(text) == drawn
