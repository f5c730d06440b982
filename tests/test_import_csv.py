"""Plans saved as CSV read as the same plan as the workbook they were saved from, in any of the
encodings Excel writes.
"""

from __future__ import annotations

from readiness.plan.importing import read_plan
from tests.import_fixtures import (
    CANONICAL_ROWS,
    canonical_row,
    canonical_workbook,
    committee_workbook,
    save_as_csv,
)
from tests.import_reading import AS_AT


def test_committee_csv_reads_the_same_as_xlsx(tmp_path):
    committee_file = committee_workbook(tmp_path / "plan.xlsx")
    csv_path = save_as_csv(committee_file, tmp_path / "plan.csv")
    from_xlsx = read_plan(committee_file, imported_on=AS_AT)
    from_csv = read_plan(csv_path, imported_on=AS_AT)
    assert from_csv.sheet is None
    assert from_csv.plan == from_xlsx.plan
    assert len(from_xlsx.warnings) == 10
    assert [str(w).split(":", 1)[1] for w in from_csv.warnings] == [
        str(w).split(":", 1)[1] for w in from_xlsx.warnings
    ]


def test_canonical_csv_reads_the_same_as_xlsx(tmp_path):
    xlsx = canonical_workbook(tmp_path / "plan.xlsx", CANONICAL_ROWS)
    for encoding in ("utf-8-sig", "utf-8", "cp1252"):
        csv_path = save_as_csv(xlsx, tmp_path / "plan.csv", encoding=encoding)
        assert (
            read_plan(csv_path, imported_on=AS_AT).plan == read_plan(xlsx, imported_on=AS_AT).plan
        )


def test_csv_in_windows_encoding(tmp_path):
    row = canonical_row(
        ref="REC 1",
        recommendation="Improve – now.",
        theme="T",
        action="A",
        service_leads="Zoë O’Neill (Head of Service)",
        due="30/06/2026",
    )
    xlsx = canonical_workbook(tmp_path / "plan.xlsx", [row])
    csv_path = save_as_csv(xlsx, tmp_path / "plan.csv", encoding="cp1252")
    plan = read_plan(csv_path, imported_on=AS_AT).plan
    assert plan.recommendations[0].text == "Improve – now."
    assert plan.lead_roles == {"Zoë O'Neill": "Head of Service"}
