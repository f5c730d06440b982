"""The command line's commands: each one's line in `python -m readiness --help`, its options, and
the function that runs it.

The function is named as "module:function" and imported only when its command runs
(readiness.cli.main): a command's module imports what it works with (pandas and the database,
ReportLab, the file readers), which `--help` and every other command should not wait for. So this
module imports nothing heavy; where a command's choices come from its file readers, its options
import them when declared, and main declares only the command it runs.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date

from readiness.cli.args import (
    KPIS_AS_AT,
    PREDICT_AS_AT,
    ArgumentParser,
    add_common,
    add_confirm,
    add_table_or_json,
    parse_date,
    text_of_at_most,
)
from readiness.cli.people_options import users_options
from readiness.cli.self_evaluation_options import self_evaluation_options
from readiness.text import NAME_MAX, TITLE_MAX


def _init(sub: ArgumentParser) -> None:
    add_common(sub, "--demo-date", "the day the demo plan is dated around")
    sub.add_argument(
        "--demo", action="store_true", help="fill an empty database with the demo council's plan"
    )


def _status(sub: ArgumentParser) -> None:
    add_common(sub)
    sub.add_argument("--lead", metavar="NAME", help="only the actions this lead officer leads")
    add_table_or_json(sub)


def _import_plan(sub: ArgumentParser) -> None:
    # The fields come with the plan's readers (.xlsx, .docx), which the command runs anyway.
    from readiness.plan.importing.mapping import FIELDS

    add_common(
        sub,
        "--imported-on",
        "the import date: it dates progress notes that have none, status changes and removals",
    )
    sub.add_argument("path", metavar="PATH", help="the plan file (.xlsx, .csv or .docx)")
    sub.add_argument(
        "--sheet",
        metavar="NAME",
        help='the workbook sheet, or the document table ("Table 2"), holding the plan',
    )
    add_confirm(sub, "check the file and show the changes; store nothing")
    sub.add_argument(
        "--as-new-plan", action="store_true", help="store it as a new plan, not an update"
    )
    sub.add_argument(
        "--title",
        type=text_of_at_most(TITLE_MAX),
        help="the plan's title (default: the file's title or name)",
    )
    sub.add_argument(
        "--map",
        action="append",
        metavar='"HEADING=FIELD,..."',
        help='what each column holds: "When?=due,D=service_leads" (a heading, quoted if it holds '
        "a comma, or a column's letter or number; fields: " + ", ".join(FIELDS) + '; "-" not to '
        "import). Remembered for files with the same headings.",
    )
    sub.add_argument(
        "--no-split-lines",
        action="store_true",
        help="keep a cell of several lines one action (by default each line standing alone is one)",
    )
    sub.add_argument(
        "--council",
        type=text_of_at_most(NAME_MAX),
        help="the council's name, stored with a new plan",
    )


def _path_xlsx(sub: ArgumentParser) -> None:
    sub.add_argument("path", metavar="PATH.xlsx", help="the workbook to write")


def _export_plan(sub: ArgumentParser) -> None:
    add_common(sub)
    _path_xlsx(sub)


def _kpis(sub: ArgumentParser) -> None:
    add_common(sub, date_help=KPIS_AS_AT)
    add_table_or_json(sub)


def _import_kpis(sub: ArgumentParser) -> None:
    # The formats come with DfE's file readers (and pandas), which the command runs anyway.
    from readiness.kpi.dfe_files import FORMATS

    add_common(sub, "--imported-on", "the load date, kept with each figure")
    sub.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    sub.add_argument(
        "--la", metavar="CODE", help="the council's 3-digit DfE number (default: the stored one)"
    )
    sub.add_argument(
        "--neighbours",
        metavar="PATH",
        help="DfE's statistical-neighbour list (sn_model_2025_wide.csv or the LAIT layout); "
        "default: the stored list",
    )
    sub.add_argument(
        "--all-las",
        action="store_true",
        help="also every council's figures (for rank and quartile)",
    )
    sub.add_argument(
        "--format",
        choices=FORMATS,
        default="auto",
        help="how to read the files: auto (told from each file's headings), canonical (the "
        "council's long table: Indicator, Period, Value, ...), wide (one row per indicator, one "
        "column per month, quarter or year), lait or ees (DfE's files)",
    )
    add_confirm(sub)


def _kpi_target(sub: ArgumentParser) -> None:
    add_common(sub, date_help="record the target as set on this date")
    sub.add_argument(
        "indicator", metavar="INDICATOR", help="the indicator's id (kpis --format json)"
    )
    sub.add_argument("target", type=float, metavar="TARGET", help="in the indicator's unit")
    sub.add_argument(
        "--tolerance",
        type=float,
        help="how far worse than target is still Amber, in the indicator's unit (points for %%)",
    )


def _national_paths(sub: ArgumentParser, help: str) -> None:
    sub.add_argument("paths", nargs="+", metavar="PATH", help=help)


def _import_national(sub: ArgumentParser) -> None:
    add_common(sub, "--imported-on", "the date the record is stored as loaded on")
    _national_paths(
        sub,
        "the record's files: the scraped history CSV, the LA lookup CSV, Ofsted's official "
        "statistics (.ods), in any order",
    )
    add_confirm(sub, "read and report; store nothing")


def _predict(sub: ArgumentParser) -> None:
    add_common(sub, date_help=PREDICT_AS_AT)
    add_table_or_json(sub, "table: for reading; json: for other programs")


def _horizon(sub: ArgumentParser, help: str) -> None:
    sub.add_argument("--horizon-days", type=int, default=91, metavar="DAYS", help=help)


def _outlook(sub: ArgumentParser) -> None:
    sub.add_argument("--history", required=True, metavar="PATH", help="the scraped history CSV")
    sub.add_argument("--lookup", metavar="PATH", help="the LA lookup CSV")
    sub.add_argument("--official", metavar="PATH", help="Ofsted's official statistics (.ods)")
    sub.add_argument(
        "--as-at",
        dest="day",
        type=parse_date,
        required=True,
        metavar="YYYY-MM-DD",
        help="predict from the reports published before this date",
    )
    _horizon(
        sub,
        "the chance of fieldwork starting within this many days of the as-at date (default: 91)",
    )
    sub.add_argument(
        "--format",
        choices=("csv", "json"),
        default="csv",
        help="csv (default): one row a council, for a spreadsheet; json: for other programs",
    )


def _backtest(sub: ArgumentParser) -> None:
    _national_paths(sub, "the national record's files, as for import-national")
    sub.add_argument(
        "--from",
        dest="first",
        type=parse_date,
        default=date(2024, 9, 1),
        metavar="YYYY-MM-DD",
        help="the first month start to predict from (default: 2024-09-01)",
    )
    sub.add_argument(
        "--to",
        dest="last",
        type=parse_date,
        default=date(2026, 3, 1),
        metavar="YYYY-MM-DD",
        help="the last month start to predict from (default: 2026-03-01; a later one has had "
        "less time to see what happened)",
    )
    _horizon(
        sub,
        "score the chance of fieldwork starting within this many days of each month start "
        "(default: 91)",
    )


def _import_report(sub: ArgumentParser) -> None:
    add_common(sub, "--imported-on", "the date the draft plan is stored on")
    sub.add_argument("path", metavar="PATH.pdf", help="the report as published by Ofsted")
    add_confirm(sub, "show what was read and what changes; store nothing")
    add_table_or_json(sub, "json: what was read, as JSON on stdout (the rest goes to stderr)")


def _board_pack(sub: ArgumentParser) -> None:
    add_common(
        sub,
        date_help="the date the pack is as at: the plan, the indicators published by then and "
        "the next inspection as predicted then",
    )
    sub.add_argument("path", metavar="OUT", help="the file to write (.pdf, or .xlsx)")
    sub.add_argument(
        "--since",
        type=parse_date,
        metavar="YYYY-MM-DD",
        help="the date of the last pack or briefing, to say what changed since",
    )
    sub.add_argument("--lead", metavar="NAME", help="only the actions this lead officer leads")
    sub.add_argument(
        "--area",
        metavar="AREA",
        help='only this judgement area: its code or its label, e.g. "Help and protection"',
    )
    sub.add_argument(
        "--format",
        choices=("pdf", "xlsx"),
        default="pdf",
        help="pdf for committee papers (the default) or xlsx, a sheet per part for a spreadsheet",
    )


def _check(sub: ArgumentParser) -> None:
    sub.add_argument("--db", metavar="URL", help="SQLAlchemy database URL (overrides config)")
    sub.add_argument(
        "--secrets",
        metavar="PATH",
        help="Streamlit's secrets file to read [auth] from (default: .streamlit/secrets.toml "
        "in the project folder, where `streamlit run app.py` finds it)",
    )
    add_table_or_json(sub, "table: a line per check; json: for monitoring programs")


def _remind(sub: ArgumentParser) -> None:
    add_common(
        sub,
        date_help="judge each lead's actions as they stand on this date: overdue, due soon and "
        "stale are counted from it",
    )
    sub.add_argument(
        "--send",
        action="store_true",
        help="email the digests (default: print them; nothing is sent or stored)",
    )
    sub.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="EMAIL",
        help="leave this person out of this run (repeat for more); to stop someone's reminders "
        "for good, turn them off for that person",
    )


@dataclass(frozen=True)
class Command:
    help: str  # its line in `python -m readiness --help`
    options: Callable[[ArgumentParser], None]  # declares its arguments
    run: str  # "module:function", called with (args, settings, out), returns the exit code


COMMANDS = {
    "init": Command(
        "create or upgrade the database schema", _init, "readiness.cli.database:run_init"
    ),
    "check": Command(
        "is the installation ready to serve: database, schema, rows, sign-in, an admin "
        "(exit 0 only if so; a health check)",
        _check,
        "readiness.cli.check:run_check",
    ),
    "status": Command(
        "RAG status of the plan at a date, the overdue actions and who leads them",
        _status,
        "readiness.cli.status:run_status",
    ),
    "import-plan": Command(
        "read a plan (.xlsx, .csv or .docx), show what changes, and store it",
        _import_plan,
        "readiness.cli.plan_import:run_import",
    ),
    "template": Command(
        "write the blank canonical plan template",
        _path_xlsx,
        "readiness.cli.workbooks:run_template",
    ),
    "kpis": Command(
        "each indicator's figure, target, RAG and direction", _kpis, "readiness.cli.kpis:run_kpis"
    ),
    "import-kpis": Command(
        "load DfE's indicator files (LAIT's data set, explore-education-statistics CSVs, or a "
        "folder of them) or the council's own KPI tables (.xlsx or .csv) for the council",
        _import_kpis,
        "readiness.cli.kpis:run_import_kpis",
    ),
    "kpi-target": Command(
        "set the council's target for an indicator, and its Amber tolerance",
        _kpi_target,
        "readiness.cli.kpis:run_kpi_target",
    ),
    "import-national": Command(
        "load the national record of inspections (the scraped report history with the LA "
        "lookup, and Ofsted's official statistics workbook)",
        _import_national,
        "readiness.cli.inspection:run_import_national",
    ),
    "predict": Command(
        "the council's predicted next inspection", _predict, "readiness.cli.inspection:run_predict"
    ),
    "outlook": Command(
        "every council's chance of a full inspection within the horizon",
        _outlook,
        "readiness.cli.inspection:run_outlook",
    ),
    "backtest": Command(
        "score the outlook at each month start against what happened",
        _backtest,
        "readiness.cli.inspection:run_backtest",
    ),
    "import-report": Command(
        "read an Ofsted inspection report (PDF) into the council's inspection history and a "
        "draft improvement plan",
        _import_report,
        "readiness.cli.report:run_import_report",
    ),
    "board-pack": Command(
        "write the board pack for committee papers: the position, each judgement area's "
        "recommendations and indicators with their trends, overdue actions by lead, the next "
        "inspection",
        _board_pack,
        "readiness.cli.board:run_board_pack",
    ),
    "self-evaluation": Command(
        "write the self-evaluation for Ofsted: .docx to edit, .pdf to send",
        self_evaluation_options,
        "readiness.cli.self_evaluation:run_self_evaluation",
    ),
    "export-plan": Command(
        "the plan as a committee-ready .xlsx", _export_plan, "readiness.cli.workbooks:run_export"
    ),
    "users": Command(
        "who may sign in and their roles: list, add, remove, set-role, reminders",
        users_options,
        "readiness.cli.users:run_users",
    ),
    "remind": Command(
        "email each lead officer one digest of their overdue, due-soon and stale actions "
        "(prints them unless --send)",
        _remind,
        "readiness.cli.remind:run_remind",
    ),
}


def build_parser(declared: Collection[str] | None = None) -> ArgumentParser:
    """Every command with its line of help, and the options of the commands `declared` (of every
    command when None; main declares only the one it runs)."""
    parser = ArgumentParser(
        prog="python -m readiness",
        description="Inspection readiness for children's services: database and plan status.",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=ArgumentParser)
    for name, command in COMMANDS.items():
        sub = commands.add_parser(name, help=command.help)
        if declared is None or name in declared:
            command.options(sub)
    return parser
