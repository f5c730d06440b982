"""Lead cells as councils write them (issue 8): a role after a comma, "Surname, Forename", a
slash inside a post, acronyms kept upper case, and what in a lead cell is not a lead at all.

The splitting rules that were there before are in tests/test_import_text_rules.py; they still
hold.
"""

from __future__ import annotations

import pytest

from readiness.plan.importing.leads import LeadBook, normalise_name, split_leads


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # A post after a person's name and a comma is that person's role.
        ("Liz Price, Planning Manager", [("Liz Price", "Planning Manager")]),
        ("Daniel Okafor, PSW", [("Daniel Okafor", "PSW")]),
        (
            "Liz Price, Planning Manager / Tom Brennan, Head of Service",
            [("Liz Price", "Planning Manager"), ("Tom Brennan", "Head of Service")],
        ),
        ("Liz Price, Head of Service MASH/ SA", [("Liz Price", "Head of Service MASH/SA")]),
        # ... but a group, another person or another post is a lead of its own.
        ("Daniel Okafor, Team managers", [("Daniel Okafor", None), ("Team managers", None)]),
        ("Neil Garside, Joanne Metcalfe", [("Neil Garside", None), ("Joanne Metcalfe", None)]),
        (
            "Planning Manager, Head of Service",
            [("Planning Manager", None), ("Head of Service", None)],
        ),
        # A slash between two acronyms that end a post is part of the post.
        ("Head of Service MASH/ SA", [("Head of Service MASH/SA", None)]),
        ("Head of CP/LAC", [("Head of CP/LAC", None)]),
        ("Head of CP / DCS", [("Head of CP", None), ("DCS", None)]),
        ("MASH/EDT", [("MASH", None), ("EDT", None)]),
        ("Team managers / Aisha Rahman", [("Team managers", None), ("Aisha Rahman", None)]),
        # Surname, forename is one person, written forename first.
        ("Smith, John", [("John Smith", None)]),
        ("BRENNAN, TOM", [("Tom Brennan", None)]),
        ("Okafor, D.", [("D. Okafor", None)]),
        ("van Dijk, Ben", [("Ben van Dijk", None)]),
        ("Rahman, Aisha (Head of Service)", [("Aisha Rahman", "Head of Service")]),
        ("Health, Education", [("Health", None), ("Education", None)]),
        ("Fostering, Adoption", [("Fostering", None), ("Adoption", None)]),
        # Acronyms stay upper case.
        ("DCS", [("DCS", None)]),
        ("PSW", [("PSW", None)]),
        ("dcs / psw", [("DCS", None), ("PSW", None)]),
        ("HEAD OF MASH", [("Head of MASH", None)]),
        ("HEAD OF CP AND LAC", [("Head of CP and LAC", None)]),
        # Not leads at all: LeadBook.cell_problems says why.
        ("TBC", []),
        ("TBA", []),
        ("?", []),
        ("31/03/2026", []),
        ("31 March 2026", []),
        ("12", []),
        ("#REF!", []),
        ("#N/A", []),
        ("nan", []),
        ("True", []),
        ("Tom Brennan / TBC", [("Tom Brennan", None)]),
        ("Tom Brennan / N/A", [("Tom Brennan", None)]),
        ("Tom Brennan, 31/03/2026", [("Tom Brennan", None)]),
    ],
)
def test_split_leads_as_councils_write_them(cell, expected):
    assert split_leads(cell) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("DCS", "DCS"),
        ("PSW", "PSW"),
        ("dcs", "DCS"),
        ("HEAD OF MASH", "Head of MASH"),
        ("IRO SERVICE MANAGER", "IRO Service Manager"),
        ("HEAD OF CP AND LAC", "Head of CP and LAC"),
        ("SEND AND YOS MANAGERS", "SEND and YOS Managers"),
        ("qa team", "QA Team"),
        ("HR", "HR"),
        ("SCP BUSINESS MANAGER", "SCP Business Manager"),
        # Titles and short surnames are words, not acronyms.
        ("MRS JONES", "Mrs Jones"),
        ("TOM NG", "Tom Ng"),
        ("DANIEL OKAFOR", "Daniel Okafor"),
        ("Daniel Okafor PSW", "Daniel Okafor PSW"),
    ],
)
def test_normalise_name_keeps_acronyms(name, expected):
    assert normalise_name(name) == expected


NOT_YET = "the lead is still to be named"
DATE = "is a date, not a lead officer."
NUMBER = "is a number, but a lead officer's name (or post) belongs here."
NONE = "says there is no lead"


@pytest.mark.parametrize(
    ("cell", "lead_needed", "expected"),
    [
        ("Tom Brennan", True, []),
        ("", True, []),
        ("TBC", False, [("TBC", NOT_YET, True)]),
        ("tba", False, [("tba", NOT_YET, True)]),
        ("To be confirmed", False, [("To be confirmed", NOT_YET, True)]),
        ("?", False, [("?", NOT_YET, True)]),
        ("Tom Brennan / TBC", False, [("TBC", NOT_YET, True)]),
        ("TBC (Head of Service)", False, [("TBC (Head of Service)", NOT_YET, True)]),
        ("31/03/2026", False, [("31/03/2026", DATE, False)]),
        ("Tom Brennan, March 2027", False, [("March 2027", DATE, False)]),
        ("12", False, [("12", NUMBER, False)]),
        ("Tom Brennan / 3", False, [("3", NUMBER, False)]),
        ("#REF!", False, [("#REF!", "spreadsheet error", False)]),
        ("#N/A", False, [("#N/A", "spreadsheet error", False)]),
        ("nan", False, [("nan", "read as empty", True)]),
        ("FALSE", False, [("FALSE", "TRUE/FALSE", False)]),
        # Saying there is no lead is a warning only where a lead is needed.
        ("N/A", False, []),
        ("-", False, []),
        ("None", False, []),
        ("N/A", True, [("N/A", NONE, True)]),
        ("-", True, [("-", NONE, True)]),
        ("None", True, [("None", NONE, True)]),
        ("Tom Brennan / N/A", True, []),
    ],
)
def test_what_in_a_lead_cell_is_not_a_lead(cell, lead_needed, expected):
    found = LeadBook().cell_problems(cell, lead_needed=lead_needed)
    assert len(found) == len(expected)
    for problem, (value, message, warning) in zip(found, expected, strict=True):
        assert (problem.value, problem.warning) == (value, warning)
        assert message in problem.message


def test_a_cell_problem_is_reported_on_every_row_that_has_it():
    book = LeadBook()
    first = book.cell_problems("TBC")
    assert book.cell_problems("TBC") == first
    assert book.read("TBC") == []


def test_one_lead_however_the_plan_spells_them():
    book = LeadBook()
    assert book.read("Smith, John") == ["John Smith"]
    assert book.read("John Smith / dcs") == ["John Smith", "DCS"]
    assert book.read("DCS") == ["DCS"]
    assert book.read("Liz Price, Planning Manager") == ["Liz Price"]
    assert book.read("Liz Price") == ["Liz Price"]
    assert book.roles["Liz Price"] == "Planning Manager"
