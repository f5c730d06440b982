"""What the national record shows for councils like this one: the gap between consecutive full
inspections, and the kind of inspection that followed, by the earlier one's grade.

Only pairs whose later report was published before the as-at date count, and for the gap only
pairs whose earlier inspection started after the COVID-19 pause (the current cycle, domain.md
§1.4: before it, gaps ran to 54-70 months and say little about today).
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import date

from readiness.inspection.events import CYCLE_KINDS, Inspection
from readiness.inspection.queue import CYCLE_RESTART, known_at
from readiness.inspection_timing import MONTH_DAYS


@dataclass(frozen=True)
class Pair:
    earlier: Inspection
    later: Inspection

    @property
    def months(self) -> float:
        return (self.later.start - self.earlier.start).days / MONTH_DAYS


def grade_key(inspection: Inspection) -> str | None:
    """The grade that sets what follows: the overall grade, or from April 2026 (none given)
    the leaders judgement."""
    return inspection.grades.get("overall") or inspection.grades.get("leaders")


def pairs(by_council: dict[str, list[Inspection]], as_at: date) -> list[Pair]:
    found = []
    for inspections in by_council.values():
        full = sorted(
            (i for i in known_at(inspections, as_at) if i.kind in CYCLE_KINDS and i.start),
            key=lambda i: i.start,
        )
        found += [Pair(a, b) for a, b in zip(full, full[1:], strict=False)]
    return found


@dataclass(frozen=True)
class Gaps:
    count: int
    median: float
    shortest: float
    longest: float
    grade: str | None  # the grade the pairs were chosen by; None: all grades


def similar_gaps(all_pairs: list[Pair], grade: str | None, minimum: int = 8) -> Gaps | None:
    """The current cycle's gaps after an inspection of this grade; all grades if fewer than
    `minimum` pairs share it; None if there are none."""
    current = [p for p in all_pairs if p.earlier.start >= CYCLE_RESTART]
    same = [p for p in current if grade and grade_key(p.earlier) == grade]
    chosen, by = (same, grade) if len(same) >= minimum else (current, None)
    if not chosen:
        return None
    months = [p.months for p in chosen]
    return Gaps(len(months), statistics.median(months), min(months), max(months), by)


def types_after(all_pairs: list[Pair], grade: str | None) -> Counter:
    """How many short and standard inspections followed one of this grade (official types
    and the scraper's alike; an unknown type is not counted)."""
    return Counter(
        p.later.kind
        for p in all_pairs
        if grade and grade_key(p.earlier) == grade and p.later.kind in ("short", "standard")
    )
