"""The lines of a report page as a reader sees them: body text and headings, page furniture dropped.

pypdf reports the font size of every run of text it extracts. Ofsted's reports set the running
footer (report title, dates), footnotes and footnote markers smaller than the body text (8-10pt
against 12pt) and headings larger (14pt), so the sizes sort them wherever they sit on the page:
a "What needs to improve?" point that runs over a page break reads on without the footer, the
footnote or the superscript "1" in between.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from pypdf import PageObject

# Runs set below 90% of the body size are furniture: footer 8pt, footnote 10pt, marker 9pt.
SMALL = 0.9
# Headings are set larger: 14pt judgement headings against 12pt body text.
LARGE = 1.1


@dataclass(frozen=True)
class Line:
    """One line of body text or a heading, with the 1-based page it is on."""

    page: int
    text: str
    heading: bool


def page_lines(page: PageObject, number: int) -> list[Line]:
    """The non-empty lines of `page` (page `number`), without footer, footnotes or page number."""
    runs: list[tuple[str, float]] = []

    def keep_run(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        runs.append((text, size * _scale(tm) * _scale(cm)))

    page.extract_text(visitor_text=keep_run)
    body = _body_size(runs)
    lines: list[Line] = []
    pieces: list[str] = []
    largest = 0.0

    def end_line() -> None:
        text = " ".join("".join(pieces).split())
        # A line holding only a number is the page number, set large in the footer.
        if text and not text.isdigit():
            lines.append(Line(number, text, largest >= LARGE * body))

    for text, size in runs:
        for index, piece in enumerate(text.split("\n")):
            if index:
                end_line()
                pieces, largest = [], 0.0
            if not piece.strip():
                pieces.append(piece)
            elif size >= SMALL * body:
                pieces.append(piece)
                largest = max(largest, size)
    end_line()
    return lines


def _scale(matrix: list[float]) -> float:
    """How much a text or transformation matrix enlarges text vertically."""
    return math.hypot(matrix[2], matrix[3])


def _body_size(runs: list[tuple[str, float]]) -> float:
    """The size most of the page's characters are set in."""
    sizes: Counter[float] = Counter()
    for text, size in runs:
        sizes[round(size, 1)] += len(text.strip())
    size, count = sizes.most_common(1)[0] if sizes else (0.0, 0)
    return size if count else 0.0
