"""The cells of a council's own KPI table: what its headings mean, and how a period, a figure or
a description of a local indicator is read from a cell. Both layouts (own_long, own_wide) read
their cells here, so a cell reads the same way whichever layout holds it.

Figures (the council's, England's, the region's, the neighbours', targets and tolerances):

- a number, or a number written as text: "22.5", "22.5%", "1,234" (commas between thousands);
- a "%" after the number is dropped: "12%" is 12 for a percent indicator (own_reading refuses
  it for an indicator of another unit, as it then says the wrong thing);
- one of DfE's codes for a figure not given (symbols.SYMBOLS: "c", "x", "z", "-", ...),
  and "n/a", which performance teams write where DfE writes "z" (not applicable): the figure is
  missing, with that code, never zero;
- anything else (text, a date) is a problem.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from readiness.files.limits import column_letters
from readiness.kpi.indicators import MARCH, POLARITY_LABELS, UNIT_LABELS, Indicator
from readiness.kpi.lait import figure
from readiness.kpi.periods import read_year
from readiness.kpi.values import Period
from readiness.text import squash

if TYPE_CHECKING:  # the type only: the reading module loads the Word and workbook readers
    from readiness.files.reading import Cell

# The area the statistical neighbours' average from a council's own table is stored under: the
# table gives the average, not each neighbour's figure (DfE's files give those, by council).
NEIGHBOURS_AVERAGE = "neighbours"
# Local indicators' ids: "local_" and the name's words, so they never meet one of DfE's.
LOCAL_PREFIX = "local_"
_ID_MAX = 60  # models.KpiValue.indicator's length
_ID_HASH = 8

# What each column of a council's table may be headed, by what it holds; the first is the
# heading named in messages. Compared by readiness.text.squash, so case, spaces and
# punctuation do not matter, and a note in brackets is dropped ("Value (%)").
HEADINGS: dict[str, tuple[str, ...]] = {
    "indicator": (
        "Indicator",
        "Indicator name",
        "KPI",
        "KPI name",
        "Measure",
        "Measure name",
        "Performance indicator",
        "Metric",
    ),
    "period": ("Period", "Year", "Month", "Quarter", "Time period", "Date"),
    "value": ("Value", "Figure", "Actual", "Result", "Outturn", "Performance"),
    "target": ("Target",),
    "tolerance": ("Tolerance", "Amber tolerance", "Amber within"),
    "england": ("England", "England average", "National", "National average"),
    "region": ("Region", "Regional", "Regional average", "Region average"),
    "neighbours": (
        "Statistical neighbours",
        "Statistical neighbours average",
        "Statistical neighbour average",
        "Stat neighbours",
        "SN",
        "SNs",
        "SN average",
    ),
    "unit": ("Unit", "Units"),
    "polarity": ("Polarity", "Good is", "Better is"),
    "area": ("Judgement area", "Judgment area", "Judgement areas", "Ofsted judgement area"),
    "definition": ("Definition", "Description"),
}
_KINDS: dict[str, str] = {squash(h): kind for kind, hs in HEADINGS.items() for h in hs}
# "Region (North West)", "Region: North West": the heading, and what it names.
_NAMED = re.compile(r"(?P<head>[^:(]+?)\s*(?:\((?P<bracket>[^()]*)\)|:\s*(?P<colon>.*))")


class Heading(NamedTuple):
    kind: str | None  # a key of HEADINGS, or None: not a heading we read
    named: str  # what the heading names in brackets or after a colon, "" if nothing


def read_heading(cell: Cell) -> Heading:
    if isinstance(cell, date):
        return Heading(None, "")
    text = " ".join(cell.split())
    head, named = text, ""
    if match := _NAMED.fullmatch(text):
        head, named = match["head"], (match["bracket"] or match["colon"] or "").strip()
    return Heading(_KINDS.get(squash(head)), named)


def heading_text(cell: Cell, index: int) -> str:
    """A column's heading as messages name it: as written, or its letter when it has none. A
    date is shown as Excel shows a month typed in ("Apr-25"), the period it is read as."""
    if isinstance(cell, date):
        return read_period(cell).label
    return " ".join(cell.split()) or column_letters(index + 1)


def cell_at(row: list[Cell], index: int | None) -> Cell:
    """A row's cell, "" beyond its end (a CSV file's rows may be short)."""
    return row[index] if index is not None and index < len(row) else ""


def shown(cell: Cell) -> str:
    return cell.isoformat() if isinstance(cell, date) else " ".join(cell.split())


# --- Periods ---------------------------------------------------------------------------------

_MONTH_WORDS = {calendar.month_abbr[n].lower() for n in range(1, 13)} | {
    calendar.month_name[n].lower() for n in range(1, 13)
}
_FIRST_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=4096)
def read_period(cell: Cell, year_end: tuple[int, int] = MARCH) -> Period:
    """The period a heading or a Period cell names (periods.read_year); ValueError if none.

    A date is its calendar month: Excel turns "Apr-25" typed in a cell into 1 April 2025, shown
    as "Apr-25", and a date at a year's end (31/03/2025) is the month that year ends in."""
    if isinstance(cell, date):
        return read_year(f"{calendar.month_abbr[cell.month]} {cell.year}", year_end)
    return read_year(cell, year_end)


def is_period(cell: Cell) -> bool:
    try:
        read_period(cell)
    except ValueError:
        return False
    return True


def meant_as_period(cell: Cell) -> bool:
    """Whether a heading that is not a period was meant to be one: it has a digit, or starts
    with a month or a quarter ("April", "Q1"). A heading of words ("Comments", "RAG") was not."""
    if isinstance(cell, date):
        return True
    text = cell.lower()
    first = _FIRST_WORD.match(text.strip())
    return any(c.isdigit() for c in text) or bool(
        first and (first[0] in _MONTH_WORDS or first[0] == "q")
    )


def period_problem(error: ValueError) -> tuple[str, str]:
    """The message and fix of a period that does not read, from periods.read_year's error: its
    first sentence, without the label it quotes (the Problem quotes the cell), then the rest."""
    first, _, rest = str(error).partition(". ")
    message = re.sub(r'^"[^"]*"\s*', "", first).rstrip(".") + "."
    return message, rest or 'Write the period as "2024-25", "Q1 2025/26" or "Apr-25".'


# --- Figures ---------------------------------------------------------------------------------


class Figure(NamedTuple):
    value: float | None  # None: missing (see `missing`)
    missing: str | None  # the code written instead of a figure
    percent_sign: bool  # written with "%": a percentage, as written (never an Excel fraction)


_THOUSANDS = re.compile(r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_NOT_APPLICABLE = {"n/a", "na", "n.a.", "n/a."}


def read_figure(cell: Cell) -> Figure:
    """The figure a (non-blank) cell holds, as the module's docstring says; ValueError if none."""
    if isinstance(cell, date):
        raise ValueError("a date")
    text = " ".join(cell.split()).lower()
    if text in _NOT_APPLICABLE:
        return Figure(None, "z", False)
    number = text.removesuffix("%").rstrip()
    signed = number != text
    if _THOUSANDS.fullmatch(number):
        number = number.replace(",", "")
    value, missing = figure(number)
    if signed and value is None:  # "%" alone, or "c%"
        raise ValueError(text)
    return Figure(value, missing, signed)


FIGURE_FIX = (
    'Write the figure as a number ("22.5", "22.5%" or "1,234"), leave the cell blank if there '
    'is none, or write why it is missing: "c" (suppressed), "x" (not available), "z" or "n/a" '
    '(not applicable), "-" (missing).'
)


# --- Describing a local indicator ------------------------------------------------------------

_UNIT_WORDS: dict[str, str] = {
    **{squash(unit): unit for unit in UNIT_LABELS},
    **{squash(label): unit for unit, label in UNIT_LABELS.items() if label != "%"},
    "percentage": "percent",
    "per10000": "rate",
    "day": "days",
    "number": "count",
    "no": "count",
    "case": "cases",
    "caseload": "cases",
}
_POLARITY_WORDS: dict[str, str] = {
    **{squash(polarity): polarity for polarity in POLARITY_LABELS},
    **{squash(label): polarity for polarity, label in POLARITY_LABELS.items()},
    "higher": "high",
    "highisgood": "high",
    "highisbetter": "high",
    "lower": "low",
    "lowisgood": "low",
    "lowisbetter": "low",
    "neither": "context",
}
UNITS_ACCEPTED = '"%", "rate" (per 10,000 children), "days", "number" (children) or "cases"'
POLARITIES_ACCEPTED = '"higher is better", "lower is better" or "context" (neither)'


def read_unit(text: str) -> str:
    """A Unit cell's unit (indicators.Unit); ValueError if it names none."""
    unit = "percent" if text.strip() == "%" else _UNIT_WORDS.get(squash(text))
    if unit is None:
        raise ValueError(f"Write the unit as {UNITS_ACCEPTED}.")
    return unit


def read_polarity(text: str) -> str:
    """A Polarity cell's polarity (indicators.Polarity); ValueError if it names none."""
    # "-" is how DfE's data dictionary writes a context indicator's polarity.
    dash = text.strip() in ("-", "–", "—")
    polarity = "context" if dash else _POLARITY_WORDS.get(squash(text))
    if polarity is None:
        raise ValueError(f"Write which way is better as {POLARITIES_ACCEPTED}.")
    return polarity


def guessed_unit(name: str, percent_sign: bool) -> str:
    """A local indicator's unit when no Unit column gives it: a percentage if its name says so
    ("%", "percent", "percentage") or its figures are written with "%", else a count."""
    words = set(re.findall(r"[a-z]+", name.lower()))
    said = "%" in name or words & {"percent", "percentage"}
    return "percent" if said or percent_sign else "count"


def local_id(name: str) -> str:
    """A local indicator's id, from its name: "local_" and its words joined by "_". The same
    name, however cased or punctuated, gives the same id in every file and every load."""
    words = "_".join(re.findall(r"[0-9a-z]+", name.lower()))
    whole = LOCAL_PREFIX + words
    if len(whole) <= _ID_MAX:
        return whole
    # A long name: its start, and a hash of all its words so that two long names stay apart.
    digest = hashlib.sha1(words.replace("_", "").encode()).hexdigest()[:_ID_HASH]
    return f"{whole[: _ID_MAX - _ID_HASH - 1].rstrip('_')}_{digest}"


def local_indicator(
    id: str, name: str, unit: str, polarity: str, area: str | None, definition: str
) -> Indicator:
    """A council's own indicator, as read from its table or the store. `area` None: the table
    names no judgement area for it."""
    return Indicator(id, name, unit, polarity, area or "", definition, None)  # type: ignore[arg-type]  # unit and polarity are checked where they are read
