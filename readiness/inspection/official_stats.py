"""Ofsted's official statistics, *Local authority inspection outcomes as at 31 March 2025*
(`la_inspection_outcomes_as_at_31_march_2025.ods`).

Three sheets: `ILACS_inspection_history` (the official type of every ILACS inspection, January
2018 to March 2025), `In-year_inspections` (2024-25: short and standard inspections, focused and
monitoring visits with their themes) and `Inspections_as_at_31_March` (each council's latest
inspection, no type). They repeat each other's inspections, so they are read as one record per
inspection. Each table starts under a title and a description; its columns are found by heading.
A sheet gives one date, the first day of fieldwork (or of the visit), and keys councils by ONS
code. Source: ../shared/domain.md §1.2a, the workbook's Notes sheet.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from python_calamine import CalamineWorkbook

from readiness.framework import AREA_SHORT_LABELS, OVERALL
from readiness.inspection.events import (
    CYCLE_KINDS,
    FULL_INSPECTIONS,
    SHORT,
    STANDARD,
    Inspection,
    grade_of,
)
from readiness.inspection.national_cells import (
    PUBLISHED_UNREADABLE,
    START_UNREADABLE,
    NationalFileRefused,
    cell_text,
    normalise,
    place,
    read_date,
    row_warning,
)
from readiness.inspection.national_councils import CouncilIndex
from readiness.text import plural

SHEETS = ("ILACS_inspection_history", "In-year_inspections", "Inspections_as_at_31_March")
OFFICIAL = "official"
_CODE = "local authority area code"
# How far down a sheet its headings are looked for (they are on row 3).
_HEADING_ROWS = 10
_COLUMNS = {
    "code": (_CODE,),
    "name": ("local authority name",),
    "start": ("inspection date", "inspection/visit date"),
    "published": ("publication date",),
    "type": ("inspection type", "inspection/visit type"),
    "theme": ("visit theme",),
}
_REQUIRED = ("code", "start", "published")
_COMBINED = "children_in_care_and_care_leavers"
# Grade columns by how their long titles begin, the combined one before its shorter prefix.
_GRADE_HEADINGS = (
    ("overall effectiveness", OVERALL),
    ("the impact of leaders", "leaders"),
    ("the experiences and progress of children who need help", "help_protection"),
    ("the experiences and progress of children in care and care leavers", _COMBINED),
    ("the experiences and progress of children in care", "children_in_care"),
    ("the experiences and progress of care leavers", "care_leavers"),
)
# "ILACS Short Inspection", "ILACS Focused Visit", "LA Monitoring visit": the one word that says.
_TYPE_WORDS = (
    ("short", SHORT),
    ("standard", STANDARD),
    ("focused", "focused_visit"),
    ("monitoring", "monitoring_visit"),
)
_VISITS = ("focused_visit", "monitoring_visit")
# The care leavers judgement began on 1 January 2023. Before it, the children in care column
# holds the combined judgement and the care leavers column is blank (the workbook's Notes sheet).
CARE_LEAVERS_FROM = date(2023, 1, 1)


def is_official(sheet_names: list[str]) -> bool:
    """Whether a workbook's sheets are Ofsted's statistics'."""
    return any(name in SHEETS for name in sheet_names)


def read_official(
    file: str, workbook: CalamineWorkbook, index: CouncilIndex
) -> tuple[list[Inspection], list[str], str]:
    """One Inspection per inspection or visit, a warning for each row left out or value not
    read, and what was read ("ILACS_inspection_history 271 rows, ...")."""
    records: list[Inspection] = []
    warnings: list[str] = []
    read = []
    for sheet in (name for name in SHEETS if name in workbook.sheet_names):
        rows = workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        count = _Sheet(file, sheet, rows, index, warnings).read_into(records)
        read.append(f"{sheet} {plural(count, 'row')}")
    return _one_per_inspection(records), warnings, ", ".join(read)


class _Sheet:
    """One sheet's table: its columns found by heading, its rows read as inspections."""

    def __init__(
        self, file: str, sheet: str, rows: list[list], index: CouncilIndex, warnings: list[str]
    ):
        self.file = file
        self.sheet = sheet
        self.rows = rows
        self.index = index
        self.warnings = warnings
        self.header = _header_row(file, sheet, rows)
        self.titles = [cell_text(cell) for cell in rows[self.header]]
        headings = [normalise(title) for title in self.titles]
        self.columns = {
            role: headings.index(name)
            for role, names in _COLUMNS.items()
            for name in names
            if name in headings
        }
        missing = [_COLUMNS[role][0] for role in _REQUIRED if role not in self.columns]
        if missing:
            raise NationalFileRefused(
                file,
                f'sheet "{sheet}" has no column headed {", ".join(missing)}: it is not laid out '
                "as Ofsted's statistics are.",
            )
        self.grade_columns = [
            (i, next(area for prefix, area in _GRADE_HEADINGS if heading.startswith(prefix)))
            for i, heading in enumerate(headings)
            if any(heading.startswith(prefix) for prefix, _ in _GRADE_HEADINGS)
        ]

    def read_into(self, records: list[Inspection]) -> int:
        """Add the sheet's inspections to `records`; return how many rows it has."""
        count = 0
        for number, row in enumerate(self.rows[self.header + 1 :], start=self.header + 2):
            cells = [cell_text(cell) for cell in row]
            if any(cells):
                count += 1
                record = self._read_row(number, row, cells)
                if record is not None:
                    records.append(record)
        return count

    def _read_row(self, number: int, row: list, cells: list[str]) -> Inspection | None:
        code = self._cell(cells, "code")
        name = self._cell(cells, "name")
        la_code = self.index.code_for_ons(code, name)
        if la_code is None:
            owner = self.index.councils.get(self.index.by_ons.get(code.upper(), ""))
            said = f"is the ONS code of {owner.name}" if owner else "is not an ONS code"
            self._warn(
                number,
                self.columns["code"],
                code,
                f"({name or 'no name'}) {said} in the LA lookup, and no council there has "
                "that name; the row is left out.",
            )
            return None
        kind = "inspection"
        if "type" in self.columns:
            said = self._cell(cells, "type")
            kind = next((k for word, k in _TYPE_WORDS if word in said.lower()), "")
            if not kind:
                self._warn(
                    number,
                    self.columns["type"],
                    said,
                    "is not a short or standard inspection, a focused visit or a monitoring "
                    "visit; the row is left out.",
                )
                return None
        notes: list[str] = []
        start = self._date(number, row, "start", START_UNREADABLE, notes)
        published = self._date(number, row, "published", PUBLISHED_UNREADABLE, notes)
        is_visit = kind in _VISITS
        return Inspection(
            la_code=la_code,
            kind=kind,
            start=start,
            published=published,
            grades={} if is_visit else self._grades(number, cells, start, notes),
            theme=(self._cell(cells, "theme") or None) if is_visit else None,
            type_source=OFFICIAL if kind in FULL_INSPECTIONS else None,
            source=place(self.file, number, self.sheet),
            notes=tuple(notes),
        )

    def _grades(
        self, number: int, cells: list[str], start: date | None, notes: list[str]
    ) -> dict[str, str]:
        said = {area: cells[i] for i, area in self.grade_columns if i < len(cells)}
        combined = (
            "children_in_care" in said
            and not said.get("care_leavers")
            and start is not None
            and start < CARE_LEAVERS_FROM
        )
        grades = {}
        for i, area in self.grade_columns:
            if area == "care_leavers" and combined:
                continue
            key = _COMBINED if area == "children_in_care" and combined else area
            value = said.get(area, "")
            if grade := grade_of(value):
                grades[key] = grade
                continue
            if value:
                self._warn(number, i, value, "is not a grade; the inspection is kept without it.")
            notes.append(f"{AREA_SHORT_LABELS[key]}: no grade in Ofsted's statistics")
        return grades

    def _date(self, number: int, row: list, role: str, note: str, notes: list[str]) -> date | None:
        i = self.columns[role]
        value = row[i] if i < len(row) else None
        try:
            return read_date(value)
        except ValueError:
            self._warn(
                number, i, cell_text(value), "is not a date; the inspection is kept without it."
            )
            notes.append(note)
            return None

    def _cell(self, cells: list[str], role: str) -> str:
        i = self.columns.get(role)
        return cells[i] if i is not None and i < len(cells) else ""

    def _warn(self, number: int, column: int, value: str, message: str) -> None:
        self.warnings.append(
            row_warning(self.file, self.sheet, number, self.titles[column], value, message)
        )


def _header_row(file: str, sheet: str, rows: list[list]) -> int:
    for i, row in enumerate(rows[:_HEADING_ROWS]):
        if any(normalise(cell_text(cell)) == _CODE for cell in row):
            return i
    raise NationalFileRefused(
        file,
        f'sheet "{sheet}" has no heading "Local authority area code" in its first '
        f"{_HEADING_ROWS} rows: it is not laid out as Ofsted's statistics are.",
    )


def _one_per_inspection(records: list[Inspection]) -> list[Inspection]:
    """The sheets' records with each inspection once: the first sheet's (the history, which
    gives the type) kept, completed from the others, every place it was read in `source`."""
    kept: list[Inspection] = []
    at: dict[tuple, int] = {}
    for record in records:
        family = "full" if record.kind in CYCLE_KINDS else record.kind
        key = (record.la_code, family, record.start)
        if record.start is None or key not in at:
            at[key] = len(kept)
            kept.append(record)
            continue
        first = kept[at[key]]
        kept[at[key]] = replace(
            first,
            kind=record.kind if first.kind == "inspection" else first.kind,
            type_source=first.type_source or record.type_source,
            published=first.published or record.published,
            grades=first.grades or record.grades,
            theme=first.theme or record.theme,
            source=f"{first.source}; {record.source}",
            notes=first.notes if first.grades or not record.grades else record.notes,
        )
    return kept
