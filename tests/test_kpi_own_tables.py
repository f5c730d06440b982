"""A council's own KPI tables, as its performance team keeps them, read: the long table and the
wide monthly or yearly sheet, local indicators and targets, codes for figures not given, Excel's
percent fractions, and every problem at once (stored from the command line and the Data page:
tests/test_kpi_own_tables_stored.py).

The tables are made up here for a fictional council, Fernbridge (DfE number 900 is no council's).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pytest

from readiness.files.problems import ImportFailed
from readiness.kpi.dfe_files import read_kpi_files
from readiness.kpi.own_tables import NEIGHBOURS_AVERAGE, read_own
from readiness.kpi.values import ENGLAND, KpiValue
from tests.own_kpi_tables import LA, MONTHS, csv_file, workbook


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


@dataclass(frozen=True)
class Said:
    """One problem a bad table is refused with: where it is, and words its message and fix hold."""

    where: tuple  # (sheet, row, column, value)
    message: str = ""
    fix: str = ""


@dataclass(frozen=True)
class BadTable:
    rows: list[list]
    said: list[Said]  # every problem, in the order listed
    sheet: str | None = None  # a workbook's sheet; None for a CSV file


BAD_TABLES = {
    "wide-sheet": BadTable(
        [
            ["Indicator", "Apr-25", "May 25x", "Jun-25"],
            ["Re-referrals", 21, "about 22", 23],
            ["Children in need rate", "12%", 300, 310],
            ["Placement moves", "", "", "#REF!"],
        ],
        [
            Said(("Scorecard", 1, "May 25x", "May 25x"), fix="Q1 2025/26"),  # the forms allowed
            Said(
                ("Scorecard", 3, "Apr-25", "12%"),
                "Children in need rate is measured in per 10,000 children",
            ),
            Said(("Scorecard", 4, "Jun-25", "#REF!"), "spreadsheet error"),
        ],
        sheet="Scorecard",
    ),
    "long-table": BadTable(
        [
            ["Indicator", "Period", "Value"],
            ["Re-referrals", "2024-25", "twenty"],
            ["Re-referrals", "Q1 2025", "21"],
            ["Re-referrals", "2023-24", "22"],
            ["Re-referrals", "2023/24", "23"],
            ["", "2024-25", "5"],
        ],
        [
            Said((None, 2, "Value", "twenty"), fix='"c" (suppressed)'),
            Said((None, 3, "Period", "Q1 2025"), "calendar or the financial year"),
            Said((None, 5, "Value", "23"), "row 4"),  # the same year as row 4, another figure
            Said((None, 6, "Indicator", None), "names no indicator"),
        ],
    ),
    "local-indicator-described-two-ways": BadTable(
        [
            ["Indicator", "Period", "Value", "Polarity"],
            ["Visits on time", "2023-24", "88", "higher is better"],
            ["Visits on time", "2024-25", "91", "lower is better"],
            ["Visits on time", "2024-25", "91", "upwards"],
        ],
        [
            Said((None, 3, "Polarity", "lower is better"), "row 2"),
            Said((None, 4, "Polarity", "upwards"), fix="higher is better"),
        ],
    ),
    "no-kpi-table": BadTable(
        [["Team", "Lead"], ["Front door", "A. Person"]],
        [Said((None, None, None, None), '"Team, Lead"', "Indicator, Period and Value")],
    ),
}


@pytest.mark.parametrize("bad", BAD_TABLES.values(), ids=BAD_TABLES.keys())
def test_every_problem_is_listed_at_once_with_its_sheet_row_column_and_value(tmp_path, bad):
    if bad.sheet:
        path = workbook(tmp_path / "bad.xlsx", {bad.sheet: bad.rows})
    else:
        path = csv_file(tmp_path / "bad.csv", bad.rows)
    with pytest.raises(ImportFailed) as raised:
        read_own(path, LA)
    assert problems_of(raised) == [said.where for said in bad.said]
    for problem, said in zip(raised.value.problems, bad.said, strict=True):
        assert said.message in problem.message and said.fix in problem.fix


def test_a_wide_file_read_as_a_long_table_is_not_told_to_be_wide(tmp_path):
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
