"""The national outlook: for every council with a full inspection published before the as-at
date, the chance its next one starts within a horizon, its window and its next type; and the
backtest that scores the outlook against what happened.

The backtest runs the outlook at each month start over a past period with only the record known
then, and scores it by what followed: the Brier score (mean squared error of the chances: lower
is better), the AUC (the chance a council inspected within the horizon was given a higher chance
than one that was not: higher is better) and the share of each month's ten most likely councils
actually inspected within the horizon. The published rule alone (fieldwork uniformly likely
inside Ofsted's published window, readiness.inspection_timing) is scored the same way beside it,
read as fairly as it can be: a council is scored as still waiting, so its chance is spread over
the window still ahead, and an overdue council is taken to be inspected within the horizon
(`rule_chance`). Councils given the same chance are ranked in an order that favours neither
(`neutral`), not in the model's order. Both are scored from a council's own view and from an
outsider's (`Backtest`).
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from readiness.inspection.calendar import CalendarRules
from readiness.inspection.events import Inspection
from readiness.inspection.hazard import (
    FallbackHazard,
    HazardModel,
    fit_hazard,
    fit_logistic,
    weeks_ahead,
    within,
)
from readiness.inspection.next_type import NextType, next_type
from readiness.inspection.queue import Waiting, by_council, full_starts, queue
from readiness.inspection_timing import rule_window

TOP = 10


@dataclass(frozen=True)
class Window:
    """Percentiles of the first day of fieldwork: earliest (10%), most likely (the median) and
    latest (90%); None where the chances over the weeks ahead never reach that share."""

    earliest: date | None
    likely: date | None
    latest: date | None


def window(chances: list[tuple[date, float]]) -> Window:
    found: dict[float, date | None] = {0.1: None, 0.5: None, 0.9: None}
    total = 0.0
    for week, p in chances:
        total += p
        for share in found:
            if found[share] is None and total >= share:
                found[share] = week
    return Window(found[0.1], found[0.5], found[0.9])


@dataclass(frozen=True)
class OutlookRow:
    waiting: Waiting
    next: NextType
    window: Window
    probability: float  # fieldwork starts within the horizon


def outlook(
    inspections: Sequence[Inspection],
    as_at: date,
    rules: CalendarRules,
    *,
    horizon_days: int = 91,
    hazard: HazardModel | FallbackHazard | None = None,
    no_overall_rule: str = "leaders_and_two",
) -> list[OutlookRow]:
    """Every council with a full inspection known before `as_at`, most likely first. An
    outsider does not know who has had the call, so fieldwork may start from `as_at` on."""
    grouped = by_council(inspections)
    hazard = hazard or fit_hazard(grouped, as_at, rules)
    if hazard is None:
        raise ValueError("the national record is too small to learn from")
    rows = []
    for waiting in queue(grouped, as_at):
        kind = next_type(waiting.last, no_overall_rule)
        chances = weeks_ahead(hazard, waiting, as_at, kind.kind, rules)
        probability = within(chances, as_at, horizon_days)
        rows.append(OutlookRow(waiting, kind, window(chances), probability))
    rows.sort(key=lambda r: (-r.probability, r.waiting.rank))
    return rows


def rule_chance(last_start: date, as_at: date, horizon_days: int) -> float:
    """The published rule's chance that fieldwork starts within the horizon, for a council still
    waiting on `as_at` (as every council scored is): fieldwork uniformly likely on each day of
    the window still ahead, so the share of those days inside the horizon. Past the window's
    close the council is overdue: the rule says it should have been inspected already and Ofsted
    may call it any week, so its whole chance is spread uniformly over the horizon: 1."""
    opens, closes = rule_window(last_start)
    if as_at >= closes:
        return 1.0
    still_ahead = max(opens, as_at)
    overlap = min(closes, as_at + timedelta(days=horizon_days)) - still_ahead
    return max(overlap.days, 0) / (closes - still_ahead).days


@dataclass(frozen=True)
class Scores:
    brier: float
    auc: float
    top: float  # share of each month's TOP most likely councils inspected within the horizon
    cases: int  # council-months scored
    inspected: int  # of them, inspected within the horizon
    # Of the next inspections that followed (by the end of the record), the share that started
    # inside the window given: 10th-90th percentile for the model, the published one for the rule.
    inside: float = math.nan
    # The calibration slope: of the outcome's log-odds on the chance's (1 = calibrated; below 1
    # the chances are too spread out, above 1 too timid).
    slope: float = math.nan
    # The three tenths of council-months given the highest chances, highest first: (mean chance,
    # share inspected).
    deciles: tuple[tuple[float, float], ...] = ()


def _auc(chances: list[float], outcomes: list[bool]) -> float:
    """The Mann-Whitney AUC, ties counting half."""
    ranked = sorted(zip(chances, outcomes, strict=True))
    positives = sum(outcomes)
    negatives = len(outcomes) - positives
    rank_sum, i = 0.0, 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        mid = (i + j + 1) / 2  # the average 1-based rank of the tied run
        rank_sum += mid * sum(1 for _p, y in ranked[i:j] if y)
        i = j
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def neutral(la_code: str, as_at: date) -> int:
    """An order for councils given the same chance that favours no model: a checksum of the
    council and the month (Python's own hash of a string changes from run to run)."""
    return zlib.crc32(f"{la_code} {as_at.isoformat()}".encode())


def _slope(chances: list[float], outcomes: list[bool]) -> float:
    # A chance of 0 or 1 has infinite log-odds: held a hair inside.
    p = np.clip(np.array(chances), 1e-4, 1 - 1e-4)
    rows = np.column_stack([np.ones(len(p)), np.log(p / (1 - p))])
    return float(fit_logistic(rows, np.array(outcomes, dtype=float))[1])


def score(months: list[list[tuple[float, bool, int]]], inside: Sequence[bool] = ()) -> Scores:
    """Scores of (chance, inspected, tie order) triples, one list per as-at month; the tie
    order (`neutral`) ranks councils given the same chance; `inside`: whether each next
    inspection that followed started inside the window."""
    pairs = sorted((t for month in months for t in month), key=lambda t: (-t[0], t[2]))
    chances, outcomes = [t[0] for t in pairs], [t[1] for t in pairs]
    brier = math.fsum((p - y) ** 2 for p, y, _ in pairs) / len(pairs)
    tops = [
        sum(y for _p, y, _o in sorted(month, key=lambda t: (-t[0], t[2]))[:TOP]) / TOP
        for month in months
    ]
    share = sum(inside) / len(inside) if inside else math.nan
    tenths = np.array_split(np.arange(len(pairs)), 10)[:3]
    deciles = tuple(
        (float(np.mean([chances[i] for i in t])), float(np.mean([outcomes[i] for i in t])))
        for t in tenths
        if len(t)
    )
    return Scores(
        brier,
        _auc(chances, outcomes),
        sum(tops) / len(tops),
        len(pairs),
        sum(outcomes),
        share,
        _slope(chances, outcomes),
        deciles,
    )


def month_starts(first: date, last: date) -> list[date]:
    days, day = [], first.replace(day=1)
    while day <= last:
        days.append(day)
        day = (day + timedelta(days=32)).replace(day=1)
    return days


@dataclass(frozen=True)
class Backtest:
    """The backtest's scores from two points of view.

    A council's own view (`model`, `rule`): the cases are the councils still waiting at each
    as-at date, those whose latest full inspection started before it had been published by
    then. A council whose inspection was already under way (started, its report not yet out) is
    not waiting for one and knows it; the record cannot show it yet, and scored, it would count
    as a miss the moment its inspection began, such councils, having waited longest, filling the
    top places (issue 21).

    An outsider's view (`outsider`, `outsider_rule`): the national outlook as anyone reading the
    record sees it, every council listed. An outsider cannot tell a council under way from one
    still waiting, and the question the list answers for them is whose inspection is upon them;
    so a council under way counts as inspected, like one whose fieldwork starts within the
    horizon. Counting it a miss would score the outlook against a start no reader of the record
    could know of; leaving it out would score a list other than the one shown. The chances
    given cover only starts from the as-at date on, so for these councils they are too low:
    the outsider's scores read the model as more timid than it is."""

    model: Scores
    rule: Scores
    outsider: Scores
    outsider_rule: Scores
    # Of each month's TOP most likely councils in the outsider's list, the share under way.
    under_way_top: float


def backtest(
    inspections: Sequence[Inspection],
    as_ats: Sequence[date],
    rules: CalendarRules,
    horizon_days: int = 91,
) -> Backtest:
    """The model's and the published rule's scores over the as-at dates, from a council's own
    view and an outsider's (`Backtest`)."""
    happened = full_starts(inspections)
    views = ("model", "rule", "outsider_model", "outsider_rule")
    months: dict[str, list] = {name: [] for name in views}
    model_inside, rule_inside, under_way_top = [], [], []
    for as_at in as_ats:
        known = [i for i in inspections if i.published and i.published < as_at]
        end = as_at + timedelta(days=horizon_days)
        under_way = {
            i.la_code
            for i in inspections
            if i.is_full and i.start is not None and i.start < as_at
            if i.published is None or i.published >= as_at
        }
        rows = outlook(known, as_at, rules, horizon_days=horizon_days)
        month: dict[str, list] = {name: [] for name in views}
        for row in rows:
            la = row.waiting.la_code
            order = neutral(la, as_at)
            chances = {
                "model": row.probability,
                "rule": rule_chance(row.waiting.last_start, as_at, horizon_days),
            }
            if la in under_way:
                for name, p in chances.items():
                    month[f"outsider_{name}"].append((p, True, order))
                continue
            following = min((s for c, s in happened if c == la and s >= as_at), default=None)
            inspected = following is not None and following < end
            for name, p in chances.items():
                month[name].append((p, inspected, order))
                month[f"outsider_{name}"].append((p, inspected, order))
            if following is not None:
                w = row.window
                model_inside.append(
                    (w.earliest is None or following >= w.earliest)
                    and (w.latest is None or following <= w.latest)
                )
                opens, closes = rule_window(row.waiting.last_start)
                rule_inside.append(opens <= following <= closes)
        top = sorted(rows, key=lambda r: (-r.probability, neutral(r.waiting.la_code, as_at)))
        under_way_top.append(sum(r.waiting.la_code in under_way for r in top[:TOP]) / TOP)
        for name, scored in month.items():
            months[name].append(scored)
    return Backtest(
        score(months["model"], model_inside),
        score(months["rule"], rule_inside),
        score(months["outsider_model"]),
        score(months["outsider_rule"]),
        sum(under_way_top) / len(under_way_top),
    )
