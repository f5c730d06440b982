"""What the national record showed at a date: each council's last full inspection and how long
it has waited since, and the queue of councils by that wait.

Honest about what was known when: an inspection counts only once its report was published
before the as-at date (a council's own events count from their first day: the council knows
of its own inspection at once). A report whose fieldwork dates were not read (Brighton and Hove
2024, Nottingham 2022 in the scraped record) has its start put at its publication date less the
usual lag, and is marked as estimated: taking the council's previous inspection instead would
make it look like the council that has waited longest (domain.md §2.2). A council last inspected
under the framework before 2018 (SIF) waits from that inspection, whose start the record gives
only as its publication date less the SIF lag.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from readiness.inspection.council_changes import exists, predecessors
from readiness.inspection.events import CYCLE_KINDS, SIF, Inspection
from readiness.inspection_timing import MONTH_DAYS

# From the first day of fieldwork to publication: a standard inspection's 11 days on site plus
# the median 46 days from the last day of fieldwork to the report (domain.md §1.5), rounded.
PUBLICATION_LAG = timedelta(days=56)
# A SIF inspection (before 2018) is dated by its publication only: about four weeks of activity
# (an off-site week, then about two weeks of fieldwork, domain.md §1.1) and the same 46 days to the
# report, 67 days, rounded up to ten weeks; the one SIF report in the scraped record with both
# dates (row 115) took 71.
SIF_PUBLICATION_LAG = timedelta(days=70)
# The share of reports the record must have had time to publish before the weeks they started
# in are fitted: the 95th percentile of the lag from the first day of fieldwork to the report.
# In the record to August 2026 (323 ILACS reports with both dates) the lag's median is 51 days,
# its 95th percentile 86, its longest 225; as known on 1 Sep 2024 to 1 Mar 2026, 80-81 days.
COMPLETE_SHARE = 0.95
# What a council waits from: its last full inspection under either framework. A council whose
# last was a SIF inspection (46 when the cycle restarted in 2021, none by 2024) was among those
# that had waited longest; left out, its ILACS inspection was never a start the hazard learned
# from (issue 21: as at 1 Sep 2024 the fit saw 80 of the 129 starts in its weeks).
WAITED_FROM = (*CYCLE_KINDS, SIF)
# The first full inspection after the COVID-19 pause started on 28 June 2021 (domain.md §1.1).
CYCLE_RESTART = date(2021, 6, 28)


def known_at(inspections: Iterable[Inspection], as_at: date, own: str | None = None) -> list:
    """The inspections known before `as_at`: published before it, or, for the council `own`
    (its own history), started before it."""
    return [
        i
        for i in inspections
        if (i.published is not None and i.published < as_at)
        or (i.la_code == own and i.start is not None and i.start < as_at)
    ]


def started(inspection: Inspection) -> tuple[date | None, bool]:
    """(the first day of fieldwork, whether it is estimated from the publication date)."""
    if inspection.start is not None:
        return inspection.start, False
    if inspection.published is None:
        return None, False
    lag = SIF_PUBLICATION_LAG if inspection.kind == SIF else PUBLICATION_LAG
    return inspection.published - lag, True


def complete_to(inspections: Iterable[Inspection], as_at: date) -> date:
    """The last day up to which the record known before `as_at` shows (nearly) every full
    inspection that started: `as_at` less the COMPLETE_SHARE percentile of the lag from start to
    report among the reports known then (PUBLICATION_LAG if none is dated). A start after it may
    have happened with its report still to come: counting its week as one without a start would
    make Ofsted look slower than it is."""
    lags = sorted(
        (i.published - i.start).days
        for i in known_at(inspections, as_at)
        if i.kind in CYCLE_KINDS and i.start is not None
    )
    if not lags:
        return as_at - PUBLICATION_LAG
    return as_at - timedelta(days=lags[round(COMPLETE_SHARE * (len(lags) - 1))])


@dataclass(frozen=True)
class Waiting:
    """A council waiting for its next full inspection, at a date."""

    la_code: str
    last: Inspection  # its last full inspection known then
    last_start: date
    estimated: bool  # last_start estimated from the publication date
    waited_days: int
    rank: int = 0  # 0 = waited longest

    @property
    def waited_months(self) -> float:
        return self.waited_days / MONTH_DAYS


def last_full(inspections: Iterable[Inspection]) -> tuple[Inspection, date, bool] | None:
    """The latest full inspection of these (one council's), with its start and whether that
    start is estimated; None if it has none with a start known or estimated."""
    dated = [(i, *started(i)) for i in inspections if i.kind in WAITED_FROM]
    dated = [(i, start, estimated) for i, start, estimated in dated if start is not None]
    return max(dated, key=lambda d: d[1]) if dated else None


def queue(by_council: dict[str, list[Inspection]], as_at: date) -> list[Waiting]:
    """Every council that exists on `as_at` with a full inspection known before it, longest wait
    first, ranked.

    A council abolished by then has left the queue (readiness.inspection.council_changes); a
    successor is in it from its first day, waiting from its predecessors' last full inspection
    until its own has been published: the last time Ofsted inspected the services it took on.

    `by_council`: each council's inspections (readiness.inspection.queue.by_council)."""
    waiting = []
    for la_code, inspections in by_council.items():
        if not exists(la_code, as_at):
            continue
        taken_on = (i for code in predecessors(la_code) for i in by_council.get(code, ()))
        found = last_full(known_at([*inspections, *taken_on], as_at, own=None))
        if found:
            last, start, estimated = found
            waiting.append(Waiting(la_code, last, start, estimated, (as_at - start).days))
    waiting.sort(key=lambda w: (-w.waited_days, w.la_code))
    return [
        Waiting(w.la_code, w.last, w.last_start, w.estimated, w.waited_days, rank)
        for rank, w in enumerate(waiting)
    ]


def by_council(inspections: Iterable[Inspection]) -> dict[str, list[Inspection]]:
    grouped: dict[str, list[Inspection]] = {}
    for inspection in inspections:
        grouped.setdefault(inspection.la_code, []).append(inspection)
    return grouped


def full_starts(inspections: Iterable[Inspection]) -> list[tuple[str, date]]:
    """(council, first day) of every dated full inspection: what actually happened."""
    return sorted(
        (i.la_code, i.start) for i in inspections if i.kind in CYCLE_KINDS and i.start is not None
    )
