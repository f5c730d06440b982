"""Mutations: sheets and headings (hidden and chart sheets, headings changed, merged or far
down, the table moved).
"""

from __future__ import annotations

import random

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import PatternFill

from readiness.plan.canonical import CANONICAL_COLUMNS
from tests.fuzz.base_plans import (
    LAYOUTS,
    csv_bytes,
    csv_text,
    save_book,
    save_document,
    sheet_csv_rows,
)
from tests.fuzz.planned import EITHER, REFUSED, Build, Planned, mutation
from tests.fuzz.targets import CANONICAL_COLUMN, COMMITTEE_HEADER_ROW, filler_words, pick_format
from tests.import_fixtures import CANONICAL_ROWS

# Marks the actions of a hidden sheet's plan: stored, they show the hidden sheet was imported.
HIDDEN_MARK = "OLD PLAN (hidden sheet):"


@mutation("hidden-sheet-first")
def _hidden_first(rng: random.Random) -> Planned:
    layout = rng.choice(LAYOUTS)
    state = rng.choice(("hidden", "veryHidden"))
    content = rng.choice(("old-plan", "junk", "empty", "headings-only"))

    def build(bases, r):
        book = bases.book(layout)
        hidden = book.create_sheet("Old plan", 0)
        hidden.sheet_state = state
        if content == "old-plan":
            hidden.append([c.heading for c in CANONICAL_COLUMNS])
            for values in CANONICAL_ROWS:
                row = list(values)
                action = CANONICAL_COLUMN["action"] - 1
                row[action] = f"{HIDDEN_MARK} {row[action]}"
                hidden.append(row)
        elif content == "junk":
            for _ in range(20):
                hidden.append([filler_words(r, 20) for _ in range(6)])
        elif content == "headings-only":
            hidden.append([c.heading for c in CANONICAL_COLUMNS])
        book.active = 1
        return save_book(book)

    garbage = HIDDEN_MARK if content == "old-plan" else None
    return Planned(f"xlsx-{layout}-{state}-{content}", ".xlsx", build, garbage=garbage)


@mutation("chart-sheet")
def _chart_sheet(rng: random.Random) -> Planned:
    layout = rng.choice(LAYOUTS)
    where = rng.choice(("first", "last", "first-and-plan-hidden", "two-charts"))

    def build(bases, r):
        book = bases.book(layout)
        plan = book.worksheets[0]
        for number in range(2 if where == "two-charts" else 1):
            chart = BarChart()
            chart.add_data(Reference(plan, min_col=1, min_row=1, max_row=6))
            index = None if where == "last" else 0
            book.create_chartsheet(f"Chart {number + 1}", index).add_chart(chart)
        if where == "first-and-plan-hidden":
            plan.sheet_state = "hidden"
        return save_book(book)

    return Planned(f"xlsx-{layout}-{where}", ".xlsx", build)


@mutation("many-sheets")
def _many_sheets(rng: random.Random) -> Planned:
    layout = rng.choice(LAYOUTS)
    count = rng.choice((5, 60))
    where = rng.choice(("before", "after"))

    def build(bases, r):
        book = bases.book(layout)
        for n in range(count):
            sheet = book.create_sheet(f"Notes {n}", 0 if where == "before" else None)
            sheet.append([filler_words(r, 12) for _ in range(3)])
        return save_book(book)

    return Planned(f"xlsx-{layout}-{count}-sheets-{where}", ".xlsx", build)


@mutation("odd-sheet-name")
def _odd_sheet_name(rng: random.Random) -> Planned:
    layout = rng.choice(LAYOUTS)
    title = rng.choice(
        ("History", "'quoted'", "Plan ✔ 2026", "x" * 31, " leading", "Table 1", "None")
    )

    def build(bases, r):
        book = bases.book(layout)
        book.worksheets[0].title = title
        return save_book(book)

    return Planned(f"xlsx-{layout}-sheet-{title}", ".xlsx", build)


@mutation("blank-workbook")
def _blank_workbook(rng: random.Random) -> Planned:
    how = rng.choice(("no-cells", "spaces-only", "headings-only", "title-only"))

    def build(bases, r):
        book = Workbook()
        sheet = book.active
        if how == "spaces-only":
            sheet["B2"] = "   "
        elif how == "headings-only":
            sheet.append([c.heading for c in CANONICAL_COLUMNS])
        elif how == "title-only":
            sheet["A1"] = "Improvement plan"
        return save_book(book)

    return Planned(how, ".xlsx", build, REFUSED)


def _headings_change(fmt: str, layout: str, how: str, column: int) -> Build:
    """A build changing the first heading row: `how` names the change."""

    def change(headings: list[str]) -> list[str]:
        headings = list(headings)
        text = headings[column - 1]
        if how == "removed":
            return ["" for _ in headings]
        if how == "misspelled" and len(text) > 3:
            i = len(text) // 2
            headings[column - 1] = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        elif how == "upper-case":
            headings[column - 1] = text.upper()
        elif how == "punctuated":
            headings[column - 1] = f"  {text}: *"
        elif how == "duplicated":
            headings[column % len(headings)] = text
        elif how == "blank-one":
            headings[column - 1] = ""
        return headings

    header_row = 1 if layout == "canonical" else COMMITTEE_HEADER_ROW

    def build(bases, r):
        if fmt == "xlsx":
            book = bases.book(layout)
            sheet = book.worksheets[0]
            cells = list(sheet.iter_rows(min_row=header_row, max_row=header_row))[0]
            for cell, text in zip(cells, change([c.value or "" for c in cells]), strict=True):
                cell.value = text or None
            return save_book(book)
        if fmt == "csv":
            rows = bases.csv_rows(layout)
            rows[header_row - 1] = change(rows[header_row - 1])
            return csv_bytes(rows)
        document = bases.document()
        cells = document.tables[1].rows[0].cells
        for cell, text in zip(cells, change([c.text for c in cells]), strict=True):
            cell.text = text
        return save_document(document)

    return build


@mutation("headings")
def _headings(rng: random.Random) -> Planned:
    fmt, layout = pick_format(rng)
    how = rng.choice(
        ("removed", "misspelled", "upper-case", "punctuated", "duplicated", "blank-one")
    )
    width = len(CANONICAL_COLUMNS) if layout == "canonical" else 6
    column = rng.randint(1, width)
    build = _headings_change(fmt, layout, how, column)
    expect = REFUSED if how == "removed" and layout == "canonical" else EITHER
    return Planned(f"{fmt}-{layout}-{how}-column-{column}", f".{fmt}", build, expect)


@mutation("headings-far-down")
def _headings_far_down(rng: random.Random) -> Planned:
    fmt = rng.choice(("xlsx", "csv"))
    rows_above = rng.choice((29, 31, 40, 500))

    def build(bases, r):
        if fmt == "xlsx":
            book = bases.book("canonical")
            book.worksheets[0].insert_rows(1, rows_above)
            book.worksheets[0]["A1"] = "Improvement plan"
            return save_book(book)
        rows = [["Improvement plan"]] + [[] for _ in range(rows_above - 1)]
        return csv_bytes(rows + bases.csv_rows("canonical"))

    expect = REFUSED if rows_above >= 40 else EITHER
    return Planned(f"{fmt}-canonical-{rows_above}-rows-above", f".{fmt}", build, expect)


@mutation("merged-headings")
def _merged_headings(rng: random.Random) -> Planned:
    layout = rng.choice(LAYOUTS)
    top = 1 if layout == "canonical" else COMMITTEE_HEADER_ROW
    ranges = (
        f"A{top}:C{top}",
        f"B{top}:B{top + 1}",
        f"A{top}:F{top}",
        f"A{top - 1 if top > 1 else top}:A{top + 2}",
        f"E{top}:F{top + 2}",
    )
    span = rng.choice(ranges)

    def build(bases, r):
        book = bases.book(layout)
        sheet = book.worksheets[0]
        if layout == "committee" and span.startswith("A") and span != f"A{top}:C{top}":
            sheet.unmerge_cells("A4:A6")
        sheet.merge_cells(span)
        return save_book(book)

    return Planned(f"xlsx-{layout}-merge-{span.replace(':', '-')}", ".xlsx", build)


@mutation("duplicate-ref")
def _duplicate_ref(rng: random.Random) -> Planned:
    fmt = rng.choice(("xlsx", "csv", "docx"))
    layout = "committee" if fmt == "docx" else rng.choice(LAYOUTS)
    other = "A different recommendation that reuses the same reference."

    def build(bases, r):
        if layout == "canonical":
            extra = list(CANONICAL_ROWS[0])
            extra[CANONICAL_COLUMN["recommendation"] - 1] = other
            extra[CANONICAL_COLUMN["action"] - 1] = "Another action under the reused reference."
            if fmt == "xlsx":
                book = bases.book(layout)
                book.worksheets[0].append(extra)
                return save_book(book)
            return csv_bytes([*bases.csv_rows(layout), [csv_text(v) for v in extra]])
        if fmt == "docx":
            document = bases.document()
            for row in document.tables[1].rows:
                if row.cells[0].text.startswith("Rec 2"):
                    row.cells[0].text = f"REC 1 - {other}"
            return save_document(document)
        book = bases.book(layout)
        for cell in book.worksheets[0]["A"]:
            if isinstance(cell.value, str) and cell.value.startswith("Rec 2"):
                cell.value = f"REC 1 - {other}"
        if fmt == "xlsx":
            return save_book(book)
        return csv_bytes(sheet_csv_rows(book.worksheets[0]))

    return Planned(f"{fmt}-{layout}-REC-1-twice", f".{fmt}", build)


@mutation("table-moved")
def _table_moved(rng: random.Random) -> Planned:
    down, right = rng.choice(((5, 0), (0, 3), (20, 10), (0, 200)))
    gap = rng.choice((0, 0, 2000, 60_000))

    def build(bases, r):
        book = bases.book("canonical")
        sheet = book.worksheets[0]
        if down or right:
            sheet.insert_rows(1, down)
            sheet.insert_cols(1, right)
        if gap:
            last = sheet.max_row
            values = [c.value for c in sheet[last]]
            for column, value in enumerate(values, 1):
                sheet.cell(last, column).value = None
                sheet.cell(last + gap, column).value = value
        return save_book(book)

    return Planned(f"xlsx-canonical-down-{down}-right-{right}-gap-{gap}", ".xlsx", build)


@mutation("formatted-blank-rows")
def _formatted_rows(rng: random.Random) -> Planned:
    layout = rng.choice(LAYOUTS)
    rows = rng.choice((500, 1500))
    fill = PatternFill("solid", fgColor="DDEEFF")

    def build(bases, r):
        book = bases.book(layout)
        sheet = book.worksheets[0]
        start = sheet.max_row + 1
        for row in range(start, start + rows):
            for column in range(1, 17):
                sheet.cell(row, column).fill = fill
        return save_book(book)

    return Planned(f"xlsx-{layout}-{rows}-formatted-blank-rows", ".xlsx", build)
