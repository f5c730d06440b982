"""The check that a re-import stores exactly what its preview listed: the preview's changes are
compared with the difference between the stored plan before and after, worked out here from the
stored rows alone, without the code that planned the changes (readiness.plan.sync.update) or wrote
them (readiness.plan.sync.apply). If either drifts from the other, the two lists differ.

Texts are compared exactly: a text the file changes only in its spacing reads the same, so it must
be kept as stored, not changed without the preview saying so."""

from __future__ import annotations

from collections import Counter

from readiness.access.roles import LOCAL_USER
from readiness.plan.input import PlanInput
from readiness.plan.records import ActionRecord, PlanData
from readiness.plan.sync.changes import Change, SyncPreview
from readiness.text import one_line
from tests.conftest import store_of, stored_plan

# What a field the preview names changes in the stored plan: a revision or a note is a new
# history entry, and so is a status change (the file's note, else the import's own).
STORED_AS = {
    "revised_due": {"history"},
    "progress_notes": {"history"},
    "status": {"status", "history"},
}


def apply_as_previewed(engine, plan: PlanInput, on, **options) -> SyncPreview:
    """Preview `plan`, store it as confirmed, and check that what was stored is what the
    preview listed, that the plan now matches the file (its refs, its actions' texts as a reader
    sees them) and that no history was rewritten."""
    preview = store_of(engine).preview_plan_import(plan)
    before = stored_plan(engine, retired=True)
    assert (
        store_of(engine).import_plan(plan, on, expected=preview, **options, by=LOCAL_USER)
        == preview
    )
    after = stored_plan(engine, retired=True)
    stored, shown = written(before, after), listed(preview)
    assert stored == shown, (
        f"Stored, not listed: {stored - shown}; listed, not stored: {shown - stored}"
    )
    assert not store_of(engine).preview_plan_import(plan).has_changes
    now = stored_plan(engine)
    assert [r.ref for r in now.recommendations] == [r.ref for r in plan.recommendations]
    live = [one_line(a.text) for a in now.actions]  # in the plan's order
    assert live == [
        one_line(a.text) for r in plan.recommendations for t in r.themes for a in t.actions
    ]
    return preview


def listed(preview: SyncPreview) -> Counter:
    """The preview's changes as (change, ref, theme, action, stored fields)."""
    changes = (*preview.added, *preview.changed, *preview.removed, *preview.part_changes)
    rows = Counter(
        _row(c, set().union(*(STORED_AS.get(f.field, {f.field}) for f in c.fields)))
        for c in changes
    )
    return rows + Counter(("job title", *title) for title in preview.job_titles)


def written(before: PlanData, after: PlanData) -> Counter:
    """What storing changed, from the rows: actions added (or back), changed and retired, by
    their ids, recommendations and themes still in the plan whose fields changed (one no longer
    in it is read by nobody: its removal shows through its actions'), and the job titles of
    officers known before."""
    old = {a.id: a for a in before.actions}
    rows = []
    for a in after.actions:
        was = old.get(a.id)
        if was is None:
            rows.append(_row(Change("added", *_label(after, a)), set()))
            continue
        fields = _diff(was, a, EXACT, LEADS)
        fields |= {"theme"} if was.theme_id != a.theme_id else set()
        fields |= {"history"} if len(a.updates) > len(was.updates) else set()
        assert a.version == was.version + bool(fields), f"{a.text}: rewritten with no change"
        assert a.updates[: len(was.updates)] == was.updates, f"{a.text}: history rewritten"
        if was.retired_on is None and a.retired_on is not None:
            rows.append(_row(Change("removed", *_label(before, was)), fields - {"retired_on"}))
        elif was.retired_on is not None and a.retired_on is None:
            rows.append(_row(Change("added", *_label(after, a)), fields))
        elif fields:
            rows.append(_row(Change("changed", *_label(after, a)), fields))
    old_recs = {r.id: r for r in before.recommendations}
    for r in after.recommendations:
        if r.id in old_recs and r.retired_on is None:
            fields = _diff(old_recs[r.id], r, ("ref", "kind", "text"), ("areas",))
            rows += [_row(Change("changed", r.ref, "", ""), fields)] if fields else []
    ref = {r.id: r.ref for r in after.recommendations}
    old_themes = {t.id: t for t in before.themes}
    for t in after.themes:
        if t.id in old_themes and t.retired_on is None:
            fields = _diff(old_themes[t.id], t, ("text",), ("service_leads",))
            theme = Change("changed", ref[t.recommendation_id], t.text, "")
            rows += [_row(theme, fields)] if fields else []
    rows += [
        ("job title", name, title)
        for name, title in after.lead_roles.items()
        if name in before.lead_roles and title != before.lead_roles[name]
    ]
    return Counter(rows)


EXACT = ("text", "due_text", "evidence", "start", "due", "status", "completed")
EXACT += ("indicators", "retired_on")
LEADS = ("service_leads", "other_leads")


def _diff(was, now, exact: tuple, sets: tuple) -> set[str]:
    """The fields that differ, compared exactly or as sets."""
    return {f for f in exact if getattr(was, f) != getattr(now, f)} | {
        f for f in sets if set(getattr(was, f)) != set(getattr(now, f))
    }


def _label(plan: PlanData, action: ActionRecord) -> tuple[str, str, str]:
    """(ref, theme, action) as the preview names an action."""
    theme = next(t for t in plan.themes if t.id == action.theme_id)
    rec = next(r for r in plan.recommendations if r.id == theme.recommendation_id)
    return rec.ref, theme.text, action.text


def _row(change: Change, fields: set[str]) -> tuple:
    """A change as a reader tells it apart: the preview names a part by the file's text, kept as
    stored where the file differs only in spacing."""
    names = (one_line(change.theme), one_line(change.action))
    return change.change, change.ref, *names, tuple(sorted(fields))
