"""Plans of the second round of real-plan shapes (issue 26), written as .xlsx, .csv or .docx.

Each shape is a list of rows; `write` puts it in a file of the kind asked, the first row a title
(one merged cell in Word and Excel, as a re-keyed Word table has it). Every name and sentence is
invented for the project: the council is Harrowmere, which does not exist.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

from readiness.db.engine import make_engine
from tests.conftest import stored_plan
from tests.test_cli import Ran, run
from tests.word_fixtures import table_document

KINDS = ("xlsx", "csv", "docx")
TITLE = "Harrowmere children's services improvement plan"
OUTCOME = "Outcome – (report for Q1, Q2, Q3, Q4)"

# A number column and a timescale column with no heading, and a heading holding commas.
UNHEADED = [
    ["", "Actions Required", "Lead Officer(s)", "", OUTCOME, "RAG"],
    [
        "REC 1",
        "Publish a weekly list of assessments nearing their deadline",
        "Tamsin Greaves",
        "31/03/2027",
        "Q1: list shared with team managers",
        "Green",
    ],
    [
        "REC 1",
        "Add a second screening worker at the front door",
        "Idris Penhallow",
        "30/06/2026",
        "",
        "Blue",
    ],
    [
        "REC 2",
        "Ask each child in care what their review should cover",
        "Tamsin Greaves",
        "",
        "Q2: question set drafted",
        "Amber",
    ],
]
UNHEADED_MAP = f'A=ref,D=due,"{OUTCOME}"=progress_note'

# "What? / How? / Who? / When?" with a BRAG column and two progress columns dated by heading.
WHAT_HOW = [
    ["What?", "How?", "Who?", "When?", "BRAG", "Progress at March 2026", "Update 01/06/2026"],
    [
        "Timely assessments",
        "Track every open assessment weekly",
        "Ravi Doyle",
        "Sept 2026",
        "B",
        "Tracker designed",
        "Tracker in use by all teams",
    ],
    [
        "Timely assessments",
        "Open a second duty team",
        "Ravi Doyle",
        "Dec 2026",
        "Not yet due",
        "",
        "",
    ],
    [
        "Children's voices in plans",
        "Record the child's own words in every plan",
        "Nia Ebrahim",
        "31/01/2027",
        "Ongoing",
        "Audit of twenty plans booked",
        "",
    ],
]

# An objective, "How?" as the actions, success measures and a current status.
OBJECTIVE = [
    [
        "DEVELOPMENTAL OBJECTIVE",
        "How?",
        "Who?",
        "By when",
        "Success measures",
        "Current Status",
        "Progress",
    ],
    [
        "Stable homes for children in care",
        "Recruit twelve more local foster carers",
        "Leona Marsh",
        "March 2027",
        "Twelve carers approved",
        "On track",
        "",
    ],
    [
        "Stable homes for children in care",
        "Offer every carer a named supervising worker",
        "Leona Marsh / Carys Obi",
        "31/12/2026",
        "",
        "COMPLETED",
        "All carers allocated",
    ],
    [
        "Care leavers in work or training",
        "Ring-fence apprenticeships in the council",
        "Carys Obi",
        "",
        "Ten apprentices placed",
        "Off track",
        "",
    ],
]

_TEMPLATE = ["Ref", "Recommendation", "Theme", "Action", "Service leads"]


def _template_rows(extra: list[str], rows: list[tuple[str, ...]]) -> list[list[str]]:
    """The template's own headings and `extra`, one action per row, each its own theme."""
    out = [_TEMPLATE + extra]
    for number, values in enumerate(rows, 1):
        out.append(["REC 1", "Sharper plans", f"Theme {number}", f"Action {number}", "Ada Lowe"])
        out[-1].extend(values)
    return out


# Each status word councils write, and what it is read as.
STATUS_WORDS = [
    ("COMPLETED", "complete"),
    ("Complete - evidence submitted", "complete"),
    ("On track", "in_progress"),
    ("Off track", "in_progress"),
    ("Off track", "in_progress"),  # said once, not on each row
    ("Delayed", "in_progress"),
    ("Ongoing", "in_progress"),
    ("Not yet due", "not_started"),
    ("Red", "in_progress"),
    ("Amber", "in_progress"),
    ("Green", "in_progress"),
    ("Blue", "complete"),
    ("R", "in_progress"),
    ("A", "in_progress"),
    ("G", "in_progress"),
    ("B", "complete"),
]
STATUSES = _template_rows(["Status"], [(word,) for word, _ in STATUS_WORDS])

# Progress notes dated only in their text, imported on IMPORTED_ON.
IMPORTED_ON = "2026-11-22"
NOTES = [
    # (start, progress date, note, the note's date read)
    ("", "", "13/12/25 - panel met and agreed the plan", "2025-12-13"),
    ("", "", "9.12.25: first audit returned", "2025-12-09"),
    ("", "", "March 2026 – pilot began in two teams", "2026-03-01"),
    ("", "", "01/10/26 - first review\n14/11/26 - second review", "2026-11-14"),
    ("", "", "13/13/25 - date typed wrongly", IMPORTED_ON),
    ("", "", "05/12/26 - written ahead", IMPORTED_ON),
    ("01/04/2026", "", "02/03/2026 - before the action began", IMPORTED_ON),
    ("", "", "No date given here", IMPORTED_ON),
    ("", "20/10/2026", "03/03/26 - the row's own date wins", "2026-10-20"),
]
PROGRESS = _template_rows(["Start", "Progress date", "Progress note"], [n[:3] for n in NOTES])


def write(kind: str, folder: Path, name: str, rows: list[list[str]]) -> Path:
    """The rows under a title row, as a file of `kind` ("xlsx", "csv" or "docx")."""
    width = max(len(r) for r in rows)
    titled = [[TITLE] + [""] * (width - 1), *rows]
    path = folder / f"{name}.{kind}"
    if kind == "docx":
        return table_document(path, titled, merged=(1,))
    if kind == "csv":
        with path.open("w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows(titled)
        return path
    book = Workbook()
    sheet = book.active
    sheet.title = "Plan"
    for row in titled:
        sheet.append([cell or None for cell in row])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    book.save(path)
    return path


# --- Importing through the command line, as a performance officer would ---------------------


@dataclass(frozen=True)
class Stored:
    """What the stored plan holds, counted as a user would check it."""

    recommendations: int
    themes: int
    actions: int
    leads: int
    dated: int


def stored(url: str):
    """The stored plan, and its counts."""
    engine = make_engine(url)
    try:
        plan = stored_plan(engine)
    finally:
        engine.dispose()
    counts = Stored(
        len(plan.recommendations),
        len(plan.themes),
        len(plan.actions),
        len(plan.lead_names),
        sum(1 for a in plan.actions if a.due is not None),
    )
    return plan, counts


def import_plan(capsys, path: Path, url: str, *options: str) -> Ran:
    """`import-plan PATH --yes` on IMPORTED_ON, with `options`; it must succeed."""
    result = run(
        capsys, "import-plan", str(path), "--yes", "--imported-on", IMPORTED_ON, *options, db=url
    )
    assert result.code == 0, result.err
    return result


def export_changes_nothing(capsys, folder: Path, url: str) -> None:
    """The stored plan exported, then imported again: nothing would change."""
    exported = folder / "exported.xlsx"
    written = run(capsys, "export-plan", str(exported), "--as-at", IMPORTED_ON, db=url)
    assert written.code == 0, written.err
    again = run(
        capsys, "import-plan", str(exported), "--dry-run", "--imported-on", IMPORTED_ON, db=url
    )
    assert again.code == 0, again.err
    actions = stored(url)[1].actions
    assert f"0 added, 0 changed, 0 removed, {actions} unchanged" in again.out, again.out
