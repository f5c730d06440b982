"""The "What needs to improve?" points of an ILACS report, read from its lines.

Each point is a bullet. Since December 2025 each ends with a cross-reference to the children's
social care national framework, such as "(outcome 3, national framework)" or "(enabler:
leaders drive conditions for effective practice, national framework)" (domain.md §1.2). The list
ends at the next heading (the first judgement's), at a numbered paragraph, or at a line after a
point that has already closed with its cross-reference. Reading also stops at the first point
over report_limits' count or length: such a list is refused, and reading on would only cost.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from readiness.inspection.report_limits import MAX_POINT_CHARS, MAX_POINTS, points_refusal
from readiness.inspection.report_text import Line

_HEADING = re.compile(r"what needs to improve\s*\??\s*\d*", re.IGNORECASE)
_NUMBERED = re.compile(r"\d{1,3}\.\s")
# Bullets are Wingdings squares in these reports; other producers give a symbol or a
# private-use character for the same glyph, or a plain bullet.
_BULLETS = "•‣⁃▪■◼●◦"
_CROSS_REF = re.compile(
    r"\(\s*("
    r"[^()]*\bnational\s+framework"
    r"|(?:outcome|enabler|principle)s?\b[^()]*"
    r")\s*\)\s*\.?\s*$",
    re.IGNORECASE,
)
# "16- and 17-year-olds": a hyphen left hanging before "and", "or" or "to" keeps its space.
_SUSPENDED = re.compile(r"(?:and|or|to)\b")
_SOFT_HYPHEN = "\u00ad"


@dataclass(frozen=True)
class ImprovePoint:
    """One point: its words, its cross-reference as written, and the page it starts on."""

    text: str
    framework_ref: str | None
    page: int


@dataclass(frozen=True)
class PointsReading:
    """The points read so far, the page of the heading, and whether the list has ended."""

    points: tuple[ImprovePoint, ...]
    page: int | None
    ended: bool


def read_points(lines: list[Line]) -> PointsReading:
    """The points under the first "What needs to improve?" heading in `lines`."""
    start = next((i for i, line in enumerate(lines) if _HEADING.fullmatch(line.text)), None)
    if start is None:
        return PointsReading((), None, False)
    bullets: list[tuple[int, list[str]]] = []
    length = 0  # the characters of the last point so far, lines counted whole
    for line in lines[start + 1 :]:
        if line.heading or _NUMBERED.match(line.text):
            return PointsReading(_points(bullets), lines[start].page, True)
        if _is_bullet(line.text):
            bullets.append((line.page, [line.text[1:].strip()]))
            length = len(line.text)
        elif bullets and not _CROSS_REF.search(_join(bullets[-1][1])):
            bullets[-1][1].append(line.text)
            length += len(line.text) + 1
        elif bullets:
            return PointsReading(_points(bullets), lines[start].page, True)
        # Counted cheaply first, then as points (empty bullets dropped, lines joined).
        if len(bullets) > MAX_POINTS or length > MAX_POINT_CHARS:
            points = _points(bullets)
            if points_refusal(points):
                return PointsReading(points, lines[start].page, True)
    return PointsReading(_points(bullets), lines[start].page, False)


def _is_bullet(text: str) -> bool:
    first = text[:1]
    return bool(first) and (first in _BULLETS or unicodedata.category(first) in ("So", "Co"))


def _points(bullets: list[tuple[int, list[str]]]) -> tuple[ImprovePoint, ...]:
    return tuple(_point(page, _join(parts)) for page, parts in bullets if _join(parts))


def _point(page: int, text: str) -> ImprovePoint:
    ref = _CROSS_REF.search(text)
    if ref is None:
        return ImprovePoint(text, None, page)
    return ImprovePoint(text[: ref.start()].rstrip(), " ".join(ref.group(1).split()), page)


def _join(parts: list[str]) -> str:
    """The lines of one point as one line of text.

    A line ending in a hyphen is a compound word broken at its hyphen ("decision-" / "making"):
    Ofsted's reports are not hyphenated automatically, so the hyphen stays and no space is added.
    A soft hyphen is a word broken for the line only: it goes.
    """
    text = ""
    for part in parts:
        if text.endswith(_SOFT_HYPHEN):
            text = text[:-1] + part
        elif text.endswith("-") and text[-2:-1].isalnum() and not _SUSPENDED.match(part):
            text += part
        else:
            text = f"{text} {part}" if text else part
    return " ".join(text.replace(_SOFT_HYPHEN, "").split())
