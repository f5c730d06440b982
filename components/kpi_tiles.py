"""KPI tiles for the KPIs page and the Overview: one tile per indicator with its latest figure,
RAG word and symbol, move on last year and longer trend, target and comparators, and a
sparkline of its history; all drawn as one block of HTML per judgement area, every text
escaped."""

from __future__ import annotations

import html
from collections import Counter

from components.kept import kept
from components.labels import rag_badge
from readiness.framework import AREA_CODES, AREA_SHORT_LABELS
from readiness.kpi.indicators import UNIT_LABELS
from readiness.kpi.positions import KpiPosition, KpiStatus
from readiness.kpi.rules import NO_COLOUR, NO_COLOUR_SYMBOL, NO_FIGURE, format_figure

TILE_CSS = """
<style>
.kpi-tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr));
  gap: 0.75rem; margin-bottom: 1rem; }
.kpi-tile { border: 1px solid #d8dadc; border-radius: 0.5rem; padding: 0.7rem 0.9rem; }
.kpi-tile h4 { margin: 0 0 0.3rem; padding: 0; font-size: 1rem; line-height: 1.3; }
.kpi-value { font-size: 1.9rem; font-weight: 700; line-height: 1.2; white-space: nowrap; }
.kpi-unit { display: block; font-size: 0.9rem; color: #505a5f; }
.kpi-tile p { margin: 0.3rem 0 0; font-size: 0.88rem; color: #505a5f; }
.kpi-tile img.spark { display: block; margin-top: 0.35rem; }
.kpi-figure { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.2rem 0.5rem; }
ul.kpi-summary { list-style: none; padding-left: 0; margin: 0.25rem 0 0.5rem; }
ul.kpi-summary li { margin: 0.35rem 0; }
.no-colour { background: #f3f2f1; color: #0b0c0c; border: 1px solid #b1b4b6;
  padding: 0.05em 0.5em; border-radius: 0.4em; font-weight: 700; white-space: nowrap; }
</style>
"""
_SPARK_WIDTH, _SPARK_HEIGHT = 160, 34


def _badge(position: KpiPosition) -> str:
    colour = position.rag.colour
    if colour is not None:
        return rag_badge(colour.value, "0.95rem")
    return f'<span class="no-colour">{html.escape(position.rag.label)}</span>'


def sparkline(values: list[float], label: str) -> str:
    """A small line of the figures, oldest first, as an SVG image; its alternative text says what
    it shows. An <img> of SVG data, because st.html strips inline <svg> elements."""
    if len(values) < 2:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    step = (_SPARK_WIDTH - 4) / (len(values) - 1)
    points = " ".join(
        f"{2 + i * step:.1f},{_SPARK_HEIGHT - 3 - (v - low) / span * (_SPARK_HEIGHT - 6):.1f}"
        for i, v in enumerate(values)
    )
    svg = (
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{_SPARK_WIDTH}' "
        f"height='{_SPARK_HEIGHT}'><polyline points='{points}' fill='none' "
        "stroke='%23003078' stroke-width='2'/></svg>"
    )
    return (
        f'<img class="spark" src="data:image/svg+xml;utf8,{svg}" width="{_SPARK_WIDTH}" '
        f'height="{_SPARK_HEIGHT}" alt="{html.escape(label)}">'
    )


def _figure(value: float, unit: str, decimals: int | None, bare: bool) -> str:
    """A figure with its unit ('15.7 cases per social worker'), or `bare` without the unit's
    words ('15.7'; a percentage keeps its '%'), where the tile names the unit once already."""
    shown = format_figure(value, unit, decimals)
    return shown.removesuffix(f" {UNIT_LABELS[unit]}") if bare else shown


def _comparators(p: KpiPosition, bare: bool) -> str:
    unit = p.indicator.unit
    parts = []
    for name, value in (("England", p.england), ("Region", p.region)):
        if value is not None:
            parts.append(f"{name} {_figure(value, unit, None, bare)}")
    if p.neighbours.value is not None:
        parts.append(
            f"Neighbours {_figure(p.neighbours.value, unit, 1, bare)} ({p.neighbours.short})"
        )
    shown = " · ".join(parts)
    if shown and p.comparators_period:
        shown += f" (for {p.comparators_period})"
    return shown


def _sentence(words: str) -> str:
    """'Next release: ...': the first letter raised, the rest kept ('Oct')."""
    return words[:1].upper() + words[1:]


def kpi_tile(p: KpiPosition, history: list[float], bare: bool = False) -> str:
    """One indicator's tile; `bare`: the lines under the figure give figures without the unit's
    words (the wall screen's narrow tiles)."""
    unit = p.indicator.unit
    # A figure DfE did not publish shows what happened to it ("suppressed"), never an older one.
    blank = p.missing.short if p.missing else "no figure"
    value = html.escape(blank if p.value is None else format_figure(p.value, unit))
    if p.rounded:  # DfE's `low`: counted as 0, shown as written
        value = html.escape(p.rounded.code)
    words = ""
    if (
        p.value is not None and not p.rounded and unit != "percent"
    ):  # "17.6", then "cases per social worker" below
        value, _, words = value.partition(" ")
        words = f'<span class="kpi-unit">{words}</span>'

    target = "no target" if p.target is None else f"target {_figure(p.target, unit, None, bare)}"
    lines = [
        f"{p.period or 'no period'} · {target} · {p.travel.short if bare else p.travel.label}",
        _comparators(p, bare),
        p.rag.why,
        p.rounded.described(p.period) if p.rounded else "",
        f"Previous figure {p.previous}" if p.previous else "",
        # Not on the wall screen's narrow tiles (`bare`), which must fit the wall as they are.
        _sentence(p.next_release.words()) if p.next_release and not bare else "",
    ]
    if p.standing and p.standing.quartile:
        lines.append(p.standing.why)
    text = "".join(f"<p>{html.escape(line)}</p>" for line in lines if line)
    spark = sparkline(history, f"{p.indicator.name}: {len(history)} periods, oldest first")
    return (
        f'<div class="kpi-tile"><h4>{html.escape(p.indicator.name)}</h4>'
        f'<div class="kpi-figure"><span class="kpi-value">{value}</span>{_badge(p)}</div>'
        f"{words}{spark}{text}</div>"
    )


def _histories(status: KpiStatus) -> dict[str, list[float]]:
    """Each indicator's figures for the council, oldest first, for the sparklines."""
    own = status.frame[
        (status.frame["area"] == status.council.la_code) & status.frame["value"].notna()
    ]
    return {
        indicator: rows.sort_values("period_end")["value"].astype(float).tolist()
        for indicator, rows in own.groupby("indicator")
    }


def kpi_tiles(status: KpiStatus, positions: list[KpiPosition], bare: bool = False) -> str:
    """The tiles of `positions`, each with its council's history for the sparkline (`bare`: see
    kpi_tile)."""
    # Every council's figures are in the frame: the council's own are picked once per status.
    history = kept(status.positions, ("history",), lambda: _histories(status))
    tiles = "".join(kpi_tile(p, history.get(p.indicator.id, []), bare) for p in positions)
    return f'<div class="kpi-tiles">{tiles}</div>'


def area_tiles(status: KpiStatus, area: str) -> str:
    """The tiles of one judgement area's indicators ("": those naming none), made once per
    status (its positions name it: components.kept)."""
    return kept(
        status.positions,
        ("tiles", area),
        lambda: kpi_tiles(status, [p for p in status.positions if p.indicator.area == area]),
    )


def area_summary(status: KpiStatus) -> str:
    """Per judgement area, how many indicators are Red, Amber, Green or not coloured, with the
    colour's word and symbol: the Overview's line on the KPIs."""
    rows = []
    for area in AREA_CODES:
        positions = [p for p in status.positions if p.indicator.area == area]
        if not positions:
            continue
        counts = Counter(p.rag.colour.value if p.rag.colour else p.rag.word for p in positions)
        parts = [
            f"{rag_badge(code, '0.85rem')} {counts[code]}"
            for code in ("red", "amber", "green")
            if counts[code]
        ]
        parts += [
            f'<span class="no-colour">{NO_COLOUR_SYMBOL} {word}</span> {counts[word]}'
            for word in (NO_FIGURE, NO_COLOUR)
            if counts[word]
        ]
        rows.append(
            f"<li><strong>{html.escape(AREA_SHORT_LABELS[area])}</strong>: {' · '.join(parts)}</li>"
        )
    return f'<ul class="kpi-summary">{"".join(rows)}</ul>'


def indicator_badge(p: KpiPosition) -> str:
    """An indicator's name, colour, and move on last year and longer, in one line of HTML."""
    return (
        f"{html.escape(p.indicator.name)} {_badge(p)} "
        f'<span class="direction">{html.escape(p.travel.short)}</span>'
    )


# What a KPI's colour means (readiness.kpi.rules.kpi_rag), for the key beside the KPIs page.
KPI_MEANINGS = (
    ("green", "at or better than the council's target"),
    ("amber", "worse than target, within its tolerance"),
    ("red", "worse than target, beyond its tolerance"),
)


def kpi_colour_key() -> str:
    """The key to the KPIs' colours as HTML: each badge and what it means, and "no colour"."""
    items = "".join(
        f"<li>{rag_badge(code, '0.85rem')} {html.escape(meaning)}</li>"
        for code, meaning in KPI_MEANINGS
    )
    items += (
        f'<li><span class="no-colour">{NO_COLOUR_SYMBOL} {NO_COLOUR}</span> a context indicator '
        "(compared, never coloured), no target set, or no figure</li>"
        f'<li><span class="no-colour">{NO_COLOUR_SYMBOL} {NO_FIGURE}</span> DfE did not publish '
        "the latest period's figure (suppressed for small numbers, not available, ...): no "
        "colour, rank or quartile, and no older figure in its place</li>"
    )
    return f'{TILE_CSS}<ul class="colour-key">{items}</ul>'
