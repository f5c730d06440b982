"""Storing an imported plan: as a new plan, or as an update of the stored plan in place.

A council re-imports its plan every month or so. Each action keeps its identity across versions
(readiness.plan.sync.matching), so its progress history stays with it. An update is applied in place
in one transaction: matched actions keep their id and history and take the file's fields; an
action the file no longer has is retired (hidden, never deleted), and comes back with its
history if a later file has it again. What changes is worked out first, part by part
(readiness.plan.sync.update's steps, the same the preview is made from); this module only writes the
steps, through readiness.plan.store, inside the transaction readiness.store owns:

    preview = store.preview_plan_import(result.plan)      # show preview.summary(), .table()
    store.import_plan(result.plan, imported_on, expected=preview)
"""

from __future__ import annotations

from datetime import date
from itertools import count

from sqlalchemy import Connection

from readiness.db.models import Action, Recommendation, Theme
from readiness.plan import store as plan_store
from readiness.plan.importing.mapping import ColumnMap, FoundHeadings
from readiness.plan.input import PlanInput
from readiness.plan.records import ActionRecord, RecommendationRecord
from readiness.plan.store import column_maps
from readiness.plan.sync.changes import SyncPreview
from readiness.plan.sync.update import ImportPlan, Step, plan_import
from readiness.vocabulary import ACTION_STATUS_LABELS

REF_MAX = Recommendation.ref.type.length


class PlanChangedError(Exception):
    """The stored plan changed between the preview and storing it; nothing was stored."""


PLAN_CHANGED = (
    "The stored plan changed after this preview was made (someone else stored a plan or saved "
    "progress meanwhile), so nothing was stored. Check the file again: look over the new preview "
    "of its changes, then store it."
)


def preview_import(
    conn: Connection, incoming: PlanInput, *, as_new_plan: bool = False
) -> SyncPreview:
    """What storing `incoming` would do, without writing anything."""
    stored = plan_store.load_plan(conn, retired=True)
    return plan_import(stored, incoming, as_new_plan).preview


def apply_import(
    conn: Connection,
    incoming: PlanInput,
    imported_on: date,
    *,
    as_new_plan: bool = False,
    expected: SyncPreview | None = None,
    author: str = "Import",
    columns: tuple[FoundHeadings, ColumnMap] | None = None,
) -> SyncPreview:
    """Store `incoming` in the caller's one transaction (all or nothing); what was done.

    With `expected` (the preview the user confirmed), raises PlanChangedError and stores nothing
    if the changes worked out now differ from it. `imported_on` dates the new plan, retirements
    and status changes; `author` signs the progress entries the import adds for status changes.
    `columns` is the user's reading of the file's heading row, remembered with the plan
    (ImportResult.mapping_to_remember).
    """
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
    """Write the worked-out steps in place (the caller's transaction commits or rolls back):
    recommendations, then themes, then actions, so new parts have ids for their children."""
    leads = plan_store.ensure_leads(conn, plan.lead_names, plan.lead_roles)
    ids: dict[tuple[int, ...], int] = {}  # each part's place in the file -> its row's id
    _write_recommendations(conn, work, ids)
    _write_themes(conn, work.themes, ids, leads)
    _write_actions(conn, work.actions, ids, leads, imported_on, author)
    _retire(conn, work, imported_on)


def _write_recommendations(conn: Connection, work: ImportPlan, ids: dict) -> None:
    steps = work.recommendations
    # A ref is unique within a plan. One the file gives to another is first taken for good from
    # the recommendation the file does not have (retired now or before) ...
    taken = {r.ref for r in work.stored.recommendations} | {s.incoming.ref for s in steps}
    for rec in work.set_aside:
        ref = _set_aside_ref(rec, taken)
        taken.add(ref)
        plan_store.update_part(conn, Recommendation, rec.id, ref=ref)
    # ... and a recommendation matched by text may take another's ref ("REC 1" and "REC 2"
    # swapped): each renamed one first gets a ref no other has, so no two share one on the way.
    for step in steps:
        if "ref" in step.changed:
            plan_store.update_part(conn, Recommendation, step.stored.id, ref=f"~{step.stored.id}")
    new = []
    for step in steps:
        rec = step.incoming
        if step.stored is None:
            new.append(step)
            continue
        ids[step.at] = step.stored.id
        _update_changed(conn, Recommendation, step, ref=rec.ref, kind=rec.kind, text=rec.text)
        if "areas" in step.changed:
            plan_store.set_areas(conn, step.stored.id, rec.areas)
    rows = [(s.position, s.incoming) for s in new]
    _new_ids(ids, new, plan_store.insert_recommendations(conn, work.stored.id, rows))


def _set_aside_ref(rec: RecommendationRecord, taken: set[str]) -> str:
    """A ref no other has for a recommendation the file does not have, saying which it was
    ("REC 1 (removed)"): a later file bringing it back shows "Ref: REC 1 (removed) → REC 3"."""
    names = (f"{rec.ref} (removed{f' {n}' if n > 1 else ''})" for n in count(1))
    ref = next(name for name in names if name not in taken)
    # A ref too long for the column takes the id instead: a file's refs ("REC 1") never clash.
    return ref if len(ref) <= REF_MAX else f"~{rec.id}"


def _write_themes(conn: Connection, steps, ids: dict, leads: dict[str, int]) -> None:
    new = []
    for step in steps:
        theme = step.incoming
        if step.stored is None:
            new.append(step)
            continue
        ids[step.at] = step.stored.id
        _update_changed(conn, Theme, step, text=theme.text)
        if "service_leads" in step.changed:
            plan_store.set_theme_leads(conn, step.stored.id, theme.service_leads, leads)
    rows = [(ids[s.at[:-1]], s.position, s.incoming) for s in new]
    _new_ids(ids, new, plan_store.insert_themes(conn, rows, leads))


def _write_actions(
    conn: Connection, steps, ids: dict, leads: dict[str, int], imported_on: date, author: str
) -> None:
    new_actions = []
    positions: dict[int, int] = {}
    notes: list[dict] = []
    indicators: dict[int, tuple[str, ...]] = {}  # only where the file names them
    for step in steps:
        s, action, theme_id = step.stored, step.incoming, ids[step.at[:-1]]
        if s is None:
            new_actions.append((theme_id, step.position, action))
            continue
        if step.change:
            _rewrite_action(conn, step, theme_id, leads)
            notes += _history(step, imported_on, author)
        elif s.position != step.position:
            positions[s.id] = step.position
        if action.indicators is not None:
            indicators[s.id] = action.indicators
    plan_store.insert_actions(conn, new_actions, leads)
    plan_store.set_indicators(conn, indicators)
    plan_store.set_positions(conn, Action, positions)
    plan_store.add_updates(conn, notes)


def _new_ids(ids: dict, steps: list[Step], new_ids: list[int]) -> None:
    ids |= {step.at: i for step, i in zip(steps, new_ids, strict=True)}


def _update_changed(conn: Connection, model, step: Step, **incoming) -> None:
    """Write the fields the preview lists as changed and the file's position; un-retire the
    part."""
    stored = step.stored
    values = _listed(step, incoming)
    if stored.position != step.position:
        values["position"] = step.position
    if stored.retired_on is not None:
        values["retired_on"] = None
    plan_store.update_part(conn, model, stored.id, **values)


def _listed(step: Step, fields: dict) -> dict:
    """Only the fields the preview lists: a text differing from the stored one only in its
    spacing reads the same, so the stored text is kept rather than changed unannounced."""
    return {name: value for name, value in fields.items() if name in step.changed}


def _rewrite_action(conn: Connection, step: Step, theme_id: int, leads: dict[str, int]) -> None:
    """Take the file's fields, bumping the version so an editor's older copy is refused."""
    s, action = step.stored, step.incoming
    fields = _listed(step, plan_store.action_fields(action))
    _versioned(conn, s, theme_id=theme_id, position=step.position, retired_on=None, **fields)
    if step.changed & {"service_leads", "other_leads"}:
        plan_store.set_action_leads(conn, s.id, action, leads)


def _history(step: Step, imported_on: date, author: str) -> list[dict]:
    """New history entries: the file's new notes, else a note of the status change."""
    s, action = step.stored, step.incoming
    if step.notes:
        return [
            {
                "action_id": s.id,
                "recorded_on": n.recorded_on,
                "text": n.text,
                "author": n.author or author,
                "status": action.status,
                "revised_due": n.revised_due,
            }
            for n in step.notes
        ]
    if "status" in step.changed:
        label = ACTION_STATUS_LABELS.get(action.status, action.status)
        return [
            {
                "action_id": s.id,
                "recorded_on": imported_on,
                "text": f"Status changed to {label} by import",
                "author": author,
                "status": action.status,
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
    """Update an action only if nobody saved it since it was read (see readiness.plan.progress)."""
    if not plan_store.update_action(conn, s.id, s.version, **values):
        raise PlanChangedError(PLAN_CHANGED)
