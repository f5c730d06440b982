"""`python -m readiness kpis`: every indicator's latest figure, target, RAG, direction and
comparators at a date, as a table or JSON; `import-kpis`, which loads DfE's published files
(LAIT's data set, explore-education-statistics CSVs) and the council's own KPI tables, with their
targets and local indicators, for the council; and `kpi-target`."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from readiness.cli_args import UsageError, confirmed, open_database
from readiness.db import upgrade
from readiness.importing.problems import ImportFailed
from readiness.kpi import store
from readiness.kpi.dfe_files import read_kpi_files
from readiness.kpi.indicators import BY_ID
from readiness.kpi.load import council_change, council_of, neighbours_for
from readiness.kpi.rules import format_figure
from readiness.kpi.status import status_json, stored_kpi_status
from readiness.rag import format_date
from readiness.wording import plural


def run_kpis(args, settings, out) -> int:
    _, engine = open_database(args, settings)
    upgrade(engine)
    as_at = args.day or date.today()
    with engine.connect() as conn:
        status = stored_kpi_status(conn, as_at, settings.kpis)
    if status is None:
        raise SystemExit(
            "error: no indicators are loaded yet; run: python -m readiness import-kpis PATH "
            "--la CODE (or init --demo for the demo council's)"
        )
    if args.format == "json":
        json.dump(status_json(status), out, indent=2, ensure_ascii=False)
        print(file=out)
        return 0
    print(f"{status.council_name}: indicators as at {format_date(as_at)}\n", file=out)
    header = f"{'INDICATOR':<46}{'PERIOD':<9}{'VALUE':>9}{'TARGET':>9}  {'RAG':<12}DIRECTION"
    print(header, file=out)
    for p in status.positions:
        unit = p.indicator.unit

        def shown(value, unit=unit) -> str:
            return "-" if value is None else format_figure(value, unit).split(" ")[0]

        print(
            f"{p.indicator.name[:45]:<46}{p.period or '-':<9}{shown(p.value):>9}"
            f"{shown(p.target):>9}  {p.rag.label:<12}{p.direction.label}",
            file=out,
        )
    return 0


def run_import_kpis(args, settings, out) -> int:
    """Read DfE's files and the council's own tables for the council, show what changes, and
    store it on confirmation."""
    _, engine = open_database(args, settings)
    upgrade(engine)
    with engine.connect() as conn:
        stored = store.council(conn)
        stored_neighbours = store.neighbours_of(conn, stored.la_code) if stored else []
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
            max_bytes=settings.imports.max_file_mb * 1024 * 1024,
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
    preview = store.preview_values(engine, load.values)
    print(f"{council.name or la_code} ({la_code}): {preview.summary()}", file=out)
    if extras := load.extras():
        print(extras, file=out)
    if not confirmed(args, "Store these figures?", out):
        return 0
    written = store.store_load(
        engine,
        load.values,
        council,
        chosen,
        args.day or date.today(),
        targets=load.targets,
        local=load.local,
    )
    print(f"Stored {plural(written, 'figure')}.", file=out)
    return 0


def run_kpi_target(args, settings, out) -> int:
    """Set the council's target for one indicator (DfE's or a local one), and the tolerance
    that is still Amber."""
    if args.tolerance is not None and args.tolerance < 0:
        raise UsageError("--tolerance is how far worse than target is still Amber: 0 or more")
    _, engine = open_database(args, settings)
    upgrade(engine)
    with engine.connect() as conn:
        known = {**BY_ID, **{i.id: i for i in store.local_indicators(conn)}}
    indicator = known.get(args.indicator)
    if indicator is None:
        raise UsageError(f"{args.indicator!r} is not an indicator; use one of: {', '.join(known)}")
    if indicator.polarity == "context":
        raise UsageError(f"{indicator.name} is a context indicator: it is compared, not coloured")
    with engine.begin() as conn:
        store.set_target(conn, indicator.id, args.target, args.tolerance, date.today())
    tolerance = "" if args.tolerance is None else f", Amber within {args.tolerance:g}"
    target = format_figure(args.target, indicator.unit)
    print(f"{indicator.name}: target {target}{tolerance}.", file=out)
    return 0
