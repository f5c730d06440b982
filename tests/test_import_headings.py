"""Plans headed in a council's own words: heading families, numbered refs, missing columns."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from readiness.plan.canonical import CANONICAL_COLUMNS
from readiness.plan.importing import ImportFailed, read_plan
from readiness.plan.importing.headings import (
    BY_ALIAS,
    BY_HEADING,
    bare_ref,
    describe_best_header,
    find_header,
    heading_key,
    rag_status,
)
from tests.import_fixtures import canonical_workbook

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 6, 1)


def _workbook(path: Path, rows: list[list]) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def _actions(result):
    return [
        (rec.ref, theme.text, action)
        for rec in result.plan.recommendations
        for theme in rec.themes
        for action in theme.actions
    ]


@pytest.mark.parametrize(
    "heading, key",
    [
        ("Actions required", "action"),
        ("Action(s) required", "action"),
        ("ACTION(S)", "action"),
        ("What will we do", "action"),
        ("What?", "action"),
        ("Lead", "service_leads"),
        ("Lead officer(s)", "service_leads"),
        ("Who", "service_leads"),
        ("Who?", "service_leads"),
        ("Responsible officer", "service_leads"),
        ("Owner", "service_leads"),
        ("Timescale", "due"),
        ("Timescales", "due"),
        ("When", "due"),
        ("When?", "due"),
        ("Target date", "due"),
        ("By when", "due"),
        ("Due by", "due"),
        ("Deadline", "due"),
        ("Completion date", "due"),
        ("Objective", "recommendation"),
        ("Objectives", "recommendation"),
        ("Area for improvement", "recommendation"),
        ("What needs to improve", "recommendation"),
        ("Success measures", "evidence"),
        ("Expected outcome", "evidence"),
        ("Impact", "evidence"),
        ("Evidence", "evidence"),
        ("How will we know?", "evidence"),
        ("Progress", "progress_note"),
        ("Update", "progress_note"),
        ("Progress update", "progress_note"),
        ("Comments", "progress_note"),
        ("RAG", "status"),
        ("RAG status", "status"),
        ("Ref", "ref"),
        ("No.", "ref"),
        ("No", "ref"),
        ("Number", "ref"),
        ("#", "ref"),
        ("Reference", "ref"),
        ("Rec", "ref"),
        ("Due wording", "due_text"),
    ],
)
def test_a_heading_family_names_its_column(heading, key):
    column = BY_HEADING.get(heading_key(heading)) or BY_ALIAS.get(heading_key(heading))
    assert column is not None and column.key == key


@pytest.mark.parametrize("heading", ["How?", "How", "Notes", "Priority"])
def test_a_heading_of_no_column_is_not_guessed(heading):
    assert heading_key(heading) not in BY_HEADING | BY_ALIAS


def test_no_alias_names_two_columns():
    seen: dict[str, str] = {}
    for column in CANONICAL_COLUMNS:
        for text in (column.heading, *column.aliases):
            assert seen.setdefault(heading_key(text), column.key) == column.key, text


def test_every_alias_is_documented():
    contract = (PROJECT_ROOT / "data" / "README.md").read_text()
    for column in CANONICAL_COLUMNS:
        for alias in column.aliases:
            assert alias in contract, f"{alias} missing from data/README.md"


@pytest.mark.parametrize(
    "cell, ref",
    [
        ("1", "REC 1"),
        ("1.", "REC 1"),
        ("1.1", "REC 1"),
        ("1.2.3", "REC 1"),
        ("2a", "REC 2"),
        ("2(b)", "REC 2"),
        ("12)", "REC 12"),
        ("", None),
        ("one", None),
        ("1.5 million", None),
    ],
)
def test_bare_ref(cell, ref):
    assert bare_ref(cell) == ref


@pytest.mark.parametrize(
    "cell, status",
    [
        ("Blue", "complete"),
        ("green", "in_progress"),
        ("AMBER", "in_progress"),
        ("Red", "in_progress"),
        ("Purple", None),
    ],
)
def test_rag_status(cell, status):
    assert rag_status(cell) == status


OBJECTIVE_ROWS = [
    ["Fernbrook Council children's services improvement plan"],
    [],
    ["Objective", "Action(s) required", "Expected outcome", "When", "Lead", "Progress"],
    [
        "Strengthen the quality of supervision.",
        "Audit ten supervision records a month.",
        "Reflective supervision on every file.",
        "Mar 2027",
        "Marta Quill",
        "Audits started in May.",
    ],
    [
        "Strengthen the quality of supervision.",
        "Retrain team managers in reflective supervision.",
        "",
        "Q3 2026/27",
        "Owen Patel",
        "",
    ],
    [
        "Make return home interviews timely.",
        "Offer every interview within 72 hours.",
        "Interviews within 72 hours.",
        "31/03/2027",
        "Lena Hart",
        "",
    ],
]


def test_an_objective_plan_imports(tmp_path):
    result = read_plan(_workbook(tmp_path / "objective.xlsx", OBJECTIVE_ROWS), imported_on=TODAY)
    assert result.shape == "canonical"
    recs = result.plan.recommendations
    assert [(r.ref, r.text) for r in recs] == [
        ("REC 1", "Strengthen the quality of supervision."),
        ("REC 2", "Make return home interviews timely."),
    ]
    actions = _actions(result)
    assert [(ref, theme) for ref, theme, _ in actions] == [
        ("REC 1", "REC 1 actions"),
        ("REC 1", "REC 1 actions"),
        ("REC 2", "REC 2 actions"),
    ]
    dues = [a.due for _, _, a in actions]
    assert dues == [date(2027, 3, 31), date(2026, 12, 31), date(2027, 3, 31)]
    first = actions[0][2]
    assert first.service_leads == ["Marta Quill"]
    assert first.evidence == "Reflective supervision on every file."
    assert first.updates[0].text == "Audits started in May."
    said = " ".join(w.message for w in result.warnings)
    assert "numbered REC 1, REC 2" in said
    assert "no theme column" in said


WHAT_WHO_ROWS = [
    ["No.", "What?", "Who?", "How?", "When?", "RAG"],
    ["1", "Improve the timeliness of assessments.", "", "", "", ""],
    ["1.1", "Track assessments weekly.", "Ravi Doyle", "Dashboard", "Sept 2026", "Green"],
    ["1.2", "Add a second duty team.", "Ravi Doyle", "", "Dec 2026", "Blue"],
    ["2.", "Hear children's voices in plans.", "", "", "", ""],
    ["2a", "Record the child's words in every plan.", "Nia Ebrahim", "", "31/01/2027", "Red"],
]


def test_a_what_who_when_plan_with_numbered_refs_imports(tmp_path):
    result = read_plan(_workbook(tmp_path / "what.xlsx", WHAT_WHO_ROWS), imported_on=TODAY)
    recs = result.plan.recommendations
    assert [(r.ref, r.text) for r in recs] == [
        ("REC 1", "Improve the timeliness of assessments."),
        ("REC 2", "Hear children's voices in plans."),
    ]
    actions = [a for _, _, a in _actions(result)]
    assert [a.text for a in actions] == [
        "Track assessments weekly.",
        "Add a second duty team.",
        "Record the child's words in every plan.",
    ]
    assert [a.status for a in actions] == ["in_progress", "complete", "in_progress"]
    assert actions[0].due == date(2026, 9, 30)
    said = [w.message for w in result.warnings]
    assert any("RAG colour" in m and "dashboard's" in m for m in said)
    assert sum("RAG colour" in m for m in said) == 1  # said once, not on every row
    assert any('"How?"' in m and "not imported" in m for m in said)


def test_a_recommendation_without_its_own_row_is_named_by_its_number(tmp_path):
    rows = [["Ref", "Action", "Lead"], ["3.1", "Publish the audit summary.", "Ada Lowe"]]
    result = read_plan(_workbook(tmp_path / "bare.xlsx", rows), imported_on=TODAY)
    rec = result.plan.recommendations[0]
    assert (rec.ref, rec.text) == ("REC 3", "Recommendation 3")


def test_the_template_still_wins_over_aliases(tmp_path):
    """An exported plan's Status column is read, not the RAG column the export adds."""
    rows = [["Ref", "Recommendation", "Theme", "Action", "Service leads", "Status", "RAG"]]
    rows.append(["REC 1", "Improve plans.", "Plans", "Review plans.", "Ann Bell", "", "Red"])
    header = find_header(rows)
    assert header is not None and not header.aliased
    assert header.columns["status"] == 5


def test_a_template_plan_warns_of_nothing_new(tmp_path):
    row = {c.key: "" for c in CANONICAL_COLUMNS}
    row.update(
        ref="REC 1",
        recommendation="Improve plans.",
        theme="Plans",
        action="Review plans.",
        service_leads="Ann Bell",
        due=date(2026, 9, 30),
    )
    path = canonical_workbook(tmp_path / "t.xlsx", [[row[c.key] for c in CANONICAL_COLUMNS]])
    result = read_plan(path, imported_on=TODAY)
    assert result.warnings == []


def test_a_committee_paper_header_is_left_to_its_own_reader():
    rows = [["Recommendation", "Improvement Theme", "Service Lead", "Detailed actions"]]
    assert find_header(rows) is None


def test_an_unrecognised_header_says_what_was_found_and_what_is_missing(tmp_path):
    rows = [
        ["Brightwater improvement plan"],
        [],
        ["Area", "Task", "Who?", "Timescale"],
        ["Assessments", "Track weekly.", "Ravi Doyle", "Sept 2026"],
    ]
    text = describe_best_header(rows)
    assert text.startswith('Headings found on row 3: "Area", "Task", "Who?", "Timescale"')
    assert '"Who?" as the service leads' in text
    assert "missing: the recommendation" in text and "the action" in text
    with pytest.raises(ImportFailed):
        read_plan(_workbook(tmp_path / "odd.xlsx", rows), imported_on=TODAY)
