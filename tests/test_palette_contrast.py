"""WCAG 2.2 AA contrast of every colour of text the app draws: each RAG badge's text on its
colour (readiness.palette, used by components.labels' badges, the tables and the Excel export),
and every text colour the app's style sheets set, on the background the same rule sets or on
the white page. Every pair must reach 4.5:1, the level for normal text: the badges are bold but
drawn at 0.85-1rem, under the 18.66 px of WCAG's "large bold text", so its 3:1 never applies.
"""

from __future__ import annotations

import re

import pytest

from components.board import BAR_CSS
from components.board_screens import SCREEN_CSS
from components.cards import CARD_CSS
from components.kpi_tiles import TILE_CSS
from components.labels import rag_badge
from components.layout import BOARD_CSS, PAGE_CSS
from components.tables import TABLE_CSS
from readiness.palette import RAG_COLOURS, Rag

AA_NORMAL = 4.5
PAGE = "#ffffff"
# Streamlit's body text (theme textColor, unset in .streamlit/config.toml), for rules that set a
# background and leave the text colour alone (a table's header row).
BODY_TEXT = "#31333f"
STYLE_SHEETS = {
    "PAGE_CSS": PAGE_CSS,
    "BOARD_CSS": BOARD_CSS,
    "TABLE_CSS": TABLE_CSS,
    "CARD_CSS": CARD_CSS,
    "TILE_CSS": TILE_CSS,
    "SCREEN_CSS": SCREEN_CSS,
    "BAR_CSS": BAR_CSS,
}
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_NOT_RULES = re.compile(r"/\*.*?\*/|</?style>", re.S)  # comments, and the tags around
_HEX = r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b"


def relative_luminance(colour: str) -> float:
    """WCAG 2.2's relative luminance of a #rrggbb or #rgb colour."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    """WCAG 2.2's contrast ratio of two colours, from 1 to 21."""
    lighter, darker = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize(
    ("one", "other", "ratio"),
    [("#000000", "#ffffff", 21.0), ("#ffffff", "#ffffff", 1.0), ("#777777", "#ffffff", 4.48)],
)
def test_contrast_matches_published_ratios(one, other, ratio):
    # #777 on white is the textbook near miss: 4.48:1, just under AA.
    assert contrast(one, other) == pytest.approx(ratio, abs=0.01)


@pytest.mark.parametrize("code", list(RAG_COLOURS))
def test_every_rag_badge_text_meets_aa_on_its_colour(code):
    background, text = RAG_COLOURS[code]
    ratio = contrast(background, text)
    assert ratio >= AA_NORMAL, f"{code}: {text} on {background} is {ratio:.2f}:1"
    # The badge draws exactly this pair, with the word and symbol on it.
    badge = rag_badge(code)
    assert f"background:{background};color:{text}" in badge
    assert Rag(code).label in badge


def text_pairs(css: str) -> list[tuple[str, str, str]]:
    """(selector, text colour, background) for every rule that sets a text colour or a
    background; the other comes from the page (white) or Streamlit's body text."""
    pairs = []
    for selector, body in _RULE.findall(_NOT_RULES.sub("", css)):
        declarations = dict(
            (name.strip(), value.strip())
            for name, _, value in (d.partition(":") for d in body.split(";"))
            if value
        )
        colour = re.findall(_HEX, declarations.get("color", ""))
        ground = re.findall(_HEX, declarations.get("background", ""))
        if colour or ground:
            text = colour[0] if colour else BODY_TEXT
            pairs.append((" ".join(selector.split()), text, ground[0] if ground else PAGE))
    return pairs


def test_the_style_sheets_are_read():
    # A check that finds nothing proves nothing: the known pairs are there.
    pairs = {p for css in STYLE_SHEETS.values() for p in text_pairs(css)}
    assert ("table.plan-table th", BODY_TEXT, "#f3f2f1") in pairs
    assert (".no-colour", "#0b0c0c", "#f3f2f1") in pairs
    assert ('[data-testid="stCaptionContainer"]', "#505a5f", PAGE) in pairs


@pytest.mark.parametrize("sheet", list(STYLE_SHEETS))
def test_every_text_colour_in_the_style_sheets_meets_aa(sheet):
    for selector, text, background in text_pairs(STYLE_SHEETS[sheet]):
        ratio = contrast(text, background)
        assert ratio >= AA_NORMAL, f"{sheet} {selector}: {text} on {background} is {ratio:.2f}:1"
