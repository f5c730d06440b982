"""Storing what an Ofsted report says: the inspection in the council's own history, and a draft
improvement plan with one recommendation per "What needs to improve?" point.

The draft is where a plan starts: its recommendations carry the report's words and suggested
judgement areas, and themes, leads and actions are added later, in the app or by importing the
council's plan table over it. Both are stored in one transaction (readiness.store owns it),
and a report already stored changes nothing the second time.

    reading = read_report(path, path.name)              # readiness.inspection.report_pdf
    preview = store.preview_report(reading, path.name)  # show preview.summary()
    store.import_report(reading, stored_on=today, file_name=path.name)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import Connection

from readiness.files.free_text import clean_text
from readiness.framework import AREA_SHORT_LABELS
from readiness.inspection.events import EVENT_KINDS, GRADE_LABELS
from readiness.inspection.record_store import OWN, add_events, own_event_rows
from readiness.inspection.report_areas import suggest_areas
from readiness.inspection.report_council import CouncilCheck, council_check
from readiness.inspection.report_dates import SAID_BY_REPORT, SHORT_MAX_DAYS
from readiness.inspection.report_pdf import ReportReading
from readiness.kpi.store import set_council
from readiness.plan.importing.committee_dates import short
from readiness.plan.input import EventInput, PlanInput, RecommendationInput
from readiness.plan.store import (
    add_plan,
    current_plan_id,
    link_events,
    load_plan,
    lock_current_plan,
)
from readiness.text import NAME_MAX, format_date, loose_words, plural

# The report's points are Ofsted's recommendations, whatever the report calls them.
# The judgement areas a user chose for each point, by its ref ("REC 2": ["leaders"]).
AreaChoice = Mapping[str, Sequence[str]]
KIND = "REC"
# The judgements in the order reports print them, overall last (there is none from April 2026).
GRADE_ORDER = (
    "leaders",
    "help_protection",
    "children_in_care",
    "children_in_care_and_care_leavers",
    "care_leavers",
    "overall",
)


@dataclass(frozen=True)
class DraftPoint:
    """One point to improve as it becomes a recommendation, with where it was read."""

    ref: str  # "REC 1", "REC 2", ... in the report's order
    text: str
    framework_ref: str | None
    page: int
    areas: tuple[str, ...]  # suggested judgement-area codes, most likely first


def draft_points(reading: ReportReading) -> list[DraftPoint]:
    """The report's points as the draft plan's recommendations, in the report's order."""
    return [
        DraftPoint(
            f"{KIND} {number}",
            clean_text(point.text),
            point.framework_ref,
            point.page,
            suggest_areas(point.text, point.framework_ref),
        )
        for number, point in enumerate(reading.improve, start=1)
    ]


def fieldwork(reading: ReportReading) -> str:
    """'11 May 2026 to 22 May 2026'."""
    return f"{format_date(reading.start)} to {format_date(reading.end)}"


def kind_reason(reading: ReportReading) -> str:
    """How the type was decided, in words."""
    if reading.kind_said_by == SAID_BY_REPORT:
        return "as the report itself says"
    days = (reading.end - reading.start).days + 1
    return (
        f"from the days on site: {days} days from the first day of fieldwork to the last; "
        f"{SHORT_MAX_DAYS} or fewer make a short inspection, more a standard one"
    )


def read_facts(reading: ReportReading) -> list[tuple[str, str, int | None]]:
    """What was read besides the points, as (what, what was read, page of the PDF) rows: the
    user checks each against the report before storing it."""
    pages = reading.pages
    # Days on site are counted from the dates; the report's own words may be on any page read.
    type_page = None if reading.kind_said_by == SAID_BY_REPORT else pages["dates"]
    facts = [
        ("Council", reading.local_authority or "not found", pages.get("local_authority")),
        ("Fieldwork", fieldwork(reading), pages["dates"]),
        ("Type", f"{EVENT_KINDS[reading.kind]}, {kind_reason(reading)}", type_page),
        ("Lead inspector", reading.lead_inspector or "not found", pages.get("lead_inspector")),
    ]
    return facts + [
        (AREA_SHORT_LABELS[area], GRADE_LABELS[reading.grades[area]], pages["grades"])
        for area in GRADE_ORDER
        if area in reading.grades
    ]


def report_event(reading: ReportReading, file_name: str) -> EventInput:
    """The inspection as an event of the council's own history.

    A report does not print the day it was published, so that is left for the user to add.
    """
    council = f" of {reading.local_authority}" if reading.local_authority else ""
    how = "its type from the report's own words"
    if reading.kind_said_by != SAID_BY_REPORT:
        how = "its type from the days on site"
    return EventInput(
        event_type=reading.kind,
        fieldwork_start=reading.start,
        fieldwork_end=reading.end,
        summary=f"{EVENT_KINDS[reading.kind]}{council} ({how}), read from Ofsted's report "
        f"{file_name}.",
        grades=dict(reading.grades),
        lead_inspector=_name(reading.lead_inspector),
    )


def _name(text: str | None) -> str | None:
    """A name as the database column takes it: PostgreSQL refuses a longer one (and a name that
    long is a misreading of the page anyway)."""
    return short(clean_text(text), NAME_MAX) if text else None


def draft_plan(reading: ReportReading, areas: AreaChoice | None = None) -> PlanInput:
    """A plan holding one recommendation per point, with no themes or actions yet; each in the
    judgement areas the user chose for its ref in `areas`, else those suggested."""
    chosen = {ref: list(codes) for ref, codes in (areas or {}).items() if codes}
    return PlanInput(
        title=f"Draft plan from Ofsted's report, {fieldwork(reading)}",
        council=_name(reading.local_authority),
        recommendations=[
            RecommendationInput(
                point.ref, KIND, point.text, chosen.get(point.ref) or list(point.areas)
            )
            for point in draft_points(reading)
        ],
    )


class ReportForAnotherCouncil(ValueError):
    """A report whose council is not this dashboard's: nothing is stored (report_council)."""


@dataclass(frozen=True)
class ReportImportResult:
    """What storing a report adds (a preview) or added (stored), and why anything is left out."""

    event: EventInput
    plan: PlanInput
    adds_event: bool  # False: the history already holds this inspection
    adds_plan: bool  # False: no points, or the current plan already holds them all
    current_title: str | None  # the plan shown until now, which a new draft replaces
    council: CouncilCheck  # whose report it is, against the council this dashboard is for
    event_id: int | None = None  # the stored event for this inspection: held, or once stored
    stored: bool = False
    plan_id: int | None = None  # the draft's id, once stored

    @property
    def refused(self) -> str | None:
        """Why the report cannot be stored (it is another council's), in words; None if it can."""
        return self.council.refused

    @property
    def changes_nothing(self) -> bool:
        return bool(self.refused) or not (self.adds_event or self.adds_plan or self.council.sets_up)

    @property
    def parts(self) -> str:
        """What storing adds, for a button or a question: "the inspection and the draft plan"."""
        added = [
            ("the inspection", self.adds_event),
            ("the draft plan", self.adds_plan),
            ("the council", self.council.sets_up),
        ]
        parts = [part for part, adds in added if adds] or ["nothing"]
        return " and ".join(filter(None, [", ".join(parts[:-1]), parts[-1]]))

    def summary(self) -> str:
        """What is (or was) added and what is already there, in sentences; first, what it does
        to the council this dashboard is for, or why it is refused."""
        if self.refused:
            return self.refused
        note = self.council.note(self.stored)
        return f"{note} {self._changes()}" if note else self._changes()

    def _changes(self) -> str:
        inspection = (
            f"the {EVENT_KINDS[self.event.event_type].lower()} from "
            f"{format_date(self.event.fieldwork_start)}"
        )
        points = len(self.plan.recommendations)
        no_plan = (
            f"the current plan already holds its {plural(points, 'point')} to improve"
            if points
            else "the report lists no points to improve, so no draft plan is made"
        )
        if self.changes_nothing:
            return (
                f"Nothing to add: the council's inspection history already holds {inspection}, "
                f"and {no_plan}."
            )
        verb = "Added" if self.stored else "Adds"
        if self.adds_event:
            event = f"{verb} {inspection} to the council's inspection history"
        else:
            event = f"The council's inspection history already holds {inspection}"
        if not self.adds_plan:
            return f"{event}; {no_plan}."
        refs = f"{self.plan.recommendations[0].ref} to {self.plan.recommendations[-1].ref}"
        kept = (
            f' "{self.current_title}" is kept and can be made current again on the Data page.'
            if self.current_title
            else ""
        )
        return (
            f'{event}. {verb} a draft plan, "{self.plan.title}", with '
            f"{plural(points, 'recommendation')} ({refs}) and no themes or actions yet: it "
            f"becomes the plan everyone sees.{kept}"
        )


def preview_report(conn: Connection, reading: ReportReading, file_name: str) -> ReportImportResult:
    """What storing the report would add, without writing anything."""
    return _work_out(conn, reading, file_name, None)


def import_report(
    conn: Connection,
    reading: ReportReading,
    stored_on: date,
    file_name: str,
    areas: AreaChoice | None = None,
) -> ReportImportResult:
    """Store the inspection and the draft plan in the caller's transaction; what was added.
    `areas`: the judgement areas the user chose for each point's ref, in place of those
    suggested. ReportForAnotherCouncil, storing nothing, for another council's report; a
    database of the demo council, or of none yet, takes the report's council as its own.

    What is already stored is worked out again inside the transaction, so a report stored twice
    at once (two users, two clicks) is stored once.
    """
    # A second import waits here for this one to finish, then finds what it stored.
    lock_current_plan(conn)
    work = _work_out(conn, reading, file_name, areas)
    if work.refused:
        raise ReportForAnotherCouncil(work.refused)
    if work.council.sets_up and work.council.council is not None:
        set_council(conn, work.council.council)
    event_id = work.event_id
    if work.adds_event:
        event_id = add_events(conn, [work.event])[0]
    plan_id = None
    if work.adds_plan:
        plan_id = add_plan(conn, work.plan, stored_on=stored_on, event_ids=[event_id])
    elif work.adds_event and (current := current_plan_id(conn)) is not None:
        # The current plan already holds every point: it answers this inspection too.
        link_events(conn, current, [event_id])
    return replace(work, stored=True, event_id=event_id, plan_id=plan_id)


def _work_out(
    conn: Connection,
    reading: ReportReading,
    file_name: str,
    areas: AreaChoice | None,
) -> ReportImportResult:
    """What the database already holds of this report, and so what storing it adds."""
    event = report_event(reading, file_name)
    plan = draft_plan(reading, areas)
    # Every stored event is the council's own: the code given only labels them.
    held_event = next(
        (
            event_id
            for event_id, held in own_event_rows(conn, OWN)
            if held.kind == event.event_type and held.start == event.fieldwork_start
        ),
        None,
    )
    current = load_plan(conn)
    # By text, as a council's own plan numbers Ofsted's points its own way.
    held_texts = {loose_words(r.text) for r in current.recommendations} if current else set()
    wanted = {loose_words(r.text) for r in plan.recommendations}
    return ReportImportResult(
        event=event,
        plan=plan,
        adds_event=held_event is None,
        adds_plan=bool(wanted - held_texts),
        current_title=current.title if current else None,
        council=council_check(conn, reading.local_authority, current.council if current else None),
        event_id=held_event,
    )
