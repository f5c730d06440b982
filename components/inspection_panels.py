"""The Inspection page's panels: the predicted next inspection in one line, its chances, its
timeline and chance by month (each chart with its words or table beside it), the reasons, and
the national outlook with the council's region and statistical neighbours.

The charts' Vega-Lite specs are kept per distinct content: building and checking an Altair chart
costs about a tenth of a second, and the content only changes with the as-at date or the events.
What each panel draws is also kept per shared prediction (components.kept), so a rerun neither
hashes the content again nor works out the months' chances.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import streamlit as st

from components.chart_data import drawable
from components.data import OUTLOOK_DAYS, CouncilInspections, get_settings
from components.inspection_charts import (
    BOARD_TEXT,
    PAGE_TEXT,
    chance_by_month_chart,
    timeline_chart,
)
from components.kept import kept
from components.safe_text import md
from components.tables import Col, show_table
from readiness.framework import AREA_SHORT_LABELS, OVERALL
from readiness.inspection.calendar import blackouts
from readiness.inspection.events import EVENT_KINDS, GRADE_LABELS
from readiness.inspection.national_files import NationalRecord
from readiness.inspection.outlook import OutlookRow
from readiness.inspection.predict import Prediction
from readiness.inspection.queue import complete_to
from readiness.inspection.wording import chance_words, window_words
from readiness.text import format_date

# Two three-year cycles: the last full inspection, the one before it and the visits between.
HISTORY_SHOWN = timedelta(days=6 * 365)
TOP_COUNCILS = 15
# Of each month's ten councils the outlook gave the highest chances, the share whose fieldwork had
# already started, report not yet out: `python -m readiness backtest` on the national record,
# month starts Sep 2024 to Mar 2026 (README, "Backtest").
UNDER_WAY_IN_TOP_TEN = "4 in 10"
# Overall effectiveness first, then the judgements of every ILACS version.
AREA_ORDER = (OVERALL, *(a for a in AREA_SHORT_LABELS if a != OVERALL))
# Council names never break (the longest fits a laptop's table); the other columns wrap between
# words with no minimum width ("plain" has no style of its own), so the table fits 1366 px.
OUTLOOK_COLUMNS = (
    Col("council", "Council", "code"),
    Col("last_start", "Last full inspection started", "plain"),
    Col("last_kind", "Its type", "plain", priority=2),
    Col(OVERALL, "Its overall grade", "plain"),
    Col("next", "Next type", "plain"),
    Col("window", "Window (earliest to latest start)", "plain"),
    Col("chance", f"Chance within {OUTLOOK_DAYS} days", "figure"),
)


def _day(day: date) -> str:
    """A date that never breaks across lines."""
    return format_date(day).replace(" ", "\u00a0")


def chances_source(prediction: Prediction) -> str:
    """Where the chances come from and how sure they are, for a director."""
    if prediction.learned:
        return "Chances learned from the national record of Ofsted's recent inspections."
    return (
        "Chances estimated from the usual gap between full inspections, not from the national "
        "record of Ofsted's recent pace and the queue of councils: less sure."
    )


def show_chances(prediction: Prediction, board: bool = False) -> None:
    """The chance fieldwork starts within 30, 91 and 182 days, and how sure they are. On the
    board no metric has a help icon: nobody hovers over a wall screen."""
    with st.container(horizontal=True):
        for days, words in (
            (30, "30 days"),
            (91, "91 days (3 months)"),
            (182, "182 days (6 months)"),
        ):
            meaning = (
                f"The chance fieldwork starts within {days} days of "
                f"{format_date(prediction.as_at)}."
            )
            st.metric(
                f"Chance within {words}",
                chance_words(prediction.within[days]),
                border=True,
                help=None if board else meaning,
            )
    st.caption(chances_source(prediction))


@st.cache_resource(max_entries=64)
def _timeline_spec(
    key: tuple, _council: CouncilInspections, title: str, as_at_label: str, board: bool
) -> dict:
    prediction = _council.prediction
    shown = [e for e in _council.known if e.start and e.start >= prediction.as_at - HISTORY_SHOWN]
    last_week = prediction.chances[-1][0] if prediction.chances else None
    end = prediction.window.latest or last_week or prediction.as_at
    chart = timeline_chart(
        shown,
        prediction.window,
        prediction.as_at,
        # Only the weeks ahead: a past August says nothing about when the call comes.
        blackouts(prediction.as_at, end, get_settings().inspection.calendar),
        title=title,
        as_at_label=as_at_label,
        last_week=last_week,
        text=BOARD_TEXT if board else PAGE_TEXT,
    )
    return drawable(chart.to_dict())


def show_timeline(
    council: CouncilInspections, council_name: str, today: date, board: bool = False
) -> None:
    """The timeline chart and what its marks mean; on the board, in the wall screen's sizes."""
    prediction = council.prediction
    title = f"{council_name}: inspections and the predicted next one"
    label = "Today," if prediction.as_at == today else "As at"

    def spec() -> dict:
        events = tuple((e.kind, e.start) for e in council.known)
        key = (events, prediction.window, prediction.as_at, title, label)
        return _timeline_spec(key, council, title, label, board)

    st.vega_lite_chart(kept(council, ("timeline", title, label, board), spec), width="stretch")
    st.caption(
        "Points: the council's events (shape and row name the kind). Blue band: the predicted "
        "window, from its earliest to its latest likely start; the solid line marks the most "
        "likely week. Grey bands: weeks no fieldwork can start (August, Christmas and New Year, "
        "Easter). Events of the last six years are drawn."
    )


@st.cache_resource(max_entries=64)
def _month_spec(months: tuple[tuple[date, float], ...], title: str) -> dict:
    return drawable(chance_by_month_chart(months, title=title).to_dict())


def _by_month(prediction: Prediction) -> tuple[dict, list[dict]]:
    """The chance by month's chart spec and its table's rows."""
    months = prediction.by_month()
    # The chances run three years ahead; months after the last real chance are only empty bars.
    while months and months[-1][1] < 0.0005:
        months.pop()
    total, rows = 0.0, []
    for month, chance in months:
        total += chance
        rows.append(
            {"month": f"{month:%B %Y}", "chance": f"{chance:.1%}", "by_then": f"{total:.0%}"}
        )
    return _month_spec(tuple(months), "Chance fieldwork starts, by month"), rows


def show_by_month(prediction: Prediction) -> None:
    spec, rows = kept(prediction, ("by_month",), lambda: _by_month(prediction))
    st.vega_lite_chart(spec, width="stretch")
    with st.expander("The chance by month, as a table"):
        columns = (
            Col("month", "Month"),
            Col("chance", "Chance fieldwork starts that month", "figure"),
            Col("by_then", "Chance it has started by the month's end", "figure"),
        )
        show_table(rows, columns, key="inspection_months")


def show_reasons(prediction: Prediction) -> None:
    # The reasons quote the council's own entries (a visit's theme): plain text, never markup.
    # Written once per prediction: escaping a dozen long sentences costs more than drawing them.
    st.markdown(
        kept(
            prediction,
            ("reasons",),
            lambda: "\n".join(f"- {md(reason)}" for reason in prediction.reasons),
        )
    )


def no_record_message() -> None:
    st.info(
        "The national inspection record is not loaded, so there is no national outlook, and the "
        "chances above are estimated from the usual gap between full inspections rather than "
        "from Ofsted's recent pace and the queue of councils: less sure. The Data page says how "
        "to load the record.",
        icon=":material/info:",
    )


def _next_words(row: OutlookRow) -> str:
    kind = "Short" if row.next.kind == "short" else "Standard"
    return f"{kind}, after monitoring visits" if row.next.monitoring_first else kind


def _rows(rows: Sequence[OutlookRow], record: NationalRecord, own: str) -> list[dict]:
    """Table rows: each council's last full inspection, a column per judgement, and its
    outlook."""
    found = []
    for row in rows:
        waiting = row.waiting
        council = record.councils.get(waiting.la_code)
        name = council.name if council else waiting.la_code
        started = _day(waiting.last_start)
        found.append(
            {
                OVERALL: "No overall grade",
                **{area: GRADE_LABELS.get(g, g) for area, g in waiting.last.grades.items()},
                "council": f"{name} (this council)" if waiting.la_code == own else name,
                "last_start": f"{started} (estimated)" if waiting.estimated else started,
                "last_kind": EVENT_KINDS[waiting.last.kind],
                "next": _next_words(row),
                "window": window_words(row.window, _day),
                "chance": chance_words(row.probability),
            }
        )
    return found


def _show_grades(rows: Sequence[OutlookRow], record: NationalRecord, own: str, key: str) -> None:
    """Each council's last full inspection with a column per judgement any of them had (the
    2018 framework judged children in care and care leavers together)."""
    found = _rows(rows, record, own)
    areas = [a for a in AREA_ORDER if any(a in r for r in found)]
    # No chance column: six judgements fill a laptop's width, and the chances are above.
    columns = (*OUTLOOK_COLUMNS[:3], *(Col(a, AREA_SHORT_LABELS[a], "plain") for a in areas))
    show_table(found, columns, key)


def show_outlook(
    rows: Sequence[OutlookRow], record: NationalRecord, la_code: str, as_at: date
) -> None:
    """The councils most likely to be inspected soon, this council's place among them, and its
    region's and statistical neighbours' last grades."""
    if not rows:
        st.info(
            f"The national record holds too few inspections published before "
            f"{format_date(as_at)} to learn the chances from.",
            icon=":material/info:",
        )
        return
    st.markdown(
        f"**The {TOP_COUNCILS} councils most likely to be inspected within {OUTLOOK_DAYS} days** "
        f"of {format_date(as_at)}, from the national record (reports published before then)."
    )
    show_table(_rows(rows[:TOP_COUNCILS], record, la_code), OUTLOOK_COLUMNS, "inspection_top")
    # `rows` are worked out once per stored record and as-at date (components.data), as the lag.
    lag = kept(rows, ("lag", as_at), lambda: (as_at - complete_to(record.inspections, as_at)).days)
    st.caption(
        "Some councils at the top may already be under way, their report not yet out: the record "
        f"shows an inspection only once its report is published, up to {lag} days after "
        "fieldwork starts (19 reports in 20), and the chances count only starts still to come. "
        f"Scored on past months, {UNDER_WAY_IN_TOP_TEN} of the ten councils given the highest "
        "chances were already under way."
    )
    council = record.councils.get(la_code)
    place = next((n for n, r in enumerate(rows, 1) if r.waiting.la_code == la_code), None)
    if council is None or place is None:
        st.caption(
            "This council is not in the national record (its DfE number comes from the KPIs "
            "loaded for it), so its place, its region and its statistical neighbours are not "
            "shown."
        )
        return
    own = rows[place - 1]
    st.markdown(
        f"**{md(council.name)}** ranks **{place} of {len(rows)}** councils by that chance "
        f"({chance_words(own.probability)}); its last full inspection started "
        f"{format_date(own.waiting.last_start)}."
    )
    by_code = {r.waiting.la_code: r for r in rows}
    region = sorted(
        (
            (record.councils[code].name, r)
            for code, r in by_code.items()
            if code in record.councils and record.councils[code].region == council.region
        ),
        key=lambda pair: pair[0],
    )
    if council.region and region:
        st.markdown(f"**{md(council.region)}: each council's last full inspection**")
        _show_grades([r for _name, r in region], record, la_code, "inspection_region")
    neighbours = [by_code[code] for code in council.neighbours if code in by_code]
    if neighbours:
        st.markdown("**Statistical neighbours, closest first: each one's last full inspection**")
        _show_grades(neighbours, record, la_code, "inspection_neighbours")
