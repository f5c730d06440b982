"""What an inspection event is, in the council's own history and in the national record.

One vocabulary for every source (the council's own events, the scraped report history, Ofsted's
official statistics, a report PDF): event kinds, grade words and judgement-area codes. Area codes
are readiness.framework's (`overall`, `leaders`, `help_protection`, `children_in_care`,
`care_leavers`, and `children_in_care_and_care_leavers` for ILACS 2018-2022). Source:
../shared/domain.md §1.2-1.3 and §1.2a.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# Full inspections: the events the three-year cycle is counted between (domain.md §1.4).
SHORT, STANDARD, SIF = "short", "standard", "sif"
FULL_INSPECTIONS = (SHORT, STANDARD)
EVENT_KINDS: dict[str, str] = {
    SHORT: "Short inspection",
    STANDARD: "Standard inspection",
    "inspection": "Inspection (short or standard not known)",
    "focused_visit": "Focused visit",
    "monitoring_visit": "Monitoring visit",
    "jtai": "Joint targeted area inspection",
    "engagement_meeting": "Annual engagement meeting",
    SIF: "Single inspection framework inspection (before 2018)",
}
# A full inspection whose type is not known still counts for the cycle.
CYCLE_KINDS = (*FULL_INSPECTIONS, "inspection")

GRADES = ("outstanding", "good", "requires_improvement", "inadequate")
GRADE_LABELS: dict[str, str] = {
    "outstanding": "Outstanding",
    "good": "Good",
    "requires_improvement": "Requires improvement to be good",
    "inadequate": "Inadequate",
}
# Where a type came from, best first: Ofsted's official statistics, the report's own words,
# the length of fieldwork (short = one week on site, standard = two; domain.md §1.5).
TYPE_SOURCES = ("official", "report", "days on site", "entered")


def grade_of(text: str) -> str | None:
    """A grade word as reports, Ofsted's statistics and scraped files write it, or None."""
    words = " ".join(text.lower().replace("_", " ").split())
    if words.startswith("requires improvement"):
        return "requires_improvement"
    return words if words in GRADES else None


@dataclass(frozen=True)
class Inspection:
    """One event for one council: when, what kind, its grades and where it was read."""

    la_code: str  # DfE's 3-digit local-authority number ("383"), the key every file shares
    kind: str  # a key of EVENT_KINDS
    start: date | None  # first day of fieldwork; None where the source gives no date
    end: date | None = None  # last day of fieldwork
    published: date | None = None
    grades: dict[str, str] = field(default_factory=dict)  # area code -> a GRADES word
    theme: str | None = None  # a focused or monitoring visit's theme
    type_source: str | None = None  # a TYPE_SOURCES word, for short and standard
    lead_inspector: str | None = None
    source: str = ""  # "file, sheet, row": where it was read
    notes: tuple[str, ...] = ()  # what the source did not say ("no overall grade: from April 2026")

    @property
    def is_full(self) -> bool:
        return self.kind in CYCLE_KINDS
