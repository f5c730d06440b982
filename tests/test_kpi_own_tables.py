"""A council's own KPI tables, as its performance team keeps them: the long table and the wide
monthly or yearly sheet, local indicators and targets, codes for figures not given, Excel's
percent fractions, every problem at once, and the whole journey from the command line.

The tables are made up here for a fictional council, Fernbridge (DfE number 900 is no council's).
"""

from __future__ import annotations

import csv
import json
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from readiness.db import make_engine
from readiness.importing.problems import ImportFailed
from readiness.kpi import store
from readiness.kpi.dfe_files import read_kpi_files
from readiness.kpi.own_tables import NEIGHBOURS_AVERAGE, read_own
from readiness.kpi.values import ENGLAND, KpiValue
from tests.test_cli import run
from tests.test_kpi_data_page import data_page, upload  # noqa: F401  (a fixture, used by name)

LA = "900"
MONTHS = ["Apr-25", "May-25", "Jun-25", "Jul-25", "Aug-25", "Sep-25"]
MONTHS += ["Oct-25", "Nov-25", "Dec-25", "Jan-26", "Feb-26", "Mar-26"]


def workbook(path: Path, sheets: dict[str, list[list]], percent: bool = False) -> Path:
    """An .xlsx of these sheets; `percent`: numbers under 1 formatted as Excel percentages."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for line in sheet.iter_rows():
            for cell in line:
                if isinstance(cell.value, datetime):
                    cell.number_format = "mmm-yy"  # as Excel shows "Apr-25" typed in
                elif percent and isinstance(cell.value, float) and cell.value < 1:
                    cell.number_format = "0.0%"
    book.save(path)
    return path


def csv_file(path: Path, rows: list[list]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def by_key(values: list[KpiValue]) -> dict[tuple[str, str, str], KpiValue]:
    return {(v.indicator, v.area, v.period.label): v for v in values}


def problems_of(raised) -> list[tuple]:
    return [(p.sheet, p.row, p.column, p.value) for p in raised.value.problems]


# --- The long table ---------------------------------------------------------------------------

LONG_HEADINGS = [
    "Indicator",
    "Period",
    "Value",
    "Target",
    "Tolerance",
    "England",
    "Region (North West)",
    "Statistical neighbours",
    "Unit",
    "Polarity",
    "Judgement area",
]


def test_a_long_table_with_every_optional_column(tmp_path):
    path = workbook(
        tmp_path / "fernbridge_kpis.xlsx",
        {
            "KPIs": [
                ["Fernbridge Council: children's services indicators"],
                [],
                LONG_HEADINGS,
                ["Re-referrals", "2023-24", 24.1, 22, 1, 22.4, 23.0, 23.5, "%", "", ""],
                ["RE-REFERRAL RATE", "2024/25", 21.3, 20, 1.5, 22.6, 22.9, 23.1, "", "", ""],
                ["Social worker turnover", "2024-25", 18.2, None, None, 16.0, 17.1, 16.8],
                [
                    "Children seen within 5 working days",
                    "2024-25",
                    "87.5%",
                    90,
                    2,
                    None,
                    None,
                    None,
                    "%",
                    "Higher is better",
                    "Help and protection",
                ],
            ]
        },
    )
    table = read_own(path, LA)
    assert table.layouts == {"KPIs": "long"}
    values = by_key(table.values)
    # Matched by name or alias, whatever the case.
    assert values["rereferrals", LA, "2024-25"].value == 21.3
    assert values["rereferrals", ENGLAND, "2024-25"].value == 22.6
    assert values["rereferrals", "region:North West", "2024-25"].area_name == "North West"
    assert values["rereferrals", NEIGHBOURS_AVERAGE, "2023-24"].value == 23.5
    # The workforce census year ends in September: "2024-25" is the year to 30 September 2025.
    turnover = values["sw_turnover", LA, "2025"]
    assert (turnover.value, turnover.period.end) == (18.2, date(2025, 9, 30))
    source = values["rereferrals", LA, "2024-25"].source
    assert source == 'fernbridge_kpis.xlsx, sheet "KPIs", row 5'
    # The latest year's target is the one set.
    assert table.targets["rereferrals"] == (20.0, 1.5)
    [local] = table.local
    assert (local.id, local.unit, local.polarity, local.area) == (
        "local_children_seen_within_5_working_days",
        "percent",
        "high",
        "help_protection",
    )
    assert local.local and values[local.id, LA, "2024-25"].value == 87.5
    assert table.targets[local.id] == (90.0, 2.0)
    assert table.warnings == []


def test_a_region_column_that_names_no_region_is_left_out_with_a_warning(tmp_path):
    path = csv_file(
        tmp_path / "kpis.csv",
        [["Indicator", "Period", "Value", "Region"], ["Re-referrals", "2024-25", "21.3", "22.9"]],
    )
    table = read_own(path, LA)
    assert {v.area for v in table.values} == {LA}
    [warning] = table.warnings
    assert warning.column == "Region" and "which region" in warning.message
    assert "Region (North West)" in warning.fix


# --- The wide sheet ---------------------------------------------------------------------------


def test_a_monthly_wide_sheet_with_targets_codes_and_blank_months(tmp_path):
    rows = [
        ["Indicator", "Polarity", "Target", "Tolerance", *MONTHS],
        ["Early help"],  # a section's heading: no figures
        ["Re-referrals", "", 20, 2, 21.5, "22.5%", 19.8, "c", "x", "-", "n/a"],
        ["Visits on time", "higher is better", 90, "", 88, 91, 93],
        ["Foster carers recruited", "", "", "", 3, 4, "", 5],
        ["Notes: figures are provisional until year end."],
    ]
    table = read_own(csv_file(tmp_path / "scorecard.csv", rows), LA)
    values = by_key(table.values)
    assert values["rereferrals", LA, "Apr-25"].period.end == date(2025, 4, 30)
    assert values["rereferrals", LA, "May-25"].value == 22.5  # "22.5%" of a percent indicator
    assert [values["rereferrals", LA, m].missing for m in MONTHS[3:7]] == ["c", "x", "-", "z"]
    assert values["rereferrals", LA, "Jul-25"].value is None  # missing, never zero
    # Blank cells are no figures: months to come are not stored, and nothing is said of them.
    assert ("local_visits_on_time", LA, "Jul-25") not in values
    assert ("local_foster_carers_recruited", LA, "Jun-25") not in values
    assert len(table.values) == 7 + 3 + 3
    assert table.targets == {"rereferrals": (20.0, 2.0), "local_visits_on_time": (90.0, None)}
    local = {i.name: i for i in table.local}
    assert local["Visits on time"].polarity == "high"
    assert local["Foster carers recruited"].polarity == "context"  # none given
    assert local["Foster carers recruited"].unit == "count"
    messages = [w.message for w in table.warnings]
    no_polarity = next(m for m in messages if "No polarity" in m)
    assert "Foster carers recruited" in no_polarity and "Visits on time" not in no_polarity
    assert any("Polarity column" in w.fix for w in table.warnings)
    assert any("Rows 2 (Early help), 6 (Notes" in m for m in messages)


def test_excel_month_headings_are_dates_and_yearly_headings_follow_each_indicator(tmp_path):
    months = [datetime(2025, 4, 1), datetime(2025, 5, 1)]
    path = workbook(
        tmp_path / "fernbridge.xlsx",
        {
            "Monthly": [["KPI", *months], ["Assessment timeliness", 81, 84]],
            "Yearly": [
                ["Measure", "2022-23", "2023-24"],
                ["Repeat CP plans", 23.9, 21.4],
                ["Agency rate", 15.5, 13.0],
            ],
        },
    )
    table = read_own(path, LA)
    assert table.layouts == {"Monthly": "wide", "Yearly": "wide"}
    values = by_key(table.values)
    assert values["assessments_45_days", LA, "May-25"].value == 84
    assert values["repeat_cp_plans", LA, "2023-24"].period.end == date(2024, 3, 31)
    # The workforce census is at 30 September: "2023-24" is the year to September 2024.
    assert values["sw_agency", LA, "2024"].period.end == date(2024, 9, 30)


def test_percentages_excel_stores_as_fractions_are_read_as_percentages(tmp_path):
    rows = [
        ["Indicator", "Target", "2023-24", "2024-25"],
        ["Re-referrals", 0.2, 0.225, 0.231],
        ["Second or subsequent child protection plans", "", "0.5%", 0.004],
        ["Children in care rate", "", 0.5, 0.7],  # a rate, not a percentage: as written
    ]
    table = read_own(workbook(tmp_path / "fractions.xlsx", {"KPIs": rows}, percent=True), LA)
    values = by_key(table.values)
    assert values["rereferrals", LA, "2024-25"].value == 23.1
    assert table.targets["rereferrals"] == (20.0, None)
    # Written with its % sign, a figure is a percentage already.
    assert values["repeat_cp_plans", LA, "2023-24"].value == 0.5
    assert values["repeat_cp_plans", LA, "2024-25"].value == 0.4
    assert values["cla_rate", LA, "2024-25"].value == 0.7
    [warning] = [w for w in table.warnings if "fractions" in w.message]
    assert "Re-referrals" in warning.message and "Children in care rate" not in warning.message


# --- Problems ---------------------------------------------------------------------------------


def test_every_problem_is_listed_at_once_with_its_sheet_row_column_and_value(tmp_path):
    rows = [
        ["Indicator", "Apr-25", "May 25x", "Jun-25"],
        ["Re-referrals", 21, "about 22", 23],
        ["Children in need rate", "12%", 300, 310],
        ["Placement moves", "", "", "#REF!"],
    ]
    with pytest.raises(ImportFailed) as raised:
        read_own(workbook(tmp_path / "bad.xlsx", {"Scorecard": rows}), LA)
    assert problems_of(raised) == [
        ("Scorecard", 1, "May 25x", "May 25x"),
        ("Scorecard", 3, "Apr-25", "12%"),
        ("Scorecard", 4, "Jun-25", "#REF!"),
    ]
    heading, percent, error = raised.value.problems
    assert "Q1 2025/26" in heading.fix  # the forms a period may take
    assert "Children in need rate is measured in per 10,000 children" in percent.message
    assert "spreadsheet error" in error.message


def test_a_bad_figure_and_a_bad_period_in_a_long_table(tmp_path):
    rows = [
        ["Indicator", "Period", "Value"],
        ["Re-referrals", "2024-25", "twenty"],
        ["Re-referrals", "Q1 2025", "21"],
        ["Re-referrals", "2023-24", "22"],
        ["Re-referrals", "2023/24", "23"],
        ["", "2024-25", "5"],
    ]
    with pytest.raises(ImportFailed) as raised:
        read_own(csv_file(tmp_path / "long.csv", rows), LA)
    assert problems_of(raised) == [
        (None, 2, "Value", "twenty"),
        (None, 3, "Period", "Q1 2025"),
        (None, 5, "Value", "23"),  # the same year as row 4, with another figure
        (None, 6, "Indicator", None),
    ]
    figure, quarter, twice, unnamed = raised.value.problems
    assert '"c" (suppressed)' in figure.fix
    assert "calendar or the financial year" in quarter.message
    assert "row 4" in twice.message and "names no indicator" in unnamed.message


def test_a_local_indicator_described_two_ways_is_a_problem(tmp_path):
    rows = [
        ["Indicator", "Period", "Value", "Polarity"],
        ["Visits on time", "2023-24", "88", "higher is better"],
        ["Visits on time", "2024-25", "91", "lower is better"],
        ["Visits on time", "2024-25", "91", "upwards"],
    ]
    with pytest.raises(ImportFailed) as raised:
        read_own(csv_file(tmp_path / "local.csv", rows), LA)
    assert problems_of(raised) == [
        (None, 3, "Polarity", "lower is better"),
        (None, 4, "Polarity", "upwards"),
    ]
    assert "row 2" in raised.value.problems[0].message
    assert "higher is better" in raised.value.problems[1].fix


def test_a_file_with_no_kpi_table_says_what_is_read(tmp_path):
    path = csv_file(tmp_path / "notes.csv", [["Team", "Lead"], ["Front door", "A. Person"]])
    with pytest.raises(ImportFailed) as raised:
        read_own(path, LA)
    [problem] = raised.value.problems
    assert '"Team, Lead"' in problem.message and "Indicator, Period and Value" in problem.fix
    wide = csv_file(tmp_path / "wide.csv", [["Indicator", "2024-25"], ["Re-referrals", "21"]])
    with pytest.raises(ImportFailed) as raised:
        read_own(wide, LA, layout="canonical")
    assert "one column per period" not in raised.value.problems[0].fix


def test_files_are_read_all_or_nothing_and_own_csv_is_told_from_dfe_files(tmp_path):
    good = csv_file(tmp_path / "good.csv", [["Indicator", "2024-25"], ["Re-referrals", "21"]])
    bad = csv_file(tmp_path / "bad.csv", [["Indicator", "2024-25"], ["Re-referrals", "lots"]])
    load = read_kpi_files([good], LA)
    assert [v.value for v in load.values] == [21.0] and not load.dfe
    with pytest.raises(ImportFailed) as raised:
        read_kpi_files([good, bad], LA)
    assert [p.file for p in raised.value.problems] == ["bad.csv"]
    with pytest.raises(ImportFailed) as raised:
        read_kpi_files([good], LA, format="lait")
    assert "neither" in str(raised.value)


# --- From the command line --------------------------------------------------------------------


def kpis(capsys, url: str, as_at: str) -> dict[str, dict]:
    result = run(capsys, "kpis", "--format", "json", "--as-at", as_at, db=url)
    assert result.code == 0, result.err
    return {entry["id"]: entry for entry in json.loads(result.out)}


def test_a_wide_workbook_with_targets_loads_and_colours_the_kpis(sqlite_url, capsys, tmp_path):
    rows = [
        ["Indicator", "Polarity", "Judgement area", "Target", "Tolerance", *MONTHS[:3]],
        ["Re-referrals", "", "", 20, 1, 21.5, 20.6, 20.4],
        ["Visits on time", "Higher is better", "Help and protection", 90, 5, 88, 91, 86],
        ["Foster carers recruited", "", "", "", "", 3, 4, 5],
    ]
    path = workbook(tmp_path / "fernbridge_scorecard.xlsx", {"Scorecard": rows})
    args = ["import-kpis", str(path), "--la", LA, "--format", "wide", "--yes"]
    result = run(capsys, *args, db=sqlite_url)
    assert result.code == 0, result.err
    assert "900 (900): 9 figures to add" in result.out
    assert "Also targets for 2 indicators and 2 local indicators" in result.out
    assert "Check: fernbridge_scorecard.xlsx: No polarity is given for 1 local indicator" in (
        result.out
    )
    assert "no statistical neighbours" not in result.out  # no DfE file: no neighbours read
    shown = kpis(capsys, sqlite_url, "2025-07-31")
    rereferrals = shown["rereferrals"]
    assert (rereferrals["latest_period"], rereferrals["value"]) == ("Jun-25", 20.4)
    assert (rereferrals["target"], rereferrals["rag"]) == (20.0, "amber")  # 0.4 worse, within 1
    visits = shown["local_visits_on_time"]
    assert (visits["name"], visits["value"], visits["target"]) == ("Visits on time", 86, 90)
    assert (visits["polarity"], visits["rag"]) == ("high", "amber")
    assert shown["local_foster_carers_recruited"]["rag"] is None  # context: never coloured
    engine = make_engine(sqlite_url)
    with engine.connect() as conn:
        stored = {i.id: i for i in store.local_indicators(conn)}
    engine.dispose()
    assert stored["local_visits_on_time"].area == "help_protection"
    assert stored["local_foster_carers_recruited"].area == ""
    # A local indicator's target can be set as DfE's are.
    target = run(capsys, "kpi-target", "local_visits_on_time", "85", db=sqlite_url)
    assert target.code == 0, target.err
    assert kpis(capsys, sqlite_url, "2025-07-31")["local_visits_on_time"]["rag"] == "green"


def test_one_bad_cell_stores_nothing(sqlite_url, capsys, tmp_path):
    rows = [["Indicator", "Target", *MONTHS[:2]], ["Re-referrals", 20, 21.5, "twenty"]]
    path = workbook(tmp_path / "scorecard.xlsx", {"Scorecard": rows})
    result = run(capsys, "import-kpis", str(path), "--la", LA, "--yes", db=sqlite_url)
    assert result.code == 1 and "nothing was stored" in result.err
    assert 'scorecard.xlsx, sheet "Scorecard", row 2, column "May-25": "twenty"' in result.err
    engine = make_engine(sqlite_url)
    with engine.connect() as conn:
        assert store.load_values(conn).empty and store.targets(conn) == {}
        assert store.council(conn) is None and store.local_indicators(conn) == []
    engine.dispose()


# --- On the Data page -------------------------------------------------------------------------


def test_the_data_page_loads_an_own_workbook_with_its_warnings(
    data_page,  # noqa: F811
    sqlite_url,
    tmp_path,
):
    rows = [["KPI", "Target", "2023-24", "2024-25"], ["Visits on time", 90, 88, 91]]
    path = workbook(tmp_path / "own.xlsx", {"Scorecard": rows})
    data_page.text_input(key="kpi_la").input(LA)
    upload(data_page, "kpi_upload", path)
    data_page.run()
    assert not data_page.exception, data_page.exception
    summary = [m.value for m in data_page.markdown if "figures to add" in m.value]
    assert summary and "2 figures to add" in summary[0] and "Visits on time" in summary[0]
    assert any("to check" in e.label for e in data_page.expander)
    data_page.button(key="kpi_store").click().run()
    assert any("Stored." in s.value for s in data_page.success)
    engine = make_engine(sqlite_url)
    with engine.connect() as conn:
        assert store.targets(conn)["local_visits_on_time"] == (90.0, None)
        assert [i.name for i in store.local_indicators(conn)] == ["Visits on time"]
    engine.dispose()


def test_a_neighbours_column_is_the_neighbour_figure_when_no_neighbours_are_stored(
    tmp_path, sqlite_url, capsys
):
    path = tmp_path / "own.csv"
    path.write_text(
        "Indicator,Period,Value,England,Statistical neighbours\n"
        "Re-referrals within 12 months,2023-24,24.0,22.0,23.0\n"
        "Re-referrals within 12 months,2024-25,23.0,22.5,22.8\n"
    )
    stored = run(capsys, "import-kpis", str(path), "--la", "901", "--yes", db=sqlite_url)
    assert stored.code == 0, stored.err
    shown = run(capsys, "kpis", "--format", "json", "--as-at", "2026-11-29", db=sqlite_url)
    (rereferrals,) = json.loads(shown.out)
    assert (rereferrals["value"], rereferrals["england"], rereferrals["sn"]) == (23.0, 22.5, 22.8)
