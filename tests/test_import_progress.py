"""Big plan files: progress is reported while they are read and checked, and every bad row is
reported.
"""

from __future__ import annotations

from readiness.plan.importing import read_plan
from tests.import_fixtures import big_canonical_rows, plain_canonical_workbook, save_as_csv
from tests.import_reading import AS_AT, refused


def test_progress_is_reported_while_reading_and_validating(tmp_path):
    path = plain_canonical_workbook(tmp_path / "big.xlsx", big_canonical_rows(1000))
    calls = []
    result = read_plan(path, imported_on=AS_AT, progress=lambda *a: calls.append(a))
    assert result.actions == 1000
    for stage in ("reading", "validating"):
        done = [d for d, _, s in calls if s == stage]
        assert len(done) >= 5, stage
        assert done == sorted(done)
        assert max(b - a for a, b in zip([0, *done], done, strict=False)) <= 200
    assert calls[-1] == (1001, 1001, "validating")


def test_big_file_with_bad_rows_reports_each(tmp_path):
    path = plain_canonical_workbook(tmp_path / "bad.xlsx", big_canonical_rows(1000, bad_every=100))
    problems = refused(path)
    assert len(problems) == 10
    assert [p.row for p in problems] == [101 + 100 * i for i in range(10)]


def test_progress_while_reading_a_csv(tmp_path):
    csv_path = save_as_csv(
        plain_canonical_workbook(tmp_path / "big.xlsx", big_canonical_rows(500)),
        tmp_path / "big.csv",
    )
    calls = []
    read_plan(csv_path, imported_on=AS_AT, progress=lambda *a: calls.append(a))
    assert calls[:2] == [(0, 1, "opening"), (1, 1, "opening")]
    assert [d for d, _, s in calls if s == "reading"] == [200, 400, 501]
