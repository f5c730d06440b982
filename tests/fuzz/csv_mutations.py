"""Mutations: CSV files (encodings, dialects, quotes, NULs, huge fields, odd shapes)."""

from __future__ import annotations

import random

from tests.fuzz.base_plans import LAYOUTS, csv_bytes
from tests.fuzz.planned import EITHER, REFUSED, Planned, mutation
from tests.fuzz.targets import (
    CSV_CONTROL,
    TEXT_ROLES,
    cell_detail,
    cell_for_role,
    filler_words,
    huge_text,
    set_cell,
)

_NON_ASCII = "Children’s services – £250 café “plan”"


@mutation("csv-encoding")
def _csv_encoding(rng: random.Random) -> Planned:
    layout = rng.choice(LAYOUTS)
    encoding = rng.choice(
        (
            "utf-16",
            "utf-16-le",
            "utf-16-be",
            "utf-32",
            "cp1252",
            "latin-1",
            "mac_roman",
            "utf-8",
            "utf-8-stray-byte",
            "utf-8-cut-sequence",
            "utf-8-overlong",
            "shift_jis",
            "cp437",
        )
    )

    def build(bases, r):
        rows = bases.csv_rows(layout)
        data_rows = [i for i, row in enumerate(rows) if sum(1 for v in row if v) > 2][1:]
        target = rows[r.choice(data_rows)]
        column = r.randrange(1, 5)
        target[column] = f"{target[column]} {_NON_ASCII}"
        if encoding.startswith("utf-8-"):
            data = bytearray(csv_bytes(rows, encoding="utf-8"))
            spot = data.index("£".encode())
            bad = {
                "utf-8-stray-byte": b"\xff",
                "utf-8-cut-sequence": b"\xe2\x80",
                "utf-8-overlong": b"\xc0\xaf",
            }
            data[spot:spot] = bad[encoding]
            return bytes(data)
        return csv_bytes(rows, encoding=encoding, errors="replace")

    return Planned(f"{layout}-{encoding}", ".csv", build)


@mutation("csv-dialect")
def _csv_dialect(rng: random.Random) -> Planned:
    layout = rng.choice(LAYOUTS)
    how = rng.choice(
        (
            "semicolon",
            "tab",
            "pipe",
            "sep-line-semicolon",
            "cr-only",
            "lf-only",
            "mixed-newlines",
            "no-final-newline",
        )
    )

    def build(bases, r):
        rows = bases.csv_rows(layout)
        if how in ("semicolon", "tab", "pipe"):
            return csv_bytes(rows, delimiter={"semicolon": ";", "tab": "\t", "pipe": "|"}[how])
        if how == "sep-line-semicolon":
            return b"sep=;\r\n" + csv_bytes(rows, delimiter=";", encoding="utf-8")
        if how == "cr-only":
            return csv_bytes(rows, newline="\r")
        if how == "lf-only":
            return csv_bytes(rows, newline="\n")
        data = csv_bytes(rows)
        if how == "no-final-newline":
            return data.rstrip(b"\r\n")
        lines = data.split(b"\r\n")
        return b"".join(line + r.choice((b"\r\n", b"\n", b"\r")) for line in lines)

    return Planned(f"{layout}-{how}", ".csv", build)


@mutation("csv-quotes")
def _csv_quotes(rng: random.Random) -> Planned:
    layout = rng.choice(LAYOUTS)
    how = rng.choice(("unclosed-quote", "quote-inside-field", "quote-at-end"))

    def build(bases, r):
        lines = csv_bytes(bases.csv_rows(layout), encoding="utf-8").split(b"\r\n")
        number = r.randrange(2, len(lines) - 2)
        if how == "unclosed-quote":
            lines[number] = b'"' + lines[number]
        elif how == "quote-inside-field":
            lines[number] = lines[number].replace(b" ", b' "', 1)
        else:
            lines[number] = lines[number] + b'"'
        return b"\r\n".join(lines)

    return Planned(f"{layout}-{how}", ".csv", build)


@mutation("csv-nul")
def _csv_nul(rng: random.Random) -> Planned:
    layout = rng.choice(LAYOUTS)
    where = rng.choice(("in-first-100-bytes", "after-4096-bytes", "only-nuls-after-4096"))

    def build(bases, r):
        rows = bases.csv_rows(layout)
        if where == "in-first-100-bytes":
            data = csv_bytes(rows)
            return data[:50] + b"\x00" + data[50:]
        rows.append(["", "", "", "", filler_words(r, 5000)])
        data = csv_bytes(rows)
        if where == "after-4096-bytes":
            return data[:-20] + b"\x00" + data[-20:]
        return data + b"\x00" * 100

    return Planned(f"{layout}-{where}", ".csv", build)


@mutation("csv-huge-field")
def _csv_huge_field(rng: random.Random) -> Planned:
    layout = rng.choice(LAYOUTS)
    role = rng.choice(TEXT_ROLES)
    row, column = cell_for_role(rng, layout, role)
    length = rng.choice((100_000, 131_072, 131_073, 1_000_000))
    style = rng.choice(("words", "no-spaces"))
    build = set_cell("csv", layout, row, column, lambda r: huge_text(r, length, style))
    return Planned(cell_detail("csv", layout, role, row, column, f"{length}-chars"), ".csv", build)


@mutation("csv-control-characters")
def _csv_control(rng: random.Random) -> Planned:
    layout = rng.choice(LAYOUTS)
    role = rng.choice(TEXT_ROLES)
    row, column = cell_for_role(rng, layout, role)
    name = rng.choice(sorted(CSV_CONTROL))
    build = set_cell("csv", layout, row, column, CSV_CONTROL[name])
    return Planned(cell_detail("csv", layout, role, row, column, name), ".csv", build)


@mutation("csv-shapes")
def _csv_shapes(rng: random.Random) -> Planned:
    how = rng.choice(
        (
            "ragged-rows",
            "20000-columns",
            "200000-blank-lines",
            "comma-flood",
            "bom-only",
            "blank-lines-only",
            "headings-only",
        )
    )
    layout = rng.choice(LAYOUTS)
    expect = (
        REFUSED
        if how in ("comma-flood", "bom-only", "blank-lines-only", "headings-only")
        else EITHER
    )

    def build(bases, r):
        rows = bases.csv_rows(layout)
        if how == "ragged-rows":
            for row in rows:
                cut = r.randint(0, 4)
                del row[len(row) - cut :]
                row.extend(filler_words(r, 8) for _ in range(r.randint(0, 3)))
            return csv_bytes(rows)
        if how == "20000-columns":
            rows[-1].extend([""] * 20_000 + ["x"])
            return csv_bytes(rows)
        if how == "200000-blank-lines":
            return csv_bytes(rows) + b"\r\n" * 200_000 + b"x\r\n"
        if how == "comma-flood":
            return b"," * 2_500_000
        if how == "bom-only":
            return "\ufeff".encode()
        if how == "blank-lines-only":
            return b"\r\n" * 50
        return csv_bytes(rows[:1] if layout == "canonical" else rows[:3])

    return Planned(f"{layout}-{how}", ".csv", build, expect)
