"""The predicted next inspection in words, the same on the Inspection page, the Overview, the
wall screen, What changed and the board pack.

Two windows, never one name: **Ofsted's published window** opens 30 months after the last full
inspection started (domain.md §1.4; from then Ofsted may call any week), and the **predicted**
dates are this app's estimate of when fieldwork will most likely start, with the 10% to 90%
range it is likely to start in. Every page says which it means with these words.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from readiness.inspection.events import EVENT_KINDS
from readiness.inspection.outlook import Window
from readiness.inspection.predict import Prediction
from readiness.text import format_date


def chance_words(chance: float) -> str:
    """A chance as a board reads it: "33%", "under 1%", "0%"."""
    return "under 1%" if 0 < chance < 0.005 else f"{chance:.0%}"


def window_words(window: Window, day: Callable[[date], str] = format_date) -> str:
    """'19 Apr 2027 to 24 Jan 2028', 'open' for a latest date not reached in three years."""
    if window.earliest is None:
        return "not yet in sight"
    latest = day(window.latest) if window.latest else "open"
    return f"{day(window.earliest)} to {latest}"


def likely_words(window: Window) -> str:
    """The predicted start in words: 'most likely from 26 Apr 2027, likely between 26 Apr 2027
    and 7 Feb 2028'."""
    said = (
        f"most likely from {format_date(window.likely)}"
        if window.likely
        else "most likely over three years away"
    )
    if window.earliest is not None:
        latest = f"and {format_date(window.latest)}" if window.latest else "or later"
        said += f", likely between {format_date(window.earliest)} {latest}"
    return said


def published_window(prediction: Prediction) -> str:
    """Ofsted's published window in words, as at the prediction's date: 'Ofsted's published
    window opened 3 Dec 2026' or '... opens 3 Dec 2026'; empty when no inspection is known."""
    opens = prediction.opens
    if opens is None:
        return ""
    verb = "opened" if opens <= prediction.as_at else "opens"
    return f"Ofsted's published window {verb} {format_date(opens)}"


def published_window_note(prediction: Prediction) -> str:
    """The published window with what it means, for a caption or a board line."""
    said = published_window(prediction)
    if not said:
        return ""
    if prediction.opens <= prediction.as_at:
        return f"{said}: Ofsted may call any week from now on"
    return f"{said}: from then Ofsted may call any week"


def next_inspection(prediction: Prediction) -> str:
    """The next full inspection's type and predicted start in words."""
    coming = prediction.next
    if coming is None:
        return "none predicted, as no full inspection of the council is recorded"
    after = " after monitoring visits" if coming.monitoring_first else ""
    kind = EVENT_KINDS[coming.kind].lower()
    return f"a {kind}{after}, {likely_words(prediction.window)}"


def prediction_line(prediction: Prediction) -> str:
    """The type, the window and the chance within 91 days in one line, without a label."""
    line = next_inspection(prediction)
    if prediction.within:
        line += f"; {chance_words(prediction.within[91])} chance fieldwork starts within 91 days"
    return line


def headline(prediction: Prediction) -> str:
    """The prediction in one plain line, at the top of the Inspection page."""
    return f"Next: {prediction_line(prediction)}"
