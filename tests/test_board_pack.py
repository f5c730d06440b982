"""The board pack as a committee clerk gets it: `board-pack` on the demo council writes a PDF
whose text reads back (a screen reader's view), section by section, with the same tables as the
Excel workbook; the filters narrow it; a wrong area or lead is refused with the names to use; and
the Data page's button gives the same PDF."""

from __future__ import annotations

import io
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from streamlit.runtime.media_file_manager import MediaFileManager

from readiness.access.roles import LOCAL_USER
from readiness.board.pack import board_pack
from readiness.board.pack_charts import UNDRAWN
from readiness.board.pack_fonts import PackFonts, pack_fonts
from readiness.board.pack_pdf import write_pdf
from readiness.board.pack_xlsx import write_xlsx
from readiness.cli.main import main
from readiness.db.engine import make_engine
from readiness.demo.prepare import prepare_database
from readiness.exports.plan_workbook import HEADER_ROW
from readiness.inspection.checklist import ChecklistSummary, summarise
from readiness.inspection.record_store import stored_prediction
from readiness.inspection.wording import likely_words, published_window
from readiness.kpi.charts import trend_chart
from readiness.kpi.positions import stored_kpi_status
from readiness.palette import Rag
from readiness.plan.lead_actions import lead_pairs, lead_role, pairs_note
from readiness.plan.progress import ProgressEntry
from readiness.plan.rag import State
from readiness.plan.status import plan_status
from readiness.settings import load_settings
from readiness.text import INVISIBLE, format_date
from tests import hostile_plan as hp
from tests.conftest import AS_AT, open_app, store_of, stored_plan
from tests.test_cli import run

COUNCIL = "Marshcombe Borough Council"
DATE = "22 Nov 2026"
AREAS = ["Impact of leaders", "Help and protection", "Children in care", "Care leavers"]
REST = ["Overdue actions by lead", "The next inspection"]
LEAD = "Rebecca Hollis"


# A checklist for packs built in the test, not read from the database.
CHECKLIST = ChecklistSummary(total=10, not_ready=4, late=2)


@pytest.fixture(scope="module")
def plan(demo_url):
    return stored_plan(make_engine(demo_url))


@pytest.fixture(scope="module")
def status(plan):
    return plan_status(plan, AS_AT, load_settings())


@pytest.fixture(scope="module")
def prediction(demo_url):
    with make_engine(demo_url).connect() as conn:
        return stored_prediction(conn, AS_AT, load_settings().inspection)


@pytest.fixture(scope="module")
def checklist(demo_url, prediction) -> ChecklistSummary:
    """The demo's readiness checklist as the Inspection page counts it (its self-evaluation and
    engagement meeting tasks ticked from the demo's records)."""
    listed = store_of(make_engine(demo_url)).checklist(prediction.window.earliest, AS_AT)
    return summarise(listed, AS_AT, prediction.opens, load_settings().rag.due_soon_days)


def overdue_pairs(plan, status) -> list:
    """The lead-action pairs of the overdue actions, by the one rule
    (readiness.plan.lead_actions)."""
    overdue = set(status.overdue["action_id"])
    return [pair for pair in lead_pairs(plan) if pair.action_id in overdue]


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


def section_pages(pdf: Path | bytes) -> dict[str, range]:
    """Each outlined section's pages (the cover under the pack's title), by its title."""
    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    starts = [reader.get_destination_page_number(entry) for entry in reader.outline]
    ends = [*starts[1:], len(reader.pages)]
    return {
        entry.title: range(start, end)
        for entry, start, end in zip(reader.outline, starts, ends, strict=True)
    }


def sections(pdf: Path | bytes) -> dict[str, str]:
    """Each outlined section's text (the cover under the pack's title), its pages joined."""
    texts = page_texts(pdf)
    return {
        title: " ".join(texts[page] for page in pages)
        for title, pages in section_pages(pdf).items()
    }


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
    assert outline(pack) == [f"{COUNCIL}: inspection readiness board pack", *AREAS, *REST]
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert f"As at {DATE}" in text
    found = section_pages(pack)
    # The cover on one page; each area from a new page, on one page where it fits and never
    # more than two (Help and protection's ten indicators push its charts over); the overdue
    # actions run on, the inspection after.
    assert list(found.values())[0] == range(1)
    assert all(1 <= len(found[area]) <= 2 for area in AREAS)
    assert sum(len(found[area]) == 1 for area in AREAS) >= 3
    assert list(found.values())[-1] == range(len(pages) - 1, len(pages))
    for heading in AREAS + REST:
        assert pages[found[heading][0]].startswith(heading)


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


def test_the_cover_gives_the_overdue_totals_by_lead_and_why_they_add_up_to_more(pack, plan, status):
    cover = sections(pack)[f"{COUNCIL}: inspection readiness board pack"]
    pairs = overdue_pairs(plan, status)
    # "10 actions overdue; 31 lead-action pairs: an action with several leads counts once ..."
    assert pairs_note(len(status.overdue), len(pairs)) in cover
    for lead, overdue in Counter(pair.lead for pair in pairs).items():
        assert f"{lead} {overdue}" in cover


def test_the_cover_and_inspection_page_name_the_two_windows_apart(pack, prediction):
    texts = sections(pack)
    cover = texts[f"{COUNCIL}: inspection readiness board pack"]
    inspection = texts["The next inspection"]
    published = published_window(prediction)
    assert published.startswith("Ofsted's published window opened")
    predicted = likely_words(prediction.window)  # "most likely from ..., likely between ..."
    for text in (cover, inspection):
        assert f"{published}: Ofsted may call any week" in text
        assert predicted.casefold() in text.casefold()


def test_the_cover_and_inspection_page_count_the_readiness_tasks_not_ready(pack, checklist):
    assert checklist.not_ready
    texts = sections(pack)
    for title in (f"{COUNCIL}: inspection readiness board pack", "The next inspection"):
        assert f"Readiness checklist {checklist.words}".casefold() in texts[title].casefold()


def test_no_heading_or_word_is_broken_inside_a_word(pack, status):
    """A word too long for its column's width used to be broken ("Days ov erdue")."""
    texts = sections(pack)
    overdue = texts["Overdue actions by lead"]
    assert "Lead Role Ref Action Due Days overdue With" in overdue
    for action in status.overdue["action"]:
        assert " ".join(action.split()) in overdue
    area = texts["Help and protection"]
    assert "Ref Recommendation Status Overdue Complete" in area
    assert "Indicator Latest Target RAG On last year; longer England" in area


def test_each_area_page_holds_its_recommendations_colours_and_indicators(pack, status):
    recs = status.recommendations
    texts, found = sections(pack), section_pages(pack)
    for area, title in zip(status.framework.areas, AREAS, strict=True):
        page = texts[title]
        mine = recs[[bool(set(tags) & set(area.covers)) for tags in recs["areas"]]]
        assert len(mine), area.code
        for rec in mine.to_dict("records"):
            # The colour as symbol and word, never colour alone.
            assert f"{rec['ref']} " in page and shown(Rag(rec["rag"])) in page
            assert f"{rec['pct_complete']}%" in page
        assert "Key indicators" in page and "Trends" in page
        # Two charts, each followed by its figures in words.
        assert sum(len(PdfReader(pack).pages[n].images) for n in found[title]) == 2
        assert page.count("Marshcombe from") == 2
        assert UNDRAWN not in page


def test_without_vl_convert_each_chart_is_a_table_of_its_figures(
    demo_url, tmp_path, monkeypatch, pack, plan, status, prediction
):
    """vl-convert-python is an optional extra (requirements-charts.txt): without it the pack is
    still written, each area saying why it has tables where the charts were, and each table
    holding every figure its chart draws, a row for each line, periods oldest first."""
    monkeypatch.setitem(sys.modules, "vl_convert", None)  # as if never installed
    path = write_pack(demo_url, tmp_path / "tables.pdf")
    assert not any(page.images for page in PdfReader(path).pages)
    with make_engine(demo_url).connect() as conn:
        kpis = stored_kpi_status(conn, AS_AT, load_settings().kpis)
    built = board_pack(plan, status, kpis, prediction, checklist=CHECKLIST, council=COUNCIL)
    texts = sections(path)
    assert [len(area.trends) for area in built.areas] == [2] * len(AREAS)
    for area in built.areas:
        page = texts[area.label]
        assert UNDRAWN in page
        for trend in area.trends:
            indicator = trend.indicator
            assert f"{indicator.name} ({indicator.unit_label}); target " in page
            frame = trend.frame.sort_values("period_end")
            assert " ".join(frame["period"].drop_duplicates()) in page
            for series, values in frame.groupby("series", sort=False)["value"]:
                assert f"{series} " + " ".join(f"{v:,.1f}" for v in values) in page


def test_each_leads_overdue_rows_are_the_overdue_actions_my_actions_shows_them(
    demo_url, tmp_path, pack, plan, status
):
    """An action is listed under every lead who answers for it, with their role: a lead's rows
    are their overdue actions by the lead filter My actions uses."""
    book = load_workbook(write_pack(demo_url, tmp_path / "pack.xlsx", "--format", "xlsx"))
    rows = list(book["Overdue by lead"].iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    assert len(rows) == len(overdue_pairs(plan, status))
    by_lead: dict[str, list] = {}
    for lead, role, ref, action, _due, days, _with in rows:
        by_lead.setdefault(lead, []).append((ref, action, days, role))
    themes = {t.id: t for t in plan.themes}
    actions = {a.id: a for a in plan.actions}
    for lead, listed in by_lead.items():
        mine = plan_status(plan, AS_AT, load_settings(), lead=lead).overdue
        expected = [
            (
                r["ref"],
                r["action"],
                r["days_overdue"],
                lead_role(a, themes[a.theme_id].service_leads, lead),
            )
            for r in mine.to_dict("records")
            for a in [actions[r["action_id"]]]
        ]
        assert sorted(listed) == sorted(expected), lead
        # Longest overdue first.
        assert [days for _ref, _action, days, _role in listed] == sorted(
            (days for _ref, _action, days, _role in listed), reverse=True
        )
    assert {role for *_rest, role in (r for rs in by_lead.values() for r in rs)} >= {
        "service lead",
        "other lead",
    }
    page = sections(pack)["Overdue actions by lead"]
    assert pairs_note(len(status.overdue), len(rows)) in page
    for lead, ref, *_rest in rows:
        assert lead in page and ref in page


def test_the_next_inspection_page_gives_the_window_and_why(pack):
    page = sections(pack)["The next inspection"]
    for words in ("Standard inspection", "Most likely from", "Chance within 91 days", "Why"):
        assert words in page
    assert "Last full inspection: standard inspection from 20 May 2024" in page
    # Words for directors: no setting's file or command to type, anywhere in the pack.
    everything = " ".join(page_texts(pack))
    for developer_words in ("config", ".toml", "python -m", "import-national"):
        assert developer_words not in everything


def test_lead_and_area_narrow_the_pack(demo_url, tmp_path):
    path = write_pack(
        demo_url, tmp_path / "mine.pdf", "--lead", "rebecca hollis", "--area", "Children in care"
    )
    pages = page_texts(path)
    assert outline(path)[1:] == ["Children in care", *REST]
    assert f"The actions led by {LEAD}, in the Children in care judgement area" in pages[0]
    lead_status = plan_status(stored_plan(make_engine(demo_url)), AS_AT, load_settings(), LEAD)
    area = lead_status.areas.set_index("area").loc["children_in_care"]
    assert f"Children in care: actions led by {LEAD} {shown(Rag(area['rag']))}" in pages[0]
    assert f"Overdue {area['overdue']}" in pages[0]
    assert "Impact of leaders" not in " ".join(pages)
    assert "Whole plan" not in " ".join(pages)
    # Only the lead's overdue actions in the area's recommendations.
    book = write_pack(demo_url, tmp_path / "mine.xlsx", "--format", "xlsx", "--lead", LEAD)
    rows = list(load_workbook(book)["Overdue by lead"].iter_rows(min_row=HEADER_ROW + 1))
    assert len(rows) == lead_status.overall.counts[State.OVERDUE]


def test_a_lead_only_pack_says_whose_actions_it_covers_never_whole_plan(demo_url, tmp_path):
    path = write_pack(demo_url, tmp_path / "mine.pdf", "--lead", LEAD)
    texts = sections(path)
    cover = texts[f"{COUNCIL}: inspection readiness board pack"]
    lead_status = plan_status(stored_plan(make_engine(demo_url)), AS_AT, load_settings(), LEAD)
    assert f"Actions led by {LEAD} {shown(lead_status.overall.rag)}" in cover
    assert "Whole plan" not in " ".join(texts.values())
    overdue = len(lead_status.overdue)
    assert f"{overdue} overdue actions led by {LEAD}." in cover
    assert f"Overdue by lead Lead Overdue actions {LEAD} {overdue}" in cover


def test_an_area_is_named_by_its_code_too(demo_url, tmp_path):
    path = write_pack(demo_url, tmp_path / "area.pdf", "--area", "help_protection")
    assert outline(path)[1:] == ["Help and protection", *REST]
    cover = page_texts(path)[0]
    assert "Every lead officer's actions, in the Help and protection judgement area" in cover
    assert "Whole plan" not in cover


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


def test_the_workbook_holds_the_same_rows_as_the_pdf(demo_url, tmp_path, pack, plan, status):
    book = load_workbook(write_pack(demo_url, tmp_path / "pack.xlsx", "--format", "xlsx"))
    assert book.sheetnames == [
        "Summary",
        "Actions by state",
        "Judgement areas",
        "Recommendations",
        "Indicators",
        "Overdue by lead",
        "Overdue totals by lead",
        "Next inspection",
    ]

    def rows(sheet: str) -> list[tuple]:
        return list(book[sheet].iter_rows(min_row=HEADER_ROW + 1, values_only=True))

    texts = sections(pack)
    for area, ref, _text, colour, _overdue, done in rows("Recommendations"):
        page = texts[area]
        assert ref in page and shown(Rag(colour.split()[-1].lower())) in page and done in page
    overdue_page = sections(pack)["Overdue actions by lead"]
    overdue = rows("Overdue by lead")
    assert len(overdue) == len(overdue_pairs(plan, status))
    for lead, role, ref, *_rest in overdue:
        assert lead in overdue_page and role in overdue_page and ref in overdue_page
    totals = rows("Overdue totals by lead")
    assert sum(n for _lead, n in totals) == len(overdue)
    indicators = rows("Indicators")
    assert {area for area, *_ in indicators} == set(AREAS)
    # A colour is a fill behind its symbol and word, as in the plan export.
    cell = book["Judgement areas"].cell(HEADER_ROW + 1, 2)
    assert cell.value.endswith("Red") and cell.fill.start_color.rgb.endswith("D4351C")


def test_the_changes_hook_prints_the_lines_given(plan, status, prediction):
    lines = ["3 actions turned red", "REC 2 went from Amber to Green"]
    given = board_pack(
        plan,
        status,
        None,
        prediction,
        checklist=CHECKLIST,
        council=COUNCIL,
        since=AS_AT.replace(day=15),
        changes=lines,
    )
    pages = page_texts(write_pdf(given, trend_chart=trend_chart))
    assert pages[-1].startswith("Changed since 15 Nov 2026 • 3 actions turned red • REC 2")
    # With no indicators loaded, each area says so instead of showing a table.
    assert "No indicator for this area is loaded." in pages[1]
    none = board_pack(
        plan, status, None, prediction, checklist=CHECKLIST, council=COUNCIL, changes=[]
    )
    assert "Nothing changed." in page_texts(write_pdf(none, trend_chart=trend_chart))[-1]


def test_the_data_page_offers_the_board_pack_for_the_chosen_lead(demo_url, monkeypatch):
    made = {}
    register = MediaFileManager.add_deferred

    def remember(self, data, mimetype, coordinates, file_name=None, **more):
        made[file_name] = data
        return register(self, data, mimetype, coordinates, file_name=file_name, **more)

    monkeypatch.setattr(MediaFileManager, "add_deferred", remember)
    at = open_app(demo_url, monkeypatch, "views/loading.py", lead=LEAD)
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


def test_the_pack_carries_no_invisible_characters(pack, plan, status, prediction):
    """A word joiner or zero-width space inside a figure ("25.2%") is copied out of the PDF into a
    briefing paper with it: the pack's text has none, from the database or from its callers."""
    assert not INVISIBLE.search(" ".join(page_texts(pack)))
    joined = "Re-referrals went from 25.\u20602% to 24.\u200b1%"
    given = board_pack(
        plan,
        status,
        None,
        prediction,
        checklist=CHECKLIST,
        council="Marshcombe\u2060 Borough\u00ad Council",
        changes=[joined],
    )
    text = " ".join(page_texts(write_pdf(given, trend_chart=trend_chart)))
    assert not INVISIBLE.search(text)
    assert "from 25.2% to 24.1%" in text and "Marshcombe Borough Council" in text
    book = load_workbook(io.BytesIO(write_xlsx(given)))
    cells = [c.value for sheet in book for row in sheet.iter_rows() for c in row]
    assert not any(INVISIBLE.search(v) for v in cells if isinstance(v, str))


def test_the_charts_target_label_sits_past_the_lines_and_the_unit_reads_across():
    """The target's label used to sit over the figures near the right-hand end, and a long unit
    on its side ran past a short chart's ends and was cut."""
    frame = pd.DataFrame(
        {
            "series": ["Marshcombe", "Marshcombe"],
            "period": ["2023", "2024"],
            "period_end": [date(2023, 3, 31), date(2024, 3, 31)],
            "value": [17.2, 17.0],
        }
    )
    label = "Target 17.0 cases per social worker"
    spec = trend_chart(
        frame,
        title="Caseload",
        unit="cases per social worker",
        council="Marshcombe",
        target=17.0,
        target_label=label,
        height=90,
    ).to_dict()
    lines, _points, _rule, text = spec["layer"]
    # At the plot's right-hand edge, drawn rightwards from it: past every figure.
    assert text["encoding"]["x"] == {"value": "width"}
    assert text["mark"]["align"] == "left" and text["mark"]["dx"] > 0
    # In short lines, so it widens the chart little.
    (shown_label,) = [
        row["label"] for rows in spec["datasets"].values() for row in rows if "label" in row
    ]
    assert shown_label.split("\n") == ["Target 17.0", "cases per", "social worker"]
    axis = lines["encoding"]["y"]["axis"]
    assert axis["titleAngle"] == 0 and axis["titleY"] < 0  # across, above the plot


@pytest.mark.parametrize(
    ("text", "drawn"),
    [("✖ Red", "Red"), ("↑ Improving", "Improving"), ("Red: 2 of 34", "Red: 2 of 34")],
)
def test_without_a_font_for_the_symbols_the_words_stay(text, drawn):
    """The fallback font (Vera, Latin only) drops the symbols it cannot draw, never the words."""
    latin = PackFonts("Vera", "VeraBd", frozenset(range(32, 127)))
    assert latin.drawable(text) == drawn


def test_an_overdue_action_with_a_revised_due_date_shows_both_dates(sqlite_url, tmp_path):
    """Revised to a date now past, it is still overdue: the pack names the date it is judged
    by and the plan's date it replaced, in the PDF and the workbook alike."""
    engine = make_engine(sqlite_url)
    prepare_database(engine, AS_AT, demo=True)
    action = plan_status(stored_plan(engine), AS_AT, load_settings()).overdue.iloc[0]
    revised = date(2026, 11, 20)
    entry = ProgressEntry(
        action_id=int(action["action_id"]),
        version=int(action["version"]),
        text="Panel moved to November.",
        status="in_progress",
        recorded_on=date(2026, 11, 17),
        author="Rebecca Hollis",
        revised_due=revised,
    )
    store_of(engine).record_progress(entry, by=LOCAL_USER)
    due = f"20 Nov 2026 (revised from {format_date(action['due'])})"
    book = load_workbook(write_pack(sqlite_url, tmp_path / "pack.xlsx", "--format", "xlsx"))
    rows = list(book["Overdue by lead"].iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    mine = [r for r in rows if r[3] == action["action"]]
    assert mine and {(r[4], r[5]) for r in mine} == {(due, 2)}
    page = sections(write_pack(sqlite_url, tmp_path / "pack.pdf"))["Overdue actions by lead"]
    assert due in page
    assert "Due is the date an action is judged by: a revised one names the plan's date." in page
    engine.dispose()
