"""Mutations: whole files that are not what their name says."""

from __future__ import annotations

import random

from tests.fuzz.base_plans import zip_from
from tests.fuzz.planned import (
    BASE_FILES,
    BASE_ZIPS,
    EITHER,
    REFUSED,
    Planned,
    ext_of,
    mutation,
    open_document_zip,
)


@mutation("truncated-zip")
def _truncated(rng: random.Random) -> Planned:
    base = rng.choice(BASE_ZIPS)
    if rng.random() < 0.3:
        cut = rng.randint(1, 40)

        def build(bases, r):
            data = bases.base(base)
            return data[: len(data) - cut]

        return Planned(f"{base}-last-{cut}-bytes-cut", ext_of(base), build, REFUSED)
    percent = rng.randint(1, 99)

    def build(bases, r):
        data = bases.base(base)
        return data[: len(data) * percent // 100]

    return Planned(f"{base}-at-{percent}pct", ext_of(base), build, REFUSED)


@mutation("flipped-bytes")
def _flipped(rng: random.Random) -> Planned:
    base = rng.choice(BASE_ZIPS)
    flips = rng.choice((1, 2, 5, 20, 200))

    def build(bases, r):
        data = bytearray(bases.base(base))
        for _ in range(flips):
            data[r.randrange(len(data))] ^= 1 << r.randrange(8)
        return bytes(data)

    return Planned(f"{base}-{flips}-bits", ext_of(base), build)


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
    return Planned("no-members", ext, lambda b, r: zip_from([]), REFUSED)


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
            lambda b: open_document_zip(b"application/vnd.oasis.opendocument.spreadsheet"),
            ".xlsx",
            REFUSED,
        ),
        "odt-named-docx": (
            lambda b: open_document_zip(b"application/vnd.oasis.opendocument.text"),
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
            lambda b: zip_from([("plan.xlsx", b.canonical_xlsx)]),
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
        ext_of(base),
        lambda bases, r: bases.base(base),
        keep_name=True,
    )
