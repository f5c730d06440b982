"""A cell's fill colour read as a RAG colour (Red, Amber, Green, Blue): how a plan shows an
action's status when its status cell is coloured and holds no word.

One rule (rag_colour) says which colours are which, by hue, so every way a file writes a colour
(a workbook's RGB, theme or indexed colours, with a tint; a Word cell's shading) is judged the
same. The hues are set around the colours councils pick to mean each (Excel's standard Red, Orange,
Yellow, Green, Light Green, Blue and Light Blue, and its cell styles Bad, Neutral and Good:
FFC7CE, FFEB9C, C6EFCE); a colour that is nearly grey, white or black, or purple or pink-violet,
means none of them.

A workbook's fills are in xl/styles.xml: each cell names a cell format (its s attribute), each
format a fill, each fill a colour. style_colours reads that file (small: one entry per format)
into the RAG colour of each format that has one, so a sheet's cells are then judged by their
format's number alone.
"""

from __future__ import annotations

import colorsys
import zipfile
from typing import NamedTuple
from xml.etree import ElementTree

RED, AMBER, GREEN, BLUE = "Red", "Amber", "Green", "Blue"
# Hue bands in degrees, [from, to): red wraps round 0. Orange and yellow are amber.
_HUES = ((0, 20, RED), (20, 66, AMBER), (66, 170, GREEN), (170, 260, BLUE), (340, 360, RED))
# A colour this grey (saturation), this dark or this pale (lightness) is no colour at all.
_MIN_SATURATION = 0.25
_DARKEST, _PALEST = 0.12, 0.95
# The theme's colour slots as a workbook's theme="n" counts them: Excel swaps the first two
# pairs against the theme file's order (dk1, lt1, dk2, lt2, ...).
_THEME_SLOTS = (
    "lt1",
    "dk1",
    "lt2",
    "dk2",
    "accent1",
    "accent2",
    "accent3",
    "accent4",
    "accent5",
    "accent6",
    "hlink",
    "folHlink",
)


class Fill(NamedTuple):
    """A cell's fill: the RAG colour it reads as, and its shade as drawn (RGB after the tint),
    which tells a status cell's colour from its row's (a pale-blue band and a blue cell are both
    Blue, and not the same fill)."""

    rag: str
    shade: str


def rag_colour(rgb: str | None, tint: float = 0.0) -> str | None:
    """The RAG colour an RGB colour ("FF0000", or "FFFF0000" with alpha first) reads as, after
    lightening (tint > 0) or darkening (tint < 0) as Excel does; None for any other colour or
    text that is not a colour."""
    found = fill_of(rgb, tint)
    return found.rag if found else None


def fill_of(rgb: str | None, tint: float = 0.0) -> Fill | None:
    """The fill an RGB colour makes (see rag_colour), or None if it is no RAG colour."""
    rgb = (rgb or "").strip().lstrip("#")[-6:]
    if len(rgb) != 6:
        return None
    try:
        red, green, blue = (int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    except ValueError:
        return None
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    if tint < 0:
        lightness *= 1 + max(tint, -1.0)
    elif tint > 0:
        lightness = lightness * (1 - min(tint, 1.0)) + min(tint, 1.0)
    if saturation < _MIN_SATURATION or not _DARKEST <= lightness <= _PALEST:
        return None
    degrees = hue * 360
    rag = next((name for low, high, name in _HUES if low <= degrees < high), None)
    if rag is None:
        return None
    shade = "".join(
        f"{round(v * 255):02X}" for v in colorsys.hls_to_rgb(hue, lightness, saturation)
    )
    return Fill(rag, shade)


def style_colours(archive: zipfile.ZipFile, styles: str, theme: str | None) -> dict[str, Fill]:
    """The fill of each cell format (by its number as the s attribute writes it) whose
    fill has one, from the workbook's styles part and theme part."""
    root = ElementTree.fromstring(archive.read(styles))
    fills = _children(root, "fills", "fill")
    formats = _children(root, "cellXfs", "xf")
    if not fills or not formats:
        return {}
    indexed = _children(root, "colors", "indexedColors")
    palette = [e.get("rgb", "") for e in indexed[0]] if indexed else []
    themes = _theme_colours(archive, theme) if theme else {}
    colours = [_fill_colour(fill, palette, themes) for fill in fills]
    found = {}
    for number, xf in enumerate(formats):
        fill_id = xf.get("fillId", "")
        if fill_id.isdecimal() and int(fill_id) < len(colours) and colours[int(fill_id)]:
            found[str(number)] = colours[int(fill_id)]
    return found


def _fill_colour(fill: ElementTree.Element, palette: list[str], themes: dict) -> Fill | None:
    """A solid fill, if a RAG colour (a patterned fill is a hatch over white, not a colour)."""
    pattern = next((e for e in fill if _local(e.tag) == "patternFill"), None)
    if pattern is None or pattern.get("patternType") != "solid":
        return None
    colour = next((e for e in pattern if _local(e.tag) == "fgColor"), None)
    if colour is None:
        return None
    try:
        tint = float(colour.get("tint", "0"))
    except ValueError:
        tint = 0.0
    if rgb := colour.get("rgb"):
        return fill_of(rgb, tint)
    theme = colour.get("theme", "")
    if theme.isdecimal() and int(theme) < len(_THEME_SLOTS):
        return fill_of(themes.get(_THEME_SLOTS[int(theme)]), tint)
    indexed = colour.get("indexed", "")
    if indexed.isdecimal():
        return fill_of(_indexed(int(indexed), palette), tint)
    return None


def _indexed(number: int, palette: list[str]) -> str | None:
    """An indexed colour: the workbook's own palette if it has one, else Excel's default."""
    if not palette:
        # Imported only here: few workbooks use indexed colours, and openpyxl takes a while.
        from openpyxl.styles.colors import COLOR_INDEX

        palette = list(COLOR_INDEX)
    return palette[number] if number < len(palette) else None


def _theme_colours(archive: zipfile.ZipFile, theme: str) -> dict[str, str]:
    """The theme's colour slots (dk1, lt1, accent1, ...) as RGB."""
    try:
        root = ElementTree.fromstring(archive.read(theme))
    except (KeyError, ElementTree.ParseError):  # a theme missing or damaged: no theme colours
        return {}
    found = {}
    for element in root.iter():
        if _local(element.tag) == "clrScheme":
            for slot in element:
                value = next(iter(slot), None)
                if value is not None:
                    found[_local(slot.tag)] = value.get("val") or value.get("lastClr", "")
            break
    return found


def _children(root: ElementTree.Element, group: str, item: str) -> list[ElementTree.Element]:
    parent = next((e for e in root if _local(e.tag) == group), None)
    return [] if parent is None else [e for e in parent if _local(e.tag) == item]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
