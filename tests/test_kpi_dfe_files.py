"""DfE's real published files read for a council: the statistical-neighbour lists, LAIT's data set
and explore-education-statistics CSVs, checked against figures read by hand from the files (for
Leeds, 383, and Camden, 202, an Inner London borough), and the problems of wrong ones.

The files are read where they are kept, outside the repo (tests/kpi_data.py); small made-up files
for the problems are written to a temporary folder."""

from __future__ import annotations

import pandas as pd
import pytest

from readiness.access.roles import LOCAL_USER
from readiness.db.engine import make_engine
from readiness.demo.prepare import prepare_database
from readiness.files.problems import ImportFailed
from readiness.kpi import store
from readiness.kpi.dfe_files import read_dfe
from readiness.kpi.ees import read_ees
from readiness.kpi.lait import read_lait
from readiness.kpi.neighbours import read_neighbours
from readiness.kpi.positions import stored_kpi_status
from readiness.settings import KpiSettings
from tests.conftest import AS_AT, store_of
from tests.kpi_data import (
    C1,
    CSWW,
    D5,
    KPI_DATA,
    LAIT,
    SN_2021,
    SN_2025,
    kpi_file,
    ofsted_lookup,
    shared_file,
    the_value,
)

YH, LONDON = "region:Yorkshire and The Humber", "region:London"


def codes(text: str) -> tuple[str, ...]:
    return tuple(text.split())


LEEDS_SN_2025 = codes("851 882 373 826 382 355 801 852 306 839")
CAMDEN_SN_2025 = codes("206 213 205 210 208 207 209 309 204 302")
CLA = "cla_number_and_rate_per_10k_children.csv"
PLACEMENTS = "la_cla_placement_stability.csv"
ACTIVITY = "la_care_leavers_activity.csv"
ACCOMMODATION = "la_care_leavers_accommodation_suitability.csv"
D3 = "d3_cpps_subsequent_plan_2013_to_2025.csv"
EES_FILES = (C1, D3, D5, CSWW, CLA, PLACEMENTS, ACTIVITY, ACCOMMODATION)
EES_HEADINGS = (
    "time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
    "region_name,old_la_code,new_la_code,la_name"
)


@pytest.fixture(scope="module")
def sn_2025():
    return read_neighbours(kpi_file(SN_2025))


@pytest.fixture(scope="module")
def lait(sn_2025):
    return {la: read_lait(kpi_file(LAIT), la, sn_2025) for la in ("383", "202")}


@pytest.fixture(scope="module")
def ees(sn_2025):
    files = [kpi_file(name) for name in EES_FILES]
    return {la: read_ees(files, la, sn_2025) for la in ("383", "202")}


def _problems(raised) -> list[str]:
    return [str(problem) for problem in raised.value.problems]


# Statistical neighbours ------------------------------------------------------------------------


def test_2025_model(sn_2025):
    assert len(sn_2025.neighbours) == 153
    assert sn_2025.neighbours["383"] == LEEDS_SN_2025
    assert sn_2025.neighbours["202"] == CAMDEN_SN_2025
    assert (sn_2025.names["383"], sn_2025.regions["383"]) == ("Leeds", "Yorkshire and The Humber")
    assert sn_2025.regions["202"] == "London"


def test_lait_layout_of_the_2021_model():
    sn = read_neighbours(kpi_file(SN_2021))
    assert sn.neighbours["383"] == codes("373 841 381 351 808 350 831 392 382 344")
    assert sn.neighbours["202"] == codes("213 205 207 206 212 352 203 870 309 302")
    # "London (Inner)" is the London region; "Yorkshire and the Humber" is spelt as EES spells it.
    assert (sn.regions["202"], sn.regions["383"]) == ("London", "Yorkshire and The Humber")
    # The "Old SNs:" block after a blank row still gives the councils since reorganised.
    assert sn.names["835"] == "Dorset (Pre LG)"
    assert sn.neighbours["835"] == codes("893 878 916 885 933 938 865 802 935 845")
    assert len(sn.neighbours) == 156


def test_ofsted_lookup_gives_the_2025_model(sn_2025):
    lookup = read_neighbours(ofsted_lookup())
    assert lookup.neighbours == sn_2025.neighbours
    assert lookup.regions["383"] == "Yorkshire and The Humber"  # the file writes "the"
    # Councils since abolished are named, with no neighbours.
    assert lookup.names["909"] == "Cumbria"
    assert "909" not in lookup.neighbours


def test_a_file_that_is_not_a_neighbour_list():
    with pytest.raises(ImportFailed) as raised:
        read_neighbours(kpi_file(CSWW))
    [problem] = _problems(raised)
    assert problem.startswith(f"{CSWW}: The file is not a statistical-neighbour list")
    assert "time_period, time_identifier" in problem
    assert "old_la_code and SN_1 to SN_10" in problem


def test_wrong_codes_in_a_neighbour_list(tmp_path):
    path = tmp_path / "neighbours.csv"
    path.write_text(
        "old_la_code,la_name,SN_1,SN_1P,SN_2,SN_2P\n"
        "383,Leeds,373,Close,38,Close\n"
        "Leeds,Leeds,373,Close,382,Close\n"
        "383,Leeds again,373,Close,382,Close\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFailed) as raised:
        read_neighbours(path)
    assert _problems(raised) == [
        'neighbours.csv, row 2, column "SN_2": "38" is not a 3-digit DfE local-authority number.'
        " Fix: write the council's DfE number, as 383 for Leeds.",
        'neighbours.csv, row 3, column "old_la_code": "Leeds" is not a 3-digit DfE '
        "local-authority number. Fix: write the council's DfE number, as 383 for Leeds.",
        'neighbours.csv, row 4, column "old_la_code": "383" is listed again (first on row 2).'
        " Fix: keep one row for each council.",
    ]


# LAIT and EES: the same figures, read by hand from each file -----------------------------------

# (council, indicator, area, period, figure, LAIT row, (EES file, row)): LAIT rows are the
# parquet file's records counted from 1; EES rows as a spreadsheet shows them; None: not in that
# source (or not checked there).
BY_HAND = [
    ("383", "rereferrals", "383", "2024-25", 24.2, 229914, (C1, 57)),
    ("383", "rereferrals", "england", "2024-25", 22.6, 229999, (C1, 2)),
    ("383", "rereferrals", YH, "2024-25", 21.7, 230002, (C1, 5)),
    ("383", "rereferrals", "383", "2019-20", 27.1, 229064, None),
    ("383", "cla_rate", "383", "2024-25", 85.0, 90514, (CLA, 189)),
    ("383", "cla_rate", YH, "2024-25", 77.0, 90602, (CLA, 12)),
    ("383", "cp_plans_2_years", "383", "2024-25", 5.0, 181974, (D5, 57)),
    ("383", "care_leavers_eet", "383", "2024-25", 46.0, 82354, (ACTIVITY, 1511)),
    ("383", "care_leavers_eet", "england", "2024-25", 54.0, 82439, (ACTIVITY, 23)),
    ("383", "sw_turnover", "383", "2025", 7.0, 247764, (CSWW, 57)),
    ("383", "sw_turnover", "england", "2025", 11.8, 247849, (CSWW, 2)),
    ("383", "sw_turnover", YH, "2025", 9.9, 247852, (CSWW, 5)),
    ("383", "sw_vacancy", "383", "2025", 2.1, None, (CSWW, 57)),
    ("383", "sw_agency", "383", "2025", 2.1, None, (CSWW, 57)),
    ("383", "sw_caseload", "383", "2025", 14.8, None, (CSWW, 57)),
    ("383", "assessments_45_days", "383", "2024-25", 73.2, 261874, None),
    # LAIT writes 78.400000000000006, 19.399999999999999, 18.600000000000001, 2.2999999999999998.
    ("383", "assessments_45_days", "383", "2019-20", 78.4, 261024, None),
    ("202", "rereferrals", LONDON, "2024-25", 19.4, 230006, (C1, 9)),
    ("202", "rereferrals", "202", "2023-24", 18.6, 229693, None),
    ("202", "cp_plans_2_years", "england", "2024-25", 2.3, 182059, (D5, 2)),
    ("383", "placements_3_plus", "383", "2024-25", 13.0, None, (PLACEMENTS, 379)),
    ("383", "long_term_stability", "383", "2024-25", 73.0, None, (PLACEMENTS, 374)),
    ("383", "care_leavers_accommodation", "383", "2024-25", 81.0, None, (ACCOMMODATION, 502)),
    ("202", "rereferrals", "202", "2024-25", 18.3, 229863, (C1, 134)),
    ("202", "sw_turnover", "202", "2025", 19.5, 247713, (CSWW, 133)),
    ("202", "sw_turnover", LONDON, "2025", 13.8, 247856, (CSWW, 9)),
    ("202", "sw_vacancy", LONDON, "2025", 19.4, None, (CSWW, 9)),
    ("202", "sw_agency", "202", "2025", 9.4, None, (CSWW, 133)),
    ("202", "sw_caseload", "202", "2025", 11.2, None, (CSWW, 133)),
    ("202", "cla_rate", "202", "2024-25", 58.0, 90463, None),
    ("202", "cla_rate", LONDON, "2024-25", 48.0, 90606, None),
    ("202", "care_leavers_eet", "202", "2024-25", 58.0, 82303, (ACTIVITY, 3263)),
    # A real zero stays zero.
    ("202", "cp_plans_2_years", "202", "2024-25", 0.0, 181923, None),
]
FIGURE = ("la", "indicator", "area", "period", "figure")


@pytest.mark.parametrize(
    (*FIGURE, "row"), [(*case[:5], case[5]) for case in BY_HAND if case[5] is not None]
)
def test_lait_figures_read_by_hand(lait, la, indicator, area, period, figure, row):
    value = the_value(lait[la], indicator, area, period)
    assert (value.value, value.missing) == (figure, None)
    assert value.source == f"{LAIT}, row {row}"


@pytest.mark.parametrize(
    (*FIGURE, "file", "row"), [(*case[:5], *case[6]) for case in BY_HAND if case[6] is not None]
)
def test_ees_figures_read_by_hand(ees, la, indicator, area, period, figure, file, row):
    value = the_value(ees[la], indicator, area, period)
    assert (value.value, value.missing) == (figure, None)
    assert value.source == f"{file}, row {row}"


# A percentage's count and what it is out of, read by hand: from the same row (C1, D3), or from
# the breakdown file's total row of the same council and year (accommodation: row 505).
COUNTS_BY_HAND = [
    ("383", "rereferrals", "383", 2494, 10304, (C1, 57)),
    ("383", "rereferrals", "england", 142900, 632830, (C1, 2)),
    ("383", "care_leavers_accommodation", "383", 486, 599, (ACCOMMODATION, 502)),
    ("202", "repeat_cp_plans", "202", 52, 237, (D3, 134)),
    ("202", "repeat_cp_plans", "england", 15130, 61840, (D3, 2)),
]


@pytest.mark.parametrize(("la", "indicator", "area", "count", "of", "where"), COUNTS_BY_HAND)
def test_ees_counts_read_by_hand(ees, la, indicator, area, count, of, where):
    value = the_value(ees[la], indicator, area, "2024-25")
    assert (value.numerator, value.denominator) == (count, of)
    assert value.source == f"{where[0]}, row {where[1]}"


def test_lait_gives_no_counts(lait):
    assert {(v.numerator, v.denominator) for v in lait["383"]} == {(None, None)}


def _loaded_status(url: str, values, la: str):
    """The KPI status after these figures are loaded for council `la` into a new database."""
    engine = make_engine(url)
    prepare_database(engine, AS_AT, demo=False)
    store_of(engine).store_kpis(values, store.Council(la, None, None), [], AS_AT, by=LOCAL_USER)
    with engine.connect() as conn:
        status = stored_kpi_status(conn, AS_AT, KpiSettings())
    engine.dispose()
    return status


@pytest.mark.parametrize(
    ("la", "indicator", "differs", "words"),
    [
        # 2,494 of 10,304 (24.2%): England's 22.6% is outside 23.4-25.0%.
        ("383", "rereferrals", True, "more than chance would explain"),
        # 486 of 599 (81.1%): England's 89% is outside 77.8-84.1%.
        ("383", "care_leavers_accommodation", True, "more than chance would explain"),
        # 52 of 237 (21.9%): England's 24.5% is inside 17.1-27.6%.
        ("202", "repeat_cp_plans", False, "could be chance"),
    ],
)
def test_the_gap_to_england_from_the_counts(ees, sqlite_url, la, indicator, differs, words):
    status = _loaded_status(sqlite_url, ees[la], la)
    gap = next(p for p in status.positions if p.indicator.id == indicator).england_gap
    assert gap.differs is differs and words in gap.why
    assert gap.lower < gap.percent < gap.upper


def test_figures_without_counts_have_no_interval(ees, sqlite_url):
    status = _loaded_status(sqlite_url, ees["383"], "383")
    by_id = {p.indicator.id: p for p in status.positions}
    assert by_id["sw_turnover"].england_gap is None  # a rate of FTEs, not a count of children
    assert by_id["cla_rate"].england_gap is None  # per 10,000: not a proportion


@pytest.mark.parametrize(
    ("la", "period", "lait_row", "ees_row"),
    [("383", "2019-20", 181124, 877), ("202", "2023-24", 181753, 299)],
)
def test_a_figure_not_given_is_missing_not_zero(lait, ees, la, period, lait_row, ees_row):
    read = {"-": (lait, f"{LAIT}, row {lait_row}"), "c": (ees, f"{D5}, row {ees_row}")}
    for code, (values, source) in read.items():
        value = the_value(values[la], "cp_plans_2_years", la, period)
        assert (value.value, value.missing, value.source) == (None, code, source)


@pytest.mark.parametrize("reader", ["lait", "ees"])
def test_the_areas_kept(lait, ees, reader):
    values = {"lait": lait, "ees": ees}[reader]
    assert {v.area for v in values["383"]} == {"383", "england", YH, *LEEDS_SN_2025}
    # Camden's region is London, not the Inner London the files put it in.
    assert {v.area for v in values["202"]} == {"202", "england", LONDON, *CAMDEN_SN_2025}
    assert the_value(values["383"], "rereferrals", YH, "2024-25").area_name in {
        "Yorkshire and The Humber",
        "Yorkshire and the Humber",
    }


def test_every_council_for_ranks(sn_2025):
    values = read_lait(kpi_file(LAIT), "383", sn_2025, all_las=True)
    councils = {v.area for v in values if v.area.isdigit()}
    assert {"383", "202", "909", *LEEDS_SN_2025} <= councils
    assert len(councils) == 158  # 153 councils and 5 since reorganised
    assert {v.area for v in values if not v.area.isdigit()} == {"england", YH}


def test_lait_as_csv_reads_as_the_parquet_file(tmp_path, lait):
    table = pd.read_parquet(kpi_file(LAIT))
    csv = tmp_path / "bds_long.csv"
    table[table["Short Desc"].isin(["ReReferral", "Work_Force_TO_Rate"])].to_csv(csv, index=False)
    from_csv = read_lait(csv, "383", read_neighbours(kpi_file(SN_2025)))

    def figures(values):
        return {(v.indicator, v.area, v.period, v.value, v.missing) for v in values}

    wanted = [v for v in lait["383"] if v.indicator in {"rereferrals", "sw_turnover"}]
    assert figures(from_csv) == figures(wanted)
    source = the_value(from_csv, "rereferrals", "383", "2024-25").source
    assert source == "bds_long.csv, row 1605"
    # Row 1605 as a spreadsheet shows it: the headings are row 1.
    row = pd.read_csv(csv, dtype=str).iloc[1605 - 2]
    assert list(row[["Short Desc", "Years", "LA and Regions"]]) == ["ReReferral", "2025", "Leeds"]


@pytest.mark.parametrize(
    ("la", "closest"),
    [
        ("999", "943 (Westmorland and Furness), 942 (Cumberland), 941 (West Northamptonshire)"),
        ("Leds", "383 (Leeds), 209 (Lewisham), 382 (Kirklees)"),
    ],
)
def test_a_council_not_in_lait(la, closest):
    with pytest.raises(ImportFailed) as raised:
        read_lait(kpi_file(LAIT), la)
    assert _problems(raised) == [
        f'{LAIT}, column "LA Number": "{la}" is not a local-authority number in the file. Fix: '
        f"give the council's 3-digit DfE local-authority number, as 383 for Leeds. The closest "
        f"in the file: {closest}."
    ]


def test_a_council_not_in_the_neighbour_list(sn_2025):
    with pytest.raises(ImportFailed) as raised:
        read_lait(kpi_file(LAIT), "909", sn_2025)  # Cumbria, abolished before the 2025 model
    [problem] = _problems(raised)
    assert problem.startswith(f"{SN_2025}: The list gives no statistical neighbours for 909.")


# EES only --------------------------------------------------------------------------------------


def test_a_shared_service_gives_each_council_its_figure(sn_2025):
    values = read_ees([kpi_file(CSWW)], "314", sn_2025)
    for la in ("314", "318"):  # Kingston and Richmond: Achieving for Children
        value = the_value(values, "sw_turnover", la, "2025")
        assert value.value == 28.0
        assert value.area_name == "Kingston upon Thames / Richmond upon Thames"


def test_a_csv_of_none_of_the_indicators():
    with pytest.raises(ImportFailed) as raised:
        read_ees([kpi_file("b1_children_in_need_2013_to_2025.csv"), kpi_file(C1)], "383")
    [problem] = _problems(raised)
    assert problem.startswith(
        "b1_children_in_need_2013_to_2025.csv: The file holds none of the indicators known here. "
        "Its columns are time_period, time_identifier"
    )
    assert "Anypoint_episodes" in problem


def test_a_folder_skips_files_of_other_figures():
    values = read_ees([shared_file(KPI_DATA)], "383")
    assert len({v.indicator for v in values}) == 15  # every indicator with an EES source


def test_a_source_file_without_its_column(tmp_path):
    path = tmp_path / f"{CSWW[:-4]} (1).csv"
    path.write_text(
        EES_HEADINGS + ",turnover_fte\n2025,Reporting year,National,E92000001,England,,,,,,11.8\n"
    )
    with pytest.raises(ImportFailed) as raised:
        read_ees([path], "383")
    [problem] = _problems(raised)
    assert problem.startswith(
        f'{path.name}: The file is named as DfE\'s source of "Social worker turnover" (column '
        "turnover_rate_fte); "
    )


def test_columns_by_name_and_a_figure_that_is_not_one(tmp_path):
    # Columns in another order, a byte-order mark, and a figure as no DfE file writes it.
    path = tmp_path / "rereferrals.csv"
    path.write_text(
        "rereferral_percent," + EES_HEADINGS + "\n"
        "22.6,2025,Reporting year,National,E92000001,England,,,,,\n"
        "n/a,2025,Reporting year,Local authority,E92000001,England,E12000003,"
        "Yorkshire and The Humber,383,E08000035,Leeds\n",
        encoding="utf-8-sig",
    )
    with pytest.raises(ImportFailed) as raised:
        read_ees([path], "383")
    [problem] = _problems(raised)
    assert problem.startswith(
        'rereferrals.csv, row 3, column "rereferral_percent": "n/a" is not a number, nor one of '
        "DfE's codes for a figure not given"
    )


def test_two_rows_for_one_figure(tmp_path):
    # A breakdown the indicator does not pick (here by age) leaves two rows for one figure.
    path = tmp_path / "rereferrals_by_age.csv"
    row = "2025,Reporting year,National,E92000001,England,,,,,,"
    leeds = "2025,Reporting year,Local authority,E92000001,England,E12000003,Yorkshire and The "
    leeds += "Humber,383,E08000035,Leeds,All ages,24.2"
    path.write_text(
        f"{EES_HEADINGS},age,rereferral_percent\n{row}0 to 9,22.1\n{row}10 to 17,23\n{leeds}\n"
    )
    with pytest.raises(ImportFailed) as raised:
        read_ees([path], "383")
    assert _problems(raised) == [
        'rereferrals_by_age.csv, row 2: Rows 2, 3 all give "Re-referrals within 12 months" for '
        "England (england) in 2025. Fix: import the file as DfE publishes it, without rows added "
        "or columns removed."
    ]


# All DfE files together --------------------------------------------------------------------------


def test_lait_and_ees_agree(sn_2025):
    values = read_dfe([kpi_file(LAIT), kpi_file(C1), kpi_file(CSWW)], "383", sn_2025)
    by_source: dict[tuple, dict[bool, tuple[float | None, str | None]]] = {}
    for value in values:
        key = (value.indicator, value.area, value.period)
        by_source.setdefault(key, {})[value.source.startswith(LAIT)] = (value.value, value.missing)
    both = [figures for figures in by_source.values() if len(figures) == 2]
    assert len(both) > 500
    # Where EES writes "low" (rounds to zero, but is not zero: Southampton's social worker
    # absence in 2022), LAIT writes 0.
    rounded = (0, (None, "low"))
    assert all(
        figures[True][0] == figures[False][0] or (figures[True][0], figures[False]) == rounded
        for figures in both
    )


def test_a_folder_of_dfe_files(sn_2025):
    values = read_dfe([shared_file(KPI_DATA)], "383", sn_2025)
    sources = {v.source.split(",")[0] for v in values}
    assert {LAIT, C1, CSWW} <= sources
    assert not {SN_2025, SN_2021, "lait_data_dictionary.csv"} & sources


def test_all_or_nothing(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("not figures")
    unknown = tmp_path / "targets.csv"
    unknown.write_text("indicator,target\nrereferrals,20\n")
    with pytest.raises(ImportFailed) as raised:
        read_dfe(
            [kpi_file(LAIT), kpi_file("b1_children_in_need_2013_to_2025.csv"), notes, unknown],
            "383",
        )
    problems = _problems(raised)
    # In the order the files were given.
    assert [p.split(":")[0] for p in problems] == [
        "b1_children_in_need_2013_to_2025.csv",
        "notes.txt",
        "targets.csv",
    ]
    assert "holds none of the indicators known here" in problems[0]
    assert "neither a CSV nor a parquet file" in problems[1]
    assert "Its columns are indicator, target." in problems[2]


def test_a_wrong_council_in_every_file():
    with pytest.raises(ImportFailed) as raised:
        read_dfe([kpi_file(LAIT), kpi_file(C1)], "999")
    assert [(p.file, p.column, p.value) for p in raised.value.problems] == [
        (LAIT, "LA Number", "999"),
        (C1, "old_la_code", "999"),
    ]
