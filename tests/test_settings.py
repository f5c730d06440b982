"""config.toml: every setting loads, bad values are explained, and the README lists them all."""

import json
import subprocess
import sys

import pytest

from readiness.settings import (
    DEFAULT_CONFIG_PATH,
    PROJECT_ROOT,
    BrandingSettings,
    Settings,
    SettingsError,
    describe_settings,
    load_settings,
)


def test_shipped_config_matches_the_defaults():
    assert load_settings(DEFAULT_CONFIG_PATH) == Settings()


def test_every_setting_is_in_the_shipped_config_and_the_readme():
    config = DEFAULT_CONFIG_PATH.read_text()
    readme = (PROJECT_ROOT / "README.md").read_text()
    for row in describe_settings():
        name = row["key"].rsplit(".", 1)[1]
        assert f"{name} =" in config, f"{row['key']} missing from config.toml"
        assert f"`{row['key']}`" in readme, f"{row['key']} missing from the README table"
        assert row["source"], f"{row['key']} has no source"


def _readme_row(row: dict) -> str:
    choices = row["choices"]
    words = row["help"] + (f" One of: {', '.join(f'`{c}`' for c in choices)}." if choices else "")
    return f"| `{row['key']}` | `{json.dumps(row['default'])}` | {words} | {row['source']} |"


def test_the_readme_table_gives_each_settings_own_help_and_source():
    readme = (PROJECT_ROOT / "README.md").read_text().splitlines()
    for row in describe_settings():
        assert _readme_row(row) in readme, f"{row['key']}: the README row differs from settings.py"


def test_the_settings_do_not_import_the_inspection_folder():
    # The inspection folder reads the settings; were the settings to import it back, the two
    # would be one tangle (issue 20). A fresh interpreter shows what importing them loads.
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, readiness.settings; "
            "print(' '.join(sorted(m for m in sys.modules if m.startswith('readiness'))))",
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    loaded = result.stdout.split()
    assert "readiness.inspection_timing" in loaded  # the calendar's rules, below both
    assert [m for m in loaded if m.split(".")[:2] == ["readiness", "inspection"]] == []


def test_values_override_defaults(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[rag]\ndue_soon_days = 7\nrollup = "proportion"\nproportion_red_share = 1\n')
    settings = load_settings(path)
    assert settings.rag.due_soon_days == 7
    assert settings.rag.rollup == "proportion"
    assert settings.rag.proportion_red_share == 1.0
    assert settings.rag.stale_days == 42


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[rag]\ndue_soon_days = 'soon'\n", "rag.due_soon_days = 'soon' should be a int"),
        ("[rag]\nrollup = 'average'\n", "not one of worst_case, proportion"),
        ("[rag]\nstale = 40\n", "unknown setting rag.stale"),
        ("[colours]\nred = 1\n", "unknown section(s) colours"),
        ("[rag\n", "not valid TOML"),
    ],
)
def test_bad_settings_are_explained(tmp_path, content, message):
    path = tmp_path / "config.toml"
    path.write_text(content)
    with pytest.raises(SettingsError, match="config.toml") as error:
        load_settings(path)
    assert message in str(error.value)


def test_every_canonical_column_is_documented():
    from readiness.plan.canonical import CANONICAL_COLUMNS

    contract = (PROJECT_ROOT / "data" / "README.md").read_text()
    for column in CANONICAL_COLUMNS:
        assert f"| {column.heading} |" in contract, f"{column.heading} missing from data/README.md"


def test_the_inspection_calendar_is_a_table_of_its_own(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("[inspection.calendar]\nno_fieldwork_months = [7, 8]\neaster = false\n")
    calendar = load_settings(path).inspection.calendar
    assert (calendar.no_fieldwork_months, calendar.easter) == ((7, 8), False)
    assert calendar.winter_no_starts == ((12, 12), (1, 11))  # left out: the default
    path.write_text('[inspection.calendar]\nwinter_no_starts = ["12-40", "01-11"]\n')
    with pytest.raises(SettingsError, match="winter_no_starts"):
        load_settings(path)
    path.write_text("[inspection]\ncalendar = 3\n")
    with pytest.raises(SettingsError, match="should be a table"):
        load_settings(path)


@pytest.mark.parametrize(
    ("configured", "stored", "shown"),
    [
        ("Marshcombe Borough Council", "Marshcombe", "Marshcombe Borough Council"),
        ("", "Marshcombe", "Marshcombe"),
        ("", None, "The council"),
    ],
)
def test_the_council_is_named_as_configured_else_as_stored_with_the_plan(configured, stored, shown):
    branding = BrandingSettings(council_name=configured)
    assert branding.council(stored, "The council") == shown
