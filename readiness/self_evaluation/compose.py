"""The self-evaluation at an as-at date: generated from the plan and the indicators
(readiness.self_evaluation.plan_lines and indicator_lines, one section per judgement area of the
framework in force), with what people wrote laid over it (`Written`): their narrative under the
three questions, and their edits of generated lines. A regeneration never overwrites a person's
words: an edit is kept by the line's key and shown in place of the generated words, which stay
beside it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from readiness.framework import Framework
from readiness.kpi.positions import KpiStatus
from readiness.plan.records import PlanData
from readiness.plan.status import PlanStatus
from readiness.self_evaluation.document import (
    PRIORITY,
    STRENGTH,
    UNPLACED,
    UNPLACED_TITLE,
    AreaSection,
    Line,
    Meeting,
    Narrative,
    SelfEvaluation,
)
from readiness.self_evaluation.indicator_lines import indicator_line
from readiness.self_evaluation.plan_lines import (
    by_recommendation,
    in_area,
    overdue_line,
    recommendation_line,
)
from readiness.text import format_date


@dataclass(frozen=True)
class LineEdit:
    """A person's words for a generated line (or that it is left out), kept by the line's key."""

    key: str
    text: str | None  # None: left out of the self-evaluation; "": put back as generated
    author: str
    written_on: date
    based_on: str  # the generated words the person saw when they edited it


@dataclass(frozen=True)
class Written:
    """What people wrote, latest of each: narrative by (area code, question), edits by key."""

    narrative: dict[tuple[str, int], Narrative] = field(default_factory=dict)
    edits: dict[str, LineEdit] = field(default_factory=dict)


def _edited(line: Line, edits: dict[str, LineEdit]) -> Line | None:
    """The line as a person left it: their words in place of the generated ones; None where
    they left it out."""
    edit = edits.get(line.key)
    if edit is None or edit.text == "":
        return line
    if edit.text is None:
        return None
    return replace(
        line, text=edit.text, generated=line.text, edited_by=edit.author, edited_on=edit.written_on
    )


def _kept(lines: list[Line], edits: dict[str, LineEdit]) -> tuple[Line, ...]:
    return tuple(kept for line in lines if (kept := _edited(line, edits)) is not None)


def _section(code: str, title: str, lines: list[Line], written: Written) -> AreaSection:
    narrative = tuple(
        written.narrative[(code, q)] for q in (1, 2, 3) if (code, q) in written.narrative
    )
    left_out = tuple(
        line for line in lines if (e := written.edits.get(line.key)) and e.text is None
    )
    return AreaSection(
        code,
        title,
        strengths=_kept([x for x in lines if x.kind == STRENGTH], written.edits),
        priorities=_kept([x for x in lines if x.kind == PRIORITY], written.edits),
        narrative=narrative,
        left_out=left_out,
    )


@dataclass(frozen=True)
class Drafted:
    """The generated part of the self-evaluation, before anything people wrote is laid over it:
    each area's (code, title, lines), what it was drafted from, and what could not be drafted.
    Worked out once per plan, date and figures (the page keeps it); laying people's words over
    it is cheap and done on every read."""

    areas: tuple[tuple[str, str, tuple[Line, ...]], ...]
    framework: str
    sources: tuple[str, ...]
    notes: tuple[str, ...]


def draft(
    plan: PlanData | None,
    status: PlanStatus | None,
    kpis: KpiStatus | None,
    framework: Framework,
    as_at: date,
) -> Drafted:
    """The lines at `as_at` under `framework` (the one in force then), from the whole plan's
    `status` on that date and the indicators' positions `kpis`."""
    items = by_recommendation(plan, status.actions) if plan and status else []
    indicator_lines = [
        (p.indicator.area, line)
        for p in (kpis.positions if kpis else ())
        if (line := indicator_line(p)) is not None
    ]
    placed = {code for area in framework.areas for code in area.covers}
    areas = []
    listed = [(a.code, a.title, a.covers) for a in framework.areas]
    for code, title, covers in [*listed, (UNPLACED, UNPLACED_TITLE, ())]:
        recs = in_area(items, covers)
        lines = [recommendation_line(item) for item in recs]
        if (late := overdue_line(code, recs)) is not None:
            lines.append(late)
        wanted = set(covers) if covers else None
        lines += [
            line
            for area, line in indicator_lines
            if (area in wanted if wanted else area not in placed)
        ]
        areas.append((code, title, tuple(lines)))
    return Drafted(tuple(areas), framework.name, _sources(plan, kpis, as_at), _notes(plan, kpis))


def laid_over(
    drafted: Drafted,
    as_at: date,
    written: Written,
    council: str,
    meeting: Meeting | None = None,
) -> SelfEvaluation:
    """The self-evaluation: the drafted lines with people's words laid over them. The last
    section (recommendations naming no area) is left out while it holds nothing."""
    sections = [
        _section(code, title, list(lines), written)
        for code, title, lines in drafted.areas
        if code != UNPLACED or lines or any(k[0] == UNPLACED for k in written.narrative)
    ]
    return SelfEvaluation(
        council=council,
        as_at=as_at,
        framework=drafted.framework,
        areas=tuple(sections),
        sources=drafted.sources,
        last_meeting=meeting,
        notes=drafted.notes,
    )


def compose(
    plan: PlanData | None,
    status: PlanStatus | None,
    kpis: KpiStatus | None,
    framework: Framework,
    as_at: date,
    written: Written,
    meeting: Meeting | None = None,
    council: str | None = None,
) -> SelfEvaluation:
    """The self-evaluation at `as_at`: `draft`, then `laid_over`."""
    council = council or (plan.council if plan and plan.council else "The council")
    drafted = draft(plan, status, kpis, framework, as_at)
    return laid_over(drafted, as_at, written, council, meeting)


def _sources(plan: PlanData | None, kpis: KpiStatus | None, as_at: date) -> tuple[str, ...]:
    said = []
    if plan:
        said.append(f"Improvement plan: {plan.title}, as it stood on {format_date(as_at)}")
    if kpis:
        said.append(
            f"Indicators: {kpis.council_name}'s figures published by {format_date(as_at)}, "
            f"against England and the statistical neighbours ({kpis.neighbour_average})"
        )
    return tuple(said)


def _notes(plan: PlanData | None, kpis: KpiStatus | None) -> tuple[str, ...]:
    notes = []
    if plan is None:
        notes.append("No improvement plan is stored: the recommendations could not be drafted.")
    if kpis is None:
        notes.append("No indicator figures are loaded: the indicators could not be drafted.")
    return tuple(notes)
