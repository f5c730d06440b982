"""One figure of one indicator, for one area and one period, and where it was read from.

Every reader (DfE's LAIT data set, explore-education-statistics files, a council's own tables)
gives these records; the store keeps them as they are. Areas are named the same way whatever the
file: the council and the other councils by their 3-digit DfE local-authority number (LAIT's
"LA Number", EES's "old_la_code"), England as "england", a region as "region:" and its name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

ENGLAND = "england"
REGION_PREFIX = "region:"


def region_area(name: str) -> str:
    return REGION_PREFIX + " ".join(name.split())


@dataclass(frozen=True)
class Period:
    """A statistical year (or month or quarter): its label as shown and the day it ends."""

    label: str  # "2024-25", "Q1 2025/26", "Apr-25"
    end: date


@dataclass(frozen=True)
class KpiValue:
    indicator: str  # readiness.kpi.indicators id
    area: str  # "383", ENGLAND or region_area(...)
    period: Period
    value: float | None  # None: the file gives no figure (see `missing`)
    source: str  # "file, sheet or table, row": where the figure was read
    # The symbol the file wrote instead of a figure ("c", "x", ...: symbols.SYMBOLS).
    missing: str | None = None
    area_name: str | None = None  # as the file names it, for messages and the KPIs page
    # A percentage's count and the number it is out of, where the file gives both.
    numerator: float | None = None
    denominator: float | None = None
