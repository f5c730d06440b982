"""The KPI positions as `python -m readiness kpis --format json` prints them, for other programs:
one entry per indicator, with last year's move and the longer trend each in full."""

from __future__ import annotations

from readiness.kpi.positions import KpiStatus
from readiness.kpi.rules import Direction


def _move_json(moved: Direction) -> dict:
    """One move: its trend, the change in the indicator's unit, the period compared and why."""
    change = None if moved.change is None else round(moved.change, 2)
    return {"trend": moved.trend.value, "change": change, "since": moved.since, "why": moved.why}


def positions_json(status: KpiStatus) -> list[dict]:
    """One entry per indicator, as `python -m readiness kpis --format json` prints it."""
    return [
        {
            "id": p.indicator.id,
            "name": p.indicator.name,
            "unit": p.indicator.unit,
            "polarity": p.indicator.polarity,
            "latest_period": p.period,
            "value": p.value,
            "target": p.target,
            "england": p.england,
            "region": p.region,
            # An average: to two places, not as binary floating point leaves it (21.369999...).
            "sn": None if p.neighbours.value is None else round(p.neighbours.value, 2),
            "sn_count": p.neighbours.used,
            "rag": p.rag.colour.value if p.rag.colour else None,
            "direction": p.direction.trend.value,  # the longer trend, as before last_year
            "direction_words": p.travel.label,
            "last_year": _move_json(p.last_year),
            "longer_trend": _move_json(p.direction),
            "quartile": p.standing.quartile if p.standing else None,
            "interval_95": (
                [round(p.england_gap.lower, 1), round(p.england_gap.upper, 1)]
                if p.england_gap
                else None
            ),
            "differs_from_england": p.england_gap.differs if p.england_gap else None,
            "comparators_period": p.comparators_period,
            # The latest period's symbol, where DfE published one instead of the figure (with
            # `low`, value is 0: how it counts in ranks and averages).
            "symbol": written.code if (written := p.written) else None,
            "symbol_meaning": written.described() if written else None,
            "previous_period": p.previous_period,
            "previous_value": p.previous_value,
            "next_release": (
                {
                    "period": p.next_release.period,
                    "date": p.next_release.on.isoformat(),
                    "estimated": not p.next_release.listed,
                    "not_loaded": p.next_release.not_loaded,
                }
                if p.next_release
                else None
            ),
        }
        for p in status.positions
    ]
