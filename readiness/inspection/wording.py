"""The predicted next inspection in words, the same on the Inspection page, the Overview, the
wall screen and the board pack."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from readiness.inspection.events import EVENT_KINDS
from readiness.inspection.outlook import Window
from readiness.inspection.predict import Prediction
from readiness.rag import format_date


def chance_words(chance: float) -> str:
    """A chance as a board reads it: "33%", "under 1%", "0%"."""
    return "under 1%" if 0 < chance < 0.005 else f"{chance:.0%}"


def window_words(window: Window, day: Callable[[date], str] = format_date) -> str:
    """'19 Apr 2027 to 24 Jan 2028', 'open' for a latest date not reached in three years."""
    if window.earliest is None:
        return "not yet in sight"
    latest = day(window.latest) if window.latest else "open"
    return f"{day(window.earliest)} to {latest}"


def next_inspection(prediction: Prediction) -> str:
    """The next full inspection's type and window in words."""
    coming = prediction.next
    if coming is None:
        return "none predicted, as no full inspection of the council is recorded"
    after = " after monitoring visits" if coming.monitoring_first else ""
    likely = prediction.window.likely
    when = (
        f"most likely from {format_date(likely)}" if likely else "most likely over three years away"
    )
    kind = EVENT_KINDS[coming.kind].lower()
    return f"a {kind}{after}, {when} (window {window_words(prediction.window)})"


def prediction_line(prediction: Prediction) -> str:
    """The type, the window and the chance within 91 days in one line, without a label."""
    line = next_inspection(prediction)
    if prediction.within:
        line += f"; {chance_words(prediction.within[91])} chance fieldwork starts within 91 days"
    return line


def headline(prediction: Prediction) -> str:
    """The prediction in one plain line, at the top of the Inspection page."""
    return f"Next: {prediction_line(prediction)}"
