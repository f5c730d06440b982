"""Mutations: zips with their parts changed, junk added, or their directory lying."""

from __future__ import annotations

import random
import struct

from tests.fuzz.base_plans import zip_members
from tests.fuzz.planned import (
    BASE_ZIPS,
    Planned,
    ext_of,
    mutation,
    open_document_zip,
    with_part,
    with_parts,
)

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


def _zip_part(rng: random.Random) -> tuple[str, str]:
    base = rng.choice(BASE_ZIPS)
    return base, rng.choice(_DOCX_PARTS if base.endswith(".docx") else _XLSX_PARTS)


@mutation("zip-part-missing")
def _part_missing(rng: random.Random) -> Planned:
    base, part = _zip_part(rng)

    def build(bases, r):
        return with_parts(bases.base(base), lambda name, body: None if name == part else body)

    return Planned(f"{base}-without-{part}", ext_of(base), build)


@mutation("zip-part-garbage")
def _part_garbage(rng: random.Random) -> Planned:
    base, part = _zip_part(rng)
    how = rng.choice(("random-bytes", "empty", "cut-in-half", "not-xml", "wrong-root"))

    def build(bases, r):
        def change(body):
            return {
                "random-bytes": r.randbytes(len(body)),
                "empty": b"",
                "cut-in-half": body[: len(body) // 2],
                "not-xml": b'this is not xml at all, {"json": true}',
                "wrong-root": b'<?xml version="1.0"?><html><body>hello</body></html>',
            }[how]

        return with_part(bases.base(base), part, change)

    return Planned(f"{base}-{part}-{how}", ext_of(base), build)


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
            first = zip_members(data)
            part = "word/document.xml" if base.endswith(".docx") else "xl/worksheets/sheet1.xml"
            add = (
                [(part, b'<?xml version="1.0"?><junk/>')]
                if any(n == part for n, _ in first)
                else []
            )
        return with_parts(data, lambda name, body: body, add)

    return Planned(f"{base}-{how}", ext_of(base), build)


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
    return zip_header_lie(base, rng.choice(ZIP_LIE_MEMBERS[ext_of(base)]), lie, ext_of(base))


def zip_header_lie(base: str, member: str, lie: str, ext: str) -> Planned:
    """A valid file (or an OpenDocument spreadsheet, base "ods") whose zip directory lies about
    one member: its version, compression method, encryption, checksum, size or place."""
    field_name, value = ZIP_LIES[lie]

    def build(bases, r):
        if base == "ods":
            data = open_document_zip(b"application/vnd.oasis.opendocument.spreadsheet")
        else:
            data = bases.base(base)
        return _with_central_field(data, member, field_name, value)

    return Planned(f"{base}-{member}-{lie}", ext, build)


@mutation("zip-bomb")
def _zip_bomb(rng: random.Random) -> Planned:
    base = rng.choice(BASE_ZIPS)
    return Planned(f"{base}-300MB-of-zeros", ext_of(base), lambda bases, r: bases.zip_bomb(base))
