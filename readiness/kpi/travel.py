"""Which way a figure is moving, as the screens say it: last year's move and the longer trend
side by side (the rules are readiness.kpi.rules' `last_year` and `direction`)."""

from __future__ import annotations

from dataclasses import dataclass

from readiness.kpi.indicators import Unit
from readiness.kpi.rules import Direction, Trend, format_amount

_BETTER = {Trend.IMPROVING: "better", Trend.WORSENING: "worse"}


@dataclass(frozen=True)
class Travel:
    """Last year's move and the longer trend side by side, in words, with one arrow: last
    year's. One arrow for the longer trend alone was read as last year's move (issue 21:
    "↑ Improving" after 75% fell to 70%), so the longer trend is only ever in words."""

    last_year: Direction  # last_year's
    longer: Direction  # direction's, over the last few periods
    unit: Unit

    def _last(self) -> str:
        moved = self.last_year
        if moved.trend is Trend.NOT_ENOUGH_DATA:
            some = self.longer.trend is not Trend.NOT_ENOUGH_DATA
            return "no figure a year earlier" if some else "not enough data"
        if moved.trend is Trend.STABLE:
            return f"stable on {moved.against}"
        amount = format_amount(moved.change or 0.0, self.unit)
        better = f" ({_BETTER[moved.trend]})" if moved.trend in _BETTER else ""
        return f"{'up' if (moved.change or 0) > 0 else 'down'} {amount} on {moved.against}{better}"

    def _longer(self) -> str:
        """The longer trend, unless it compares the same two periods as last year's move."""
        trend = self.longer
        if trend.trend is Trend.NOT_ENOUGH_DATA or trend.since == self.last_year.since:
            return ""
        if trend.trend is Trend.STABLE:
            return f"stable since {trend.since}"
        better = f" ({_BETTER[trend.trend]})" if trend.trend in _BETTER else ""
        return f"{'up' if (trend.change or 0) > 0 else 'down'} since {trend.since}{better}"

    @property
    def known(self) -> bool:
        """Whether either move is known: when neither is, "Not enough data" says it all."""
        unknown = Trend.NOT_ENOUGH_DATA
        return not (self.last_year.trend is unknown and self.longer.trend is unknown)

    @property
    def words(self) -> str:
        """ "Down 5.0 points on last year (worse); up since 2022-23 (better)"."""
        words = "; ".join(part for part in (self._last(), self._longer()) if part)
        return words[:1].upper() + words[1:]

    @property
    def label(self) -> str:
        """The words after last year's arrow: "↓ Down 5.0 points on last year (worse); ..."."""
        return f"{self.last_year.symbol} {self.words}"

    @property
    def short(self) -> str:
        """ "↓ Worse on last year; up since 2022-23 (better)": `label` without the amount, where
        room is short (the wall's tiles, the board pack's table)."""
        moved = self.last_year
        if moved.against is None:  # no move on last year: the words say why
            return self.label
        head = f"{self.last_year_label} on {moved.against}"
        return "; ".join(part for part in (head, self._longer()) if part)

    @property
    def last_year_label(self) -> str:
        """Last year's move alone, "↓ Worse", for a narrow column with `words` beside it."""
        moved = self.last_year
        return f"{moved.symbol} {_BETTER.get(moved.trend, moved.trend.word).capitalize()}"

    @property
    def why(self) -> str:
        """Both moves' figures in words: last year's (or what was compared instead), then the
        longer trend's where it compares other periods."""
        moved = self.last_year
        head = "Last year" if moved.against in (None, "last year") else f"Against {moved.against}"
        words = f"{head}: {moved.why}"
        return f"{words}; since {self.longer.since}: {self.longer.why}" if self._longer() else words
