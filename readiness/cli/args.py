"""What every command of the command line shares: its argument types, its usage error, and
opening the chosen database."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from sqlalchemy.engine import make_url

from readiness.db.engine import head_revision, make_engine, resolve_database_url, schema_revision
from readiness.plan.store import load_plan
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


def open_database(args, settings):
    """(URL, engine) of the database the command's --db or the settings name."""
    url = resolve_database_url(settings, args.db)
    return url, make_engine(url)


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


def safe_url(url: str) -> str:
    """The database URL with its password hidden, for messages."""
    return make_url(url).render_as_string(hide_password=True)


def stored_plan(args, settings):
    """The plan in the chosen database, or a clear stop if there is none to read."""
    url, engine = open_database(args, settings)
    revision = schema_revision(engine)
    if revision != head_revision():
        raise SystemExit(
            f"error: the database {safe_url(url)} is not ready (schema {revision or 'missing'}); "
            "run: python -m readiness init"
        )
    with engine.connect() as conn:
        plan = load_plan(conn)
    if plan is None:
        raise SystemExit(
            "error: no improvement plan stored yet; run: python -m readiness init --demo"
        )
    return plan
