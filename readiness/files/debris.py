"""Cell values that are debris rather than content: spreadsheet errors, empty markers, booleans.

A plan that went through a formula, a database export or pandas can hold "#REF!", "nan" or
"True" where text was; stored as text they would read as a lead called "Nan" or an action called
"#REF!". garbage_problem says what is wrong with such a value, so each importer reports it with
the cell's row and column instead of storing it.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class CellProblem(NamedTuple):
    """What is wrong with one cell: the value to quote, what is wrong, what to do, and whether
    the file can still be stored (a warning) or not.

    The fields are in the order the importers' `problem(row, key, value, message, fix, warning)`
    takes them, so a caller writes `self.problem(row, key, *found)`.
    """

    value: str
    message: str
    fix: str
    warning: bool


# Every error value Excel (up to 365), LibreOffice and Google Sheets show in a cell. They are
# whole-cell values: a formula's result replaces all of the cell's text.
_SPREADSHEET_ERROR = re.compile(
    r"#(?:REF!|N/A|VALUE!|DIV/0!|NAME\?|NULL!|NUM!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!"
    r"|CONNECT!|BUSY!|UNKNOWN!|PYTHON!|EXTERNAL!|ERROR!)|Err:\d{3}",
    re.IGNORECASE,
)
# What Python, pandas and databases write for an empty cell when they export to text.
_EMPTY_MARKERS = {"none", "nan", "null", "nat", "<na>"}
_BOOLEANS = {"true", "false"}
# A bare number, as a spreadsheet or an export writes one: "12", "-3.5", "1,200", "4.6E+04",
# "£300", "75%".
_NUMBER = re.compile(r"[-+]?[£$€]?\s*\d[\d,]*(?:\.\d+)?(?:e[-+]?\d+)?\s*%?", re.IGNORECASE)
# Longer than any debris value: a long cell is content, and is not looked at again.
_LONGEST = 40


def garbage_problem(value: str, expects: str | None = None) -> CellProblem | None:
    """The problem with a cell whose whole value is debris rather than content, or None.

    A spreadsheet error ("#REF!") or a TRUE/FALSE value is an error: what the cell should say is
    lost. An empty marker ("nan", "None", "NULL") is a warning: the cell is to be read as empty
    (a required cell then fails as empty). `expects` says, in words, what belongs in the cell
    ("the action's text"); when given, a bare number there is an error too. Leave it None for
    cells where a number can be content (a ref "1", a status, a due wording).
    """
    if len(value) > _LONGEST:  # every text cell of a plan comes here: keep the usual one cheap
        return None
    text = " ".join(value.split())
    if not text:
        return None
    if _SPREADSHEET_ERROR.fullmatch(text):
        return CellProblem(
            text,
            "is a spreadsheet error from a broken formula, so what the cell should say is lost.",
            "Correct the formula, or type the text over it, and import again.",
            False,
        )
    key = text.lower()
    if key in _EMPTY_MARKERS:
        return CellProblem(
            text,
            "is what another program writes for an empty cell, so the cell is read as empty.",
            "Clear the cell, or type what belongs there.",
            True,
        )
    if key in _BOOLEANS:
        return CellProblem(
            text,
            "is a TRUE/FALSE value (from a tick box or a formula), not text.",
            "Type the text that belongs here.",
            False,
        )
    if expects and _NUMBER.fullmatch(text):
        return CellProblem(
            text,
            f"is a number, but {expects} belongs here.",
            "Check that the columns have not shifted, and type the text that belongs here.",
            False,
        )
    return None
