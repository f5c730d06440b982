"""Storing KPI values, targets, statistical neighbours and the council's local indicators, and
reading them back.

A value is known by its indicator, area and period end: loading a file again replaces the figures
it gives and keeps every other (another file's indicators, earlier years no longer in it). The
preview counts what would be added, changed and left as it is, for the user to confirm; the
load itself is one transaction (all or nothing), which readiness.store owns: every function here
takes a Connection and never commits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import Connection, delete, insert, select, tuple_

from readiness.db.models import KpiCouncil, KpiTarget, LocalIndicator, StatisticalNeighbour
from readiness.db.models import KpiValue as KpiValueRow
from readiness.kpi.indicators import Indicator
from readiness.kpi.own_cells import local_indicator
from readiness.kpi.values import KpiValue
from readiness.text import plural

_KEY_BATCH = 500  # (indicator, area, period_end) triples per query, within every database's limit

VALUE_COLUMNS = [
    "indicator",
    "area",
    "area_name",
    "period_label",
    "period_end",
    "value",
    "missing",
    "numerator",
    "denominator",
    "source",
    "imported_on",  # when it was loaded: releases.public_on
]


@dataclass(frozen=True)
class KpiPreview:
    added: int
    changed: int
    unchanged: int
    indicators: int
    areas: int

    def summary(self) -> str:
        return (
            f"{plural(self.added, 'figure')} to add, {self.changed} changed, "
            f"{self.unchanged} unchanged, for {plural(self.indicators, 'indicator')} and "
            f"{plural(self.areas, 'area')}."
        )


def _key(value: KpiValue) -> tuple[str, str, date]:
    return value.indicator, value.area, value.period.end


def _stored(conn: Connection, keys: Sequence[tuple[str, str, date]]) -> dict[tuple, tuple]:
    """The stored (value, missing, numerator, denominator) of each key that is stored."""
    found: dict[tuple, tuple] = {}
    t = KpiValueRow
    for start in range(0, len(keys), _KEY_BATCH):
        batch = keys[start : start + _KEY_BATCH]
        rows = conn.execute(
            select(
                t.indicator, t.area, t.period_end, t.value, t.missing, t.numerator, t.denominator
            ).where(tuple_(t.indicator, t.area, t.period_end).in_(batch))
        )
        found |= {(r[0], r[1], r[2]): tuple(r[3:]) for r in rows}
    return found


def _deduplicated(values: Iterable[KpiValue]) -> list[KpiValue]:
    """One value per key: the last read wins (a later file in the same load is the newer)."""
    return list({_key(v): v for v in values}.values())


def preview_values(conn: Connection, values: Iterable[KpiValue]) -> KpiPreview:
    values = _deduplicated(values)
    stored = _stored(conn, [_key(v) for v in values])
    changed = unchanged = 0
    for v in values:
        old = stored.get(_key(v))
        if old is None:
            continue
        if old == (v.value, v.missing, v.numerator, v.denominator):
            unchanged += 1
        else:
            changed += 1
    return KpiPreview(
        added=len(values) - changed - unchanged,
        changed=changed,
        unchanged=unchanged,
        indicators=len({v.indicator for v in values}),
        areas=len({v.area for v in values}),
    )


def write_values(conn: Connection, values: Iterable[KpiValue], imported_on: date) -> int:
    """Add or replace every value, in the caller's transaction; returns how many were written."""
    values = _deduplicated(values)
    keys = [_key(v) for v in values]
    t = KpiValueRow
    for start in range(0, len(keys), _KEY_BATCH):
        batch = keys[start : start + _KEY_BATCH]
        conn.execute(delete(t).where(tuple_(t.indicator, t.area, t.period_end).in_(batch)))
    if values:
        conn.execute(
            insert(t),
            [
                {
                    "indicator": v.indicator,
                    "area": v.area,
                    "area_name": v.area_name,
                    "period_label": v.period.label,
                    "period_end": v.period.end,
                    "value": v.value,
                    "missing": v.missing,
                    "numerator": v.numerator,
                    "denominator": v.denominator,
                    "source": v.source,
                    "imported_on": imported_on,
                }
                for v in values
            ],
        )
    return len(values)


def load_values(conn: Connection, areas: Iterable[str] | None = None) -> pd.DataFrame:
    """Stored values (of `areas`, or all), one row each, in VALUE_COLUMNS, oldest period first."""
    t = KpiValueRow
    query = select(*(getattr(t, c) for c in VALUE_COLUMNS)).order_by(t.indicator, t.period_end)
    if areas is not None:
        query = query.where(t.area.in_(list(areas)))
    return pd.DataFrame(conn.execute(query).all(), columns=VALUE_COLUMNS)


def set_target(
    conn: Connection, indicator: str, target: float, tolerance: float | None, on: date
) -> None:
    conn.execute(delete(KpiTarget).where(KpiTarget.indicator == indicator))
    conn.execute(
        insert(KpiTarget).values(indicator=indicator, target=target, tolerance=tolerance, set_on=on)
    )


def clear_target(conn: Connection, indicator: str) -> None:
    conn.execute(delete(KpiTarget).where(KpiTarget.indicator == indicator))


def targets(conn: Connection) -> dict[str, tuple[float, float | None]]:
    """Each indicator's (target, tolerance)."""
    rows = conn.execute(select(KpiTarget.indicator, KpiTarget.target, KpiTarget.tolerance))
    return {indicator: (target, tolerance) for indicator, target, tolerance in rows}


def set_local_indicators(conn: Connection, indicators: Sequence[Indicator]) -> None:
    """Add or replace each local indicator given, by id; those stored and not given are kept
    (their figures may come from another file)."""
    ids = [indicator.id for indicator in indicators]
    if not ids:
        return
    conn.execute(delete(LocalIndicator).where(LocalIndicator.id.in_(ids)))
    conn.execute(
        insert(LocalIndicator),
        [
            {
                "id": i.id,
                "name": i.name,
                "unit": i.unit,
                "polarity": i.polarity,
                "area": i.area or None,
                "definition": i.definition,
            }
            for i in indicators
        ],
    )


def local_indicators(conn: Connection) -> list[Indicator]:
    """The council's own indicators, by name."""
    t = LocalIndicator
    rows = conn.execute(
        select(t.id, t.name, t.unit, t.polarity, t.area, t.definition).order_by(t.name)
    )
    return [local_indicator(**row._mapping) for row in rows]


def set_neighbours(conn: Connection, neighbours: dict[str, Sequence[str]]) -> None:
    """Replace the statistical neighbours of each council given."""
    for la_code, codes in neighbours.items():
        conn.execute(delete(StatisticalNeighbour).where(StatisticalNeighbour.la_code == la_code))
        if codes:
            conn.execute(
                insert(StatisticalNeighbour),
                [
                    {"la_code": la_code, "rank": rank, "neighbour": code}
                    for rank, code in enumerate(codes, start=1)
                ],
            )


def neighbours_of(conn: Connection, la_code: str) -> list[str]:
    """The council's statistical neighbours, closest first."""
    t = StatisticalNeighbour
    rows = conn.execute(select(t.neighbour).where(t.la_code == la_code).order_by(t.rank))
    return [code for (code,) in rows]


@dataclass(frozen=True)
class Council:
    la_code: str
    name: str | None
    region: str | None  # the region's area code (values.region_area)

    @property
    def label(self) -> str:
        """'Gateshead (390)': how messages name a council."""
        return council_label(self.name, self.la_code)


def council_label(name: str | None, la_code: str | None) -> str:
    """'Gateshead (390)'; the name alone where the council's DfE number is not known."""
    return f"{name or 'council'} ({la_code})" if la_code else name or "council"


def set_council(conn: Connection, council: Council) -> None:
    """Make `council` the one whose indicators are shown."""
    conn.execute(delete(KpiCouncil))
    conn.execute(
        insert(KpiCouncil).values(la_code=council.la_code, name=council.name, region=council.region)
    )


def council(conn: Connection) -> Council | None:
    row = conn.execute(select(KpiCouncil.la_code, KpiCouncil.name, KpiCouncil.region)).first()
    return Council(**row._mapping) if row else None


def store_load(
    conn: Connection,
    values: Iterable[KpiValue],
    council: Council,
    neighbours: Sequence[str] | None,
    imported_on: date,
    *,
    targets: Mapping[str, tuple[float, float | None]] | None = None,
    local: Sequence[Indicator] = (),
) -> int:
    """One KPI load, all or nothing: the figures, the council they are for, its neighbours
    (None: keep those stored), the targets its own tables set (others are kept) and its local
    indicators."""
    set_council(conn, council)
    if neighbours is not None:
        set_neighbours(conn, {council.la_code: neighbours})
    set_local_indicators(conn, local)
    for indicator, (target, tolerance) in (targets or {}).items():
        set_target(conn, indicator, target, tolerance, imported_on)
    return write_values(conn, values, imported_on)
