"""The app's own settings: one typed object loaded from `config.toml`, each setting with its source.

Every setting is a dataclass field whose metadata carries a help text and where the value comes
from, so the README table and the checks on the file are built from this one place.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from readiness.files.limits import MAX_FILE_MB, file_bytes
from readiness.inspection_timing import (
    PUBLISHED_WINDOW,
    CalendarRules,
    rules_from_settings,
    settings_of,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG_PATH = PROJECT_ROOT / "config.toml"
CONFIG_ENV = "READINESS_CONFIG"
DATABASE_ENV = "READINESS_DATABASE_URL"


def setting(default, help: str, source: str, choices: tuple[str, ...] = ()):
    """A settings field with its help text, source and allowed values."""
    return field(default=default, metadata={"help": help, "source": source, "choices": choices})


@dataclass(frozen=True)
class DatabaseSettings:
    url: str = setting(
        "sqlite:///data/readiness.db",
        "SQLAlchemy URL of the database. A relative SQLite path is taken from the project folder. "
        f"The environment variable {DATABASE_ENV} and the CLI's --db override it.",
        "project default: one SQLite file on one laptop, no server",
    )
    demo_when_empty: bool = setting(
        True,
        "When the app starts on a brand-new database (no tables yet), fill it with the fictional "
        "demo council. Set false before pointing the app at a new live council database.",
        "project default: a first run shows a working board at once",
    )


@dataclass(frozen=True)
class RagSettings:
    due_soon_days: int = setting(
        14,
        "An open action due within this many days (due today included) is Amber: due soon.",
        "council convention (domain.md §4.3: Amber = at risk, needs attention)",
    )
    stale_days: int = setting(
        42,
        "An open action with no progress update for this many days or more is Amber: stale.",
        "council convention: six weeks, one reporting cycle of a monthly board plus slack",
    )
    rollup: str = setting(
        "worst_case",
        "How action colours roll up to theme, recommendation, judgement area and overall: "
        "worst_case (any Red makes Red) or proportion (by share of actions).",
        "domain.md §4.3 roll-up conventions; worst case suits assurance boards",
        choices=("worst_case", "proportion"),
    )
    proportion_green_share: float = setting(
        0.75,
        "Proportion roll-up: Green when at least this share of actions is Blue, Green or Grey "
        "and none is Red.",
        "domain.md §4.3 ('Green when most are Green or Blue and none Red')",
    )
    proportion_red_share: float = setting(
        0.25,
        "Proportion roll-up: Red when at least this share of actions is Red.",
        "council convention",
    )
    blue_requires_evidence: bool = setting(
        False,
        "If true, a completed action is Blue only once evidence of impact is recorded; "
        "until then it is Green.",
        "domain.md §4.3 (some plans only go Blue once impact is evidenced)",
    )
    data_gap_rag: str = setting(
        "amber",
        "Colour for a data gap: an open action with no due date, or a theme with no actions. "
        "Never green, so the plan owner sees it.",
        "project rule: a gap in the plan is a risk, never silently on track",
        choices=("amber", "red"),
    )


@dataclass(frozen=True)
class InspectionSettings:
    # The calendar's rules, one setting each in an [inspection.calendar] table; each carries its
    # own help and source (readiness.inspection_timing.CalendarRules).
    calendar: CalendarRules = field(
        default_factory=CalendarRules, metadata={"parse": rules_from_settings}
    )
    framework: str = setting(
        "auto",
        "Which ILACS framework's judgement areas to use: auto (the one in force at the as-at "
        "date), ilacs_2018, ilacs_2023 or ilacs_2026.",
        "domain.md §1.1-1.2 (framework timeline and judgement areas)",
        choices=("auto", "ilacs_2018", "ilacs_2023", "ilacs_2026"),
    )
    no_overall_grade_rule: str = setting(
        "leaders_and_two",
        "The next inspection's type after one with no overall grade (from April 2026): "
        "leaders_and_two (short if leaders and two of the three practice judgements are good or "
        "outstanding, else standard), standard or short.",
        "JT-39/ofsted-ilacs-scrape-tool README (2026), citing Ofsted's April 2026 summary of "
        "framework changes: a secondary source, not yet confirmed (domain.md §1.3, §1.2a)",
        choices=("leaders_and_two", "standard", "short"),
    )
    fallback_earliest_months: float = setting(
        PUBLISHED_WINDOW.opens_months,
        "Without an imported national record: the earliest gap, in months, from the last full "
        "inspection's start to the next one's.",
        "the published rule: 6 months before the three-year anniversary (domain.md §1.4)",
    )
    fallback_likely_months: float = setting(
        40.2,
        "Without an imported national record: the most likely gap, in months.",
        "the median gap in the current cycle, 66 pairs of inspections (domain.md §1.4)",
    )
    fallback_latest_months: float = setting(
        46.0,
        "Without an imported national record: the latest gap, in months (the window's soft "
        "upper edge).",
        "the longest gap seen in the current cycle, 46.0 months (domain.md §1.4); the published "
        "rule's 42 months was passed by 29%",
    )


@dataclass(frozen=True)
class ImportSettings:
    max_file_mb: int = setting(
        MAX_FILE_MB,
        "Largest file the imports accept, in megabytes: a plan (.xlsx, .csv or .docx), a KPI "
        "file or Ofsted's report.",
        "project default: a 10,000-action plan is under 1 MB; anything far larger is likely "
        "to hold pictures or other sheets",
    )

    @property
    def max_file_bytes(self) -> int:
        """The limit in bytes, as every import checks it."""
        return file_bytes(self.max_file_mb)


@dataclass(frozen=True)
class KpiSettings:
    neighbour_average: str = setting(
        "mean",
        "How the statistical neighbours' figure is worked out from the neighbours with a figure: "
        "mean or median. The KPIs page says which, and how many neighbours it used.",
        "DfE: LAIT uses the mean, the CSC outcomes and enablers dashboard the median "
        "(../shared/data/kpi/README.md)",
        choices=("mean", "median"),
    )
    direction_periods: int = setting(
        3,
        "The longer trend, said beside last year's move: the latest figure against the earliest of "
        "this many latest periods (3: over the last three years of an annual indicator). Last "
        "year's move is always the latest period against the one before.",
        "project default: three years, the span a board and an inspection look back over",
    )


@dataclass(frozen=True)
class BrandingSettings:
    app_title: str = setting(
        "Inspection readiness",
        "Title shown in the browser tab and at the top of the sidebar.",
        "project default",
    )
    council_name: str = setting(
        "",
        "Council name shown under the title; empty means the name stored with the plan.",
        "project default",
    )

    def council(self, stored: str | None, otherwise: str = "") -> str:
        """The council's name: the one configured, else `stored` (the plan's), else
        `otherwise`."""
        return self.council_name or stored or otherwise


@dataclass(frozen=True)
class BoardSettings:
    advance_seconds: int = setting(
        30,
        "Board mode (a wall screen): seconds each screen stays before the next. A link's "
        "`advance=` gives its own for that screen: 5 to 3600 seconds (an hour); the configured "
        "value is kept within the same range.",
        "project default: long enough to read a screen out in a briefing, short enough that the "
        "demo's eight screens (the overview, four judgement areas, the late actions by lead, the "
        "KPIs and the next inspection) go round in four minutes",
    )


@dataclass(frozen=True)
class AccessSettings:
    sign_off: bool = setting(
        True,
        'A lead officer\'s "Complete" is recorded as proposed until an editor confirms it; '
        "until then the action is not Blue. Set false to let a lead's Complete stand alone.",
        "issue 24: nobody completes their own action without sign-off (a director's request)",
    )
    allow_anonymous: bool = setting(
        False,
        "Without sign-in configured (no [auth] in .streamlit/secrets.toml) the app is in local "
        "mode: anyone who opens it can change the plan. On PostgreSQL (a shared service) that "
        "is refused unless this is set true on purpose.",
        "project rule: a shared service needs sign-in and an audit trail",
    )


@dataclass(frozen=True)
class ReminderSettings:
    smtp_host: str = setting(
        "",
        "SMTP server for `python -m readiness remind --send`; READINESS_SMTP_HOST overrides it. "
        "The password, if any, only from READINESS_SMTP_PASSWORD.",
        "council's mail service",
    )
    smtp_port: int = setting(587, "SMTP port (587 with STARTTLS, 25 without).", "RFC 6409")
    smtp_starttls: bool = setting(
        True, "Use STARTTLS before sending (set false for a local relay).", "RFC 3207"
    )
    smtp_username: str = setting(
        "", "SMTP user name; empty sends without logging in.", "council's mail service"
    )
    from_address: str = setting("", "The reminders' From address.", "council's mail service")
    app_url: str = setting(
        "http://localhost:8501",
        "The dashboard's address, for the link to each lead's own My actions view.",
        "project default: the address `make run` serves",
    )


@dataclass(frozen=True)
class Settings:
    database: DatabaseSettings = field(default_factory=DatabaseSettings)
    rag: RagSettings = field(default_factory=RagSettings)
    inspection: InspectionSettings = field(default_factory=InspectionSettings)
    imports: ImportSettings = field(default_factory=ImportSettings)
    kpis: KpiSettings = field(default_factory=KpiSettings)
    branding: BrandingSettings = field(default_factory=BrandingSettings)
    board: BoardSettings = field(default_factory=BoardSettings)
    access: AccessSettings = field(default_factory=AccessSettings)
    reminders: ReminderSettings = field(default_factory=ReminderSettings)


class SettingsError(ValueError):
    """The configuration file holds something the app cannot use."""


def describe_settings() -> list[dict]:
    """Every setting as a row: key, default, help, source, choices (for docs and checks)."""
    rows = []
    for section in fields(Settings):
        for f in fields(section.default_factory()):
            if "parse" in f.metadata:  # a table of settings: a row for each of its own
                table = f.default_factory()
                defaults = settings_of(table)
                rows += [
                    {
                        "key": f"{section.name}.{f.name}.{sub.name}",
                        "default": defaults[sub.name],
                        "help": sub.metadata["help"],
                        "source": sub.metadata["source"],
                        "choices": (),
                    }
                    for sub in fields(table)
                ]
                continue
            rows.append(
                {
                    "key": f"{section.name}.{f.name}",
                    "default": f.default,
                    "help": f.metadata["help"],
                    "source": f.metadata["source"],
                    "choices": f.metadata["choices"],
                }
            )
    return rows


def _checked(path: Path, key: str, value, f) -> object:
    expected = type(f.default)
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        raise SettingsError(
            f"{path}: setting {key} = {value!r} should be a {expected.__name__} "
            f"(default {f.default!r}). Fix the value or delete the line to use the default."
        )
    choices = f.metadata["choices"]
    if choices and value not in choices:
        raise SettingsError(
            f"{path}: setting {key} = {value!r} is not one of {', '.join(choices)}. "
            "Pick one of those or delete the line to use the default."
        )
    return value


def _parsed(path: Path, key: str, value, f) -> object:
    parse = f.metadata.get("parse")
    if parse is None:
        return _checked(path, key, value, f)
    if not isinstance(value, dict):
        raise SettingsError(f"{path}: {key} should be a table, [{key}]. Fix it or delete it.")
    try:
        return parse(value)
    except ValueError as error:
        raise SettingsError(
            f"{path}: {error}. Fix the value or delete the line to use the default."
        ) from None


def load_settings(path: Path | str | None = None) -> Settings:
    """Read the settings file (default `config.toml`, or $READINESS_CONFIG) over the defaults."""
    path = Path(path or os.environ.get(CONFIG_ENV) or DEFAULT_CONFIG_PATH)
    raw = {}
    if path.exists():
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            raise SettingsError(f"{path}: not valid TOML ({error}). Fix the file.") from error
    sections = {}
    for section in fields(Settings):
        defaults = section.default_factory()
        given = raw.pop(section.name, {})
        known = {f.name: f for f in fields(defaults)}
        values = {}
        for name, value in given.items():
            if name not in known:
                raise SettingsError(
                    f"{path}: unknown setting {section.name}.{name}. "
                    f"Known in [{section.name}]: {', '.join(known)}."
                )
            values[name] = _parsed(path, f"{section.name}.{name}", value, known[name])
        sections[section.name] = replace(defaults, **values)
    if raw:
        raise SettingsError(
            f"{path}: unknown section(s) {', '.join(raw)}. "
            f"Known sections: {', '.join(f.name for f in fields(Settings))}."
        )
    return Settings(**sections)
