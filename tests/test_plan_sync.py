"""Storing an imported plan: a new plan, or a newer version of the stored one updated in place so
every action keeps its id and progress history; removed parts are retired, never deleted."""

from __future__ import annotations

import copy
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from readiness.bootstrap import prepare_database
from readiness.db import make_engine
from readiness.demo import demo_plan
from readiness.models import Action, Base, ImprovementPlan, ProgressUpdate, Theme
from readiness.plan_changes import Change, FieldChange, SyncPreview
from readiness.plan_input import ActionInput, PlanInput, ThemeInput, UpdateInput
from readiness.plan_matching import normalise, similarity
from readiness.plan_sync import PlanChangedError, apply_import, preview_import
from readiness.progress import ConcurrentEditError, ProgressEntry, record_update
from readiness.rag import format_date
from tests.conftest import AS_AT, stored_plan

LATER = AS_AT + timedelta(days=30)  # the date the newer version is imported
NOTE = "Signed off at the improvement board; audit shows the new standard in use."


@pytest.fixture
def empty_engine(any_db_url):
    engine = make_engine(any_db_url)
    prepare_database(engine, AS_AT, demo=False)
    yield engine
    engine.dispose()


def snapshot(engine) -> dict[str, list[tuple]]:
    """Every row of every table, to show that nothing at all was written."""
    with engine.connect() as conn:
        return {
            name: sorted(map(tuple, conn.execute(table.select())), key=repr)
            for name, table in Base.metadata.tables.items()
        }


def actions_of(plan: PlanInput) -> list[tuple[str, ThemeInput, ActionInput]]:
    return [(r.ref, t, a) for r in plan.recommendations for t in r.themes for a in t.actions]


def stored_by_text(engine) -> dict[str, object]:
    return {a.text: a for a in stored_plan(engine).actions}


def newer_version(plan: PlanInput) -> tuple[PlanInput, dict[str, str]]:
    """A copy with one due date moved, one action completed, one reworded, one added to a
    theme, a new theme with two actions, and one removed. Returns it and the texts involved."""
    plan = copy.deepcopy(plan)
    every = actions_of(plan)
    live = [(ref, t, a) for ref, t, a in every if a.status == "in_progress" and a.due]
    _, _, moved = live[0]
    moved.due += timedelta(days=30)
    _, _, done = live[1]
    done.status, done.completed = "complete", LATER - timedelta(days=2)
    done.updates.append(UpdateInput(LATER - timedelta(days=2), NOTE, "complete", "Priya Shah"))
    _, _, reworded = live[2]
    old_text = reworded.text
    reworded.text = reworded.text.replace(" the ", " our ", 1).rstrip(".") + " this year."
    assert normalise(old_text) != normalise(reworded.text)
    assert similarity(normalise(old_text), normalise(reworded.text)) >= 0.85
    picked = (moved, done, reworded)
    _, theme, gone = next(
        x for x in reversed(every) if x[2].updates and all(x[2] is not p for p in picked)
    )
    theme.actions.remove(gone)
    first_theme = plan.recommendations[0].themes[0]
    first_theme.actions.append(
        ActionInput("Publish the revised practice standards on the intranet.", ["Daniel Okafor"])
    )
    plan.recommendations[1].themes.append(
        ThemeInput(
            "Learning from audits",
            ["Daniel Okafor"],
            [
                ActionInput(
                    "Run a monthly audit learning session for team managers.", ["New Lead"]
                ),
                ActionInput(
                    "Track audit actions to completion in the performance report.",
                    ["Daniel Okafor"],
                    other_leads=["Aisha Rahman"],
                    due=AS_AT + timedelta(days=90),
                ),
            ],
        )
    )
    texts = dict(
        moved=moved.text,
        done=done.text,
        reworded=reworded.text,
        old_reworded=old_text,
        gone=gone.text,
        gone_theme=theme.text,
        first_theme=first_theme.text,
    )
    return plan, texts


def other_plan() -> PlanInput:
    """A different plan that happens to share the demo's refs and wording."""
    plan = demo_plan(AS_AT, seed=99)
    for rec in plan.recommendations:
        rec.text = "Other: " + rec.text
        for theme in rec.themes:
            theme.text = "Other: " + theme.text
            for action in theme.actions:
                action.text = "Other: " + action.text
    return plan


# --- Pure helpers --------------------------------------------------------------------------------


def test_normalised_text_ignores_case_spacing_punctuation_and_bullets():
    assert normalise("• Review  the CIN plans, with   staff.") == "review the cin plans with staff"
    assert normalise("- review the CIN plans with staff") == normalise(
        "Review the CIN plans; with staff"
    )
    assert similarity("review the plans", "audit every case file") < 0.85


def test_preview_summary_and_table_shape():
    due = FieldChange("due", date(2026, 1, 1), date(2026, 1, 2))
    change = Change("changed", "REC 1", "Theme", "Do it.", (due,))
    preview = SyncPreview(
        "update", "Plan", 5, 3, (Change("added", "REC 1", "Theme", "New."),), (change,), ()
    )
    assert preview.summary() == (
        "Update of the stored plan: 1 added, 1 changed, 0 removed, 3 unchanged."
    )
    table = preview.table()
    assert list(table.columns) == ["Change", "Ref", "Theme", "Action", "What changed"]
    assert list(table["Change"]) == ["added", "changed"]
    assert table.iloc[1]["What changed"] == "Due: 1 Jan 2026 → 2 Jan 2026"


# --- (1) A new plan into an empty database -------------------------------------------------------


def test_a_plan_into_an_empty_database_is_stored_as_a_new_plan(empty_engine):
    plan = demo_plan(AS_AT)
    preview = preview_import(empty_engine, plan)
    assert preview.mode == "new_plan"
    assert preview.summary() == "New plan: 8 recommendations, 21 themes, 100 actions."
    assert preview.table().empty
    assert stored_plan(empty_engine) is None  # the preview wrote nothing
    assert apply_import(empty_engine, plan, AS_AT, expected=preview) == preview
    stored = stored_plan(empty_engine)
    assert stored.title == plan.title and len(stored.actions) == 100
    assert [a.text for a in stored.actions] == [a.text for _, _, a in actions_of(plan)]
    assert sum(len(a.updates) for a in stored.actions) == sum(
        len(a.updates) for _, _, a in actions_of(plan)
    )


# --- (2) The same plan again ---------------------------------------------------------------------


def test_reimporting_the_same_plan_changes_nothing(engine):
    before = snapshot(engine)
    preview = preview_import(engine, demo_plan(AS_AT))
    assert preview.mode == "update"
    assert (preview.added, preview.changed, preview.removed) == ((), (), ())
    assert preview.matched == preview.unchanged == 100
    assert "0 added, 0 changed, 0 removed, 100 unchanged" in preview.summary()
    apply_import(engine, demo_plan(AS_AT), LATER, expected=preview)
    assert snapshot(engine) == before  # versions, history, everything


def test_spacing_case_and_punctuation_alone_do_not_make_a_new_action(engine):
    plan = demo_plan(AS_AT)
    for _, _, action in actions_of(plan)[:10]:
        action.text = "• " + action.text.upper().replace(",", "")
    preview = preview_import(engine, plan)
    assert preview.mode == "update" and not preview.added and not preview.removed
    assert all(c.details == ("Text changed",) for c in preview.changed)


# --- (3) A newer version of the plan -------------------------------------------------------------


def test_preview_of_a_newer_version_lists_exactly_what_changed(engine):
    before = {a.text: a for a in stored_plan(engine).actions}
    plan, texts = newer_version(demo_plan(AS_AT))
    preview = preview_import(engine, plan)
    assert preview.mode == "update"
    assert preview.summary() == (
        "Update of the stored plan: 3 added, 3 changed, 1 removed, 96 unchanged."
    )
    assert preview.matched == 99 and preview.part_changes == ()
    assert {c.action for c in preview.added} == {
        "Publish the revised practice standards on the intranet.",
        "Run a monthly audit learning session for team managers.",
        "Track audit actions to completion in the performance report.",
    }
    assert {c.theme for c in preview.added} == {texts["first_theme"], "Learning from audits"}
    changed = {c.action: c.details for c in preview.changed}
    old_due = before[texts["moved"]].due
    assert changed[texts["moved"]] == (
        f"Due: {format_date(old_due)} → {format_date(old_due + timedelta(days=30))}",
    )
    assert changed[texts["done"]] == (
        "Status: In progress → Complete",
        f"Completed: none → {format_date(LATER - timedelta(days=2))}",
        "New progress note",
    )
    assert changed[texts["reworded"]] == ("Text changed",)
    assert preview.removed == (
        Change("removed", preview.removed[0].ref, texts["gone_theme"], texts["gone"]),
    )
    table = preview.table()
    assert list(table["Change"]) == ["added"] * 3 + ["changed"] * 3 + ["removed"]
    assert "Status: In progress → Complete; Completed:" in " ".join(table["What changed"])


def test_applying_a_newer_version_keeps_ids_and_history(engine):
    before = stored_by_text(engine)
    plan, texts = newer_version(demo_plan(AS_AT))
    gone = before[texts["gone"]]
    with engine.connect() as conn:
        gone_history = conn.scalar(select(func.count()).where(ProgressUpdate.action_id == gone.id))
    assert gone_history > 0

    preview = preview_import(engine, plan)
    done = apply_import(engine, plan, LATER, expected=preview)
    assert done == preview
    after = stored_by_text(engine)
    stored = stored_plan(engine)

    reworded = after[texts["reworded"]]
    old = before[texts["old_reworded"]]
    assert reworded.id == old.id and reworded.updates == old.updates
    assert reworded.version == old.version + 1

    completed = after[texts["done"]]
    old = before[texts["done"]]
    assert completed.id == old.id and completed.status == "complete"
    assert completed.completed == LATER - timedelta(days=2)
    assert completed.updates[: len(old.updates)] == old.updates
    assert len(completed.updates) == len(old.updates) + 1
    new = completed.updates[-1]
    assert (new.text, new.author, new.status) == (NOTE, "Priya Shah", "complete")

    moved = after[texts["moved"]]
    assert moved.due == before[texts["moved"]].due + timedelta(days=30)
    assert moved.version == before[texts["moved"]].version + 1
    assert moved.updates == before[texts["moved"]].updates

    # The removed action is hidden but kept, with its history.
    assert texts["gone"] not in after
    with engine.connect() as conn:
        row = conn.execute(select(Action.retired_on, Action.text).where(Action.id == gone.id)).one()
        assert row == (LATER, texts["gone"])
        assert (
            conn.scalar(select(func.count()).where(ProgressUpdate.action_id == gone.id))
            == gone_history
        )

    # New parts are in the plan, in the file's order.
    assert len(stored.actions) == 102
    rec_2 = stored.recommendations[1]
    themes_2 = [t for t in stored.themes if t.recommendation_id == rec_2.id]
    assert themes_2[-1].text == "Learning from audits"
    assert themes_2[-1].service_leads == ("Daniel Okafor",)
    new_action = after["Run a monthly audit learning session for team managers."]
    assert new_action.theme_id == themes_2[-1].id and new_action.service_leads == ("New Lead",)
    first_theme = stored.themes[0]
    in_first = [a for a in stored.actions if a.theme_id == first_theme.id]
    assert in_first[-1].text == "Publish the revised practice standards on the intranet."
    assert [a.text for a in stored.actions] == [a.text for _, _, a in actions_of(plan)]

    # Untouched actions keep their version; nothing else was rewritten.
    for text, action in after.items():
        if text in before and text not in (texts["moved"], texts["done"]):
            assert action.version == before[text].version and action.updates == before[text].updates
    # And importing the same file again finds nothing to do.
    again = preview_import(engine, plan)
    assert again.summary() == (
        "Update of the stored plan: 0 added, 0 changed, 0 removed, 102 unchanged. "
        "The file matches the stored plan."
    )


def test_an_editor_holding_a_copy_from_before_the_import_is_refused(engine):
    before = stored_by_text(engine)
    plan, texts = newer_version(demo_plan(AS_AT))
    apply_import(engine, plan, LATER)
    old = before[texts["moved"]]
    stale = ProgressEntry(old.id, old.version, "Moved on.", "in_progress", LATER, "Daniel Okafor")
    with pytest.raises(ConcurrentEditError):
        record_update(engine, stale)
    gone = before[texts["gone"]]
    with pytest.raises(ConcurrentEditError):  # a retired action takes no more updates
        record_update(engine, ProgressEntry(gone.id, gone.version, "x", "in_progress", LATER, "A"))


def test_a_status_change_without_a_note_is_recorded_by_the_import(engine):
    plan = demo_plan(AS_AT)
    _, _, action = next(x for x in actions_of(plan) if x[2].status == "not_started")
    action.status = "in_progress"
    before = stored_by_text(engine)[action.text]
    apply_import(engine, plan, LATER, author="Data team")
    after = stored_by_text(engine)[action.text]
    assert after.updates[: len(before.updates)] == before.updates
    assert [
        (u.recorded_on, u.text, u.author, u.status) for u in after.updates[len(before.updates) :]
    ] == [(LATER, "Status changed to In progress by import", "Data team", "in_progress")]


def test_theme_and_recommendation_changes_and_moves_between_themes(engine):
    plan = demo_plan(AS_AT)
    rec = plan.recommendations[0]
    before = stored_by_text(engine)
    theme_ids = {t.text: t.id for t in stored_plan(engine).themes}
    old_theme = rec.themes[0].text
    rec.themes[0].text = old_theme + " now"
    rec.text = rec.text + " Updated after the monitoring visit."
    moving = rec.themes[1].actions.pop(0)
    rec.themes[2].actions.append(moving)
    preview = preview_import(engine, plan)
    assert [(c.ref, c.theme, c.details) for c in preview.part_changes] == [
        (rec.ref, "", ("Recommendation text changed",)),
        (rec.ref, rec.themes[0].text, (f'Theme renamed from "{old_theme}"',)),
    ]
    assert [c.details for c in preview.changed] == [(f'Moved from theme "{rec.themes[1].text}"',)]
    assert "also 1 recommendation and 1 theme changed" in preview.summary()
    apply_import(engine, plan, LATER, expected=preview)
    stored = stored_plan(engine)
    after = stored_by_text(engine)
    assert stored.recommendations[0].text == rec.text
    assert (
        stored.themes[0].text == rec.themes[0].text and stored.themes[0].id == theme_ids[old_theme]
    )
    assert after[moving.text].id == before[moving.text].id
    assert after[moving.text].theme_id == theme_ids[rec.themes[2].text]
    assert after[moving.text].updates == before[moving.text].updates


# --- (4) A different plan ------------------------------------------------------------------------


def test_a_different_plan_is_stored_as_a_new_plan_beside_the_old_one(engine):
    old = stored_plan(engine)
    plan = other_plan()
    preview = preview_import(engine, plan)
    assert preview.mode == "new_plan"
    assert "taken to be a different plan" in preview.summary()
    apply_import(engine, plan, LATER, expected=preview)
    new = stored_plan(engine)
    assert new.id != old.id and all(a.text.startswith("Other: ") for a in new.actions)
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(ImprovementPlan)) == 2
        live = conn.scalar(select(func.count()).where(Action.retired_on.is_(None)))
    assert live == 200  # the old plan's 100, untouched, and the new plan's 100


def test_asking_for_a_new_plan_stores_even_the_same_plan_as_new(engine):
    preview = preview_import(engine, demo_plan(AS_AT), as_new_plan=True)
    assert preview.mode == "new_plan" and "as asked" in preview.summary()
    first = stored_plan(engine)
    apply_import(engine, demo_plan(AS_AT), LATER, as_new_plan=True, expected=preview)
    assert stored_plan(engine).id != first.id


# --- (5) The stored plan changed after the preview -----------------------------------------------


def test_a_stale_preview_is_refused_and_nothing_is_written(engine):
    plan, texts = newer_version(demo_plan(AS_AT))
    preview = preview_import(engine, plan)
    # Meanwhile someone records progress on an action the file changes.
    action = stored_by_text(engine)[texts["done"]]
    record_update(
        engine,
        ProgressEntry(
            action.id, action.version, "Closed early.", "complete", AS_AT, "Aisha Rahman"
        ),
    )
    before = snapshot(engine)
    with pytest.raises(PlanChangedError, match="Check the file again"):
        apply_import(engine, plan, LATER, expected=preview)
    assert snapshot(engine) == before


def test_a_preview_made_before_another_import_is_refused(engine):
    plan, _ = newer_version(demo_plan(AS_AT))
    preview = preview_import(engine, plan)
    apply_import(engine, plan, LATER)  # someone else stored it first
    before = snapshot(engine)
    with pytest.raises(PlanChangedError):
        apply_import(engine, plan, LATER, expected=preview)
    assert snapshot(engine) == before


# --- (6) All or nothing --------------------------------------------------------------------------


def test_an_error_halfway_leaves_the_database_as_it_was(engine, monkeypatch):
    import readiness.plan_sync as plan_sync

    def fail(session, sync, as_at):
        # Retiring is the last step: by now the new and changed rows have been written.
        assert session.scalar(select(func.count()).select_from(Action)) == 103
        assert session.scalar(select(func.count()).where(ProgressUpdate.text == NOTE)) == 1
        raise RuntimeError("disk full")

    monkeypatch.setattr(plan_sync, "_retire", fail)
    plan, _ = newer_version(demo_plan(AS_AT))
    before = snapshot(engine)
    with pytest.raises(RuntimeError, match="disk full"):
        apply_import(engine, plan, LATER)
    assert snapshot(engine) == before


# --- (7) A removed action that comes back --------------------------------------------------------


def test_a_retired_action_that_reappears_is_restored_with_its_history(engine):
    original = stored_by_text(engine)
    plan, texts = newer_version(demo_plan(AS_AT))
    apply_import(engine, plan, LATER)
    assert texts["gone"] not in stored_by_text(engine)

    back = demo_plan(AS_AT)  # the earlier version again: the removed action is back
    preview = preview_import(engine, back)
    restored = [c for c in preview.added if c.action == texts["gone"]]
    assert len(restored) == 1
    assert restored[0].details[0] == (
        f"Back in the plan (removed on {format_date(LATER)}; its history is kept)"
    )
    apply_import(engine, back, LATER + timedelta(days=1), expected=preview)
    after = stored_by_text(engine)
    gone = original[texts["gone"]]
    assert after[texts["gone"]].id == gone.id
    assert after[texts["gone"]].updates == gone.updates
    assert [a.text for a in stored_plan(engine).actions] == [a.text for _, _, a in actions_of(back)]
    # The theme and actions added by the newer version are retired in turn, not deleted.
    assert "Learning from audits" not in {t.text for t in stored_plan(engine).themes}
    with engine.connect() as conn:
        assert conn.scalar(
            select(Theme.retired_on).where(Theme.text == "Learning from audits")
        ) == LATER + timedelta(days=1)


def test_a_council_s_own_numbering_matches_recommendations_by_text(engine):
    """The council's table numbers the recommendations its own way, here swapping the first two
    refs: each recommendation is still the same one, with its actions and history."""
    plan = copy.deepcopy(demo_plan(AS_AT))
    first, second = plan.recommendations[0], plan.recommendations[1]
    first.ref, second.ref = second.ref, first.ref
    first.areas = []  # the committee layout names no areas: the stored ones are kept
    before = stored_by_text(engine)
    stored_areas = {r.text: r.areas for r in stored_plan(engine).recommendations}
    shown = preview_import(engine, plan).table()  # the preview a user confirms, in words
    assert any(f"Ref: {second.ref} → {first.ref}" in d for d in shown["What changed"])
    preview = apply_import(engine, plan, LATER)
    assert preview.mode == "update" and not preview.added and not preview.removed
    after = stored_plan(engine)
    refs = {r.text: r.ref for r in after.recommendations}
    assert (refs[first.text], refs[second.text]) == (first.ref, second.ref)
    assert {a.text: a.id for a in after.actions} == {t: a.id for t, a in before.items()}
    kept = next(r for r in after.recommendations if r.text == first.text)
    assert set(kept.areas) == set(stored_areas[first.text]) and kept.areas


def test_a_re_import_that_changes_only_an_action_s_indicators_says_so(engine):
    plan = copy.deepcopy(demo_plan(AS_AT))
    _, _, action = actions_of(plan)[0]
    action.indicators = ("rereferrals", "our_own_measure")
    preview = preview_import(engine, plan)
    assert preview.mode == "update" and len(preview.changed) == 1
    details = preview.table()["What changed"].tolist()
    assert any(
        "Indicators it should move: none → Re-referrals within 12 months, our_own_measure" in d
        for d in details
    )
