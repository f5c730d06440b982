"""The board pack: what a committee paper on the plan holds, as plain data (tables of words and
figures), worked out from the same status, indicators and prediction the app shows.

`board_pack(...)` takes plain data and reads no database, so the app's download button and the
`board-pack` command build the same pack; `board_pack_pdf.write_pdf` and
`board_pack_xlsx.write_xlsx` write it. A colour is always carried with its symbol and word
(`Status`), so neither writer can show it by colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from readiness.board.pack_indicators import (
    IndicatorTrend,
    indicators_table,
    pressing_trends,
)
from readiness.board.pack_inspection import (
    checklist_line,
    inspection_table,
    next_inspection_line,
    published_window_line,
)
from readiness.board.pack_overdue import OverdueByLead, overdue_by_lead
from readiness.board.pack_tables import (
    Column,
    Status,
    Table,
    percent,
    rag_status,
)
from readiness.framework import Framework, JudgementArea
from readiness.inspection.checklist import ChecklistSummary
from readiness.inspection.predict import Prediction
from readiness.kpi.positions import KpiStatus
from readiness.plan.rag import URGENCY
from readiness.plan.records import PlanData
from readiness.plan.status import PlanStatus
from readiness.text import format_date, plural


class UnknownAreaError(ValueError):
    """A judgement area that the framework in force does not grade."""


def find_area(framework: Framework, wanted: str) -> JudgementArea:
    """The area named by its code or its label ("help_protection", "Help and protection"),
    ignoring case; UnknownAreaError, listing the known ones, otherwise."""
    key = " ".join(wanted.replace("_", " ").split()).casefold()
    for area in framework.areas:
        names = (area.code.replace("_", " "), area.short_label, area.title)
        if key in (name.casefold() for name in names):
            return area
    known = "; ".join(f"{a.code} ({a.short_label})" for a in framework.areas)
    raise UnknownAreaError(f"No judgement area {wanted!r} in {framework.name}. Known: {known}.")


@dataclass(frozen=True)
class AreaSection:
    code: str
    label: str
    title: str
    position: Status
    reason: str
    recommendations: Table
    indicators: Table
    trends: tuple[IndicatorTrend, ...]


@dataclass(frozen=True)
class BoardPack:
    council: str
    plan_title: str
    as_at: date
    since: date | None
    scope: str  # whose actions and which areas the pack covers, in words
    summary: Table  # the cover's facts, one per row
    counts: Table
    areas_summary: Table
    areas: tuple[AreaSection, ...]
    overdue: OverdueByLead
    inspection: Table
    inspection_reasons: tuple[str, ...]
    changes: tuple[str, ...] | None

    @property
    def title(self) -> str:
        return f"{self.council}: inspection readiness board pack"

    @property
    def dated(self) -> str:
        return f"As at {format_date(self.as_at)}"

    @property
    def full_title(self) -> str:
        """The title with its date, as a document or sheet is named."""
        return f"{self.title}, as at {format_date(self.as_at)}"

    @property
    def changes_heading(self) -> str:
        return f"Changed since {format_date(self.since)}" if self.since else "Changed"


_RECOMMENDATION_COLUMNS = (
    Column("Ref", 8),
    Column("Recommendation", 57),
    Column("Status", 12),
    Column("Overdue", 11),
    Column("Complete", 12),
)


def _done(reason: str, pct_complete, actions: int) -> str:
    """Why a part of the plan has its colour, and how much of it is complete."""
    return f"{reason}; {percent(pct_complete)} of {plural(actions, 'action')} complete"


def _recommendations(status: PlanStatus, area: JudgementArea) -> pd.DataFrame:
    recs = status.recommendations
    return recs[[bool(set(tags) & set(area.covers)) for tags in recs["areas"]]]


def _area_section(status: PlanStatus, area: JudgementArea, kpis: KpiStatus | None) -> AreaSection:
    row = status.areas.set_index("area").loc[area.code]
    recs = _recommendations(status, area)
    rec_rows = tuple(
        (r["ref"], r["title"], rag_status(r["rag"]), r["overdue"], percent(r["pct_complete"]))
        for r in recs.to_dict("records")
    )
    positions = [p for p in (kpis.positions if kpis else ()) if p.indicator.area in area.covers]
    return AreaSection(
        code=area.code,
        label=area.short_label,
        title=area.title,
        position=rag_status(row["rag"]),
        reason=_done(row["reason"], row["pct_complete"], int(row["actions"])),
        recommendations=Table("Recommendations", _RECOMMENDATION_COLUMNS, rec_rows),
        indicators=indicators_table(positions),
        trends=pressing_trends(kpis, positions) if kpis else (),
    )


def _scope(status: PlanStatus, area: JudgementArea | None) -> str:
    """Whose actions and which areas the pack covers, in words."""
    who = f"The actions led by {status.lead}" if status.lead else "Every lead officer's actions"
    where = f"the {area.short_label} judgement area" if area else "every judgement area"
    return f"{who}, in {where}"


def _position_label(status: PlanStatus, area: JudgementArea | None) -> str:
    """What the cover's colour is of: the area, the lead's actions, or the whole plan (never
    "Whole plan" for a pack narrowed to one lead)."""
    mine = f"actions led by {status.lead}" if status.lead else ""
    if area:
        return f"{area.short_label}: {mine}" if mine else area.short_label
    return mine[0].upper() + mine[1:] if mine else status.overall_label


def board_pack(
    plan: PlanData,
    status: PlanStatus,
    kpis: KpiStatus | None,
    prediction: Prediction,
    *,
    checklist: ChecklistSummary,
    council: str,
    area: str | None = None,
    since: date | None = None,
    changes: Sequence[str] | None = None,
) -> BoardPack:
    """The pack as at `status.as_at`, for `status.lead`'s actions (plan_status's lead filter)
    and, with `area` (a code or label), one judgement area; `kpis` None when none are loaded;
    `checklist` the readiness checklist at the as-at date (readiness.inspection.checklist).

    `changes` is the hook for the "changed since `since`" summary: lines the caller works out
    (readiness.board.changes_since, when it lands) and passes in; None leaves the section out.
    UnknownAreaError for an area the framework in force does not grade."""
    chosen = find_area(status.framework, area) if area else None
    areas = [chosen] if chosen else list(status.framework.areas)
    if chosen:
        row = status.areas.set_index("area").loc[chosen.code]
        colour, reason = row["rag"], row["reason"]
        counts = {state.value: int(row[state.value]) for state in URGENCY}
        total, done = int(row["actions"]), row["pct_complete"]
        refs = set(_recommendations(status, chosen)["ref"])
    else:
        overall = status.overall
        colour, reason = overall.rag.value, overall.reason
        counts = {state.value: n for state, n in overall.counts.items()}
        total, done = overall.actions, overall.pct_complete
        refs = None
    scope = _scope(status, chosen)
    overdue = overdue_by_lead(plan, status, refs)
    summary = (
        ("Council", council),
        ("Plan", plan.title),
        ("As at", format_date(status.as_at)),
        ("Covers", scope),
        ("Framework", status.framework.name),
        (_position_label(status, chosen), rag_status(colour)),
        ("Why", _done(reason, done, total)),
        ("Overdue", overdue.note),
        ("Published window", published_window_line(prediction)),
        ("Predicted inspection", next_inspection_line(prediction)),
        ("Readiness checklist", checklist_line(checklist)),
    )
    count_rows = tuple((state.label, counts[state.value]) for state in URGENCY)
    area_rows = tuple(
        (a["label"], rag_status(a["rag"]), a["reason"], percent(a["pct_complete"]))
        for a in status.areas.to_dict("records")
        if a["area"] in {x.code for x in areas}
    )
    return BoardPack(
        council=council,
        plan_title=plan.title,
        as_at=status.as_at,
        since=since,
        scope=scope,
        summary=Table("Summary", (Column("", 22), Column("", 78)), summary),
        counts=Table(
            "Actions by state",
            (Column("Actions", 30), Column("Number", 12)),
            (*count_rows, ("All actions", total)),
        ),
        areas_summary=Table(
            "Judgement areas",
            (
                Column("Judgement area", 24),
                Column("Status", 12),
                Column("Why", 52),
                Column("Complete", 12),
            ),
            area_rows,
        ),
        areas=tuple(_area_section(status, a, kpis) for a in areas),
        overdue=overdue,
        inspection=inspection_table(prediction, checklist),
        inspection_reasons=prediction.reasons,
        changes=None if changes is None else tuple(changes),
    )
