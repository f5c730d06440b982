"""The chance that a waiting council's full inspection starts in a given week, learned from the
national record, and the weeks ahead it gives.

Ofsted publishes no schedule; what the record shows (domain.md §1.4-1.6) is that councils are
inspected about every three years, roughly in the order they have waited, at a steady national
pace of 40-48 a year, only in weeks the calendar allows. So the model is a weekly hazard: the
chance a council that has not yet been inspected starts fieldwork this week, from

- its place in the national queue, by how long each council has waited since its last full
  inspection started (councils that have waited longest go first),
- whether Ofsted's published window (readiness.inspection_timing) has opened.

Simpler inputs calibrate better than richer ones: with the months waited as a number, the fit
confused the long pre-COVID waits of 2021-2023 with being due, and its 10-90% windows held only
46% of the inspections that followed (as-at dates July 2023 - July 2024); with these two, 86%
(scripts and figures in the README).

It is a logistic regression fitted to every council-week of the record since the cycle
restarted after COVID-19 (28 June 2021), using only what was published before the as-at date,
and only weeks in which fieldwork could start (the calendar rules say none in August, at
Christmas or Easter). Without a record, or with too little of it, `FallbackHazard` uses the
configured interval (the published rule and the observed cycle, domain.md §1.4) and says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from readiness.inspection.calendar import (
    WEEK,
    CalendarRules,
    is_possible_start,
    week_start,
    week_starts,
)
from readiness.inspection.events import SHORT, Inspection
from readiness.inspection.queue import CYCLE_RESTART, Waiting, complete_to, full_starts, queue
from readiness.inspection_timing import MONTH_DAYS, window_open

# Fewer starts than this and the fitted chances would rest on a handful of inspections.
MIN_STARTS = 30
_L2 = 1e-3  # a little shrinkage keeps the fit finite when a feature separates the data


def features(last_start: date, day: date, rank: float) -> np.ndarray:
    """The hazard's inputs on `day`, for a council whose last full inspection started on
    `last_start`: the place in the queue (on a log scale: first and tenth differ more than 100th
    and 110th) and whether the published window has opened (on the calendar day the reasons
    show)."""
    return np.array(
        [
            1.0,
            math.log1p(min(rank, 150.0)),
            1.0 if window_open(last_start, day) else 0.0,
        ]
    )


def _logistic(x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-x))


def fit_logistic(rows: np.ndarray, outcomes: np.ndarray) -> np.ndarray:
    """Logistic regression by Newton's method (iteratively reweighted least squares)."""
    coefficients = np.zeros(rows.shape[1])
    for _ in range(60):
        p = _logistic(rows @ coefficients)
        weights = p * (1 - p)
        hessian = rows.T @ (rows * weights[:, None]) + _L2 * np.eye(len(coefficients))
        step = np.linalg.solve(hessian, rows.T @ (outcomes - p) - _L2 * coefficients)
        coefficients += step
        if np.abs(step).max() < 1e-8:
            break
    return coefficients


@dataclass(frozen=True)
class HazardModel:
    """The weekly hazard fitted to the record, with what it was fitted to (for the reasons)."""

    coefficients: tuple[float, ...]
    council_weeks: int
    starts: int
    first_week: date
    last_week: date
    pace: float  # full inspections starting per possible week, over the last year known
    source: str = "the national record"

    def weekly(self, last_start: date, week: date, rank: float) -> float:
        return float(_logistic(features(last_start, week, rank) @ np.array(self.coefficients)))


@dataclass(frozen=True)
class FallbackHazard:
    """The weekly hazard of a configured interval: a triangular distribution of the gap between
    full inspections (earliest, most likely, latest months), conditional on the wait so far."""

    earliest: float
    likely: float
    latest: float
    pace: float
    source: str = "the configured interval"

    def _cdf(self, months: float) -> float:
        a, c, b = self.earliest, self.likely, self.latest
        if months <= a:
            return 0.0
        if months >= b:
            return 1.0
        if months <= c:
            return (months - a) ** 2 / ((b - a) * (c - a))
        return 1 - (b - months) ** 2 / ((b - a) * (b - c))

    def weekly(self, last_start: date, week: date, rank: float) -> float:
        waited_days = (week - last_start).days
        now, then = waited_days / MONTH_DAYS, (waited_days + 7) / MONTH_DAYS
        left = 1 - self._cdf(now)
        # Past the latest edge, a council is overdue: about one chance in six a week.
        return 1 / 6 if left <= 1e-9 else (self._cdf(then) - self._cdf(now)) / left


def recent_pace(by_council: dict[str, list[Inspection]], as_at: date, rules: CalendarRules):
    """Full inspections started per possible week, over the year up to the last day the record
    known before `as_at` is complete to (queue.complete_to: a later start may not be published
    yet, and would make the pace look slow)."""
    known = [
        i for items in by_council.values() for i in items if i.published and i.published < as_at
    ]
    if not known:
        return 0.0
    end = complete_to(known, as_at)
    year_ago = end - timedelta(days=364)
    starts = [start for _la, start in full_starts(known) if year_ago <= start < end]
    weeks = sum(
        1 for week in week_starts(year_ago, end, rules) if is_possible_start(week, SHORT, rules)
    )
    return len(starts) / max(weeks, 1)


def fit_hazard(
    by_council: dict[str, list[Inspection]], as_at: date, rules: CalendarRules
) -> HazardModel | None:
    """The hazard fitted to every council-week whose outcome was known before `as_at`: the
    weeks up to the day the record is complete to (queue.complete_to), later weeks censored,
    as their starts may not be published yet; and of each week only the councils still waiting
    (one whose fieldwork has started is in the week's queue until its report is published, but
    cannot start again). None if the record holds fewer than MIN_STARTS starts."""
    known = {
        la: [i for i in items if i.published and i.published < as_at]
        for la, items in by_council.items()
    }
    started = set(full_starts(i for items in known.values() for i in items))
    starts_of: dict[str, list[date]] = {}
    for la, day in started:
        starts_of.setdefault(la, []).append(day)
    complete = complete_to((i for items in known.values() for i in items), as_at)
    last_week = complete - timedelta(days=6)  # a week fitted has all its days by then
    rows, outcomes, weeks = [], [], []
    for week in week_starts(CYCLE_RESTART, last_week, rules):
        if not is_possible_start(week, SHORT, rules):
            continue
        weeks.append(week)
        week_days = {week + timedelta(days=d) for d in range(7)}
        for waiting in queue(known, week):
            if any(waiting.last_start < day < week for day in starts_of.get(waiting.la_code, ())):
                continue  # inspected already, its report not out by `week`: no longer waiting
            rows.append(features(waiting.last_start, week, waiting.rank))
            outcomes.append(any((waiting.la_code, d) in started for d in week_days))
    if sum(outcomes) < MIN_STARTS:
        return None
    coefficients = fit_logistic(np.array(rows), np.array(outcomes, dtype=float))
    return HazardModel(
        tuple(float(c) for c in coefficients),
        len(rows),
        int(sum(outcomes)),
        weeks[0],
        weeks[-1],
        recent_pace(by_council, as_at, rules),
    )


def weeks_ahead(
    hazard: HazardModel | FallbackHazard,
    waiting: Waiting,
    earliest: date,
    kind: str,
    rules: CalendarRules,
    weeks: int = 160,
) -> list[tuple[date, float]]:
    """(first day of the week, chance fieldwork starts that week) for the weeks from `earliest`
    on, for a council waiting as `waiting` says. Each week the council has waited longer, and
    moved up the queue by the national pace; a week the calendar rules out has no chance."""
    chances, survive = [], 1.0
    first = week_start(earliest, rules)
    for k in range(weeks):
        week = first + WEEK * k
        if not is_possible_start(week, kind, rules):
            chances.append((week, 0.0))
            continue
        rank = max(0.0, waiting.rank - hazard.pace * k)
        h = min(max(hazard.weekly(waiting.last_start, week, rank), 0.0), 1.0)
        chances.append((week, survive * h))
        survive *= 1 - h
    return chances


def within(chances: list[tuple[date, float]], start: date, days: int) -> float:
    """The chance fieldwork starts in the `days` from `start`."""
    end = start + timedelta(days=days)
    return math.fsum(p for week, p in chances if start <= week < end)
