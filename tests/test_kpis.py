"""The KPIs as a user meets them: the demo council's figures with targets and comparators, the
store that a load replaces figures in, the KPIs page, its chart, and `python -m readiness kpis`."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from readiness.access.roles import LOCAL_USER
from readiness.db.engine import make_engine
from readiness.demo import kpis as demo
from readiness.demo.prepare import prepare_database
from readiness.kpi import store
from readiness.kpi.charts import trend_chart
from readiness.kpi.indicators import INDICATORS
from readiness.kpi.positions import stored_kpi_status
from readiness.kpi.values import ENGLAND, KpiValue, Period
from readiness.settings import KpiSettings
from tests.conftest import AS_AT, open_app, store_of
from tests.html_tables import page_tables
from tests.page_text import shown
from tests.test_cli import run


def status_of(engine, as_at=AS_AT, settings: KpiSettings | None = None):
    with engine.connect() as conn:
        return stored_kpi_status(conn, as_at, settings or KpiSettings())


def test_the_demo_council_has_every_indicator_with_targets_and_comparators(engine):
    status = status_of(engine)
    assert [p.indicator.id for p in status.positions] == [i.id for i in INDICATORS]
    for p in status.positions:
        assert p.value is not None and p.england is not None and p.region is not None
        assert (p.neighbours.used, p.neighbours.of) == (10, 10)
    colours = {p.rag.word for p in status.positions}
    assert {"Red", "Amber", "Green", "No colour"} <= colours  # the demo shows every state
    context = [p for p in status.positions if p.indicator.polarity == "context"]
    assert context and all(p.rag.colour is None for p in context)


def test_a_figure_for_a_period_ending_after_the_as_at_date_is_not_shown(demo_engine):
    latest = status_of(demo_engine).positions[0]
    earlier = status_of(demo_engine, as_at=latest.period_end.replace(day=30)).positions[0]
    assert earlier.period_end < latest.period_end
    assert earlier.period_end <= latest.period_end.replace(day=30)


def test_the_neighbour_figure_is_the_mean_or_the_median_as_configured(demo_engine):
    mean = status_of(demo_engine, settings=KpiSettings(neighbour_average="mean")).positions[0]
    median = status_of(demo_engine, settings=KpiSettings(neighbour_average="median")).positions[0]
    figures = status_of(demo_engine).frame
    rows = figures[
        (figures["indicator"] == mean.indicator.id)
        & (figures["period_end"] == mean.period_end)
        & figures["area"].isin(demo.NEIGHBOURS)
    ]["value"]
    assert mean.neighbours.value == pytest.approx(rows.mean())
    assert median.neighbours.value == pytest.approx(rows.median())


def value(indicator, area, year, figure, missing=None):
    period = Period(f"{year - 1}-{year % 100}", date(year, 3, 31))
    return KpiValue(indicator, area, period, figure, "t.csv, row 2", missing)


def test_a_load_adds_and_replaces_figures_and_keeps_the_rest(any_db_url):
    engine = make_engine(any_db_url)
    prepare_database(engine, AS_AT, demo=False)
    first = [value("rereferrals", "383", 2024, 20.0), value("rereferrals", ENGLAND, 2024, 22.0)]
    with engine.begin() as conn:
        store.write_values(conn, first, AS_AT)
    again = [
        value("rereferrals", "383", 2024, 21.5),  # corrected
        value("rereferrals", "383", 2025, None, missing="c"),  # suppressed, not zero
        value("rereferrals", ENGLAND, 2024, 22.0),
    ]
    preview = store_of(engine).preview_kpis(again)
    assert (preview.added, preview.changed, preview.unchanged) == (1, 1, 1)
    assert "1 figure to add, 1 changed, 1 unchanged" in preview.summary()
    with engine.begin() as conn:
        store.write_values(conn, again, AS_AT)
    with engine.connect() as conn:
        stored = store.load_values(conn)
    figures = zip(stored["area"], stored["period_label"], stored["value"].fillna(-1), strict=True)
    assert sorted(figures) == [
        ("383", "2023-24", 21.5),
        ("383", "2024-25", -1),
        (ENGLAND, "2023-24", 22.0),
    ]
    assert stored[stored["value"].isna()]["missing"].tolist() == ["c"]
    engine.dispose()


def test_the_trend_chart_is_titled_labelled_and_shows_the_target():
    frame = pd.DataFrame(
        {
            "series": ["Marshcombe", "Marshcombe", "England", "England"],
            "period": ["2023-24", "2024-25", "2023-24", "2024-25"],
            "period_end": [date(2024, 3, 31), date(2025, 3, 31)] * 2,
            "value": [25.4, 25.2, 21.3, 21.2],
        }
    )
    spec = trend_chart(
        frame,
        title="Re-referrals",
        unit="%",
        council="Marshcombe",
        target=24.0,
        target_label="Target 24.0%",
    ).to_dict()
    lines, points, rule, label = spec["layer"]
    assert spec["title"]["text"] == "Re-referrals"
    assert lines["encoding"]["x"]["title"] == "Period" and lines["encoding"]["y"]["title"] == "%"
    assert lines["encoding"]["x"]["sort"] == ["2023-24", "2024-25"]
    # Each series differs by dash (its line) and shape (its points) as well as colour.
    assert {"strokeDash", "color"} <= set(lines["encoding"])
    assert {"shape", "color"} <= set(points["encoding"])
    assert rule["mark"]["type"] == "rule"
    assert "Target 24.0%" in json.dumps(spec["datasets"])


@pytest.fixture
def kpis_page(demo_engine, sqlite_url, monkeypatch):
    return open_app(sqlite_url, monkeypatch, "views/kpis.py")


def test_kpis_page_shows_tiles_by_area_and_the_chosen_indicator_s_values(kpis_page):
    html = " ".join(shown(h.proto.body) for h in kpis_page.get("html"))
    for indicator in INDICATORS:
        assert indicator.name in html
    assert "Re-referrals within 12 months" in html and "target 24.0%" in html
    assert [s.value for s in kpis_page.subheader][:4] == [
        "Impact of leaders",
        "Help and protection",
        "Children in care",
        "Care leavers",
    ]
    kpis_page.selectbox(key="kpis_indicator").set_value("Agency social worker rate").run()
    values = next(t for t in page_tables(kpis_page) if t and "Period" in t[0])
    assert values[0]["Period"] == "2025" and values[0]["Marshcombe (%)"] == "21.0"
    assert "England (%)" in values[0] and "Neighbours (mean) (%)" in values[0]
    assert not kpis_page.exception


def test_kpis_page_filters_to_one_judgement_area(kpis_page):
    kpis_page.selectbox(key="kpis_area").set_value("care_leavers").run()
    assert [s.value for s in kpis_page.subheader] == ["Care leavers", "Trend"]
    assert kpis_page.selectbox(key="kpis_indicator").options == [
        "Care leavers aged 19 to 21 in education, employment or training",
        "Care leavers aged 19 to 21 in suitable accommodation",
        "Care leavers aged 19 to 21 not in education, employment or training",
    ]


def test_kpis_page_says_what_to_do_when_no_indicators_are_loaded(sqlite_url, monkeypatch):
    engine = make_engine(sqlite_url)
    prepare_database(engine, AS_AT, demo=False)
    engine.dispose()
    at = open_app(sqlite_url, monkeypatch, "views/kpis.py")
    said = at.info[0].value
    assert said.startswith("No indicators are loaded yet") and "**Data** page" in said
    assert "python -m" not in said  # set-up advice is on the Data page, not for the board


def test_cli_kpis_json_gives_each_indicator(demo_engine, sqlite_url, capsys):
    result = run(capsys, "kpis", "--format", "json", "--as-at", AS_AT.isoformat(), db=sqlite_url)
    assert result.code == 0, result.err
    entries = json.loads(result.out)
    assert [e["id"] for e in entries] == [i.id for i in INDICATORS]
    agency = next(e for e in entries if e["id"] == "sw_agency")
    assert set(agency) == {
        "id", "name", "unit", "polarity", "latest_period", "value", "target", "england",
        "region", "sn", "sn_count", "rag", "direction", "direction_words", "last_year",
        "longer_trend", "quartile", "interval_95",
        "differs_from_england", "comparators_period", "symbol", "symbol_meaning",
        "previous_period", "previous_value", "next_release",
    }  # fmt: skip
    assert (agency["latest_period"], agency["value"], agency["rag"]) == ("2025", 21.0, "red")


def test_overview_counts_the_indicators_of_each_judgement_area(
    demo_engine, sqlite_url, monkeypatch
):
    at = open_app(sqlite_url, monkeypatch)
    assert "Indicators by judgement area" in [s.value for s in at.subheader]
    summary = next(shown(h.proto.body) for h in at.get("html") if "kpi-summary" in h.proto.body)
    status = status_of(demo_engine)
    leaders = [p for p in status.positions if p.indicator.area == "leaders"]
    amber = sum(1 for p in leaders if p.rag.word == "Amber")
    assert "Impact of leaders</strong>: " in summary and f"Amber</span> {amber}" in summary


def test_the_key_beside_the_kpis_page_says_what_a_kpi_s_colour_means(kpis_page):
    key = " ".join(shown(h.proto.body) for h in kpis_page.sidebar.get("html"))
    assert "worse than target, within its tolerance" in key and "No colour" in key
    assert "overdue" not in key  # the actions' key is not shown here
    kpis_page.switch_page("views/overview.py").run()
    key = " ".join(shown(h.proto.body) for h in kpis_page.sidebar.get("html"))
    assert "overdue" in key and "within its tolerance" not in key


def _monthly(month: int, figure: float) -> KpiValue:
    end = (pd.Timestamp(2026, month, 1) + pd.offsets.MonthEnd(0)).date()
    return KpiValue("rereferrals", "900", Period(end.strftime("%b-%y"), end), figure, "own table")


@pytest.mark.parametrize(
    ("england", "shown", "period"),
    [
        # DfE's latest year, ended seven months before the council's October figure.
        ([(2025, 22.6), (2026, 21.9)], 21.9, "2025-26"),
        # A comparator for the council's own month wins over the year.
        ([(2026, 21.9), ("Oct", 23.0)], 23.0, None),
        # A year that ended more than a year before is not compared with.
        ([(2025, 22.6)], None, None),
    ],
)
def test_a_monthly_figure_is_compared_with_the_latest_year(sqlite_url, england, shown, period):
    engine = make_engine(sqlite_url)
    prepare_database(engine, AS_AT, demo=False)
    figures = [_monthly(9, 25.0), _monthly(10, 24.0)]
    for when, figure in england:
        if when == "Oct":
            figures.append(replace(_monthly(10, figure), area=ENGLAND))
        else:
            figures.append(value("rereferrals", ENGLAND, when, figure))
    store_of(engine).store_kpis(
        figures, store.Council("900", "Marshcombe", None), [], AS_AT, by=LOCAL_USER
    )
    position = status_of(engine).positions[0]
    engine.dispose()
    assert (position.period, position.value) == ("Oct-26", 24.0)
    assert (position.england, position.comparators_period) == (shown, period)
