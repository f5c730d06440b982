"""Charts of the Inspection page, built by pure functions returning `alt.Chart` (no Streamlit), so
the page and the tests (`chart.to_dict()`) draw the same chart.

The timeline shows the council's past events, one row per kind of event, each kind with its own
point shape as well as colour and its row named on the axis, so it reads without colour; the
predicted window as a band with the most likely week marked and named; the weeks the calendar
rules out as grey bands; and the as-at date. The chance by month is a bar chart whose table sits
beside it on the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import altair as alt
import pandas as pd

from readiness.inspection.events import EVENT_KINDS, Inspection
from readiness.inspection.outlook import Window
from readiness.kpi.charts import COMPARATOR_COLOURS, COUNCIL_COLOUR, TARGET_COLOUR
from readiness.palette import RAG_COLOURS
from readiness.text import format_date

# Each kind of event: its point shape and colour (the palette of the KPI charts and the RAG
# colours, each readable on white). Full inspections get the solid shapes, visits the triangles.
KIND_MARKS: dict[str, tuple[str, str]] = {
    "standard": ("square", COUNCIL_COLOUR),
    "short": ("circle", RAG_COLOURS["blue"][0]),
    "inspection": ("diamond", COMPARATOR_COLOURS[2]),
    "focused_visit": ("triangle-up", COMPARATOR_COLOURS[1]),
    "monitoring_visit": ("triangle-down", TARGET_COLOUR),
    "jtai": ("cross", COMPARATOR_COLOURS[0]),
    "engagement_meeting": ("triangle-right", RAG_COLOURS["green"][0]),
    "sif": ("triangle-left", "#505a5f"),
}
WINDOW_COLOUR = "#1d70b8"
BLACKOUT_COLOUR = "#b1b4b6"
# Room either side of the first and last thing shown, so no mark sits on the chart's edge.
MARGIN = timedelta(days=75)


@dataclass(frozen=True)
class ChartText:
    """The timeline's sizes in pixels: type on the axes, on the marks and in the title, a row of
    events, a point's area, the chart's top line of text and the room its title and date axis
    take."""

    axis: int
    mark: int
    title: int
    row: int
    point: int
    line: int
    frame: int


# A page read at a desk; a wall screen read from 4 metres, where no text is under 24 px (the
# board's body text at 1920x1080).
PAGE_TEXT = ChartText(axis=12, mark=11, title=13, row=44, point=160, line=18, frame=70)
BOARD_TEXT = ChartText(axis=24, mark=24, title=28, row=62, point=420, line=32, frame=130)


def _iso(day: date) -> str:
    return day.isoformat()  # Vega-Lite reads ISO dates as dates


def timeline_chart(
    events: Sequence[Inspection],
    window: Window,
    as_at: date,
    blackouts: Sequence[tuple[date, date, str]],
    *,
    title: str,
    as_at_label: str = "As at",
    last_week: date | None = None,
    text: ChartText = PAGE_TEXT,
) -> alt.LayerChart:
    """Past `events` (those with a start) as labelled points by kind, the predicted `window`, the
    `blackouts` (first day, last day, label) and a rule at `as_at`. An open window (no latest
    date) runs to `last_week`, the last week the chances cover. `text`: the sizes, the page's or
    the wall screen's."""
    dated = [e for e in events if e.start is not None]
    kinds = [k for k in EVENT_KINDS if any(e.kind == k for e in dated)]
    points = pd.DataFrame(
        {
            "kind": [EVENT_KINDS[e.kind] for e in dated],
            "start": [_iso(e.start) for e in dated],
            "label": [f"{e.start:%b %Y}" for e in dated],
            "when": [format_date(e.start) for e in dated],
        }
    )
    first = min([as_at, *(e.start for e in dated)]) - MARGIN
    last = max(as_at, window.latest or last_week or as_at) + MARGIN
    x_scale = alt.Scale(domain=[_iso(first), _iso(last)])
    x = alt.X("start:T", title="Date", scale=x_scale, axis=alt.Axis(format="%b %Y", tickCount=8))
    layers: list[alt.Chart] = []
    shown = [(max(a, first), min(b, last), label) for a, b, label in blackouts if b >= first]
    if shown:
        frame = pd.DataFrame(
            {
                "start": [_iso(a) for a, _b, _l in shown],
                "end": [_iso(b + timedelta(days=1)) for _a, b, _l in shown],
                "label": [label for _a, _b, label in shown],
            }
        )
        layers.append(
            alt.Chart(frame)
            .mark_rect(color=BLACKOUT_COLOUR, opacity=0.35)
            .encode(x=x, x2="end:T", tooltip=[alt.Tooltip("label:N", title="Calendar")])
        )
    if window.earliest is not None:
        end = window.latest or last_week or window.earliest
        latest = format_date(window.latest) if window.latest else "open"
        band = pd.DataFrame(
            {
                "start": [_iso(window.earliest)],
                "end": [_iso(end + timedelta(days=7))],
                "label": [f"Predicted window: {format_date(window.earliest)} to {latest}"],
            }
        )
        layers.append(
            alt.Chart(band)
            .mark_rect(color=WINDOW_COLOUR, opacity=0.18)
            .encode(x=x, x2="end:T", tooltip=[alt.Tooltip("label:N", title="Window")])
        )
        # At the top right: the window always lies after the as-at date and every past event.
        layers.append(
            alt.Chart(band)
            .mark_text(
                align="right", baseline="top", dx=-4, dy=4, color=COUNCIL_COLOUR, fontSize=text.mark
            )
            .encode(x=alt.value("width"), y=alt.value(0), text="label:N")
        )
    if window.likely is not None:
        label = f"Most likely: week of {format_date(window.likely)}"
        layers += _marked_day(window.likely, label, x, (first, last), text, top=False)
    label = f"{as_at_label} {format_date(as_at)}"
    layers += _marked_day(as_at, label, x, (first, last), text, top=True, dash=True)
    if dated:
        names = [EVENT_KINDS[k] for k in kinds]
        # A row's worth of space above and below the events holds the labels of the window,
        # the most likely week and the as-at date.
        y = alt.Y(
            "kind:N",
            title=None,
            sort=names,
            scale=alt.Scale(paddingOuter=1),
            axis=alt.Axis(labelLimit=20 * text.axis, labelFontSize=text.axis),
        )
        base = alt.Chart(points).encode(x=x, y=y)
        layers.append(
            base.mark_point(size=text.point, filled=True, opacity=1).encode(
                shape=alt.Shape(
                    "kind:N",
                    scale=alt.Scale(domain=names, range=[KIND_MARKS[k][0] for k in kinds]),
                    legend=None,
                ),
                color=alt.Color(
                    "kind:N",
                    scale=alt.Scale(domain=names, range=[KIND_MARKS[k][1] for k in kinds]),
                    legend=None,
                ),
                tooltip=[
                    alt.Tooltip("kind:N", title="Event"),
                    alt.Tooltip("when:N", title="Fieldwork from"),
                ],
            )
        )
        # The date over each point, clear of the point.
        above = -(round(text.mark / 2 + text.point**0.5 / 2) + 3)
        layers.append(
            base.mark_text(dy=above, fontSize=text.mark, color="#0b0c0c").encode(text="label:N")
        )
    # The rows of events, the two rows of labels, and the title and date axis.
    height = (max(1, len(kinds)) + 2) * text.row + text.frame
    chart = alt.layer(*layers).properties(
        title=alt.Title(title, anchor="start", fontSize=text.title),
        height=height,
        width="container",
    )
    if text == PAGE_TEXT:
        return chart
    return chart.configure_axis(labelFontSize=text.axis, titleFontSize=text.axis)


def _label_align(day: date, first: date, last: date) -> tuple[str, int]:
    """A label's alignment at `day` so it stays inside the chart: a label in the right half of
    the time span ends at its mark, one in the left half starts there."""
    if (day - first) > (last - day):
        return "right", -4
    return "left", 4


def _marked_day(
    day: date,
    label: str,
    x: alt.X,
    span: tuple[date, date],
    text: ChartText,
    *,
    top: bool,
    dash: bool = False,
) -> list[alt.Chart]:
    """A vertical rule at `day` and its label, at the top or the foot of the chart."""
    frame = pd.DataFrame({"start": [_iso(day)], "label": [label]})
    rule = alt.Chart(frame).mark_rule(
        color="#0b0c0c" if dash else COUNCIL_COLOUR,
        strokeWidth=2,
        strokeDash=[5, 4] if dash else [1, 0],
    )
    align, dx = _label_align(day, *span)
    words = alt.Chart(frame).mark_text(
        align=align,
        baseline="top" if top else "bottom",
        dx=dx,
        dy=text.line + 4 if top else -4,
        color="#0b0c0c",
        fontWeight="bold",
        fontSize=text.mark,
    )
    y = alt.value(0) if top else alt.value("height")
    # The rule starts below the top line of text, where the window is named.
    rule = rule.encode(x=x, y=alt.value(text.line), y2=alt.value("height"))
    return [rule, words.encode(x=x, y=y, text="label:N")]


def chance_by_month_chart(months: Sequence[tuple[date, float]], *, title: str) -> alt.Chart:
    """The chance fieldwork starts in each month, as bars: (first of the month, chance 0-1)."""
    frame = pd.DataFrame(
        {
            "month": [_iso(m) for m, _p in months],
            "chance": [100 * p for _m, p in months],
            "name": [f"{m:%B %Y}" for m, _p in months],
        }
    )
    return (
        alt.Chart(frame)
        .mark_bar(color=WINDOW_COLOUR)
        .encode(
            x=alt.X(
                "month:T",
                timeUnit="yearmonth",
                title="Month fieldwork starts",
                axis=alt.Axis(format="%b %Y", labelAngle=0, tickCount=12),
            ),
            y=alt.Y("chance:Q", title="Chance (%)"),
            tooltip=[
                alt.Tooltip("name:N", title="Month"),
                alt.Tooltip("chance:Q", title="Chance (%)", format=".1f"),
            ],
        )
        .properties(title=alt.Title(title, anchor="start"), height=240, width="container")
    )
