"""Loading DfE's files and setting targets on the Data page, as the performance team does it."""

from __future__ import annotations

import pytest

from components.kpi_loading import TARGETS_OPEN
from readiness.db.engine import make_engine
from readiness.demo.prepare import prepare_database
from readiness.kpi import store
from tests.conftest import AS_AT, open_app, open_expander
from tests.kpi_data import CSWW, SN_2025, kpi_file


@pytest.fixture
def data_page(sqlite_url, monkeypatch):
    engine = make_engine(sqlite_url)
    prepare_database(engine, AS_AT, demo=True)
    engine.dispose()
    return open_app(sqlite_url, monkeypatch, "views/loading.py")


def upload(at, key, *paths):
    files = [(p.name, p.read_bytes(), "text/csv") for p in paths]
    at.file_uploader(key=key).set_value(
        files if len(files) > 1 or key == "kpi_upload" else files[0]
    )


def test_dfe_files_are_previewed_then_stored_for_the_council(data_page, sqlite_url):
    csww, neighbours = kpi_file(CSWW), kpi_file(SN_2025)
    data_page.text_input(key="kpi_la").input("202")
    upload(data_page, "kpi_neighbours", neighbours)
    upload(data_page, "kpi_upload", csww)
    data_page.run()
    assert not data_page.exception, data_page.exception
    assert any("Camden (202)" in m.value and "to add" in m.value for m in data_page.markdown)
    # The demo council was shown until now: the preview says this load replaces it.
    assert any("in place of Marshcombe (900)" in w.value for w in data_page.warning)
    data_page.button(key="kpi_store").click().run()
    assert any("Stored." in s.value for s in data_page.success)
    engine = make_engine(sqlite_url)
    with engine.connect() as conn:
        assert store.council(conn).name == "Camden"
        values = store.load_values(conn, ["202"])
    engine.dispose()
    turnover = values[(values["indicator"] == "sw_turnover") & (values["period_label"] == "2025")]
    assert turnover["value"].tolist() == [19.5]  # read by hand from the file


def test_a_file_that_holds_no_indicator_is_listed_as_a_problem(data_page, tmp_path):
    other = tmp_path / "school_places.csv"
    other.write_text("time_period,old_la_code,places\n2025,383,12\n")
    data_page.text_input(key="kpi_la").input("383")
    upload(data_page, "kpi_upload", other)
    data_page.run()
    assert data_page.error and "Nothing was stored" in data_page.error[-1].value
    assert not data_page.exception


def test_the_targets_are_drawn_once_opened_with_each_stored_target(data_page):
    # Thirty-odd inputs cost more than the rest of the page: the closed expander draws none.
    assert any(e.label.startswith("Targets:") for e in data_page.expander)
    assert not [n for n in data_page.number_input if n.key.startswith("kpi_")]
    open_expander(data_page, TARGETS_OPEN)
    assert data_page.number_input(key="kpi_target_rereferrals").value == 24.0
    assert data_page.number_input(key="kpi_band_rereferrals").value == 2.0


def test_targets_set_on_the_data_page_colour_the_kpis(data_page, sqlite_url):
    open_expander(data_page, TARGETS_OPEN)
    data_page.number_input(key="kpi_target_sw_agency").set_value(25.0)
    data_page.number_input(key="kpi_band_sw_agency").set_value(1.0)
    data_page.button(key="FormSubmitter:kpi_targets-Save targets").click().run()
    assert any("Saved" in s.value for s in data_page.success)
    engine = make_engine(sqlite_url)
    with engine.connect() as conn:
        targets = store.targets(conn)
    engine.dispose()
    assert targets["sw_agency"] == (25.0, 1.0)
    assert targets["rereferrals"] == (24.0, 2.0)  # the others are kept as they were
