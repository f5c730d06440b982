"""A run without ../shared/data says so: every test that needs DfE's or Ofsted's public files
reaches them through tests/kpi_data.py's shared_file, and the closing summary counts the tests
skipped for want of them (conftest.py's pytest_terminal_summary)."""

from __future__ import annotations

import ast
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.conftest import ROOT, pytest_terminal_summary
from tests.kpi_data import SHARED_DATA, shared_file

MISSING = SHARED_DATA / "no_such_file.csv"


class Reporter:
    """The part of pytest's terminal reporter the summary hook uses."""

    def __init__(self, skipped: list) -> None:
        self.stats = {"skipped": skipped}
        self.lines: list[str] = []

    def write_sep(self, sep: str, title: str, **markup: bool) -> None:
        self.lines.append(title)


def skip_report(path: Path | None = None) -> SimpleNamespace:
    """A skipped test's report as pytest makes it: shared_file's skip for `path`, or another."""
    with pytest.raises(pytest.skip.Exception) as skipped:
        if path is None:
            pytest.skip("TEST_DATABASE_URL is not set")
        shared_file(path)
    return SimpleNamespace(longrepr=("tests/test_x.py", 1, f"Skipped: {skipped.value.msg}"))


@pytest.mark.parametrize(
    ("skipped", "said"),
    [
        ([skip_report(MISSING)] * 2 + [skip_report()], ["2 tests"]),
        ([skip_report(MISSING)], ["1 test"]),
        ([skip_report()], []),
        ([], []),
    ],
    ids=["two-of-three", "one", "other-skips-only", "none"],
)
def test_the_summary_counts_the_tests_skipped_for_want_of_the_public_files(skipped, said):
    reporter = Reporter(skipped)
    pytest_terminal_summary(reporter)
    suffix = " skipped: ../shared/data missing (public data, see README)"
    assert reporter.lines == [count + suffix for count in said]


def test_a_present_file_is_returned_and_a_missing_one_says_where_it_was_looked_for():
    assert shared_file(ROOT / "app.py") == ROOT / "app.py"
    assert str(MISSING) in str(skip_report(MISSING).longrepr)


def _paths_of_their_own(path: Path) -> list[int]:
    """Lines of `path` whose code (docstrings aside) names the shared folder itself."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and (node.value == "shared" or node.value.startswith("shared/"))
    ]


def test_no_test_builds_its_own_path_to_the_public_files():
    """A test that found ../shared/data by itself would skip (or fail) unseen by the count."""
    tests = ROOT / "tests"
    found = {
        str(path.relative_to(tests)): lines
        for path in sorted(tests.rglob("*.py"))
        if path.name not in ("kpi_data.py", Path(__file__).name)
        and (lines := _paths_of_their_own(path))
    }
    assert found == {}
