"""Several actions in one action cell, one per line with no bullet or number, in a council's own
table: read as one action per line, the lead cell's lines paired with them.

A cell's lines are separate actions when each reads as a clause of its own: it starts with a
capital letter (or a digit) and is at least two words long, and the line before it does not run
on into it (it does not end in a comma, a colon, a dash or a word such as "and", "of" or "the",
and the line does not start with one such as "and", "to", "which"). A sentence wrapped by hard
returns fails these tests at its first break, and is kept whole:

    Review the threshold guidance        -> three actions
    Audit twenty contacts each month
    Train the front door staff

    Review the threshold guidance with   -> one action
    partners and the police

A cell whose lines carry bullets or numbers is left as written: the canonical layout keeps such
a list as one action's text, as it always has.

The lead cells, and the due and status cells, are paired with the actions line by line when
they hold as many lines; a lead cell of another count of lines gives every action all its
leads, and the note says so. The template's own layout (and so the dashboard's export) is one
action per row, so only a table in a council's own headings is split (row_shapes.py decides),
and the user may turn splitting off (`--no-split-lines`, a box on the Data page).
"""

from __future__ import annotations

import re

from readiness.files.free_text import clean_lines, split_actions
from readiness.files.reading import Cell

# Cells paired line by line with the actions when they hold as many lines; other cells are the
# same for every action of the row.
PAIRED = ("service_leads", "other_leads", "due", "status")
LEAD_KEYS = ("service_leads", "other_leads")
# A line ending so runs on into the next; a line starting so continues the one before.
_RUNS_ON = re.compile(
    r"(?:[,:;/&(\-–—]|\b(?:and|or|of|the|a|an|to|with|for|in|on|by|at|from|including|"
    r"such as|e\.g\.|i\.e\.|via|into|across|between|within))$",
    re.IGNORECASE,
)
_CARRIES_ON = re.compile(
    r"^(?:and|or|but|so|to|which|that|this|these|including|with|as|then|in order|"
    r"ensuring|because|where|when|who)\b",
    re.IGNORECASE,
)
MAX_LINES = 30  # more lines than this in one cell is a paragraph pasted in, not a list


def separate_lines(cell: Cell) -> list[str] | None:
    """The cell's lines when each reads as an action of its own (see the module's docstring),
    else None."""
    if not isinstance(cell, str) or "\n" not in cell and "\r" not in cell and "<" not in cell:
        return None
    lines = clean_lines(cell)
    if not 2 <= len(lines) <= MAX_LINES or split_actions(cell) != lines:
        return None  # one line, a paragraph, or a list with its own bullets or numbers
    for before, line in zip([None, *lines[:-1]], lines, strict=True):
        first = line[0]
        if not (first.isupper() or first.isdigit()) or len(line.split()) < 2:
            return None
        if _CARRIES_ON.match(line) or (before is not None and _RUNS_ON.search(before)):
            return None
    return lines


def _lines(cell: Cell) -> list[str]:
    return clean_lines(cell) if isinstance(cell, str) else [cell]


def split_row(row: list[Cell], columns: dict[str, int]) -> tuple[list[list[Cell]], str]:
    """The row as one row per action when its action cell holds several (else the row alone),
    and how the leads went with them: "paired" line by line, "all" (a lead cell's lines are not
    as many, so every action has them all) or "same" (one lead for all, or none)."""
    position = columns.get("action")
    actions = separate_lines(row[position]) if position is not None else None
    if actions is None:
        return [row], "same"
    pieces = [list(row) for _ in actions]
    leads = "same"
    for key in PAIRED:
        at = columns.get(key)
        if at is None:
            continue
        lines = _lines(row[at])
        if len(lines) == len(actions):
            for piece, line in zip(pieces, lines, strict=True):
                piece[at] = line
            leads = "paired" if key in LEAD_KEYS and leads == "same" else leads
        elif len(lines) > 1 and key in LEAD_KEYS:
            leads = "all"
    for piece, action in zip(pieces, actions, strict=True):
        piece[position] = action
    return pieces, leads


_LEADS_SAID = {
    "paired": ", each with the lead on its line of the lead cell",
    "all": "; the lead cell's lines are not as many, so every action has all its leads",
    "same": "",
}


def said(count: int, leads: str) -> tuple[str, str]:
    """(message, fix) of the note a split row gets."""
    return (
        f"{count} actions were read from this one cell, one per line{_LEADS_SAID[leads]}.",
        "Nothing, if each line is an action. If the lines are one action, join them into one "
        "line, or import without splitting (--no-split-lines; on the Data page, untick "
        '"One action per line").',
    )
