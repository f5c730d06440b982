"""An action's dates in the committee-paper layout, and what is wrong with them.

An action's dates come from its own wording ("by 31/03/2026", "from 1 April 2026"; dates.py
finds them) and, where the paper has one, from its row's due-date column ("Timescale", "When",
"Target date"; committee_header recognises the heading). A row is one theme holding several
actions, so the column gives one date for all of them, while an action's wording speaks for that
action alone: the action's own due date wins when it gives one, and the column's is the fallback
for the actions that give none. The column's cell is read and checked once for its row
(read_row_due), as the canonical layout reads its Due cell, with the same rules (read_due_cell,
and date_checks's 2000 to 2100 window); each action's dates are then checked (action_dates).
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from readiness.files.debris import CellProblem
from readiness.plan.importing.date_checks import DateIssue, check_action_dates
from readiness.plan.importing.dates import (
    STARTS,
    find_due_date,
    find_start_date,
    impossible_dates,
    read_due_cell,
)


class RowDue(NamedTuple):
    """What a row's due-date cell gives its actions: the date (None when the cell gives none or
    is wrong), its wording, why that wording is no due date, and the cell's problems."""

    due: date | None = None
    wording: str | None = None
    why: str | None = None  # "is not an exact date", "is when it starts"
    problems: tuple[CellProblem, ...] = ()


def read_row_due(cell: str | date, reference_year: int) -> RowDue:
    """The row's due-date cell, read as the canonical layout reads its Due cell.

    Wording with no due date in it ("TBC", "From April 2026") is not reported here but on each
    action that falls back to it, as the "no due date" warning an action's own wording gets:
    the warning says which action is undated, which a row's cell cannot.
    """
    found = read_due_cell(cell, reference_year)
    if found.due is None and found.wording and found.problem and found.problem.warning:
        why = "is when it starts" if found.problem.message == STARTS else "is not an exact date"
        return RowDue(None, found.wording, why)
    if found.problem:
        return RowDue(problems=(found.problem,))
    if found.due is None:
        return RowDue()
    outside = [
        CellProblem(i.value, i.message, i.fix, i.warning)
        for i in check_action_dates({"due": found.due}, None)
    ]
    if outside:  # 31/12/9999 stands for "no date": it is reported, and no action gets it
        return RowDue(problems=tuple(outside))
    return RowDue(found.due, found.wording)


class ActionDates(NamedTuple):
    start: date | None
    due: date | None
    due_text: str | None
    problems: list[DateIssue]  # all in the actions column: each quotes its action


def action_dates(text: str, row: RowDue, column: str | None, reference_year: int) -> ActionDates:
    """The action's start, due date and due wording, from its text or else its row's due cell.

    `column` is the due-date column's heading as the paper writes it, None when it has none.
    """
    problems = [
        DateIssue(
            "actions",
            wording,
            f'is not a real date ({reason}), in the action "{short(text)}".',
            "Correct the date, for example 28/02/2026 instead of 31/02/2026.",
        )
        for wording, reason in impossible_dates(text, reference_year)
    ]
    due, due_text = find_due_date(text, reference_year)
    start, start_text = find_start_date(text, reference_year)
    from_column = due is None and row.due is not None
    if from_column:
        due, due_text = row.due, row.wording
    if due and start and due < start:
        where = f"the date in the {column} column" if from_column else "the due date"
        problems.append(
            DateIssue(
                "actions",
                text,
                f"is due ({due:%d/%m/%Y}) before it starts ({start:%d/%m/%Y}).",
                f"Correct the start in the action's wording, or {where}.",
            )
        )
    if due is None:
        if due_text:
            why = f' ("{due_text}" is not an exact date).'
        elif row.wording:
            due_text, why = row.wording, f' ("{row.wording}" in the {column} column {row.why}).'
        elif start_text:
            due_text, why = start_text, f' ("{start_text}" is when it starts).'
        else:
            why = "."
        where = f" or to its row's {column} column" if column else ""
        problems.append(
            DateIssue(
                "actions",
                text,
                "has no due date we can read" + why,
                f"Add a date such as 'by 31/03/2026' to the action{where}; it imports without "
                "one and shows as a data gap.",
                warning=True,
            )
        )
    return ActionDates(start, due, due_text, problems)


def short(text: str, limit: int = 60) -> str:
    """The text on one line, cut to `limit` characters, for quoting it in a message."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
