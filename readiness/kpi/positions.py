"""Every indicator's position at an as-at date: the council's latest figure, its target and RAG,
England, the region and the statistical neighbours, direction of travel and national standing.

The latest period is the latest the council has a row for, figure or not: where DfE wrote a
symbol instead of the figure (symbols.SYMBOLS: `c` suppressed, `x` not available, ...), that
period is the latest, said in words, with no rank, quartile or colour; the last figure before it
is given only as the previous one, never in its place. A figure DfE wrote as `low` (rounds to
zero) counts as 0, as it does in every other council's rank (comparison.counted), and is shown
as written.

As-at honest: a figure not public by the as-at date is left out (readiness.kpi.releases: DfE's
from its release, a council's own from its load), so looking back at an earlier date shows what
was known then; each position says its collection's next release after the date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

import pandas as pd
from sqlalchemy import Connection

from readiness.kpi import releases, store
from readiness.kpi.comparison import (
    Difference,
    NeighbourFigure,
    Standing,
    counted,
    differs_from,
    national_standing,
    neighbour_figure,
)
from readiness.kpi.indicators import INDICATORS, Indicator
from readiness.kpi.own_cells import NEIGHBOURS_AVERAGE
from readiness.kpi.rules import (
    Direction,
    KpiRag,
    direction,
    format_figure,
    kpi_rag,
    last_year,
    no_direction_into,
    not_published_rag,
)
from readiness.kpi.store import Council
from readiness.kpi.symbols import Symbol, symbol
from readiness.kpi.travel import Travel
from readiness.kpi.values import ENGLAND, REGION_PREFIX, Period
from readiness.settings import KpiSettings

_A_YEAR = timedelta(days=366)


@dataclass(frozen=True)
class KpiPosition:
    indicator: Indicator
    period: str | None  # the latest period by the as-at date, with a figure or a symbol
    period_end: date | None
    value: float | None  # None: no figure (see `missing`)
    target: float | None
    tolerance: float | None
    england: float | None
    region: float | None
    neighbours: NeighbourFigure
    rag: KpiRag
    direction: Direction  # the longer trend, over settings.direction_periods
    last_year: Direction  # the move on last year (rules.last_year)
    standing: Standing | None  # None unless every council's figure for the period is stored
    # Whether the gap to England is more than chance: only where the file gave the count and
    # what it is out of (EES files do; LAIT's and a council's own tables give the figure alone).
    england_gap: Difference | None = None
    # The period the comparators are for, when it is not the council's own (a council's monthly
    # figure beside DfE's latest year): None when they are for the same period.
    comparators_period: str | None = None
    # The symbol DfE wrote for the latest period instead of its figure, and then the last figure
    # before it, shown only as the previous one.
    missing: Symbol | None = None
    previous_period: str | None = None
    previous_value: float | None = None
    # The symbol DfE wrote for a latest figure that rounds to zero (`low`): `value` is then 0,
    # as it counts in ranks and averages (comparison.counted), and the pages show the symbol.
    rounded: Symbol | None = None
    # DfE's next release of the indicator's collection after the as-at date (None: local).
    next_release: releases.NextRelease | None = None

    @property
    def travel(self) -> Travel:
        """Last year's move and the longer trend, side by side, as every screen shows them."""
        return Travel(self.last_year, self.direction, self.indicator.unit)

    @property
    def not_published(self) -> str | None:
        """ "2024-25: suppressed (c, small numbers)" when the latest figure is a symbol."""
        return self.missing.described(self.period) if self.missing else None

    @property
    def written(self) -> Symbol | None:
        """The symbol DfE wrote instead of the latest figure: not published or rounds to zero."""
        return self.missing or self.rounded

    @property
    def symbol_note(self) -> str | None:
        """What DfE wrote instead of the latest figure, in words: "2025: rounds to zero (low,
        but is not zero)"; None where it gave the figure."""
        return self.written.described(self.period) if self.written else None

    @property
    def previous(self) -> str | None:
        """ "0.0% in 2023-24": the previous figure, beside a latest figure not published."""
        if self.previous_value is None:
            return None
        shown = format_figure(self.previous_value, self.indicator.unit)
        return f"{shown} in {self.previous_period}"


@dataclass(frozen=True)
class KpiStatus:
    as_at: date
    council: Council
    positions: tuple[KpiPosition, ...]
    frame: pd.DataFrame  # the stored values used, up to the as-at date
    neighbours: tuple[str, ...]
    neighbour_average: str  # "mean" or "median"

    @property
    def council_name(self) -> str:
        return self.council.name or f"Council {self.council.la_code}"

    @property
    def neighbours_label(self) -> str:
        return f"Neighbours ({self.neighbour_average})"

    def series_names(self) -> dict[str, str]:
        """The label of each series on a trend chart, by area."""
        names = {self.council.la_code: self.council_name, ENGLAND: "England"}
        if self.council.region:
            names[self.council.region] = self.council.region.removeprefix(REGION_PREFIX)
        if not self.neighbours:  # the average a council's own table gives, if any
            names[NEIGHBOURS_AVERAGE] = "Neighbours (as given)"
        return names

    def trend(self, indicator: str) -> pd.DataFrame:
        """One indicator's figures by period for the council, England, the region and the
        neighbours' average: columns series, period, period_end, value."""
        rows = self.frame[self.frame["indicator"] == indicator]
        names = self.series_names()
        own = rows[rows["area"].isin(names) & rows["value"].notna()]
        frame = pd.DataFrame(
            {
                "series": own["area"].map(names),
                "period": own["period_label"],
                "period_end": own["period_end"],
                "value": own["value"].astype(float),
            }
        )
        # Every neighbour's row, a symbol's too: `low` counts as 0 here as on the tile.
        near = rows[rows["area"].isin(self.neighbours)]
        averages = [
            {
                "series": self.neighbours_label,
                "period": group["period_label"].iloc[0],
                "period_end": end,
                "value": figure.value,
            }
            for end, group in near.groupby("period_end")
            if (
                figure := neighbour_figure(
                    counted(group["value"], group["missing"]), self.neighbour_average
                )
            ).value
            is not None
        ]
        return pd.concat([frame, pd.DataFrame(averages)], ignore_index=True)


def _figures(rows: pd.DataFrame, figure: pd.Series) -> dict[tuple[str, date], float]:
    """Each (area, period end)'s figure as it counts (`figure`: comparison.counted of `rows`),
    where it counts."""
    known = rows[figure.notna()]
    return dict(
        zip(zip(known["area"], known["period_end"], strict=True), figure[known.index], strict=True)
    )


def _position(
    indicator: Indicator,
    rows: pd.DataFrame,
    council: Council,
    neighbours: list[str],
    target: tuple[float, float | None] | None,
    settings: KpiSettings,
) -> KpiPosition:
    # A figure that rounds to zero counts as 0, for the council as in every other's rank.
    counts = counted(rows["value"], rows["missing"])
    own = rows[(rows["area"] == council.la_code)].sort_values("period_end")
    known = own[own["value"].notna()]
    latest = own.iloc[-1] if not own.empty else None
    period_end = latest["period_end"] if latest is not None else None
    own_figures = counts[own.index]
    value = (
        float(own_figures.iloc[-1])
        if latest is not None and pd.notna(own_figures.iloc[-1])
        else None
    )
    written = _missing(latest) if latest is not None and pd.isna(latest["value"]) else None
    missing = written if value is None else None
    previous = known.iloc[-1] if missing and not known.empty else None
    goal, tolerance = target if target else (None, None)
    figures = _figures(rows, counts)
    councils = rows[(rows["period_end"] == period_end) & rows["area"].str.isdigit()]
    standing = None
    if value is not None:
        standing = national_standing(value, counts[councils.index], indicator.polarity)
    series = [
        (Period(r.period_label, r.period_end), figure)
        for r, figure in zip(own.itertuples(), own_figures, strict=True)
    ]
    compared_end, compared_label = _compared_period(rows, council, neighbours, latest)
    england = figures.get((ENGLAND, compared_end))
    period = latest["period_label"] if latest is not None else None
    rag = kpi_rag(value, goal, tolerance, indicator.polarity, unit=indicator.unit)
    moved = direction(series, indicator.polarity, settings.direction_periods, unit=indicator.unit)
    on_last_year = last_year(series, indicator.polarity, unit=indicator.unit)
    if missing:
        rag = not_published_rag(missing.described(period))
        moved = no_direction_into(missing.described(period), moved)
        on_last_year = no_direction_into(missing.described(period), on_last_year)
    return KpiPosition(
        indicator=indicator,
        period=period,
        period_end=period_end,
        value=value,
        target=goal,
        tolerance=tolerance,
        england=england,
        region=figures.get((council.region, compared_end)) if council.region else None,
        neighbours=_neighbours(figures, neighbours, compared_end, settings),
        rag=rag,
        direction=moved,
        last_year=on_last_year,
        standing=standing,
        england_gap=(
            _england_gap(latest, england)
            if indicator.unit == "percent" and compared_label is None
            else None
        ),
        comparators_period=compared_label,
        missing=missing,
        previous_period=previous["period_label"] if previous is not None else None,
        previous_value=float(previous["value"]) if previous is not None else None,
        rounded=written if value is not None else None,
    )


def _missing(row: pd.Series) -> Symbol:
    """The symbol a row without a figure holds ("" where none is stored: a blank cell)."""
    code = row["missing"]
    return symbol(code if isinstance(code, str) else "")


def _compared_period(
    rows: pd.DataFrame, council: Council, neighbours: list[str], latest: pd.Series | None
) -> tuple[date | None, str | None]:
    """(the period end the comparators are taken at, its label if it is not the council's).

    The council's own period where any comparator has a figure for it; else, for a council's
    monthly or quarterly figure, the latest comparator period that ended in the year before it
    (DfE publishes years), so the tile compares with the latest known year and says which."""
    if latest is None:
        return None, None
    end = latest["period_end"]
    others = rows[(rows["area"] != council.la_code) & rows["value"].notna()]
    if (others["period_end"] == end).any():
        return end, None
    earlier = others[(others["period_end"] < end) & (others["period_end"] > end - _A_YEAR)]
    if earlier.empty:
        return end, None
    compared = earlier["period_end"].max()
    label = earlier.loc[earlier["period_end"] == compared, "period_label"].iloc[0]
    return compared, label


def _england_gap(latest: pd.Series | None, england: float | None) -> Difference | None:
    if latest is None or england is None or pd.isna(latest["denominator"]):
        return None
    published = float(latest["value"]) if pd.notna(latest["value"]) else None
    return differs_from(
        float(latest["numerator"]), float(latest["denominator"]), england, published=published
    )


def _neighbours(
    figures: dict[tuple[str, date], float],
    neighbours: list[str],
    period_end: date | None,
    settings: KpiSettings,
) -> NeighbourFigure:
    """The neighbours' average from each neighbour's figure; without a list of neighbours, the
    average a council's own table gives (stored under NEIGHBOURS_AVERAGE), if it gives one."""
    given = figures.get((NEIGHBOURS_AVERAGE, period_end))
    if not neighbours and given is not None:
        return NeighbourFigure(
            given, 0, 0, settings.neighbour_average, "as the council's own table gives it"
        )
    return neighbour_figure(
        [figures.get((code, period_end)) for code in neighbours], settings.neighbour_average
    )


def kpi_status(
    values: pd.DataFrame,
    council: Council,
    neighbours: list[str],
    targets: dict[str, tuple[float, float | None]],
    as_at: date,
    settings: KpiSettings,
    extra: Sequence[Indicator] = (),
) -> KpiStatus:
    """The position of every indicator the store holds a figure of, at `as_at`: DfE's, then
    the council's own local indicators given in `extra` (readiness.kpi.store.local_indicators).

    `values` is readiness.kpi.store.load_values' frame."""
    known = releases.known_by(values, as_at)
    groups = dict(tuple(known.groupby("indicator")))
    positions = tuple(
        replace(p, next_release=releases.next_release(p.indicator, as_at, p.period_end))
        for p in (
            _position(i, groups[i.id], council, neighbours, targets.get(i.id), settings)
            for i in (*INDICATORS, *extra)
            if i.id in groups
        )
    )
    return KpiStatus(
        as_at, council, positions, known, tuple(neighbours), settings.neighbour_average
    )


def stored_kpi_status(conn: Connection, as_at: date, settings: KpiSettings) -> KpiStatus | None:
    """Every indicator's position at `as_at` from what the database holds; None before any
    indicators are loaded."""
    council = store.council(conn)
    if council is None:
        return None
    return kpi_status(
        store.load_values(conn),
        council,
        store.neighbours_of(conn, council.la_code),
        store.targets(conn),
        as_at,
        settings,
        extra=store.local_indicators(conn),
    )
