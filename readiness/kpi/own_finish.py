"""The rules of a council's own KPI table that need every row seen (own_reading gathers them):

- A local indicator's unit is its Unit column's, else a percentage if its name or figures say so,
  else a count (own_cells.guessed_unit). With no polarity it is "context" (compared, never
  coloured), and with no judgement area it is shown under none: each said in one warning naming
  the indicators, with the column to add.
- Excel stores a cell formatted as a percentage as a fraction (22.5% as 0.225). When every
  number given for a percent indicator in the file written without a "%" sign (its figures,
  comparators, target and tolerance) is between 0 and 1, and one of them is a fraction (not 0 or
  1), those numbers are fractions: they are multiplied by 100, with one warning naming the
  indicators. A figure really under 1% is kept by writing it with its "%" sign ("0.5%").
- A figure written with "%" for an indicator that is not a percentage is a problem.
- The same indicator, area and period given twice with two different figures is a problem; given
  twice alike, it is one figure.
- Targets: the latest row's wins, by period (a long table may give each year's target, and the
  latest year's is the one now set), then by place in the file (a wide sheet's rows). A target
  of a context indicator of DfE's is kept and shown, with a warning that it gives no colour.
- A local indicator is returned only if some figure or target of it is.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from readiness.files.area_names import AREA_NAMES
from readiness.kpi.indicators import Indicator
from readiness.kpi.own_cells import HEADINGS, guessed_unit, local_indicator
from readiness.kpi.own_reading import Entry, Local, OwnReading, Ref, Where
from readiness.kpi.values import KpiValue
from readiness.text import plural

# Decimal places kept of a fraction times 100: 0.225 * 100 is 22.500000000000004 in binary.
_PERCENT_PLACES = 10
_POLARITIES = "higher is better, lower is better or context"
Targets = dict[str, tuple[float, float | None]]


def finish(reading: OwnReading) -> tuple[list[KpiValue], Targets, list[Indicator]]:
    """The values, targets and local indicators `reading` gathered, after the rules above; their
    problems and warnings are added to the reading's."""
    local = {id(ref): _local_indicator(ref) for ref in reading.locals.values()}

    def resolve(ref: Ref) -> Indicator:
        return local[id(ref)] if isinstance(ref, Local) else ref

    fractions = _fractions(reading, resolve)
    values = _values(reading, resolve, fractions)
    targets: Targets = {}
    for item in sorted(reading.targets, key=lambda t: t.order):
        indicator = resolve(item.ref)
        if indicator.polarity == "context" and not indicator.local:
            _told_context(reading, indicator, item.where)
        factor = 100.0 if indicator.id in fractions else 1.0
        target, tolerance = (
            _scaled(number, factor, sign)
            for number, sign in zip((item.target, item.tolerance), item.signs, strict=True)
        )
        targets[indicator.id] = (target, tolerance)
    used = {v.indicator for v in values} | set(targets)
    chosen = [i for i in local.values() if i.id in used]
    _undescribed(reading, chosen)
    return values, targets, chosen


def _values(
    reading: OwnReading, resolve: Callable[[Ref], Indicator], fractions: set[str]
) -> list[KpiValue]:
    values: dict[tuple[str, str, date], tuple[KpiValue, Entry]] = {}
    for entry in reading.entries:
        indicator = resolve(entry.ref)
        number, missing, sign = entry.figure
        if sign and indicator.unit != "percent":
            reading.problem(
                entry.where,
                entry.text,
                f"is a percentage, but {indicator.name} is measured in {indicator.unit_label}.",
                "Write the figure without the %, or check the row is the right indicator.",
            )
            continue
        if indicator.id in fractions:
            number = _scaled(number, 100.0, sign)
        value = KpiValue(
            indicator.id,
            entry.area,
            entry.period,
            number,
            reading.source(entry.where),
            missing,
            entry.area_name,
        )
        key = (indicator.id, entry.area, entry.period.end)
        earlier = values.get(key)
        if earlier is None:
            values[key] = (value, entry)
        elif (earlier[0].value, earlier[0].missing) != (number, missing):
            reading.problem(
                entry.where,
                entry.text,
                f"is {indicator.name} for {entry.area_name or 'the council'}, "
                f"{entry.period.label}, but row {earlier[1].where.row} gives "
                f'"{earlier[1].text}" for the same.',
                "Keep one figure for each indicator, area and period.",
            )
    return [value for value, _ in values.values()]


def _fractions(reading: OwnReading, resolve: Callable[[Ref], Indicator]) -> set[str]:
    """The percent indicators whose numbers written without "%" are Excel's fractions."""
    numbers: dict[str, list[float]] = {}
    names: dict[str, str] = {}
    given = [
        *((e.ref, (e.figure.value,), (e.figure.percent_sign,)) for e in reading.entries),
        *((t.ref, (t.target, t.tolerance), t.signs) for t in reading.targets),
    ]
    for ref, written, signs in given:
        indicator = resolve(ref)
        if indicator.unit != "percent":
            continue
        names[indicator.id] = indicator.name
        numbers.setdefault(indicator.id, []).extend(
            number
            for number, sign in zip(written, signs, strict=True)
            if number is not None and not sign
        )
    found = {
        indicator
        for indicator, unsigned in numbers.items()
        if all(0 <= n <= 1 for n in unsigned) and any(0 < n < 1 for n in unsigned)
    }
    if found:
        reading.warn(
            None,
            None,
            f"The figures of {', '.join(sorted(names[i] for i in found))} are all between 0 and "
            "1, so they were read as percentages stored as fractions, as Excel stores a cell "
            "formatted as a percentage (0.225 is 22.5%).",
            "Check the figures on the KPIs page. A figure really under 1% is kept as written "
            'when written with its % sign ("0.5%").',
        )
    return found


def _scaled(number: float | None, factor: float, sign: bool) -> float | None:
    """A number given for an indicator whose figures are fractions (`factor` 100), as a
    percentage; one written with "%" is one already."""
    if number is None or sign or factor == 1.0:
        return number
    return round(number * factor, _PERCENT_PLACES)


def _local_indicator(ref: Local) -> Indicator:
    described = {kind: value for kind, (value, _, _) in ref.described.items()}
    return local_indicator(
        ref.id,
        ref.name,
        str(described.get("unit") or guessed_unit(ref.name, ref.percent_sign)),
        str(described.get("polarity") or "context"),
        described.get("area"),  # type: ignore[arg-type]
        str(described.get("definition") or ""),
    )


def _undescribed(reading: OwnReading, chosen: list[Indicator]) -> None:
    """A warning for local indicators with no polarity, and one for those with no area."""
    by_id = {ref.id: ref for ref in reading.locals.values()}
    for kind, effect, fix in (
        (
            "polarity",
            "so each is a context indicator: compared, never coloured Red, Amber or Green",
            f"Add a Polarity column saying which way is better ({_POLARITIES}) so they can be "
            "coloured against their targets.",
        ),
        (
            "area",
            "so each is shown under no judgement area",
            f"Add a Judgement area column naming one of: {AREA_NAMES}.",
        ),
    ):
        names = [i.name for i in chosen if kind not in by_id[i.id].described]
        if names:
            what = HEADINGS[kind][0].lower()
            listed = f"{plural(len(names), 'local indicator')} ({', '.join(names)})"
            reading.warn(None, None, f"No {what} is given for {listed}, {effect}.", fix)


def _told_context(reading: OwnReading, indicator: Indicator, where: Where) -> None:
    if (indicator.id, "target") in reading.told:
        return
    reading.told.add((indicator.id, "target"))
    reading.warn(
        where,
        None,
        f"{indicator.name} is a context indicator, compared and never coloured: its target is "
        "stored and shown, but gives no Red, Amber or Green.",
        "Nothing to do, unless you meant another indicator.",
    )
