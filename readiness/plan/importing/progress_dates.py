"""The dates of a canonical row's progress notes, where the plan gives them in words.

A progress note's date is, in turn:

1. the row's Progress date cell;
2. its column's heading's date: "Progress at March 2026", "Update 01/03/2026", "Position as at
   June 2026" (heading_date; headings reads such a heading as a progress column);
3. the date its text starts with, or a line of it starts with ("13/12/25 - panel met",
   "9.12.25: agreed", "March 2026 – ..."): a note kept as a running log is as recent as its
   latest line, whichever order the lines come in;
4. the import date, as before.

A month without a day is its first day: the note was written in that month, and the first day
is never later than when, so a file imported that same month does not date its note in the
future. A date from the heading or the text is a reading, not a guess: one that is not a real
date (13/13/2025), that is after the import date (the app records no update in the future), or
that is before 2000 (the earliest a plan holds) or, for a date in the text, before the action's
start, is a warning naming the row (or the heading, once) and the value, and the note is dated
by the next rule instead.

A plan may keep one progress column per report ("Update March 2026", "Update June 2026"): each
is a note of its own, dated by its heading, so no report is lost. The latest carries the row's
status; an earlier one carries it too, but In progress for an action now Complete, since a note
written before the end was written while the action was under way.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Protocol

from readiness.files.reading import Cell
from readiness.plan.importing.date_checks import EARLIEST
from readiness.plan.importing.dates import DateProblem, parse_date_cell, read_due_cell
from readiness.plan.input import UpdateInput
from readiness.vocabulary import COMPLETE, IN_PROGRESS

if TYPE_CHECKING:  # headings reads progress headings by heading_date, below
    from readiness.plan.importing.headings import Header

_WHEN = (
    r"\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"  # 13/12/25, 9.12.25, 01-03-2026
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[a-z]{3,9}\.?,?\s+\d{4}"  # 3rd March 2026
    r"|[a-z]{3,9}\.?,?\s+\d{4}"  # March 2026, Sept. 2026
)
# A date a line starts with, then the end of the line or a mark or space before the words.
_LEADING = re.compile(rf"^\s*(?P<when>{_WHEN})(?=$|[\s:;,.)\u2013\u2014-])", re.IGNORECASE)
_HEADING = re.compile(
    rf"^(?:progress(?:\s+update)?|update|latest\s+update|position|progress\s+report)"
    rf"\s*(?:(?:as\s+)?(?:at|of|on|for)\s+|[-\u2013\u2014:(]\s*)?(?P<when>{_WHEN})\)?$",
    re.IGNORECASE,
)


def _read(wording: str) -> tuple[date | None, str | None]:
    """(the date, why it is not a real date) for a date as written; (None, None) if not one."""
    try:
        return parse_date_cell(wording), None
    except DateProblem as problem:
        return None, str(problem)
    except ValueError:
        pass
    month = read_due_cell(wording, 2000)  # a month and year: read as its last day, then its first
    if month.due is not None and month.problem is None:
        return month.due.replace(day=1), None
    return None, None


def heading_date(text: str) -> date | None:
    """The date a progress column's heading gives ("Progress at March 2026"), if it is one."""
    match = _HEADING.match(text.strip())
    return _read(match.group("when"))[0] if match else None


def text_dates(note: str) -> list[tuple[str, date | None, str | None]]:
    """(wording, date, why it is not a real date) for each date a line of the note starts with."""
    found = []
    for line in note.splitlines():
        match = _LEADING.match(line)
        if match:
            day, problem = _read(match.group("when"))
            if day or problem:
                found.append((match.group("when"), day, problem))
    return found


class _Reader(Protocol):
    """What progress_updates needs of template's row reader."""

    header: Header
    imported_on: date
    said: set[str]  # what was said once per file

    def clean(self, row: list[Cell], position: int) -> str: ...

    def problem(self, row, key, value, message, fix, warning=False) -> None: ...


_FIX = "Correct the date, or give the note's date in a Progress date column."


def _out_of_bounds(day: date, imported_on: date, floor: date) -> str | None:
    """Why a note cannot be dated `day`, or None if it can."""
    if day > imported_on:
        return f"after the import date ({imported_on:%d/%m/%Y})"
    if day < floor:
        start = "the action's start" if floor > EARLIEST else "2000, the earliest a plan holds"
        return f"before {start} ({floor:%d/%m/%Y})"
    return None


def _heading_day(reader: _Reader, heading: str, day: date) -> date | None:
    """A progress column's heading's date; None, said once, if it cannot date a note."""
    why = _out_of_bounds(day, reader.imported_on, EARLIEST)
    if why is None:
        return day
    if heading not in reader.said:
        reader.said.add(heading)
        reader.problem(
            reader.header.index + 1,
            None,
            heading,
            f"dates the progress notes under it, but is {why}; they were dated by their text or "
            "the import date instead.",
            "Correct the date in the heading.",
            warning=True,
        )
    return None


def _text_day(reader: _Reader, number: int, note: str, floor: date) -> date | None:
    """The latest date the note's lines start with that can date it; each that cannot, said."""
    latest = None
    for wording, day, problem in text_dates(note):
        why = _out_of_bounds(day, reader.imported_on, floor) if day else None
        if problem or why:
            reader.problem(
                number,
                "progress_note",
                wording,
                f"starts the progress note but {problem or 'is ' + why}; it does not date the "
                "note.",
                _FIX,
                warning=True,
            )
        elif latest is None or day > latest:
            latest = day
    if latest and "text date" not in reader.said:  # a reading, said once for the plan owner
        reader.said.add("text date")
        reader.problem(
            number,
            "progress_note",
            f"{latest:%d/%m/%Y}",
            "was read from the start of the progress note as its date; notes without a date "
            "of their own are dated so throughout the file.",
            "Nothing to do, if that is the note's date; else give it in a Progress date column.",
            warning=True,
        )
    return latest


def progress_updates(
    reader: _Reader,
    number: int,
    row: list[Cell],
    note: str,
    dates: dict[str, date | None],
    status: str,
) -> list[UpdateInput]:
    """The row's progress notes, each dated as the module docstring says, oldest first."""
    header = reader.header
    primary = header.columns.get("progress_note")
    floor = max(dates["start"] or EARLIEST, EARLIEST)

    def dated(text: str, heading: str, day: date | None) -> date:
        found = _heading_day(reader, heading, day) if day else None
        return found or _text_day(reader, number, text, floor) or reader.imported_on

    notes = []
    for position, (heading, day) in header.progress.items():
        text = note if position == primary else reader.clean(row, position)
        if text:
            given = dates["progress_date"] if position == primary else None
            notes.append((given or dated(text, heading, day), text))
    notes.sort(key=lambda n: n[0])
    earlier = IN_PROGRESS if status == COMPLETE else status
    return [
        UpdateInput(day, text, status if index == len(notes) - 1 else earlier)
        for index, (day, text) in enumerate(notes)
    ]
