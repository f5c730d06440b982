"""What the national-file readers share: the refusal of a file, where a row is, how a problem
with a row is worded, and the reading of dates and cells.

Warnings are worded as the plan importer words its problems (readiness.files.problems):
file, sheet, row, column and the value, then what was done with the row.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from readiness.files.problems import Problem

# The notes an inspection carries where its source did not say something. The merge
# (national_merge) drops a scraped note once Ofsted's statistics say what the scrape could not.
DATES_NOT_PARSED = "fieldwork dates were not parsed from the report"
START_UNREADABLE = "start date could not be read"
END_UNREADABLE = "end date could not be read"
PUBLISHED_UNREADABLE = "publication date could not be read"
PUBLISHED_FROM_FILE_NAME = "publication date from the report's file name"
TYPE_NOT_KNOWN = "short or standard not known"
GRADE_NOT_READ = "grade not read from the report"
NO_OVERALL_POST_REFORM = "no overall grade (from April 2026)"

_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T][\d:.]+)?")


class NationalFileRefused(Exception):
    """A file read_national cannot use: none of the national files, or one it cannot read
    without another (Ofsted's statistics and the scraped history need the LA lookup)."""

    def __init__(self, file: str, message: str):
        self.file = file
        super().__init__(f"{file}: {message}")


def place(file: str, row: int, sheet: str | None = None) -> str:
    """Where a row is, as the importer's problems say it: 'file, sheet "S", row 7'."""
    return Problem(file, sheet, row, None, None, "", "").where()


def row_warning(
    file: str, sheet: str | None, row: int, column: str | None, value: str | None, message: str
) -> str:
    """One row's problem, in the importer's words; `message` reads on from the value."""
    return str(Problem(file, sheet, row, column, value, message, ""))


def cell_text(value: object) -> str:
    """A cell as text: whole numbers without '.0' (a spreadsheet stores codes such as 383 as
    numbers), blanks as ''."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_date(value: object) -> date | None:
    """A date cell: a spreadsheet date, 'dd/mm/yyyy', 'dd/mm/yy' (20yy: every report is from
    this century) or 'yyyy-mm-dd'; None for a blank cell. Raises ValueError for anything else,
    including a day that does not exist ('31/02/2024'): a month-first date is never guessed."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    if not text:
        return None
    if match := _DAY_MONTH_YEAR.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
        return date(year + 2000 if year < 100 else year, month, day)
    if match := _ISO.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
        return date(year, month, day)
    raise ValueError(text)


def normalise(text: str) -> str:
    """A heading or a name compared loosely: lower case, '&' as 'and', single spaces."""
    return " ".join(text.lower().replace("&", " and ").replace("_", " ").split())
