"""The board pack's font: one with the status symbols (✔ ● ▲ ✖ ○, the arrows), embedded in the
PDF so the symbols show and read back as the characters they are.

PDF's built-in fonts have none of these symbols, so a TrueType font is embedded: DejaVu Sans,
found where Linux, macOS and Windows install it. Without it the pack falls back to Bitstream
Vera, which ReportLab ships, and leaves out what Vera cannot draw: the symbols, never the words
beside them, so no status is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from readiness.text import visible

# Where DejaVu Sans is installed: Debian and Ubuntu (fonts-dejavu-core), Fedora, Arch, a user's
# own fonts, macOS, Windows.
FONT_FOLDERS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu-sans-fonts",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
    "~/.local/share/fonts",
    "~/Library/Fonts",
    "/Library/Fonts",
    "C:/Windows/Fonts",
)
DEJAVU = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
VERA = ("Vera.ttf", "VeraBd.ttf")  # in ReportLab's own fonts folder, found by name


@dataclass(frozen=True)
class PackFonts:
    regular: str  # the registered names
    bold: str
    glyphs: frozenset[int]  # the code points the regular font can draw

    def drawable(self, text: object) -> str:
        """The text less any character the font cannot draw (a box would show instead), and
        less invisible ones: a zero-width or word-joining character inside a figure ("25.2%")
        would be copied out of the PDF into a briefing paper with it."""
        text = visible(str(text))
        if all(ord(c) in self.glyphs for c in text):
            return text
        return "".join(c for c in text if ord(c) in self.glyphs or c.isspace()).strip()


def _dejavu() -> tuple[str, str] | None:
    for folder in FONT_FOLDERS:
        found = [Path(folder).expanduser() / name for name in DEJAVU]
        if all(path.is_file() for path in found):
            return str(found[0]), str(found[1])
    return None


@cache
def pack_fonts() -> PackFonts:
    """Register the pack's regular and bold fonts with ReportLab (once) and name them."""
    files = _dejavu() or VERA
    try:
        regular, bold = TTFont("PackSans", files[0]), TTFont("PackSans-Bold", files[1])
    except TTFError:  # a damaged or unreadable DejaVu file: the pack still gets written
        regular, bold = TTFont("PackSans", VERA[0]), TTFont("PackSans-Bold", VERA[1])
    for font in (regular, bold):
        pdfmetrics.registerFont(font)
    pdfmetrics.registerFontFamily(
        "PackSans",
        normal="PackSans",
        bold="PackSans-Bold",
        italic="PackSans",
        boldItalic="PackSans-Bold",
    )
    return PackFonts("PackSans", "PackSans-Bold", frozenset(regular.face.charToGlyph))
