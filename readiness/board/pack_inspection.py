"""The board pack's next inspection, with the two windows named apart (readiness.inspection.
wording): Ofsted's published window, from which Ofsted may call, and this app's predicted start.
One line of each for the cover, and a table of dates and chances for the inspection page, with
how many readiness tasks are not ready."""

from __future__ import annotations

from readiness.board.pack_tables import Column, Table
from readiness.inspection.checklist import ChecklistSummary
from readiness.inspection.events import EVENT_KINDS
from readiness.inspection.predict import Prediction
from readiness.inspection.wording import (
    chance_words,
    likely_words,
    prediction_line,
    published_window_note,
)

# The chances the Inspection page shows, in days: a month, a quarter, half a year.
CHANCE_DAYS = (30, 91, 182)


def _sentence(words: str) -> str:
    return words[0].upper() + words[1:] + "."


def published_window_line(prediction: Prediction) -> str:
    """Ofsted's published window and what it means, or why it is not known."""
    note = published_window_note(prediction)
    if not note:
        return "Not known: no full inspection of the council is recorded."
    return _sentence(note)


def next_inspection_line(prediction: Prediction) -> str:
    """The predicted next full inspection's type and start in one line, for the cover."""
    return _sentence(prediction_line(prediction))


def checklist_line(checklist: ChecklistSummary) -> str:
    """'4 of 10 readiness tasks not ready (2 past their due date).'"""
    return _sentence(checklist.words)


def inspection_table(prediction: Prediction, checklist: ChecklistSummary) -> Table:
    """Ofsted's published window; the predicted type, start and chances, and what they were
    worked out from; the readiness checklist."""
    coming = prediction.next
    kind = "None predicted"
    if coming:
        kind = EVENT_KINDS[coming.kind] + (", after monitoring visits" * coming.monitoring_first)
    rows = [
        ("Published window", published_window_line(prediction)),
        ("Predicted type", kind),
        ("Predicted start", _sentence(likely_words(prediction.window))),
    ]
    if prediction.within:
        rows += [
            (f"Chance within {d} days", chance_words(prediction.within[d])) for d in CHANCE_DAYS
        ]
    learned = (
        "The national record of inspections."
        if prediction.learned
        else "The usual time between inspections, as no national record of them is loaded."
    )
    rows += [
        ("Chances worked out from", learned),
        ("Readiness checklist", checklist_line(checklist)),
    ]
    return Table("Next inspection", (Column("", 30), Column("", 70)), tuple(rows))
