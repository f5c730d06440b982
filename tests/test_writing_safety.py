"""The workbooks the app writes hold a plan's text as text, and its template's example row is
never taken for a real action.

- Text that reads like a formula ("=", "+", "-", "@", a tab or line break first, full-width "＝")
  is saved as an inline string, never a live formula, and comes back exactly as written, through
  an import and the committee export as well as on its own.
- The blank template's example row, left in, is skipped on import and the preview says so, in
  the workbook and in a CSV saved from it; typed over, it is the user's first action.
- The canonical template's dates: stand-ins for "no date" and completions that contradict the
  status are problems.
Every name and sentence here is invented for the tests.
"""

from __future__ import annotations

import csv
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from readiness.db.engine import make_engine
from readiness.demo.prepare import prepare_database
from readiness.exports.blank_template import write_template
from readiness.exports.cells import write_cell, write_row
from readiness.plan.canonical import CANONICAL_COLUMNS, EXAMPLE_ACTION, is_template_example
from readiness.plan.importing import ImportFailed, read_plan
from readiness.plan.importing.date_checks import check_action_dates
from tests.conftest import AS_AT
from tests.import_fixtures import canonical_row, canonical_workbook, save_as_csv
from tests.test_cli import run

DDE = "=cmd|' /C calc'!A0"
DDE_AT = "@SUM(1+1)*cmd|' /C calc'!A0"
FORMULA_LIKE = [
    DDE,
    DDE_AT,
    "+cmd|' /C calc'!A0",
    "-cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.invalid/x","Open the plan")',
    "\t=1+1",
    "＝1+1",  # full-width equals sign
    "＠SUM(1+1)",  # full-width at sign
    "#N/A",  # would become an Excel error value
    "=",
]
# XML reads a carriage return back as a line feed (XML 1.0, section 2.11); what matters is that it
# is still text.
CR_FIRST = "\r=1+1"


def _sheet_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode("utf-8")


# --- One helper for every cell ------------------------------------------------------------------


def test_text_is_written_as_text_and_dates_and_numbers_keep_their_types(tmp_path):
    book = Workbook()
    sheet = book.active
    texts = [*FORMULA_LIKE, CR_FIRST]
    write_row(sheet, 1, [date(2026, 9, 30), 42, 2.5, None])
    for row, text in enumerate(texts, 2):
        assert write_cell(sheet, row, 1, text).data_type == "s"
    book.save(tmp_path / "cells.xlsx")

    xml = _sheet_xml(tmp_path / "cells.xlsx")
    assert "<f>" not in xml and "<f " not in xml
    assert xml.count('t="inlineStr"') == len(texts)
    reloaded = load_workbook(tmp_path / "cells.xlsx").active
    for row, text in enumerate(texts, 2):
        cell = reloaded.cell(row, 1)
        assert cell.data_type == "s", text
        # A carriage return may come back as a line feed (XML parsers may normalise it).
        assert cell.value.replace("\r", "\n") == text.replace("\r", "\n")
    typed = [reloaded.cell(1, column) for column in (1, 2, 3)]
    assert [c.value for c in typed] == [datetime(2026, 9, 30), 42, 2.5]
    assert [c.data_type for c in typed] == ["d", "n", "n"]
    assert typed[0].number_format == "DD/MM/YYYY"


# --- The committee export, after an import ------------------------------------------------------

TITLE = '=HYPERLINK("http://evil.invalid/title","Fernleigh plan")'
PAYLOADS = {
    "recommendation": "+cmd|' /C calc'!A0",
    "theme": "-cmd|' /C calc'!A0",
    "action": DDE,
    "due_text": '=IF(1,"by the spring")',
    "progress_note": DDE_AT,
    "evidence": '=HYPERLINK("http://evil.invalid/e","Evidence")',
}
FULL_WIDTH_ACTION = "＝cmd|' /C calc'!A0"


def _plan_csv(path: Path) -> Path:
    base = dict(
        ref="REC 1",
        service_leads="Imogen Vesey",
        start="01/05/2026",
        due="31/12/2026",
        status="In progress",
        progress_date="01/11/2026",
    )
    rows = [
        [TITLE],
        [c.heading for c in CANONICAL_COLUMNS],
        canonical_row(**base, **PAYLOADS),
        canonical_row(**base, **{**PAYLOADS, "action": FULL_WIDTH_ACTION}),
    ]
    with path.open("w", newline="", encoding="utf-8") as file:
        csv.writer(file).writerows(rows)
    return path


def test_formula_text_survives_import_then_export_as_text(tmp_path, sqlite_url, capsys):
    prepare_database(make_engine(sqlite_url), AS_AT, demo=False)
    source = _plan_csv(tmp_path / "fernleigh.csv")
    imported = run(
        capsys, "import-plan", str(source), "--yes", "--imported-on", "2026-11-22", db=sqlite_url
    )
    assert imported.code == 0, imported.err
    export = tmp_path / "committee.xlsx"
    exported = run(capsys, "export-plan", str(export), "--as-at", "2026-11-22", db=sqlite_url)
    assert exported.code == 0, exported.err

    xml = _sheet_xml(export)
    assert "<f>" not in xml and "<f " not in xml  # no formula anywhere in the sheet
    sheet = load_workbook(export).active
    cells = {c.value: c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}
    assert cells[f"{TITLE} – as at 22 Nov 2026"].data_type == "s"
    for text in [*PAYLOADS.values(), FULL_WIDTH_ACTION]:
        assert text in cells, f"{text!r} was not written as it was imported"
        assert cells[text].data_type == "s"
    # Dates and numbers are still dates and numbers.
    due_column = 1 + [c.key for c in CANONICAL_COLUMNS].index("due")
    due = sheet.cell(4, due_column)
    assert (due.value, due.data_type) == (datetime(2026, 12, 31), "d")


# --- The template's example row -----------------------------------------------------------------

REAL_ROW = canonical_row(
    ref="REC 2",
    recommendation="Make return home interviews timely.",
    theme="Missing children",
    action="Offer every return home interview within three working days.",
    service_leads="Imogen Vesey",
    due="31/03/2027",
)


def _template_with(path: Path, rows: list[list], **example_changes) -> Path:
    """The blank template with `rows` under its example row, and the example row changed."""
    write_template(path)
    book = load_workbook(path)
    sheet = book["Plan"]
    keys = [c.key for c in CANONICAL_COLUMNS]
    for key, value in example_changes.items():
        sheet.cell(2, keys.index(key) + 1, value)
    for offset, values in enumerate(rows):
        for column, value in enumerate(values, 1):
            sheet.cell(3 + offset, column, value)
    book.save(path)
    return path


def test_the_template_example_row_is_marked(tmp_path):
    sheet = load_workbook(write_template(tmp_path / "blank.xlsx"))["Plan"]
    example = {c.key: cell.value for c, cell in zip(CANONICAL_COLUMNS, sheet[2], strict=True)}
    assert example["action"] == EXAMPLE_ACTION
    assert is_template_example(example)
    assert sheet.cell(2, 1).font.i  # grey italic, so it reads as an example in Excel


@pytest.mark.parametrize("saved_as", ["xlsx", "csv"])
def test_example_row_left_in_is_skipped_and_said(tmp_path, saved_as):
    path = _template_with(tmp_path / "plan.xlsx", [REAL_ROW])
    if saved_as == "csv":
        path = save_as_csv(path, tmp_path / "plan.csv")
    result = read_plan(path, imported_on=AS_AT)
    actions = [a.text for r in result.plan.recommendations for t in r.themes for a in t.actions]
    assert actions == ["Offer every return home interview within three working days."]
    assert result.plan.recommendations[0].text == "Make return home interviews timely."
    (skipped,) = [w for w in result.warnings if "example row was skipped" in w.message]
    assert skipped.row == 2
    assert skipped.message.startswith("The template's example row was skipped")


def test_example_row_with_other_cells_edited_is_still_skipped(tmp_path):
    path = _template_with(
        tmp_path / "plan.xlsx",
        [REAL_ROW],
        ref="REC 4",
        recommendation="Strengthen management oversight.",
        due=datetime(2027, 1, 31),
    )
    result = read_plan(path, imported_on=AS_AT)
    assert [r.ref for r in result.plan.recommendations] == ["REC 2"]
    assert result.actions == 1


def test_example_row_typed_over_is_a_real_action(tmp_path):
    path = _template_with(
        tmp_path / "plan.xlsx", [REAL_ROW], action="Publish the revised plan template."
    )
    result = read_plan(path, imported_on=AS_AT)
    actions = [a.text for r in result.plan.recommendations for t in r.themes for a in t.actions]
    assert actions == [
        "Publish the revised plan template.",
        "Offer every return home interview within three working days.",
    ]
    assert not [w for w in result.warnings if "example" in w.message]


def test_the_blank_template_alone_says_its_example_was_skipped(tmp_path):
    with pytest.raises(ImportFailed) as failed:
        read_plan(write_template(tmp_path / "blank.xlsx"), imported_on=AS_AT)
    messages = [p.message for p in failed.value.problems]
    assert any("example row was skipped" in m for m in messages)
    assert any("no recommendations" in m for m in messages)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        ({"action": EXAMPLE_ACTION}, True),
        ({"action": EXAMPLE_ACTION.upper().replace(":", " -"), "ref": "AFD 9"}, True),
        ({"action": "  " + EXAMPLE_ACTION.replace(" ", "  ") + "\n"}, True),
        ({"action": EXAMPLE_ACTION.rstrip(".")}, True),
        ({"action": EXAMPLE_ACTION + " Review supervision records."}, False),
        ({"action": "Review supervision records."}, False),
        ({"action": ""}, False),
        ({}, False),
        # The example row of templates written before the marker: all three cells together.
        (
            {
                "recommendation": "Improve the quality of written plans for children in need.",
                "theme": "Plan template",
                "action": "Review the template.",
            },
            True,
        ),
        (
            {
                "recommendation": "Make plans specific.",
                "theme": "Plan template",
                "action": "Review the template.",
            },
            False,
        ),
    ],
)
def test_is_template_example(texts, expected):
    assert is_template_example(texts) is expected


# --- Canonical-template dates -------------------------------------------------------------------


def _issues(status="in_progress", **dates):
    return [(i.key, i.value, i.warning) for i in check_action_dates(dates, status)]


@pytest.mark.parametrize(
    ("status", "dates", "expected"),
    [
        ("in_progress", {"start": date(2026, 4, 1), "due": date(2026, 9, 30)}, []),
        ("in_progress", {"due": date(9999, 12, 31)}, [("due", "31/12/9999", False)]),
        ("not_started", {"start": date(1, 1, 1)}, [("start", "01/01/0001", False)]),
        (
            "in_progress",
            {"progress_date": date(1900, 1, 1)},
            [("progress_date", "01/01/1900", False)],
        ),
        ("in_progress", {"due": date(2000, 1, 1)}, []),
        ("in_progress", {"due": date(2100, 12, 31)}, []),
        ("in_progress", {"due": date(2101, 1, 1)}, [("due", "01/01/2101", False)]),
        (
            "in_progress",
            {"start": date(2026, 10, 1), "due": date(2026, 9, 30)},
            [("due", "30/09/2026", False)],
        ),
        # A sentinel is reported once, not again as "due before start".
        (
            "in_progress",
            {"start": date(2026, 4, 1), "due": date(1, 1, 1)},
            [("due", "01/01/0001", False)],
        ),
        ("complete", {"start": date(2026, 4, 1), "completed": date(2026, 6, 1)}, []),
        (
            "complete",
            {"start": date(2026, 4, 1), "completed": date(2026, 3, 20)},
            [("completed", "20/03/2026", True)],
        ),
        ("in_progress", {"completed": date(2026, 6, 1)}, [("completed", "01/06/2026", False)]),
        ("not_started", {"completed": date(2026, 6, 1)}, [("completed", "01/06/2026", False)]),
        ("complete", {}, []),  # complete with no date: the RAG rules say so
        (None, {"completed": date(2026, 6, 1)}, []),  # an unread status is reported on its own
    ],
)
def test_check_action_dates(status, dates, expected):
    assert _issues(status, **dates) == expected


def test_date_messages_name_the_problem():
    (sentinel,) = check_action_dates({"due": date(9999, 12, 31)}, "in_progress")
    assert "2000 to 2100" in sentinel.message and "leave the cell empty" in sentinel.fix
    (contradiction,) = check_action_dates({"completed": date(2026, 6, 1)}, "in_progress")
    assert contradiction.message == "is a completed date, but the status is In progress."
    assert "Set the status to Complete" in contradiction.fix


@pytest.mark.parametrize(
    ("changes", "where"),
    [
        ({"due": "31/12/9999"}, ("Due", "31/12/9999")),
        ({"start": "01/01/0001"}, ("Start", "01/01/0001")),
        ({"completed": "01/06/2026"}, ("Completed", "01/06/2026")),  # and "In progress"
        ({"completed": "01/06/2026", "status": None}, ("Completed", "01/06/2026")),
    ],
)
def test_a_canonical_row_with_impossible_dates_is_refused(tmp_path, changes, where):
    values = dict(
        ref="REC 2",
        recommendation="Make return home interviews timely.",
        theme="Missing children",
        action="Offer every return home interview within three working days.",
        service_leads="Imogen Vesey",
        start="01/04/2026",
        due="30/09/2026",
        status="In progress",
    )
    path = canonical_workbook(tmp_path / "plan.xlsx", [canonical_row(**{**values, **changes})])
    with pytest.raises(ImportFailed) as failed:
        read_plan(path, imported_on=AS_AT)
    (problem,) = failed.value.problems
    assert (problem.row, problem.column, problem.value) == (2, *where)
