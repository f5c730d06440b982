"""DfE's and Ofsted's public files for the tests, read where they are kept, outside the repo
(../shared/data beside the repository): they are never copied into the project. A test that needs
one reaches it through shared_file, so that where they are not present it is skipped, saying why,
and counted in the run's closing summary (conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from readiness.kpi.values import KpiValue

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
KPI_DATA = SHARED_DATA / "kpi"
OFSTED_DATA = SHARED_DATA / "ofsted"
# The national record's files, as the README's import-national names them.
NATIONAL_FILES = (
    "ofsted_csc_ilacs_history.csv",
    "la_lookup_provider_data.csv",
    "la_inspection_outcomes_as_at_31_march_2025.ods",
)

LAIT = "lait_bds_long_0.parquet"
SN_2025 = "sn_model_2025_wide.csv"
SN_2021 = "sn_groupings_april_2021.csv"
C1 = "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"
D5 = "d5_cpps_at31march_by_duration_2013_to_2025.csv"
CSWW = "csww_indicators_2017_to_2025.csv"


# Every skip for a missing public file starts with this: conftest.py counts them by it.
SHARED_MISSING = "../shared/data missing"


def shared_file(path: Path) -> Path:
    """`path`, a file or folder under ../shared/data; the test is skipped if it is not there."""
    if not path.exists():
        pytest.skip(f"{SHARED_MISSING}: {path} is not here (public data kept outside the repo)")
    return path


def kpi_file(name: str) -> Path:
    return shared_file(KPI_DATA / name)


def ofsted_lookup() -> Path:
    return shared_file(OFSTED_DATA / "la_lookup_provider_data.csv")


def the_value(values: list[KpiValue], indicator: str, area: str, period: str) -> KpiValue:
    """The one figure of `indicator` for `area` in the period labelled `period`."""
    found = [
        value
        for value in values
        if (value.indicator, value.area, value.period.label) == (indicator, area, period)
    ]
    assert len(found) == 1, f"{len(found)} figures of {indicator} for {area} in {period}"
    return found[0]
