"""Malformed plan files for the import fuzz suite, from one seeded generator, and the judging of
one import of each.

A case takes a valid plan written by the fixture builders (the canonical template and the
committee layout as .xlsx and .csv from tests/import_fixtures.py, the committee document from
tests/word_fixtures.py) and breaks it one way (MUTATIONS): a truncated or corrupted zip, random
bytes, a wrong extension, a formula or an Excel error value in a cell, a cell of 10,000 or
100,000 characters, control characters, an odd CSV encoding or delimiter, a stray cell far from
the table, a hidden sheet first, a chart sheet, missing or misspelled headings, impossible dates,
merged headings, deeply nested Word XML, and more. `plan_fuzz(count, seed)` lists the cases
without writing anything, so pytest can name each test by its file, and each file's name says
what was done to it. Every choice comes from one random.Random(seed): the same seed writes the
same bytes.

FuzzRun imports each file with the command line (`python -m readiness import-plan --yes`, run in
this process) into one SQLite database holding the demo plan, and checks what a user would see:
no traceback, a refusal that names the file and says why, the database unchanged by a refused
file (a dump compared before and after), and an accepted file stored whole as the current plan,
which the app can still read and colour (then the database is put back for the next file).

    run = FuzzRun(folder)
    for case in plan_fuzz(120, SEED):
        run.run(case)
    print(summarise(run.outcomes, SEED))
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import random
import re
import signal
import sqlite3
import statistics
import struct
import sys
import tempfile
import time
import traceback
import warnings
import zipfile
from collections.abc import Callable, Iterator
from copy import deepcopy
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock
from functools import cache, cached_property
from pathlib import Path
from unittest import mock

import docx
from docx.oxml.ns import qn
from openpyxl import Workbook, load_workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter

from readiness import cli
from readiness.bootstrap import prepare_database
from readiness.canonical import CANONICAL_COLUMNS
from readiness.db import make_engine
from readiness.plan_store import load_plan
from readiness.settings import load_settings
from readiness.status import plan_status
from readiness.wording import plural
from tests.import_fixtures import CANONICAL_ROWS, canonical_workbook, committee_workbook
from tests.word_fixtures import committee_document

SEED = 20261122
AS_AT = date(2026, 11, 22)
# An import taking longer than this is "hung": stopped, and a failure.
HUNG_SECONDS = 30.0
# An import taking longer than this is noted as slow (a web upload waits for it).
SLOW_SECONDS = 5.0
REFUSED, EITHER = "refused", "either"

LAYOUTS = ("canonical", "committee")
FIXED_ZIP_TIME = (2026, 1, 1, 0, 0, 0)
_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")
# The tables the import may change; the inspection history and the schema must stay as they were.
PLAN_TABLES = {
    "improvement_plan",
    "recommendation",
    "recommendation_area",
    "theme",
    "theme_lead",
    "action",
    "action_lead",
    "progress_update",
    "lead_officer",
    "plan_event",
    "sqlite_sequence",
}

# --- The valid plans every case starts from ------------------------------------------------------


def _normalised_zip(data: bytes) -> bytes:
    """The same zip with fixed member times and document dates, so a seed gives the same bytes."""
    return _zip_from(
        [
            (name, _CORE_DATES.sub(rb"\g<1>2026-01-01T00:00:00Z\2", body))
            for name, body in _members(data)
        ]
    )


def _members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def _zip_from(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a duplicate member name is one of the mutations
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, body in members:
                info = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
                archive.writestr(info, body, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _save_book(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return _shared_strings(_normalised_zip(buffer.getvalue()))


_INLINE = re.compile(rb'<c ([^>]*?)t="inlineStr"([^>]*)><is>(.*?)</is></c>', re.S)
_SHEET_PART = re.compile(r"xl/worksheets/[^/]+\.xml")
_SST = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def _shared_strings(data: bytes) -> bytes:
    """The workbook with its text in a shared-strings part, as Excel writes it (openpyxl writes
    each cell's text inline)."""
    strings: list[bytes] = []

    def share(found: re.Match) -> bytes:
        strings.append(found.group(3))
        before, after = found.group(1), found.group(2)
        return b"<c " + before + b't="s"' + after + b"><v>%d</v></c>" % (len(strings) - 1)

    members = [
        (name, _INLINE.sub(share, body) if _SHEET_PART.fullmatch(name) else body)
        for name, body in _members(data)
    ]
    if not strings:
        return data
    count = str(len(strings)).encode()
    table = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.'
        b'openxmlformats.org/spreadsheetml/2006/main" count="'
        + count
        + b'" uniqueCount="'
        + count
        + b'">'
        + b"".join(b"<si>" + text + b"</si>" for text in strings)
        + b"</sst>"
    )
    extra = {
        "[Content_Types].xml": (
            b"</Types>",
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_SST}"/></Types>',
        ),
        "xl/_rels/workbook.xml.rels": (
            b"</Relationships>",
            f'<Relationship Id="rIdShared" Type="{_SST_REL}" Target="sharedStrings.xml"/>'
            "</Relationships>",
        ),
    }
    members = [
        (name, body.replace(extra[name][0], extra[name][1].encode()) if name in extra else body)
        for name, body in members
    ]
    return _zip_from([*members, ("xl/sharedStrings.xml", table)])


def _save_document(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return _normalised_zip(buffer.getvalue())


class Bases:
    """The valid plans, written once into `folder` by the fixture builders, kept as bytes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    @cached_property
    def canonical_xlsx(self) -> bytes:
        path = canonical_workbook(self.folder / "canonical.xlsx", CANONICAL_ROWS)
        return _shared_strings(_normalised_zip(path.read_bytes()))

    @cached_property
    def committee_xlsx(self) -> bytes:
        path = committee_workbook(self.folder / "committee.xlsx")
        return _shared_strings(_normalised_zip(path.read_bytes()))

    @cached_property
    def committee_docx(self) -> bytes:
        path = committee_document(self.folder / "committee.docx")
        return _normalised_zip(path.read_bytes())

    def xlsx(self, layout: str) -> bytes:
        return self.canonical_xlsx if layout == "canonical" else self.committee_xlsx

    def book(self, layout: str) -> Workbook:
        """A fresh openpyxl copy of the layout's workbook, to change."""
        return load_workbook(io.BytesIO(self.xlsx(layout)))

    def csv_rows(self, layout: str) -> list[list[str]]:
        """The layout's first sheet as Excel saves it as CSV (dates DD/MM/YYYY, merges once)."""
        rows = []
        for values in self.book(layout).worksheets[0].iter_rows(values_only=True):
            rows.append([_csv_text(v) for v in values])
        return rows

    def document(self):
        return docx.Document(io.BytesIO(self.committee_docx))

    def base(self, name: str) -> bytes:
        """A valid file by name: canonical.xlsx, committee.xlsx, committee.docx, *.csv."""
        if name.endswith(".csv"):
            return _csv_bytes(self.csv_rows(name.removesuffix(".csv")))
        if name == "committee.docx":
            return self.committee_docx
        return self.xlsx(name.removesuffix(".xlsx"))

    @cache  # noqa: B019 - one Bases per run; the bomb takes a second to compress
    def zip_bomb(self, name: str) -> bytes:
        """The valid file plus a member of 300 MB of zeros (about 300 KB packed)."""
        buffer = io.BytesIO(self.base(name))
        with zipfile.ZipFile(buffer, "a") as archive:
            info = zipfile.ZipInfo("media/zeros.bin", FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            chunk = bytes(1024 * 1024)
            with archive.open(info, "w", force_zip64=True) as member:
                for _ in range(300):
                    member.write(chunk)
        return buffer.getvalue()


def _csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def _csv_bytes(
    rows: list[list[str]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8-sig",
    newline: str = "\r\n",
    errors: str = "strict",
) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows(rows)
    return buffer.getvalue().encode(encoding, errors)


# --- Where to break a plan ------------------------------------------------------------------------

_CANONICAL_COLUMN = {c.key: n for n, c in enumerate(CANONICAL_COLUMNS, 1)}
_CANONICAL_DATA_ROWS = (2, 2 + len(CANONICAL_ROWS) - 1)
_CANONICAL_DATES = ("start", "due", "completed", "progress_date")
# The committee workbook's first block: headings on row 3, three theme rows under them, the
# recommendation cell A4 merged down to A6.
_COMMITTEE_HEADER_ROW = 3
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


def _target(rng: random.Random, layout: str, role: str) -> tuple[int, int]:
    """A (row, column) of the layout's first sheet, 1-based, holding `role`."""
    if layout == "canonical":
        if role == "header":
            return 1, rng.randint(1, len(CANONICAL_COLUMNS))
        key = rng.choice(_CANONICAL_DATES) if role == "due" else role
        return rng.randint(*_CANONICAL_DATA_ROWS), _CANONICAL_COLUMN[key]
    if role == "header":
        return _COMMITTEE_HEADER_ROW, rng.randint(1, 6)
    column = _COMMITTEE_COLUMN[role]
    return (4 if column == 1 else rng.randint(4, 6)), column


def _ref(row: int, column: int) -> str:
    return f"{get_column_letter(column)}{row}"


def _document_cell(document, row: int, column: int):
    """The committee document's plan table cell for the workbook's (row, column) of block 1."""
    return document.tables[1].cell(row - _COMMITTEE_HEADER_ROW, column - 1)


# --- The mutations --------------------------------------------------------------------------------

Build = Callable[[Bases, random.Random], bytes]


@dataclass(frozen=True)
class Planned:
    """What a mutation will write: a name for it, the file's extension, and how to build it."""

    detail: str
    ext: str
    build: Build
    expect: str = EITHER  # REFUSED: a file no importer should accept
    garbage: str | None = None  # a value that must not become plan text if the file is accepted
    keep_name: bool = False  # the detail is the file name as it is (odd file names)


Mutation = Callable[[random.Random], Planned]
MUTATIONS: dict[str, Mutation] = {}


def mutation(kind: str):
    def register(make: Mutation) -> Mutation:
        MUTATIONS[kind] = make
        return make

    return register


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


def _words(rng: random.Random, length: int) -> str:
    """Text of about `length` characters from a small vocabulary."""
    parts, size = [], 0
    while size < length:
        word = rng.choice(_WORDS)
        parts.append(word)
        size += len(word) + 1
    return " ".join(parts)[:length]


def _huge_text(rng: random.Random, length: int, style: str) -> str:
    if style == "no-spaces":
        return ("x" * length)[:length]
    if style == "many-lines":
        return "\n".join("• " + _words(rng, 30) for _ in range(length // 33 + 1))[:length]
    return _words(rng, length)


def _pick_format(rng: random.Random, formats=("xlsx", "csv", "docx")) -> tuple[str, str]:
    """A (format, layout): Word documents are only in the committee layout."""
    fmt = rng.choice(formats)
    layout = "committee" if fmt == "docx" else rng.choice(LAYOUTS)
    return fmt, layout


def _set_cell(fmt: str, layout: str, row: int, column: int, value, *, data_type=None) -> Build:
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
            return _save_book(book)
        if fmt == "csv":
            rows = bases.csv_rows(layout)
            while len(rows) < row:
                rows.append([])
            rows[row - 1].extend([""] * (column - len(rows[row - 1])))
            rows[row - 1][column - 1] = _csv_text(written)
            return _csv_bytes(rows)
        document = bases.document()
        _document_cell(document, row, column).text = _csv_text(written)
        return _save_document(document)

    return build


def _cell_detail(fmt: str, layout: str, role: str, row: int, column: int, what: str) -> str:
    return f"{fmt}-{layout}-{role}-{_ref(row, column)}-{what}"


# Whole files that are not what their name says --------------------------------------------------


@mutation("truncated-zip")
def _truncated(rng: random.Random) -> Planned:
    base = rng.choice(BASE_ZIPS)
    if rng.random() < 0.3:
        cut = rng.randint(1, 40)

        def build(bases, r):
            data = bases.base(base)
            return data[: len(data) - cut]

        return Planned(f"{base}-last-{cut}-bytes-cut", _ext(base), build, REFUSED)
    percent = rng.randint(1, 99)

    def build(bases, r):
        data = bases.base(base)
        return data[: len(data) * percent // 100]

    return Planned(f"{base}-at-{percent}pct", _ext(base), build, REFUSED)


@mutation("flipped-bytes")
def _flipped(rng: random.Random) -> Planned:
    base = rng.choice(BASE_ZIPS)
    flips = rng.choice((1, 2, 5, 20, 200))

    def build(bases, r):
        data = bytearray(bases.base(base))
        for _ in range(flips):
            data[r.randrange(len(data))] ^= 1 << r.randrange(8)
        return bytes(data)

    return Planned(f"{base}-{flips}-bits", _ext(base), build)


@mutation("random-bytes")
def _random_bytes(rng: random.Random) -> Planned:
    ext = rng.choice((".xlsx", ".csv", ".docx"))
    size = rng.choice((2, 17, 512, 4096, 65_536))
    prefix = rng.choice((b"", b"PK\x03\x04", b"PK\x05\x06"))
    label = {b"": "", b"PK\x03\x04": "-zip-magic", b"PK\x05\x06": "-zip-end-magic"}[prefix]

    def build(bases, r):
        return prefix + r.randbytes(size)

    return Planned(f"{size}-bytes{label}", ext, build, REFUSED)


@mutation("random-text")
def _random_text(rng: random.Random) -> Planned:
    ext = rng.choice((".csv", ".csv", ".xlsx"))
    size = rng.choice((1, 100, 5000))

    def build(bases, r):
        alphabet = 'abc ,;"\t\r\n£é#=-'
        return "".join(r.choice(alphabet) for _ in range(size)).encode()

    return Planned(f"{size}-chars", ext, build, REFUSED)


@mutation("tiny-file")
def _tiny(rng: random.Random) -> Planned:
    ext = rng.choice((".xlsx", ".csv", ".docx"))
    content = rng.choice((b"", b"P", b"\x00", b",", b"\n", b"\xef\xbb\xbf", b"\xff\xfe", b"PK"))
    return Planned(
        f"{len(content)}-bytes-{content.hex() or 'empty'}", ext, lambda b, r: content, REFUSED
    )


@mutation("empty-zip")
def _empty_zip(rng: random.Random) -> Planned:
    ext = rng.choice((".xlsx", ".docx"))
    return Planned("no-members", ext, lambda b, r: _zip_from([]), REFUSED)


_OTHER_KINDS = {
    "pdf": b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n",
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(17),
    "html-table": (
        b"<html xmlns:x='urn:schemas-microsoft-com:office:excel'><body><table><tr><td>Ref</td>"
        b"<td>Action</td></tr><tr><td>REC 1</td><td>Review</td></tr></table></body></html>"
    ),
    "spreadsheetml-2003": (
        b'<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook '
        b'xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Plan">'
        b"<Table><Row><Cell><Data ss:Type='String'>Ref</Data></Cell></Row></Table>"
        b"</Worksheet></Workbook>"
    ),
    "rtf": b"{\\rtf1\\ansi{\\fonttbl\\f0\\fswiss Helvetica;}\\f0\\pard Plan\\par}",
    "gzip": b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(20),
    "ole-random": bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504),
}


@mutation("other-format")
def _other_format(rng: random.Random) -> Planned:
    what = rng.choice(sorted(_OTHER_KINDS))
    ext = rng.choice((".xlsx", ".docx", ".csv"))
    data = _OTHER_KINDS[what]
    if what == "ole-random":

        def build(bases, r):
            return data + r.randbytes(4096)

    else:

        def build(bases, r):
            return data

    return Planned(f"{what}-named-{ext[1:]}", ext, build, REFUSED)


def _opendocument(mimetype: bytes) -> bytes:
    return _zip_from(
        [
            ("mimetype", mimetype),
            ("content.xml", b'<?xml version="1.0"?><office:document-content/>'),
            ("META-INF/manifest.xml", b'<?xml version="1.0"?><manifest:manifest/>'),
        ]
    )


@mutation("wrong-extension")
def _wrong_extension(rng: random.Random) -> Planned:
    variants = {
        "docx-named-xlsx": (lambda b: b.committee_docx, ".xlsx", REFUSED),
        "xlsx-named-docx": (lambda b: b.canonical_xlsx, ".docx", REFUSED),
        "xlsx-named-csv": (lambda b: b.committee_xlsx, ".csv", REFUSED),
        "docx-named-csv": (lambda b: b.committee_docx, ".csv", REFUSED),
        "csv-named-xlsx": (lambda b: b.base("canonical.csv"), ".xlsx", REFUSED),
        "csv-named-docx": (lambda b: b.base("committee.csv"), ".docx", REFUSED),
        "ods-named-xlsx": (
            lambda b: _opendocument(b"application/vnd.oasis.opendocument.spreadsheet"),
            ".xlsx",
            REFUSED,
        ),
        "odt-named-docx": (
            lambda b: _opendocument(b"application/vnd.oasis.opendocument.text"),
            ".docx",
            REFUSED,
        ),
        "xlsx-named-xlsm": (lambda b: b.canonical_xlsx, ".xlsm", REFUSED),
        "xlsx-named-xls": (lambda b: b.canonical_xlsx, ".xls", REFUSED),
        "xlsx-upper-case-extension": (lambda b: b.canonical_xlsx, ".XLSX", EITHER),
        "csv-upper-case-extension": (lambda b: b.base("committee.csv"), ".CSV", EITHER),
        "xlsx-no-extension": (lambda b: b.canonical_xlsx, "", REFUSED),
        "xlsx-named-txt": (lambda b: b.canonical_xlsx, ".txt", REFUSED),
        "zip-of-xlsx-named-xlsx": (
            lambda b: _zip_from([("plan.xlsx", b.canonical_xlsx)]),
            ".xlsx",
            REFUSED,
        ),
    }
    name = rng.choice(sorted(variants))
    make, ext, expect = variants[name]
    return Planned(name, ext, lambda bases, r: make(bases), expect)


@mutation("odd-file-name")
def _odd_name(rng: random.Random) -> Planned:
    stem = rng.choice(
        (
            "plan – copy (2)",
            "plan 'final' v3",
            'plan "quoted"',
            "план улучшения",
            "plan\u202eslx.exe",
            "plan;rm -rf",
            "plan  two  spaces ",
            "计划",
            "plan%20encoded%2F",
            "plan.xlsx",
        )
    )
    base = rng.choice(BASE_FILES)
    return Planned(
        f"odd-name-{stem}",
        _ext(base),
        lambda bases, r: bases.base(base),
        keep_name=True,
    )


def _ext(name: str) -> str:
    return name[name.rindex(".") :]


# Zips with their parts changed ---------------------------------------------------------------

_XLSX_PARTS = (
    "[Content_Types].xml",
    "_rels/.rels",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/worksheets/sheet1.xml",
    "xl/sharedStrings.xml",
    "xl/styles.xml",
)
_DOCX_PARTS = (
    "[Content_Types].xml",
    "_rels/.rels",
    "word/document.xml",
    "word/_rels/document.xml.rels",
    "word/styles.xml",
    "word/numbering.xml",
)


def _with_parts(data: bytes, change: Callable[[str, bytes], bytes | None], add=()) -> bytes:
    """The zip with each part replaced by change(name, body) (None drops it), plus `add`."""
    members = []
    for name, body in _members(data):
        new = change(name, body)
        if new is not None:
            members.append((name, new))
    return _zip_from(members + list(add))


def _zip_part(rng: random.Random) -> tuple[str, str]:
    base = rng.choice(BASE_ZIPS)
    return base, rng.choice(_DOCX_PARTS if base.endswith(".docx") else _XLSX_PARTS)


@mutation("zip-part-missing")
def _part_missing(rng: random.Random) -> Planned:
    base, part = _zip_part(rng)

    def build(bases, r):
        return _with_parts(bases.base(base), lambda name, body: None if name == part else body)

    return Planned(f"{base}-without-{part}", _ext(base), build)


@mutation("zip-part-garbage")
def _part_garbage(rng: random.Random) -> Planned:
    base, part = _zip_part(rng)
    how = rng.choice(("random-bytes", "empty", "cut-in-half", "not-xml", "wrong-root"))

    def build(bases, r):
        def change(name, body):
            if name != part:
                return body
            return {
                "random-bytes": r.randbytes(len(body)),
                "empty": b"",
                "cut-in-half": body[: len(body) // 2],
                "not-xml": b'this is not xml at all, {"json": true}',
                "wrong-root": b'<?xml version="1.0"?><html><body>hello</body></html>',
            }[how]

        return _with_parts(bases.base(base), change)

    return Planned(f"{base}-{part}-{how}", _ext(base), build)


@mutation("zip-junk-members")
def _junk_members(rng: random.Random) -> Planned:
    base = rng.choice(BASE_ZIPS)
    how = rng.choice(
        ("random-member", "traversal-name", "absolute-name", "2000-members", "dup-part")
    )

    def build(bases, r):
        data = bases.base(base)
        if how == "random-member":
            add = [(f"junk/{r.randrange(10**6)}.bin", r.randbytes(r.randint(1, 65_536)))]
        elif how == "traversal-name":
            add = [("../../evil.txt", b"evil"), ("xl/../../../evil2.txt", b"evil")]
        elif how == "absolute-name":
            add = [("/etc/evil.txt", b"evil"), ("C:/evil.txt", b"evil")]
        elif how == "2000-members":
            add = [(f"junk/{n}.xml", b"<x/>") for n in range(2000)]
        else:
            first = _members(data)
            part = "word/document.xml" if base.endswith(".docx") else "xl/worksheets/sheet1.xml"
            add = (
                [(part, b'<?xml version="1.0"?><junk/>')]
                if any(n == part for n, _ in first)
                else []
            )
        return _with_parts(data, lambda name, body: body, add)

    return Planned(f"{base}-{how}", _ext(base), build)


_CENTRAL = b"PK\x01\x02"
# Where each field is in a central directory record, and its struct format.
_CENTRAL_FIELDS = {
    "version-needed": (6, "<H"),
    "flags": (8, "<H"),
    "method": (10, "<H"),
    "crc": (16, "<I"),
    "uncompressed-size": (24, "<I"),
    "local-header-offset": (42, "<I"),
}
ZIP_LIES = {
    "version-needed-8.4": ("version-needed", 84),
    "version-needed-9.9": ("version-needed", 99),
    "method-99-aes": ("method", 99),
    "method-14-lzma": ("method", 14),
    "method-12-bzip2": ("method", 12),
    "method-6-implode": ("method", 6),
    "encrypted-flag": ("flags", 1),
    "crc-wrong": ("crc", 0xDEADBEEF),
    "size-claims-4GB": ("uncompressed-size", 0xFFFFFFFE),
    "size-claims-1-byte": ("uncompressed-size", 1),
    "local-header-offset-past-end": ("local-header-offset", 0x7FFFFFFF),
}
ZIP_LIE_MEMBERS = {
    ".xlsx": ("[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"),
    ".docx": ("[Content_Types].xml", "word/document.xml"),
}


def _with_central_field(data: bytes, member: str, field_name: str, value: int) -> bytes:
    """The zip with one field of `member`'s central directory record set to `value`."""
    offset, fmt = _CENTRAL_FIELDS[field_name]
    data = bytearray(data)
    start = data.find(_CENTRAL)
    while start != -1:
        (name_length,) = struct.unpack_from("<H", data, start + 28)
        if data[start + 46 : start + 46 + name_length] == member.encode():
            struct.pack_into(fmt, data, start + offset, value)
            return bytes(data)
        start = data.find(_CENTRAL, start + 46)
    raise ValueError(f"{member} is not in the zip")


@mutation("zip-header-lies")
def _zip_header_lies(rng: random.Random) -> Planned:
    base = rng.choice((*BASE_ZIPS, "ods"))
    lie = rng.choice(sorted(ZIP_LIES))
    if base == "ods":  # the one part zip_kind itself reads: an OpenDocument file's mimetype
        return zip_header_lie("ods", "mimetype", lie, rng.choice((".xlsx", ".docx")))
    return zip_header_lie(base, rng.choice(ZIP_LIE_MEMBERS[_ext(base)]), lie, _ext(base))


def zip_header_lie(base: str, member: str, lie: str, ext: str) -> Planned:
    """A valid file (or an OpenDocument spreadsheet, base "ods") whose zip directory lies about
    one member: its version, compression method, encryption, checksum, size or place."""
    field_name, value = ZIP_LIES[lie]

    def build(bases, r):
        if base == "ods":
            data = _opendocument(b"application/vnd.oasis.opendocument.spreadsheet")
        else:
            data = bases.base(base)
        return _with_central_field(data, member, field_name, value)

    return Planned(f"{base}-{member}-{lie}", ext, build)


@mutation("zip-bomb")
def _zip_bomb(rng: random.Random) -> Planned:
    base = rng.choice(BASE_ZIPS)
    return Planned(f"{base}-300MB-of-zeros", _ext(base), lambda bases, r: bases.zip_bomb(base))


# Cells ---------------------------------------------------------------------------------------


@mutation("formula")
def _formula(rng: random.Random) -> Planned:
    fmt, layout = _pick_format(rng)
    role = rng.choice(ROLES)
    row, column = _target(rng, layout, role)
    name = rng.choice(sorted(FORMULAS))
    as_text = fmt == "xlsx" and rng.random() < 0.4
    what = f"{name}-as-text" if as_text else name
    build = _set_cell(fmt, layout, row, column, FORMULAS[name], data_type="s" if as_text else None)
    return Planned(_cell_detail(fmt, layout, role, row, column, what), f".{fmt}", build)


@mutation("formula-cached-value")
def _formula_cached(rng: random.Random) -> Planned:
    layout = rng.choice(LAYOUTS)
    role = rng.choice(TEXT_ROLES)
    row, column = _target(rng, layout, role)
    ref = _ref(row, column)
    cached = rng.choice(
        (
            f'<c r="{ref}" t="str"><f>CONCAT("Run ","the workshop")</f><v>Run the workshop</v></c>',
            f'<c r="{ref}" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
            f'<c r="{ref}"><f>1+1</f><v>2</v></c>',
            f'<c r="{ref}" t="str"><f>A1</f></c>',
            f'<c r="{ref}" t="b"><f>TRUE()</f><v>1</v></c>',
        )
    )
    what = re.sub(r".*<f>([^<]*)</f>.*", r"\1", cached)
    garbage = "#DIV/0!" if "#DIV/0!" in cached and role in REQUIRED_ROLES else None
    build = _xml_cell_build(layout, ref, cached)
    return Planned(f"xlsx-{layout}-{role}-{ref}-{what}", ".xlsx", build, garbage=garbage)


@mutation("error-value")
def _error_value(rng: random.Random) -> Planned:
    fmt, layout = _pick_format(rng)
    role = rng.choice(ROLES)
    row, column = _target(rng, layout, role)
    error = rng.choice(EXCEL_ERRORS)
    build = _set_cell(fmt, layout, row, column, error, data_type="e" if fmt == "xlsx" else None)
    garbage = error if role in REQUIRED_ROLES else None
    return Planned(
        _cell_detail(fmt, layout, role, row, column, error), f".{fmt}", build, garbage=garbage
    )


@mutation("huge-cell")
def _huge_cell(rng: random.Random) -> Planned:
    fmt, layout = _pick_format(rng)
    role = rng.choice(ROLES)
    row, column = _target(rng, layout, role)
    length = rng.choice((10_000, 10_000, 32_767, 32_768, 100_000))
    style = rng.choice(("words", "no-spaces", "many-lines"))
    build = _set_cell(fmt, layout, row, column, lambda r: _huge_text(r, length, style))
    what = f"{length}-chars-{style}"
    return Planned(_cell_detail(fmt, layout, role, row, column, what), f".{fmt}", build)


@mutation("odd-characters")
def _odd_characters(rng: random.Random) -> Planned:
    fmt, layout = _pick_format(rng)
    role = rng.choice(ROLES)
    row, column = _target(rng, layout, role)
    name = rng.choice(sorted(ODD_TEXT))
    build = _set_cell(fmt, layout, row, column, ODD_TEXT[name])
    return Planned(_cell_detail(fmt, layout, role, row, column, name), f".{fmt}", build)


@mutation("control-characters-raw-xml")
def _raw_control(rng: random.Random) -> Planned:
    """Control characters written straight into the XML, which XML 1.0 forbids."""
    base = rng.choice(BASE_ZIPS)
    how = rng.choice(("raw-bytes", "char-reference", "nul-byte"))
    insert = {"raw-bytes": b"\x01\x07\x1b", "char-reference": b"&#1;&#x7;", "nul-byte": b"\x00"}[
        how
    ]
    part = "word/document.xml" if base.endswith(".docx") else "xl/sharedStrings.xml"
    closing = b"</w:t>" if base.endswith(".docx") else b"</t>"

    def build(bases, r):
        def change(name, body):
            if name != part:
                return body
            spots = [m.start() for m in re.finditer(re.escape(closing), body)]
            spot = r.choice(spots)
            return body[:spot] + insert + body[spot:]

        return _with_parts(bases.base(base), change)

    return Planned(f"{base}-{how}", _ext(base), build)


@mutation("wrong-type-value")
def _wrong_type(rng: random.Random) -> Planned:
    layout = rng.choice(LAYOUTS)
    role = rng.choice(ROLES)
    row, column = _target(rng, layout, role)
    values = {
        "true": True,
        "false": False,
        "zero": 0,
        "pi": 3.14159,
        "negative": -1,
        "huge-float": 1e308,
        "date": datetime(2026, 3, 31),
        "time": clock(12, 30),
        "duration": timedelta(days=3, hours=4),
        "none-word": "None",
        "nan-word": "nan",
    }
    name = rng.choice(sorted(values))
    value = values[name]
    garbage = None
    if role in REQUIRED_ROLES and name in ("true", "false", "none-word", "nan-word"):
        garbage = {"true": "True", "false": "False", "none-word": "None", "nan-word": "nan"}[name]
    build = _set_cell("xlsx", layout, row, column, value)
    return Planned(
        _cell_detail("xlsx", layout, role, row, column, name), ".xlsx", build, garbage=garbage
    )


_BAD_DATES = (
    "31/02/2026",
    "29/02/2027",
    "00/00/0000",
    "32/13/2026",
    "2026-13-01",
    "31/12/9999",
    "01/01/0001",
    "1/1/1",
    "TBC",
    "Q5 2026",
    "next Tuesday",
    "99999",
    "-1",
    "2026-02-30T25:61:00",
)


@mutation("bad-date")
def _bad_date(rng: random.Random) -> Planned:
    fmt, layout = _pick_format(rng)
    row, column = _target(rng, layout, "due")
    choice = rng.randrange(len(_BAD_DATES) + 3)
    if choice < len(_BAD_DATES):
        text = _BAD_DATES[choice]
        value = f"Finish the review by {text}" if layout == "committee" else text
        what = text
    elif fmt == "xlsx" and layout == "canonical":
        value = (datetime(9999, 12, 31), datetime(1900, 1, 1), datetime(1900, 2, 28))[
            choice - len(_BAD_DATES)
        ]
        what = f"{value:%Y-%m-%d}"
    else:
        value = what = "31/02/2026"
    build = _set_cell(fmt, layout, row, column, value)
    return Planned(_cell_detail(fmt, layout, "date", row, column, what), f".{fmt}", build)


SERIALS = ("-1", "0", "60", "2958466", "1e10", "1e308", "-1e308", "0.5", "NaN", "INF", "-INF")


@mutation("date-serial-out-of-range")
def _date_serial(rng: random.Random) -> Planned:
    row = rng.randint(*_CANONICAL_DATA_ROWS)
    key = rng.choice(("start", "due"))
    return date_serial(row, key, rng.choice(SERIALS))


def date_serial(row: int, key: str, number: str) -> Planned:
    """A canonical plan whose date cell (row, column `key`), formatted as a date, holds `number`:
    no date Excel can show, or none at all."""
    column = _CANONICAL_COLUMN[key]
    ref = _ref(row, column)

    def build(bases, r):
        book = bases.book("canonical")
        cell = book.worksheets[0].cell(row, column)
        cell.value = 12345
        cell.number_format = "DD/MM/YYYY"
        return _with_sheet_xml(
            _save_book(book),
            lambda xml: re.sub(
                rf'(<c r="{ref}"[^>]*><v>)[^<]*(</v>)'.encode(),
                rb"\g<1>" + number.encode() + rb"\2",
                xml,
            ),
        )

    label = number.replace("-", "minus-").replace(".", "point")
    return Planned(f"xlsx-canonical-{ref}-serial-{label}", ".xlsx", build)


@mutation("empty-required-cell")
def _empty_required(rng: random.Random) -> Planned:
    fmt, layout = _pick_format(rng)
    role = rng.choice(REQUIRED_ROLES)
    row, column = _target(rng, layout, role)
    build = _set_cell(fmt, layout, row, column, None)
    return Planned(_cell_detail(fmt, layout, role, row, column, "blank"), f".{fmt}", build)


@mutation("stray-cell")
def _stray_cell(rng: random.Random) -> Planned:
    fmt = rng.choice(("xlsx", "xlsx", "csv"))
    layout = rng.choice(LAYOUTS)
    if fmt == "csv":
        row, column = rng.choice(((5000, 1), (20, 3000), (200_000, 1), (1000, 16_384)))
        value = rng.choice(("x", " ", "0", "#REF!"))
        build = _set_cell("csv", layout, row, column, value)
        return Planned(
            f"csv-{layout}-{_ref(row, column)}-{value.strip() or 'space'}", ".csv", build
        )
    ref = rng.choice(("XFD1048576", "Z200000", "A1048576", "XFD1", "AA5000", "T10003", "ZZ1000"))
    what = rng.choice(("x", "space", "zero", "error", "formatted-empty"))

    def build(bases, r):
        book = bases.book(layout)
        cell = book.worksheets[0][ref]
        if what == "formatted-empty":
            cell.fill = PatternFill("solid", fgColor="FFFF00")
        else:
            cell.value = {"x": "x", "space": " ", "zero": 0, "error": "#REF!"}[what]
        return _save_book(book)

    return Planned(f"xlsx-{layout}-{ref}-{what}", ".xlsx", build)


@mutation("lying-dimension")
def _lying_dimension(rng: random.Random) -> Planned:
    """A stray cell far away, and a sheet that says it ends at the table (or says nothing)."""
    layout = rng.choice(LAYOUTS)
    ref = rng.choice(("XFD1048576", "Z200000", "A1048576", "CV20000"))
    claim = rng.choice(("A1:P6", "A1:A1", "none", "XFD1048576", "garbage"))

    def build(bases, r):
        book = bases.book(layout)
        book.worksheets[0][ref] = "x"
        data = _save_book(book)
        replacement = b"" if claim == "none" else b'<dimension ref="' + claim.encode() + b'"/>'
        return _with_sheet_xml(data, lambda xml: re.sub(rb"<dimension [^>]*/>", replacement, xml))

    return Planned(f"xlsx-{layout}-{ref}-dimension-{claim}", ".xlsx", build)


def _with_sheet_xml(data: bytes, change: Callable[[bytes], bytes]) -> bytes:
    return _with_parts(
        data, lambda name, body: change(body) if name == "xl/worksheets/sheet1.xml" else body
    )


def _xml_cell_build(layout: str, ref: str, cell_xml: str) -> Build:
    """The layout's workbook with the XML of cell `ref` replaced by `cell_xml`."""

    pattern = rf'<c r="{ref}"(?:[^>]*/>|[^>]*>.*?</c>)'.encode()
    row = re.sub(r"[A-Z]+", "", ref)

    def change(xml: bytes) -> bytes:
        changed, found = re.subn(pattern, cell_xml.encode(), xml, count=1, flags=re.S)
        if found:
            return changed
        # An empty cell is not written at all: put the new one first in its row.
        return re.sub(rf'(<row r="{row}"[^>]*>)'.encode(), rb"\1" + cell_xml.encode(), xml, count=1)

    def build(bases, r):
        return _with_sheet_xml(bases.xlsx(layout), change)

    return build


@mutation("xml-cell-lies")
def _xml_cell_lies(rng: random.Random) -> Planned:
    layout = rng.choice(LAYOUTS)
    role = rng.choice(ROLES)
    row, column = _target(rng, layout, role)
    ref = _ref(row, column)
    lies = {
        "number-holding-text": f'<c r="{ref}" t="n"><v>abc</v></c>',
        "number-overflow": f'<c r="{ref}"><v>1e999</v></c>',
        "shared-string-out-of-range": f'<c r="{ref}" t="s"><v>99999</v></c>',
        "shared-string-negative": f'<c r="{ref}" t="s"><v>-1</v></c>',
        "unknown-error": f'<c r="{ref}" t="e"><v>#BOGUS!</v></c>',
        "boolean-two": f'<c r="{ref}" t="b"><v>2</v></c>',
        "iso-date-garbage": f'<c r="{ref}" t="d"><v>not-a-date</v></c>',
        "iso-date-year-0": f'<c r="{ref}" t="d"><v>0000-00-00T00:00:00</v></c>',
        "inline-string-empty": f'<c r="{ref}" t="inlineStr"/>',
        "inline-string": f'<c r="{ref}" t="inlineStr"><is><t>Inline text</t></is></c>',
        "unknown-type": f'<c r="{ref}" t="zz"><v>1</v></c>',
        "ref-row-zero": f'<c r="{get_column_letter(column)}0"><v>1</v></c>',
        "ref-past-last-column": f'<c r="XFE{row}"><v>1</v></c>',
        "ref-past-last-row": '<c r="A1048577"><v>1</v></c>',
        "ref-garbage": '<c r="!!"><v>1</v></c>',
        "duplicate-cell": f'<c r="{ref}" t="inlineStr"><is><t>One</t></is></c>'
        f'<c r="{ref}" t="inlineStr"><is><t>Two</t></is></c>',
        "style-out-of-range": f'<c r="{ref}" s="9999"><v>46000</v></c>',
    }
    name = rng.choice(sorted(lies))
    garbage = "#BOGUS!" if name == "unknown-error" and role in REQUIRED_ROLES else None
    build = _xml_cell_build(layout, ref, lies[name])
    return Planned(f"xlsx-{layout}-{role}-{ref}-{name}", ".xlsx", build, garbage=garbage)


@mutation("xml-row-lies")
def _xml_row_lies(rng: random.Random) -> Planned:
    layout = rng.choice(LAYOUTS)
    how = rng.choice(("row-zero", "row-huge", "rows-reversed", "shared-strings-count-huge"))

    def build(bases, r):
        data = bases.xlsx(layout)
        if how == "shared-strings-count-huge":
            return _with_parts(
                data,
                lambda name, body: (
                    re.sub(rb'(count|uniqueCount)="\d+"', rb'\1="4294967295"', body)
                    if name == "xl/sharedStrings.xml"
                    else body
                ),
            )
        if how == "row-zero":
            return _with_sheet_xml(data, lambda xml: xml.replace(b'<row r="2"', b'<row r="0"', 1))
        if how == "row-huge":
            return _with_sheet_xml(
                data, lambda xml: xml.replace(b'<row r="2"', b'<row r="99999999"', 1)
            )

        def reverse(xml: bytes) -> bytes:
            rows = re.findall(rb"<row .*?</row>", xml, flags=re.S)
            start, end = xml.index(rows[0]), xml.rindex(rows[-1]) + len(rows[-1])
            return xml[:start] + b"".join(reversed(rows)) + xml[end:]

        return _with_sheet_xml(data, reverse)

    return Planned(f"xlsx-{layout}-{how}", ".xlsx", build)


_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "' + f"&lol{n - 1 if n > 1 else ''};" * 10 + '">' for n in range(1, 10)
    )
    + "]>"
)
_XXE = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


@mutation("xml-entities")
def _xml_entities(rng: random.Random) -> Planned:
    base = rng.choice(BASE_ZIPS)
    how = rng.choice(("billion-laughs", "external-entity"))
    docx_file = base.endswith(".docx")
    part = rng.choice(
        ("word/document.xml",) if docx_file else ("xl/sharedStrings.xml", "xl/workbook.xml")
    )
    doctype, reference = (_LAUGHS, "&lol9;") if how == "billion-laughs" else (_XXE, "&xxe;")

    def build(bases, r):
        def change(name, body):
            if name != part:
                return body
            text = body.decode("utf-8")
            declaration = re.match(r"<\?xml[^>]*\?>\s*", text)
            head = declaration.group(0) if declaration else ""
            text = head + doctype + text[len(head) :]
            closing = "</w:t>" if docx_file else ("</t>" if "sharedStrings" in part else None)
            if closing:
                spot = text.index(closing)
                text = text[:spot] + reference + text[spot:]
            else:  # the workbook: in a sheet's name
                text = re.sub(r'(<sheet [^>]*name=")', r"\g<1>" + reference, text, count=1)
            return text.encode("utf-8")

        return _with_parts(bases.base(base), change)

    garbage = "root:x:0:0" if how == "external-entity" else None
    return Planned(f"{base}-{part}-{how}", _ext(base), build, garbage=garbage)


@mutation("xml-deep-nesting")
def _xml_deep(rng: random.Random) -> Planned:
    base = rng.choice(BASE_ZIPS)
    depth = rng.choice((200, 300, 10_000, 100_000))
    docx_file = base.endswith(".docx")
    part = (
        "word/document.xml"
        if docx_file
        else rng.choice(("xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/sharedStrings.xml"))
    )

    def build(bases, r):
        def change(name, body):
            if name != part:
                return body
            if docx_file:
                tag, where = "w:r", b"</w:p>"
            elif part.endswith("sheet1.xml"):
                tag, where = "extLst", b"</worksheet>"
            elif part.endswith("workbook.xml"):
                tag, where = "extLst", b"</workbook>"
            else:
                tag, where = "r", b"</si>"
            nest = (f"<{tag}>" * depth + f"</{tag}>" * depth).encode()
            spot = body.index(where)
            return body[:spot] + nest + body[spot:]

        return _with_parts(bases.base(base), change)

    return Planned(f"{base}-{part}-depth-{depth}", _ext(base), build)


# Sheets and headings -------------------------------------------------------------------------


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
                action = _CANONICAL_COLUMN["action"] - 1
                row[action] = f"{HIDDEN_MARK} {row[action]}"
                hidden.append(row)
        elif content == "junk":
            for _ in range(20):
                hidden.append([_words(r, 20) for _ in range(6)])
        elif content == "headings-only":
            hidden.append([c.heading for c in CANONICAL_COLUMNS])
        book.active = 1
        return _save_book(book)

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
        return _save_book(book)

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
            sheet.append([_words(r, 12) for _ in range(3)])
        return _save_book(book)

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
        return _save_book(book)

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
        return _save_book(book)

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

    header_row = 1 if layout == "canonical" else _COMMITTEE_HEADER_ROW

    def build(bases, r):
        if fmt == "xlsx":
            book = bases.book(layout)
            sheet = book.worksheets[0]
            cells = list(sheet.iter_rows(min_row=header_row, max_row=header_row))[0]
            for cell, text in zip(cells, change([c.value or "" for c in cells]), strict=True):
                cell.value = text or None
            return _save_book(book)
        if fmt == "csv":
            rows = bases.csv_rows(layout)
            rows[header_row - 1] = change(rows[header_row - 1])
            return _csv_bytes(rows)
        document = bases.document()
        cells = document.tables[1].rows[0].cells
        for cell, text in zip(cells, change([c.text for c in cells]), strict=True):
            cell.text = text
        return _save_document(document)

    return build


@mutation("headings")
def _headings(rng: random.Random) -> Planned:
    fmt, layout = _pick_format(rng)
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
            return _save_book(book)
        rows = [["Improvement plan"]] + [[] for _ in range(rows_above - 1)]
        return _csv_bytes(rows + bases.csv_rows("canonical"))

    expect = REFUSED if rows_above >= 40 else EITHER
    return Planned(f"{fmt}-canonical-{rows_above}-rows-above", f".{fmt}", build, expect)


@mutation("merged-headings")
def _merged_headings(rng: random.Random) -> Planned:
    layout = rng.choice(LAYOUTS)
    top = 1 if layout == "canonical" else _COMMITTEE_HEADER_ROW
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
        return _save_book(book)

    return Planned(f"xlsx-{layout}-merge-{span.replace(':', '-')}", ".xlsx", build)


@mutation("duplicate-ref")
def _duplicate_ref(rng: random.Random) -> Planned:
    fmt = rng.choice(("xlsx", "csv", "docx"))
    layout = "committee" if fmt == "docx" else rng.choice(LAYOUTS)
    other = "A different recommendation that reuses the same reference."

    def build(bases, r):
        if layout == "canonical":
            extra = list(CANONICAL_ROWS[0])
            extra[_CANONICAL_COLUMN["recommendation"] - 1] = other
            extra[_CANONICAL_COLUMN["action"] - 1] = "Another action under the reused reference."
            if fmt == "xlsx":
                book = bases.book(layout)
                book.worksheets[0].append(extra)
                return _save_book(book)
            return _csv_bytes([*bases.csv_rows(layout), [_csv_text(v) for v in extra]])
        if fmt == "docx":
            document = bases.document()
            for row in document.tables[1].rows:
                if row.cells[0].text.startswith("Rec 2"):
                    row.cells[0].text = f"REC 1 - {other}"
            return _save_document(document)
        book = bases.book(layout)
        for cell in book.worksheets[0]["A"]:
            if isinstance(cell.value, str) and cell.value.startswith("Rec 2"):
                cell.value = f"REC 1 - {other}"
        if fmt == "xlsx":
            return _save_book(book)
        rows = [
            [_csv_text(v) for v in values]
            for values in book.worksheets[0].iter_rows(values_only=True)
        ]
        return _csv_bytes(rows)

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
        return _save_book(book)

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
        return _save_book(book)

    return Planned(f"xlsx-{layout}-{rows}-formatted-blank-rows", ".xlsx", build)


# Word documents ------------------------------------------------------------------------------


@mutation("docx-tables")
def _docx_tables(rng: random.Random) -> Planned:
    how = rng.choice(
        (
            "no-table",
            "only-small-table",
            "plan-table-removed",
            "300-tables-first",
            "3000-empty-rows",
            "merged-headings",
            "vmerge-continue-first",
        )
    )
    expect = REFUSED if how in ("no-table", "only-small-table", "plan-table-removed") else EITHER

    def build(bases, r):
        if how == "no-table":
            document = docx.Document()
            document.add_paragraph("Improvement plan: see the attached spreadsheet.")
            return _save_document(document)
        document = bases.document()
        body = document.element.body
        plan = document.tables[1]
        if how == "only-small-table" or how == "plan-table-removed":
            body.remove(plan._tbl)
            if how == "only-small-table":
                body.remove(document.tables[0]._tbl)
                small = document.add_table(rows=2, cols=2)
                small.cell(0, 0).text = "Ref"
        elif how == "300-tables-first":
            for n in range(300):
                table = document.add_table(rows=1, cols=2)
                table.cell(0, 0).text = f"Note {n}"
                body.remove(table._tbl)
                plan._tbl.addprevious(table._tbl)
        elif how == "3000-empty-rows":
            empty = deepcopy(plan.rows[-1]._tr)
            for tc in empty.iterfind(".//{*}t"):
                tc.text = ""
            for _ in range(3000):
                plan._tbl.append(deepcopy(empty))
        elif how == "merged-headings":
            plan.cell(0, 0).merge(plan.cell(0, 1))
        else:
            properties = plan.cell(1, 1)._tc.get_or_add_tcPr()
            properties.append(properties.makeelement(qn("w:vMerge"), {}))
        return _save_document(document)

    return Planned(how, ".docx", build, expect)


@mutation("docx-nested-tables")
def _docx_nested(rng: random.Random) -> Planned:
    depth = rng.choice((3, 40, 90))

    def build(bases, r):
        document = bases.document()
        cell = _document_cell(document, 4, 5)
        for level in range(depth):
            inner = cell.add_table(rows=1, cols=1)
            cell = inner.cell(0, 0)
            cell.text = f"Nested action {level} by 31/03/2027"
        return _save_document(document)

    return Planned(f"depth-{depth}", ".docx", build)


@mutation("docx-grid-span")
def _docx_grid_span(rng: random.Random) -> Planned:
    span = rng.choice((2, 7, 5000, 2_000_000_000))
    where = rng.choice(("heading", "action"))

    def build(bases, r):
        document = bases.document()
        row = 0 if where == "heading" else 2
        properties = document.tables[1].cell(row, 2)._tc.get_or_add_tcPr()
        element = properties.makeelement(qn("w:gridSpan"), {})
        element.set(qn("w:val"), str(span))
        properties.append(element)
        return _save_document(document)

    return Planned(f"{where}-span-{span}", ".docx", build)


# CSV files -----------------------------------------------------------------------------------

_NON_ASCII = "Children’s services – £250 café “plan”"


@mutation("csv-encoding")
def _csv_encoding(rng: random.Random) -> Planned:
    layout = rng.choice(LAYOUTS)
    encoding = rng.choice(
        (
            "utf-16",
            "utf-16-le",
            "utf-16-be",
            "utf-32",
            "cp1252",
            "latin-1",
            "mac_roman",
            "utf-8",
            "utf-8-stray-byte",
            "utf-8-cut-sequence",
            "utf-8-overlong",
            "shift_jis",
            "cp437",
        )
    )

    def build(bases, r):
        rows = bases.csv_rows(layout)
        data_rows = [i for i, row in enumerate(rows) if sum(1 for v in row if v) > 2][1:]
        target = rows[r.choice(data_rows)]
        column = r.randrange(1, 5)
        target[column] = f"{target[column]} {_NON_ASCII}"
        if encoding.startswith("utf-8-"):
            data = bytearray(_csv_bytes(rows, encoding="utf-8"))
            spot = data.index("£".encode())
            bad = {
                "utf-8-stray-byte": b"\xff",
                "utf-8-cut-sequence": b"\xe2\x80",
                "utf-8-overlong": b"\xc0\xaf",
            }
            data[spot:spot] = bad[encoding]
            return bytes(data)
        return _csv_bytes(rows, encoding=encoding, errors="replace")

    return Planned(f"{layout}-{encoding}", ".csv", build)


@mutation("csv-dialect")
def _csv_dialect(rng: random.Random) -> Planned:
    layout = rng.choice(LAYOUTS)
    how = rng.choice(
        (
            "semicolon",
            "tab",
            "pipe",
            "sep-line-semicolon",
            "cr-only",
            "lf-only",
            "mixed-newlines",
            "no-final-newline",
        )
    )

    def build(bases, r):
        rows = bases.csv_rows(layout)
        if how in ("semicolon", "tab", "pipe"):
            return _csv_bytes(rows, delimiter={"semicolon": ";", "tab": "\t", "pipe": "|"}[how])
        if how == "sep-line-semicolon":
            return b"sep=;\r\n" + _csv_bytes(rows, delimiter=";", encoding="utf-8")
        if how == "cr-only":
            return _csv_bytes(rows, newline="\r")
        if how == "lf-only":
            return _csv_bytes(rows, newline="\n")
        data = _csv_bytes(rows)
        if how == "no-final-newline":
            return data.rstrip(b"\r\n")
        lines = data.split(b"\r\n")
        return b"".join(line + r.choice((b"\r\n", b"\n", b"\r")) for line in lines)

    return Planned(f"{layout}-{how}", ".csv", build)


@mutation("csv-quotes")
def _csv_quotes(rng: random.Random) -> Planned:
    layout = rng.choice(LAYOUTS)
    how = rng.choice(("unclosed-quote", "quote-inside-field", "quote-at-end"))

    def build(bases, r):
        lines = _csv_bytes(bases.csv_rows(layout), encoding="utf-8").split(b"\r\n")
        number = r.randrange(2, len(lines) - 2)
        if how == "unclosed-quote":
            lines[number] = b'"' + lines[number]
        elif how == "quote-inside-field":
            lines[number] = lines[number].replace(b" ", b' "', 1)
        else:
            lines[number] = lines[number] + b'"'
        return b"\r\n".join(lines)

    return Planned(f"{layout}-{how}", ".csv", build)


@mutation("csv-nul")
def _csv_nul(rng: random.Random) -> Planned:
    layout = rng.choice(LAYOUTS)
    where = rng.choice(("in-first-100-bytes", "after-4096-bytes", "only-nuls-after-4096"))

    def build(bases, r):
        rows = bases.csv_rows(layout)
        if where == "in-first-100-bytes":
            data = _csv_bytes(rows)
            return data[:50] + b"\x00" + data[50:]
        rows.append(["", "", "", "", _words(r, 5000)])
        data = _csv_bytes(rows)
        if where == "after-4096-bytes":
            return data[:-20] + b"\x00" + data[-20:]
        return data + b"\x00" * 100

    return Planned(f"{layout}-{where}", ".csv", build)


@mutation("csv-huge-field")
def _csv_huge_field(rng: random.Random) -> Planned:
    layout = rng.choice(LAYOUTS)
    role = rng.choice(TEXT_ROLES)
    row, column = _target(rng, layout, role)
    length = rng.choice((100_000, 131_072, 131_073, 1_000_000))
    style = rng.choice(("words", "no-spaces"))
    build = _set_cell("csv", layout, row, column, lambda r: _huge_text(r, length, style))
    return Planned(_cell_detail("csv", layout, role, row, column, f"{length}-chars"), ".csv", build)


@mutation("csv-control-characters")
def _csv_control(rng: random.Random) -> Planned:
    layout = rng.choice(LAYOUTS)
    role = rng.choice(TEXT_ROLES)
    row, column = _target(rng, layout, role)
    name = rng.choice(sorted(CSV_CONTROL))
    build = _set_cell("csv", layout, row, column, CSV_CONTROL[name])
    return Planned(_cell_detail("csv", layout, role, row, column, name), ".csv", build)


@mutation("csv-shapes")
def _csv_shapes(rng: random.Random) -> Planned:
    how = rng.choice(
        (
            "ragged-rows",
            "20000-columns",
            "200000-blank-lines",
            "comma-flood",
            "bom-only",
            "blank-lines-only",
            "headings-only",
        )
    )
    layout = rng.choice(LAYOUTS)
    expect = (
        REFUSED
        if how in ("comma-flood", "bom-only", "blank-lines-only", "headings-only")
        else EITHER
    )

    def build(bases, r):
        rows = bases.csv_rows(layout)
        if how == "ragged-rows":
            for row in rows:
                cut = r.randint(0, 4)
                del row[len(row) - cut :]
                row.extend(_words(r, 8) for _ in range(r.randint(0, 3)))
            return _csv_bytes(rows)
        if how == "20000-columns":
            rows[-1].extend([""] * 20_000 + ["x"])
            return _csv_bytes(rows)
        if how == "200000-blank-lines":
            return _csv_bytes(rows) + b"\r\n" * 200_000 + b"x\r\n"
        if how == "comma-flood":
            return b"," * 2_500_000
        if how == "bom-only":
            return "\ufeff".encode()
        if how == "blank-lines-only":
            return b"\r\n" * 50
        return _csv_bytes(rows[:1] if layout == "canonical" else rows[:3])

    return Planned(f"{layout}-{how}", ".csv", build, expect)


# --- The cases ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FuzzCase:
    """One malformed file: its number, mutation kind and file name, and how to write it."""

    index: int
    kind: str
    name: str
    planned: Planned
    seed: int

    def data(self, bases: Bases) -> bytes:
        return self.planned.build(bases, random.Random(self.seed))

    def write(self, folder: Path, bases: Bases) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / self.name
        path.write_bytes(self.data(bases))
        return path


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")[:70]


def plan_fuzz(count: int, seed: int = SEED) -> list[FuzzCase]:
    """`count` cases from `seed`, every mutation kind in turn (in a shuffled order each round)."""
    rng = random.Random(seed)
    kinds = list(MUTATIONS)
    cases, round_ = [], []
    for index in range(1, count + 1):
        if not round_:
            round_ = rng.sample(kinds, len(kinds))
        kind = round_.pop()
        planned = MUTATIONS[kind](random.Random(rng.getrandbits(64)))
        detail = planned.detail if planned.keep_name else _slug(planned.detail)
        name = f"{index:04d}-{kind}-{detail}{planned.ext}"
        cases.append(FuzzCase(index, kind, name, planned, rng.getrandbits(64)))
    return cases


def regression_cases() -> list[FuzzCase]:
    """Files like those that found a bug in a full run, with the parameters fixed, so the normal
    test run keeps failing until the bug is fixed (whatever the seed's first round holds)."""
    found = [
        # calamine panics (a BaseException) on a date cell of -1e308: the reader child dies.
        ("date-serial-out-of-range", date_serial(3, "due", "-1e308")),
        # zipfile raises NotImplementedError in file_kinds.zip_kind: a traceback from the CLI.
        (
            "zip-header-lies",
            zip_header_lie("committee.docx", "word/document.xml", "version-needed-8.4", ".docx"),
        ),
        ("zip-header-lies", zip_header_lie("ods", "mimetype", "method-99-aes", ".xlsx")),
        ("zip-header-lies", zip_header_lie("ods", "mimetype", "encrypted-flag", ".xlsx")),
    ]
    return [
        FuzzCase(
            number, kind, f"bug{number}-{kind}-{_slug(planned.detail)}{planned.ext}", planned, 0
        )
        for number, (kind, planned) in enumerate(found, 1)
    ]


def fuzz_files(folder: Path, count: int, seed: int = SEED) -> list[Path]:
    """Write `count` malformed plan files into `folder` from `seed`; their paths, in order."""
    folder = Path(folder)
    bases = Bases(folder / "valid-plans")
    return [case.write(folder, bases) for case in plan_fuzz(count, seed)]


# --- Importing one file and judging it ------------------------------------------------------------


@dataclass
class Outcome:
    """What importing one case did: the verdict, the time, what the user saw, what went wrong."""

    case: FuzzCase
    verdict: str  # "accepted", "refused", "crashed" or "hung"
    code: int | None
    seconds: float
    out: str
    err: str
    failures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # not failures: what the issue wants fixed


class Hung(BaseException):
    """Raised by the alarm in an import that runs past HUNG_SECONDS (not an Exception, so no
    `except Exception` in the importer swallows it)."""


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    def stop(signum, frame):
        raise Hung

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _descriptor_2(captured: list[str]) -> Iterator[None]:
    """Capture file descriptor 2, where the workbook reader's own process writes its errors."""
    with tempfile.TemporaryFile() as sink:
        sys.stderr.flush()
        saved = os.dup(2)
        os.dup2(sink.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            sink.seek(0)
            captured.append(sink.read().decode("utf-8", "replace"))


def dump_database(path: Path) -> list[str]:
    """The whole SQLite database as SQL statements (schema and every row), in a fixed order."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return list(conn.iterdump())


def _copy_database(source: Path, target: Path) -> None:
    """Copy with SQLite's backup API: safe while the app's engines still hold the file open."""
    with (
        contextlib.closing(sqlite3.connect(source)) as src,
        contextlib.closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)


_INSERT = re.compile(r'^INSERT INTO "([^"]+)"')


def _changed_tables(before: list[str], after: list[str]) -> set[str]:
    """Tables whose rows differ, and "(schema)" if any other statement does."""
    changed = set()
    for statement in set(before) ^ set(after):
        found = _INSERT.match(statement)
        changed.add(found.group(1) if found else "(schema)")
    return changed


class FuzzRun:
    """One SQLite database holding the demo plan, and the outcome of every case imported into it."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.files = self.folder / "files"
        self.bases = Bases(self.folder / "valid-plans")
        self.database = self.folder / "readiness.db"
        self.url = f"sqlite:///{self.database}"
        engine = make_engine(self.url)
        prepare_database(engine, AS_AT, demo=True)
        engine.dispose()
        self.pristine = self.folder / "pristine.db"
        _copy_database(self.database, self.pristine)
        self.settings = load_settings()
        self.outcomes: list[Outcome] = []

    def run(self, case: FuzzCase) -> Outcome:
        """Write the case's file, import it with the CLI, judge it, and put the database back."""
        path = case.write(self.files, self.bases)
        before = dump_database(self.database)
        results, child_err = [], []
        real_read_plan = cli.read_plan

        def recording_read_plan(*args, **kwargs):
            result = real_read_plan(*args, **kwargs)
            results.append(result)
            return result

        out, err = io.StringIO(), io.StringIO()
        code, verdict, escaped = None, None, None
        args = ["import-plan", str(path), "--db", self.url, "--yes"]
        args += ["--imported-on", AS_AT.isoformat()]
        start = time.perf_counter()
        with (
            _descriptor_2(child_err),
            mock.patch.object(cli, "read_plan", recording_read_plan),
            contextlib.redirect_stderr(err),
        ):
            try:
                with _time_limit(HUNG_SECONDS):
                    code = cli.main(args, out=out)
            except Hung:
                verdict = "hung"
            except KeyboardInterrupt:
                raise
            except BaseException:  # any exception escaping the CLI is the bug
                escaped = traceback.format_exc()
        seconds = time.perf_counter() - start
        outcome = Outcome(case, verdict or "", code, seconds, out.getvalue(), err.getvalue())
        after = dump_database(self.database)
        self._judge(outcome, escaped, child_err[0], before, after, results)
        if after != before:
            _copy_database(self.pristine, self.database)
            if dump_database(self.database) != before:
                raise RuntimeError("the fuzz database could not be put back as it was")
        self.outcomes.append(outcome)
        return outcome

    def _judge(self, outcome, escaped, child_err, before, after, results) -> None:
        name, failures = outcome.case.name, outcome.failures
        tracebacks = [
            t for t in (outcome.err, child_err) if "Traceback (most recent call last)" in t
        ]
        if escaped:
            outcome.verdict = "crashed"
            failures.append(f"an exception escaped the CLI:\n{escaped}")
        elif tracebacks:
            outcome.verdict = "crashed"
            shown = "\n".join(_excerpt(t) for t in tracebacks)
            failures.append(f"a traceback was printed:\n{shown}\nThe CLI said:\n{outcome.err}")
        elif outcome.verdict == "hung" or outcome.seconds > HUNG_SECONDS:
            outcome.verdict = "hung"
            failures.append(f"the import ran for over {HUNG_SECONDS:g} s")
        elif outcome.code == 0:
            outcome.verdict = "accepted"
        else:
            outcome.verdict = "refused"
        if outcome.verdict in ("accepted", "refused") and outcome.seconds > SLOW_SECONDS:
            outcome.notes.append(f"slow: {outcome.seconds:.1f} s")
        if outcome.verdict == "accepted":
            failures += self._accepted_problems(outcome, results, before, after)
        else:
            if outcome.verdict == "refused":
                failures += _refusal_problems(name, outcome.err)
                if _glued_to_progress(name, outcome.err):
                    outcome.notes.append("the message runs on from the progress bar's line")
            if after != before:
                failures.append(
                    f"the database changed although the file was not stored (tables: "
                    f"{', '.join(sorted(_changed_tables(before, after)))})"
                )

    def _accepted_problems(self, outcome, results, before, after) -> list[str]:
        """An accepted file must be stored whole as the current plan, and nothing else change."""
        problems = []
        if "Stored:" not in outcome.out:
            problems.append(f"exit code 0 but no 'Stored:' line: {outcome.out[-500:]!r}")
        if not results:
            return [*problems, "exit code 0 but read_plan returned nothing"]
        result = results[-1]
        outside = _changed_tables(before, after) - PLAN_TABLES
        if outside:
            problems.append(f"the import changed more than the plan: {', '.join(sorted(outside))}")
        engine = make_engine(self.url)
        try:
            with engine.connect() as conn:
                stored = load_plan(conn)
            if stored is None:
                return [*problems, "no current plan can be read after the import"]
            status = plan_status(stored, AS_AT, self.settings)
        except Exception:  # the app cannot read what it stored
            return [*problems, f"the stored plan cannot be read:\n{traceback.format_exc()}"]
        finally:
            engine.dispose()
        imported = [
            (r.ref, sorted(a.text for t in r.themes for a in t.actions))
            for r in result.plan.recommendations
        ]
        rec_of_theme = {t.id: t.recommendation_id for t in stored.themes}
        kept = [
            (r.ref, sorted(a.text for a in stored.actions if rec_of_theme[a.theme_id] == r.id))
            for r in stored.recommendations
        ]
        if sorted(kept) != sorted(imported):
            problems.append(
                f"the stored plan is not the imported one: imported {len(imported)} "
                f"recommendations / {result.actions} actions, stored {len(kept)} / "
                f"{len(stored.actions)}"
            )
        if status.overall.actions != len(stored.actions):
            problems.append(
                f"plan_status counts {status.overall.actions} actions, the plan holds "
                f"{len(stored.actions)}"
            )
        planned = outcome.case.planned
        if planned.expect == REFUSED:
            outcome.notes.append("accepted, though no importer should accept this file")
        texts = _texts(stored)
        if planned.garbage and _holds(texts, planned.garbage):
            outcome.notes.append(f"stored {planned.garbage!r} as plan text")
        controls = sorted({c for t in texts for c in _CONTROL.findall(t)})
        if controls:
            outcome.notes.append(f"stored control characters {''.join(controls)!r} in plan text")
        return problems


def _texts(plan) -> list[str]:
    """Every piece of text the stored plan holds."""
    texts = [r.text for r in plan.recommendations] + [r.ref for r in plan.recommendations]
    texts += [t.text for t in plan.themes]
    for action in plan.actions:
        texts += [action.text, action.evidence or "", action.due_text or "", *action.leads]
        texts += [u.text for u in action.updates]
    for theme in plan.themes:
        texts += list(theme.service_leads)
    return texts


def _holds(texts: list[str], garbage: str) -> bool:
    """Whether `garbage` is one of the texts (or inside one, if it is long)."""
    return any(t.strip() == garbage or (len(garbage) > 8 and garbage in t) for t in texts)


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _excerpt(text: str) -> str:
    """A printed traceback without the noise: a Rust panic's first lines, then the last Python
    traceback."""
    lines = text.splitlines()
    panics = [n for n, line in enumerate(lines) if "panicked at" in line]
    head = [line for n in panics for line in lines[n : n + 2]]
    tail = text[text.rindex("Traceback (most recent call last)") :]
    return "\n".join([*head, tail])


def _refusal_problems(name: str, err: str) -> list[str]:
    """A refusal must name the file and say, after it, what is wrong with it."""
    if re.search(re.escape(name) + r"[^\n]*?: \S[^\n]{9,}", err):
        return []
    return [f"the refusal does not name the file and say why; stderr was:\n{err[-2000:]}"]


def _glued_to_progress(name: str, err: str) -> bool:
    """Whether a problem line runs on from an unfinished progress bar ("0/1" then the file)."""
    return re.search(r"\] \d+/\d+" + re.escape(name), err) is not None


# --- Figures ------------------------------------------------------------------------------------

NAMES_SHOWN = 5


def _notes(outcomes: list[Outcome]) -> list[str]:
    """The notes (worth fixing, not failures), each once with how many files and a few names."""
    groups: dict[str, list[str]] = {}
    for o in sorted(outcomes, key=lambda o: -o.seconds):
        for note in o.notes:
            slow = note.startswith("slow:")
            key = f"slow (over {SLOW_SECONDS:g} s)" if slow else note
            groups.setdefault(key, []).append(
                f"{o.case.name} ({o.seconds:.1f} s)" if slow else o.case.name
            )
    if not groups:
        return []
    lines = [f"Worth fixing, not failures: {plural(sum(1 for o in outcomes if o.notes), 'file')}:"]
    for key, names in groups.items():
        shown = ", ".join(names[:NAMES_SHOWN]) + (", …" if len(names) > NAMES_SHOWN else "")
        lines.append(f"  {key}: {plural(len(names), 'file')}: {shown}")
    return lines


def summarise(outcomes: list[Outcome], seed: int, *, by_kind: bool = False) -> str:
    """The closing figures: files accepted, refused, crashed and hung, the slowest, what failed."""
    if not outcomes:
        return "Import fuzz: no files were run."
    count = {
        v: sum(1 for o in outcomes if o.verdict == v)
        for v in ("accepted", "refused", "crashed", "hung")
    }
    times = [o.seconds for o in outcomes]
    slowest = max(outcomes, key=lambda o: o.seconds)
    lines = [
        f"Import fuzz: {len(outcomes)} files (seed {seed}): {count['accepted']} accepted, "
        f"{count['refused']} refused, {count['crashed']} crashed, {count['hung']} hung "
        f"(over {HUNG_SECONDS:g} s).",
        f"Time: {sum(times):.1f} s in all, median {statistics.median(times):.2f} s, slowest "
        f"{slowest.seconds:.1f} s ({slowest.case.name}).",
    ]
    slow = sum(1 for o in outcomes if o.seconds > SLOW_SECONDS)
    lines[-1] += f" Over {SLOW_SECONDS:g} s: {plural(slow, 'file')}."
    failed = [o for o in outcomes if o.failures]
    lines.append(f"Failed checks: {plural(len(failed), 'file')}" + (":" if failed else "."))
    lines += [f"  {o.verdict}: {o.case.name}: {o.failures[0].splitlines()[0]}" for o in failed]
    lines += _notes(outcomes)
    if by_kind:
        lines.append("")
        lines.append(
            f"{'Mutation':<28} {'files':>5} {'accepted':>8} {'refused':>7} "
            f"{'crashed':>7} {'hung':>4} {'max s':>6}"
        )
        for kind in sorted({o.case.kind for o in outcomes}):
            mine = [o for o in outcomes if o.case.kind == kind]
            figures = [
                sum(1 for o in mine if o.verdict == v)
                for v in ("accepted", "refused", "crashed", "hung")
            ]
            lines.append(
                f"{kind:<28} {len(mine):>5} {figures[0]:>8} {figures[1]:>7} {figures[2]:>7} "
                f"{figures[3]:>4} {max(o.seconds for o in mine):>6.1f}"
            )
    return "\n".join(lines)
