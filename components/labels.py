"""Words, symbols and colours for the codes the domain returns: RAG, action state, progress
status, recommendation kind. The status tables hold codes; only the UI turns them into these.
"""

from __future__ import annotations

import html

from readiness.palette import RAG_COLOURS, Rag
from readiness.plan.rag import State
from readiness.settings import RagSettings
from readiness.text import plural
from readiness.vocabulary import ACTION_STATUS_LABELS, RECOMMENDATION_KIND_LABELS

# What each colour means, in the words of the rules (readiness.plan.rag), for the key on every page.
RAG_MEANINGS = {
    Rag.RED: "overdue: past its due date and not complete",
    Rag.AMBER: "at risk: due within {due_soon} days, stale (no update for {stale} days or more), "
    "or no due date",
    Rag.GREEN: "on track",
    Rag.GREY: "not started and not yet due",
    Rag.BLUE: "complete",
}


def rag_label(code: str | None) -> str:
    """'✖ Red' for "red"; a dash when there is no status."""
    return Rag(code).label if code else "—"


def status_label(code: str | None) -> str:
    return ACTION_STATUS_LABELS.get(code, code or "—")


def kind_label(code: str) -> str:
    return RECOMMENDATION_KIND_LABELS.get(code, code)


def rag_badge(code: str | None, size: str = "1rem") -> str:
    """An HTML badge such as '✖ Red' on a red ground; a dash when there is no status."""
    if not code:
        return "—"
    background, text = RAG_COLOURS[code]
    return (
        f'<span class="rag-badge" style="background:{background};color:{text};'
        f"padding:0.1em 0.55em;border-radius:0.4em;font-weight:700;font-size:{size};"
        f'white-space:nowrap">{html.escape(Rag(code).label)}</span>'
    )


def colour_key(rules: RagSettings) -> str:
    """The key to the colours as HTML: each badge and what it means under the configured rules."""
    items = "".join(
        f"<li>{rag_badge(rag.value, '0.85rem')} "
        f"{html.escape(meaning.format(due_soon=rules.due_soon_days, stale=rules.stale_days))}</li>"
        for rag, meaning in RAG_MEANINGS.items()
    )
    return f'<ul class="colour-key">{items}</ul>'


def count_tiles(tiles: list[tuple[str, str, str | None, str]]) -> str:
    """A row of tiles (label, value, RAG code or None, hover help) as HTML: each coloured tile
    also shows its symbol, so the count never rests on colour alone."""
    cells = []
    for label, value, code, help_text in tiles:
        style, symbol = "", ""
        if code:
            background, _ = RAG_COLOURS[code]
            style = f' style="border-left:0.5rem solid {background}"'
            symbol = f"{Rag(code).symbol} "
        cells.append(
            f'<div class="count-tile"{style} title="{html.escape(help_text)}">'
            f'<div class="count-label">{symbol}{html.escape(label)}</div>'
            f'<div class="count-value">{html.escape(value)}</div></div>'
        )
    return f'<div class="count-tiles">{"".join(cells)}</div>'


def badge_line(code: str | None, *texts: str) -> str:
    """A RAG badge followed by escaped text, as HTML (for st.html)."""
    words = " · ".join(html.escape(t) for t in texts if t)
    return f"{rag_badge(code)} &nbsp;{words}"


def state_colour(state: State, rules: RagSettings) -> str:
    """The colour the rules give an action in `state` (readiness.plan.rag.rag_for_action)."""
    if state == State.NO_DUE_DATE:
        return rules.data_gap_rag
    return _STATE_COLOURS[state]


_STATE_COLOURS = {
    State.OVERDUE: Rag.RED.value,
    State.DUE_SOON: Rag.AMBER.value,
    State.STALE: Rag.AMBER.value,
    State.ON_TRACK: Rag.GREEN.value,
    State.NOT_STARTED: Rag.GREY.value,
    State.COMPLETE: Rag.BLUE.value,
}


def state_tiles(counts: dict[State, int], states, rules: RagSettings) -> list[tuple]:
    """Count tiles for `states`: coloured when there is something in them."""
    tiles = []
    for state in states:
        n = counts[state]
        colour = state_colour(state, rules) if n else None
        tiles.append((state.label, str(n), colour, f"{plural(n, 'action')}: {state.label.lower()}"))
    return tiles
