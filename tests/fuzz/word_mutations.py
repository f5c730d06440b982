"""Mutations: Word documents (tables missing, many, nested or spanning)."""

from __future__ import annotations

import random
from copy import deepcopy

import docx
from docx.oxml.ns import qn

from tests.fuzz.base_plans import save_document
from tests.fuzz.planned import EITHER, REFUSED, Planned, mutation
from tests.fuzz.targets import document_cell


@mutation("docx-tables")
def _docx_tables(rng: random.Random) -> Planned:
    how = rng.choice(
        (
            "no-table",
            "only-small-table",
            "plan-table-removed",
            "300-tables-first",
            "3000-empty-rows",
            "merged-headings",
            "vmerge-continue-first",
        )
    )
    expect = REFUSED if how in ("no-table", "only-small-table", "plan-table-removed") else EITHER

    def build(bases, r):
        if how == "no-table":
            document = docx.Document()
            document.add_paragraph("Improvement plan: see the attached spreadsheet.")
            return save_document(document)
        document = bases.document()
        body = document.element.body
        plan = document.tables[1]
        if how == "only-small-table" or how == "plan-table-removed":
            body.remove(plan._tbl)
            if how == "only-small-table":
                body.remove(document.tables[0]._tbl)
                small = document.add_table(rows=2, cols=2)
                small.cell(0, 0).text = "Ref"
        elif how == "300-tables-first":
            for n in range(300):
                table = document.add_table(rows=1, cols=2)
                table.cell(0, 0).text = f"Note {n}"
                body.remove(table._tbl)
                plan._tbl.addprevious(table._tbl)
        elif how == "3000-empty-rows":
            empty = deepcopy(plan.rows[-1]._tr)
            for tc in empty.iterfind(".//{*}t"):
                tc.text = ""
            for _ in range(3000):
                plan._tbl.append(deepcopy(empty))
        elif how == "merged-headings":
            plan.cell(0, 0).merge(plan.cell(0, 1))
        else:
            properties = plan.cell(1, 1)._tc.get_or_add_tcPr()
            properties.append(properties.makeelement(qn("w:vMerge"), {}))
        return save_document(document)

    return Planned(how, ".docx", build, expect)


@mutation("docx-nested-tables")
def _docx_nested(rng: random.Random) -> Planned:
    depth = rng.choice((3, 40, 90))

    def build(bases, r):
        document = bases.document()
        cell = document_cell(document, 4, 5)
        for level in range(depth):
            inner = cell.add_table(rows=1, cols=1)
            cell = inner.cell(0, 0)
            cell.text = f"Nested action {level} by 31/03/2027"
        return save_document(document)

    return Planned(f"depth-{depth}", ".docx", build)


@mutation("docx-grid-span")
def _docx_grid_span(rng: random.Random) -> Planned:
    span = rng.choice((2, 7, 5000, 2_000_000_000))
    where = rng.choice(("heading", "action"))

    def build(bases, r):
        document = bases.document()
        row = 0 if where == "heading" else 2
        properties = document.tables[1].cell(row, 2)._tc.get_or_add_tcPr()
        element = properties.makeelement(qn("w:gridSpan"), {})
        element.set(qn("w:val"), str(span))
        properties.append(element)
        return save_document(document)

    return Planned(f"{where}-span-{span}", ".docx", build)
