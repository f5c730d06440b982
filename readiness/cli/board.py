"""`python -m readiness board-pack OUT.pdf`: the board pack for committee papers (a PDF, or the
same tables as an Excel workbook), for the whole plan or one lead's actions and one judgement
area, as at a date (readiness.board.pack)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from readiness.board.changes_since import ChangesSince, changes_since
from readiness.board.pack import UnknownAreaError, board_pack
from readiness.cli.args import UsageError
from readiness.cli.database import open_store, stored_plan
from readiness.inspection.checklist import summarise
from readiness.plan.status import UnknownLeadError, plan_status
from readiness.store import Store
from readiness.text import format_date, plural


def _inputs(store: Store, as_at: date):
    """(plan, KPI status or None, predicted next inspection, readiness checklist summary) from
    the chosen database."""
    plan = stored_plan(store)
    kpis = store.kpi_status(as_at)
    prediction = store.prediction(as_at)
    checklist = store.checklist(prediction.window.earliest, as_at)
    summary = summarise(checklist, as_at, prediction.opens, store.settings.rag.due_soon_days)
    return plan, kpis, prediction, summary


def _changes(args, store: Store, plan, status, kpis, prediction) -> ChangesSince:
    """What changed from --since to the as-at date, by the same rules at both dates."""
    then = plan_status(plan, args.since, store.settings, lead=args.lead)
    kpis_then = store.kpi_status(args.since)
    prediction_then = store.prediction(args.since)
    return (
        changes_since(plan, then, status)
        .with_indicators(kpis_then, kpis)
        .with_window(prediction_then, prediction)
    )


def _write(pack, path: Path, format: str) -> None:
    # Imported for the format asked: the PDF's ReportLab and Altair take a third of a second to
    # load, which an .xlsx pack should not wait for.
    if format == "pdf":
        # The pack's charts are the KPIs page's own (readiness.kpi.charts, pure Altair), so the
        # command line draws what the page draws.
        from readiness.board.pack_pdf import write_pdf
        from readiness.kpi.charts import trend_chart

        write_pdf(pack, path, trend_chart=trend_chart)
    else:
        from readiness.board.pack_xlsx import write_xlsx

        write_xlsx(pack, path)


def run_board_pack(args, settings, out) -> int:
    if not args.path.lower().endswith(f".{args.format}"):
        raise UsageError(f"{args.path!r} should end in .{args.format} (--format {args.format})")
    as_at = args.day
    if args.since and args.since >= as_at:
        raise UsageError(
            f"--since {args.since.isoformat()} should be before the as-at date, {as_at.isoformat()}"
        )
    store = open_store(args, settings)
    plan, kpis, prediction, checklist = _inputs(store, as_at)
    try:
        status = plan_status(plan, as_at, settings, lead=args.lead)
        changes = None
        if args.since:
            changes = _changes(args, store, plan, status, kpis, prediction).lines()
        pack = board_pack(
            plan,
            status,
            kpis,
            prediction,
            checklist=checklist,
            council=settings.branding.council(plan.council, "The council"),
            area=args.area,
            since=args.since,
            changes=changes,
        )
    except UnknownLeadError as error:
        raise UsageError(f"{error} Known leads: {', '.join(plan.lead_names)}") from None
    except UnknownAreaError as error:
        raise UsageError(str(error)) from None
    _write(pack, Path(args.path), args.format)
    areas = plural(len(pack.areas), "judgement area")
    print(f"Wrote the board pack as at {format_date(as_at)} ({areas}) to {args.path}", file=out)
    return 0
