"""Councils' own tables with rows that are not one action each (issue 26), end to end: section
rows and the heading row repeated where a Word table broke across pages, numbering as the
structure, several actions in one cell, and posts with a "/" in their title as leads.

Each shape (tests/row_shape_fixtures.py) is imported as .xlsx, .csv and .docx through the
command line into a new database, counted as a user would count it, exported, and the export
imported again with nothing to change (the Data page: test_import_row_shapes_page.py).
"""

from __future__ import annotations

from datetime import date

import pytest

from readiness.db.engine import make_engine
from readiness.plan.importing import ImportFailed, read_plan
from readiness.plan.importing.action_lines import separate_lines
from readiness.plan.importing.leads import split_leads
from tests.import_fixtures import canonical_row, canonical_workbook, rows_workbook, save_as_csv
from tests.reimport_check import apply_as_previewed
from tests.row_shape_fixtures import (
    FORMATS,
    LINES,
    LINES_KEPT_WHOLE,
    OUTLINE,
    SECTIONS,
    SHAPES,
    Shape,
    counts_of,
    summary,
    write,
)
from tests.test_cli import run
from tests.test_import_journey import plan_in

DAY = "2026-03-01"
IMPORTED_ON = date.fromisoformat(DAY)


def import_args(shape: Shape, path) -> list[str]:
    return [
        "import-plan",
        str(path),
        "--imported-on",
        DAY,
        *(["--map", shape.map] * bool(shape.map)),
    ]


@pytest.mark.parametrize("kind", FORMATS)
@pytest.mark.parametrize("name", SHAPES)
def test_a_shape_imports_whole_and_its_export_imports_back_unchanged(
    name, kind, tmp_path, any_db_url, capsys
):
    shape = SHAPES[name]
    path = write(shape, kind, tmp_path)
    dry = run(capsys, *import_args(shape, path), "--dry-run", db=any_db_url)
    assert dry.code == 0, dry.err
    assert summary(shape.counts) in dry.out.splitlines()[0]
    stored = run(capsys, *import_args(shape, path), "--yes", db=any_db_url)
    assert stored.code == 0, stored.err
    assert counts_of(plan_in(any_db_url)) == shape.counts

    exported = tmp_path / "exported.xlsx"
    assert run(capsys, "export-plan", str(exported), "--as-at", DAY, db=any_db_url).code == 0
    again = run(
        capsys, "import-plan", str(exported), "--dry-run", "--imported-on", DAY, db=any_db_url
    )
    assert again.code == 0, again.err
    assert "0 added, 0 changed, 0 removed" in again.out
    engine = make_engine(any_db_url)
    try:
        reread = read_plan(exported, imported_on=IMPORTED_ON).plan
        assert not apply_as_previewed(engine, reread, IMPORTED_ON).has_changes
    finally:
        engine.dispose()


def _plan(result) -> list[tuple]:
    """Every action with its place: what a reader of the plan would compare."""
    return [
        (r.ref, r.text, r.areas, t.text, a.text, a.service_leads, a.due, a.due_text, notes)
        for r in result.plan.recommendations
        for t in r.themes
        for a in t.actions
        for notes in [[u.text for u in a.updates]]
    ]


def _read(shape: Shape, kind: str, tmp_path, **options):
    return read_plan(write(shape, kind, tmp_path), imported_on=IMPORTED_ON, **options)


def _said(result) -> list[str]:
    return [str(w) for w in result.warnings]


@pytest.mark.parametrize("kind", FORMATS)
def test_sections_give_areas_repeated_headings_are_skipped_and_a_cut_row_joins_the_one_above(
    kind, tmp_path
):
    result = _read(SECTIONS, kind, tmp_path)
    front_door = "Make the front door quicker and safer for families"
    reviews = "Hold every child's review on time"
    post = "Head of Service MASH/SA"
    assert _plan(result) == [
        (
            "REC 1",
            front_door,
            ["help_protection"],
            "REC 1 actions",
            "Agree the threshold guidance with every partner agency",
            [post],
            date(2026, 3, 31),
            None,
            ["Draft agreed by the partnership board"],
        ),
        (
            "REC 1",
            front_door,
            ["help_protection"],
            "REC 1 actions",
            "Audit twenty contacts each month for the quality of decisions",
            ["Nadia Kerr"],
            date(2026, 6, 30),
            "30/06/2026 then every month",
            ["First audit done in January\nSecond audit shows decisions made a day sooner"],
        ),
        (
            "REC 2",
            reviews,
            ["children_in_care"],
            "REC 2 actions",
            "Book each review before the child's plan is due",
            ["Owen Price"],
            date(2026, 9, 30),
            None,
            [],
        ),
        (
            "REC 2",
            reviews,
            ["children_in_care"],
            "REC 2 actions",
            "Report review timeliness to the corporate parenting panel",
            [post, "Principal Social Worker"],
            None,
            "Quarterly",
            [],
        ),
    ]
    said = _said(result)
    assert any("row 7: This row repeats the heading row" in s and "skipped" in s for s in said)
    assert any(
        'row 8, column "When": This row has no number, action or lead, so it was read as the '
        "rest of row 6 (a table broken across pages): its When and Progress update text was "
        "added to that row's." in s
        for s in said
    )
    assert any('row 3: "Help and protection" was read as a section heading' in s for s in said)
    assert any('row 9: "Children in care" was read as a section heading' in s for s in said)


@pytest.mark.parametrize("kind", FORMATS)
def test_numbering_gives_recommendations_themes_and_actions(kind, tmp_path):
    result = _read(OUTLINE, kind, tmp_path)
    shape = [(r, t, a, leads) for r, _, _, t, a, leads, *_ in _plan(result)]
    assert shape == [
        (
            "REC 1",
            "Plans",
            "Rewrite the plan template with practitioners",
            ["Head of Service MASH/SA"],
        ),
        ("REC 1", "Plans", "Check ten plans a month against the template", ["Quentin Ross"]),
        ("REC 1", "REC 1 actions", "Train every team manager in writing plans", ["Rita Shaw"]),
        ("REC 2", "REC 2 actions", "Set a supervision standard for every team", ["Sam Tate"]),
        ("REC 2", "REC 2 actions", "Audit supervision records each quarter", ["Sam Tate"]),
    ]
    recs = [r.text for r in result.plan.recommendations]
    assert recs == [
        "Make sure every child in need has a plan that says what will change",
        "Strengthen management oversight of casework",
    ]
    said = _said(result)
    assert any(
        "numbering was read as its structure" in s and "1 theme, on row 4" in s for s in said
    )
    assert any("2 rows lettered a), b), ... with no number were read as actions" in s for s in said)


@pytest.mark.parametrize("kind", FORMATS)
def test_a_cell_of_several_actions_is_one_action_per_line_unless_turned_off(kind, tmp_path):
    result = _read(LINES, kind, tmp_path)
    actions = [(a, leads, due) for *_, a, leads, due, _, _ in _plan(result)]
    assert actions == [
        ("Agree a supervision policy with staff", ["Uma Vance"], date(2026, 3, 31)),
        ("Train every manager in reflective supervision", ["Vic Wood"], date(2026, 6, 30)),
        ("Audit supervision records each quarter", ["Uma Vance"], None),
        (
            "Review each social worker's caseload with\ntheir manager every month",
            ["Will Young"],
            date(2026, 6, 30),
        ),
        (
            "Recruit six permanent social workers",
            ["Xena Zhou", "Yusuf Abbas", "Zoe Baker"],
            date(2026, 12, 31),
        ),
        (
            "End the use of agency managers",
            ["Xena Zhou", "Yusuf Abbas", "Zoe Baker"],
            date(2026, 12, 31),
        ),
    ]
    said = _said(result)
    assert any(
        'row 3, column "Actions required": 3 actions were read from this one cell, one per '
        "line, each with the lead on its line" in s
        for s in said
    )
    assert any("row 5" in s and "every action has all its leads" in s for s in said)
    whole = _read(LINES, kind, tmp_path, split_lines=False)
    assert (whole.actions, whole.themes) == (LINES_KEPT_WHOLE.actions, LINES_KEPT_WHOLE.themes)
    assert not any("read from this one cell" in s for s in _said(whole))


def test_no_split_lines_on_the_command_line(tmp_path, sqlite_url, capsys):
    path = write(LINES, "xlsx", tmp_path)
    ran = run(capsys, *import_args(LINES, path), "--no-split-lines", "--yes", db=sqlite_url)
    assert ran.code == 0, ran.err
    assert counts_of(plan_in(sqlite_url)) == LINES_KEPT_WHOLE


def test_the_template_s_own_layout_is_never_split(tmp_path):
    """An export is one action per row: an action written over lines there stays one."""
    row = canonical_row(
        ref="REC 1",
        recommendation="Improve plans.",
        theme="Templates",
        action="Agree the template\nTrain the managers",
        service_leads="Ann Lee\nBen Cole",
        due="30/09/2026",
    )
    result = read_plan(canonical_workbook(tmp_path / "plan.xlsx", [row]), imported_on=IMPORTED_ON)
    assert result.actions == 1


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Agree a policy\nTrain the managers", ["Agree a policy", "Train the managers"]),
        # A sentence wrapped by hard returns is one action.
        ("Review every plan with\ntheir managers", None),
        ("Review every plan with the\nManagers of each team", None),
        ("Review every plan,\nAudit them", None),
        ("Review every plan\nto make sure it is current", None),
        ("Review every plan\nTo make sure it is current", None),
        # A list with its own bullets or numbers is kept as the plan wrote it.
        ("• Agree a policy\n• Train the managers", None),
        ("1. Agree a policy\n2. Train the managers", None),
        # A line of one word is a label or a note, not an action.
        ("Agree a policy\nOngoing", None),
        ("Agree a policy", None),
    ],
)
def test_lines_read_as_separate_actions_only_when_each_stands_alone(cell, expected):
    assert separate_lines(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Head of Service MASH/ SA", ["Head of Service MASH/SA"]),
        ("HoS MASH/SA", ["HoS MASH/SA"]),
        ("Team Manager MASH/Assessment", ["Team Manager MASH/Assessment"]),
        ("Head of Early Help/ Family Support", ["Head of Early Help/Family Support"]),
        ("Head of Service MASH/Children in Care", ["Head of Service MASH/Children in Care"]),
        # The post's title ends where the next lead starts.
        (
            "Head of Service MASH/ SA, Principal Social Worker",
            ["Head of Service MASH/SA", "Principal Social Worker"],
        ),
        ("Head of Service MASH/ SA & Head of QA", ["Head of Service MASH/SA", "Head of QA"]),
        # Two leads: a post's acronym, a person, a team, or two services with no post.
        ("Head of CP / DCS", ["Head of CP", "DCS"]),
        ("Head of Service / Aisha Rahman", ["Head of Service", "Aisha Rahman"]),
        ("Head of Service MASH/ Aisha Rahman", ["Head of Service MASH", "Aisha Rahman"]),
        ("Head of Service MASH/ Assessment Team", ["Head of Service MASH", "Assessment Team"]),
        ("Planning Manager / Health", ["Planning Manager", "Health"]),
        ("MASH/EDT", ["MASH", "EDT"]),
    ],
)
def test_a_slash_inside_a_post_s_title_is_not_between_two_leads(cell, expected):
    assert [name for name, _ in split_leads(cell)] == expected


# --- What is still refused, and why ----------------------------------------------------------


def _refused(path) -> list:
    with pytest.raises(ImportFailed) as failed:
        read_plan(path, imported_on=IMPORTED_ON)
    return failed.value.problems


def test_a_row_of_progress_alone_with_no_action_above_is_refused_naming_its_row(tmp_path):
    rows = [
        ["No.", "Actions required", "Lead officer", "When", "Progress update"],
        ["", "", "", "", "Audit begun"],
        ["1", "Audit the front door", "Nadia Kerr", "30/06/2026", ""],
    ]
    problems = _refused(save_as_csv(rows_workbook(tmp_path / "p.xlsx", rows), tmp_path / "p.csv"))
    assert {(p.row, p.column) for p in problems} >= {(2, "No."), (2, "Actions required")}


def test_a_heading_row_reworded_further_down_is_not_taken_for_a_repeat(tmp_path):
    rows = [
        ["No.", "Actions required", "Lead officer", "When", "Progress update"],
        ["1", "Audit the front door", "Nadia Kerr", "30/06/2026", ""],
        ["No.", "Actions required (continued)", "Lead officer", "When", "Progress update"],
    ]
    problems = _refused(rows_workbook(tmp_path / "p.xlsx", rows))
    assert [(p.row, p.column, p.value) for p in problems][:1] == [(3, "No.", "No.")]


# --- Headings filling in the rows under them, and where they end -----------------------------


def _csv(tmp_path, rows: list[list[str]], merged: tuple[int, ...] = ()):
    book = rows_workbook(tmp_path / "plan.xlsx", rows, merged=merged)
    return save_as_csv(book, tmp_path / "plan.csv")


def test_a_theme_heading_names_the_empty_theme_cells_under_it_until_a_row_outside_it(tmp_path):
    rows = [
        ["Ref", "Recommendation", "Theme", "Action", "Service leads", "Due"],
        ["1.1 Supervision policy"],
        ["1.1.1", "Improve supervision", "", "Agree the policy", "Dee Evans", "31/03/2026"],
        ["1.1.2", "Improve supervision", "", "Publish the policy", "Dee Evans", "30/04/2026"],
        ["1.2", "Improve supervision", "Training", "Train all managers", "Fay Green", "30/06/2026"],
    ]
    result = read_plan(_csv(tmp_path, rows), imported_on=IMPORTED_ON)
    assert [(t, a) for _, _, _, t, a, *_ in _plan(result)] == [
        ("Supervision policy", "Agree the policy"),
        ("Supervision policy", "Publish the policy"),
        ("Training", "Train all managers"),
    ]


def test_a_recommendation_s_own_row_fills_the_rows_under_it_until_one_numbered_in_another(
    tmp_path,
):
    rows = [
        ["No.", "Objective", "Actions required", "Lead officer", "When"],
        ["1", "Improve supervision", "", "", ""],
        ["", "", "Agree the policy", "Dee Evans", "31/03/2026"],
        ["1.2", "", "Train all managers", "Fay Green", "30/06/2026"],
        ["2.1", "Improve plans", "Rewrite the template", "Gus Hill", "31/05/2026"],
        ["", "", "Audit ten plans", "Gus Hill", "31/07/2026"],
    ]
    problems = _refused(_csv(tmp_path, rows))
    # Rows 3 and 4 are REC 1's; row 6 follows a row of REC 2, which is no heading: as before,
    # a row with no ref and no recommendation is refused, never guessed.
    assert sorted({(p.row, p.column) for p in problems}) == [(6, "No."), (6, "Objective")]
    del rows[5]
    result = read_plan(_csv(tmp_path, rows), imported_on=IMPORTED_ON)
    assert [(r, text, a) for r, text, _, _, a, *_ in _plan(result)] == [
        ("REC 1", "Improve supervision", "Agree the policy"),
        ("REC 1", "Improve supervision", "Train all managers"),
        ("REC 2", "Improve plans", "Rewrite the template"),
    ]


@pytest.mark.parametrize(
    ("stray", "column"),
    [
        # An action alone in its row is an action lacking its lead, not a section.
        (["", "Audit the front door", "", "", ""], "Lead officer"),
        # A stray value below the table is not a section's name.
        (["x", "", "", "", ""], "No."),
        (["#REF!", "", "", "", ""], "No."),
    ],
)
def test_a_row_of_one_text_that_is_no_heading_is_refused_as_before(tmp_path, stray, column):
    rows = [
        ["No.", "Actions required", "Lead officer", "When", "Progress update"],
        ["1", "Audit twenty contacts", "Nadia Kerr", "30/06/2026", ""],
        stray,
    ]
    problems = _refused(_csv(tmp_path, rows))
    assert (3, column) in {(p.row, p.column) for p in problems}


def test_a_heading_with_no_action_under_it_is_refused_not_lost(tmp_path):
    rows = [
        ["No.", "Objective", "Actions required", "Lead officer", "When"],
        ["1. Improve supervision"],
        ["1.1", "", "Agree the policy", "Dee Evans", "31/03/2026"],
        ["2. Improve plans for children in need"],
    ]
    (problem,) = _refused(_csv(tmp_path, rows))
    assert (problem.row, problem.value) == (4, "Improve plans for children in need")
    assert "no action's row under it belongs to it, so it would be lost" in problem.message


def test_a_cut_row_joins_each_dated_progress_column_not_only_the_first(tmp_path):
    """A page break cuts a row whose notes sit in two columns dated by their headings: the
    second column's run-on text belongs to that column's note, not lost, not a row of its own."""
    headings = ["No.", "Actions required", "Lead officer", "When"]
    rows = [
        [*headings, "Progress at January 2026", "Update 01/02/2026"],
        ["1", "Audit the front door", "Nadia Kerr", "30/06/2026", "Audit begun", "First audit"],
        # The last column is the note's own; the one before it the further one.
        ["", "", "", "", "of ten contacts", "shared with the partnership board"],
    ]
    result = read_plan(rows_workbook(tmp_path / "p.xlsx", rows), imported_on=IMPORTED_ON)
    (action,) = [a for r in result.plan.recommendations for t in r.themes for a in t.actions]
    notes = {(u.recorded_on, u.text) for u in action.updates}
    assert notes == {
        (date(2026, 1, 1), "Audit begun\nof ten contacts"),
        (date(2026, 2, 1), "First audit\nshared with the partnership board"),
    }
    said = "its Progress at January 2026 and Update 01/02/2026 text was added to that row's"
    assert any(said in w.message for w in result.warnings), result.warnings


def test_a_row_with_no_ref_or_recommendation_belongs_to_the_one_above_in_a_council_s_table(
    tmp_path,
):
    """Re-keyed from Word, a recommendation's cells merged down over its theme rows are often
    left blank instead: in a council's own table such a row is the recommendation above's, said
    once; the template's own layout still asks for them on every row."""
    rows = [
        ["No.", "Recommendation", "Improvement theme", "Lead officer", "Actions required"],
        ["1", "Improve plans for children", "Plan quality", "Ada Moss", "Rewrite the template"],
        ["", "", "Oversight", "Ben Ives", "Set a supervision standard"],
        ["", "", "Oversight", "Ben Ives", "Audit supervision records"],
        ["2", "Strengthen the front door", "Thresholds", "Cara Dunn", "Agree thresholds"],
    ]
    path = rows_workbook(tmp_path / "plan.xlsx", rows)
    result = read_plan(path, imported_on=IMPORTED_ON)
    shape = [
        (r.ref, r.text, [(t.text, len(t.actions)) for t in r.themes])
        for r in result.plan.recommendations
    ]
    assert shape == [
        ("REC 1", "Improve plans for children", [("Plan quality", 1), ("Oversight", 2)]),
        ("REC 2", "Strengthen the front door", [("Thresholds", 1)]),
    ]
    said = [w for w in result.warnings if "no ref or recommendation" in w.message]
    assert [(w.row, w.message[:8]) for w in said] == [(3, "Rows 3, ")]
    template = [["Ref", "Recommendation", "Theme", "Action", "Service leads"], *rows[1:]]
    problems = _refused(rows_workbook(tmp_path / "template.xlsx", template))
    assert {(p.row, p.column) for p in problems} >= {(3, "Ref"), (4, "Ref")}


def test_a_csv_row_ending_before_the_ref_and_recommendation_is_filled_not_a_crash(tmp_path):
    """A CSV row may end before its last columns (the full fuzz run found it: an IndexError)."""
    rows = [
        ["Actions required", "Lead officer", "No.", "Objective"],
        ["Audit plans", "Ada Moss", "1", "Improve plans"],
        ["Train managers", "Ben Ives"],
        ["x"],
    ]
    path = tmp_path / "plan.csv"
    path.write_text("\n".join(",".join(row) for row in rows) + "\n", encoding="utf-8")
    problems = _refused(path)
    assert (4, "Lead officer") in {(p.row, p.column) for p in problems}
    path.write_text("\n".join(",".join(row) for row in rows[:3]) + "\n", encoding="utf-8")
    result = read_plan(path, imported_on=IMPORTED_ON)
    (recommendation,) = result.plan.recommendations
    assert (recommendation.ref, recommendation.text) == ("REC 1", "Improve plans")
    assert [a.text for t in recommendation.themes for a in t.actions] == [
        "Audit plans",
        "Train managers",
    ]


def test_a_continuation_row_longer_than_the_csv_row_above_is_joined_not_a_crash(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text(
        "No.,Actions required,Lead officer,When,Progress update\n"
        "1,Audit the front door,Nadia Kerr\n"
        ",,,,First audit done\n",
        encoding="utf-8",
    )
    result = read_plan(path, imported_on=IMPORTED_ON)
    (action,) = [a for r in result.plan.recommendations for t in r.themes for a in t.actions]
    assert [u.text for u in action.updates] == ["First audit done"]
