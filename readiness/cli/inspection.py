"""The inspection commands: `import-national` (the national record), `predict` (the council's
next inspection), `outlook` (every council's chance of an inspection within a horizon, from the
record's files) and `backtest` (the outlook scored against what happened)."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

from readiness.access.roles import command_line
from readiness.cli.args import confirmed
from readiness.cli.database import open_store
from readiness.inspection.events import EVENT_KINDS, GRADE_LABELS
from readiness.inspection.national_files import NationalFileRefused, read_national
from readiness.inspection.outlook import backtest, month_starts, outlook
from readiness.inspection.predict import Prediction
from readiness.inspection.wording import likely_words, published_window_note
from readiness.text import format_date, plural

OUTLOOK_COLUMNS = (
    "urn",
    "local_authority",
    "last_start",
    "last_type",
    "last_grade",
    "next_type",
    "window_start",
    "window_end",
    "probability",
)


def _read(paths):
    try:
        return read_national([Path(p) for p in paths])
    except NationalFileRefused as refused:
        raise SystemExit(f"{refused}\nNothing was stored.") from None


def run_import_national(args, settings, out) -> int:
    record = _read(args.paths)
    kinds = {}
    for inspection in record.inspections:
        kinds[inspection.kind] = kinds.get(inspection.kind, 0) + 1
    print(
        f"Read {plural(len(record.councils), 'council')} and "
        f"{plural(len(record.inspections), 'inspection or visit', 'inspections and visits')}: "
        + ", ".join(f"{n} {EVENT_KINDS[k].lower()}" for k, n in sorted(kinds.items())),
        file=out,
    )
    for warning in record.warnings:
        print(f"Check: {warning}", file=out)
    if not confirmed(args, "Replace the stored national record?", out):
        return 0
    store = open_store(args, settings)
    store.upgrade()
    store.store_national_record(record, args.day, by=command_line())
    print("Stored: the national record replaces the one stored before.", file=out)
    return 0


def prediction_json(p: Prediction) -> dict:
    def day(d):
        return d.isoformat() if d else None

    return {
        "type": p.next.kind if p.next else None,
        "monitoring_first": p.next.monitoring_first if p.next else None,
        "window_start": day(p.window.earliest),
        "window_likely": day(p.window.likely),
        "window_end": day(p.window.latest),
        **{f"p_{days}d": round(p.within[days], 3) if p.within else None for days in (30, 91, 182)},
        "learned_from_national_record": p.learned,
        "reasons": list(p.reasons),
    }


def run_predict(args, settings, out) -> int:
    store = open_store(args, settings)
    store.upgrade()
    as_at = args.day
    prediction = store.prediction(as_at)
    entry = prediction_json(prediction)
    if args.format == "json":
        json.dump(entry, out, indent=2)
        print(file=out)
        return 0
    print(f"Next inspection as at {format_date(as_at)}", file=out)
    if prediction.next:
        print(f"Type: {EVENT_KINDS[prediction.next.kind]}", file=out)
        print(f"Predicted: {likely_words(prediction.window)}", file=out)
        print(f"{published_window_note(prediction)}.", file=out)
        chances = ", ".join(f"{days} days {p:.0%}" for days, p in prediction.within.items())
        print(f"Chance fieldwork starts within: {chances}", file=out)
    print("Why:", file=out)
    for reason in prediction.reasons:
        print(f"  - {reason}", file=out)
    return 0


def run_outlook(args, settings, out) -> int:
    paths = [p for p in (args.history, args.lookup, args.official) if p]
    record = _read(paths)
    known = [i for i in record.inspections if i.published and i.published < args.day]
    rows = outlook(
        known,
        args.day,
        settings.inspection.calendar,
        horizon_days=args.horizon_days,
        no_overall_rule=settings.inspection.no_overall_grade_rule,
    )
    entries = []
    for row in rows:
        council = record.councils.get(row.waiting.la_code)
        grade = row.waiting.last.grades.get("overall") or row.waiting.last.grades.get("leaders")
        entries.append(
            {
                "urn": council.urn if council else None,
                "local_authority": council.name if council else row.waiting.la_code,
                "last_start": row.waiting.last_start.isoformat(),
                "last_type": row.waiting.last.kind,
                "last_grade": GRADE_LABELS[grade].lower() if grade else None,
                "next_type": row.next.kind,
                "window_start": row.window.earliest.isoformat() if row.window.earliest else None,
                "window_end": row.window.latest.isoformat() if row.window.latest else None,
                "probability": round(row.probability, 4),
            }
        )
    if args.format == "json":
        json.dump(entries, out, indent=2)
        print(file=out)
    else:
        writer = csv.DictWriter(out, fieldnames=OUTLOOK_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(entries)
    return 0


def run_backtest(args, settings, out) -> int:
    record = _read(args.paths)
    as_ats = month_starts(args.first, args.last)
    result = backtest(record.inspections, as_ats, settings.inspection.calendar, args.horizon_days)
    views = (
        ("model", result.model),
        ("published rule", result.rule),
        ("outsider model", result.outsider),
        ("outsider rule", result.outsider_rule),
    )
    print(
        f"{len(as_ats)} month starts, {format_date(as_ats[0])} to {format_date(as_ats[-1])}; "
        f"horizon {args.horizon_days} days; {result.model.cases:,} council-months, "
        f"{result.model.inspected} inspected within the horizon",
        file=out,
    )
    print(f"{'':<16}{'Brier':>8}{'AUC':>8}{'Top-10':>8}{'In window':>11}{'Slope':>8}", file=out)
    for name, scores in views:
        inside = "-" if math.isnan(scores.inside) else f"{scores.inside:.2f}"
        print(
            f"{name:<16}{scores.brier:>8.4f}{scores.auc:>8.3f}{scores.top:>8.2f}"
            f"{inside:>11}{scores.slope:>8.2f}",
            file=out,
        )
    print(
        "In window: of the next inspections that followed, the share that started inside the "
        "window given (the model's 10th-90th percentile; the rule's 30-42 months). Slope: the "
        "calibration slope (1 = the chances are as sure as they should be; above 1 too timid).",
        file=out,
    )
    print(
        f"Outsider: the national outlook as a reader of the record sees it, "
        f"{result.outsider.cases:,} council-months: also the councils whose inspection had "
        "started by the month start, report not yet out, counted as inspected (the record "
        f"cannot show their start). They held {result.under_way_top:.0%} of the model's "
        "top-10 places.",
        file=out,
    )
    for name, scores in views:
        tenths = "; ".join(f"{p:.2f} given, {o:.2f} inspected" for p, o in scores.deciles)
        print(f"The {name}'s three most likely tenths: {tenths}", file=out)
    return 0
