"""Text tables for the command line that fit the terminal: short values in fixed columns, and one
column of long text (an indicator's name, a recommendation's title, an action) wrapped between
words, never cut. Where the terminal leaves that column too narrow to read, the text goes on
lines of its own and the values on the line after it (before it, when the text is the last
column)."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

# Narrower than this, a wrapped column of words reads as a list of fragments.
MIN_TEXT = 24
# Wider than this, a line of text is hard to follow back to its values.
MAX_TEXT = 60
_GAP = "  "
_INDENT = "  "  # the values under (or the text under) a row laid out on two lines


def terminal_width() -> int:
    """The terminal's width in characters: $COLUMNS, else the terminal's own, else 80."""
    return shutil.get_terminal_size().columns


def wrapped(text: str, width: int, indent: str = "") -> list[str]:
    """`text` in lines of at most `width` characters, broken between words only (a word longer
    than the line is kept whole)."""
    return textwrap.wrap(
        text,
        width,
        initial_indent=indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


@dataclass(frozen=True)
class Column:
    heading: str
    right: bool = False  # figures are aligned on the right, words on the left
    gap: str = _GAP  # before this column


@dataclass(frozen=True)
class Row:
    text: Sequence[str]  # the long text, one paragraph an item (a name, then a note on it)
    values: Sequence[str]  # one a fixed column


def text_table(
    text_heading: str,
    columns: Sequence[Column],
    rows: Sequence[Row],
    width: int,
    *,
    text_first: bool = True,
) -> list[str]:
    """The table's lines: a heading line, then each row. The fixed columns are as wide as their
    widest value or heading; no line is longer than `width` unless one word is, or the fixed
    columns alone are."""
    widths = [
        max([len(c.heading), *(len(r.values[i]) for r in rows)]) for i, c in enumerate(columns)
    ]

    def values(cells: Sequence[str]) -> str:
        line = ""
        for i, (column, cell, w) in enumerate(zip(columns, cells, widths, strict=True)):
            line += ("" if i == 0 else column.gap) + (
                cell.rjust(w) if column.right else cell.ljust(w)
            )
        return line.rstrip()

    fixed = len(values(["x" * w for w in widths]))
    longest = max([len(text_heading), *(len(part) for row in rows for part in row.text)])
    room = width - fixed - len(_GAP)
    headings = values([c.heading for c in columns])
    if room < min(MIN_TEXT, longest):
        return _stacked(text_heading, headings, rows, values, width, text_first)
    text_width = min(MAX_TEXT, longest, room)
    lines = [
        f"{text_heading:<{text_width}}{_GAP}{headings}"
        if text_first
        else f"{headings:<{fixed}}{_GAP}{text_heading}"
    ]
    blank = " " * (fixed + len(_GAP))
    for row in rows:
        text = _text_lines(row, text_width)
        if text_first:
            lines.append(f"{text[0]:<{text_width}}{_GAP}{values(row.values)}".rstrip())
            lines += text[1:]
        else:
            lines.append(f"{values(row.values):<{fixed}}{_GAP}{text[0]}")
            lines += [blank + line for line in text[1:]]
    return lines


def _stacked(text_heading, headings, rows, values, width, text_first) -> list[str]:
    """Each row on lines of its own: its text across the whole width, and its values."""
    if text_first:  # the text leads each row, its values under it, indented
        lines = [text_heading, _INDENT + headings]
        for row in rows:
            lines += [*_text_lines(row, width), _INDENT + values(row.values)]
    else:  # the values lead each row, its text under them, indented
        lines = [headings, _INDENT + text_heading]
        for row in rows:
            lines += [values(row.values), *_text_lines(row, width, _INDENT)]
    return lines


def _text_lines(row: Row, width: int, indent: str = "") -> list[str]:
    return [line for part in row.text for line in wrapped(part, width, indent)]
