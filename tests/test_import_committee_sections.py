"""Section rows in a committee paper ("Help and protection" across the table above a block):
read as the judgement area of the recommendations under them, or named as not imported.

Every council, name and sentence here is invented for the project.
"""

from __future__ import annotations

import pytest

from readiness.plan.importing import ImportFailed, read_plan
from readiness.plan.importing.committee_sections import NOT_AN_AREA, section_areas
from tests.conftest import AS_AT
from tests.import_fixtures import HEADER_FULL, rows_workbook, save_as_csv
from tests.word_fixtures import table_document

TITLE = "Calderbrook Council – children's services improvement plan – May 2026"


def _rec(text: str, theme: str, lead: str, action: str) -> list[str]:
    return [text, theme, lead, "", action, ""]


# A header repeated over each block, and a section row (merged across) above some blocks.
SECTIONED = [
    [TITLE],  # 1
    [],
    ["Help and protection"],  # 3: above the first header, under the title
    HEADER_FULL,
    _rec(
        "REC 1 - Make sure health and police join every strategy meeting",
        "Strategy meetings",
        "Owen Tranter",
        "• Invite health and police to every strategy meeting by 31/07/2026",
    ),
    [],
    HEADER_FULL,  # 7: a repeated header does not end the section
    _rec(
        "REC 2 - Act sooner when neglect is suspected",
        "Neglect toolkit",
        "Owen Tranter",
        "• Train every duty worker in the neglect toolkit by 30/09/2026",
    ),
    [],
    ["Children in care"],  # 10
    HEADER_FULL,
    _rec(
        "REC 3 - Help children in care keep in touch with their brothers and sisters",
        "Family time",
        "Farah Qureshi",
        "• Review family time for every separated brother and sister by 31/10/2026",
    ),
    [],
    ["Standard 4: Fostering recruitment"],  # 14: names no judgement area
    HEADER_FULL,
    _rec(
        "AFD 1 - Find more foster carers for teenagers",
        "Recruitment campaign",
        "Farah Qureshi",
        "• Run a campaign for carers of teenagers by 31/01/2027",
    ),
]
SECTION_ROWS = (3, 10, 14)


def _areas(plan) -> dict[str, list[str]]:
    return {rec.ref: rec.areas for rec in plan.recommendations}


def test_section_rows_give_the_recommendations_under_them_their_judgement_area(tmp_path):
    # Before: row 10 refused the file ("does not start with a recommendation reference") and
    # row 3 was passed over in silence.
    path = rows_workbook(tmp_path / "paper.xlsx", SECTIONED, SECTION_ROWS)
    result = read_plan(path, imported_on=AS_AT)
    assert _areas(result.plan) == {
        "REC 1": ["help_protection"],
        "REC 2": ["help_protection"],
        "REC 3": ["children_in_care"],
        "AFD 1": [],
    }
    assert result.plan.title == TITLE  # the title above the first header is still the title


def test_a_section_that_names_no_judgement_area_is_a_warning(tmp_path):
    path = rows_workbook(tmp_path / "paper.xlsx", SECTIONED, SECTION_ROWS)
    result = read_plan(path, imported_on=AS_AT)
    (section,) = [w for w in result.warnings if w.message == NOT_AN_AREA]
    assert (section.row, section.value) == (14, "Standard 4: Fostering recruitment")
    assert str(section).startswith(
        'paper.xlsx, sheet "Improvement plan", row 14: "Standard 4: Fostering recruitment" was '
        "read as a section heading and is not imported"
    )
    assert result.recommendations == 4


def test_a_section_row_saved_to_csv_is_read_from_its_first_cell(tmp_path):
    book = rows_workbook(tmp_path / "paper.xlsx", SECTIONED, SECTION_ROWS)
    csv = read_plan(save_as_csv(book, tmp_path / "paper.csv"), imported_on=AS_AT)
    assert csv.plan == read_plan(book, imported_on=AS_AT).plan
    assert [w.row for w in csv.warnings if w.message == NOT_AN_AREA] == [14]


def test_a_recommendations_own_row_across_the_table_is_neither_a_section_nor_a_theme(tmp_path):
    # One header; each section and each recommendation on its own row merged across the table.
    rows = [
        HEADER_FULL,
        ["Leadership and management"],
        ["REC 1 - Give senior leaders a clear view of frontline practice"],
        [
            "",
            "Practice visits",
            "Miles Ebdon (Director of Children's Services)",
            "",
            "• Each senior leader spends a day a month with a frontline team by 31/05/2027",
            "",
        ],
        ["", "Audit findings", "Miles Ebdon", "", "• Share audit findings by 31/07/2026", ""],
        ["Care leavers"],
        ["REC 2 - Offer every care leaver a home they can afford"],
        ["", "Housing pathway", "Farah Qureshi", "", "• Agree a housing pathway by 31/12/2026", ""],
    ]
    path = rows_workbook(tmp_path / "paper.xlsx", rows, merged=(2, 3, 6, 7))
    result = read_plan(path, imported_on=AS_AT)
    assert _areas(result.plan) == {"REC 1": ["leaders"], "REC 2": ["care_leavers"]}
    themes = {r.ref: [t.text for t in r.themes] for r in result.plan.recommendations}
    assert themes == {"REC 1": ["Practice visits", "Audit findings"], "REC 2": ["Housing pathway"]}
    assert result.warnings == []


def test_a_recommendation_written_without_its_reference_is_not_taken_for_a_section(tmp_path):
    rows = [
        [TITLE],
        [],
        HEADER_FULL,
        ["Children in care"],  # 4: a section
        ["Keep brothers and sisters in care together"],  # 5: its rows follow, so not a section
        ["", "Sibling placements", "Farah Qureshi", "", "• Assess siblings together", ""],
    ]
    with pytest.raises(ImportFailed) as failed:
        read_plan(rows_workbook(tmp_path / "paper.xlsx", rows, (4,)), imported_on=AS_AT)
    assert [(p.row, p.value) for p in failed.value.problems] == [
        (5, "Keep brothers and sisters in care together")
    ]
    assert "does not start with a recommendation reference" in failed.value.problems[0].message


def test_an_area_named_above_the_headings_is_a_section_not_the_title(tmp_path):
    rows = [
        ["Children in care"],
        HEADER_FULL,
        _rec("REC 1 - Plan for permanence sooner", "Permanence", "Farah Qureshi", "• Track it"),
    ]
    result = read_plan(rows_workbook(tmp_path / "paper.xlsx", rows, (1,)), imported_on=AS_AT)
    assert result.plan.title == "paper"  # the file's name: the paper gives no title
    assert _areas(result.plan) == {"REC 1": ["children_in_care"]}


def test_a_word_table_reads_its_section_rows(tmp_path):
    rows = [[c or "" for c in row] or [""] for row in SECTIONED]
    path = table_document(tmp_path / "paper.docx", rows, SECTION_ROWS)
    result = read_plan(path, imported_on=AS_AT)
    assert _areas(result.plan)["REC 3"] == ["children_in_care"]
    assert [w.row for w in result.warnings if w.message == NOT_AN_AREA] == [14]


@pytest.mark.parametrize(
    ("text", "areas"),
    [
        ("Help and protection", ("help_protection",)),
        ("Leadership and management", ("leaders",)),
        ("Impact of leaders", ("leaders",)),
        ("2. Children in care & care leavers", ("children_in_care", "care_leavers")),
        ("Section B – Care leavers", ("care_leavers",)),
        ("Judgement 3: Children looked after", ("children_in_care",)),
        (
            "The experiences and progress of children who need help and protection",
            ("help_protection",),
        ),
        ("Standard 1: Early help", ()),
        ("Help and protection, and finance", ()),
    ],
)
def test_a_section_names_judgement_areas_as_the_judgement_areas_cell_does(text, areas):
    assert section_areas(text) == areas
