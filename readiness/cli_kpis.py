"""`python -m readiness kpis`: every indicator's latest figure, target, RAG, direction and
comparators at a date, as a table or JSON."""

from __future__ import annotations

import json
from datetime import date

from readiness.cli_args import open_database
from readiness.db import upgrade
from readiness.kpi import store
from readiness.kpi.rules import format_figure
from readiness.kpi.status import kpi_status, status_json
from readiness.rag import format_date


def run_kpis(args, settings, out) -> int:
    _, engine = open_database(args, settings)
    upgrade(engine)
    as_at = args.day or date.today()
    with engine.connect() as conn:
        council = store.council(conn)
        if council is None:
            raise SystemExit(
                "error: no indicators are loaded yet; run: python -m readiness import-kpis PATH "
                "--la CODE (or init --demo for the demo council's)"
            )
        status = kpi_status(
            store.load_values(conn),
            council,
            store.neighbours_of(conn, council.la_code),
            store.targets(conn),
            as_at,
            settings.kpis,
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
