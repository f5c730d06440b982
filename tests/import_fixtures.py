"""Builders for the import tests and benchmark: plan workbooks written with openpyxl into a folder.

Every name and sentence here is invented for the project. The committee-paper workbook copies
only the *structure* of real committee plans: a title row, a header repeated (and reworded)
before each block, one header split over two rows, another followed by a rule row and a second
heading line, merged or blank recommendation cells, and leads and dates written every which way.
"""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook, load_workbook

from readiness.exports.blank_template import write_template
from readiness.plan.canonical import CANONICAL_COLUMNS

TITLE = "Appendix 1 – Inspection improvement plan – March 2026"

HEADER_FULL = [
    "Recommendation (REC) / Area for Development (AFD)",
    "Improvement Theme",
    "Service Lead",
    "Other operational Lead",
    "Operational Detailed Actions",
    "Progress update / evidence of impact",
]
HEADER_SHORT = [
    "Recommendation",
    "Theme",
    "Service Lead",
    "Other Operational Lead",
    "Operational Detailed Action",
    "Progress",
]
# Split over two rows (each heading's top, bottom); the top row alone lacks required columns.
_SPLIT_HEADINGS = [
    ("Recommendation (REC) / Area for", "Development (AFD)"),
    ("Improvement", "Theme"),
    ("Service", "Lead"),
    ("Operational", "Lead"),
    ("Operational Detailed", "Actions"),
    ("Progress update /", "evidence of impact"),
]
HEADER_SPLIT = [[top for top, _ in _SPLIT_HEADINGS], [bottom for _, bottom in _SPLIT_HEADINGS]]
HEADER_TERSE = [
    "REC/AFD",
    "Improvement Theme",
    "Service Lead",
    "Other lead officer (if any)",
    "Actions",
    "Progress update / evidence of impact",
]
# The first row alone is a complete header; its first heading then runs on after a rule row.
HEADER_RUNS_ON = [
    [
        "Recommendation (REC) / Area for",
        "Improvement Theme",
        "Service Lead",
        "Other lead officer (if any)",
        "Operational Detailed Action",
        "Progress update / evidence of impact",
    ],
    ["-" * 30] * 6,
    [],
    ["Development (AFD)", "", "", "", "", ""],
]

# (recommendation cell, merge the recommendation cell down?, header rows, theme rows)
# theme row: (theme, service lead, other lead, actions, progress)
COMMITTEE_BLOCKS = [
    (
        "REC 1 - Sharpen written plans so each one is specific to the child "
        "(covering pathway plans and life-story work)",
        True,
        [HEADER_FULL],
        [
            (
                "Set up a practitioner group to agree what a good plan looks like",
                "Daniel Okafor (Principal Social Worker)",
                "Team managers",
                "• Hold the first meeting of the practice group by 31/03/2026\n"
                "• Agree terms of reference at the first meeting",
                "",
            ),
            (
                "Rewrite the plan template and guidance",
                "DANIEL OKAFOR",
                "Aisha Rahman/Tom Brennan/Priya Chandran",
                "- Draft the new template by the end of April 2026\n"
                "- Test the template with two teams at the end of April",
                "Draft template shared with the working group.",
            ),
            (
                "Help young people shape their own pathway plans",
                "Sophie Whitcombe (Service Manager, Leaving Care) and Rebecca Hollis "
                "(Head of Service, Children in Care and Care Leavers)",
                "Personal advisers",
                "1. Run co-production sessions with care leavers from 1st April 2026\n"
                "2. Rewrite every pathway plan in the young person's words by "
                "August-October 2026",
                "Two sessions booked with the care leavers' forum.",
            ),
        ],
    ),
    (
        "Rec 2 – Secure timely health and education services for children in care placed "
        "outside the borough",
        False,
        [HEADER_SHORT],
        [
            (
                "Strengthen the review panel for children placed at a distance",
                "Rebecca Hollis",
                "Neil Garside, Joanne Metcalfe\nGareth Llewellyn",
                "Agree a referral checklist with health partners\n"
                "Report panel findings to the corporate parenting board by the start of "
                "May 2026",
                "Checklist in draft.",
            ),
            (
                "Bring more children back to homes close to where they grew up",
                "Neil Garside (Head of Commissioning)",
                "Claire Fenwick & Marcus Pennington",
                "• Open a second local children's home by 30 September 2026\n"
                "• Recruit more local foster carers (ongoing)",
                "",
            ),
        ],
    ),
    (
        "Recommendation 3: Improve the quality of supervision and contingency planning for "
        "children in need (and keep it consistent for every child)",
        True,
        HEADER_SPLIT,
        [
            (
                "Supervision and management oversight",
                "Marcus Pennington (Head of Service, Safeguarding and Early Help) and "
                "Aisha Rahman (Practice Leader, Assessment and Child Protection)",
                "Team Managers",
                "a) Take proposals for a new supervision model to the senior leadership team "
                "at the end of April\n"
                "b) Agree the proposals at the senior leadership team",
                "Task group drafting the proposals.",
            ),
            (
                "Visits where the child is not seen",
                "Aisha Rahman",
                "A and I team managers",
                "* Managers check visit data every month\n* Audit a sample of visits by 2026-06-30",
                "",
            ),
            (
                "Timeliness of updated assessments",
                "Gareth Llewellyn -",
                "Priya Chandran",
                "Put the new tracking process in place within 2 months",
                "Weekly tracker started.\nFirst figures due next month.",
            ),
        ],
    ),
    (
        "REC4 Include children's and families' views in every audit",
        False,
        [HEADER_TERSE],
        [
            (
                "Hear from families in the audit programme",
                "Priya Chandran (Head of Quality Assurance)",
                "",
                "• Review the quality assurance framework by March 2027\n"
                "• Add a family feedback call to each audit from 1 June 2026 until "
                "31 December 2026",
                "",
            ),
        ],
    ),
    (
        "AFD 1 - Develop contextual safeguarding arrangements",
        True,
        [HEADER_FULL],
        [
            (
                "Redesign the exploitation worker role",
                "Tom Brennan (Practice Leader, Exploitation and Missing)",
                "Team managers",
                "• Move the exploitation worker post into the contextual safeguarding team by "
                "30/06/2026\n• Hand over resources over 2-3 weeks",
                "",
            ),
            (
                "Edge of care offer",
                "Tom Brennan",
                "Claire Fenwick",
                "1) Train exploitation champions in every team by 15th July 2026\n"
                "2) Review the edge of care offer by the end of September 2026",
                "Champions nominated in three teams.",
            ),
        ],
    ),
    (
        "Area for development 2 – Widen domestic abuse support for children",
        False,
        HEADER_RUNS_ON,
        [
            (
                "Direct support for children living with domestic abuse",
                "Claire Fenwick (Service Manager, Domestic Abuse and Family Support)",
                "Helen Ashworth / Workforce development team",
                "• Appoint a children's domestic abuse worker by 1 September 2026 "
                "• Offer training to foster carers by 31 March 2027",
                "Funding bid submitted.",
            ),
        ],
    ),
]


def committee_workbook(path: Path, blocks=COMMITTEE_BLOCKS, title: str | None = TITLE) -> Path:
    """A committee-paper plan: title row, then one block per recommendation under its header."""
    book = Workbook()
    ws = book.active
    ws.title = "Improvement plan"
    row = 1
    if title:
        ws.cell(row=1, column=1, value=title)
        row = 3
    for rec_cell, merge, header_rows, themes in blocks:
        for header in header_rows:
            for col, heading in enumerate(header, 1):
                ws.cell(row=row, column=col, value=heading or None)
            row += 1
        first = row
        for theme_row in themes:
            if row == first or merge:
                ws.cell(row=row, column=1, value=rec_cell)
            for col, value in enumerate(theme_row, 2):
                ws.cell(row=row, column=col, value=value or None)
            row += 1
        if merge and row - first > 1:
            for r in range(first + 1, row):
                ws.cell(row=r, column=1).value = None
            ws.merge_cells(start_row=first, start_column=1, end_row=row - 1, end_column=1)
        row += 1  # an empty row between blocks
    book.save(path)
    return path


def canonical_row(**values) -> list:
    """One canonical row, in column order, from keyword values by column key."""
    return [values.get(c.key) for c in CANONICAL_COLUMNS]


CANONICAL_ROWS = [
    canonical_row(
        ref="REC 1",
        recommendation="Make plans for children in need specific and measurable.",
        judgement_areas="Help and protection, Children in care",
        theme="Plan template",
        action="Review the plan template with practitioners.",
        service_leads="Daniel Okafor (Principal Social Worker)",
        other_leads="Team managers / Aisha Rahman",
        start=date(2026, 4, 1),
        due=date(2026, 9, 30),
        status="In progress",
        progress_note="Working group has met twice.",
        progress_date="01/11/2026",
    ),
    canonical_row(
        ref="REC 1",
        kind="REC",
        recommendation="Make plans for children in need specific and measurable.",
        judgement_areas="children in care",
        theme="Plan template",
        action="Build the template into the case system.",
        service_leads="daniel okafor",
        start="1/5/2026",
        due="2026-12-31",
        status="not started",
    ),
    canonical_row(
        ref="AFD 1",
        recommendation="Develop contextual safeguarding.",
        judgement_areas="Help and protection",
        theme="Exploitation team",
        action="Move the exploitation worker post.",
        service_leads="Tom Brennan (Practice Leader, Exploitation and Missing)",
        due="3 Mar 2027",
        status="Completed",
        completed="20/02/2027",
        evidence="Return interviews now offered within three days.",
        progress_note="Post moved.",
    ),
    canonical_row(
        ref="REC 1",
        recommendation="Make plans for children in need specific and measurable.",
        theme="Planning workshops",
        action="Run planning workshops in each locality.",
        service_leads="Consultant social workers",
        status="Done",
    ),
    canonical_row(
        ref="Area for priority action 1",
        recommendation="Make sure leaders know the quality of frontline practice.",
        judgement_areas="Impact of leaders",
        theme="Audit programme",
        action="Publish a monthly audit summary.",
        service_leads="Priya Chandran",
        due="31/07/2026",
    ),
]


def canonical_workbook(path: Path, rows: list[list], *, keep_example: bool = False) -> Path:
    """The template from write_template, filled with `rows` under the headings."""
    write_template(path)
    book = load_workbook(path)
    ws = book["Plan"]
    if not keep_example:
        ws.delete_rows(2)
    start = ws.max_row + 1
    for offset, values in enumerate(rows):
        for col, value in enumerate(values, 1):
            ws.cell(row=start + offset, column=col, value=value)
    book.save(path)
    return path


def big_canonical_rows(actions: int, bad_every: int | None = None) -> list[list]:
    """`actions` rows over 50 recommendations of 4 themes; every `bad_every`th row is broken."""
    # The ways a broken row is broken, taken in turn: (column key, bad value).
    breakages = (
        ("due", "31/02/2026"),
        ("status", "Nearly there"),
        ("judgement_areas", "Finance"),
        ("ref", "R-1"),
        ("action", None),
    )
    rows = []
    for n in range(actions):
        rec = n % 50 + 1
        values = dict(
            ref=f"REC {rec}",
            recommendation=f"Recommendation number {rec} about better practice.",
            judgement_areas="Help and protection, Care leavers",
            theme=f"Theme {n % 4 + 1} of recommendation {rec}",
            action=f"Action {n + 1}: carry out step {n + 1} of the work by the agreed date.",
            service_leads="Daniel Okafor (Principal Social Worker) / Aisha Rahman",
            other_leads="Team managers",
            start=datetime(2026, 1 + n % 6, 1),
            due=f"{1 + n % 28:02d}/{7 + n % 6:02d}/2026",
            status=("Not started", "In progress", "Complete")[n % 3],
            progress_note="Going to plan." if n % 2 else None,
            progress_date="01/06/2026" if n % 2 else None,
        )
        if bad_every and n % bad_every == bad_every - 1:
            key, bad = breakages[(n // bad_every) % len(breakages)]
            values[key] = bad
        rows.append(canonical_row(**values))
    return rows


def plain_canonical_workbook(path: Path, rows: list[list]) -> Path:
    """Headings and rows only, no template styling (for big files).

    Written in openpyxl's normal mode, which stores text as shared strings as Excel does;
    its write-only mode stores inline strings, which take openpyxl about a third longer to read.
    """
    book = Workbook()
    ws = book.active
    ws.title = "Plan"
    ws.append([c.heading for c in CANONICAL_COLUMNS])
    for values in rows:
        ws.append(values)
    book.save(path)
    return path


def save_as_csv(xlsx: Path, target: Path, encoding: str = "utf-8-sig") -> Path:
    """Save the workbook's first sheet as CSV the way Excel does.

    Only a merged range's top-left cell keeps its value, and dates are written DD/MM/YYYY.
    """
    book = load_workbook(xlsx)
    ws = book.worksheets[0]
    rows = [
        ["" if v is None else v for v in row]
        for row in ws.iter_rows(min_row=1, max_col=ws.max_column, values_only=True)
    ]
    for row in rows:
        for i, value in enumerate(row):
            if isinstance(value, datetime | date):
                row[i] = f"{value:%d/%m/%Y}"
    with target.open("w", newline="", encoding=encoding) as f:
        csv.writer(f).writerows(rows)
    return target


def rows_workbook(path: Path, rows: list[list], merged: tuple[int, ...] = ()) -> Path:
    """A sheet holding `rows` as given, from row 1; each row number in `merged` is written as a
    section row is: one cell merged across the table's width (its widest row)."""
    book = Workbook()
    ws = book.active
    ws.title = "Improvement plan"
    width = max(len(r) for r in rows)
    for number, values in enumerate(rows, 1):
        for col, value in enumerate(values, 1):
            ws.cell(row=number, column=col, value=value if value != "" else None)
        if number in merged:
            ws.merge_cells(start_row=number, start_column=1, end_row=number, end_column=width)
    book.save(path)
    return path
