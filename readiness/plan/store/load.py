"""Which stored plan is current, and reading a plan into readiness.plan.records."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import fields

from sqlalchemy import Connection, func, select, update

from readiness.db.models import (
    Action,
    ActionIndicator,
    ActionLead,
    ImprovementPlan,
    LeadOfficer,
    ProgressUpdate,
    Recommendation,
    RecommendationArea,
    Theme,
    ThemeLead,
)
from readiness.plan.records import (
    ActionRecord,
    PlanData,
    PlanSummary,
    RecommendationRecord,
    ThemeRecord,
    UpdateRecord,
)

# --- Which plan is current ----------------------------------------------------------------------


def current_plan_id(conn: Connection) -> int | None:
    """The plan everyone sees: the highest current rank (readiness.db.models.ImprovementPlan)."""
    return conn.scalar(
        select(ImprovementPlan.id)
        .order_by(ImprovementPlan.current_rank.desc().nulls_last(), ImprovementPlan.id.desc())
        .limit(1)
    )


def lock_current_plan(conn: Connection) -> int | None:
    """The current plan's id, with its row written to so that a second writer waits for this
    transaction to finish (a row lock on PostgreSQL, the write lock on SQLite) and then reads
    what it stored."""
    plan_id = current_plan_id(conn)
    while plan_id is not None:
        conn.execute(
            update(ImprovementPlan)
            .where(ImprovementPlan.id == plan_id)
            .values(title=ImprovementPlan.title)
        )
        latest = current_plan_id(conn)
        if latest == plan_id:
            break
        plan_id = latest
    return plan_id


def make_current(conn: Connection, plan_id: int) -> None:
    """Make a stored plan the one everyone sees (the others are kept as they are)."""
    lock_current_plan(conn)
    conn.execute(
        update(ImprovementPlan)
        .where(ImprovementPlan.id == plan_id)
        .values(current_rank=next_rank(conn))
    )


def next_rank(conn: Connection) -> int:
    return (conn.scalar(select(func.max(ImprovementPlan.current_rank))) or 0) + 1


def list_plans(conn: Connection) -> list[PlanSummary]:
    """Every stored plan, the current one first, then newest first."""
    current = current_plan_id(conn)
    counts = dict(
        conn.execute(
            select(Recommendation.plan_id, func.count(Action.id))
            .join(Theme, Theme.recommendation_id == Recommendation.id)
            .join(Action, Action.theme_id == Theme.id)
            .where(Action.retired_on.is_(None))
            .group_by(Recommendation.plan_id)
        ).all()
    )
    rows = conn.execute(
        select(*columns_of(ImprovementPlan, PlanSummary)).order_by(ImprovementPlan.id.desc())
    )
    plans = [
        PlanSummary(**row._mapping, actions=counts.get(row.id, 0), current=row.id == current)
        for row in rows
    ]
    return sorted(plans, key=lambda p: not p.current)


# --- Reading a plan -----------------------------------------------------------------------------


def columns_of(model, record) -> list:
    """The model's columns that have a field of the same name in `record`: what a record is read
    from. Records are made from rows by name, so a field added to a record and to its table is
    read with no other change, whatever the order of either."""
    return [getattr(model, f.name) for f in fields(record) if f.name in model.__table__.columns]


def load_plan(
    conn: Connection, plan_id: int | None = None, *, retired: bool = False
) -> PlanData | None:
    """A stored plan (the current one if `plan_id` is None), or None if there is none.

    Parts retired by a re-import are left out unless `retired` is true (the re-import planner
    needs them, to bring one back with its history).
    """
    plan_id = current_plan_id(conn) if plan_id is None else plan_id
    plan = conn.execute(
        select(ImprovementPlan.title, ImprovementPlan.council).where(ImprovementPlan.id == plan_id)
    ).first()
    if plan is None:
        return None

    def live(model):
        return model.retired_on.is_(None) if not retired else True

    def of_plan(statement, *joins):
        for model in joins:
            statement = statement.join(model)
        return statement.where(Recommendation.plan_id == plan_id)

    recs = _named_rows(
        conn,
        select(*columns_of(Recommendation, RecommendationRecord))
        .where(Recommendation.plan_id == plan_id, live(Recommendation))
        .order_by(Recommendation.position, Recommendation.id),
    )
    areas = _grouped(
        conn,
        of_plan(
            select(RecommendationArea.recommendation_id, RecommendationArea.area), Recommendation
        ).order_by(RecommendationArea.area),
    )
    themes = _named_rows(
        conn,
        of_plan(select(*columns_of(Theme, ThemeRecord)), Recommendation)
        .where(live(Theme))
        .order_by(Recommendation.position, Theme.position, Theme.id),
    )
    theme_leads = _grouped(
        conn,
        of_plan(
            select(ThemeLead.theme_id, LeadOfficer.name), LeadOfficer, Theme, Recommendation
        ).order_by(LeadOfficer.name),
    )
    action_leads = _grouped(
        conn,
        of_plan(
            select(ActionLead.action_id, ActionLead.role, LeadOfficer.name),
            LeadOfficer,
            Action,
            Theme,
            Recommendation,
        )
        .where(live(Action))
        .order_by(LeadOfficer.name),
        key_columns=2,
    )
    indicators = _grouped(
        conn,
        of_plan(
            select(ActionIndicator.action_id, ActionIndicator.indicator),
            Action,
            Theme,
            Recommendation,
        )
        .where(live(Action))
        .order_by(ActionIndicator.position),
    )
    updates = _grouped(
        conn,
        of_plan(
            select(ProgressUpdate.action_id, *columns_of(ProgressUpdate, UpdateRecord)),
            Action,
            Theme,
            Recommendation,
        )
        .where(live(Action))
        .order_by(ProgressUpdate.recorded_on, ProgressUpdate.id),
        make=UpdateRecord,
    )
    actions = _named_rows(
        conn,
        of_plan(select(*columns_of(Action, ActionRecord)), Theme, Recommendation)
        .where(live(Action))
        .order_by(Recommendation.position, Theme.position, Action.position, Action.id),
    )
    return PlanData(
        id=plan_id,
        title=plan.title,
        council=plan.council,
        recommendations=tuple(RecommendationRecord(**r, areas=areas[r["id"]]) for r in recs),
        themes=tuple(ThemeRecord(**t, service_leads=theme_leads[t["id"]]) for t in themes),
        actions=tuple(
            ActionRecord(
                **a,
                service_leads=action_leads[(a["id"], "service")],
                other_leads=action_leads[(a["id"], "other")],
                updates=updates[a["id"]],
                indicators=indicators[a["id"]],
            )
            for a in actions
        ),
        lead_roles=dict(conn.execute(select(LeadOfficer.name, LeadOfficer.role)).all()),
    )


# A row's names are read once per query, not from each row: SQLAlchemy builds a fresh key view
# for every `row._mapping` and `row._fields`, which was most of the time a 10,000-action plan took
# to load (0.5 s of CPU, measured with cProfile).


def _named_rows(conn: Connection, statement) -> list[dict]:
    """The statement's rows, each as {column name: value}."""
    result = conn.execute(statement)
    names = tuple(result.keys())
    return [dict(zip(names, row, strict=True)) for row in result]


def _grouped(conn: Connection, statement, *, key_columns: int = 1, make=None) -> defaultdict:
    """Rows grouped by their first column(s): tuples of the rest (one value, or a record made
    from the rest by column name, `make(**rest)`)."""
    groups: dict = defaultdict(list)
    result = conn.execute(statement)
    names = tuple(result.keys())[key_columns:]
    for row in result:
        key = row[0] if key_columns == 1 else tuple(row[:key_columns])
        if make:
            groups[key].append(make(**dict(zip(names, row[key_columns:], strict=True))))
        else:
            groups[key].append(row[key_columns])
    return defaultdict(tuple, {key: tuple(values) for key, values in groups.items()})
