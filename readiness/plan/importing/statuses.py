"""Reading a status cell: the words councils write for how an action stands, each read as one of
the dashboard's three statuses (Not started, In progress, Complete).

One table (WORDS) says what each word becomes and why. The dashboard works out each action's
colour from its dates and status by its own rules, so a word that says how an action is going
("On track", "Off track", "Delayed", a RAG colour) is read as the stage it implies, not kept as
a colour: the dashboard's own colour replaces it. Each word other than the template's own is
said once per file, with what it became, so the plan owner can see every reading at a glance;
a word not in the table is a problem naming the row, never a guess. A status cell with no words
but filled in a RAG colour is read as that colour's word (read_fill).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from readiness.text import squash
from readiness.vocabulary import ACTION_STATUS_LABELS, COMPLETE, IN_PROGRESS, NOT_STARTED

# The template's own words: read without comment.
EXACT = {
    "notstarted": NOT_STARTED,
    "inprogress": IN_PROGRESS,
    "complete": COMPLETE,
    "completed": COMPLETE,
    "done": COMPLETE,
}
# Other words councils write (as squash leaves them), what each is read as, and why.
WORDS: dict[str, tuple[str, str]] = {
    # Nothing done yet, said in other words.
    "notyetstarted": (NOT_STARTED, "nothing has been done yet"),
    # It says the due date has not come, not that work has begun; were it under way the plan
    # would say so. The dashboard judges whether it should have started from its dates.
    "notyetdue": (NOT_STARTED, "it says the due date has not come, not that work has begun"),
    # Work has begun and goes on: the plain meaning of each.
    "started": (IN_PROGRESS, "work on it has begun"),
    "ongoing": (IN_PROGRESS, "work on it has begun and goes on"),
    "underway": (IN_PROGRESS, "work on it has begun"),
    # Each says how an action under way is going: under way is the stage; whether it is late
    # the dashboard works out from its dates, by the same rules for every plan.
    "ontrack": (IN_PROGRESS, "it is under way; the dashboard judges from its dates if it is late"),
    "offtrack": (IN_PROGRESS, "it is under way; the dashboard judges from its dates how late"),
    "delayed": (IN_PROGRESS, "it is under way; the dashboard judges from its dates how late"),
}
# RAG and BRAG colours, and their letters. Blue is the BRAG colour for done; Green, Amber and Red
# say how an action under way is going, so each is In progress (not Not started: a colour is
# given to an action once it is being worked on). Said once for all colours (RAG_READ).
RAG = {
    "blue": COMPLETE,
    "b": COMPLETE,
    "green": IN_PROGRESS,
    "g": IN_PROGRESS,
    "amber": IN_PROGRESS,
    "a": IN_PROGRESS,
    "red": IN_PROGRESS,
    "r": IN_PROGRESS,
}
_REPLACED = (
    "The dashboard works out each action's colour from its dates and status by its own rules, so "
    "the plan's colours are replaced by the dashboard's."
)
RAG_READ = (
    "was read as a RAG colour (Blue, or B, as Complete; Green, Amber and Red, or G, A and R, as "
    f"In progress). {_REPLACED}"
)
FILL_READ = (
    "was read from the cell's fill colour, as the plan shows this status by colour alone: a RAG "
    f"colour (Blue as Complete; Green, Amber and Red as In progress). {_REPLACED}"
)
EXACT_FIX = "Nothing to do; write Not started, In progress or Complete to be exact."
UNKNOWN = "is not a status we recognise."
UNKNOWN_FIX = "Write Not started, In progress or Complete (or leave it blank for Not started)."
# A status word followed by more: "Complete - evidence submitted", "Delayed: awaiting funding",
# "Green (on track)". The word before the mark is read; the rest is said, not kept.
_QUALIFIED = re.compile(r"^(.+?)\s*(?:\s[-\u2013\u2014]\s*|:|\(|\u2013|\u2014)\s*(.+)$")


class StatusRead(NamedTuple):
    """What a status cell was read as, and what to say about it once per file (`said` is the
    key it is said under: the word itself, or "rag" for every colour)."""

    status: str | None
    said: str | None = None
    message: str | None = None


def _word(text: str) -> StatusRead | None:
    key = squash(text)
    if key in EXACT:
        return StatusRead(EXACT[key])
    if key in WORDS:
        status, why = WORDS[key]
        label = ACTION_STATUS_LABELS[status]
        return StatusRead(status, key, f"was read as {label}: {why}.")
    if key in RAG:
        return StatusRead(RAG[key], "rag", RAG_READ)
    return None


def rag_status(cell: str) -> str | None:
    """The status a RAG colour or its letter stands for ("Amber" is in progress), else None."""
    return RAG.get(squash(cell))


def read_cell(number: int, cell: str, colour: str | None, said: set[str], problem) -> str | None:
    """The status a plan's status cell gives: its words, or with none its fill colour (Red,
    Amber, Green, Blue: readiness.files.fills); None for a cell with neither.

    A word we do not know is a problem, `problem(number, "status", value, message, fix,
    warning=...)` (the importer's own), and reads as Not started; each reading other than the
    template's own is said once per file, as a warning, under its key in `said`."""
    if cell:
        read = read_status(cell)  # one table of the words councils write
    elif colour:
        read, cell = read_fill(colour), f"{colour} fill"
    else:
        return None
    if read.status is None:
        problem(number, "status", cell, UNKNOWN, UNKNOWN_FIX, warning=False)
        return NOT_STARTED
    if read.said and read.said not in said:
        said.add(read.said)
        problem(number, "status", cell, read.message, EXACT_FIX, warning=True)
    return read.status


def read_fill(colour: str) -> StatusRead:
    """The status a status cell with no words gives by its fill colour (Red, Amber, Green, Blue:
    readiness.files.fills), said once per file for all colours."""
    return StatusRead(RAG[squash(colour)], "fill", FILL_READ)


def read_status(cell: str) -> StatusRead:
    """The status a non-empty status cell gives (status None: a word we do not know)."""
    found = _word(cell)
    if found is not None:
        return found
    qualified = _QUALIFIED.match(" ".join(cell.split()))
    found = _word(qualified.group(1)) if qualified else None
    if found is None:
        return StatusRead(None)
    label = ACTION_STATUS_LABELS[found.status]
    rest = f'the words after "{qualified.group(1)}" are not kept'
    return StatusRead(found.status, squash(cell), f"was read as {label} ({rest}).")
