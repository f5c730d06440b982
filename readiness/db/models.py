"""Database tables: inspection events and their grades, improvement plans and their progress.

The schema is created and upgraded only by the Alembic migrations in `readiness/db/migrations`;
`tests/test_migrations.py` checks that these models and the migrations agree.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Float, ForeignKey, Integer, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from readiness.text import NAME_MAX, ROLE_MAX, TITLE_MAX
from readiness.vocabulary import NOT_STARTED

# Named constraints so migrations can alter them on every database, SQLite included.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class LeadOfficer(Base):
    __tablename__ = "lead_officer"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX), unique=True)
    role: Mapped[str | None] = mapped_column(String(ROLE_MAX))


class InspectionEvent(Base):
    __tablename__ = "inspection_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_type: Mapped[str] = mapped_column(String(30))
    fieldwork_start: Mapped[date]
    fieldwork_end: Mapped[date | None]
    published: Mapped[date | None]
    summary: Mapped[str | None] = mapped_column(Text)
    theme: Mapped[str | None] = mapped_column(String(NAME_MAX))  # a visit's theme
    lead_inspector: Mapped[str | None] = mapped_column(String(NAME_MAX))


class InspectionGrade(Base):
    __tablename__ = "inspection_grade"
    __table_args__ = (UniqueConstraint("event_id", "area"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("inspection_event.id", ondelete="CASCADE"))
    # A judgement-area code from readiness.framework (e.g. "overall", "help_protection").
    area: Mapped[str] = mapped_column(String(60))
    grade: Mapped[str] = mapped_column(String(30))


class PlanEvent(Base):
    """Which inspection events a plan answers (one plan may answer a visit and an inspection)."""

    __tablename__ = "plan_event"

    plan_id: Mapped[int] = mapped_column(
        ForeignKey("improvement_plan.id", ondelete="CASCADE"), primary_key=True
    )
    event_id: Mapped[int] = mapped_column(
        ForeignKey("inspection_event.id", ondelete="CASCADE"), primary_key=True
    )


class ImprovementPlan(Base):
    __tablename__ = "improvement_plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    council: Mapped[str | None] = mapped_column(String(NAME_MAX))
    # The date it was stored (imported or loaded as the demo).
    stored_on: Mapped[date | None]
    # The plan everyone sees is the one with the highest rank: a new plan takes the next rank,
    # and an editor switching back to an older plan gives it the next rank (readiness.plan.store).
    current_rank: Mapped[int | None]


class Recommendation(Base):
    __tablename__ = "recommendation"
    __table_args__ = (UniqueConstraint("plan_id", "ref"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("improvement_plan.id", ondelete="CASCADE"), index=True
    )
    ref: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(3))
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)
    # Set when a re-imported plan no longer has it (readiness.plan.sync.apply); kept, not deleted.
    retired_on: Mapped[date | None]


class RecommendationArea(Base):
    """A judgement area a recommendation bears on (codes from readiness.framework.AREA_CODES)."""

    __tablename__ = "recommendation_area"

    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendation.id", ondelete="CASCADE"), primary_key=True
    )
    area: Mapped[str] = mapped_column(String(60), primary_key=True)


class ThemeLead(Base):
    __tablename__ = "theme_lead"

    theme_id: Mapped[int] = mapped_column(
        ForeignKey("theme.id", ondelete="CASCADE"), primary_key=True
    )
    lead_id: Mapped[int] = mapped_column(ForeignKey("lead_officer.id"), primary_key=True)


class Theme(Base):
    __tablename__ = "theme"

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendation.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)
    # Set when a re-imported plan no longer has it (readiness.plan.sync.apply); kept, not deleted.
    retired_on: Mapped[date | None]


class ActionLead(Base):
    __tablename__ = "action_lead"

    action_id: Mapped[int] = mapped_column(
        ForeignKey("action.id", ondelete="CASCADE"), primary_key=True
    )
    lead_id: Mapped[int] = mapped_column(ForeignKey("lead_officer.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(10))  # "service" or "other"


class Action(Base):
    __tablename__ = "action"

    id: Mapped[int] = mapped_column(primary_key=True)
    theme_id: Mapped[int] = mapped_column(ForeignKey("theme.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)
    start: Mapped[date | None]
    due: Mapped[date | None]
    # The wording the due date came from, kept so the data owner can check an undated action.
    due_text: Mapped[str | None] = mapped_column(Text)
    completed: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default=NOT_STARTED)
    evidence: Mapped[str | None] = mapped_column(Text)
    # Optimistic lock: each save bumps it; a save made from an older copy is refused
    # (readiness.plan.progress.record_update).
    version: Mapped[int] = mapped_column(Integer, default=1)
    # Set when a re-imported plan no longer has it (readiness.plan.sync.apply): the action and its
    # history are kept but no longer shown; it comes back if a later file has it again.
    retired_on: Mapped[date | None]


class ProgressUpdate(Base):
    __tablename__ = "progress_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"), index=True)
    recorded_on: Mapped[date]
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(NAME_MAX))
    # The action's status as recorded with this update.
    status: Mapped[str] = mapped_column(String(20))
    # Set when this update revises the action's due date (its text is then the recovery note);
    # the action's own `due` stays the plan's date (readiness.plan.rag, "the due date in force").
    revised_due: Mapped[date | None]
    # Sign-off (readiness.access.signoff): "proposed" when a lead marked it Complete (the action
    # stays open), "confirmed" or "returned" when an editor decided; None for any other update.
    completion: Mapped[str | None] = mapped_column(String(10))


class ColumnMapping(Base):
    """How the user said to read a plan's columns, remembered for the next file with the same
    heading row (readiness.plan.importing.mapping, readiness.plan.store.column_maps)."""

    __tablename__ = "column_mapping"

    id: Mapped[int] = mapped_column(primary_key=True)
    # mapping.signature of the heading row: a hash, so a long row still fits an index.
    signature: Mapped[str] = mapped_column(String(64), unique=True)
    headings: Mapped[str] = mapped_column(Text)  # the row's headings, for a person to read
    mapping: Mapped[str] = mapped_column(Text)  # ColumnMap.to_json
    saved_on: Mapped[date]


class KpiValue(Base):
    """One figure of an indicator (readiness.kpi.indicators) for one area and period."""

    __tablename__ = "kpi_value"
    __table_args__ = (UniqueConstraint("indicator", "area", "period_end"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator: Mapped[str] = mapped_column(String(60), index=True)
    # A council by its 3-digit DfE number, "england", or "region:" and the region's name.
    area: Mapped[str] = mapped_column(String(80))
    area_name: Mapped[str | None] = mapped_column(String(NAME_MAX))
    period_label: Mapped[str] = mapped_column(String(40))
    period_end: Mapped[date]
    # None when the file gives no figure; `missing` then keeps the code it wrote ("c", "x", ...).
    value: Mapped[float | None] = mapped_column(Float)
    missing: Mapped[str | None] = mapped_column(String(10))
    # A percentage's count and denominator where the file gives them ("rereferral_count of
    # referral_count"): the 95% interval and the gap to England's test need both.
    numerator: Mapped[float | None] = mapped_column(Float)
    denominator: Mapped[float | None] = mapped_column(Float)
    source: Mapped[str] = mapped_column(Text)  # file, sheet or table, row
    imported_on: Mapped[date]


class KpiTarget(Base):
    """The council's target for an indicator, and how far off it is still Amber."""

    __tablename__ = "kpi_target"

    indicator: Mapped[str] = mapped_column(String(60), primary_key=True)
    target: Mapped[float] = mapped_column(Float)
    tolerance: Mapped[float | None] = mapped_column(Float)
    set_on: Mapped[date]


class StatisticalNeighbour(Base):
    """DfE's statistical neighbours of a council, closest first (readiness.kpi.neighbours)."""

    __tablename__ = "statistical_neighbour"

    la_code: Mapped[str] = mapped_column(String(10), primary_key=True)
    rank: Mapped[int] = mapped_column(Integer, primary_key=True)
    neighbour: Mapped[str] = mapped_column(String(10))


class KpiCouncil(Base):
    """The council whose indicators the dashboard shows (one row): set by the KPI import's
    --la, and by the demo."""

    __tablename__ = "kpi_council"

    la_code: Mapped[str] = mapped_column(String(10), primary_key=True)
    name: Mapped[str | None] = mapped_column(String(NAME_MAX))
    region: Mapped[str | None] = mapped_column(String(80))  # its area code, "region:..."


class LocalIndicator(Base):
    """An indicator of the council's own, read from its KPI tables (readiness.kpi.own_tables),
    shown beside DfE's, which are defined in code (readiness.kpi.indicators)."""

    __tablename__ = "local_indicator"

    id: Mapped[str] = mapped_column(String(60), primary_key=True)  # "local_" and its name's words
    name: Mapped[str] = mapped_column(String(TITLE_MAX))
    unit: Mapped[str] = mapped_column(String(20))  # readiness.kpi.indicators.Unit
    polarity: Mapped[str] = mapped_column(String(10))  # "high", "low" or "context"
    # A judgement-area code of readiness.framework; None: the table named none.
    area: Mapped[str | None] = mapped_column(String(60))
    definition: Mapped[str] = mapped_column(Text)  # "" when the table gives none


class ActionIndicator(Base):
    """An indicator an action should move (readiness.plan.impact)."""

    __tablename__ = "action_indicator"

    action_id: Mapped[int] = mapped_column(
        ForeignKey("action.id", ondelete="CASCADE"), primary_key=True
    )
    indicator: Mapped[str] = mapped_column(String(60), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)  # the order they were chosen in


class NationalCouncil(Base):
    """A council in the imported national record: its codes, region and neighbours."""

    __tablename__ = "national_council"

    la_code: Mapped[str] = mapped_column(String(10), primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    urn: Mapped[str | None] = mapped_column(String(20))
    ons_code: Mapped[str | None] = mapped_column(String(20))
    region: Mapped[str | None] = mapped_column(String(NAME_MAX))
    neighbours: Mapped[str] = mapped_column(Text, default="")  # 3-digit codes, comma-separated


class NationalInspection(Base):
    """One inspection or visit of any council, from the national record
    (readiness.inspection.events.Inspection)."""

    __tablename__ = "national_inspection"

    id: Mapped[int] = mapped_column(primary_key=True)
    la_code: Mapped[str] = mapped_column(String(10), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    start: Mapped[date | None]
    end: Mapped[date | None]
    published: Mapped[date | None]
    grades: Mapped[str] = mapped_column(Text, default="{}")  # JSON: area code -> grade
    theme: Mapped[str | None] = mapped_column(String(NAME_MAX))
    type_source: Mapped[str | None] = mapped_column(String(30))
    lead_inspector: Mapped[str | None] = mapped_column(String(NAME_MAX))
    source: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")  # one note a line
    imported_on: Mapped[date]


class ReadinessTask(Base):
    """A task on the readiness checklist (readiness.inspection.checklist): kept like an action,
    with an owner, a due date and a status."""

    __tablename__ = "readiness_task"

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    owner: Mapped[str | None] = mapped_column(String(NAME_MAX))
    due: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default=NOT_STARTED)
    completed: Mapped[date | None]
    notes: Mapped[str | None] = mapped_column(Text)
    # Which record ticks it, for a task ticked from records and not by hand
    # (readiness.inspection.checklist.TICKED_BY); None: ticked by hand.
    ticked_by: Mapped[str | None] = mapped_column(String(40))


# The people who sign in, the audit trail, wall-screen links and reminders sent, and the
# self-evaluation and engagement meetings: kept in their own modules, registered on the same
# metadata here so every schema check sees them.
from readiness.db import models_access, models_self_evaluation  # noqa: E402, F401
