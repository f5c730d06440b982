"""Every kind of bad plan file, each reported as its one problem (where, what, how to fix it), and
every problem in a file reported at once.

Each file is built in code into tmp_path; no binary files are kept in the repository.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pytest
from openpyxl import Workbook

from readiness.plan.importing import read_plan
from tests.import_fixtures import (
    CANONICAL_ROWS,
    HEADER_FULL,
    canonical_row,
    canonical_workbook,
    committee_workbook,
    save_as_csv,
)
from tests.import_reading import AS_AT, refused


def _canonical_with(tmp_path, name="plan.xlsx", **changes):
    """A good canonical row (row 2), then the same row with `changes` (row 3)."""
    values = dict(
        ref="REC 1",
        recommendation="Improve plans.",
        judgement_areas="Help and protection",
        theme="Templates",
        action="Review the template.",
        service_leads="Daniel Okafor",
        start="01/04/2026",
        due="30/09/2026",
        status="In progress",
    )
    good = canonical_row(**{**values, "action": "Another action."})
    return canonical_workbook(tmp_path / name, [good, canonical_row(**{**values, **changes})])


def _theme(actions: str = "• Do it by 31/03/2026") -> tuple:
    """A committee theme row: (theme, service lead, other lead, actions, progress)."""
    return ("Theme", "Tom Brennan", "", actions, "")


def _committee_with(tmp_path, *blocks) -> Path:
    """A committee paper of (recommendation cell, theme rows) blocks, each under HEADER_FULL.

    With the title and its blank row, a block's first theme row is row 4; the next block's is 7.
    """
    rows = [(rec_cell, False, [HEADER_FULL], themes) for rec_cell, themes in blocks]
    return committee_workbook(tmp_path / "plan.xlsx", rows)


def _text_file(tmp_path) -> Path:
    path = tmp_path / "plan.txt"
    path.write_text("REC 1, Improve plans\n")
    return path


def _csv_called_xlsx(tmp_path) -> Path:
    path = tmp_path / "plan.xlsx"
    path.write_text("Ref,Recommendation\nREC 1,Improve\n")
    return path


def _damaged_xlsx(tmp_path) -> Path:
    good = canonical_workbook(tmp_path / "good.xlsx", CANONICAL_ROWS)
    path = tmp_path / "plan.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet1"):
                data = data[: len(data) // 2]
            target.writestr(item, data)
    return path


def _password_protected_xlsx(tmp_path) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = canonical_workbook(tmp_path / "plain.xlsx", CANONICAL_ROWS)
    path = tmp_path / "plan.xlsx"
    with plain.open("rb") as source, path.open("wb") as target:
        OOXMLFile(source).encrypt("s3cret", target)
    return path


def _empty_csv(tmp_path) -> Path:
    path = tmp_path / "plan.csv"
    path.write_bytes(b"")
    return path


def _blank_workbook(tmp_path) -> Path:
    path = tmp_path / "plan.xlsx"
    Workbook().save(path)
    return path


def _one_and_a_half_megabytes(tmp_path) -> Path:
    path = tmp_path / "plan.xlsx"  # the size is checked before anything else
    path.write_bytes(b"x" * (3 * 1024 * 1024 // 2))
    return path


def _sheet_with_no_headings(tmp_path) -> Path:
    book = Workbook()
    book.active.title = "Notes"
    book.active.append(["Item", "Owner", "When"])
    book.active.append(["Do things", "Tom Brennan", "Soon"])
    book.save(tmp_path / "plan.xlsx")
    return tmp_path / "plan.xlsx"


def _canonical_csv_with_bad_status(tmp_path) -> Path:
    xlsx = _canonical_with(tmp_path, status="Nearly there")
    return save_as_csv(xlsx, tmp_path / "plan.csv")


@dataclass(frozen=True)
class BadFile:
    """A file with one thing wrong, and the one problem it must be reported as."""

    build: Callable[[Path], Path]  # writes the file into tmp_path
    where: tuple  # the problem's (sheet, row, column, value)
    message: tuple[str, ...] = ()  # text the message must hold
    fix: tuple[str, ...] = ()  # text the fix must hold
    line: str | None = None  # the whole one-line report, as the user reads it
    read: dict = field(default_factory=dict)  # read_plan arguments besides the path


WHOLE_FILE = (None, None, None, None)  # a problem with no sheet, row, column or value
COMMITTEE_REC = "Recommendation (REC) / Area for Development (AFD)"

BAD_FILES = {
    # The file as a whole.
    "wrong-extension": BadFile(
        _text_file,
        (None, None, None, ".txt"),
        message=("not a file type we can read",),
        fix=(".xlsx",),
    ),
    "xlsx-that-is-not-a-zip": BadFile(
        _csv_called_xlsx, WHOLE_FILE, message=("not an Excel workbook",)
    ),
    "damaged-xlsx": BadFile(_damaged_xlsx, WHOLE_FILE, message=("damaged",), fix=("repair",)),
    "password-protected-xlsx": BadFile(
        _password_protected_xlsx,
        WHOLE_FILE,
        message=("password",),
        fix=("remove the password",),
    ),
    "empty-file": BadFile(_empty_csv, WHOLE_FILE, message=("empty",)),
    "workbook-with-nothing-in-it": BadFile(_blank_workbook, WHOLE_FILE, message=("no data",)),
    "over-the-size-limit": BadFile(
        _one_and_a_half_megabytes,
        WHOLE_FILE,
        message=("The file is 1.5 MB, over the import limit of 1.0 MB.",),
        fix=("imports.max_file_mb",),
        read={"max_bytes": 1024 * 1024},
    ),
    "no-recognisable-header": BadFile(
        _sheet_with_no_headings,
        ("Notes", None, None, None),
        message=("No row of headings",),
        fix=("Ref", "Service leads", "Improvement Theme", "Operational Detailed Actions"),
    ),
    "unknown-sheet": BadFile(
        lambda tmp: canonical_workbook(tmp / "plan.xlsx", CANONICAL_ROWS),
        (None, None, None, "Actions"),
        fix=('"Plan"', '"Columns"'),
        read={"sheet": "Actions"},
    ),
    "headings-with-no-rows": BadFile(
        lambda tmp: canonical_workbook(tmp / "plan.xlsx", []),
        ("Plan", None, None, None),
        message=("no recommendations",),
    ),
    # Canonical rows: the good row is row 2, the bad one row 3.
    "impossible-date-canonical": BadFile(
        lambda tmp: _canonical_with(tmp, due="31/02/2026"),
        ("Plan", 3, "Due", "31/02/2026"),
        line='plan.xlsx, sheet "Plan", row 3, column "Due": "31/02/2026" is not a real date. '
        "Fix: use a real date such as 28/02/2026.",
    ),
    "unreadable-date": BadFile(
        lambda tmp: _canonical_with(tmp, start="next week"),
        ("Plan", 3, "Start", "next week"),
        fix=("DD/MM/YYYY",),
    ),
    "due-before-start": BadFile(
        lambda tmp: _canonical_with(tmp, start="01/10/2026", due="30/09/2026"),
        ("Plan", 3, "Due", "30/09/2026"),
        message=("before the start date (01/10/2026)",),
    ),
    "same-ref-with-two-texts-canonical": BadFile(
        lambda tmp: _canonical_with(tmp, recommendation="Improve plans quickly."),
        ("Plan", 3, "Recommendation", "Improve plans quickly."),
        message=("row 2", "Improve plans."),
    ),
    "missing-required-value": BadFile(
        lambda tmp: _canonical_with(tmp, service_leads=None),
        ("Plan", 3, "Service leads", None),
        message=("empty",),
    ),
    "unknown-status": BadFile(
        lambda tmp: _canonical_with(tmp, status="Nearly there"),
        ("Plan", 3, "Status", "Nearly there"),
        fix=("Not started, In progress or Complete",),
    ),
    "unknown-judgement-area": BadFile(
        lambda tmp: _canonical_with(tmp, judgement_areas="Help and protection; Finance"),
        ("Plan", 3, "Judgement areas", "Finance"),
        fix=("Children in care",),
    ),
    "unrecognised-ref-canonical": BadFile(
        lambda tmp: _canonical_with(tmp, ref="R-1"),
        ("Plan", 3, "Ref", "R-1"),
        fix=("REC 1, AFD 2 or APA 1",),
    ),
    "kind-that-contradicts-the-ref": BadFile(
        lambda tmp: _canonical_with(tmp, kind="AFD"),
        ("Plan", 3, "Kind", "AFD"),
        message=("does not match the ref REC 1, which is REC.",),
    ),
    "csv-errors-have-no-sheet": BadFile(
        _canonical_csv_with_bad_status,
        (None, 3, "Status", "Nearly there"),
        line='plan.csv, row 3, column "Status": "Nearly there" is not a status we recognise. '
        "Fix: write Not started, In progress or Complete (or leave it blank for Not started).",
    ),
    # Committee papers: a block's first theme row is row 4.
    "action-with-no-recommendation": BadFile(
        lambda tmp: _committee_with(tmp, ("", [_theme()])),
        ("Improvement plan", 4, COMMITTEE_REC, "• Do it by 31/03/2026"),
        message=("no recommendation",),
        line=f'plan.xlsx, sheet "Improvement plan", row 4, column "{COMMITTEE_REC}": '
        '"• Do it by 31/03/2026" has no recommendation: the recommendation cell is empty on this '
        "row and there is no recommendation above it in this block. Fix: put the reference and "
        "text (such as 'REC 1 - ...') in the recommendation column of the block's first row, or "
        "merge that cell down over this row.",
    ),
    "impossible-date-committee": BadFile(
        lambda tmp: _committee_with(tmp, ("REC 1 - Improve", [_theme("• Do it by 31/02/2026")])),
        ("Improvement plan", 4, "Operational Detailed Actions", "by 31/02/2026"),
        message=("not a real date",),
    ),
    "same-ref-with-two-texts-committee": BadFile(
        lambda tmp: _committee_with(
            tmp,
            ("REC 1 - Improve plans", [_theme()]),
            ("REC 1 - Improve supervision", [_theme()]),
        ),
        ("Improvement plan", 7, COMMITTEE_REC, "REC 1 - Improve supervision"),
        message=("row 4", "Improve plans"),
    ),
    "unrecognised-ref-committee": BadFile(
        lambda tmp: committee_workbook(
            tmp / "plan.xlsx",
            [("Priority A - Improve", True, [HEADER_FULL], [_theme("• Do it")] * 2)],
        ),
        ("Improvement plan", 4, COMMITTEE_REC, "Priority A - Improve"),
        message=("reference we recognise",),
    ),
    # A header between blocks is not data, and the recommendation above it is not carried on.
    "repeated-header-is-a-separator": BadFile(
        lambda tmp: _committee_with(tmp, ("REC 1 - Improve plans", [_theme()]), ("", [_theme()])),
        ("Improvement plan", 7, COMMITTEE_REC, "• Do it by 31/03/2026"),
        message=("no recommendation",),
    ),
}


@pytest.mark.parametrize("bad", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_file_gives_its_one_problem(tmp_path, bad):
    path = bad.build(tmp_path)
    (problem,) = refused(path, **bad.read)
    assert problem.file == path.name
    assert (problem.sheet, problem.row, problem.column, problem.value) == bad.where
    for text in bad.message:
        assert text in problem.message
    for text in bad.fix:
        assert text in problem.fix
    if bad.line is not None:
        assert str(problem) == bad.line


def test_a_sheet_can_be_chosen_by_name(tmp_path):
    path = canonical_workbook(tmp_path / "plan.xlsx", CANONICAL_ROWS)
    assert read_plan(path, sheet="Plan", imported_on=AS_AT).sheet == "Plan"


def test_every_problem_is_reported_at_once(tmp_path):
    row = partial(canonical_row, theme="T", service_leads="Tom Brennan")
    rows = [
        row(ref="REC 1", recommendation="Improve.", action="A1", due="31/02/2026"),
        row(ref="REC 1", recommendation="Improve!", action="A2", status="Finished"),
        row(ref="REC 2", recommendation="Other.", action=None, judgement_areas="Finance"),
        row(ref="XYZ", recommendation="Other.", action="A4", start="01/10/2026", due="01/09/2026"),
    ]
    problems = refused(canonical_workbook(tmp_path / "plan.xlsx", rows))
    found = [(p.row, p.column, p.value) for p in problems]
    assert found == [
        (2, "Due", "31/02/2026"),
        (3, "Recommendation", "Improve!"),
        (3, "Status", "Finished"),
        (4, "Judgement areas", "Finance"),
        (4, "Action", None),
        (5, "Ref", "XYZ"),
        (5, "Due", "01/09/2026"),
    ]


def test_every_committee_problem_is_reported_at_once(tmp_path):
    blocks = [
        ("", False, [HEADER_FULL], [("Theme", "Tom Brennan", "", "• Do it by 30/04/2026", "")]),
        (
            "REC 1 - Improve plans",
            True,
            [HEADER_FULL],
            [
                ("Theme", "Tom Brennan", "", "• Do it by 31/02/2026", ""),
                ("Theme 2", "Tom Brennan", "", "• Do it from 1 May 2026 by 30/04/2026", ""),
            ],
        ),
        ("Rec X - Improve", False, [HEADER_FULL], [("Theme", "Tom Brennan", "", "• Do it", "")]),
    ]
    problems = refused(committee_workbook(tmp_path / "plan.xlsx", blocks))
    assert [(p.row, p.message.split(" ")[0]) for p in problems] == [
        (4, "has"),  # no recommendation
        (7, "is"),  # 31/02/2026 not a real date
        (8, "is"),  # due before start
        (11, "does"),  # unrecognised ref
    ]
    assert "before it starts" in problems[2].message
