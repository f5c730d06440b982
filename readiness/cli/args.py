"""What the commands of the command line share in declaring their arguments: the argument types,
the usage error, and asking to confirm a write. Light by design: `python -m readiness --help`
imports this and readiness.cli.parser only (opening the database is readiness.cli.database)."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from readiness.text import one_line, visible

# What the date of --as-at means, said for each kind of command.
PLAN_AS_AT = "judge the plan as it stood on this date"
KPIS_AS_AT = "show the figures for periods ending by this date"
PREDICT_AS_AT = (
    "predict from the reports published, and the council's own inspections started, before "
    "this date"
)


class UsageError(Exception):
    """A bad command-line argument: reported on one line, exit code 2."""


class ArgumentParser(argparse.ArgumentParser):
    def error(self, message: str):
        raise UsageError(message)


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; use YYYY-MM-DD, e.g. 2026-03-31"
        ) from None


def add_common(sub, date_option: str = "--as-at", date_help: str = PLAN_AS_AT) -> None:
    """The options every command that reads the database takes: --db, and its date (as `day`)."""
    sub.add_argument("--db", metavar="URL", help="SQLAlchemy database URL (overrides config)")
    sub.add_argument(
        date_option,
        dest="day",
        type=parse_date,
        # The one place the command line reads the clock: every command gets its date from here.
        default=date.today(),
        metavar="YYYY-MM-DD",
        help=f"{date_help} (default: today)",
    )


TABLE_OR_JSON = "table: for reading, as wide as the terminal; json: for other programs"


def add_table_or_json(sub, help: str = TABLE_OR_JSON) -> None:
    """--format table (the default) or json, for a command that prints what it read."""
    sub.add_argument("--format", choices=("table", "json"), default="table", help=help)


def add_confirm(sub, dry_run_help: str = "show the changes; store nothing") -> None:
    """--dry-run and --yes, for a command that stores what it read (see `confirmed`)."""
    sub.add_argument("--dry-run", action="store_true", help=dry_run_help)
    sub.add_argument("--yes", action="store_true", help="store without asking to confirm")


def text_of_at_most(limit: int):
    """An argument type: the text without invisible characters, refused if over `limit` long."""

    def check(text: str) -> str:
        text = one_line(visible(text))
        if len(text) > limit:
            raise argparse.ArgumentTypeError(
                f"is {len(text):,} characters long; it can be at most {limit}"
            )
        return text

    return check


def confirmed(args, question: str, out) -> bool:
    """Whether to store what was read: not after --dry-run or a "no" (saying so); at once with
    --yes; else the user is asked, or told to choose where no one can answer."""
    if args.dry_run:
        print("Dry run: nothing was stored.", file=out)
        return False
    if args.yes:
        return True
    if not sys.stdin.isatty():
        raise UsageError("add --yes to store without being asked, or --dry-run to preview")
    if input(f"{question} [y/N] ").strip().lower() not in ("y", "yes"):
        print("Nothing was stored.", file=out)
        return False
    return True
