"""The valid plans every fuzz case starts from, written by the fixture builders and normalised
(fixed zip times and document dates, text in shared strings) so that a seed gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
from datetime import date, datetime
from functools import cache, cached_property
from pathlib import Path

import docx
from openpyxl import Workbook, load_workbook

from tests.import_fixtures import CANONICAL_ROWS, canonical_workbook, committee_workbook
from tests.word_fixtures import committee_document

SEED = 20261122
LAYOUTS = ("canonical", "committee")
FIXED_ZIP_TIME = (2026, 1, 1, 0, 0, 0)
_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _normalised_zip(data: bytes) -> bytes:
    """The same zip with fixed member times and document dates, so a seed gives the same bytes."""
    return zip_from(
        [
            (name, _CORE_DATES.sub(rb"\g<1>2026-01-01T00:00:00Z\2", body))
            for name, body in zip_members(data)
        ]
    )


def zip_members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def zip_from(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a duplicate member name is one of the mutations
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, body in members:
                info = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
                archive.writestr(info, body, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _excel_bytes(data: bytes) -> bytes:
    """A saved workbook as Excel would write it, the same bytes for the same seed."""
    return _shared_strings(_normalised_zip(data))


def save_book(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return _excel_bytes(buffer.getvalue())


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
        for name, body in zip_members(data)
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
    return zip_from([*members, ("xl/sharedStrings.xml", table)])


def save_document(document) -> bytes:
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
        return _excel_bytes(path.read_bytes())

    @cached_property
    def committee_xlsx(self) -> bytes:
        path = committee_workbook(self.folder / "committee.xlsx")
        return _excel_bytes(path.read_bytes())

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
        return sheet_csv_rows(self.book(layout).worksheets[0])

    def document(self):
        return docx.Document(io.BytesIO(self.committee_docx))

    def base(self, name: str) -> bytes:
        """A valid file by name: canonical.xlsx, committee.xlsx, committee.docx, *.csv."""
        if name.endswith(".csv"):
            return csv_bytes(self.csv_rows(name.removesuffix(".csv")))
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


def sheet_csv_rows(sheet) -> list[list[str]]:
    """A sheet's rows as Excel saves them as CSV (dates DD/MM/YYYY, merges once)."""
    return [[csv_text(v) for v in values] for values in sheet.iter_rows(values_only=True)]


def csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def csv_bytes(
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
