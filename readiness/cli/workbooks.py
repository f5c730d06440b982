"""`python -m readiness template` (the blank canonical plan template) and `export-plan` (the
plan as a committee-ready workbook)."""

from __future__ import annotations

from pathlib import Path

from readiness.cli.args import UsageError
from readiness.cli.database import open_store, stored_plan
from readiness.exports.blank_template import write_template
from readiness.exports.plan_workbook import export_plan
from readiness.plan.status import plan_status
from readiness.text import format_date, plural


def run_template(args, settings, out) -> int:
    print(f"Wrote the blank plan template to {write_template(args.path)}", file=out)
    return 0


def run_export(args, settings, out) -> int:
    if not args.path.lower().endswith(".xlsx"):
        raise UsageError(f"{args.path!r} should end in .xlsx")
    plan = stored_plan(open_store(args, settings))
    export_plan(plan, plan_status(plan, args.day, settings), Path(args.path))
    actions = plural(len(plan.actions), "action")
    print(f"Wrote {actions}, as at {format_date(args.day)}, to {args.path}", file=out)
    return 0
