"""The one reader of link values (components.link_values), fed what a hostile or careless link
holds: each value it cannot use gives the value used instead and a sentence naming the value,
what is accepted and what is done instead, and nothing ever raises."""

from __future__ import annotations

import random
from datetime import date

import pytest

from components.link_values import choice, iso_date, whole_number

# Board mode's advance: 5 s to an hour (components.board), 30 s configured.
LOW, HIGH, CONFIGURED = 5, 3600, 30
EARLIEST, LATEST = date(2018, 1, 1), date(2029, 11, 21)
LONG = "9" * 10_000

HOSTILE_NUMBERS = [
    "-5",
    "0",
    "4",
    "3601",
    "2147484",  # over 2^31 - 1 milliseconds: the browser's timer fired at once
    "99999999999999999999999",
    LONG,
    "1.5",
    "1e9",
    "0x10",
    "+5",
    "²",  # str.isdigit() is True, int() refuses it
    "١٢",  # Arabic-Indic digits: int() reads 12
    "１２",  # full-width digits: int() reads 12
    "<b>5</b>",
    " 5",
    "5 ",
    "\t5\n",
    "",
    " ",
    "five",
    "5s",
    "NaN",
    "1_000",
    "x" * 10_000,
]


def read_advance(given: str):
    return whole_number(
        "advance",
        given,
        LOW,
        HIGH,
        "seconds",
        CONFIGURED,
        f"each screen stays {CONFIGURED} seconds",
    )


@pytest.mark.parametrize("given", HOSTILE_NUMBERS)
def test_a_number_that_cannot_be_used_gives_the_configured_one_and_says_why(given):
    read = read_advance(given)
    assert read.value == CONFIGURED
    said = read.refusal.words(lambda g: g[:50])
    assert said.startswith(f"The link's advance “{given[:50]}” ")
    assert "(5 to 3600 seconds)" in said
    assert said.endswith(", so each screen stays 30 seconds.")


@pytest.mark.parametrize(
    ("given", "why"),
    [
        ("4", "is below 5, the fewest seconds allowed"),
        ("0", "is below 5, the fewest seconds allowed"),
        ("2147484", "is above 3600, the most seconds allowed"),
        (LONG, "is above 3600, the most seconds allowed"),
        ("-5", "is not a whole number of seconds"),
        ("1.5", "is not a whole number of seconds"),
        ("²", "is not a whole number of seconds"),
        ("１２", "is not a whole number of seconds"),
    ],
)
def test_the_message_says_whether_the_number_is_out_of_range_or_not_a_number(given, why):
    assert read_advance(given).refusal.why.startswith(why)


@pytest.mark.parametrize(("given", "value"), [("5", 5), ("30", 30), ("0030", 30), ("3600", 3600)])
def test_a_whole_number_in_range_is_used(given, value):
    assert read_advance(given).value == value
    assert read_advance(given).refusal is None


def test_random_hostile_strings_never_raise_and_only_ascii_figures_in_range_count():
    """Thousands of strings drawn from digits of several scripts, signs, dots and spaces."""
    alphabet = "0123456789²³¹١٢٣۴５６७৮๙-+.,e_ \t\n<>/x\u200b\u2060"
    rng = random.Random(22)
    for _ in range(5000):
        given = "".join(rng.choices(alphabet, k=rng.randint(0, 12)))
        read = read_advance(given)
        usable = given.isascii() and given.isdigit() and LOW <= int(given) <= HIGH
        assert read.value == (int(given) if usable else CONFIGURED), repr(given)
        assert (read.refusal is None) == usable, repr(given)


HOSTILE_DATES = [
    "２０２６-03-31",  # full-width digits: Streamlit's date widget reads them
    "٢٠٢٦-03-31",
    "2026/03/31",
    "2026-3-31",
    "20260331",  # date.fromisoformat takes it on Python 3.11
    "2026-W13-2",  # so does a week date
    "2026-02-30",
    "2026-13-01",
    "0000-01-01",
    " 2026-03-31",
    "2026-03-31\n",
    "2026-03-31T00:00",
    "<b>2026-03-31</b>",
    "31/03/2026",
    "-2026-03-31",
    "",
    "2" * 10_000,
]


@pytest.mark.parametrize("given", HOSTILE_DATES)
def test_a_date_not_written_yyyy_mm_dd_in_ascii_is_refused(given):
    read = iso_date("as-at date", given, EARLIEST, LATEST, "today's position is shown")
    assert read.value is None
    said = read.refusal.words(lambda g: g[:50])
    assert said == (
        f"The link's as-at date “{given[:50]}” is not a date (it should read like 2026-03-31), "
        "so today's position is shown."
    )


@pytest.mark.parametrize(
    ("given", "why"),
    [
        ("2017-12-31", "is before 1 Jan 2018, the earliest shown"),
        ("0001-01-01", "is before 1 Jan 2018, the earliest shown"),
        ("2029-11-22", "is after 21 Nov 2029, the latest shown"),
        ("9999-12-31", "is after 21 Nov 2029, the latest shown"),
    ],
)
def test_a_date_outside_the_range_is_refused_naming_the_range(given, why):
    read = iso_date("as-at date", given, EARLIEST, LATEST, "today's position is shown")
    assert (read.value, read.refusal.why) == (None, why)


@pytest.mark.parametrize("given", ["2018-01-01", "2026-03-31", "2029-11-21"])
def test_a_date_in_range_is_used(given):
    read = iso_date("as-at date", given, EARLIEST, LATEST, "today's position is shown")
    assert (read.value, read.refusal) == (date.fromisoformat(given), None)


MODES = {"1": True, "on": True, "0": False, "off": False}


@pytest.mark.parametrize(("given", "value"), [("1", True), ("ON", True), (" off ", False)])
def test_a_choice_is_read_in_any_case(given, value):
    assert choice("board", given, MODES, False, "is neither", "no board").value is value


@pytest.mark.parametrize("given", ["１", "²", "<b>1</b>", "1.0", "", "o" * 10_000, "ｏｎ"])
def test_anything_else_is_not_a_choice(given):
    read = choice("board", given, MODES, False, "is neither on nor off", "the page is shown")
    assert read.value is False
    assert read.refusal.words(str).endswith("is neither on nor off, so the page is shown.")
