"""What a KPI load is for: the council (its name and region, from DfE's statistical-neighbour
list or from the figures' own areas) and its neighbours (the list given, or those stored)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from readiness.kpi.neighbours import StatNeighbours, read_neighbours
from readiness.kpi.store import Council
from readiness.kpi.values import REGION_PREFIX, KpiValue, region_area

# The fictional demo council (readiness.demo): a number and a region no English council has, so
# a database that holds only the demo can take on a real council (readiness.inspection.
# report_council) and the demo is never mistaken for one.
DEMO_COUNCIL = Council("900", "Marshcombe", region_area("Westmarch (demo region)"))


def council_of(la_code: str, values: Sequence[KpiValue], listing: StatNeighbours | None) -> Council:
    """The council numbered `la_code`, named as the list or the files name it; its region is
    the one region the files give figures for (None if they give none, or several)."""
    name = listing.names.get(la_code) if listing else None
    name = name or next((v.area_name for v in values if v.area == la_code and v.area_name), None)
    regions = {v.area for v in values if v.area.startswith(REGION_PREFIX)}
    return Council(la_code, name, next(iter(regions)) if len(regions) == 1 else None)


def neighbours_for(
    la_code: str, given: Path | None, stored: Council | None, stored_neighbours: Sequence[str]
) -> tuple[StatNeighbours | None, list[str] | None]:
    """(the list to read neighbours' figures by, the council's neighbours) for a load: DfE's
    list the user gave, else the neighbours stored with this council at an earlier load, else
    none. ImportFailed if the list given has no row for the council."""
    if given is not None:
        listing = read_neighbours(given)
        return listing, list(listing.of(la_code))
    if stored is not None and stored.la_code == la_code and stored_neighbours:
        neighbours = tuple(stored_neighbours)
        return StatNeighbours("the stored list", {la_code: neighbours}, {}, {}), list(neighbours)
    return None, None


def council_change(stored: Council | None, council: Council) -> str | None:
    """What a load does to the council the KPIs page shows, when it changes it: said before it
    is stored, as the other council's figures then drop out of sight."""
    if stored is None or stored.la_code == council.la_code:
        return None
    old, new = stored.label, council.label
    return (
        f"This load makes {new} the council the KPIs page shows, in place of {old}. {old}'s "
        f"figures stay stored; load them again with council number {stored.la_code} to show "
        "it instead."
    )
