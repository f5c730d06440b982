"""KPI rules for one council's own figures: the RAG colour against a target, and which way the
figure is moving. Every rule is written once, here, with its reason in words.

Where they come from (../shared/domain.md §4.3): neither Ofsted nor DfE sets a KPI RAG scheme.
The local convention is green at or better than target, amber within a tolerance band, red
beyond it, with polarity deciding which way is better. Context indicators (polarity "context",
DfE's "-") are neither good nor bad, so they are compared but never coloured or called better or
worse. A council that colours against England or its neighbours rather than its own target
passes that figure as `target`.

Comparisons with other councils (neighbour average, rank and quartile, chance) are in
readiness.kpi.comparison.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from readiness.kpi.indicators import POLARITY_LABELS, UNIT_LABELS, Polarity, Unit
from readiness.kpi.values import Period
from readiness.palette import Rag
from readiness.text import format_date

# Figures read from files carry float artefacts (LAIT writes 4.4000000000000004) and gaps are not
# exact in binary (10.3 - 10.0 is 0.3000000000000007). Comparing within this margin
# keeps "exactly at the target" and "exactly at the edge of the band" where a reader expects.
_MARGIN = 1e-9
NO_COLOUR_SYMBOL = "–"  # shown beside "No colour" and "Not enough data": status never colour only
NO_COLOUR = "No colour"
NO_FIGURE = "No figure"  # the latest period's figure was not published: a symbol stands for it


def same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=_MARGIN, abs_tol=_MARGIN)


def has_figure(value: float | None) -> bool:
    """A figure is missing when the file gave none (None) or a reader left NaN; never zero."""
    return value is not None and not math.isnan(value)


def worse_by(value: float, benchmark: float, polarity: Polarity) -> float:
    """How far `value` is worse than `benchmark`, in the indicator's unit; negative: better.

    The one place polarity decides which way is better: "high" higher, "low" lower. Callers
    keep context indicators away from it, since for them neither way is better.
    """
    return benchmark - value if polarity == "high" else value - benchmark


# Decimal places shown at least: DfE publishes percentages, rates and caseloads to one place,
# days and children as whole numbers. Up to two places show when the figure has them, so a local
# figure of 21.04% never reads as equal to a target of 21.0%. Figures worked out here (averages,
# interval ends) pass `decimals` so they show at the published precision, not as 23.33%.
_MIN_DECIMALS: dict[str, int] = {"percent": 1, "rate": 1, "cases": 1, "days": 0, "count": 0}
# A gap between two figures, in short: percentages differ by percentage points.
_AMOUNT_UNITS: dict[str, tuple[str, str]] = {  # (one, many)
    "percent": ("point", "points"),
    "rate": ("per 10,000", "per 10,000"),
    "cases": ("case", "cases"),
    "days": ("day", "days"),
    "count": ("", ""),
}


def _number(value: float, unit: Unit, decimals: int | None = None) -> str:
    if decimals is not None:
        return f"{round(value, decimals) + 0.0:,.{decimals}f}"
    rounded = round(value, 2) + 0.0  # + 0.0 turns -0.0 into 0.0, so no "-0.0" is shown
    whole, _, places = f"{rounded:,.2f}".partition(".")
    places = places.rstrip("0").ljust(_MIN_DECIMALS[unit], "0")
    return f"{whole}.{places}" if places else whole


def format_figure(value: float, unit: Unit, decimals: int | None = None) -> str:
    """'21.0%', '67.0 per 10,000 children', '15.2 cases per social worker'."""
    number = _number(value, unit, decimals)
    return f"{number}%" if unit == "percent" else f"{number} {UNIT_LABELS[unit]}".rstrip()


def format_amount(difference: float, unit: Unit, decimals: int | None = None) -> str:
    """The size of a gap between two figures: '1.9 points', '2 days', '3' (a count)."""
    number = _number(abs(difference), unit, decimals)
    one, many = _AMOUNT_UNITS[unit]
    return f"{number} {one if number == '1' else many}".rstrip()


@dataclass(frozen=True)
class KpiRag:
    colour: Rag | None  # None: not coloured (context indicator, no target, or no figure)
    why: str
    gap: float | None = None  # how far the figure is worse than target (negative: better)
    uncoloured: str = NO_COLOUR  # the word shown when there is no colour

    @property
    def word(self) -> str:
        return self.colour.word if self.colour else self.uncoloured

    @property
    def symbol(self) -> str:
        return self.colour.symbol if self.colour else NO_COLOUR_SYMBOL

    @property
    def label(self) -> str:
        return f"{self.symbol} {self.word}"


def kpi_rag(
    value: float | None,
    target: float | None,
    tolerance: float | None,
    polarity: Polarity,
    *,
    unit: Unit,
) -> KpiRag:
    """The RAG colour of one figure against its target, with the rule that fired in words.

    First match wins:
      no colour  a context indicator (compared, never coloured);
      no colour  no target set;
      no colour  no figure for the period;
      Green      at or better than the target (polarity decides which side is better);
      Amber      worse than the target by no more than `tolerance`: the edge of the band is
                 inclusive, so a figure exactly at target ± tolerance is amber, as "within
                 tolerance" reads;
      Red        worse by more than `tolerance`, or worse at all when the tolerance is 0 or None.
    `tolerance` is in the indicator's unit: percentage points for percentages. `unit` is the
    indicator's, for the words only.
    """
    if polarity == "context":
        return KpiRag(None, "context indicator: compared, not coloured")
    if not has_figure(target):
        return KpiRag(None, "no target set")
    if not has_figure(value):
        return KpiRag(None, "no figure for this period")
    if tolerance is not None and tolerance < 0:
        raise ValueError(f"a tolerance cannot be negative: {tolerance}")
    gap = worse_by(value, target, polarity)
    figure, goal = format_figure(value, unit), format_figure(target, unit)
    if same(gap, 0):
        return KpiRag(Rag.GREEN, f"{figure} meets the target of {goal}", 0.0)
    if gap < 0:
        better = f"{figure} is better than the target of {goal} by {format_amount(gap, unit)}"
        return KpiRag(Rag.GREEN, better, gap)
    worse = f"{figure} is worse than the target of {goal} by {format_amount(gap, unit)}"
    if not tolerance:
        return KpiRag(Rag.RED, f"{worse}; no tolerance is set, so any shortfall is red", gap)
    band = f"the tolerance of {format_amount(tolerance, unit)}"
    if gap < tolerance or same(gap, tolerance):
        return KpiRag(Rag.AMBER, f"{worse}, within {band}", gap)
    return KpiRag(Rag.RED, f"{worse}, beyond {band}", gap)


def not_published_rag(not_published: str) -> KpiRag:
    """No colour for a period whose figure DfE did not publish (`not_published`: the symbol's
    words, symbols.Symbol.described): before the target and context checks, as the missing
    figure is what the reader must see; an older year's figure is never coloured in its place,
    as it would read as the current one."""
    why = f"{not_published}: no colour, and none from an older year in its place"
    return KpiRag(None, why, uncoloured=NO_FIGURE)


class Trend(StrEnum):
    IMPROVING = "improving"
    WORSENING = "worsening"
    STABLE = "stable"
    UP = "up"  # context indicators move, but are neither better nor worse
    DOWN = "down"
    NOT_ENOUGH_DATA = "not_enough_data"

    @property
    def word(self) -> str:
        return self.value.replace("_", " ").capitalize()


@dataclass(frozen=True)
class Direction:
    trend: Trend
    why: str
    change: float | None = None  # latest figure minus the earlier one, in the indicator's unit
    since: str | None = None  # the earlier period compared, as its label names it
    against: str | None = None  # the comparison in words: "last year", or the period's label

    @property
    def symbol(self) -> str:
        """The arrow shows which way the figure moved; the word says whether that is good."""
        if self.trend is Trend.NOT_ENOUGH_DATA:
            return NO_COLOUR_SYMBOL
        if self.trend is Trend.STABLE:
            return "→"
        return "↑" if self.change and self.change > 0 else "↓"

    @property
    def word(self) -> str:
        return self.trend.word

    @property
    def label(self) -> str:
        return f"{self.symbol} {self.word}"


When = Period | date


def _end(when: When) -> date:
    return when.end if isinstance(when, Period) else when


def _in(when: When) -> str:
    return f"in {when.label}" if isinstance(when, Period) else f"at {format_date(when)}"


def _label(when: When) -> str:
    return when.label if isinstance(when, Period) else format_date(when)


# Default stable band. Percentages: 1 percentage point, about the year-to-year wobble of a
# council-sized cohort on the usual 20-90% indicators. Other units (rates, days, cases,
# children) have no common scale, so 1% of the earlier figure. Councils set their own per
# indicator by passing `stable_band`.
STABLE_POINTS = 1.0
STABLE_SHARE = 0.01


def default_stable_band(earlier: float, unit: Unit) -> float:
    return STABLE_POINTS if unit == "percent" else abs(earlier) * STABLE_SHARE


def direction(
    values: Sequence[tuple[When, float | None]],
    polarity: Polarity,
    periods: int = 3,
    stable_band: float | None = None,
    *,
    unit: Unit,
) -> Direction:
    """Which way a figure is moving over the last `periods` periods, in words.

    `values` holds (period, figure) pairs, one per period, with None where there is no figure;
    they are put in date order here whatever order they come in. The window is the last
    `periods` periods given (3: the latest and the two before it, e.g. 2022-23 to 2024-25).
    Missing figures are skipped: the rule compares the latest figure in the window with the
    earliest figure in the window, so a gap never stretches the window further back, and the
    words name the two periods actually compared. Fewer than two figures: not enough data.

    A change no bigger than `stable_band` (in the indicator's unit; inclusive, like the RAG
    tolerance) is stable; see `default_stable_band`. Otherwise polarity says improving or
    worsening; a context indicator is only "up" or "down".
    """
    if periods < 2:
        raise ValueError(f"a direction needs at least 2 periods, not {periods}")
    if stable_band is not None and stable_band < 0:
        raise ValueError(f"a stable band cannot be negative: {stable_band}")
    window = sorted(values, key=lambda pair: _end(pair[0]))[-periods:]
    known = [(when, value) for when, value in window if has_figure(value)]
    if len(known) < 2:
        found = (
            f"only one figure ({format_figure(known[0][1], unit)} {_in(known[0][0])})"
            if known
            else "no figures"
        )
        return Direction(
            Trend.NOT_ENOUGH_DATA,
            f"{found} in the last {periods} periods: a direction needs two",
        )
    return _compared(known[0], known[-1], polarity, stable_band, unit, _label(known[0][0]))


def _compared(
    first: tuple[When, float],
    last: tuple[When, float],
    polarity: Polarity,
    stable_band: float | None,
    unit: Unit,
    against: str,
) -> Direction:
    """The move from `first` to `last` (each a period and its figure), `against` naming the
    earlier one in the short words: stable within the band, else up or down, and for a
    polarity better or worse."""
    (since, earlier), (latest_when, latest) = first, last
    change = latest - earlier
    band = default_stable_band(earlier, unit) if stable_band is None else stable_band
    then = f"{format_figure(earlier, unit)} {_in(since)}"
    now = f"{format_figure(latest, unit)} {_in(latest_when)}"
    compared = {"change": change, "since": _label(since), "against": against}
    if abs(change) < band or same(abs(change), band):
        if same(change, 0):
            moved = f"the same as {then}"
        else:
            higher = "higher" if change > 0 else "lower"
            moved = f"{format_amount(change, unit)} {higher} than {then}"
        within = f"within {format_amount(band, unit)}, counted as stable"
        return Direction(Trend.STABLE, f"{now}, {moved}: {within}", **compared)
    moved = f"{'up' if change > 0 else 'down'} from {then} to {now}"
    if polarity == "context":
        trend = Trend.UP if change > 0 else Trend.DOWN
        why = f"{moved}: a context indicator, neither better nor worse"
        return Direction(trend, why, **compared)
    trend = Trend.WORSENING if worse_by(latest, earlier, polarity) > 0 else Trend.IMPROVING
    return Direction(trend, f"{moved}: {POLARITY_LABELS[polarity]}", **compared)


# A year back: annual periods end on the same day each year, 365 or 366 days apart; a council's
# month or quarter a year earlier ends within a few days of that (30 Sep against 30 Sep; the
# end of February moves by a day in a leap year).
_A_YEAR_BEFORE = range(358, 374)


def last_year(
    values: Sequence[tuple[When, float | None]],
    polarity: Polarity,
    stable_band: float | None = None,
    *,
    unit: Unit,
) -> Direction:
    """The move on last year: the latest figure against the figure for the period that ended a
    year before it: the previous year for an annual indicator, the same month or quarter a year
    earlier for a council's own monthly or quarterly figures.

    Where there is no figure a year before: a month's or quarter's figure is compared with the
    latest figure before it, and `against` names that period, so the words say what was
    compared; otherwise (an annual figure whose previous year has none) there is no move on
    last year. Band, words and `values` as `direction` has them. Why this rule: `direction`'s
    one arrow, over three years, was read as last year's move (issue 21)."""
    known = sorted(((w, v) for w, v in values if has_figure(v)), key=lambda p: _end(p[0]))
    if not known:
        return Direction(Trend.NOT_ENOUGH_DATA, "no figures")
    latest_when, _ = latest = known[-1]
    gaps = [((_end(latest_when) - _end(when)).days, (when, value)) for when, value in known[:-1]]
    a_year = [pair for days, pair in gaps if days in _A_YEAR_BEFORE]
    if a_year:
        return _compared(a_year[-1], latest, polarity, stable_band, unit, "last year")
    within = [pair for days, pair in gaps if days < _A_YEAR_BEFORE.start]
    if within:
        return _compared(within[-1], latest, polarity, stable_band, unit, _label(within[-1][0]))
    why = f"no figure for the year before {_label(latest_when)}"
    return Direction(Trend.NOT_ENOUGH_DATA, why)


def no_direction_into(not_published: str, earlier: Direction) -> Direction:
    """No direction for a latest period whose figure DfE did not publish (`not_published`, as
    not_published_rag takes it): an arrow beside it would read as the movement into it. How the
    figures moved before it is kept in the words."""
    why = f"{not_published}: no direction into it; before it, {earlier.why}"
    return Direction(Trend.NOT_ENOUGH_DATA, why)
