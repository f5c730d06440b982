"""`python -m readiness` loads only what the command asked for: `--help` and each command's
`--help` answer without the database, the data, the PDF or the chart libraries, and a command
does not load another's (the status table does not wait for the board pack's ReportLab or the
workbook writer). Seen as a maintainer sees it, in the list `python -X importtime` prints of every
module a real run imported; no timing is asserted.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from readiness.cli.parser import COMMANDS
from tests.conftest import AS_AT, ROOT

# The libraries a command loads for its work, not for its arguments: the data, the database, the
# file readers and writers, the PDF and the charts.
HEAVY = {
    "pandas",
    "numpy",
    "sqlalchemy",
    "alembic",
    "openpyxl",
    "python_calamine",
    "docx",
    "pypdf",
    "reportlab",
    "altair",
}
# These two list choices that come from their file readers, which they load to say them.
READER_CHOICES = {
    "import-plan": {"python_calamine", "docx"},
    "import-kpis": {"python_calamine", "docx", "pandas", "numpy"},
}


def libraries_loaded(*args: str) -> set[str]:
    """The heavy libraries a real `python -m readiness ARGS` imported, from -X importtime."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "readiness", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    # Each line: "import time: self | cumulative | <indent>module.name".
    imported = {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    return imported & HEAVY


def test_help_loads_no_heavy_library():
    assert libraries_loaded("--help") == set()


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_commands_help_loads_only_what_its_choices_come_from(command):
    assert libraries_loaded(command, "--help") <= READER_CHOICES.get(command, set())


def test_status_does_not_load_the_board_packs_or_the_workbooks_libraries(demo_url):
    loaded = libraries_loaded("status", "--as-at", AS_AT.isoformat(), "--db", demo_url)
    assert {"pandas", "sqlalchemy"} <= loaded  # it did read the plan
    assert not loaded & {"reportlab", "altair", "openpyxl"}
