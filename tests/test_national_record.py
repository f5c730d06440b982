"""The national record of ILACS inspections: Ofsted's public files read, told apart by content,
merged; and the refusals and warnings, on small hand-made files.

The real files stay where they are kept, outside the repo (tests/kpi_data.py); the tests that need
them are skipped, saying why, where they are not present. The expected values were read by hand
from the files.
"""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date, datetime

import openpyxl
import pytest

from readiness.inspection.national_cells import (
    DATES_NOT_PARSED,
    NO_OVERALL_POST_REFORM,
    START_UNREADABLE,
)
from readiness.inspection.national_files import NationalFileRefused, read_national
from readiness.inspection.national_merge import TYPE_DIFFERS, UNDATED_FROM_OFFICIAL
from readiness.inspection.scraped_history import SIF_NOTE
from tests.kpi_data import OFSTED_DATA, shared_file

HISTORY = "ofsted_csc_ilacs_history.csv"
LOOKUP = "la_lookup_provider_data.csv"
OFFICIAL = "la_inspection_outcomes_as_at_31_march_2025.ods"
OVERVIEW = "ofsted_csc_ilacs_overview.xlsx"
D2I_OVERVIEW = "d2i_ofsted_csc_ilacs_overview_2026-06-29.xlsx"
RI = "requires_improvement"


def real(*names: str) -> list:
    return [shared_file(OFSTED_DATA / name) for name in names]


@pytest.fixture(scope="module")
def record():
    return read_national(real(HISTORY, LOOKUP, OFFICIAL))


def the_one(record, la_code: str, start: date | None, kind: str | None = None):
    found = [
        event
        for event in record.inspections_of(la_code)
        if event.start == start and (kind is None or event.kind == kind)
    ]
    assert len(found) == 1, found
    return found[0]


def test_councils_come_from_the_lookup(record):
    assert len(record.councils) == 156  # 153 councils and Cumbria, Northamptonshire, Poole
    leeds = record.councils["383"]
    assert (leeds.name, leeds.ons_code, leeds.region) == (
        "Leeds",
        "E08000035",
        "Yorkshire and the Humber",
    )
    assert leeds.neighbours[:3] == ("851", "882", "373") and len(leeds.neighbours) == 10
    assert record.councils["909"].neighbours == ()  # Cumbria, abolished 2023


def test_counts_by_kind(record):
    kinds = Counter(event.kind for event in record.inspections)
    assert kinds == {
        "standard": 195,
        "short": 128,
        "sif": 176,
        "focused_visit": 36,
        "monitoring_visit": 24,
    }
    assert len(record.inspections) == 559
    assert sum(event.is_full for event in record.inspections) == 323
    assert len(record.sources) == 3


def test_inspections_are_in_council_then_date_order(record):
    keys = [(e.la_code, e.start or e.published) for e in record.inspections]
    assert keys == sorted(keys)


# la_code, start, kind, end, published, grades, type_source, theme, lead inspector
COMBINED = "children_in_care_and_care_leavers"
FIVE_OUTSTANDING_BUT_HP = {
    "overall": "outstanding",
    "leaders": "outstanding",
    "help_protection": "good",
    "children_in_care": "outstanding",
    "care_leavers": "outstanding",
}
CASES = [
    ("383", date(2018, 10, 29), "short", date(2018, 11, 2), date(2018, 12, 18),
     {"overall": "outstanding", "leaders": "outstanding", "help_protection": "outstanding",
      COMBINED: "good"}, "official", None, "Matt Reed"),
    ("383", date(2022, 2, 21), "standard", date(2022, 3, 4), date(2022, 5, 9),
     {"overall": "outstanding", "leaders": "outstanding", "help_protection": "good",
      COMBINED: "outstanding"}, "official", None, "Louise Hollick"),
    # After the statistics' last report (30 June 2025): the scrape alone, dd/mm/yy read as 2025.
    ("383", date(2025, 6, 30), "short", date(2025, 7, 4), date(2025, 8, 12),
     FIVE_OUTSTANDING_BUT_HP, "days on site", None, "Catherine Heron"),
    ("302", date(2019, 5, 13), "standard", date(2019, 5, 24), date(2019, 7, 1),
     {"overall": "good", "leaders": "good", "help_protection": "good", COMBINED: "good"},
     "official", None, "Andy Whippey"),
    ("302", date(2024, 6, 10), "short", date(2024, 6, 14), date(2024, 7, 23),
     {"overall": "good", "leaders": "good", "help_protection": "good",
      "children_in_care": "outstanding", "care_leavers": "good"}, "official", None,
     "Naintara Khosla"),
    ("301", date(2025, 3, 26), "focused_visit", None, date(2025, 4, 29), {}, None,
     "Children in need/subject to a plan", None),
    ("889", date(2024, 4, 23), "focused_visit", None, date(2024, 5, 24), {}, None,
     "Care leavers", None),
    ("380", date(2024, 5, 22), "monitoring_visit", None, date(2024, 7, 12), {}, None,
     "Achieving permanence", None),
    # Cumbria, abolished 2023: in Ofsted's statistics only.
    ("909", date(2022, 9, 20), "standard", None, date(2022, 11, 15),
     {"overall": RI, "leaders": RI, "help_protection": RI, COMBINED: "good"}, "official", None,
     None),
]  # fmt: skip


@pytest.mark.parametrize(
    "la_code, start, kind, end, published, grades, type_source, theme, lead", CASES
)
def test_council_inspections_read_by_hand(
    record, la_code, start, kind, end, published, grades, type_source, theme, lead
):
    event = the_one(record, la_code, start, kind)
    assert (event.end, event.published, event.grades) == (end, published, grades)
    assert (event.type_source, event.theme, event.lead_inspector) == (type_source, theme, lead)


def test_leeds_history_in_order(record):
    assert [e.kind for e in record.inspections_of("383")] == ["sif", "short", "standard", "short"]


def test_an_inspection_in_both_files_appears_once(record):
    barnet = [e for e in record.inspections_of("302") if e.start == date(2024, 6, 10)]
    assert len(barnet) == 1
    assert OFFICIAL in barnet[0].source and HISTORY in barnet[0].source
    merged = [e for e in record.inspections if OFFICIAL in e.source and HISTORY in e.source]
    assert len(merged) == 268


def test_the_scrapers_type_never_contradicts_ofsteds(record):
    assert not [n for e in record.inspections for n in e.notes if n.startswith(TYPE_DIFFERS)]
    # The nearest case: 17 days on site, which the scraper could not call short or standard.
    wiltshire = the_one(record, "865", date(2019, 6, 3))
    assert (wiltshire.kind, wiltshire.type_source) == ("standard", "official")
    assert "inspection duration longer than standard framework" in wiltshire.notes[0]


def test_ofsteds_grades_win_and_the_scrapes_are_noted(record):
    st_helens = the_one(record, "342", date(2023, 7, 10))
    assert st_helens.grades["help_protection"] == RI
    assert any("the scraped history said good" in note for note in st_helens.notes)


def test_sif_reports_have_no_grades_and_mostly_no_dates(record):
    sif = [e for e in record.inspections if e.kind == "sif"]
    assert len(sif) == 176
    assert all(SIF_NOTE in e.notes and not e.grades and e.published for e in sif)
    dated = [e for e in sif if e.start]
    assert [(e.la_code, e.start, e.end) for e in dated] == [
        ("371", date(2017, 11, 9), date(2017, 11, 24))  # Doncaster's last SIF report
    ]


UNDATED = [("846", date(2024, 3, 11)), ("892", date(2022, 7, 11)), ("807", date(2022, 6, 20))]


def test_undated_reports_keep_no_date_in_the_scrape_alone():
    scraped = read_national(real(HISTORY, LOOKUP))
    for la_code, _start in UNDATED:
        [event] = [e for e in scraped.inspections_of(la_code) if e.kind == "inspection"]
        assert (event.start, event.end, event.type_source) == (None, None, None)
        assert DATES_NOT_PARSED in event.notes


@pytest.mark.parametrize("la_code, start", UNDATED)
def test_ofsteds_statistics_date_the_undated_reports(record, la_code, start):
    event = the_one(record, la_code, start)
    assert event.end is None and event.type_source == "official"
    assert UNDATED_FROM_OFFICIAL in event.notes and DATES_NOT_PARSED not in event.notes


def test_post_reform_inspections_have_no_overall_grade(record):
    reformed = [e for e in record.inspections if NO_OVERALL_POST_REFORM in e.notes]
    assert len(reformed) == 11
    assert all("overall" not in e.grades and e.start >= date(2026, 4, 1) for e in reformed)
    brent = the_one(record, "304", date(2026, 4, 27))
    assert brent.grades == {
        "leaders": "good",
        "help_protection": "good",
        "children_in_care": "good",
        "care_leavers": "good",
    }


def test_rows_not_used_are_warned_about(record):
    assert len(record.warnings) == 3
    bournemouth = next(w for w in record.warnings if "E06000028" in w)
    assert bournemouth.startswith(f'{OFFICIAL}, sheet "ILACS_inspection_history", row 22')
    assert sum('"to requires improvement" is not a grade' in w for w in record.warnings) == 2


def test_the_overview_serves_as_the_lookup():
    scraped = read_national(real(HISTORY, OVERVIEW))
    assert len(scraped.councils) == 153
    assert scraped.councils["861"].name == "Stoke-on-Trent"
    assert scraped.councils["383"].region == "Yorkshire and the Humber"
    assert len(scraped.inspections) == 497


def test_an_abolished_council_is_not_given_to_its_successor():
    # data-to-insight's overview gives Cumberland (942) Cumbria's ONS code.
    official = read_national(real(OFFICIAL, D2I_OVERVIEW))
    assert not [e for e in official.inspections_of("942") if e.start == date(2022, 9, 20)]
    assert any("(Cumbria) is the ONS code of Cumberland" in w for w in official.warnings)


# Small hand-made files for the errors.
LOOKUP_ROWS = [
    ["urn", "la_code", "la_code_new", "stat_neighbours", "local_authority_ons_name",
     "region_name"],
    ["80481", "383", "E08000035", "851, 882", "Leeds", "Yorkshire and the Humber"],
    ["80487", "302", "E09000003", "320, 870", "Barnet", "London"],
]  # fmt: skip
HISTORY_HEADINGS = [
    "urn", "local_authority", "pdf_filename", "publication_date", "inspection_framework",
    "inspector_name", "inspection_start_date", "inspection_end_date",
    "overall_effectiveness_grade", "impact_of_leaders_grade", "help_and_protection_grade",
    "in_care_grade", "care_leavers_grade",
]  # fmt: skip
LEEDS_2018 = [
    "80481", "leeds", "children's services inspection - 18 december 2018.pdf", "18/12/18",
    "short", "Matt Reed", "29/10/2018", "02/11/2018", "outstanding", "outstanding",
    "outstanding", "good", "inspection_pre_dates_judgement",
]  # fmt: skip
OFFICIAL_HEADINGS = [
    "Web link", "Local authority area code", "Local authority name", "Local authority status",
    "Ofsted region", "Inspection date", "Publication date", "Inspection type",
    "Overall effectiveness",
    "The impact of leaders on social work practice with children and families",
    "The experiences and progress of children who need help and protection",
    "The experiences and progress of children in care",
    "The experiences and progress of care leavers",
]  # fmt: skip


def write_csv(path, rows, bom=False):
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def write_official(path, *rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "ILACS_inspection_history"
    sheet.append(["ILACS inspection history from 2018-2025"])
    sheet.append(["This worksheet contains one table."])
    sheet.append(OFFICIAL_HEADINGS)
    for row in rows:
        sheet.append(["Ofsted Local Authority Webpage", *row])
    book.save(path)
    return path


def with_history(tmp_path, *rows, name="history.csv"):
    lookup = write_csv(tmp_path / "lookup.csv", LOOKUP_ROWS, bom=True)
    history = write_csv(tmp_path / name, [HISTORY_HEADINGS, *rows])
    return lookup, history


def test_files_are_told_by_content_not_name(tmp_path):
    lookup = write_csv(tmp_path / "history.csv", LOOKUP_ROWS, bom=True)
    history = write_csv(tmp_path / "lookup.ods", [HISTORY_HEADINGS, LEEDS_2018])
    national = read_national([history, lookup])
    [leeds] = national.inspections
    assert (leeds.la_code, leeds.kind, leeds.type_source) == ("383", "short", "days on site")
    assert leeds.grades["children_in_care_and_care_leavers"] == "good"
    assert leeds.source == "lookup.ods, row 2"


def test_a_type_that_differs_is_ofsteds_with_a_note(tmp_path):
    official = write_official(
        tmp_path / "stats.xlsx",
        ["E08000035", "Leeds", "Current", "Yorkshire", datetime(2018, 10, 29),
         datetime(2018, 12, 18), "ILACS Standard Inspection", "Outstanding", "Outstanding",
         "Outstanding", "Good", ""],
    )  # fmt: skip
    national = read_national([*with_history(tmp_path, LEEDS_2018), official])
    [leeds] = national.inspections
    assert (leeds.kind, leeds.type_source, leeds.lead_inspector) == (
        "standard",
        "official",
        "Matt Reed",
    )
    assert leeds.notes == (
        f"{TYPE_DIFFERS} Ofsted's statistics say standard; the scraped history said short "
        "(from days on site)",
    )
    assert leeds.source == 'stats.xlsx, sheet "ILACS_inspection_history", row 4; history.csv, row 2'


def test_an_unreadable_date_is_warned_about_and_not_guessed(tmp_path):
    bad = [*LEEDS_2018[:6], "31/02/2024", *LEEDS_2018[7:]]
    national = read_national(list(with_history(tmp_path, bad)))
    [leeds] = national.inspections
    assert leeds.start is None and START_UNREADABLE in leeds.notes
    assert leeds.end == date(2018, 11, 2)
    assert national.warnings == (
        'history.csv, row 2, column "inspection_start_date": "31/02/2024" is not a date '
        "(dd/mm/yyyy); the inspection is kept without it.",
    )


def test_a_publication_date_against_the_report_title_is_warned_about(tmp_path):
    turned = [*LEEDS_2018[:3], "12/18/18", *LEEDS_2018[4:]]  # month first: not a date
    swapped = [*LEEDS_2018[:3], "12/11/18", *LEEDS_2018[4:]]  # a real date, but not the title's
    national = read_national(list(with_history(tmp_path, turned, swapped)))
    assert [w.split(":")[0] for w in national.warnings] == [
        'history.csv, row 2, column "publication_date"',
        'history.csv, row 3, column "publication_date"',
    ]
    assert "18 December 2018" in national.warnings[1]


def test_an_unknown_council_is_left_out_with_a_warning(tmp_path):
    national = read_national(list(with_history(tmp_path, ["99999", *LEEDS_2018[1:]])))
    assert national.inspections == ()
    assert national.warnings == (
        'history.csv, row 2, column "urn": "99999" is not an Ofsted URN in the LA lookup; the '
        "row is left out.",
    )


@pytest.mark.parametrize(
    "name, content",
    [
        ("ofsted_csc_ilacs_history.csv", "council,date,grade\nLeeds,2024-01-01,good\n"),
        ("notes.csv", b"\x89PNG\r\n\x1a\n\x00\x00binary"),
        ("empty.csv", ""),
    ],
)
def test_a_file_that_is_none_of_these_is_refused(tmp_path, name, content):
    path = tmp_path / name
    (path.write_bytes if isinstance(content, bytes) else path.write_text)(content)
    with pytest.raises(NationalFileRefused, match="expected the scraped report history") as e:
        read_national([path])
    assert str(e.value).startswith(f"{name}: ")


def test_a_workbook_that_is_none_of_these_is_refused(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Budget"
    book.save(tmp_path / "la_inspection_outcomes.xlsx")
    with pytest.raises(NationalFileRefused, match=r"sheets \(Budget\) are none"):
        read_national([tmp_path / "la_inspection_outcomes.xlsx"])


def test_the_statistics_without_a_lookup_are_refused():
    with pytest.raises(NationalFileRefused, match="no LA lookup was given") as e:
        read_national(real(OFFICIAL))
    assert "la_lookup_provider_data.csv (column la_code_new)" in str(e.value)


def test_two_histories_are_refused(tmp_path):
    lookup, history = with_history(tmp_path, LEEDS_2018)
    again = write_csv(tmp_path / "again.csv", [HISTORY_HEADINGS, LEEDS_2018])
    with pytest.raises(NationalFileRefused, match="^again.csv: is a second scraped report"):
        read_national([lookup, history, again])
