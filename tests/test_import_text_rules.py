"""The rules that read one cell's text when a plan is imported: references, lead names, action
lists, dates in free text, date cells, and a problem's one line.

Lead cells and due-date cells as councils write them are in tests/test_import_leads.py and
tests/test_import_dates.py; the cases here are the ones those do not repeat.
"""

from __future__ import annotations

from datetime import date

import pytest

from readiness.files.free_text import parse_ref, split_actions
from readiness.plan.importing import Problem
from readiness.plan.importing.dates import (
    find_due_date,
    find_start_date,
    impossible_dates,
    parse_date_cell,
)
from readiness.plan.importing.leads import normalise_name, split_leads


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("REC 1", ("REC 1", "REC", "")),
        ("REC1 Improve plans", ("REC 1", "REC", "Improve plans")),
        ("Rec 1 - Improve plans", ("REC 1", "REC", "Improve plans")),
        ("Recommendation 1: Improve plans", ("REC 1", "REC", "Improve plans")),
        ("rec 12 – Improve plans", ("REC 12", "REC", "Improve plans")),
        ("AFD 2 - Widen support", ("AFD 2", "AFD", "Widen support")),
        ("Area for development 2 – Widen support", ("AFD 2", "AFD", "Widen support")),
        ("Areas for Development 3. Widen", ("AFD 3", "AFD", "Widen")),
        ("Area for priority action 1 - Act now", ("APA 1", "APA", "Act now")),
        ("APA 1: Act now", ("APA 1", "APA", "Act now")),
        (
            "<b>REC 3 – Improve supervision</b> (and keep it consistent)",
            ("REC 3", "REC", "Improve supervision (and keep it consistent)"),
        ),
        (
            "Recommendation (REC) / Area for Development (AFD)",
            (None, None, "Recommendation (REC) / Area for Development (AFD)"),
        ),
        ("Improve plans", (None, None, "Improve plans")),
        ("REC A - Improve", (None, None, "REC A - Improve")),
        ("Record keeping 2", (None, None, "Record keeping 2")),
    ],
)
def test_parse_ref(text, expected):
    assert parse_ref(text) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Daniel Okafor", [("Daniel Okafor", None)]),
        (
            "Daniel Okafor (Principal Social Worker)",
            [("Daniel Okafor", "Principal Social Worker")],
        ),
        (
            "Aisha Rahman/Tom Brennan / Priya Chandran",
            [("Aisha Rahman", None), ("Tom Brennan", None), ("Priya Chandran", None)],
        ),
        (
            "Neil Garside, Joanne Metcalfe\nGareth Llewellyn",
            [("Neil Garside", None), ("Joanne Metcalfe", None), ("Gareth Llewellyn", None)],
        ),
        (
            "Claire Fenwick & Marcus Pennington",
            [("Claire Fenwick", None), ("Marcus Pennington", None)],
        ),
        (
            "Claire Fenwick and Marcus Pennington",
            [("Claire Fenwick", None), ("Marcus Pennington", None)],
        ),
        # Roles may hold commas, "and" and "/" without splitting.
        (
            "Sophie Whitcombe (Service Manager, Leaving Care) and Rebecca Hollis "
            "(Head of Service, Children in Care and Care Leavers)",
            [
                ("Sophie Whitcombe", "Service Manager, Leaving Care"),
                ("Rebecca Hollis", "Head of Service, Children in Care and Care Leavers"),
            ],
        ),
        # A new name straight after a role bracket, as in HTML committee papers.
        (
            "<b>Tom Brennan</b> (Practice Leader, Missing / Exploitation)  <b>Aisha Rahman</b> "
            "(Practice Leader)",
            [
                ("Tom Brennan", "Practice Leader, Missing / Exploitation"),
                ("Aisha Rahman", "Practice Leader"),
            ],
        ),
        # A role follows only the name just before it.
        (
            "Neil Garside / Claire Fenwick (Service Manager)",
            [("Neil Garside", None), ("Claire Fenwick", "Service Manager")],
        ),
        ("Team managers", [("Team managers", None)]),
        ("A and I team managers", [("A and I team managers", None)]),
        ("A & I team managers", [("A & I team managers", None)]),
        ("Help and protection team", [("Help and protection team", None)]),
        (
            "Daniel Okafor (PSW) and Team managers",
            [("Daniel Okafor", "PSW"), ("Team managers", None)],
        ),
        ("Gareth Llewellyn -", [("Gareth Llewellyn", None)]),
        ("DANIEL OKAFOR / daniel  okafor", [("Daniel Okafor", None)]),
        ("Suzy O’Neill", [("Suzy O'Neill", None)]),
        ("N/A", []),
        ("", []),
        ("-", []),
    ],
)
def test_split_leads(cell, expected):
    assert split_leads(cell) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("  Daniel   Okafor ", "Daniel Okafor"),
        ("daniel okafor", "Daniel Okafor"),
        ("Daniel Okafor (Principal Social Worker)", "Daniel Okafor"),
        ("Ben van Dijk", "Ben van Dijk"),
        ("JOANNE MCKENNA-SMITH", "Joanne Mckenna-Smith"),
        ("team managers", "Team Managers"),
        ("HEAD OF QUALITY AND PERFORMANCE", "Head of Quality and Performance"),
        ("D. Okafor", "D. Okafor"),
        ("Gareth Llewellyn –", "Gareth Llewellyn"),
    ],
)
def test_normalise_name(name, expected):
    assert normalise_name(name) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("• First step\n• Second step", ["First step", "Second step"]),
        ("- First step\n- Second step\n  carried on", ["First step", "Second step carried on"]),
        ("* First step\n* Second step", ["First step", "Second step"]),
        ("– First step\n– Second step", ["First step", "Second step"]),
        ("1. First step\n2. Second step", ["First step", "Second step"]),
        ("1) First step\n2) Second step", ["First step", "Second step"]),
        ("a) First step\nb) Second step", ["First step", "Second step"]),
        ("First step\nSecond step\n\n", ["First step", "Second step"]),
        ("• First step • Second step", ["First step", "Second step"]),
        ("One single action", ["One single action"]),
        ("Spend 1.5 million on homes", ["Spend 1.5 million on homes"]),
        (
            '<ul style="list-style-type: none"> <li>• First step</li> <li>Second <b>step</b>'
            "</li> </ul>",
            ["First step", "Second step"],
        ),
        ("<p>First step</p><p>Second step</p>", ["First step", "Second step"]),
        ("", []),
    ],
)
def test_split_actions(cell, expected):
    assert split_actions(cell) == expected


@pytest.mark.parametrize(
    ("text", "due", "wording"),
    [
        (
            "All plans rewritten by August-October 2022.",
            date(2022, 10, 31),
            "by August-October 2022",
        ),
        ("Draft ready by the end of April 2026", date(2026, 4, 30), "by the end of April 2026"),
        ("In place by the start of May 2022", date(2022, 5, 1), "by the start of May 2022"),
        ("Finish by 31/03/2026", date(2026, 3, 31), "by 31/03/2026"),
        ("Finish by 31 March 2026", date(2026, 3, 31), "by 31 March 2026"),
        ("Finish by 1st of March 2026", date(2026, 3, 1), "by 1st of March 2026"),
        ("Finish in March 2026", date(2026, 3, 31), "in March 2026"),
        ("Finish by Sept 2026", date(2026, 9, 30), "by Sept 2026"),
        ("Finish by mid-May 2026", date(2026, 5, 15), "by mid-May 2026"),
        ("Finish by 2026-06-30", date(2026, 6, 30), "by 2026-06-30"),
        ("Finish by 31/03/26", date(2026, 3, 31), "by 31/03/26"),
        ("Finish by March 31, 2026", date(2026, 3, 31), "by March 31, 2026"),
        (
            "Runs from 1 June 2026 until 31 December 2026",
            date(2026, 12, 31),
            "until 31 December 2026",
        ),
        (
            "Training starts 7 March 2022 and runs until July 2022",
            date(2022, 7, 31),
            "until July 2022",
        ),
        ("Roll out from 1st April 2022", None, None),
        ("Paper to the leadership team at the end of April", None, "at the end of April"),
        ("In place within 2 months", None, "within 2 months"),
        ("Recruit carers (ongoing)", None, "ongoing"),
        ("Hand over over 2-3 weeks", None, None),
        ("Review cases open 3/6/12months", None, None),
        ("No date at all", None, None),
        ("Finish by 31/02/2026", None, None),
    ],
)
def test_find_due_date(text, due, wording):
    assert find_due_date(text, 2026) == (due, wording)


def test_find_start_date_and_impossible_dates():
    assert find_start_date("Roll out from 1st April 2022", 2022) == (
        date(2022, 4, 1),
        "from 1st April 2022",
    )
    assert find_start_date("Starting 3 May 2026, finish by June 2026", 2026)[0] == date(2026, 5, 3)
    assert find_start_date("Finish by June 2026", 2026) == (None, None)
    assert impossible_dates("Finish by 31/02/2026", 2026) == [
        ("by 31/02/2026", "31/02/2026 is not a real date")
    ]
    assert impossible_dates("Finish by 30 February 2026", 2026) == [
        ("by 30 February 2026", "30/02/2026 is not a real date")
    ]
    assert impossible_dates("Finish by 28/02/2026", 2026) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # DD/MM/YYYY, YYYY-MM-DD and "2 March 2027" are read in tests/test_import_dates.py.
        ("2026-04-01 00:00:00", date(2026, 4, 1)),
        ("3 Mar 2026", date(2026, 3, 3)),
    ],
)
def test_parse_date_cell(text, expected):
    assert parse_date_cell(text) == expected


def test_problem_reads_as_one_line():
    problem = Problem(
        "plan.xlsx",
        "Plan",
        14,
        "Due",
        "31/02/2026",
        "is not a real date.",
        "Use a real date such as 28/02/2026.",
    )
    assert str(problem) == (
        'plan.xlsx, sheet "Plan", row 14, column "Due": "31/02/2026" is not a real date. '
        "Fix: use a real date such as 28/02/2026."
    )
    assert str(Problem("plan.csv", None, None, None, None, "The file is empty.", "")) == (
        "plan.csv: The file is empty."
    )
