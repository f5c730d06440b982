"""Plans kept as councils keep their own tables (issue 26), each written as .xlsx, .csv and .docx:
section rows and the heading row repeated where a Word table broke across pages, numbering as
the structure, several actions in one cell, and posts with a "/" in their title as leads.

A row number in a shape's `merged` is one cell across the table: merged in the workbook and the
Word table, only its first cell filled in the CSV (as Excel saves a merged row). The council,
its people and every sentence are invented for the project.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from readiness.text import plural
from tests.import_fixtures import rows_workbook, save_as_csv
from tests.word_fixtures import table_document

TITLE = "Wendlebury Borough Council: children's services improvement plan, March 2026"
FORMATS = ("xlsx", "csv", "docx")


@dataclass(frozen=True)
class Counts:
    """What a user checks after an import: the plan's size, its leads, its dated actions."""

    recommendations: int
    themes: int
    actions: int
    leads: int
    dated: int


@dataclass(frozen=True)
class Shape:
    rows: list[list[str]]
    merged: tuple[int, ...]
    counts: Counts
    map: str | None = None  # the --map a user gives, where the headings are not ones we know


SECTIONS_HEADINGS = ["No.", "Actions required", "Lead officer", "When", "Progress update"]
_SECTION_ROWS = [
    [TITLE],
    "headings",
    ["Help and protection"],
    ["1. Make the front door quicker and safer for families"],
    [
        "1.1",
        "Agree the threshold guidance with every partner agency",
        "Head of Service MASH/ SA",
        "31/03/2026",
        "Draft agreed by the partnership board",
    ],
    [
        "1.2",
        "Audit twenty contacts each month for the quality of decisions",
        "Nadia Kerr",
        "30/06/2026",
        "First audit done in January",
    ],
    "headings",  # the table broke across pages here; the row above runs on under it
    ["", "", "", "then every month", "Second audit shows decisions made a day sooner"],
    ["Children in care"],
    ["2. Hold every child's review on time"],
    [
        "2.1",
        "Book each review before the child's plan is due",
        "Owen Price",
        "30/09/2026",
        "",
    ],
    [
        "2.2",
        "Report review timeliness to the corporate parenting panel",
        "Head of Service MASH/ SA, Principal Social Worker",
        "Quarterly",
        "",
    ],
]


def _with_headings(rows: list, headings: list[str]) -> list[list[str]]:
    return [headings if row == "headings" else row for row in rows]


SECTIONS = Shape(
    _with_headings(_SECTION_ROWS, SECTIONS_HEADINGS),
    merged=(1, 3, 4, 9, 10),
    # Leads: Head of Service MASH/SA, Nadia Kerr, Owen Price, Principal Social Worker.
    counts=Counts(recommendations=2, themes=2, actions=4, leads=4, dated=3),
)
# The same table under headings we do not know: one mapping step reads it.
MAPPED = Shape(
    _with_headings(_SECTION_ROWS, ["Step", "Task", "Person responsible", "Deadline", "Notes"]),
    merged=SECTIONS.merged,
    counts=SECTIONS.counts,
    map="Step=ref,Task=action,Person responsible=service_leads,Deadline=due,Notes=progress_note",
)

OUTLINE = Shape(
    [
        [TITLE],
        ["No.", "What?", "Who?", "When?", "Progress"],
        ["1", "Make sure every child in need has a plan that says what will change", "", "", ""],
        ["1.1", "Plans", "Head of Service MASH/ SA", "", ""],
        ["1.1.1", "Rewrite the plan template with practitioners", "", "31/05/2026", "Drafted"],
        ["1.1.2", "Check ten plans a month against the template", "Quentin Ross", "31/07/2026", ""],
        ["1.2", "Train every team manager in writing plans", "Rita Shaw", "30/09/2026", ""],
        ["2.", "Strengthen management oversight of casework", "", "", ""],
        ["a)", "Set a supervision standard for every team", "Sam Tate", "31/03/2026", ""],
        ["b)", "Audit supervision records each quarter", "Sam Tate", "", ""],
    ],
    merged=(1,),
    # Themes: Plans and "REC 1 actions" under REC 1, "REC 2 actions" under REC 2. Leads: Head
    # of Service MASH/SA (the theme's, given to its action that names none), Quentin Ross, Rita
    # Shaw, Sam Tate.
    counts=Counts(recommendations=2, themes=3, actions=5, leads=4, dated=4),
)

LINES = Shape(
    [
        [TITLE],
        ["Objective", "Actions required", "Lead officer(s)", "Timescale"],
        [
            "Improve the quality of supervision",
            "Agree a supervision policy with staff\nTrain every manager in reflective "
            "supervision\nAudit supervision records each quarter",
            "Uma Vance\nVic Wood\nUma Vance",
            "March 2026\nJune 2026\nOngoing",
        ],
        [
            "Improve the quality of supervision",
            "Review each social worker's caseload with\ntheir manager every month",
            "Will Young",
            "30/06/2026",
        ],
        [
            "Make the workforce more stable",
            "Recruit six permanent social workers\nEnd the use of agency managers",
            "Xena Zhou\nYusuf Abbas\nZoe Baker",
            "31/12/2026",
        ],
    ],
    merged=(1,),
    # Row 3 is three actions, each with its line's lead and date ("Ongoing" has none); row 4 one
    # sentence wrapped over two lines; row 5 two actions sharing all three leads.
    counts=Counts(recommendations=2, themes=2, actions=6, leads=6, dated=5),
)
# With splitting turned off: one action per row; the first takes its cell's latest date.
LINES_KEPT_WHOLE = Counts(recommendations=2, themes=2, actions=3, leads=6, dated=3)

SHAPES = {"sections": SECTIONS, "mapped": MAPPED, "outline": OUTLINE, "lines": LINES}


def write(shape: Shape, kind: str, folder: Path, name: str = "plan") -> Path:
    """The shape's rows as a file of `kind` (xlsx, csv or docx) in `folder`."""
    if kind == "docx":
        return table_document(folder / f"{name}.docx", shape.rows, merged=shape.merged)
    book = rows_workbook(folder / f"{name}.xlsx", shape.rows, merged=shape.merged)
    return book if kind == "xlsx" else save_as_csv(book, folder / f"{name}.csv")


def counts_of(plan) -> Counts:
    """A stored plan's counts (readiness.plan.records.PlanData)."""
    leads = {n for a in plan.actions for n in a.leads} | {
        n for t in plan.themes for n in t.service_leads
    }
    return Counts(
        recommendations=len(plan.recommendations),
        themes=len(plan.themes),
        actions=len(plan.actions),
        leads=len(leads),
        dated=sum(1 for a in plan.actions if a.due is not None),
    )


def summary(counts: Counts) -> str:
    """The counts as the import's first line gives them."""
    return (
        f"{plural(counts.recommendations, 'recommendation')}, {plural(counts.themes, 'theme')}, "
        f"{plural(counts.actions, 'action')}, {counts.actions - counts.dated} with no due date."
    )
