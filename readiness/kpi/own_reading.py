"""What a council's own KPI table says, gathered cell by cell by the layout readers (own_long,
own_wide); own_finish then applies the rules that need every row seen.

- Indicators are ours (indicators.INDICATORS) when the name is one's id, name or alias, ignoring
  case and punctuation; any other name is a local indicator of the council's own, its id made
  from its name (own_cells.local_id). A local indicator is described by the optional Unit,
  Polarity, Judgement area and Definition columns: the first row to describe it is used, and a
  later row describing it otherwise is a problem. Ours are DfE's, described in code: a file that
  describes one otherwise is told so once, and the file's word is not used.
- A row's Target and Tolerance: a blank one, or a code such as "-", gives none; a tolerance
  needs a target, and cannot be negative.
- Spreadsheet debris (importing.values): "#REF!" or TRUE is a problem; "nan" or "NULL" is read as
  blank, with a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from readiness.files.area_names import AREA_NAMES, parse_areas
from readiness.files.debris import garbage_problem
from readiness.files.problems import Problem
from readiness.files.reading import Cell
from readiness.framework import AREA_SHORT_LABELS
from readiness.kpi.indicators import INDICATORS, POLARITY_LABELS, Indicator
from readiness.kpi.own_cells import (
    FIGURE_FIX,
    HEADINGS,
    Figure,
    cell_at,
    heading_text,
    local_id,
    read_figure,
    read_heading,
    read_polarity,
    read_unit,
    shown,
)
from readiness.kpi.values import Period
from readiness.text import TITLE_MAX, squash

# The columns that describe a local indicator, each read by describe.
DESCRIBING = ("unit", "polarity", "area", "definition")
_OURS: dict[str, Indicator] = {
    squash(text): indicator
    for indicator in INDICATORS
    for text in (indicator.id, indicator.name, *indicator.aliases)
}


@dataclass(frozen=True)
class Where:
    """A cell of the file: its sheet (None in a CSV file), row from 1, and column heading."""

    sheet: str | None
    row: int
    column: str | None  # None: the row as a whole


@dataclass
class Local:
    """A local indicator as the rows so far describe it: each attribute with the cell it came
    from, for the message if a later row says otherwise."""

    id: str
    name: str
    described: dict[str, tuple[object, Where, str]] = field(default_factory=dict)
    percent_sign: bool = False  # some figure written with "%"


Ref = Indicator | Local


@dataclass(frozen=True)
class Entry:
    """A figure as read, before the whole file's rules."""

    ref: Ref
    area: str
    area_name: str | None
    period: Period
    figure: Figure
    where: Where
    text: str


@dataclass(frozen=True)
class TargetRow:
    """A row's target as read, before the whole file's rules."""

    ref: Ref
    target: float
    tolerance: float | None
    signs: tuple[bool, bool]  # each written with "%"
    order: tuple[date, int]
    where: Where


class OwnReading:
    """The figures, targets and indicators read from one file so far, and its problems."""

    def __init__(self, file: str, la_code: str):
        self.file = file
        self.la_code = la_code
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.entries: list[Entry] = []
        self.targets: list[TargetRow] = []
        self.locals: dict[str, Local] = {}  # by squash(name)
        self.told: set[tuple[str, str]] = set()  # (indicator, what) told once

    # --- What the layout readers call --------------------------------------------------------

    def problem(self, where: Where | None, value: Cell | None, message: str, fix: str) -> None:
        self.problems.append(self._at(where, value, message, fix))

    def warn(self, where: Where | None, value: Cell | None, message: str, fix: str) -> None:
        self.warnings.append(self._at(where, value, message, fix))

    def source(self, where: Where) -> str:
        sheet = f', sheet "{where.sheet}"' if where.sheet is not None else ""
        return f"{self.file}{sheet}, row {where.row}"

    def text(self, cell: Cell, where: Where) -> str:
        """A cell's text, "" if blank or what another program writes for blank ("nan": with a
        warning); a spreadsheet error or TRUE/FALSE is a problem, and read as blank."""
        text = shown(cell)
        if isinstance(cell, date) or not (found := garbage_problem(text)):
            return text
        (self.warn if found.warning else self.problem)(where, found.value, found.message, found.fix)
        return ""

    def indicator(self, name: str, where: Where) -> Ref | None:
        """Ours, or the local indicator of that name (new at its first row); None if the name
        is not one (a problem)."""
        if found := garbage_problem(name, "the indicator's name"):
            self.problem(where, found.value, found.message, found.fix)
            return None
        key = squash(name)
        if not key:
            self.problem(where, name, "is not an indicator's name.", "Write its name in words.")
            return None
        if key in _OURS:
            return _OURS[key]
        if len(name) > TITLE_MAX:
            self.problem(
                where,
                name,
                f"is longer than the {TITLE_MAX} characters an indicator's name may be.",
                "Shorten the name; put the detail in a Definition column.",
            )
            return None
        return self.locals.setdefault(key, Local(local_id(name), name))

    def row_indicator(
        self, name: str, where: Where, described: dict[str, tuple[Cell, Where]]
    ) -> Ref | None:
        """The indicator a row giving figures names, described by its cells of DESCRIBING
        (each with where it is); None if the row names none (a problem)."""
        if not name:
            self.problem(
                where,
                None,
                "The row gives figures but names no indicator.",
                f'Write the indicator\'s name in the column "{where.column}".',
            )
            return None
        ref = self.indicator(name, where)
        if ref is not None:
            for kind, (cell, at) in described.items():
                if text := self.text(cell, at):
                    self.describe(ref, kind, text, at)
        return ref

    def describe(self, ref: Ref, kind: str, text: str, where: Where) -> None:
        """A Unit, Polarity, Judgement area or Definition cell of the indicator's row."""
        try:
            value = _read_attribute(kind, text)
        except ValueError as error:
            message = f"is not a {HEADINGS[kind][0].lower()} we can read."
            self.problem(where, text, message, str(error))
            return
        if isinstance(ref, Indicator):
            self._told_ours(ref, kind, value, text, where)
            return
        known = ref.described.get(kind)
        if known is None:
            ref.described[kind] = (value, where, text)
        elif known[0] != value:
            self.problem(
                where,
                text,
                f'describes {ref.name} otherwise than row {known[1].row} did ("{known[2]}").',
                f"Give {ref.name} one {HEADINGS[kind][0].lower()} in every row.",
            )

    def figure(
        self, ref: Ref, area: str, area_name: str | None, period: Period, cell: Cell, where: Where
    ) -> None:
        """One figure cell; a blank one is no figure, and nothing is stored for it."""
        text = self.text(cell, where)
        if not text:
            return
        try:
            found = read_figure(cell)
        except ValueError:
            self.problem(where, text, "is not a figure.", FIGURE_FIX)
            return
        if isinstance(ref, Local):
            ref.percent_sign |= found.percent_sign
        self.entries.append(Entry(ref, area, area_name, period, found, where, text))

    def target(
        self,
        ref: Ref,
        cells: tuple[Cell, Cell],
        wheres: tuple[Where, Where],
        period_end: date | None,
    ) -> None:
        """The row's Target and Tolerance cells (either may be blank)."""
        read = [self._number(cell, where) for cell, where in zip(cells, wheres, strict=True)]
        if any(number is False for number in read):
            return
        (target, target_sign), (tolerance, tolerance_sign) = (
            number or (None, False) for number in read
        )
        if target is None:
            if tolerance is not None:
                self.problem(
                    wheres[1],
                    cells[1],
                    "is a tolerance, but the row gives no target for it to be within.",
                    "Give the target in the row's Target column, or clear the tolerance.",
                )
            return
        if tolerance is not None and tolerance < 0:
            self.problem(
                wheres[1],
                cells[1],
                "is negative; a tolerance is how far worse than target is still Amber.",
                "Write it as 0 or more, in the indicator's unit (points for a percentage).",
            )
            return
        order = (period_end or date.min, len(self.targets))
        signs = (target_sign, tolerance_sign)
        self.targets.append(TargetRow(ref, target, tolerance, signs, order, wheres[0]))

    def _told_ours(self, indicator: Indicator, kind: str, value, text: str, where: Where) -> None:
        if kind == "definition" or value == getattr(indicator, kind):
            return  # DfE's definition is the one shown; a council's own wording is no conflict
        if (indicator.id, kind) in self.told:
            return
        self.told.add((indicator.id, kind))
        ours = {
            "unit": indicator.unit_label,
            "polarity": POLARITY_LABELS[indicator.polarity],
            "area": AREA_SHORT_LABELS[indicator.area],
        }[kind]
        self.warn(
            where,
            text,
            f"is not used: {indicator.name} is DfE's indicator, and its "
            f"{HEADINGS[kind][0].lower()} is DfE's ({ours}).",
            "Nothing to do, unless the row is meant to be a local indicator of your own: then "
            "give it a name of its own.",
        )

    def _number(self, cell: Cell, where: Where) -> tuple[float, bool] | None | bool:
        """A target's or tolerance's number and sign; None if blank or a code (no target);
        False if not a figure (a problem)."""
        text = self.text(cell, where)
        if not text:
            return None
        try:
            found = read_figure(cell)
        except ValueError:
            self.problem(where, text, "is not a figure.", FIGURE_FIX)
            return False
        return None if found.value is None else (found.value, found.percent_sign)

    def _at(self, where: Where | None, value: Cell | None, message: str, fix: str) -> Problem:
        shown_value = None if value is None else shown(value)
        if where is None:
            return Problem(self.file, None, None, None, shown_value, message, fix)
        return Problem(self.file, where.sheet, where.row, where.column, shown_value, message, fix)


def _read_attribute(kind: str, text: str):
    if kind == "unit":
        return read_unit(text)
    if kind == "polarity":
        return read_polarity(text)
    if kind == "area":
        codes, unknown = parse_areas(text)
        if unknown or not codes:
            raise ValueError(f"Name one judgement area: {AREA_NAMES}.")
        return codes[0]  # "Children in care and care leavers": shown under the first
    return text


def read_columns(
    reading: OwnReading,
    sheet: str | None,
    header: list[Cell],
    below: list[list[Cell]],
    header_row: int,
    kinds: set[str],
    skip: set[int],
) -> dict[str, int]:
    """Where each column this layout reads (`kinds`) is, by the heading row `header`; columns in
    `skip` are the layout's own (its periods). Two columns of one kind are a problem; a column
    holding something that is not read is left out with a warning (nothing unread unsaid)."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        if index in skip:
            continue
        kind = read_heading(cell).kind
        where = Where(sheet, header_row, heading_text(cell, index))
        if kind in kinds and kind not in columns:
            columns[kind] = index
        elif kind in kinds:
            first = heading_text(header[columns[kind]], columns[kind])
            reading.problem(
                where,
                None,
                f'There are two {HEADINGS[kind][0]} columns: this one and "{first}".',
                "Keep one, or head the other so that it says what else it holds.",
            )
        elif any(shown(cell_at(row, index)) for row in below):
            why = (
                f"{HEADINGS[kind][0]} columns are read only in a long table (one row per "
                "indicator and period)"
                if kind
                else f"its heading is none of those read ({', '.join(_read_headings(kinds))})"
            )
            reading.warn(
                where, None, f"The column is not read: {why}.", "Nothing to do if it is a note."
            )
    return columns


def unread_rows(reading: OwnReading, sheet: str | None, rows: list[tuple[int, str]]) -> None:
    """One warning for the rows that name something but give no figure or target (a section's
    heading, a note, an indicator with nothing yet)."""
    if rows:
        listed = ", ".join(f"{number} ({name})" if name else str(number) for number, name in rows)
        rows_give = "Row {} gives" if len(rows) == 1 else "Rows {} give"
        reading.warn(
            Where(sheet, rows[0][0], None),
            None,
            f"{rows_give.format(listed)} no figure or target, so nothing was read from them.",
            "Nothing to do if they are headings or notes.",
        )


def _read_headings(kinds: set[str]) -> list[str]:
    return [HEADINGS[kind][0] for kind in HEADINGS if kind in kinds]
