"""The text rules, each written once in readiness/text.py: invisible characters, one line, the
three comparison keys and plurals; and no second copy of any of them elsewhere."""

from __future__ import annotations

import re

import pytest

from readiness.text import loose_words, one_line, plural, same_person_key, squash, visible
from tests.conftest import ROOT


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rebecca Hollis", "Rebecca Hollis"),
        ("Rebecca\u200b Hollis", "Rebecca Hollis"),  # zero-width space
        ("Reb\u202eccA Hollis", "RebccA Hollis"),  # right-to-left override
        ("\ufeffNote\u2066 \u2069", "Note "),  # byte-order mark, isolates
        ("co\u00adoperate", "cooperate"),  # soft hyphen
        ("NUL\x00 and bell\x07", "NUL and bell"),  # PostgreSQL refuses a NUL
        ("Rebecca\u200b Hollis\u202e\u2066\ufeff\x00\x07", "Rebecca Hollis"),
        ("line one\nline two\tand a tab\r\n", "line one\nline two\tand a tab\r\n"),
        ("café – “quoted”", "café – “quoted”"),
    ],
)
def test_visible_drops_invisible_and_control_characters_only(text, expected):
    assert visible(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Improve   plans ", "Improve plans"),
        ("Improve\nplans\tfor\r\nchildren", "Improve plans for children"),
        ("no\u00a0break", "no break"),  # a no-break space is a space
        ("", ""),
        (" \n\t ", ""),
        ("zero\u200bwidth", "zero\u200bwidth"),  # not whitespace: visible() removes it
    ],
)
def test_one_line_folds_every_run_of_whitespace(text, expected):
    assert one_line(text) == expected


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Rebecca Hollis", "rebecca hollis", True),
        ("Rebecca Hollis", "Rebecca  Hollis", True),
        ("Rebecca Hollis", "RebeccaHollis", True),  # a zero-width space, once removed
        ("Rebecca Hollis", "Rebecca Hollis ", True),
        ("Straße", "STRASSE", True),  # casefold, not lower
        ("O'Neil", "ONeil", False),  # punctuation is part of a name
        ("Jo-Ann Smith", "JoAnn Smith", False),
        ("Rebecca Hollis", "Rebecca Holis", False),
    ],
)
def test_same_person_key_ignores_case_and_spacing_only(a, b, same):
    assert (same_person_key(a) == same_person_key(b)) is same


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Due date", "duedate"),
        ("due-date", "duedate"),
        ("DUE_DATE", "duedate"),
        ("Service lead(s):", "serviceleads"),
        ("REC 1", "rec1"),
        ("N/A", "na"),
        ("Crèche", "crèche"),  # letters in any script count
        ("", ""),
        ("—", ""),
    ],
)
def test_squash_keeps_letters_and_digits_only(text, expected):
    assert squash(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Improve the quality of plans.", "improve the quality of plans"),
        ("• Improve  the QUALITY of plans", "improve the quality of plans"),
        ("Children's plans — reviewed", "children s plans reviewed"),
        ("snake_case words", "snake case words"),
        ("ﬁnal ＡＢＣ", "final abc"),  # a ligature and full-width letters read as plain
        ("", ""),
    ],
)
def test_loose_words_keeps_the_words_apart(text, expected):
    assert loose_words(text) == expected


@pytest.mark.parametrize(
    ("n", "word", "many", "expected"),
    [
        (0, "action", None, "0 actions"),
        (1, "action", None, "1 action"),
        (2, "action", None, "2 actions"),
        (1, "person", "people", "1 person"),
        (3, "person", "people", "3 people"),
    ],
)
def test_plural(n, word, many, expected):
    assert plural(n, word, many) == expected


# What a second copy of each rule looks like in the source: the invisible characters' class, the
# letters-and-digits class (and its loop form), and the compatibility normalisation of a key.
SECOND_COPIES = {
    "invisible characters": re.compile(r"\\u200b"),
    "letters and digits only": re.compile(
        r"\[\\W_\]|\[\^0-9a-z\]|\[\^a-z0-9\]|if \w+\.isalnum\(\)"
    ),
    "a matching key's normalisation": re.compile(r"normalize\(\s*\"NFKC\""),
    "a lead's key": re.compile(r'"".join\(\w+\.split\(\)\)\.casefold\(\)'),
}


@pytest.mark.parametrize("rule", SECOND_COPIES)
def test_each_text_rule_is_written_once(rule):
    sources = [ROOT / "app.py"]
    for folder in ("readiness", "components", "views"):
        sources += ROOT.glob(f"{folder}/**/*.py")
    copies = [
        path.relative_to(ROOT).as_posix()
        for path in sources
        if SECOND_COPIES[rule].search(path.read_text(encoding="utf-8"))
    ]
    assert copies == ["readiness/text.py"]
