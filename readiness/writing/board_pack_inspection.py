"""The board pack's next inspection: the predicted type and window in one line for the cover,
and as a table of dates and chances for its own page (readiness.inspection.predict)."""

from __future__ import annotations

from readiness.inspection.events import EVENT_KINDS
from readiness.inspection.predict import Prediction
from readiness.inspection.wording import chance_words, prediction_line
from readiness.rag import format_date
from readiness.writing.board_pack_tables import Column, Table

# The chances the Inspection page shows, in days: a month, a quarter, half a year.
CHANCE_DAYS = (30, 91, 182)


def next_inspection_line(prediction: Prediction) -> str:
    """The predicted next full inspection's type and window in one line, for the cover."""
    line = prediction_line(prediction)
    return line[0].upper() + line[1:] + "."


def inspection_table(prediction: Prediction) -> Table:
    """The type, the window's dates, the chances and what they were worked out from."""
    window = prediction.window
    coming = prediction.next
    kind = "None predicted"
    if coming:
        kind = EVENT_KINDS[coming.kind] + (", after monitoring visits" * coming.monitoring_first)
    rows = [
        ("Type", kind),
        ("Earliest likely start", format_date(window.earliest) or "Not yet in sight"),
        ("Most likely start", format_date(window.likely) or "—"),
        ("Latest likely start", format_date(window.latest) or "Open"),
    ]
    if prediction.within:
        rows += [
            (f"Chance within {d} days", chance_words(prediction.within[d])) for d in CHANCE_DAYS
        ]
    learned = (
        "The national record of inspections"
        if prediction.learned
        else "The configured interval (no national record is imported)"
    )
    rows.append(("Chances worked out from", learned))
    columns = (Column("What", 40), Column("Predicted", 60))
    return Table("Next inspection", columns, tuple(rows))
