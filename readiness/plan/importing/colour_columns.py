"""Colours in a plan's table that say something: a status cell filled in a RAG colour
(readiness.files.fills), and a column that shows something by colour alone.

A fill counts only where it stands out from its row (status_colour): a colour the row's other
cells share is the table's look (banded rows, a shaded row, a coloured sheet), not a status, so
light-blue banding never reads as Complete.

A column with no heading and no words, only coloured cells, is often a plan's RAG status. It is
read as the status only when the user says so (a heading, or a mapping by its letter: the
mapping step lists it, with its first colour as its example), and is never passed over without a
word.
"""

from __future__ import annotations

from collections import Counter

from readiness.files.reading import Cell, Fills
from readiness.plan.importing.mapping import column_letter


def status_colour(fills: Fills, row: int, column: int, width: int) -> str | None:
    """The RAG colour of the cell at (row, column), from 0, if it stands out from its row: no
    other of the row's first `width` cells has the same fill (the same shade, not merely the same
    RAG colour: a blue status cell on a pale-blue band stands out)."""
    fill = fills.get((row, column))
    if fill is None:
        return None
    shared = any(fills.get((row, other)) == fill for other in range(width) if other != column)
    return None if shared else fill.rag


def colour_only(rows: list[list[Cell]], fills: Fills, index: int) -> dict[int, list[str]]:
    """Each column blank on the heading row (`index`) and in every row below it, whose cells
    below it are coloured, standing out from their rows: its colours, in row order."""
    found: dict[int, list[str]] = {}
    width = len(rows[index]) if index < len(rows) else 0
    for (row, column), fill in sorted(fills.items()):
        if row > index and status_colour(fills, row, column, width):
            found.setdefault(column, []).append(fill.rag)
    heading = rows[index] if index < len(rows) else []
    return {
        column: colours
        for column, colours in found.items()
        if not (column < len(heading) and heading[column])
        and not any(column < len(row) and row[column] for row in rows[index + 1 :])
    }


def unread(
    rows: list[list[Cell]], fills: Fills, index: int, read: set[int]
) -> list[tuple[str, str]]:
    """(message, fix) for each colour-only column that is not among the columns `read`."""
    said = []
    for column, colours in colour_only(rows, fills, index).items():
        if column in read:
            continue
        letter = column_letter(column)
        counts = ", ".join(f"{n} {colour}" for colour, n in Counter(colours).most_common())
        said.append(
            (
                f"Column {letter} has no heading and no words, but {len(colours)} of its cells "
                f"are coloured ({counts}): the colours were not read.",
                "If it shows each action's status, give it the heading RAG and import again "
                f"(or read Column {letter} as the Status on the Data page, or give --map "
                f'"{letter}=status"): its colours are then read as each action\'s status.',
            )
        )
    return said
