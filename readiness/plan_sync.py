"""Storing an imported plan: as a new plan, or as an update of the stored plan in place.

A council re-imports its plan every month or so. Each action keeps its identity across versions
(readiness.plan_matching), so its progress history stays with it. An update is applied in place
in one transaction: matched actions keep their id and history and take the file's fields; an
action the file no longer has is retired (hidden, never deleted), and comes back with its
history if a later file has it again. What changes is worked out first (readiness.plan_update);
this module only writes it, through readiness.plan_store.

    preview = preview_import(engine, result.plan)          # show preview.summary(), .table()
    apply_import(engine, result.plan, imported_on, expected=preview)
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, Engine

from readiness import column_maps, plan_store
from readiness.importing.mapping import ColumnMap, FoundHeadings
from readiness.models import Action, Recommendation, Theme
from readiness.plan_changes import SyncPreview
from readiness.plan_input import ActionInput, PlanInput
from readiness.plan_matching import Where
from readiness.plan_update import ImportPlan, plan_import
from readiness.records import ActionRecord
from readiness.vocabulary import ACTION_STATUS_LABELS


class PlanChangedError(Exception):
    """The stored plan changed between the preview and storing it; nothing was stored."""


PLAN_CHANGED = (
    "The stored plan changed after this preview was made (someone else stored a plan or saved "
    "progress meanwhile), so nothing was stored. Check the file again: look over the new preview "
    "of its changes, then store it."
)


def preview_import(
    engine: Engine, incoming: PlanInput, *, as_new_plan: bool = False
) -> SyncPreview:
    """What storing `incoming` would do, without writing anything."""
    with engine.connect() as conn:
        stored = plan_store.load_plan(conn, retired=True)
    return plan_import(stored, incoming, as_new_plan).preview


def apply_import(
    engine: Engine,
    incoming: PlanInput,
    imported_on: date,
    *,
    as_new_plan: bool = False,
    expected: SyncPreview | None = None,
    author: str = "Import",
    columns: tuple[FoundHeadings, ColumnMap] | None = None,
) -> SyncPreview:
    """Store `incoming` in one transaction (all or nothing); returns what was done.

    With `expected` (the preview the user confirmed), raises PlanChangedError and stores nothing
    if the changes worked out now differ from it. `imported_on` dates the new plan, retirements
    and status changes; `author` signs the progress entries the import adds for status changes.
    `columns` is the user's reading of the file's heading row, remembered with the plan
    (ImportResult.mapping_to_remember).
    """
    with engine.begin() as conn:
        plan_id = plan_store.lock_current_plan(conn)
        stored = None if plan_id is None else plan_store.load_plan(conn, plan_id, retired=True)
        work = plan_import(stored, incoming, as_new_plan)
        if expected is not None and expected.key != work.preview.key:
            raise PlanChangedError(PLAN_CHANGED)
        if work.preview.mode == "new_plan":
            plan_store.add_plan(conn, incoming, stored_on=imported_on)
        elif work.needs_write:
            _write_update(conn, work, incoming, imported_on, author)
        if columns:
            column_maps.remember(conn, *columns, imported_on)
        return work.preview


def _write_update(
    conn: Connection, work: ImportPlan, plan: PlanInput, imported_on: date, author: str
) -> None:
    """Apply the worked-out update in place (the caller's transaction commits or rolls back)."""
    match = work.match
    leads = plan_store.ensure_leads(conn, plan.lead_names, plan.lead_roles)
    # Recommendations, then themes, then actions, so new parts have ids for their children.
    new_recs = []
    rec_ids: dict[int, int] = {}
    # A recommendation matched by text may take another's ref ("REC 1" and "REC 2" swapped):
    # each renamed one first gets a ref no other has, so no two share one on the way.
    for r_i, rec in enumerate(plan.recommendations):
        s_rec = match.recs.get(r_i)
        if s_rec is not None and s_rec.ref != rec.ref:
            plan_store.update_part(conn, Recommendation, s_rec.id, ref=f"~{s_rec.id}")
    for r_i, rec in enumerate(plan.recommendations):
        s_rec = match.recs.get(r_i)
        if s_rec is None:
            new_recs.append((r_i, rec))
            continue
        rec_ids[r_i] = s_rec.id
        _update_changed(
            conn, Recommendation, s_rec, ref=rec.ref, kind=rec.kind, text=rec.text, position=r_i
        )
        if rec.areas and set(s_rec.areas) != set(rec.areas):
            plan_store.set_areas(conn, s_rec.id, rec.areas)
    ids = plan_store.insert_recommendations(conn, work.stored.id, new_recs)
    rec_ids |= {r_i: i for (r_i, _), i in zip(new_recs, ids, strict=True)}

    new_themes: list[tuple[Where, tuple]] = []
    theme_ids: dict[Where, int] = {}
    for r_i, rec in enumerate(plan.recommendations):
        for t_i, theme in enumerate(rec.themes):
            s_theme = match.themes.get((r_i, t_i))
            if s_theme is None:
                new_themes.append(((r_i, t_i), (rec_ids[r_i], t_i, theme)))
                continue
            theme_ids[(r_i, t_i)] = s_theme.id
            _update_changed(conn, Theme, s_theme, text=theme.text, position=t_i)
            if set(s_theme.service_leads) != set(theme.service_leads):
                plan_store.set_theme_leads(conn, s_theme.id, theme.service_leads, leads)
    ids = plan_store.insert_themes(conn, [row for _, row in new_themes], leads)
    theme_ids |= {where: i for (where, _), i in zip(new_themes, ids, strict=True)}

    new_actions = []
    positions: dict[int, int] = {}
    notes: list[dict] = []
    indicators: dict[int, tuple[str, ...]] = {}  # only where the file names them
    for r_i, rec in enumerate(plan.recommendations):
        for t_i, theme in enumerate(rec.themes):
            for a_i, action in enumerate(theme.actions):
                at = (r_i, t_i, a_i)
                s_action = match.actions.get(at)
                if s_action is None:
                    new_actions.append((theme_ids[(r_i, t_i)], a_i, action))
                elif at in work.changed:
                    _rewrite_action(conn, s_action, action, theme_ids[(r_i, t_i)], a_i, leads)
                    notes += _history(s_action, action, work.new_notes.get(at), imported_on, author)
                elif s_action.position != a_i:
                    positions[s_action.id] = a_i
                if s_action is not None and action.indicators is not None:
                    indicators[s_action.id] = action.indicators
    plan_store.insert_actions(conn, new_actions, leads)
    plan_store.set_indicators(conn, indicators)
    plan_store.set_positions(conn, Action, positions)
    plan_store.add_updates(conn, notes)
    _retire(conn, work, imported_on)


def _update_changed(conn: Connection, model, stored, **incoming) -> None:
    """Write the fields whose incoming value differs from the stored one; un-retire the part."""
    values = {k: v for k, v in incoming.items() if getattr(stored, k) != v}
    if stored.retired_on is not None:
        values["retired_on"] = None
    plan_store.update_part(conn, model, stored.id, **values)


def _rewrite_action(
    conn: Connection,
    s: ActionRecord,
    a: ActionInput,
    theme_id: int,
    position: int,
    leads: dict[str, int],
) -> None:
    """Take the file's fields, bumping the version so an editor's older copy is refused."""
    fields = plan_store.action_fields(a)
    _versioned(conn, s, theme_id=theme_id, position=position, retired_on=None, **fields)
    if s.roles != a.roles:
        plan_store.set_action_leads(conn, s.id, a, leads)


def _history(
    s: ActionRecord, a: ActionInput, notes: list | None, imported_on: date, author: str
) -> list[dict]:
    """New history entries: the file's new notes, else a note of the status change."""
    if notes:
        return [
            {
                "action_id": s.id,
                "recorded_on": n.recorded_on,
                "text": n.text,
                "author": n.author or author,
                "status": a.status,
                "revised_due": n.revised_due,
            }
            for n in notes
        ]
    if s.status != a.status:
        label = ACTION_STATUS_LABELS.get(a.status, a.status)
        return [
            {
                "action_id": s.id,
                "recorded_on": imported_on,
                "text": f"Status changed to {label} by import",
                "author": author,
                "status": a.status,
            }
        ]
    return []


def _retire(conn: Connection, work: ImportPlan, imported_on: date) -> None:
    """Hide what the file no longer has; rows and their history stay in the database."""
    for s_action in work.removed:
        _versioned(conn, s_action, retired_on=imported_on)
    plan_store.retire(conn, Theme, [t.id for t in work.retire_themes], imported_on)
    plan_store.retire(conn, Recommendation, [r.id for r in work.retire_recs], imported_on)


def _versioned(conn: Connection, s: ActionRecord, **values) -> None:
    """Update an action only if nobody saved it since it was read (see readiness.progress)."""
    if not plan_store.update_action(conn, s.id, s.version, **values):
        raise PlanChangedError(PLAN_CHANGED)
