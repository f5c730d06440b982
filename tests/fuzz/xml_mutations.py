"""Mutations: the workbook and document XML itself (cells and rows that lie, entities, deep
nesting).
"""

from __future__ import annotations

import random
import re

from openpyxl.utils import get_column_letter

from tests.fuzz.base_plans import LAYOUTS
from tests.fuzz.planned import (
    BASE_ZIPS,
    Planned,
    ext_of,
    mutation,
    with_part,
    with_sheet_xml,
    xml_cell_build,
)
from tests.fuzz.targets import REQUIRED_ROLES, ROLES, cell_for_role, cell_ref


@mutation("xml-cell-lies")
def _xml_cell_lies(rng: random.Random) -> Planned:
    layout = rng.choice(LAYOUTS)
    role = rng.choice(ROLES)
    row, column = cell_for_role(rng, layout, role)
    ref = cell_ref(row, column)
    lies = {
        "number-holding-text": f'<c r="{ref}" t="n"><v>abc</v></c>',
        "number-overflow": f'<c r="{ref}"><v>1e999</v></c>',
        "shared-string-out-of-range": f'<c r="{ref}" t="s"><v>99999</v></c>',
        "shared-string-negative": f'<c r="{ref}" t="s"><v>-1</v></c>',
        "unknown-error": f'<c r="{ref}" t="e"><v>#BOGUS!</v></c>',
        "boolean-two": f'<c r="{ref}" t="b"><v>2</v></c>',
        "iso-date-garbage": f'<c r="{ref}" t="d"><v>not-a-date</v></c>',
        "iso-date-year-0": f'<c r="{ref}" t="d"><v>0000-00-00T00:00:00</v></c>',
        "inline-string-empty": f'<c r="{ref}" t="inlineStr"/>',
        "inline-string": f'<c r="{ref}" t="inlineStr"><is><t>Inline text</t></is></c>',
        "unknown-type": f'<c r="{ref}" t="zz"><v>1</v></c>',
        "ref-row-zero": f'<c r="{get_column_letter(column)}0"><v>1</v></c>',
        "ref-past-last-column": f'<c r="XFE{row}"><v>1</v></c>',
        "ref-past-last-row": '<c r="A1048577"><v>1</v></c>',
        "ref-garbage": '<c r="!!"><v>1</v></c>',
        "duplicate-cell": f'<c r="{ref}" t="inlineStr"><is><t>One</t></is></c>'
        f'<c r="{ref}" t="inlineStr"><is><t>Two</t></is></c>',
        "style-out-of-range": f'<c r="{ref}" s="9999"><v>46000</v></c>',
    }
    name = rng.choice(sorted(lies))
    garbage = "#BOGUS!" if name == "unknown-error" and role in REQUIRED_ROLES else None
    build = xml_cell_build(layout, ref, lies[name])
    return Planned(f"xlsx-{layout}-{role}-{ref}-{name}", ".xlsx", build, garbage=garbage)


@mutation("xml-row-lies")
def _xml_row_lies(rng: random.Random) -> Planned:
    layout = rng.choice(LAYOUTS)
    how = rng.choice(("row-zero", "row-huge", "rows-reversed", "shared-strings-count-huge"))

    def build(bases, r):
        data = bases.xlsx(layout)
        if how == "shared-strings-count-huge":
            return with_part(
                data,
                "xl/sharedStrings.xml",
                lambda body: re.sub(rb'(count|uniqueCount)="\d+"', rb'\1="4294967295"', body),
            )
        if how == "row-zero":
            return with_sheet_xml(data, lambda xml: xml.replace(b'<row r="2"', b'<row r="0"', 1))
        if how == "row-huge":
            return with_sheet_xml(
                data, lambda xml: xml.replace(b'<row r="2"', b'<row r="99999999"', 1)
            )

        def reverse(xml: bytes) -> bytes:
            rows = re.findall(rb"<row .*?</row>", xml, flags=re.S)
            start, end = xml.index(rows[0]), xml.rindex(rows[-1]) + len(rows[-1])
            return xml[:start] + b"".join(reversed(rows)) + xml[end:]

        return with_sheet_xml(data, reverse)

    return Planned(f"xlsx-{layout}-{how}", ".xlsx", build)


_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "' + f"&lol{n - 1 if n > 1 else ''};" * 10 + '">' for n in range(1, 10)
    )
    + "]>"
)
_XXE = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


@mutation("xml-entities")
def _xml_entities(rng: random.Random) -> Planned:
    base = rng.choice(BASE_ZIPS)
    how = rng.choice(("billion-laughs", "external-entity"))
    docx_file = base.endswith(".docx")
    part = rng.choice(
        ("word/document.xml",) if docx_file else ("xl/sharedStrings.xml", "xl/workbook.xml")
    )
    doctype, reference = (_LAUGHS, "&lol9;") if how == "billion-laughs" else (_XXE, "&xxe;")

    def build(bases, r):
        def change(body):
            text = body.decode("utf-8")
            declaration = re.match(r"<\?xml[^>]*\?>\s*", text)
            head = declaration.group(0) if declaration else ""
            text = head + doctype + text[len(head) :]
            closing = "</w:t>" if docx_file else ("</t>" if "sharedStrings" in part else None)
            if closing:
                spot = text.index(closing)
                text = text[:spot] + reference + text[spot:]
            else:  # the workbook: in a sheet's name
                text = re.sub(r'(<sheet [^>]*name=")', r"\g<1>" + reference, text, count=1)
            return text.encode("utf-8")

        return with_part(bases.base(base), part, change)

    garbage = "root:x:0:0" if how == "external-entity" else None
    return Planned(f"{base}-{part}-{how}", ext_of(base), build, garbage=garbage)


@mutation("xml-deep-nesting")
def _xml_deep(rng: random.Random) -> Planned:
    base = rng.choice(BASE_ZIPS)
    depth = rng.choice((200, 300, 10_000, 100_000))
    docx_file = base.endswith(".docx")
    part = (
        "word/document.xml"
        if docx_file
        else rng.choice(("xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/sharedStrings.xml"))
    )

    def build(bases, r):
        def change(body):
            if docx_file:
                tag, where = "w:r", b"</w:p>"
            elif part.endswith("sheet1.xml"):
                tag, where = "extLst", b"</worksheet>"
            elif part.endswith("workbook.xml"):
                tag, where = "extLst", b"</workbook>"
            else:
                tag, where = "r", b"</si>"
            nest = (f"<{tag}>" * depth + f"</{tag}>" * depth).encode()
            spot = body.index(where)
            return body[:spot] + nest + body[spot:]

        return with_part(bases.base(base), part, change)

    return Planned(f"{base}-{part}-depth-{depth}", ext_of(base), build)
