"""Reading Ofsted ILACS report PDFs: the ten real reports, every date form, and files that are not
reports. The real reports are kept outside the repo (/work/shared/data/ofsted/reports) and the
tests that need them are skipped, saying why, where they are absent. Expected values were read
from each PDF by eye; points are checked by their first words and length, never copied whole.
Every other PDF here is written by pypdf in the test.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from readiness.inspection.report_areas import suggest_areas
from readiness.inspection.report_dates import kind_of, read_dates
from readiness.inspection.report_pdf import ReportReading, ReportUnreadable, read_report
from tests.kpi_data import OFSTED_DATA, shared_file

REPORTS = OFSTED_DATA / "reports"

OUT, GOOD, RI, INAD = "outstanding", "good", "requires_improvement", "inadequate"
OUTCOME = "outcome {}, national framework"
ENABLER_2 = "enabler 2, national framework"
LEADERS_ENABLER = "enabler: leaders drive conditions for effective practice, national framework"


@dataclass(frozen=True)
class Report:
    """What one real report says, as read from the PDF by eye."""

    file: str
    council: str
    start: date
    end: date
    kind: str
    lead: str
    # overall, leaders, help and protection, children in care, care leavers; overall None
    # from April 2026
    grades: tuple[str | None, str, str, str, str]
    # (framework_ref, first words, number of words) for each point, in order
    points: tuple[tuple[str, str, int], ...]
    points_page: int = 2


REAL_REPORTS = (
    Report(
        "2637539_north_northamptonshire_2026-07-07.pdf",
        "North Northamptonshire",
        date(2026, 5, 11),
        date(2026, 5, 22),
        "standard",
        "David Cohen",
        (None, OUT, GOOD, GOOD, GOOD),
        (
            (OUTCOME.format(1), "The quality of the support", 14),
            (OUTCOME.format(4), "Communication of the local offer", 18),
        ),
    ),
    Report(
        "80431_blackpool_2026-07-28.pdf",
        "Blackpool",
        date(2026, 6, 8),
        date(2026, 6, 19),
        "standard",
        "Margaret Burke",
        (None, OUT, GOOD, OUT, OUT),
        ((OUTCOME.format(1), "Planning and reviews for children", 33),),
    ),
    Report(
        "80436_bracknell_forest_2026-01-28.pdf",
        "Bracknell Forest",
        date(2025, 12, 8),
        date(2025, 12, 12),
        "short",
        "Naintara Khosla",
        (OUT, OUT, OUT, OUT, OUT),
        ((OUTCOME.format(3), "Communication to a diverse range", 20),),
    ),
    Report(
        "80449_bradford_2026-05-21.pdf",
        "Bradford Children and Families Trust",
        date(2026, 1, 12),
        date(2026, 1, 23),
        "standard",
        "Catherine Heron",
        (RI, GOOD, RI, RI, GOOD),
        (
            (OUTCOME.format(3), "Recognition of the unique characteristics", 15),
            (OUTCOME.format(4), "The timeliness and effectiveness of", 7),
            (OUTCOME.format(4), "Increased use of family network", 22),
            (OUTCOME.format(4), "The quality of direct work", 19),
            (ENABLER_2, "The quality and effectiveness of", 10),
        ),
    ),
    Report(
        "80474_herefordshire_2026-01-12.pdf",
        "Herefordshire",
        date(2025, 11, 10),
        date(2025, 11, 21),
        "standard",
        "Rebecca Dubbins",
        (GOOD, OUT, GOOD, GOOD, GOOD),
        (
            (OUTCOME.format(3), "The management oversight of the", 10),
            (OUTCOME.format(3), "The identification and assessment of", 11),
        ),
    ),
    Report(
        "80476_kent_2026-02-02.pdf",
        "Kent County Council",
        date(2025, 11, 3),
        date(2025, 11, 7),
        "short",
        "Steve Lowe",
        (GOOD, GOOD, GOOD, OUT, RI),
        (
            (OUTCOME.format(4), "The quality, timeliness and consistency", 24),
            (OUTCOME.format(4), "The quality and choice of", 9),
            (ENABLER_2, "How consistently the local authority", 30),
        ),
        points_page=3,
    ),
    Report(
        "80489_brent_2026-06-17.pdf",
        "Brent",
        date(2026, 4, 27),
        date(2026, 5, 1),
        "short",
        "Monique Lindsay",
        (None, GOOD, GOOD, GOOD, GOOD),
        (
            ("Outcome 2, national framework", "The consistency with which work", 34),
            ("Outcome 2, national framework", "The consideration of children’s previous", 14),
            ("Outcome 4, national framework", "The consistency and quality of", 12),
            ("Outcome 4, national framework", "The completion of mandatory training", 9),
        ),
    ),
    Report(
        "80506_lambeth_2026-03-10.pdf",
        "Lambeth",
        date(2026, 1, 12),
        date(2026, 1, 23),
        "standard",
        "Jenny-ellen Scotland",
        (GOOD, GOOD, RI, GOOD, OUT),
        (
            (OUTCOME.format(3), "Screening and decision-making for children", 15),
            (OUTCOME.format(3), "The response to 16- and 17-year-olds", 17),
            (OUTCOME.format(3), "The undertaking and quality of", 15),
        ),
    ),
    Report(
        "80541_redcar_and_cleveland_2026-01-28.pdf",
        "Redcar and Cleveland",
        date(2025, 12, 1),
        date(2025, 12, 12),
        "standard",
        "Rachel Fairhurst",
        (GOOD, GOOD, GOOD, RI, GOOD),
        (
            (OUTCOME.format(4), "The sufficiency of homes for", 8),
            (OUTCOME.format(2), "Consistency in the recording of", 7),
            (OUTCOME.format(3), "The response to children who", 8),
        ),
    ),
    Report(
        "80573_trafford_2026-08-03.pdf",
        "Trafford",
        date(2026, 6, 8),
        date(2026, 6, 19),
        "standard",
        "Leanne Cooper",
        (None, INAD, INAD, GOOD, RI),
        (
            (OUTCOME.format(2), "Quality of contacts, timeliness and", 7),
            (OUTCOME.format(2), "Timeliness and response to children", 10),
            (OUTCOME.format(2), "Quality and impact of safety", 6),
            (OUTCOME.format(2), "Response to 16- and 17-year-old", 7),
            (LEADERS_ENABLER, "Quality, consistency and impact of", 7),
            (LEADERS_ENABLER, "Leaders’ understanding of the effectiveness", 9),
            (OUTCOME.format(1), "The identification and response to", 7),
            (OUTCOME.format(4), "Timeliness and recording of children’s", 7),
            (OUTCOME.format(4), "Quality of transitions and pathway", 10),
        ),
    ),
)
AREAS = ("overall", "leaders", "help_protection", "children_in_care", "care_leavers")


def real_report(file: str) -> Path:
    return shared_file(REPORTS) / file


def test_the_ten_reports_are_all_checked():
    folder = real_report("")
    assert sorted(path.name for path in folder.glob("*.pdf")) == sorted(
        report.file for report in REAL_REPORTS
    )


@pytest.mark.parametrize("report", REAL_REPORTS, ids=lambda report: report.council)
def test_real_report(report: Report):
    reading = read_report(real_report(report.file), report.file)

    assert reading.local_authority == report.council
    assert (reading.start, reading.end) == (report.start, report.end)
    # No 2025-2026 report names its own type: the days on site decide.
    assert (reading.kind, reading.kind_said_by) == (report.kind, "days on site")
    assert reading.lead_inspector == report.lead
    expected = {area: grade for area, grade in zip(AREAS, report.grades, strict=True) if grade}
    assert reading.grades == expected
    assert reading.pages["dates"] == reading.pages["grades"] == 1
    assert reading.pages["improve"] == report.points_page
    assert len(reading.improve) == len(report.points)
    for point, (ref, first_words, length) in zip(reading.improve, report.points, strict=True):
        words = point.text.split()
        assert point.framework_ref == ref
        assert words[: len(first_words.split())] == first_words.split()
        assert len(words) == length
        assert point.page == report.points_page
        assert "national framework" not in point.text


def test_real_report_read_from_bytes_as_from_a_path():
    report = REAL_REPORTS[0]
    path = real_report(report.file)
    assert read_report(path.read_bytes(), report.file) == read_report(str(path), report.file)


def test_truncated_real_report_is_damaged():
    report = REAL_REPORTS[5]
    data = real_report(report.file).read_bytes()
    with pytest.raises(ReportUnreadable, match="damaged or incomplete"):
        read_report(data[: len(data) // 2], report.file)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Inspection dates: 8 to 12 December 2025", date(2025, 12, 8), date(2025, 12, 12)),
        ("Inspection dates: 27 April to 1 May 2026", date(2026, 4, 27), date(2026, 5, 1)),
        ("Inspection dates: 3 November to 14 November 2025", date(2025, 11, 3), date(2025, 11, 14)),
        ("Inspection dates: 8 June 2026 to 19 June 2026", date(2026, 6, 8), date(2026, 6, 19)),
        # Across the new year, with the first year left out.
        ("Inspection dates: 29 December to 9 January 2026", date(2025, 12, 29), date(2026, 1, 9)),
        # Wrapped onto the next line, with a dash, with ordinals, abbreviated.
        ("Inspection dates:\n8 – 19 June 2026 Lead inspector", date(2026, 6, 8), date(2026, 6, 19)),
        ("Inspection dates: 1st to 12th Sept. 2025", date(2025, 9, 1), date(2025, 9, 12)),
    ],
)
def test_read_dates(text, start, end):
    assert read_dates(text) == (start, end)


@pytest.mark.parametrize(
    "text",
    [
        "8 to 12 December 2025",  # no "Inspection dates:" label: some other date range
        "Inspection dates: 30 to 31 February 2026",  # not a date
        "Inspection dates: 19 to 8 June 2026",  # ends before it starts
        "Inspection dates: to be confirmed",
    ],
)
def test_read_dates_none(text):
    assert read_dates(text) is None


MONDAY = date(2026, 3, 2)


@pytest.mark.parametrize(
    ("last_day", "title", "text", "kind"),
    [
        # Days on site, first and last counted: one week is short, two weeks standard.
        (date(2026, 3, 8), "", "", ("short", "days on site")),
        (date(2026, 3, 9), "", "", ("standard", "days on site")),
        # The report's own words beat the days on site.
        (date(2026, 3, 6), "Standard inspection of Testshire", "", ("standard", "report")),
        (date(2026, 3, 13), "", "This was a short inspection.", ("short", "report")),
        # The previous inspection's type, named in the text, is not this one's.
        (
            date(2026, 3, 6),
            "Inspection of X",
            "Since the standard inspection of X",
            ("short", "days on site"),
        ),
    ],
)
def test_kind_of(last_day, title, text, kind):
    assert kind_of(MONDAY, last_day, title, text) == kind


# A synthetic report written in the test: a title block, the judgement table, and points that
# cross lines and a page break under a running footer and footnotes, as the real reports lay them
# out (12pt body, 14pt headings, 8pt footer and page number, 10pt footnotes, 9pt markers).
Text = tuple[float, float, float, str]  # x, y, size, text

FOOTER = "Inspection of Testshire local authority children’s services"


TABLE_2026 = [
    (72, 630, 12, "The impact of leaders on social work"),
    (72, 616, 12, "practice with children and families"),
    (300, 616, 12, "Good"),
    (72, 596, 12, "The experiences and progress of"),
    (72, 582, 12, "children who need help and protection"),
    (300, 582, 12, "Requires improvement to be good"),
    (72, 562, 12, "The experiences and progress of"),
    (72, 548, 12, "children in care"),
    (300, 548, 12, "Good"),
    (72, 528, 12, "The experiences and progress of care"),
    (72, 514, 12, "leavers"),
    (300, 514, 12, "Outstanding"),
]
# ILACS 2018-2022: leaders titled without "social work" (as North Northamptonshire's 2026 table
# is), one judgement for children in care and care leavers, and an overall grade.
TABLE_2018 = [
    (72, 630, 12, "The impact of leaders on practice with"),
    (72, 616, 12, "children and families"),
    (300, 616, 12, "Good"),
    *TABLE_2026[3:6],
    (72, 562, 12, "The experiences and progress of"),
    (72, 548, 12, "children in care and care leavers"),
    (300, 548, 12, "Good"),
    (72, 528, 12, "Overall effectiveness"),
    (300, 528, 12, "Requires improvement to be good"),
]


def page_one(
    title: str = "Standard inspection of Testshire local authority", table: list[Text] = TABLE_2026
) -> list[Text]:
    return [
        (72, 760, 26, title),
        (72, 730, 26, "children’s services"),
        (72, 700, 12, "Inspection dates: 2 to 6 March 2026"),
        (72, 680, 12, "Lead inspector: Ann Example, His Majesty’s Inspector"),
        (72, 650, 12, "Judgement Grade"),
        *table,
        (72, 480, 12, "Testshire has kept its services steady since the last visit."),
    ]


def footer(number: int) -> list[Text]:
    return [(72, 40, 8, FOOTER), (72, 30, 8, "2 to 6 March 2026"), (513, 34, 20, str(number))]


PAGE_TWO = [
    *footer(2),
    (72, 734, 14, "What needs to improve?"),
    (235, 739, 9, "1"),
    (72, 708, 12, "• The speed of decision-"),
    (89, 694, 12, "making at the front door. (outcome 2, national framework)"),
    (72, 670, 12, "• Help for 16-"),
    (89, 656, 12, "and 17-year-olds who are homeless. (outcome 3,"),
    (89, 642, 12, "national framework)"),
    (72, 618, 12, "• The choice of homes for children in care"),
    (293, 623, 9, "2"),
    (299, 618, 12, ", which is too narrow"),
    (89, 604, 12, "for children with complex needs, and"),
    (72, 95, 10, "1 The areas for improvement have been cross-referenced with the national"),
    (72, 83, 10, "framework."),
    (72, 71, 10, "2 Children looked after by the council."),
]
PAGE_THREE = [
    *footer(3),
    (89, 760, 12, "the planning for them. (outcome 4, national framework)"),
    (72, 730, 14, "The experiences and progress of children who need help and"),
    (72, 714, 14, "protection: requires improvement to be good"),
    (72, 690, 12, "1. Children are seen quickly when they need help."),
]


def pdf_of(*pages: list[Text]) -> bytes:
    """A PDF with these runs of text in Helvetica, one content stream a page."""
    writer = PdfWriter()
    for runs in pages:
        page = writer.add_blank_page(595, 842)
        font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }
        )
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        content = DecodedStreamObject()
        content.set_data(b"\n".join(_shown(*run) for run in runs))
        page.replace_contents(content)
    return _written(writer)


def _shown(x: float, y: float, size: float, text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"BT /F1 %g Tf %g %g Td (%s) Tj ET" % (size, x, y, escaped.encode("cp1252"))


def _written(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def synthetic_report() -> bytes:
    return pdf_of(page_one(), PAGE_TWO, PAGE_THREE)


def test_synthetic_report_points_cross_lines_pages_and_footnotes():
    reading = read_report(synthetic_report(), "testshire.pdf")

    assert [(point.text, point.framework_ref, point.page) for point in reading.improve] == [
        ("The speed of decision-making at the front door.", OUTCOME.format(2), 2),
        ("Help for 16- and 17-year-olds who are homeless.", OUTCOME.format(3), 2),
        (
            "The choice of homes for children in care, which is too narrow for children with "
            "complex needs, and the planning for them.",
            OUTCOME.format(4),
            2,
        ),
    ]
    assert reading.local_authority == "Testshire"
    assert (reading.kind, reading.kind_said_by) == ("standard", "report")
    assert reading.pages == {
        "dates": 1,
        "local_authority": 1,
        "lead_inspector": 1,
        "grades": 1,
        "improve": 2,
    }


def test_as_json_shape():
    reading = read_report(synthetic_report(), "testshire.pdf")

    assert reading.as_json() == {
        "local_authority": "Testshire",
        "start": "2026-03-02",
        "end": "2026-03-06",
        "type": "standard",
        "lead_inspector": "Ann Example",
        "grades": {
            "leaders": "good",
            "help_and_protection": "requires improvement",
            "in_care": "good",
            "care_leavers": "outstanding",
        },
        "improve": [
            {"text": point.text, "framework_ref": point.framework_ref} for point in reading.improve
        ],
    }
    assert isinstance(reading, ReportReading)


def test_older_schema_with_overall_and_combined_care_judgement():
    reading = read_report(pdf_of(page_one(table=TABLE_2018), PAGE_TWO, PAGE_THREE), "t.pdf")

    assert reading.grades == {
        "overall": "requires_improvement",
        "leaders": "good",
        "help_protection": "requires_improvement",
        "children_in_care_and_care_leavers": "good",
    }
    assert reading.as_json()["grades"] == {
        "overall": "requires improvement",
        "leaders": "good",
        "help_and_protection": "requires improvement",
        "in_care": "good",
    }


def test_not_a_report():
    minutes = [(72, 760, 12, "Corporate parenting board: minutes of the meeting on 4 March 2026")]
    with pytest.raises(ReportUnreadable, match="board.pdf does not look like an Ofsted"):
        read_report(pdf_of(minutes), "board.pdf")


def test_judgement_table_missing_a_judgement():
    without_care_leavers = page_one(table=TABLE_2026[:-3])
    with pytest.raises(ReportUnreadable, match="without “Care leavers”"):
        read_report(pdf_of(without_care_leavers, PAGE_TWO, PAGE_THREE), "t.pdf")


def test_scanned_pdf_without_text():
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_blank_page(595, 842)
    with pytest.raises(ReportUnreadable, match="scan.pdf has no text to read"):
        read_report(_written(writer), "scan.pdf")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04 a Word file, not a PDF", "is not a PDF file"),
        (b"", "is not a PDF file"),
        ("truncated", "is a damaged or incomplete PDF"),
        ("no page tree", "is a damaged or incomplete PDF"),
    ],
)
def test_damaged_or_not_pdf(data, message):
    report = synthetic_report()
    if data == "truncated":
        data = report[: len(report) * 2 // 3]
    elif data == "no page tree":
        data = report.replace(b"/Pages", b"/Pagez")
    with pytest.raises(ReportUnreadable, match=message) as raised:
        read_report(data, "upload.pdf")
    assert str(raised.value).startswith("upload.pdf ")


def test_encrypted_pdf():
    writer = PdfWriter(clone_from=io.BytesIO(synthetic_report()))
    writer.encrypt(user_password="secret", owner_password="owner")
    with pytest.raises(ReportUnreadable, match="locked.pdf is password-protected"):
        read_report(_written(writer), "locked.pdf")


def test_pdf_locked_only_against_editing_is_read():
    writer = PdfWriter(clone_from=io.BytesIO(synthetic_report()))
    writer.encrypt(user_password="", owner_password="owner")
    assert read_report(_written(writer), "t.pdf").local_authority == "Testshire"


def test_missing_file(tmp_path):
    with pytest.raises(ReportUnreadable, match="gone.pdf could not be opened"):
        read_report(tmp_path / "gone.pdf", "gone.pdf")


@pytest.mark.parametrize(
    ("text", "ref", "areas"),
    [
        # Outcome 4 is children in care or care leavers: the wording picks which.
        ("The quality and choice of accommodation for care leavers.", OUTCOME.format(4),
         ("care_leavers",)),
        ("The sufficiency of homes for children in care.", OUTCOME.format(4),
         ("children_in_care",)),
        # Health assessments are a children-in-care matter, not a help-and-protection one.
        ("Timeliness and recording of children’s health assessments", OUTCOME.format(4),
         ("children_in_care",)),
        # Private fostering is protection work, not fostering for children in care.
        ("The response to children who are privately fostered.", OUTCOME.format(3),
         ("help_protection",)),
        # Agreed area first, then what else the wording names.
        ("The management oversight of the local authority designated officer (LADO).",
         OUTCOME.format(3), ("help_protection", "leaders")),
        ("Return home interviews for children who go missing from care.", OUTCOME.format(3),
         ("help_protection", "children_in_care")),
        # Wording and reference disagree: the wording first, then the reference.
        ("The quality of pathway plans.", OUTCOME.format(2), ("care_leavers", "help_protection")),
        # No wording to go on: the reference decides.
        ("Consistency in the recording of contingency plans.", OUTCOME.format(2),
         ("help_protection",)),
        ("Consistency in the recording of contingency plans.", OUTCOME.format(4),
         ("children_in_care", "care_leavers")),
        ("Quality, consistency and impact of management oversight", LEADERS_ENABLER,
         ("leaders",)),
        ("Manageable caseloads for social workers.", ENABLER_2, ("leaders",)),
        # No reference: the wording alone; neither: leaders.
        ("The timeliness of child protection conferences.", None, ("help_protection",)),
        ("Support for children in need.", None, ("help_protection",)),
        ("Consistency in the recording of contingency plans.", None, ("leaders",)),
    ],
)  # fmt: skip
def test_suggest_areas(text, ref, areas):
    assert suggest_areas(text, ref) == areas
