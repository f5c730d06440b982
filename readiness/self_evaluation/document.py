"""What a self-evaluation holds, as the page shows it, the export writes it and a submitted
version freezes it: per judgement area, the generated strengths and priorities, each with where
it came from and the evidence behind it, and the leaders' narrative under Ofsted's three
questions (../shared/domain.md §1.8).

Everything here is plain data that goes to JSON and back unchanged (`to_json`, `from_json`), so a
submitted version reads back exactly as it was sent, whatever the code generates later.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from datetime import date

# Ofsted's three questions, in its order (domain.md §1.8; seed 004 §4.7.1). The narrative is kept
# under each, by its number.
QUESTIONS = (
    "What do you know about the quality and impact of social work practice?",
    "How do you know it?",
    "What are your plans to maintain or improve practice?",
)
STRENGTH, PRIORITY = "strength", "priority"
# Where recommendations that name no judgement area are put, after the framework's areas.
UNPLACED = "unplaced"
UNPLACED_TITLE = "Across the service (recommendations that name no judgement area)"


@dataclass(frozen=True)
class Evidence:
    """The table behind a line: "how do you know it", in figures and references."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Measure:
    """An indicator line's figure, so a later version can say the figure moved."""

    value: float
    shown: str  # "23.4%"
    period: str


@dataclass(frozen=True)
class Line:
    """One generated strength or priority. `key` names what it is about ("indicator:<id>",
    "recommendation:<kind>:<ref>", "overdue:<area>"), the same in every regeneration, so a
    person's edit of it is kept and a later version can be compared with this one."""

    key: str
    kind: str  # STRENGTH or PRIORITY
    text: str
    source: str  # where it came from, in words: "Indicator: ... (DfE ..., 2024-25)"
    evidence: Evidence | None = None
    measure: Measure | None = None
    # Set when a person has edited the line: the generated words stay in `text`'s place in
    # `generated`, and who and when in `edited_by` and `edited_on`.
    generated: str | None = None
    edited_by: str | None = None
    edited_on: date | None = None


@dataclass(frozen=True)
class Narrative:
    """Leaders' own words under one of the three questions (1-3), with who wrote them and when."""

    question: int
    text: str
    author: str
    written_on: date


@dataclass(frozen=True)
class AreaSection:
    code: str  # a judgement-area code of readiness.framework, or UNPLACED
    title: str
    strengths: tuple[Line, ...]
    priorities: tuple[Line, ...]
    narrative: tuple[Narrative, ...] = ()
    # Generated lines a person left out: not in the self-evaluation, kept to be put back.
    left_out: tuple[Line, ...] = ()

    def said(self, question: int) -> Narrative | None:
        return next((n for n in self.narrative if n.question == question), None)


@dataclass(frozen=True)
class FollowUp:
    """A feedback point from Ofsted's letter after the engagement meeting, and how it stands."""

    text: str
    lead: str | None
    due: date | None
    status: str  # the action statuses' words, or "not tracked"
    rag: str | None  # the colour word, when tracked
    why: str | None


@dataclass(frozen=True)
class Meeting:
    held_on: date
    attendees: str
    points: tuple[FollowUp, ...]


@dataclass(frozen=True)
class SelfEvaluation:
    council: str
    as_at: date
    framework: str  # the framework's name, as in force at the as-at date
    areas: tuple[AreaSection, ...]
    sources: tuple[str, ...]  # what it was drafted from, in words
    last_meeting: Meeting | None = None
    submitted_on: date | None = None  # set on a frozen version
    submitted_by: str | None = None
    notes: tuple[str, ...] = field(default=())  # what could not be drafted, and why

    def lines(self) -> dict[tuple[str, str], Line]:
        """Every line by its area's code and its key (a recommendation bearing on two areas
        is a line in each)."""
        return {
            (area.code, line.key): line
            for area in self.areas
            for line in (*area.strengths, *area.priorities)
        }

    def frozen(self, on: date, by: str) -> SelfEvaluation:
        return replace(self, submitted_on=on, submitted_by=by)


def to_json(document: SelfEvaluation) -> str:
    return json.dumps(asdict(document), default=str, ensure_ascii=False)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _line(raw: dict) -> Line:
    evidence = raw.get("evidence")
    measure = raw.get("measure")
    return Line(
        key=raw["key"],
        kind=raw["kind"],
        text=raw["text"],
        source=raw["source"],
        evidence=Evidence(tuple(evidence["columns"]), tuple(map(tuple, evidence["rows"])))
        if evidence
        else None,
        measure=Measure(**measure) if measure else None,
        generated=raw.get("generated"),
        edited_by=raw.get("edited_by"),
        edited_on=_day(raw.get("edited_on")),
    )


def _area(raw: dict) -> AreaSection:
    return AreaSection(
        code=raw["code"],
        title=raw["title"],
        strengths=tuple(map(_line, raw["strengths"])),
        priorities=tuple(map(_line, raw["priorities"])),
        narrative=tuple(
            Narrative(n["question"], n["text"], n["author"], _day(n["written_on"]))
            for n in raw["narrative"]
        ),
        left_out=tuple(map(_line, raw.get("left_out", ()))),
    )


def _meeting(raw: dict | None) -> Meeting | None:
    if not raw:
        return None
    points = tuple(FollowUp(**{**p, "due": _day(p["due"])}) for p in raw["points"])
    return Meeting(_day(raw["held_on"]), raw["attendees"], points)


def from_json(text: str) -> SelfEvaluation:
    raw = json.loads(text)
    return SelfEvaluation(
        council=raw["council"],
        as_at=_day(raw["as_at"]),
        framework=raw["framework"],
        areas=tuple(map(_area, raw["areas"])),
        sources=tuple(raw["sources"]),
        last_meeting=_meeting(raw.get("last_meeting")),
        submitted_on=_day(raw.get("submitted_on")),
        submitted_by=raw.get("submitted_by"),
        notes=tuple(raw.get("notes", ())),
    )
