"""The Inspection page keeps its charts per shared prediction (components.kept), with their data
already in the form the browser gets (components.chart_data): an event added and another as-at
date show in the charts and the chance-by-month table at once, and each chart carries the
figures its table gives."""

from __future__ import annotations

from datetime import date, timedelta

import pyarrow as pa

from tests.conftest import AS_AT, open_app
from tests.html_tables import page_tables
from tests.test_inspection_page import GOOD_EVERYWHERE, PAGE, add_event

MONTH = "Month"


def by_month(at) -> list[dict[str, str]]:
    return next(t for t in page_tables(at) if t and MONTH in t[0])


def charts(at) -> list:
    """The page's Vega-Lite charts (AppTest knows them only as unknown elements)."""
    found = []

    def walk(node) -> None:
        for child in getattr(node, "children", {}).values():
            if getattr(child, "type", None) == "vega_lite_chart":
                found.append(child.proto)
            walk(child)

    walk(at._tree)
    return found


def chart_rows(chart) -> list[dict]:
    """Every row of every dataset a chart sends, as the browser reads it (Arrow IPC)."""
    rows = []
    for dataset in chart.datasets:
        rows += pa.ipc.open_stream(dataset.data.data).read_all().to_pylist()
    return rows


def month_chart(at):
    return next(c for c in charts(at) if "Chance fieldwork starts, by month" in c.spec)


def test_the_chance_by_month_chart_sends_the_figures_of_its_table(
    demo_engine, sqlite_url, monkeypatch
):
    at = open_app(sqlite_url, monkeypatch, PAGE)
    table = by_month(at)
    sent = chart_rows(month_chart(at))
    assert [r["name"] for r in sent] == [r[MONTH] for r in table]
    assert [f"{r['chance'] / 100:.1%}" for r in sent] == [
        r["Chance fieldwork starts that month"] for r in table
    ]
    # The timeline sends its events: the demo's standard inspection among them.
    timeline = next(c for c in charts(at) if "inspections and the predicted" in c.spec)
    assert "Standard inspection" in {r.get("kind") for r in chart_rows(timeline)}


def test_an_event_added_and_another_as_at_date_show_in_the_charts_at_once(
    demo_engine, sqlite_url, monkeypatch
):
    at = open_app(sqlite_url, monkeypatch, PAGE)
    months, timeline = by_month(at), [c.spec for c in charts(at)]
    start = AS_AT - timedelta(days=AS_AT.weekday() + 35)
    good = {f"grade_{area}": "good" for area in GOOD_EVERYWHERE}
    add_event(at, "short", start, start + timedelta(days=4), **good)
    # A short inspection last month puts the next one years out: the months and charts move.
    moved = by_month(at)
    assert moved != months and int(moved[-1][MONTH].split()[-1]) >= 2028
    assert [r["name"] for r in chart_rows(month_chart(at))] == [r[MONTH] for r in moved]
    assert [c.spec for c in charts(at)] != timeline
    timeline_rows = chart_rows(next(c for c in charts(at) if "predicted" in c.spec))
    assert f"{start:%b %Y}" in {r.get("label") for r in timeline_rows}

    at.date_input(key="as_at").set_value(date(2026, 6, 1)).run()
    assert not at.exception, at.exception
    earlier = by_month(at)
    assert earlier[0][MONTH] == "June 2026" and earlier != moved
    labels = {
        r.get("label") for r in chart_rows(next(c for c in charts(at) if "predicted" in c.spec))
    }
    assert "As at 1 Jun 2026" in labels
