"""Mutations: one cell of the plan (formulas, error values, huge or odd text, wrong types, bad
dates, blanks, stray cells far from the table).
"""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta
from datetime import time as clock

from openpyxl.styles import PatternFill

from tests.fuzz.base_plans import LAYOUTS, save_book
from tests.fuzz.planned import (
    BASE_ZIPS,
    Planned,
    ext_of,
    mutation,
    with_part,
    with_sheet_xml,
    xml_cell_build,
)
from tests.fuzz.targets import (
    CANONICAL_COLUMN,
    CANONICAL_DATA_ROWS,
    EXCEL_ERRORS,
    FORMULAS,
    ODD_TEXT,
    REQUIRED_ROLES,
    ROLES,
    TEXT_ROLES,
    cell_detail,
    cell_for_role,
    cell_ref,
    huge_text,
    pick_format,
    set_cell,
)


def _pick_cell(rng: random.Random, roles=ROLES) -> tuple[str, str, str, int, int]:
    """A (format, layout, role, row, column): a cell of any format holding one of `roles`."""
    fmt, layout = pick_format(rng)
    role = rng.choice(roles)
    return fmt, layout, role, *cell_for_role(rng, layout, role)


@mutation("formula")
def _formula(rng: random.Random) -> Planned:
    fmt, layout, role, row, column = _pick_cell(rng)
    name = rng.choice(sorted(FORMULAS))
    as_text = fmt == "xlsx" and rng.random() < 0.4
    what = f"{name}-as-text" if as_text else name
    build = set_cell(fmt, layout, row, column, FORMULAS[name], data_type="s" if as_text else None)
    return Planned(cell_detail(fmt, layout, role, row, column, what), f".{fmt}", build)


@mutation("formula-cached-value")
def _formula_cached(rng: random.Random) -> Planned:
    layout = rng.choice(LAYOUTS)
    role = rng.choice(TEXT_ROLES)
    row, column = cell_for_role(rng, layout, role)
    ref = cell_ref(row, column)
    cached = rng.choice(
        (
            f'<c r="{ref}" t="str"><f>CONCAT("Run ","the workshop")</f><v>Run the workshop</v></c>',
            f'<c r="{ref}" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
            f'<c r="{ref}"><f>1+1</f><v>2</v></c>',
            f'<c r="{ref}" t="str"><f>A1</f></c>',
            f'<c r="{ref}" t="b"><f>TRUE()</f><v>1</v></c>',
        )
    )
    what = re.sub(r".*<f>([^<]*)</f>.*", r"\1", cached)
    garbage = "#DIV/0!" if "#DIV/0!" in cached and role in REQUIRED_ROLES else None
    build = xml_cell_build(layout, ref, cached)
    return Planned(f"xlsx-{layout}-{role}-{ref}-{what}", ".xlsx", build, garbage=garbage)


@mutation("error-value")
def _error_value(rng: random.Random) -> Planned:
    fmt, layout, role, row, column = _pick_cell(rng)
    error = rng.choice(EXCEL_ERRORS)
    build = set_cell(fmt, layout, row, column, error, data_type="e" if fmt == "xlsx" else None)
    garbage = error if role in REQUIRED_ROLES else None
    return Planned(
        cell_detail(fmt, layout, role, row, column, error), f".{fmt}", build, garbage=garbage
    )


@mutation("huge-cell")
def _huge_cell(rng: random.Random) -> Planned:
    fmt, layout, role, row, column = _pick_cell(rng)
    length = rng.choice((10_000, 10_000, 32_767, 32_768, 100_000))
    style = rng.choice(("words", "no-spaces", "many-lines"))
    build = set_cell(fmt, layout, row, column, lambda r: huge_text(r, length, style))
    what = f"{length}-chars-{style}"
    return Planned(cell_detail(fmt, layout, role, row, column, what), f".{fmt}", build)


@mutation("odd-characters")
def _odd_characters(rng: random.Random) -> Planned:
    fmt, layout, role, row, column = _pick_cell(rng)
    name = rng.choice(sorted(ODD_TEXT))
    build = set_cell(fmt, layout, row, column, ODD_TEXT[name])
    return Planned(cell_detail(fmt, layout, role, row, column, name), f".{fmt}", build)


@mutation("control-characters-raw-xml")
def _raw_control(rng: random.Random) -> Planned:
    """Control characters written straight into the XML, which XML 1.0 forbids."""
    base = rng.choice(BASE_ZIPS)
    how = rng.choice(("raw-bytes", "char-reference", "nul-byte"))
    insert = {"raw-bytes": b"\x01\x07\x1b", "char-reference": b"&#1;&#x7;", "nul-byte": b"\x00"}[
        how
    ]
    part = "word/document.xml" if base.endswith(".docx") else "xl/sharedStrings.xml"
    closing = b"</w:t>" if base.endswith(".docx") else b"</t>"

    def build(bases, r):
        def change(body):
            spots = [m.start() for m in re.finditer(re.escape(closing), body)]
            spot = r.choice(spots)
            return body[:spot] + insert + body[spot:]

        return with_part(bases.base(base), part, change)

    return Planned(f"{base}-{how}", ext_of(base), build)


@mutation("wrong-type-value")
def _wrong_type(rng: random.Random) -> Planned:
    layout = rng.choice(LAYOUTS)
    role = rng.choice(ROLES)
    row, column = cell_for_role(rng, layout, role)
    values = {
        "true": True,
        "false": False,
        "zero": 0,
        "pi": 3.14159,
        "negative": -1,
        "huge-float": 1e308,
        "date": datetime(2026, 3, 31),
        "time": clock(12, 30),
        "duration": timedelta(days=3, hours=4),
        "none-word": "None",
        "nan-word": "nan",
    }
    name = rng.choice(sorted(values))
    value = values[name]
    garbage = None
    if role in REQUIRED_ROLES and name in ("true", "false", "none-word", "nan-word"):
        garbage = {"true": "True", "false": "False", "none-word": "None", "nan-word": "nan"}[name]
    build = set_cell("xlsx", layout, row, column, value)
    return Planned(
        cell_detail("xlsx", layout, role, row, column, name), ".xlsx", build, garbage=garbage
    )


_BAD_DATES = (
    "31/02/2026",
    "29/02/2027",
    "00/00/0000",
    "32/13/2026",
    "2026-13-01",
    "31/12/9999",
    "01/01/0001",
    "1/1/1",
    "TBC",
    "Q5 2026",
    "next Tuesday",
    "99999",
    "-1",
    "2026-02-30T25:61:00",
)


@mutation("bad-date")
def _bad_date(rng: random.Random) -> Planned:
    fmt, layout = pick_format(rng)
    row, column = cell_for_role(rng, layout, "due")
    choice = rng.randrange(len(_BAD_DATES) + 3)
    if choice < len(_BAD_DATES):
        text = _BAD_DATES[choice]
        value = f"Finish the review by {text}" if layout == "committee" else text
        what = text
    elif fmt == "xlsx" and layout == "canonical":
        value = (datetime(9999, 12, 31), datetime(1900, 1, 1), datetime(1900, 2, 28))[
            choice - len(_BAD_DATES)
        ]
        what = f"{value:%Y-%m-%d}"
    else:
        value = what = "31/02/2026"
    build = set_cell(fmt, layout, row, column, value)
    return Planned(cell_detail(fmt, layout, "date", row, column, what), f".{fmt}", build)


SERIALS = ("-1", "0", "60", "2958466", "1e10", "1e308", "-1e308", "0.5", "NaN", "INF", "-INF")


@mutation("date-serial-out-of-range")
def _date_serial(rng: random.Random) -> Planned:
    row = rng.randint(*CANONICAL_DATA_ROWS)
    key = rng.choice(("start", "due"))
    return date_serial(row, key, rng.choice(SERIALS))


def date_serial(row: int, key: str, number: str) -> Planned:
    """A canonical plan whose date cell (row, column `key`), formatted as a date, holds `number`:
    no date Excel can show, or none at all."""
    column = CANONICAL_COLUMN[key]
    ref = cell_ref(row, column)

    def build(bases, r):
        book = bases.book("canonical")
        cell = book.worksheets[0].cell(row, column)
        cell.value = 12345
        cell.number_format = "DD/MM/YYYY"
        return with_sheet_xml(
            save_book(book),
            lambda xml: re.sub(
                rf'(<c r="{ref}"[^>]*><v>)[^<]*(</v>)'.encode(),
                rb"\g<1>" + number.encode() + rb"\2",
                xml,
            ),
        )

    label = number.replace("-", "minus-").replace(".", "point")
    return Planned(f"xlsx-canonical-{ref}-serial-{label}", ".xlsx", build)


@mutation("empty-required-cell")
def _empty_required(rng: random.Random) -> Planned:
    fmt, layout, role, row, column = _pick_cell(rng, REQUIRED_ROLES)
    build = set_cell(fmt, layout, row, column, None)
    return Planned(cell_detail(fmt, layout, role, row, column, "blank"), f".{fmt}", build)


@mutation("stray-cell")
def _stray_cell(rng: random.Random) -> Planned:
    fmt = rng.choice(("xlsx", "xlsx", "csv"))
    layout = rng.choice(LAYOUTS)
    if fmt == "csv":
        row, column = rng.choice(((5000, 1), (20, 3000), (200_000, 1), (1000, 16_384)))
        value = rng.choice(("x", " ", "0", "#REF!"))
        build = set_cell("csv", layout, row, column, value)
        return Planned(
            f"csv-{layout}-{cell_ref(row, column)}-{value.strip() or 'space'}", ".csv", build
        )
    ref = rng.choice(("XFD1048576", "Z200000", "A1048576", "XFD1", "AA5000", "T10003", "ZZ1000"))
    what = rng.choice(("x", "space", "zero", "error", "formatted-empty"))

    def build(bases, r):
        book = bases.book(layout)
        cell = book.worksheets[0][ref]
        if what == "formatted-empty":
            cell.fill = PatternFill("solid", fgColor="FFFF00")
        else:
            cell.value = {"x": "x", "space": " ", "zero": 0, "error": "#REF!"}[what]
        return save_book(book)

    return Planned(f"xlsx-{layout}-{ref}-{what}", ".xlsx", build)


@mutation("lying-dimension")
def _lying_dimension(rng: random.Random) -> Planned:
    """A stray cell far away, and a sheet that says it ends at the table (or says nothing)."""
    layout = rng.choice(LAYOUTS)
    ref = rng.choice(("XFD1048576", "Z200000", "A1048576", "CV20000"))
    claim = rng.choice(("A1:P6", "A1:A1", "none", "XFD1048576", "garbage"))

    def build(bases, r):
        book = bases.book(layout)
        book.worksheets[0][ref] = "x"
        data = save_book(book)
        replacement = b"" if claim == "none" else b'<dimension ref="' + claim.encode() + b'"/>'
        return with_sheet_xml(data, lambda xml: re.sub(rb"<dimension [^>]*/>", replacement, xml))

    return Planned(f"xlsx-{layout}-{ref}-dimension-{claim}", ".xlsx", build)
