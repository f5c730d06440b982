"""Where to break a plan (the cell of each role in each layout) and what to write there: the
values the mutations draw from, and the build that writes one cell.
"""

from __future__ import annotations

import random

from openpyxl.utils import get_column_letter

from readiness.plan.canonical import CANONICAL_COLUMNS
from tests.fuzz.base_plans import LAYOUTS, Bases, csv_bytes, csv_text, save_book, save_document
from tests.fuzz.planned import Build
from tests.import_fixtures import CANONICAL_ROWS

CANONICAL_COLUMN = {c.key: n for n, c in enumerate(CANONICAL_COLUMNS, 1)}
CANONICAL_DATA_ROWS = (2, 2 + len(CANONICAL_ROWS) - 1)
_CANONICAL_DATES = ("start", "due", "completed", "progress_date")
# The committee workbook's first block: headings on row 3, three theme rows under them, the
# recommendation cell A4 merged down to A6.
COMMITTEE_HEADER_ROW = 3
_COMMITTEE_COLUMN = {
    "ref": 1,
    "recommendation": 1,
    "theme": 2,
    "service_leads": 3,
    "other_leads": 4,
    "action": 5,
    "due": 5,
    "status": 6,
    "progress_note": 6,
}
TEXT_ROLES = ("ref", "recommendation", "theme", "action", "service_leads", "progress_note")
REQUIRED_ROLES = ("ref", "recommendation", "theme", "action", "service_leads")
ROLES = (*TEXT_ROLES, "due", "status", "header")


def cell_for_role(rng: random.Random, layout: str, role: str) -> tuple[int, int]:
    """A (row, column) of the layout's first sheet, 1-based, holding `role`."""
    if layout == "canonical":
        if role == "header":
            return 1, rng.randint(1, len(CANONICAL_COLUMNS))
        key = rng.choice(_CANONICAL_DATES) if role == "due" else role
        return rng.randint(*CANONICAL_DATA_ROWS), CANONICAL_COLUMN[key]
    if role == "header":
        return COMMITTEE_HEADER_ROW, rng.randint(1, 6)
    column = _COMMITTEE_COLUMN[role]
    return (4 if column == 1 else rng.randint(4, 6)), column


def cell_ref(row: int, column: int) -> str:
    return f"{get_column_letter(column)}{row}"


def document_cell(document, row: int, column: int):
    """The committee document's plan table cell for the workbook's (row, column) of block 1."""
    return document.tables[1].cell(row - COMMITTEE_HEADER_ROW, column - 1)


BASE_ZIPS = ("canonical.xlsx", "committee.xlsx", "committee.docx")
BASE_FILES = (*BASE_ZIPS, "canonical.csv", "committee.csv")
EXCEL_ERRORS = (
    "#NULL!",
    "#DIV/0!",
    "#VALUE!",
    "#REF!",
    "#NAME?",
    "#NUM!",
    "#N/A",
    "#SPILL!",
    "#CALC!",
    "#GETTING_DATA",
)
FORMULAS = {
    "sum": "=SUM(1,2)",
    "self-ref": "=A1",
    "div0": "=1/0",
    "dde": "=cmd|' /C calc'!A0",
    "hyperlink": '=HYPERLINK("http://evil.invalid/","Click")',
    "plus": "+1+1",
    "minus": "-2+3",
    "at": "@SUM(1,2)",
    "concat": '="REC "&1',
    "webservice": '=WEBSERVICE("http://evil.invalid/")',
}
# Characters that are allowed in XML and Word but odd in a plan; the _xHHHH_ forms are Excel's
# own escapes for control characters in a workbook's text.
ODD_TEXT = {
    "excel-escaped-bell": "Review_x0007_ the template",
    "excel-escaped-nul": "Review_x0000_ the template",
    "excel-escaped-esc": "_x001B_[31mReview the template",
    "zero-width": "Review\u200b the\u200b template",
    "bidi-override": "Review \u202ethe template\u202c",
    "bom-inside": "\ufeffReview the \ufefftemplate",
    "soft-hyphen": "Re\u00adview the tem\u00adplate",
    "tab-and-crlf": "Review\tthe\r\ntemplate\r",
    "line-separator": "Review\u2028the\u2029template",
    "emoji": "Review the template \U0001f600\U0001f44d\U0001f3fd",
    "combining": "Re\u0301vie\u0308w the template",
    "nbsp-only": "\u00a0\u00a0\u00a0",
    "private-use": "Review \ue000\U000f0000 template",
}
CSV_CONTROL = {
    "bell": "Review\x07 the template",
    "ansi-escape": "\x1b[31mReview the template\x1b[0m",
    "vertical-tab": "Review\x0bthe template",
    "form-feed": "Review\x0cthe template",
    "delete": "Review\x7f the template",
    "nel": "Review\x85the template",
    "line-separator": "Review\u2028the template",
    "bidi-override": "Review \u202ethe template",
    "zero-width": "Rev\u200biew the template",
}
_VOCABULARY = (
    "review plan children practice audit team manager supervision quality care leavers "
    "timely assessment visit panel board support family report outcome evidence"
)
_WORDS = _VOCABULARY.split()


def filler_words(rng: random.Random, length: int) -> str:
    """Text of about `length` characters from a small vocabulary."""
    parts, size = [], 0
    while size < length:
        word = rng.choice(_WORDS)
        parts.append(word)
        size += len(word) + 1
    return " ".join(parts)[:length]


def huge_text(rng: random.Random, length: int, style: str) -> str:
    if style == "no-spaces":
        return ("x" * length)[:length]
    if style == "many-lines":
        return "\n".join("• " + filler_words(rng, 30) for _ in range(length // 33 + 1))[:length]
    return filler_words(rng, length)


def pick_format(rng: random.Random, formats=("xlsx", "csv", "docx")) -> tuple[str, str]:
    """A (format, layout): Word documents are only in the committee layout."""
    fmt = rng.choice(formats)
    layout = "committee" if fmt == "docx" else rng.choice(LAYOUTS)
    return fmt, layout


def set_cell(fmt: str, layout: str, row: int, column: int, value, *, data_type=None) -> Build:
    """A build that writes `value` into one cell of the layout's plan, in the format; a callable
    `value` is called with the build's random.Random (so a long text is drawn only if written)."""

    def build(bases: Bases, rng: random.Random) -> bytes:
        written = value(rng) if callable(value) else value
        if fmt == "xlsx":
            book = bases.book(layout)
            cell = book.worksheets[0].cell(row, column)
            cell.value = written
            if data_type:
                cell.data_type = data_type
            return save_book(book)
        if fmt == "csv":
            rows = bases.csv_rows(layout)
            while len(rows) < row:
                rows.append([])
            rows[row - 1].extend([""] * (column - len(rows[row - 1])))
            rows[row - 1][column - 1] = csv_text(written)
            return csv_bytes(rows)
        document = bases.document()
        document_cell(document, row, column).text = csv_text(written)
        return save_document(document)

    return build


def cell_detail(fmt: str, layout: str, role: str, row: int, column: int, what: str) -> str:
    return f"{fmt}-{layout}-{role}-{cell_ref(row, column)}-{what}"
