"""`python -m readiness kpis`: every indicator's latest figure, target, RAG, direction and
comparators at a date, as a table or JSON; `import-kpis`, which loads DfE's published files
(LAIT's data set, explore-education-statistics CSVs) and the council's own KPI tables, with their
targets and local indicators, for the council; and `kpi-target`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from readiness.access.roles import command_line
from readiness.cli.args import UsageError, confirmed
from readiness.cli.database import open_store
from readiness.cli.tables import Column, Row, terminal_width, text_table, wrapped
from readiness.files.problems import ImportFailed
from readiness.kpi.council import council_change, council_of, neighbours_for
from readiness.kpi.dfe_files import read_kpi_files
from readiness.kpi.indicators import BY_ID
from readiness.kpi.positions import KpiPosition, KpiStatus
from readiness.kpi.positions_json import positions_json
from readiness.kpi.rules import format_figure
from readiness.kpi.values import REGION_PREFIX
from readiness.text import format_date, plural


def run_kpis(args, settings, out) -> int:
    store = open_store(args, settings)
    store.upgrade()
    status = store.kpi_status(args.day)
    if status is None:
        raise SystemExit(
            "error: no indicators are loaded yet; run: python -m readiness import-kpis PATH "
            "--la CODE (or init --demo for the demo council's)"
        )
    if args.format == "json":
        json.dump(positions_json(status), out, indent=2, ensure_ascii=False)
        print(file=out)
        return 0
    print("\n".join(kpi_table(status, terminal_width())), file=out)
    return 0


def kpi_table(status: KpiStatus, width: int) -> list[str]:
    """The indicators as a table `width` characters wide: each one's latest figure beside its
    target, England, the region (where the council's is known) and the statistical neighbours,
    with its RAG and its move on last year; under its name, that move and the longer trend in
    words."""
    region = status.council.region
    columns = [
        Column("PERIOD"),
        Column("VALUE", right=True, gap=" "),
        Column("TARGET", right=True, gap=" "),
        Column("ENGLAND", right=True, gap=" "),
        *([Column("REGION", right=True, gap=" ")] if region else []),
        Column("NEIGHBOURS", right=True, gap=" "),
        Column("RAG"),
        Column("LAST YEAR"),
    ]
    rows = []
    for p in status.positions:
        unit = p.indicator.unit

        def shown(value, decimals=None, unit=unit) -> str:
            return "-" if value is None else format_figure(value, unit, decimals).split(" ")[0]

        comparators = [shown(p.england), *([shown(p.region)] if region else [])]
        # A figure DfE did not publish shows its symbol; the note under the name says what it is.
        written = p.written
        value = (written.code or "blank") if written else shown(p.value)
        figures = [p.period or "-", value, shown(p.target), *comparators]
        # The neighbours' average to one place, as the KPIs page shows it.
        figures += [shown(p.neighbours.value, 1), p.rag.label, p.travel.last_year_label]
        rows.append(Row(_described(p), figures))
    lines = [
        f"{status.council_name}: indicators as at {format_date(status.as_at)} (the latest "
        "figures published by then)",
        *wrapped(_compared_with(status), width),
        "",
    ]
    return lines + text_table("INDICATOR", columns, rows, width)


def _described(p: KpiPosition) -> list[str]:
    """The indicator's name with its unit where the figures do not show it; its move on last
    year and longer trend in words (the LAST YEAR column has last year's alone); then a note
    where the latest figure was not published, its comparators are for another period or some
    neighbours have no figure."""
    unit = "" if p.indicator.unit in ("percent", "count") else f" ({p.indicator.unit_label})"
    notes = [p.symbol_note] if p.symbol_note else []
    if p.previous:
        notes.append(f"previous figure {p.previous}")
    if p.comparators_period:
        notes.append(f"comparators for {p.comparators_period}")
    near = p.neighbours
    if near.value is not None and near.given_by is None and near.used < near.of:
        notes.append(f"neighbours: {near.used} of {near.of} have a figure")
    if p.next_release:
        notes.append(p.next_release.words())
    notes_shown = [f"({'; '.join(notes)})"] if notes else []
    moved = [p.travel.words] if p.travel.known else []  # else the column says it all
    return [p.indicator.name + unit, *moved, *notes_shown]


def _compared_with(status: KpiStatus) -> str:
    region = status.council.region
    where = f", the region, {region.removeprefix(REGION_PREFIX)}," if region else ""
    if status.neighbours:
        many = len(status.neighbours)
        near = f"the {status.neighbour_average} of its {many} statistical neighbours"
    elif any(p.neighbours.given_by for p in status.positions):
        near = "its neighbours' figure as its own table gives it"
    else:
        near = (
            "no statistical neighbours: none are known (import-kpis --neighbours adds DfE's list)"
        )
    return f"Compared with England{where} and {near}."


def run_import_kpis(args, settings, out) -> int:
    """Read DfE's files and the council's own tables for the council, show what changes, and
    store it on confirmation."""
    store = open_store(args, settings)
    store.upgrade()
    stored, stored_neighbours = store.kpi_council()
    la_code = args.la or (stored.la_code if stored else None)
    if not la_code:
        raise UsageError("give the council's 3-digit DfE number with --la, for example --la 383")
    try:
        given = Path(args.neighbours) if args.neighbours else None
        listing, chosen = neighbours_for(la_code, given, stored, stored_neighbours)
        load = read_kpi_files(
            args.paths,
            la_code,
            listing,
            all_las=args.all_las,
            format=args.format,
            max_bytes=settings.imports.max_file_bytes,
        )
    except ImportFailed as failed:
        for problem in failed.problems:
            print(problem, file=sys.stderr)
        raise SystemExit(
            f"{plural(len(failed.problems), 'problem')} found; nothing was stored."
        ) from None
    council = council_of(la_code, load.values, listing)
    for warning in load.warnings:
        print(f"Check: {warning}", file=out)
    if chosen is None and load.dfe:
        print(
            "Check: no statistical neighbours are known for this council, so no neighbour "
            "figures were read. Give DfE's list with --neighbours (sn_model_2025_wide.csv).",
            file=out,
        )
    if change := council_change(stored, council):
        print(f"Check: {change}", file=out)
    preview = store.preview_kpis(load.values)
    print(f"{council.name or la_code} ({la_code}): {preview.summary()}", file=out)
    # Which indicators the load fills, and which it cannot: a long list, wrapped between names.
    for line in load.coverage(la_code):
        print("\n".join(wrapped(line, terminal_width())), file=out)
    if extras := load.extras():
        print(extras, file=out)
    if not confirmed(args, "Store these figures?", out):
        return 0
    written = store.store_kpis(
        load.values,
        council,
        chosen,
        args.day,
        targets=load.targets,
        local=load.local,
        by=command_line(),
    )
    print(f"Stored {plural(written, 'figure')}.", file=out)
    return 0


def run_kpi_target(args, settings, out) -> int:
    """Set the council's target for one indicator (DfE's or a local one), and the tolerance
    that is still Amber."""
    if args.tolerance is not None and args.tolerance < 0:
        raise UsageError("--tolerance is how far worse than target is still Amber: 0 or more")
    store = open_store(args, settings)
    store.upgrade()
    known = {**BY_ID, **{i.id: i for i in store.local_indicators()}}
    indicator = known.get(args.indicator)
    if indicator is None:
        raise UsageError(f"{args.indicator!r} is not an indicator; use one of: {', '.join(known)}")
    if indicator.polarity == "context":
        raise UsageError(f"{indicator.name} is a context indicator: it is compared, not coloured")
    store.save_targets({indicator.id: (args.target, args.tolerance)}, args.day, by=command_line())
    tolerance = "" if args.tolerance is None else f", Amber within {args.tolerance:g}"
    target = format_figure(args.target, indicator.unit)
    print(
        f"{indicator.name}: target {target}{tolerance}, set on {format_date(args.day)}.", file=out
    )
    return 0
