"""What a mutation plans (Planned), the registry of mutation kinds (MUTATIONS), and the zip
helpers the mutations share.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from tests.fuzz.base_plans import Bases, zip_from, zip_members

REFUSED, EITHER = "refused", "either"
BASE_ZIPS = ("canonical.xlsx", "committee.xlsx", "committee.docx")
BASE_FILES = (*BASE_ZIPS, "canonical.csv", "committee.csv")


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


def ext_of(name: str) -> str:
    return name[name.rindex(".") :]


def with_parts(data: bytes, change: Callable[[str, bytes], bytes | None], add=()) -> bytes:
    """The zip with each part replaced by change(name, body) (None drops it), plus `add`."""
    members = []
    for name, body in zip_members(data):
        new = change(name, body)
        if new is not None:
            members.append((name, new))
    return zip_from(members + list(add))


def with_part(data: bytes, part: str, change: Callable[[bytes], bytes]) -> bytes:
    """The zip with the body of `part` replaced by change(body)."""
    return with_parts(data, lambda name, body: change(body) if name == part else body)


def with_sheet_xml(data: bytes, change: Callable[[bytes], bytes]) -> bytes:
    return with_part(data, "xl/worksheets/sheet1.xml", change)


def xml_cell_build(layout: str, ref: str, cell_xml: str) -> Build:
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
        return with_sheet_xml(bases.xlsx(layout), change)

    return build


def open_document_zip(mimetype: bytes) -> bytes:
    return zip_from(
        [
            ("mimetype", mimetype),
            ("content.xml", b'<?xml version="1.0"?><office:document-content/>'),
            ("META-INF/manifest.xml", b'<?xml version="1.0"?><manifest:manifest/>'),
        ]
    )
