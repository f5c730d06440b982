"""Writing plans and their parts, in bulk, inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import Connection, bindparam, delete, insert, select, text, update

from readiness.db.models import (
    Action,
    ActionIndicator,
    ActionLead,
    ImprovementPlan,
    LeadOfficer,
    PlanEvent,
    ProgressUpdate,
    Recommendation,
    RecommendationArea,
    Theme,
    ThemeLead,
)
from readiness.plan.input import ActionInput, PlanInput, RecommendationInput, ThemeInput
from readiness.plan.store.load import next_rank

# --- Writing ------------------------------------------------------------------------------------


def ensure_leads(
    conn: Connection, names: Iterable[str], roles: dict[str, str | None]
) -> dict[str, int]:
    """Ids of the named lead officers, adding the new ones; a known officer with no role takes
    the one given."""
    wanted = set(names) | set(roles)
    known = {
        name: (officer_id, role)
        for officer_id, name, role in conn.execute(
            select(LeadOfficer.id, LeadOfficer.name, LeadOfficer.role)
        )
    }
    titles = job_titles_to_fill({name: role for name, (_, role) in known.items()}, roles)
    for name, role in titles.items():
        conn.execute(update(LeadOfficer).where(LeadOfficer.name == name).values(role=role))
    new = sorted(wanted - set(known))
    if new:
        ids = _insert_returning_ids(
            conn, LeadOfficer, [{"name": n, "role": roles.get(n)} for n in new]
        )
        known |= {n: (i, roles.get(n)) for n, i in zip(new, ids, strict=True)}
    return {name: officer_id for name, (officer_id, _) in known.items()}


def job_titles_to_fill(
    known: dict[str, str | None], roles: dict[str, str | None]
) -> dict[str, str]:
    """The job titles a file gives known officers who have none (name -> title): the only ones
    it writes, as the import's preview says (a title already stored is kept)."""
    return {
        name: role for name, role in roles.items() if role and name in known and not known[name]
    }


def link_events(conn: Connection, plan_id: int, event_ids: Iterable[int]) -> None:
    """Record that the plan answers these inspection events."""
    _insert(conn, PlanEvent, [{"plan_id": plan_id, "event_id": i} for i in event_ids])


def add_plan(
    conn: Connection, plan: PlanInput, *, stored_on: date, event_ids: Iterable[int] = ()
) -> int:
    """Store a whole new plan and make it the current one; its id."""
    leads = ensure_leads(conn, plan.lead_names, plan.lead_roles)
    plan_id = conn.scalar(
        insert(ImprovementPlan)
        .values(
            title=plan.title,
            council=plan.council,
            stored_on=stored_on,
            current_rank=next_rank(conn),
        )
        .returning(ImprovementPlan.id)
    )
    link_events(conn, plan_id, event_ids)
    rec_ids = insert_recommendations(conn, plan_id, list(enumerate(plan.recommendations)))
    themes = [
        (rec_id, position, theme)
        for rec_id, rec in zip(rec_ids, plan.recommendations, strict=True)
        for position, theme in enumerate(rec.themes)
    ]
    theme_ids = insert_themes(conn, themes, leads)
    actions = [
        (theme_id, position, action)
        for theme_id, (_, _, theme) in zip(theme_ids, themes, strict=True)
        for position, action in enumerate(theme.actions)
    ]
    insert_actions(conn, actions, leads)
    return plan_id


def insert_recommendations(
    conn: Connection, plan_id: int, recs: list[tuple[int, RecommendationInput]]
) -> list[int]:
    """New recommendations (position, input) with their areas, in bulk; their ids in order."""
    ids = _insert_returning_ids(
        conn,
        Recommendation,
        [
            {"plan_id": plan_id, "ref": r.ref, "kind": r.kind, "text": r.text, "position": p}
            for p, r in recs
        ],
    )
    _insert(
        conn,
        RecommendationArea,
        [
            {"recommendation_id": i, "area": a}
            for i, (_, r) in zip(ids, recs, strict=True)
            for a in dict.fromkeys(r.areas)
        ],
    )
    return ids


def insert_themes(
    conn: Connection, themes: list[tuple[int, int, ThemeInput]], leads: dict[str, int]
) -> list[int]:
    """New themes (recommendation id, position, input) with their service leads; their ids."""
    ids = _insert_returning_ids(
        conn,
        Theme,
        [{"recommendation_id": r, "text": t.text, "position": p} for r, p, t in themes],
    )
    _insert(
        conn,
        ThemeLead,
        [
            {"theme_id": i, "lead_id": leads[n]}
            for i, (_, _, t) in zip(ids, themes, strict=True)
            for n in dict.fromkeys(t.service_leads)
        ],
    )
    return ids


def insert_actions(
    conn: Connection, actions: list[tuple[int, int, ActionInput]], leads: dict[str, int]
) -> list[int]:
    """New actions (theme id, position, input) with their leads and history; their ids."""
    ids = _insert_returning_ids(
        conn,
        Action,
        [{"theme_id": t, "position": p, "version": 1, **action_fields(a)} for t, p, a in actions],
    )
    pairs = list(zip(ids, (a for _, _, a in actions), strict=True))
    _insert(
        conn,
        ActionLead,
        [
            {"action_id": i, "lead_id": leads[name], "role": role}
            for i, a in pairs
            for name, role in a.roles.items()
        ],
    )
    add_updates(
        conn,
        [
            {
                "action_id": i,
                "recorded_on": u.recorded_on,
                "text": u.text,
                "author": u.author,
                "status": u.status,
                "revised_due": u.revised_due,
            }
            for i, a in pairs
            for u in a.updates
        ],
    )
    set_indicators(conn, {i: a.indicators for i, a in pairs if a.indicators is not None})
    return ids


def indicators_of(conn: Connection, action_id: int) -> list[str]:
    """The indicators an action should move, in order."""
    query = select(ActionIndicator.indicator).where(ActionIndicator.action_id == action_id)
    return list(conn.scalars(query.order_by(ActionIndicator.position)))


def set_indicators(conn: Connection, links: dict[int, Sequence[str]]) -> None:
    """Replace the indicators each action should move (readiness.plan.impact), in order, once
    each."""
    ids = list(links)
    for start in range(0, len(ids), 500):  # within every database's limit on parameters
        batch = ids[start : start + 500]
        conn.execute(delete(ActionIndicator).where(ActionIndicator.action_id.in_(batch)))
    _insert(
        conn,
        ActionIndicator,
        [
            {"action_id": action_id, "indicator": indicator, "position": position}
            for action_id, indicators in links.items()
            for position, indicator in enumerate(dict.fromkeys(indicators))
        ],
    )


def action_fields(action: ActionInput) -> dict:
    """The action columns a file sets (the rest, such as its id and version, are the store's)."""
    return {
        "text": action.text,
        "start": action.start,
        "due": action.due,
        "due_text": action.due_text,
        "completed": action.completed,
        "status": action.status,
        "evidence": action.evidence,
    }


def add_updates(conn: Connection, rows: list[dict]) -> None:
    """New progress entries; existing entries are never edited or deleted. An entry without a
    `revised_due` revises nothing, one without `completion` has no part in a sign-off (every row
    gets both keys: COPY takes one column list)."""
    _insert(conn, ProgressUpdate, [{"revised_due": None, "completion": None} | row for row in rows])


def update_part(conn: Connection, model, part_id: int, **values) -> None:
    """Change a recommendation's or theme's columns (an action's go through update_action)."""
    if values:
        conn.execute(update(model).where(model.id == part_id).values(**values))


def set_positions(conn: Connection, model, positions: dict[int, int]) -> None:
    """Move parts to new positions (id -> position) in one statement."""
    if positions:
        conn.execute(
            update(model)
            .where(model.id == bindparam("part_id"))
            .values(position=bindparam("new_position")),
            [{"part_id": i, "new_position": p} for i, p in positions.items()],
        )


def update_action(conn: Connection, action_id: int, version: int, **values) -> bool:
    """Change an action only if nobody saved it since `version` was read; bumps its version.
    False if it changed meanwhile (nothing is written)."""
    result = conn.execute(
        update(Action)
        .where(Action.id == action_id, Action.version == version)
        .values(version=version + 1, **values)
    )
    return result.rowcount == 1


def action_version(conn: Connection, action_id: int) -> int | None:
    return conn.scalar(select(Action.version).where(Action.id == action_id))


def set_areas(conn: Connection, rec_id: int, areas: Iterable[str]) -> None:
    """A recommendation's judgement areas become `areas`."""
    conn.execute(delete(RecommendationArea).where(RecommendationArea.recommendation_id == rec_id))
    _insert(
        conn,
        RecommendationArea,
        [{"recommendation_id": rec_id, "area": a} for a in dict.fromkeys(areas)],
    )


def set_theme_leads(
    conn: Connection, theme_id: int, names: Iterable[str], leads: dict[str, int]
) -> None:
    conn.execute(delete(ThemeLead).where(ThemeLead.theme_id == theme_id))
    _insert(
        conn, ThemeLead, [{"theme_id": theme_id, "lead_id": leads[n]} for n in dict.fromkeys(names)]
    )


def set_action_leads(
    conn: Connection, action_id: int, action: ActionInput, leads: dict[str, int]
) -> None:
    conn.execute(delete(ActionLead).where(ActionLead.action_id == action_id))
    _insert(
        conn,
        ActionLead,
        [
            {"action_id": action_id, "lead_id": leads[name], "role": role}
            for name, role in action.roles.items()
        ],
    )


def retire(conn: Connection, model, ids: list[int], on: date) -> None:
    """Hide recommendations or themes the file no longer has; their rows stay."""
    if ids:
        conn.execute(update(model).where(model.id.in_(ids)).values(retired_on=on))


# n new ids from a PostgreSQL table's own id sequence.
_NEXT_IDS = text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :n)")


def _insert_returning_ids(conn: Connection, model, rows: list[dict]) -> list[int]:
    """Insert many rows; their new ids, in the order of `rows`.

    On PostgreSQL the ids are drawn from the table's sequence first (unique whoever else is
    inserting) and the rows copied in with them; elsewhere one INSERT ... RETURNING.
    """
    if not rows:
        return []
    if conn.dialect.name != "postgresql":
        statement = insert(model).returning(model.id, sort_by_parameter_order=True)
        return list(conn.scalars(statement, rows))
    ids = list(
        conn.scalars(
            _NEXT_IDS,
            {"table": model.__tablename__, "n": len(rows)},
        )
    )
    _insert(conn, model, [{"id": i, **row} for i, row in zip(ids, rows, strict=True)])
    return ids


def _insert(conn: Connection, model, rows: list[dict]) -> None:
    """Insert many rows that need no ids back (links, history).

    On PostgreSQL they go through COPY, in the same transaction: for the tens of thousands of
    rows of a large plan it costs a fraction of the client CPU of an executemany.
    """
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        conn.execute(insert(model), rows)
        return
    quote = conn.dialect.identifier_preparer
    columns = list(rows[0])
    statement = (
        f"COPY {quote.format_table(model.__table__)} "
        f"({', '.join(quote.quote(c) for c in columns)}) FROM STDIN"
    )
    with conn.connection.dbapi_connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row([row[c] for c in columns])
