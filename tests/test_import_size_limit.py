"""The file-size limit (imports.max_file_mb): one setting, turned into bytes in one place, and every
import refuses a file just over it, saying the limit: a plan, a KPI file (the council's own or
DfE's) and Ofsted's report, from the command line and on the Data page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from components import data
from readiness.files.limits import DEFAULT_MAX_BYTES, MAX_FILE_MB, MB
from readiness.settings import ImportSettings, Settings
from tests.conftest import ROOT, open_app
from tests.html_tables import page_tables
from tests.page_text import shown
from tests.test_cli import run

LIMIT_MB = 1
OVER = LIMIT_MB * MB + 1  # one byte over the limit
SAID = "over the import limit of 1.0 MB"
RAISE = "raise the setting imports.max_file_mb in config.toml"


def _padded(head: bytes) -> bytes:
    """`head`, then lines of padding up to one byte over the limit."""
    line = b"x" * 99 + b"\n"
    body = head + line * (OVER // len(line) + 1)
    return body[:OVER]


KPIS = ("import-kpis", "--la", "383")
# Each kind of file an import reads, just over the limit, and the command that reads it.
FILES = {
    "plan": ("plan.csv", _padded(b"Ref,Recommendation,Theme,Action\n"), ("import-plan",)),
    "own KPI table": (
        "our_kpis.csv",
        _padded(b"Indicator,Period,Value\n"),
        KPIS,
    ),
    "DfE's EES file": (
        "c1_children_in_need_referrals.csv",
        _padded(b"time_period,time_identifier,geographic_level,old_la_code\n"),
        KPIS,
    ),
    "LAIT's data set": ("lait_bds_long_0.parquet", _padded(b"PAR1"), KPIS),
    "Ofsted's report": ("report.pdf", _padded(b"%PDF-1.7\n"), ("import-report",)),
}


def test_the_setting_is_turned_into_bytes_in_one_place():
    assert ImportSettings().max_file_mb == MAX_FILE_MB
    assert ImportSettings().max_file_bytes == DEFAULT_MAX_BYTES == MAX_FILE_MB * MB
    assert ImportSettings(max_file_mb=LIMIT_MB).max_file_bytes == LIMIT_MB * MB
    # A second conversion (megabytes times 1024 twice, beside the setting) would drift from it.
    for path in [ROOT / "app.py", *ROOT.glob("readiness/**/*.py"), *ROOT.glob("components/*.py")]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"max_file_mb\s*\*", text), path
        assert path.name == "limits.py" or "DEFAULT_MAX_BYTES =" not in text, path


@pytest.fixture
def one_mb_limit(tmp_path, monkeypatch) -> Path:
    config = tmp_path / "config.toml"
    config.write_text(f"[imports]\nmax_file_mb = {LIMIT_MB}\n", encoding="utf-8")
    monkeypatch.setenv("READINESS_CONFIG", str(config))
    return config


@pytest.mark.parametrize("kind", FILES)
def test_the_command_refuses_a_file_just_over_the_configured_limit(
    kind, one_mb_limit, tmp_path, capsys, sqlite_url
):
    name, content, command = FILES[kind]
    path = tmp_path / name
    path.write_bytes(content)
    result = run(capsys, *command, str(path), "--dry-run", db=sqlite_url)
    assert result.code != 0 or "Nothing was stored" in result.err
    assert f"{name}" in result.err and SAID in result.err and RAISE in result.err, result.err


@pytest.mark.parametrize("kind", FILES)
def test_a_file_just_under_the_limit_is_not_refused_for_its_size(
    kind, one_mb_limit, tmp_path, capsys, sqlite_url
):
    name, content, command = FILES[kind]
    path = tmp_path / name
    path.write_bytes(content[: LIMIT_MB * MB])
    result = run(capsys, *command, str(path), "--dry-run", db=sqlite_url)
    assert "import limit" not in result.err + result.out


@pytest.fixture
def data_page(demo_engine, sqlite_url, monkeypatch):
    settings = Settings(imports=ImportSettings(max_file_mb=LIMIT_MB))
    monkeypatch.setattr(data, "get_settings", lambda: settings)
    return open_app(sqlite_url, monkeypatch, "views/loading.py")


# The Data page's uploader for each kind of file, and how the page says a file was refused.
UPLOADS = {
    "plan": ("data_upload", "table"),
    "own KPI table": ("kpi_upload", "table"),
    "DfE's EES file": ("kpi_upload", "table"),
    "Ofsted's report": ("report_upload", "error"),
}


@pytest.mark.parametrize("kind", UPLOADS)
def test_the_data_page_refuses_an_upload_just_over_the_configured_limit(kind, data_page):
    name, content, _command = FILES[kind]
    key, where = UPLOADS[kind]
    if key == "kpi_upload":
        data_page.text_input(key="kpi_la").input("383")
    data_page.file_uploader(key=key).set_value(
        [(name, content, "text/csv")] if key == "kpi_upload" else (name, content, "text/csv")
    ).run()
    assert not data_page.exception, data_page.exception
    assert any("Nothing was stored" in e.value for e in data_page.error)
    if where == "table":
        rows = [row for table in page_tables(data_page) for row in table if "Problem" in row]
        said = [f"{row['Problem']} {row['What to do']}" for row in rows]
    else:
        said = [shown(e.value) for e in data_page.error]
    assert any(SAID in text and RAISE in text for text in said), said
