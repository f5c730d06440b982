"""What a KPI load says about the council it is for: its name and region, from DfE's
statistical-neighbour list or from the figures' own areas."""

from __future__ import annotations

from collections.abc import Sequence

from readiness.kpi.neighbours import StatNeighbours
from readiness.kpi.store import Council
from readiness.kpi.values import REGION_PREFIX, KpiValue


def council_of(la_code: str, values: Sequence[KpiValue], listing: StatNeighbours | None) -> Council:
    """The council numbered `la_code`, named as the list or the files name it; its region is
    the one region the files give figures for (None if they give none, or several)."""
    name = listing.names.get(la_code) if listing else None
    name = name or next((v.area_name for v in values if v.area == la_code and v.area_name), None)
    regions = {v.area for v in values if v.area.startswith(REGION_PREFIX)}
    return Council(la_code, name, next(iter(regions)) if len(regions) == 1 else None)
