"""The scraped report history, `ofsted_csc_ilacs_history.csv` (JT-39/ofsted-ilacs-scrape-tool):
one row per published children's services inspection report, SIF (2012-2018) and ILACS.

What the scraper could not read goes in each inspection's notes and is never guessed: the grades
of SIF reports (`data_unreadable`), the dates of a few ILACS reports, the overall grade that
reports stopped giving in April 2026 (`not_reported_post_reform`). The short/standard type is the
scraper's inference from days on site (up to 7 short, up to 15 standard). Source:
../shared/data/ofsted/README.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from readiness.framework import AREA_SHORT_LABELS, OVERALL
from readiness.inspection.events import FULL_INSPECTIONS, Inspection, grade_of
from readiness.inspection.national_cells import (
    DATES_NOT_PARSED,
    END_UNREADABLE,
    GRADE_NOT_READ,
    NO_OVERALL_POST_REFORM,
    PUBLISHED_FROM_FILE_NAME,
    PUBLISHED_UNREADABLE,
    START_UNREADABLE,
    TYPE_NOT_KNOWN,
    place,
    read_date,
    row_warning,
)
from readiness.inspection.national_councils import CouncilIndex

HEADINGS = frozenset(
    {
        "urn",
        "local_authority",
        "publication_date",
        "inspection_framework",
        "inspection_start_date",
        "inspection_end_date",
    }
)
GRADE_COLUMNS = (
    ("overall_effectiveness_grade", OVERALL),
    ("impact_of_leaders_grade", "leaders"),
    ("help_and_protection_grade", "help_protection"),
    ("in_care_grade", "children_in_care"),
    ("care_leavers_grade", "care_leavers"),
)
DAYS_ON_SITE = "days on site"
_UNREADABLE = "data_unreadable"
_POST_REFORM = "not_reported_post_reform"
# Before January 2023 there was no care leavers judgement: in_care then holds the combined one.
_PRE_DATES = "inspection_pre_dates_judgement"
_COMBINED = "children_in_care_and_care_leavers"
# The scraper did not parse the SIF layout: these three all say data_unreadable. That, not the
# dates, marks a SIF report: Doncaster's of January 2018 has its November 2017 dates.
_SIF_AREAS = ("leaders", "help_protection", "children_in_care")
SIF_NOTE = "single inspection framework report (before 2018): the scraper did not read its grades"
# "children's services inspection - 09 may 2025.pdf": Ofsted's own title date, a check on the
# dd/mm/yy column that a re-save in a month-first spreadsheet would turn round.
_FILE_NAME_DATE = re.compile(r"(\d{1,2}) ([a-z]+) (\d{4})")


def is_scraped_history(headings: list[str]) -> bool:
    """Whether a CSV's headings are the scraped report history's."""
    return set(headings) >= HEADINGS


def read_scraped_history(
    file: str, rows: list[list[str]], index: CouncilIndex
) -> tuple[list[Inspection], list[str]]:
    """Every report row as an Inspection keyed by 3-digit number, and a warning for each row
    left out or value not read."""
    headings = [heading.strip().lower() for heading in rows[0]]
    inspections: list[Inspection] = []
    warnings: list[str] = []
    for number, row in enumerate(rows[1:], start=2):
        cells = dict(zip(headings, (cell.strip() for cell in row), strict=False))
        if not any(cells.values()):
            continue
        la_code = index.by_urn.get(cells["urn"])
        if la_code is None:
            warnings.append(
                row_warning(
                    file,
                    None,
                    number,
                    "urn",
                    cells["urn"],
                    "is not an Ofsted URN in the LA lookup; the row is left out.",
                )
            )
            continue
        inspections.append(_Row(file, number, cells, warnings).inspection(la_code))
    return inspections, warnings


@dataclass
class _Row:
    """One report row being read: its notes, and warnings added to the file's list."""

    file: str
    number: int
    cells: dict[str, str]
    warnings: list[str]
    notes: list[str] = field(default_factory=list)

    def inspection(self, la_code: str) -> Inspection:
        start = self._date("inspection_start_date", START_UNREADABLE)
        end = self._date("inspection_end_date", END_UNREADABLE)
        if start and end and end < start:
            self._warn(
                "inspection_end_date",
                "is before the start date; the inspection is kept without an end date.",
            )
            end = None
            self.notes.append(END_UNREADABLE)
        if not self.cells["inspection_start_date"] and not self.cells["inspection_end_date"]:
            self.notes.append(DATES_NOT_PARSED)
        published = self._published()
        said = {area: self.cells.get(column, "").lower() for column, area in GRADE_COLUMNS}
        common = {
            "la_code": la_code,
            "start": start,
            "end": end,
            "published": published,
            "lead_inspector": self.cells.get("inspector_name") or None,
            "source": place(self.file, self.number),
        }
        if all(said[area] == _UNREADABLE for area in _SIF_AREAS):
            return Inspection(kind="sif", notes=(SIF_NOTE, *self.notes), **common)
        kind, type_source = self._kind(start)
        grades = self._grades(said)
        return Inspection(
            kind=kind, grades=grades, type_source=type_source, notes=tuple(self.notes), **common
        )

    def _kind(self, start: date | None) -> tuple[str, str | None]:
        framework = self.cells["inspection_framework"].lower()
        if framework in FULL_INSPECTIONS:
            return framework, DAYS_ON_SITE
        if framework:
            why = f'the scraped history says "{framework}"'
        elif start is None:
            why = "the scraper tells them apart by days on site, and the dates were not parsed"
        else:
            why = "the scraped history gives no type"
        self.notes.append(f"{TYPE_NOT_KNOWN}: {why}")
        return "inspection", None

    def _grades(self, said: dict[str, str]) -> dict[str, str]:
        combined = said["care_leavers"] == _PRE_DATES
        grades = {}
        for column, area in GRADE_COLUMNS:
            if area == "care_leavers" and combined:
                continue
            key = _COMBINED if area == "children_in_care" and combined else area
            value = said[area]
            if grade := grade_of(value):
                grades[key] = grade
            elif value == _POST_REFORM and area == OVERALL:
                self.notes.append(NO_OVERALL_POST_REFORM)
            else:
                if value not in ("", _UNREADABLE):
                    self._warn(column, "is not a grade; the inspection is kept without it.")
                self.notes.append(f"{AREA_SHORT_LABELS[key]} {GRADE_NOT_READ}")
        return grades

    def _published(self) -> date | None:
        published = self._date("publication_date", PUBLISHED_UNREADABLE)
        titled = _file_name_date(self.cells.get("pdf_filename", ""))
        if not self.cells["publication_date"] and titled is not None:
            self.notes.append(PUBLISHED_FROM_FILE_NAME)
            return titled
        if published and titled and published != titled:
            self._warn(
                "publication_date",
                f"is not the date in the report's file name ({titled:%d %B %Y}); the "
                "publication date is kept: check which is right.",
            )
        return published

    def _date(self, column: str, note: str) -> date | None:
        try:
            return read_date(self.cells[column])
        except ValueError:
            self._warn(column, "is not a date (dd/mm/yyyy); the inspection is kept without it.")
            self.notes.append(note)
            return None

    def _warn(self, column: str, message: str) -> None:
        self.warnings.append(
            row_warning(self.file, None, self.number, column, self.cells[column], message)
        )


def _file_name_date(name: str) -> date | None:
    match = _FILE_NAME_DATE.search(name.lower())
    if match is None:
        return None
    try:
        return datetime.strptime(" ".join(match.groups()), "%d %B %Y").date()
    except ValueError:
        return None
