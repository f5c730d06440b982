"""One Inspection where Ofsted's statistics and the scraped history describe the same one.

The same council, with fieldwork starting within MATCH_DAYS (or, where the scrape has no dates,
published within MATCH_DAYS): one inspection. Ofsted's type, dates and grades win; the scrape
adds what Ofsted's sheets do not give (the last day of fieldwork, the lead inspector). What the
scrape said differently stays in the notes, so the record shows both sources; a scraped note that
Ofsted's statistics answer is dropped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from readiness.framework import AREA_SHORT_LABELS
from readiness.inspection.events import (
    CYCLE_KINDS,
    FULL_INSPECTIONS,
    GRADE_LABELS,
    Inspection,
)
from readiness.inspection.national_cells import (
    DATES_NOT_PARSED,
    GRADE_NOT_READ,
    PUBLISHED_FROM_FILE_NAME,
    PUBLISHED_UNREADABLE,
    START_UNREADABLE,
    TYPE_NOT_KNOWN,
)

# One council's inspections are years apart and fieldwork starts on a Monday: a week either way
# tells one inspection from the next while allowing for a source that counts from another day.
# The two sources have agreed to the day on every inspection so far.
MATCH_DAYS = 7
# How a note about the two sources' types begins.
TYPE_DIFFERS = "type differs:"
UNDATED_FROM_OFFICIAL = (
    "fieldwork dates were not parsed from the report: the start date is from Ofsted's "
    "statistics, which give no end date"
)


def merge_sources(official: list[Inspection], scraped: list[Inspection]) -> list[Inspection]:
    """The scraped inspections, each merged with Ofsted's record of it where there is one, then
    Ofsted's records that matched none (visits, inspections the scrape lacks)."""
    candidates: dict[str, list[Inspection]] = defaultdict(list)
    for record in official:
        if record.kind in CYCLE_KINDS:
            candidates[record.la_code].append(record)
    used: set[int] = set()
    merged = []
    for record in scraped:
        partner = None
        if record.kind in CYCLE_KINDS:
            partner = _partner(record, candidates[record.la_code], used)
        if partner is None:
            merged.append(record)
            continue
        used.add(id(partner))
        merged.append(_merge(partner, record))
    merged.extend(record for record in official if id(record) not in used)
    return merged


def _partner(
    scraped: Inspection, candidates: Iterable[Inspection], used: set[int]
) -> Inspection | None:
    best: tuple[int, Inspection] | None = None
    for official in candidates:
        if id(official) in used:
            continue
        if scraped.start is not None:
            gap = _days_apart(scraped.start, official.start)
        else:
            gap = _days_apart(scraped.published, official.published)
        if gap is not None and gap <= MATCH_DAYS and (best is None or gap < best[0]):
            best = (gap, official)
    return best[1] if best else None


def _days_apart(one: date | None, other: date | None) -> int | None:
    return abs((one - other).days) if one and other else None


def _merge(official: Inspection, scraped: Inspection) -> Inspection:
    notes = list(official.notes)
    kind, type_source = official.kind, official.type_source
    if kind not in FULL_INSPECTIONS:  # a council's latest inspection, from the sheet with no type
        kind, type_source = scraped.kind, scraped.type_source
    elif scraped.kind in FULL_INSPECTIONS and scraped.kind != kind:
        notes.append(
            f"{TYPE_DIFFERS} Ofsted's statistics say {kind}; the scraped history said "
            f"{scraped.kind} (from days on site)"
        )
    else:
        notes.extend(
            f"type from Ofsted's statistics ({note.removeprefix(TYPE_NOT_KNOWN + ': ')})"
            for note in scraped.notes
            if note.startswith(TYPE_NOT_KNOWN)
        )
    if official.start and DATES_NOT_PARSED in scraped.notes:
        notes.append(UNDATED_FROM_OFFICIAL)
    notes.extend(_differences("start", official.start, scraped.start))
    notes.extend(_differences("publication date", official.published, scraped.published))
    if official.grades:
        notes.extend(
            f"{AREA_SHORT_LABELS[area]} grade: Ofsted's statistics say "
            f"{_grade_words(official.grades.get(area))}; the scraped history said "
            f"{_grade_words(grade)}"
            for area, grade in scraped.grades.items()
            if official.grades.get(area) != grade
        )
    notes.extend(note for note in scraped.notes if _still_true(note, official))
    return replace(
        official,
        kind=kind,
        type_source=type_source,
        start=official.start or scraped.start,
        end=scraped.end,
        published=official.published or scraped.published,
        grades=official.grades or scraped.grades,
        lead_inspector=scraped.lead_inspector,
        source=f"{official.source}; {scraped.source}",
        notes=tuple(notes),
    )


def _differences(what: str, official: date | None, scraped: date | None) -> list[str]:
    if official and scraped and official != scraped:
        return [
            f"{what}: Ofsted's statistics say {official:%d %B %Y}, kept; the scraped history "
            f"said {scraped:%d %B %Y}"
        ]
    return []


def _grade_words(grade: str | None) -> str:
    return GRADE_LABELS[grade].lower() if grade else "no grade"


def _still_true(note: str, official: Inspection) -> bool:
    """Whether a scraped note still holds once Ofsted's record is merged in."""
    if note.startswith(TYPE_NOT_KNOWN):
        return official.kind not in FULL_INSPECTIONS
    if note in (DATES_NOT_PARSED, START_UNREADABLE):
        return official.start is None
    if note in (PUBLISHED_UNREADABLE, PUBLISHED_FROM_FILE_NAME):
        return official.published is None
    if note.endswith(GRADE_NOT_READ):
        return not official.grades
    return True
