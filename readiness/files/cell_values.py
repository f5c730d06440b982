"""The value of one cell of a sheet's XML as text, for a message about a cell left out.

Only a few cells are read so (table_area's far cells), so they are parsed one by one with expat,
and the workbook's shared strings are read only as far as the last one needed. Expat runs
without namespace processing: a cell's XML cut out of its sheet has no declarations for its
prefixes, so names are matched by their local part.
"""

from __future__ import annotations

from contextlib import suppress
from typing import IO
from xml.parsers.expat import ExpatError, ParserCreate

_BOOLEANS = {"0": "FALSE", "1": "TRUE"}
_CHUNK_BYTES = 64 * 1024


class _Enough(Exception):
    """Every shared string wanted has been read."""


def cell_value(xml: bytes) -> tuple[str, str]:
    """A cell element's type (its t attribute, "n" if none) and its value as written: a shared
    string's index for type "s", TRUE or FALSE for a boolean, the text of an inline string."""
    kind = "n"
    text: list[str] = []
    path: list[str] = []  # the names of the elements the parser is in, from the cell

    def start(tag: str, attributes: dict[str, str]) -> None:
        nonlocal kind
        if not path:
            kind = attributes.get("t", "n")
        path.append(_local(tag))

    def characters(data: str) -> None:
        if _holds_text(path):
            text.append(data)

    parser = _parser(start, characters)
    parser.EndElementHandler = lambda tag: path.pop()
    with suppress(ExpatError):  # a malformed cell: its characters so far are its value
        parser.Parse(xml, True)
    value = "".join(text).strip()
    return kind, _BOOLEANS.get(value, value) if kind == "b" else value


def shared_strings(stream: IO[bytes], wanted: set[int]) -> dict[int, str]:
    """The shared strings at the `wanted` indices (from 0), read from the sharedStrings part."""
    found: dict[int, list[str]] = {}
    path: list[str] = []
    index = -1
    last = max(wanted)

    def start(tag: str, attributes: dict[str, str]) -> None:
        nonlocal index
        name = _local(tag)
        if name == "si" and len(path) == 1:
            index += 1
            if index > last:
                raise _Enough
        path.append(name)

    def characters(data: str) -> None:
        if index in wanted and _holds_text(path):
            found.setdefault(index, []).append(data)

    parser = _parser(start, characters)
    parser.EndElementHandler = lambda tag: path.pop()
    try:
        while chunk := stream.read(_CHUNK_BYTES):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except (_Enough, ExpatError):  # a damaged part: the strings read so far are given
        pass
    return {at: "".join(parts) for at, parts in found.items()}


def _parser(start, characters):
    parser = ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = start
    parser.CharacterDataHandler = characters
    return parser


def _holds_text(path: list[str]) -> bool:
    """Whether the parser is in a value (v) or a text run (t), not in a phonetic run (rPh)."""
    return bool(path) and path[-1] in ("v", "t") and "rPh" not in path


def _local(tag: str) -> str:
    return tag.rsplit(":", 1)[-1]
