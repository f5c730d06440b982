"""The indicators directors expect beside the first fourteen (referral, section 47 and child
protection plan rates, initial conferences in time, plans ending after two years, care leavers
not in education, employment or training, children in care with three or more social workers,
social worker absence), read from DfE's real files; EES files named one by one load, a file of
other figures among them left out with a note; and every load says which indicators it filled
and which it could not."""

from __future__ import annotations

import csv

import pytest

from readiness.db.engine import make_engine
from readiness.demo.kpis import demo_kpis
from readiness.demo.prepare import prepare_database
from readiness.kpi import store
from readiness.kpi.dfe_files import read_kpi_files
from readiness.kpi.indicators import INDICATORS
from readiness.kpi.lait import read_lait
from tests.conftest import AS_AT, open_app
from tests.kpi_data import CSWW, KPI_DATA, LAIT, kpi_file, shared_file, the_value
from tests.page_text import shown
from tests.test_cli import run, words
from tests.test_kpi_data_page import upload

GATESHEAD = "390"
B1 = "b1_children_in_need_2013_to_2025.csv"
SW_COUNT = "la_cla_swcount.csv"
# Read by hand from lait_bds_long_0.parquet (LA Number 390, the latest year of each measure).
GATESHEAD_LATEST = [
    ("referral_rate", "2024-25", 399.1),  # CPP_Total_Rateper10,000
    ("s47_rate", "2024-25", 159.6),  # Section_47
    ("icpc_15_days", "2024-25", 86.1),  # CP_conf_15days
    ("cpp_rate", "2024-25", 53.9),  # CPP_rate
    ("cp_plans_ended_2_years", "2024-25", 0.0),  # CPPlans2yrs
    ("care_leavers_neet", "2024-25", 50.0),  # CareLeaversNEET
    ("social_workers_3_plus", "2023-24", 11.0),  # Stability_SocialWorker (2024 only)
    ("sw_absence", "2025", 6.5),  # Work_Force_SWAbsence
]
NEW = {indicator for indicator, _period, _figure in GATESHEAD_LATEST}
# The EES files the DfE folder holds, each named (no LAIT data set, no neighbour lists).
EES_FILES = [
    "b1_children_in_need_2013_to_2025.csv",
    "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
    "cla_number_and_rate_per_10k_children.csv",
    "csww_indicators_2017_to_2025.csv",
    "d3_cpps_subsequent_plan_2013_to_2025.csv",
    "d5_cpps_at31march_by_duration_2013_to_2025.csv",
    "la_care_leavers_accommodation_suitability.csv",
    "la_care_leavers_activity.csv",
    "la_cla_placement_stability.csv",
    "la_cla_swcount.csv",
]
# The indicators DfE publishes in LAIT's data set only, not in those EES files.
LAIT_ONLY = [
    "Referral rate",
    "Assessments completed within 45 working days",
    "Section 47 enquiry rate",
    "Initial child protection conferences within 15 working days",
    "Child protection plan rate",
    "Child protection plans ending after 2 years or more",
    "Children in need rate",
]


@pytest.fixture(scope="module")
def gateshead():
    return read_lait(kpi_file(LAIT), GATESHEAD)


@pytest.mark.parametrize(("indicator", "period", "figure"), GATESHEAD_LATEST)
def test_each_new_indicator_is_read_for_gateshead(gateshead, indicator, period, figure):
    value = the_value(gateshead, indicator, GATESHEAD, period)
    assert value.value == figure
    # Nothing later: this is the latest figure the file gives.
    later = [v for v in gateshead if v.indicator == indicator and v.period.end > value.period.end]
    assert later == [] and value.area == GATESHEAD


def test_each_polarity_is_the_data_dictionarys():
    path = kpi_file("lait_data_dictionary.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        polarity = {row["Measure_short"]: row["Polarity"] for row in csv.DictReader(handle)}
    words_for = {"High": "high", "Low": "low", "-": "context"}
    assert {i.id for i in INDICATORS} >= NEW
    assert {i.id: words_for[polarity[i.lait]] for i in INDICATORS} == {
        i.id: i.polarity for i in INDICATORS
    }


def test_ees_gives_three_of_them_with_their_counts():
    paths = [kpi_file(name) for name in (SW_COUNT, "la_care_leavers_activity.csv", CSWW)]
    values = read_kpi_files(paths, GATESHEAD).values
    # Read by hand: Gateshead's 57 of 528 children in care (2024), 69 of 138 care leavers
    # aged 19 to 21 not in education, employment or training (2025), absence 6.5% (2025).
    three = the_value(values, "social_workers_3_plus", GATESHEAD, "2023-24")
    assert (three.value, three.numerator, three.denominator) == (11.0, 57, 528)
    neet = the_value(values, "care_leavers_neet", GATESHEAD, "2024-25")
    assert (neet.value, neet.numerator, neet.denominator) == (50.0, 69, 138)
    assert the_value(values, "sw_absence", GATESHEAD, "2025").value == 6.5


def test_the_social_worker_count_file_named_alone_loads():
    values = read_kpi_files([kpi_file(SW_COUNT)], GATESHEAD).values
    assert the_value(values, "social_workers_3_plus", GATESHEAD, "2023-24").value == 11.0


def test_ees_files_named_one_by_one_load_and_say_what_they_could_not_fill(sqlite_url, capsys):
    paths = [str(kpi_file(name)) for name in EES_FILES]
    result = run(capsys, "import-kpis", *paths, "--la", GATESHEAD, "--yes", db=sqlite_url)
    assert result.code == 0, result.err
    said = words(result.out)
    # The children in need census's counts hold no indicator: left out, and said so.
    assert f"Check: {B1}: The file holds none of the indicators known here, so it was" in said
    assert "Filled 15 of 22 indicators: Re-referrals within 12 months;" in said
    could_not = "; ".join(f"{name} (in LAIT's data set)" for name in LAIT_ONLY)
    assert f"Could not fill 7, as no file gives them: {could_not}." in said
    engine = make_engine(sqlite_url)
    with engine.connect() as conn:
        stored = store.load_values(conn, [GATESHEAD])
    engine.dispose()
    assert set(stored["indicator"]) == {i.id for i in INDICATORS if i.name not in LAIT_ONLY}


def test_a_folder_fills_every_indicator(sqlite_url, capsys):
    folder = shared_file(KPI_DATA)
    result = run(capsys, "import-kpis", str(folder), "--la", GATESHEAD, "--dry-run", db=sqlite_url)
    assert result.code == 0, result.err
    assert "Filled 22 of 22 indicators" in result.out and "Could not fill" not in result.out


def test_the_data_page_preview_names_what_the_files_could_not_fill(sqlite_url, monkeypatch):
    engine = make_engine(sqlite_url)
    prepare_database(engine, AS_AT, demo=True)
    engine.dispose()
    page = open_app(sqlite_url, monkeypatch, "views/loading.py")
    page.text_input(key="kpi_la").input(GATESHEAD)
    upload(page, "kpi_upload", kpi_file(CSWW))
    page.run()
    assert not page.exception, page.exception
    captions = [shown(c.value) for c in page.caption]
    assert any(
        c.startswith("Filled 5 of 22 indicators") and "Social worker absence rate" in c
        for c in captions
    )
    [could_not] = [shown(w.value) for w in page.warning if "Could not fill" in shown(w.value)]
    assert could_not.startswith("Could not fill 17, as no file gives them: Re-referrals")
    assert (
        "Children in care with 3 or more social workers in the year (in LAIT's data set or "
        "la_cla_swcount.csv)" in could_not
    )


def test_the_demo_council_has_figures_of_every_indicator():
    shown_in_demo = {value.indicator for value in demo_kpis(AS_AT)}
    assert shown_in_demo == {i.id for i in INDICATORS} and shown_in_demo >= NEW
