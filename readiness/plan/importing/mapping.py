"""The user's own reading of a sheet's columns: which heading holds which field.

Where a plan's headings are not ones the importer knows ("Who's on it?", "Date to finish"), the
user says what each column holds: on the Data page's mapping step, or on the command line with
`--map "When?=due,Who?=service_leads"`. The choice is remembered
(readiness.plan.store.column_maps) under the sheet's heading row, so the next import of a file
with the same headings reads it the same way without being asked again.

A heading is matched as the importer matches its own headings (headings.heading_key: case,
spaces, punctuation and a final plural "s" do not count). A field is named by its key ("due") or
its template heading ("Due", "Service leads") or another heading it is known by ("Lead",
"Progress"); "-" or "none" says the column is not imported.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from readiness.plan.canonical import CANONICAL_COLUMNS
from readiness.text import squash

IGNORE = "not_imported"
FIELDS = tuple(c.key for c in CANONICAL_COLUMNS)
FIELD_LABELS = {c.key: c.heading for c in CANONICAL_COLUMNS} | {IGNORE: "Not imported"}
# A field may be named by its key, its template heading or one of its aliases ("Lead", "When").
_FIELD_WORDS = (
    {squash(alias): c.key for c in CANONICAL_COLUMNS for alias in c.aliases}
    | {squash(key): key for key in FIELD_LABELS}
    | {squash(label): key for key, label in FIELD_LABELS.items()}
    | {"none": IGNORE}
)
_MAX_HEADING_CHARS = 40  # longer text on a row is content, not a heading


def heading_key(text: str) -> str:
    """A heading compared loosely: letters and digits only, without a final plural "s"."""
    s = squash(text) or text.strip()  # "#" has no letters but is a heading all the same
    return s[:-1] if s.endswith("s") else s


def row_headings(row: Sequence[object]) -> list[str]:
    """The texts on a row short enough to be headings, one per column ("" where there is none)."""
    return [c.strip() if isinstance(c, str) and len(c) <= _MAX_HEADING_CHARS else "" for c in row]


class MapError(ValueError):
    """A mapping the user typed that cannot be used; the message says why and what to do."""


@dataclass(frozen=True)
class ColumnMap:
    """Each heading, as the user wrote it, and the field its column holds (or IGNORE)."""

    chosen: tuple[tuple[str, str], ...]

    def __post_init__(self) -> None:
        fields = [f for _, f in self.chosen if f != IGNORE]
        twice = sorted({f for f in fields if fields.count(f) > 1})
        if twice:
            names = ", ".join(FIELD_LABELS[f] for f in twice)
            raise MapError(
                f"More than one column is mapped to {names}. Map each field to one column only."
            )

    def by_key(self) -> dict[str, str]:
        return {heading_key(h): f for h, f in self.chosen}

    def describe(self) -> str:
        return ", ".join(f'"{h}" as {FIELD_LABELS[f].lower()}' for h, f in self.chosen)

    def to_json(self) -> str:
        return json.dumps([list(pair) for pair in self.chosen], ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> ColumnMap:
        return cls(tuple((h, f) for h, f in json.loads(text) if f in FIELD_LABELS))


def field_named(word: str) -> str:
    """The field key for a field's key or heading as typed ("due", "Service leads", "-")."""
    # squash leaves nothing of "?" or "#": such a word names no field.
    key = IGNORE if word.strip() == "-" else _FIELD_WORDS.get(squash(word) or "?")
    if key is None:
        known = ", ".join(FIELDS)
        raise MapError(f'"{word}" is not a field. Use one of: {known}; or "-" for not imported.')
    return key


def parse_map_option(texts: Iterable[str]) -> ColumnMap:
    """A ColumnMap from --map values: "Heading=field" pairs separated by commas."""
    chosen: list[tuple[str, str]] = []
    for text in texts:
        for pair in filter(str.strip, text.split(",")):
            heading, equals, field = pair.rpartition("=")
            if not equals or not heading.strip():
                raise MapError(
                    f'"{pair.strip()}" is not a heading and a field: write it as '
                    '"Heading=field", for example "When?=due".'
                )
            chosen.append((heading.strip(), field_named(field)))
    if not chosen:
        raise MapError('--map needs at least one "Heading=field" pair, for example "When?=due".')
    return ColumnMap(tuple(chosen))


def signature(row: Sequence[object]) -> str | None:
    """What a heading row is remembered by: a hash of its headings, in order (None: no headings).

    A hash, not the text, so that a row of many long headings still fits a database index."""
    keys = [heading_key(h) for h in row_headings(row) if h]
    if len(keys) < 2:  # one short text is a title or a note, not a row of headings
        return None
    return hashlib.sha256("|".join(keys).encode()).hexdigest()


@dataclass(frozen=True)
class FoundHeadings:
    """A sheet's likeliest heading row, as shown on the mapping step."""

    file: str
    sheet: str | None
    row: int  # 1-based, as the spreadsheet shows it
    headings: tuple[str, ...]  # each heading on the row, in order, blanks left out
    read_as: tuple[str | None, ...]  # the field each is read as now, if any
    examples: tuple[str, ...]  # the first value under each, to help the user recognise it
    signature: str | None

    def mapping(self, fields: Sequence[str]) -> ColumnMap:
        """The ColumnMap for the fields chosen for each heading, in order."""
        return ColumnMap(tuple(zip(self.headings, fields, strict=True)))
