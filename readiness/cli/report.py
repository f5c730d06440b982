"""`python -m readiness import-report PATH.pdf`: read an Ofsted ILACS report, show what was read
and what storing it adds, then store the inspection in the council's history and a draft plan
with one recommendation per point to improve (readiness.inspection.report_import)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from readiness.access.roles import command_line
from readiness.cli.args import confirmed
from readiness.cli.database import open_store
from readiness.framework import AREA_SHORT_LABELS
from readiness.inspection.report_import import ReportForAnotherCouncil, draft_points, read_facts
from readiness.inspection.report_pdf import ReportReading, ReportUnreadable, read_report


def run_import_report(args, settings, out) -> int:
    name = Path(args.path).name
    try:
        reading = read_report(args.path, name, settings.imports.max_file_bytes)
    except ReportUnreadable as error:
        raise SystemExit(f"{error}\nNothing was stored.") from None
    if args.format == "json":
        json.dump(reading.as_json(), out, indent=2, ensure_ascii=False)
        print(file=out)
        # Only the JSON on stdout, so it can be piped; what changes is still said.
        out = sys.stderr
    else:
        print_reading(reading, out)
    store = open_store(args, settings)
    store.upgrade()
    preview = store.preview_report(reading, name)
    if preview.refused:
        raise SystemExit(preview.refused)
    print(f"\n{preview.summary()}", file=out)
    if preview.changes_nothing or not confirmed(args, f"Store {preview.parts}?", out):
        return 0
    try:
        stored = store.import_report(reading, args.day, name, by=command_line())
    except ReportForAnotherCouncil as refused:  # the council changed since the preview
        raise SystemExit(str(refused)) from None
    print(f"Stored. {stored.summary()}", file=out)
    return 0


def print_reading(reading: ReportReading, out) -> None:
    """What was read, each part with the page of the PDF it came from."""
    for what, read, page in read_facts(reading):
        print(f"{what:<36}{read}" + (f" (page {page})" if page else ""), file=out)
    points = draft_points(reading)
    if not points:
        print("\nNo points to improve were found.", file=out)
        return
    print(f"\nWhat needs to improve? (page {reading.pages['improve']})", file=out)
    for point in points:
        print(f"  {point.ref:<7}{point.text} (page {point.page})", file=out)
        if point.framework_ref:
            print(f"         Cross-reference: {point.framework_ref}", file=out)
        areas = ", ".join(AREA_SHORT_LABELS[a] for a in point.areas)
        print(f"         Suggested areas: {areas}", file=out)
