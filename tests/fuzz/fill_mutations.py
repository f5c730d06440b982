"""Mutations: a status shown by the cell's fill colour, written every way a file can get it
wrong (colours out of range or not colours, formats naming fills that do not exist, a damaged
theme, entities in the styles), on an emptied status cell; and the same on a Word cell's shading.
"""

from __future__ import annotations

import random
import re

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from tests.fuzz.base_plans import LAYOUTS, save_document, zip_members
from tests.fuzz.planned import Planned, mutation, with_parts
from tests.fuzz.targets import cell_for_role, cell_ref

# A fill's colour as a workbook may write it: lies about the colour itself.
_COLOURS = {
    "theme-out-of-range": '<fgColor theme="99"/>',
    "indexed-out-of-range": '<fgColor indexed="999"/>',
    "tint-garbage": '<fgColor theme="5" tint="abc"/>',
    "tint-huge": '<fgColor rgb="FFFF0000" tint="1e308"/>',
    "rgb-garbage": '<fgColor rgb="ZZZZZZZZ"/>',
    "rgb-short": '<fgColor rgb="F0"/>',
    "no-colour": "",
    "red": '<fgColor rgb="FFFF0000"/>',
}
# Lies about the formats and parts around a good (red) fill.
_AROUND = (
    "fill-id-garbage",
    "fill-id-out-of-range",
    "theme-part-garbage",
    "styles-entities",
    "styles-unclosed",
)
_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(8)
    )
    + b"]>"
)


@mutation("status-fill-lies")
def _status_fill_lies(rng: random.Random) -> Planned:
    layout = rng.choice(LAYOUTS)
    how = rng.choice(sorted(_COLOURS) + list(_AROUND))
    row, column = cell_for_role(rng, layout, "status")
    ref = cell_ref(row, column)
    colour = _COLOURS.get(how, _COLOURS["red"])
    fill = f'<fill><patternFill patternType="solid">{colour}</patternFill></fill>'.encode()

    def styles(body: bytes) -> bytes:
        """The styles with the fill added, and a cell format (the last) naming it."""
        fills = body.count(b"<fill>")
        fill_id = {"fill-id-garbage": "x", "fill-id-out-of-range": "99999"}.get(how, fills)
        body = body.replace(b"</fills>", fill + b"</fills>", 1)
        body = body.replace(b"</cellXfs>", f'<xf fillId="{fill_id}"/></cellXfs>'.encode(), 1)
        if how == "styles-entities":
            body = _LAUGHS + re.sub(rb"^<\?xml[^>]*\?>", b"", body)
            body = body.replace(b"</fills>", b"<x>&i;</x></fills>", 1)
        return body[: len(body) // 2] if how == "styles-unclosed" else body

    def build(bases, r):
        data = bases.xlsx(layout)
        members = dict(zip_members(data))
        cells = members["xl/styles.xml"]
        xf = cells[cells.find(b"<cellXfs") :].count(b"<xf ")  # the added format's number
        empty = f'<c r="{ref}" s="{xf}"/>'.encode()
        pattern = rf'<c r="{ref}"(?:[^>]*/>|[^>]*>.*?</c>)'.encode()

        def change(name: str, body: bytes) -> bytes:
            if name == "xl/styles.xml":
                return styles(body)
            if name == "xl/theme/theme1.xml" and how == "theme-part-garbage":
                return b"<a:theme><a:themeElements><a:clrScheme><a:dk1>"
            if name == "xl/worksheets/sheet1.xml":
                return re.sub(pattern, empty, body, count=1, flags=re.S)
            return body

        return with_parts(data, change)

    return Planned(f"xlsx-{layout}-{ref}-{how}", ".xlsx", build)


@mutation("word-shading-lies")
def _word_shading_lies(rng: random.Random) -> Planned:
    values = ("FF0000", "auto", "", "ZZZZZZ", "F0", "FF0000FF00", "#00B050", "0070c0")
    fill = rng.choice(values)
    solid = rng.random() < 0.5

    def build(bases, r):
        document = bases.document()
        table = document.tables[0]
        for row in table.rows[1:]:
            cell = row.cells[-1]
            shading = OxmlElement("w:shd")
            shading.set(qn("w:val"), "solid" if solid else "clear")
            shading.set(qn("w:color" if solid else "w:fill"), fill)
            cell._tc.get_or_add_tcPr().append(shading)
        return save_document(document)

    return Planned(f"docx-{'solid' if solid else 'clear'}-{fill or 'empty'}", ".docx", build)
