"""The check that a re-import stores exactly what its preview listed: the preview's changes are
compared with the difference between the stored plan before and after, worked out here from the
stored rows alone, without the code that planned the changes (readiness.plan.sync.update) or wrote
them (readiness.plan.sync.apply). If either drifts from the other, the two lists differ."""

from __future__ import annotations

from collections import Counter

from readiness.plan.input import PlanInput
from readiness.plan.records import ActionRecord, PlanData
from readiness.plan.sync.apply import apply_import, preview_import
from readiness.plan.sync.changes import Change, SyncPreview
from tests.conftest import stored_plan

# What a field the preview names changes in the stored plan: a revision or a note is a new
# history entry, and so is a status change (the file's note, else the import's own).
STORED_AS = {
    "revised_due": {"history"},
    "progress_notes": {"history"},
    "status": {"status", "history"},
}


def apply_as_previewed(engine, plan: PlanInput, on, **options) -> SyncPreview:
    """Preview `plan`, store it as confirmed, and check that what was stored is what the
    preview listed, that the plan now matches the file, and that no history was rewritten."""
    preview = preview_import(engine, plan)
    before = stored_plan(engine, retired=True)
    assert apply_import(engine, plan, on, expected=preview, **options) == preview
    after = stored_plan(engine, retired=True)
    assert written(before, after) == listed(preview)
    assert not preview_import(engine, plan).has_changes
    live = [a.text for a in stored_plan(engine).actions]  # in the plan's order
    assert live == [a.text for r in plan.recommendations for t in r.themes for a in t.actions]
    return preview


def listed(preview: SyncPreview) -> Counter:
    """The preview's changes as (change, ref, theme, action, stored fields)."""
    changes = (*preview.added, *preview.changed, *preview.removed, *preview.part_changes)
    return Counter(
        _row(c, set().union(*(STORED_AS.get(f.field, {f.field}) for f in c.fields)))
        for c in changes
    )


def written(before: PlanData, after: PlanData) -> Counter:
    """What storing changed, from the rows: actions added (or back), changed and retired, by
    their ids, and recommendations and themes kept whose fields changed."""
    old = {a.id: a for a in before.actions}
    rows = []
    for a in after.actions:
        was = old.get(a.id)
        if was is None:
            rows.append(_row(Change("added", *_label(after, a)), set()))
            continue
        fields = _diff(was, a, EXACT, ("text", "due_text", "evidence"), LEADS)
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
        if r.id in old_recs:
            fields = _diff(old_recs[r.id], r, ("ref", "kind"), ("text",), ("areas",))
            rows += [_row(Change("changed", r.ref, "", ""), fields)] if fields else []
    ref = {r.id: r.ref for r in after.recommendations}
    old_themes = {t.id: t for t in before.themes}
    for t in after.themes:
        if t.id in old_themes:
            fields = _diff(old_themes[t.id], t, (), ("text",), ("service_leads",))
            theme = Change("changed", ref[t.recommendation_id], t.text, "")
            rows += [_row(theme, fields)] if fields else []
    return Counter(rows)


EXACT = ("start", "due", "status", "completed", "indicators", "retired_on")
LEADS = ("service_leads", "other_leads")


def _diff(was, now, exact: tuple, words: tuple, sets: tuple) -> set[str]:
    """The fields that differ: compared exactly, as a reader sees the words, or as sets."""
    return (
        {f for f in exact if getattr(was, f) != getattr(now, f)}
        | {f for f in words if _words(getattr(was, f)) != _words(getattr(now, f))}
        | {f for f in sets if set(getattr(was, f)) != set(getattr(now, f))}
    )


def _label(plan: PlanData, action: ActionRecord) -> tuple[str, str, str]:
    """(ref, theme, action) as the preview names an action."""
    theme = next(t for t in plan.themes if t.id == action.theme_id)
    rec = next(r for r in plan.recommendations if r.id == theme.recommendation_id)
    return rec.ref, theme.text, action.text


def _row(change: Change, fields: set[str]) -> tuple:
    return change.change, change.ref, change.theme, change.action, tuple(sorted(fields))


def _words(text: str | None) -> str:
    """Text as a reader sees it: a change of spacing alone is no change."""
    return " ".join((text or "").split())
