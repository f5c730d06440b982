"""RAG badges: colour, symbol and word together, as HTML and as table cell styles."""

from __future__ import annotations

import html

import pandas as pd

from readiness.palette import RAG_COLOURS
from readiness.rag import Rag


def rag_badge(rag: str | None, size: str = "1rem") -> str:
    """An HTML badge such as '✖ Red' on a red ground; a dash when there is no status."""
    if not rag:
        return "—"
    background, text = RAG_COLOURS[rag]
    return (
        f'<span class="rag-badge" style="background:{background};color:{text};'
        f"padding:0.1em 0.55em;border-radius:0.4em;font-weight:700;font-size:{size};"
        f'white-space:nowrap">{html.escape(Rag(rag).label)}</span>'
    )


def _cell_style(label: str) -> str:
    for rag in Rag:
        if isinstance(label, str) and label.endswith(rag.word):
            background, text = RAG_COLOURS[rag.value]
            return f"background-color: {background}; color: {text}; font-weight: 700"
    return ""


def style_rag(frame: pd.DataFrame, column: str = "Status"):
    """A Styler that fills `column` (holding labels like '▲ Amber') with its RAG colour."""
    if column not in frame:
        return frame
    return frame.style.map(_cell_style, subset=[column])
