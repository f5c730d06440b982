"""Cards for the Overview and the wall screen: the whole plan's colour and each judgement area's,
drawn as one block of HTML each (a grid of cards is one element to send, not twenty), every text
escaped."""

from __future__ import annotations

import html
import re

import pandas as pd

from components.labels import rag_badge
from components.tables import records
from readiness.plan.rag import URGENCY, Rollup
from readiness.text import plural

CARD_CSS = """
<style>
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 0.75rem; }
.card { border: 1px solid #d8dadc; border-radius: 0.5rem; padding: 0.75rem 1rem; }
.card h4 { margin: 0 0 0.4rem; font-size: 1.05rem; padding: 0; }
.card p { margin: 0.35rem 0 0; font-size: 0.9rem; color: #505a5f; }
</style>
"""


# A recommendation's title is a sentence; its short title is its words up to the first comma or
# "so that", at most TITLE_CHARS characters, cut between words and never on a little word.
TITLE_CHARS = 55
_CLAUSE = re.compile(r",|;| so that ")
_LITTLE = {"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"}


def short_title(text: str) -> str:
    """'Quality of written plans for children in need' for REC 1's sentence."""
    head = _CLAUSE.split(" ".join(text.split()), maxsplit=1)[0].rstrip(" .")
    head = re.sub(r"^the ", "", head, flags=re.IGNORECASE)
    if len(head) > TITLE_CHARS:
        words = head[: TITLE_CHARS + 1].split()[:-1]
        while len(words) > 1 and words[-1].lower() in _LITTLE:
            words.pop()
        head = " ".join(words) + "…"
    return head[:1].upper() + head[1:]


def _card(title: str, rag: str, size: str, lines: list[str]) -> str:
    text = "".join(f"<p>{html.escape(line)}</p>" for line in lines if line)
    return f'<div class="card"><h4>{html.escape(title)}</h4>{rag_badge(rag, size)}{text}</div>'


def overall_card(label: str, rollup: Rollup) -> str:
    return _card(label, rollup.rag.value, "1.6rem", [rollup.reason])


def area_cards(areas: pd.DataFrame, titles: dict[str, str] | None = None) -> str:
    """One card per judgement area: colour, % complete, the recommendations in it, counts, why.
    With `titles` (ref to title), each recommendation is named by its short title, not its ref:
    a room reading a wall screen does not know the refs."""
    cards = []
    for area in records(areas):
        done = "" if pd.isna(area["pct_complete"]) else f"{area['pct_complete']}% complete · "
        recs = area["recommendations"]
        if titles and recs:
            recs = "; ".join(short_title(titles[ref]) for ref in recs.split(", "))
        counts = " · ".join(f"{area[s.value]} {s.label.lower()}" for s in URGENCY[:4])
        cards.append(
            _card(
                area["label"],
                area["rag"],
                "1.2rem",
                [
                    f"{done}{recs or 'no recommendations'}",
                    f"{counts} · {plural(area['actions'], 'action')}",
                    area["reason"],
                ],
            )
        )
    return f'<div class="cards">{"".join(cards)}</div>'
