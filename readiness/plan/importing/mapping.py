"""The user's own reading of a sheet's columns: which column holds which field.

Where a plan's headings are not ones the importer knows ("Who's on it?", "Date to finish"), or a
column has no heading at all, the user says what each column holds: on the Data page's mapping
step, or on the command line with `--map "When?=due,Who?=service_leads"`. The choice is
remembered (readiness.plan.store.column_maps) under the sheet's heading row, so the next import
of a file with the same heading row reads it the same way without being asked again.

A column is named (column_at) by:

- its heading, matched as the importer matches its own headings (heading_key: case, spaces,
  punctuation and a final plural "s" do not count);
- its letter or 1-based position ("D", "4", "column D"): for a column with no heading, or one
  sharing its heading with another;
- its heading in double quotes ('"Outcome (Q1, Q2)"=progress_note'): for a heading holding a
  comma or "=", or one that reads as a letter. A heading with a comma typed without quotes is
  read whole all the same: a piece with no "=" runs on to the next.

A bare name that is both a heading and a column letter is read as the heading (as names always
were), and a heading two columns share as the first of them; either is said, with how to name
the other (Resolved.notes), never a silent guess.

A field is named by its key ("due") or its template heading ("Due", "Service leads") or another
heading it is known by ("Lead", "Progress"); "-" or "none" says the column is not imported.
"""

from __future__ import annotations

import hashlib
import json
import re
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
# Double quotes as typed, and as a word processor curls them.
_QUOTES = {'"': '"', "\u201c": "\u201d"}
# "D", "AB" or "4": a column's letters or its 1-based position.
_BARE_COLUMN = re.compile(r"[a-z]{1,3}|\d{1,5}", re.IGNORECASE)
# "column D", "col. 4", and the Data page's own label "Column D (no heading)".
_NAMED_COLUMN = re.compile(r"col(?:umn)?\.?\s+([a-z]{1,3}|\d{1,5})(?:\s*\(.*\))?", re.IGNORECASE)


def heading_key(text: str) -> str:
    """A heading compared loosely: letters and digits only, without a final plural "s"."""
    s = squash(text) or text.strip()  # "#" has no letters but is a heading all the same
    return s[:-1] if s.endswith("s") else s


def row_headings(row: Sequence[object]) -> list[str]:
    """The texts on a row short enough to be headings, one per column ("" where there is none)."""
    return [c.strip() if isinstance(c, str) and len(c) <= _MAX_HEADING_CHARS else "" for c in row]


def column_letter(position: int) -> str:
    """A 0-based column's letters, as a spreadsheet shows them: 0 is "A", 27 is "AB"."""
    letters, number = "", position + 1
    while number:
        number, left = divmod(number - 1, 26)
        letters = chr(65 + left) + letters
    return letters


def column_label(row: Sequence[object], position: int) -> str:
    """A column as the mapping step shows it: its heading, or its letter and what it holds."""
    cell = row[position] if position < len(row) else ""
    text = cell.strip() if isinstance(cell, str) else ""
    if text and len(text) <= _MAX_HEADING_CHARS:
        return text
    letter = column_letter(position)
    return f"Column {letter} ({text[:30]}…)" if text else f"Column {letter} (no heading)"


class MapError(ValueError):
    """A mapping the user typed that cannot be used; the message says why and what to do."""


# --- Naming a column --------------------------------------------------------------------------


def _position(reference: str) -> int:
    """The 0-based column of "D" or "4" (-1 for "0", which names no column)."""
    if reference.isdigit():
        return int(reference) - 1
    number = 0
    for letter in reference.upper():
        number = number * 26 + ord(letter) - 64
    return number - 1


def _read_name(written: str) -> tuple[str | None, int | None]:
    """(the heading a name may be, the column it may be) for a name as written."""
    text = written.strip()
    if len(text) >= 2 and _QUOTES.get(text[0]) == text[-1]:
        return text[1:-1].replace('""', '"').strip(), None
    if named := _NAMED_COLUMN.fullmatch(text):
        return None, _position(named.group(1))
    return text, _position(text) if _BARE_COLUMN.fullmatch(text) else None


def _texts(row: Sequence[object]) -> list[str]:
    return [c.strip() if isinstance(c, str) else "" for c in row]


@dataclass(frozen=True)
class _Located:
    """Where a name points on a heading row, and what else it might have meant."""

    position: int | None
    by_heading: bool = False
    also_headed: tuple[int, ...] = ()  # other columns with the same heading
    as_letter: int | None = None  # the column it would be as a letter, if another


def column_at(row: Sequence[object], written: str) -> _Located:
    """The column a name typed in a mapping names on the heading row (see the module docstring)."""
    heading, column = _read_name(written)
    if column is not None and not 0 <= column < len(row):
        column = None
    if heading:
        key = heading_key(heading)
        found = [p for p, t in enumerate(_texts(row)) if t and heading_key(t) == key]
        if found:
            other = column if column is not None and column != found[0] else None
            return _Located(found[0], True, tuple(found[1:]), other)
    return _Located(column)


def column_name(row: Sequence[object], position: int) -> str:
    """How a mapping names a column so that it is read back as this column and no other: its
    heading, in quotes if it holds a comma or "=" or reads as a letter; its letter when it has
    no heading, a long one, or one another column has too."""
    texts = _texts(row)
    text = texts[position] if position < len(texts) else ""
    at = column_at(row, text) if text and len(text) <= _MAX_HEADING_CHARS else _Located(None)
    if at.position == position and not at.also_headed:
        if any(m in text for m in ',="\u201c\u201d') or at.as_letter is not None:
            return '"' + text.replace('"', '""') + '"'
        return text
    letter = column_letter(position)
    return f"column {letter}" if column_at(row, letter).by_heading else letter


def _notes(written: str, field: str, at: _Located, row: Sequence[object]) -> list[str]:
    label = FIELD_LABELS[field].lower()
    notes = []
    if at.also_headed:
        others = " and ".join(column_letter(p) for p in at.also_headed)
        first = column_letter(at.position or 0)
        notes.append(
            f'"{written}" heads columns {first} and {others}: column {first} was read as '
            f"{label}. To read another, name it by its letter instead "
            f'("{column_name(row, at.also_headed[0])}={field}").'
        )
    if at.as_letter is not None:
        letter = column_letter(at.as_letter)
        notes.append(
            f'"{written}" is a heading (column {column_letter(at.position or 0)}) and a column '
            f"letter: it was read as the heading, as {label}. To mean column {letter}, write "
            f'"column {letter}={field}".'
        )
    return notes


@dataclass(frozen=True)
class Resolved:
    """A mapping read against one heading row."""

    fields: dict[int, str]  # 0-based column -> field (or IGNORE)
    notes: tuple[str, ...]  # how a name that could mean two columns was read
    named: bool  # whether any name was found among the row's headings


@dataclass(frozen=True)
class ColumnMap:
    """Each column as the user named it (see column_at), and the field it holds (or IGNORE)."""

    chosen: tuple[tuple[str, str], ...]

    def __post_init__(self) -> None:
        # Each column of progress gives a note of its own (progress_dates); any other field
        # in two columns would leave one unread.
        fields = [f for _, f in self.chosen if f not in (IGNORE, "progress_note")]
        twice = sorted({f for f in fields if fields.count(f) > 1})
        if twice:
            names = ", ".join(FIELD_LABELS[f] for f in twice)
            raise MapError(
                f"More than one column is mapped to {names}. Map each field to one column only."
            )

    def by_key(self) -> ColumnMap:
        """What the heading readers take: the map itself, read against each row (resolve)."""
        return self

    def resolve(self, row: Sequence[object]) -> Resolved:
        fields: dict[int, str] = {}
        notes: list[str] = []
        named = False
        for written, field in self.chosen:
            at = column_at(row, written)
            if at.position is None:  # said by the importer (headings.not_on_row)
                continue
            named |= at.by_heading
            taken = fields.setdefault(at.position, field)
            if taken != field:
                notes.append(
                    f'"{written}" names column {column_letter(at.position)}, which an earlier '
                    f"name in the mapping gives as {FIELD_LABELS[taken].lower()}: it was read so."
                )
                continue
            notes.extend(_notes(written, field, at, row))
        return Resolved(fields, tuple(notes), named)

    def describe(self) -> str:
        return ", ".join(f"{_shown(h)} as {FIELD_LABELS[f].lower()}" for h, f in self.chosen)

    def to_json(self) -> str:
        return json.dumps([list(pair) for pair in self.chosen], ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> ColumnMap:
        return cls(tuple((h, f) for h, f in json.loads(text) if f in FIELD_LABELS))


def _shown(written: str) -> str:
    heading, column = _read_name(written)
    if heading is None and column is not None:
        return f"column {column_letter(column)}"
    return f'"{heading}"'


def field_named(word: str) -> str:
    """The field key for a field's key or heading as typed ("due", "Service leads", "-")."""
    # squash leaves nothing of "?" or "#": such a word names no field.
    key = IGNORE if word.strip() == "-" else _FIELD_WORDS.get(squash(word) or "?")
    if key is None:
        known = ", ".join(FIELDS)
        raise MapError(f'"{word}" is not a field. Use one of: {known}; or "-" for not imported.')
    return key


_PAIR_HELP = (
    'write it as "Heading=field", for example "When?=due". Put a heading holding a comma or '
    '"=" in double quotes ("Outcome (Q1, Q2)"=progress_note), or name its column by its letter '
    "(D=due)."
)


def _pieces(text: str) -> list[str]:
    """The text split at each comma outside double quotes."""
    pieces, current, closing = [], [], None
    for char in text:
        if closing is not None:
            closing = None if char == closing else closing
        elif char in _QUOTES:
            closing = _QUOTES[char]
        elif char == ",":
            pieces.append("".join(current))
            current = []
            continue
        current.append(char)
    if closing is not None:
        raise MapError(f"A quote in {text.strip()!r} is not closed: {_PAIR_HELP}")
    return [*pieces, "".join(current)]


def _pair(piece: str) -> tuple[str, str]:
    text = piece.strip()
    closing = _QUOTES.get(text[:1])
    if closing:  # a quoted heading, then "=field"
        end = text.rfind(closing)
        name, rest = text[: end + 1], text[end + 1 :].strip()
        equals, field = rest[:1], rest[1:]
    else:
        name, equals, field = text.rpartition("=")
    if equals != "=" or not name.strip() or name.strip() in ('""', "\u201c\u201d"):
        raise MapError(f'"{text}" is not a heading and a field: {_PAIR_HELP}')
    return name.strip(), field_named(field)


def parse_map_option(texts: Iterable[str]) -> ColumnMap:
    """A ColumnMap from --map values: "name=field" pairs separated by commas."""
    chosen: list[tuple[str, str]] = []
    for text in texts:
        waiting = ""  # a heading's text before a comma it holds, unquoted
        for piece in filter(str.strip, _pieces(text)):
            piece = f"{waiting},{piece}" if waiting else piece
            if "=" not in piece:
                waiting = piece
                continue
            waiting = ""
            chosen.append(_pair(piece))
        if waiting:
            raise MapError(f'"{waiting.strip()}" is not a heading and a field: {_PAIR_HELP}')
    if not chosen:
        raise MapError('--map needs at least one "Heading=field" pair, for example "When?=due".')
    return ColumnMap(tuple(chosen))


def signature(row: Sequence[object]) -> str | None:
    """What a heading row is remembered by: a hash of its headings, in order (None: no headings).

    A hash, not the text, so that a row of many long headings still fits a database index. A
    column with no heading before the last heading counts too, so a mapping that names columns
    by letter is not used for a file whose columns lie elsewhere; a row with no such column
    hashes as it did before columns could be named so, keeping the mappings remembered then."""
    texts = row_headings(row)
    last = max((p for p, t in enumerate(texts) if t), default=-1)
    keys = [heading_key(t) if t else "" for t in texts[: last + 1]]
    if sum(1 for k in keys if k) < 2:  # one short text is a title or a note, not headings
        return None
    return hashlib.sha256("|".join(keys).encode()).hexdigest()


@dataclass(frozen=True)
class FoundHeadings:
    """A sheet's likeliest heading row, as shown on the mapping step: each column with a heading,
    and each without one that holds values ("Column D (no heading)")."""

    file: str
    sheet: str | None
    row: int  # 1-based, as the spreadsheet shows it
    headings: tuple[str, ...]  # each column's heading (column_label), in order
    names: tuple[str, ...]  # how a mapping names each column (column_name)
    read_as: tuple[str | None, ...]  # the field each is read as now, if any
    examples: tuple[str, ...]  # the first value under each, to help the user recognise it
    signature: str | None

    def mapping(self, fields: Sequence[str]) -> ColumnMap:
        """The ColumnMap for the fields chosen for each column, in order."""
        return ColumnMap(tuple(zip(self.names, fields, strict=True)))
