"""Command line: `python -m readiness init|status ...`.

Exit codes: 0 done; 1 the data or database is not usable as asked; 2 a bad argument (one line).
"""

from __future__ import annotations

import sys
from pathlib import Path

from readiness.cli.args import (
    KPIS_AS_AT,
    ArgumentParser,
    UsageError,
    add_common,
    add_confirm,
    add_table_or_json,
    open_store,
    safe_url,
    stored_plan,
    text_of_at_most,
)
from readiness.cli.board import COMMANDS as BOARD_COMMANDS
from readiness.cli.board import add_board_commands
from readiness.cli.inspection import COMMANDS as INSPECTION_COMMANDS
from readiness.cli.inspection import add_inspection_commands
from readiness.cli.kpis import run_import_kpis, run_kpi_target, run_kpis
from readiness.cli.plan_import import run_import
from readiness.cli.report import COMMANDS as REPORT_COMMANDS
from readiness.cli.report import add_report_command
from readiness.cli.status import run_status
from readiness.exports.blank_template import write_template
from readiness.exports.plan_workbook import export_plan
from readiness.kpi.dfe_files import FORMATS as KPI_FORMATS
from readiness.plan.importing.mapping import FIELDS
from readiness.plan.status import plan_status
from readiness.settings import SettingsError, load_settings
from readiness.text import NAME_MAX, TITLE_MAX, format_date, plural


def build_parser() -> ArgumentParser:
    parser = ArgumentParser(
        prog="python -m readiness",
        description="Inspection readiness for children's services: database and plan status.",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=ArgumentParser)

    init = commands.add_parser("init", help="create or upgrade the database schema")
    add_common(init, "--demo-date", "the day the demo plan is dated around")
    init.add_argument(
        "--demo", action="store_true", help="fill an empty database with the demo council's plan"
    )

    status = commands.add_parser(
        "status",
        help="RAG status of the plan at a date, the overdue actions and who leads them",
    )
    add_common(status)
    status.add_argument("--lead", metavar="NAME", help="only the actions this lead officer leads")
    add_table_or_json(status)
    importer = commands.add_parser(
        "import-plan", help="read a plan (.xlsx, .csv or .docx), show what changes, and store it"
    )
    add_common(
        importer,
        "--imported-on",
        "the import date: it dates progress notes that have none, status changes and removals",
    )
    importer.add_argument("path", metavar="PATH", help="the plan file (.xlsx, .csv or .docx)")
    importer.add_argument(
        "--sheet",
        metavar="NAME",
        help='the workbook sheet, or the document table ("Table 2"), holding the plan',
    )
    add_confirm(importer, "check the file and show the changes; store nothing")
    importer.add_argument(
        "--as-new-plan", action="store_true", help="store it as a new plan, not an update"
    )
    importer.add_argument(
        "--title",
        type=text_of_at_most(TITLE_MAX),
        help="the plan's title (default: the file's title or name)",
    )
    importer.add_argument(
        "--map",
        action="append",
        metavar='"HEADING=FIELD,..."',
        help="what each column holds, where the headings are the plan's own: \"When?=due,"
        'Who?=service_leads" (fields: ' + ", ".join(FIELDS) + '; "-" not to import). '
        "Remembered for files with the same headings.",
    )
    importer.add_argument(
        "--council",
        type=text_of_at_most(NAME_MAX),
        help="the council's name, stored with a new plan",
    )

    template = commands.add_parser("template", help="write the blank canonical plan template")
    template.add_argument("path", metavar="PATH.xlsx", help="the workbook to write")

    kpis = commands.add_parser("kpis", help="each indicator's figure, target, RAG and direction")
    add_common(kpis, date_help=KPIS_AS_AT)
    add_table_or_json(kpis)

    kpi_import = commands.add_parser(
        "import-kpis",
        help="load DfE's indicator files (LAIT's data set, explore-education-statistics CSVs, "
        "or a folder of them) or the council's own KPI tables (.xlsx or .csv) for the council",
    )
    add_common(kpi_import, "--imported-on", "the load date, kept with each figure")
    kpi_import.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    kpi_import.add_argument(
        "--la", metavar="CODE", help="the council's 3-digit DfE number (default: the stored one)"
    )
    kpi_import.add_argument(
        "--neighbours",
        metavar="PATH",
        help="DfE's statistical-neighbour list (sn_model_2025_wide.csv or the LAIT layout); "
        "default: the stored list",
    )
    kpi_import.add_argument(
        "--all-las",
        action="store_true",
        help="also every council's figures (for rank and quartile)",
    )
    kpi_import.add_argument(
        "--format",
        choices=KPI_FORMATS,
        default="auto",
        help="how to read the files: auto (told from each file's headings), canonical (the "
        "council's long table: Indicator, Period, Value, ...), wide (one row per indicator, one "
        "column per month, quarter or year), lait or ees (DfE's files)",
    )
    add_confirm(kpi_import)

    kpi_target = commands.add_parser(
        "kpi-target", help="set the council's target for an indicator, and its Amber tolerance"
    )
    add_common(kpi_target, date_help="record the target as set on this date")
    kpi_target.add_argument(
        "indicator", metavar="INDICATOR", help="the indicator's id (kpis --format json)"
    )
    kpi_target.add_argument("target", type=float, metavar="TARGET", help="in the indicator's unit")
    kpi_target.add_argument(
        "--tolerance",
        type=float,
        help="how far worse than target is still Amber, in the indicator's unit (points for %%)",
    )

    add_inspection_commands(commands, add_common)
    add_report_command(commands, add_common)
    add_board_commands(commands, add_common)

    export = commands.add_parser("export-plan", help="write the plan to a committee-ready .xlsx")
    add_common(export)
    export.add_argument("path", metavar="PATH.xlsx", help="the workbook to write")
    return parser


def run_init(args, settings, out) -> int:
    store = open_store(args, settings)
    loaded = store.prepare(args.day if args.demo else None)
    print(
        f"Database ready at revision {store.schema_revision()}: {safe_url(store.engine.url)}",
        file=out,
    )
    if loaded:
        print("Loaded the demo council's plan and inspection history.", file=out)
    elif args.demo:
        print("The database already holds a plan; the demo was not loaded.", file=out)
    return 0


def run_export(args, settings, out) -> int:
    if not args.path.lower().endswith(".xlsx"):
        raise UsageError(f"{args.path!r} should end in .xlsx")
    plan = stored_plan(open_store(args, settings))
    export_plan(plan, plan_status(plan, args.day, settings), Path(args.path))
    actions = plural(len(plan.actions), "action")
    print(f"Wrote {actions}, as at {format_date(args.day)}, to {args.path}", file=out)
    return 0


def run_template(args, settings, out) -> int:
    print(f"Wrote the blank plan template to {write_template(args.path)}", file=out)
    return 0


COMMANDS = {
    "init": run_init,
    "status": run_status,
    "import-plan": run_import,
    "template": run_template,
    "export-plan": run_export,
    "kpis": run_kpis,
    "import-kpis": run_import_kpis,
    "kpi-target": run_kpi_target,
    **INSPECTION_COMMANDS,
    **REPORT_COMMANDS,
    **BOARD_COMMANDS,
}


def main(argv: list[str] | None = None, out=None) -> int:
    out = out or sys.stdout
    try:
        args = build_parser().parse_args(argv)
        settings = load_settings()
        return COMMANDS[args.command](args, settings, out)
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except SettingsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except SystemExit as stop:
        if isinstance(stop.code, str):
            print(stop.code, file=sys.stderr)
            return 1
        return stop.code or 0
