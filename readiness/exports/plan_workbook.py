"""Export the plan to a committee-ready Excel workbook: the canonical columns (so it imports back
unchanged) plus the RAG colour as fill and word, the last update date and days overdue.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from readiness.exports.cells import write_cell, write_row
from readiness.framework import AREA_SHORT_LABELS
from readiness.kpi.indicators import BY_ID
from readiness.palette import RAG_COLOURS, Rag
from readiness.plan.canonical import CANONICAL_COLUMNS
from readiness.plan.records import PlanData
from readiness.plan.status import PlanStatus
from readiness.text import format_date
from readiness.vocabulary import ACTION_STATUS_LABELS

EXTRA_COLUMNS = (("RAG", 12), ("Why", 45), ("Last update", 13), ("Days overdue", 10))
# Column widths in characters by canonical key; any other column is 13 wide.
WIDTHS = {
    "ref": 8,
    "kind": 6,
    "recommendation": 45,
    "judgement_areas": 22,
    "theme": 35,
    "action": 55,
    "service_leads": 24,
    "other_leads": 24,
    "due_text": 20,
    "recovery_note": 40,
    "progress_note": 50,
    "evidence": 35,
}
HEADER_ROW = 3  # row 1 is the title, row 2 is blank


def _canonical_row(action, theme, rec) -> dict:
    last = action.updates[-1] if action.updates else None
    # The latest revision, as the progress note is the latest entry: the file holds the plan as
    # stored, and imports back to it (readiness.plan.importing.revisions).
    revision = action.latest_revision
    return {
        "ref": rec.ref,
        "kind": rec.kind,
        "recommendation": rec.text,
        "judgement_areas": ", ".join(AREA_SHORT_LABELS[a] for a in rec.areas),
        "theme": theme.text,
        "action": action.text,
        "service_leads": " / ".join(action.service_leads),
        "other_leads": " / ".join(action.other_leads),
        "start": action.start,
        "due": action.due,
        "due_text": action.due_text,
        "revised_due": revision.revised_due if revision else None,
        "recovery_note": revision.text if revision else None,
        "status": ACTION_STATUS_LABELS.get(action.status, action.status),
        "completed": action.completed,
        "progress_note": last.text if last else None,
        "progress_date": last.recorded_on if last else None,
        "evidence": action.evidence,
        "indicators": ", ".join(BY_ID[i].name if i in BY_ID else i for i in action.indicators),
    }


def build_workbook(plan: PlanData, status: PlanStatus) -> Workbook:
    """The whole plan (all leads) as one sheet, one row per action, in plan order."""
    themes = {t.id: t for t in plan.themes}
    recs = {r.id: r for r in plan.recommendations}
    rags = status.actions.set_index("action_id")
    book = Workbook()
    sheet = book.active
    sheet.title = "Plan"
    headings = [c.heading for c in CANONICAL_COLUMNS] + [h for h, _ in EXTRA_COLUMNS]
    named = " ".join(part for part in (plan.council, plan.title) if part)
    title = write_cell(sheet, 1, 1, f"{named} – as at {format_date(status.as_at)}")
    title.font = Font(bold=True, size=14)
    wrap = Alignment(wrap_text=True, vertical="top")
    for cell in write_row(sheet, HEADER_ROW, headings):
        cell.font = Font(bold=True)
        cell.alignment = wrap
    for row_number, action in enumerate(plan.actions, start=HEADER_ROW + 1):
        theme = themes[action.theme_id]
        values = _canonical_row(action, theme, recs[theme.recommendation_id])
        rag = rags.loc[action.id]
        days_overdue = rag["days_overdue"]
        cells = [values[c.key] for c in CANONICAL_COLUMNS] + [
            Rag(rag["rag"]).label,
            rag["reason"],
            rag["last_update"],
            None if pd.isna(days_overdue) else int(days_overdue),
        ]
        for cell in write_row(sheet, row_number, cells):
            cell.alignment = wrap
        fill, font = (colour.lstrip("#").upper() for colour in RAG_COLOURS[rag["rag"]])
        rag_cell = sheet.cell(row_number, len(CANONICAL_COLUMNS) + 1)
        rag_cell.fill = PatternFill("solid", start_color=fill, end_color=fill)
        rag_cell.font = Font(bold=True, color=font)
    widths = [WIDTHS.get(c.key, 13) for c in CANONICAL_COLUMNS] + [w for _, w in EXTRA_COLUMNS]
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(headings))}{sheet.max_row}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    return book


def export_plan(plan: PlanData, status: PlanStatus, path: Path | None = None) -> bytes:
    """Write the workbook to `path` (if given) and return its bytes (for a download button)."""
    buffer = BytesIO()
    build_workbook(plan, status).save(buffer)
    data = buffer.getvalue()
    if path is not None:
        Path(path).write_bytes(data)
    return data
