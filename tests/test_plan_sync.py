"""Storing an imported plan: a new plan, or a newer version of the stored one updated in place so
every action keeps its id and progress history; removed parts are retired, never deleted. Each
kind of edit in the file, previewed and stored, is a row of tests.test_reimport.EDITS."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, update

from readiness.access.roles import LOCAL_USER, Person, Role
from readiness.db.engine import make_engine
from readiness.db.models import Action, Base, ImprovementPlan, LeadOfficer, ProgressUpdate, Theme
from readiness.demo.plan import demo_plan
from readiness.demo.prepare import prepare_database
from readiness.plan.input import ActionInput, PlanInput, ThemeInput, UpdateInput
from readiness.plan.progress import ConcurrentEditError, ProgressEntry
from readiness.plan.sync.apply import PlanChangedError
from readiness.plan.sync.changes import Change, FieldChange, SyncPreview
from readiness.plan.sync.matching import SIMILAR, similarity
from readiness.text import format_date, loose_words
from tests.conftest import AS_AT, store_of, stored_plan
from tests.reimport_check import apply_as_previewed

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


def newer_version(plan: PlanInput) -> dict[str, str]:
    """Edit `plan` in place: one due date moved, one action completed, one reworded, one added
    to a theme, a new theme with two actions, and one removed. Returns the texts involved."""
    every = actions_of(plan)
    live = [(ref, t, a) for ref, t, a in every if a.status == "in_progress" and a.due]
    moved, done, reworded = (a for _, _, a in live[:3])
    moved.due += timedelta(days=30)
    done.status, done.completed = "complete", LATER - timedelta(days=2)
    done.updates.append(UpdateInput(LATER - timedelta(days=2), NOTE, "complete", "Priya Shah"))
    old_text = reworded.text
    reworded.text = reworded.text.replace(" the ", " our ", 1).rstrip(".") + " this year."
    assert loose_words(old_text) != loose_words(reworded.text)
    assert similarity(loose_words(old_text), loose_words(reworded.text)) >= 0.85
    gone_ref, theme, gone = next(
        x for x in reversed(every) if x[2].updates and x[2] not in (moved, done, reworded)
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
    return dict(
        moved=moved.text,
        done=done.text,
        reworded=reworded.text,
        old_reworded=old_text,
        gone=gone.text,
        gone_ref=gone_ref,
        gone_theme=theme.text,
    )


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


# --- The rules of matching and the preview's words ------------------------------------------------


@pytest.mark.parametrize(
    ("stored", "incoming", "reworded"),
    [
        (
            "Review the plan templates with a working group of frontline practitioners.",
            "Review our plan templates with a working group of frontline practitioners this year.",
            True,
        ),
        ("Review the plans.", "Audit every case file.", False),
    ],
)
def test_a_similar_text_is_the_same_action_reworded(stored, incoming, reworded):
    assert (similarity(loose_words(stored), loose_words(incoming)) >= SIMILAR) == reworded


DUE = Change("changed", "REC 1", "Theme", "Do it.", (FieldChange("due", date(2026, 1, 1), None),))
ADDED = Change("added", "REC 1", "Theme", "New.")
REC = Change("changed", "REC 1", "", "", (FieldChange("text", "a", "b"),))
THEME = Change("changed", "REC 1", "Theme", "", (FieldChange("text", "a", "b"),))


NONE = "0 added, 0 changed, 0 removed, 3 unchanged"


@pytest.mark.parametrize(
    ("added", "changed", "parts", "summary"),
    [
        ((), (), (), NONE + ". The file matches the stored plan."),
        ((ADDED,), (DUE,), (), "1 added, 1 changed, 0 removed, 3 unchanged."),
        ((), (), (REC, THEME), NONE + "; also 1 recommendation and 1 theme changed."),
        ((), (), (THEME, THEME), NONE + "; also 2 themes changed."),
    ],
)
def test_preview_summary(added, changed, parts, summary):
    preview = SyncPreview("update", "Plan", 5, 3, added, changed, (), parts)
    assert preview.summary() == "Update of the stored plan: " + summary


def test_preview_table_shape():
    preview = SyncPreview("update", "Plan", 5, 3, (ADDED,), (DUE,), ())
    table = preview.table()
    assert list(table.columns) == ["Change", "Ref", "Theme", "Action", "What changed"]
    assert list(table["Change"]) == ["added", "changed"]
    assert table.iloc[1]["What changed"] == "Due: 1 Jan 2026 → none"


# --- A new plan, the same plan again, a newer version ---------------------------------------------


def test_a_plan_into_an_empty_database_is_stored_as_a_new_plan(empty_engine):
    plan = demo_plan(AS_AT)
    preview = store_of(empty_engine).preview_plan_import(plan)
    assert preview.mode == "new_plan"
    assert preview.summary() == "New plan: 8 recommendations, 21 themes, 100 actions."
    assert preview.table().empty
    assert stored_plan(empty_engine) is None  # the preview wrote nothing
    assert (
        store_of(empty_engine).import_plan(plan, AS_AT, expected=preview, by=LOCAL_USER) == preview
    )
    stored = stored_plan(empty_engine)
    assert stored.title == plan.title and len(stored.actions) == 100
    assert [a.text for a in stored.actions] == [a.text for _, _, a in actions_of(plan)]
    assert sum(len(a.updates) for a in stored.actions) == sum(
        len(a.updates) for _, _, a in actions_of(plan)
    )


def test_reimporting_the_same_plan_changes_nothing(engine):
    before = snapshot(engine)
    preview = store_of(engine).preview_plan_import(demo_plan(AS_AT))
    assert preview.mode == "update"
    assert (preview.added, preview.changed, preview.removed) == ((), (), ())
    assert preview.matched == preview.unchanged == 100
    assert "0 added, 0 changed, 0 removed, 100 unchanged" in preview.summary()
    store_of(engine).import_plan(demo_plan(AS_AT), LATER, expected=preview, by=LOCAL_USER)
    assert snapshot(engine) == before  # versions, history, everything


def test_a_newer_version_keeps_ids_and_history_and_adds_its_new_parts(engine):
    """apply_as_previewed checks the ids, history and versions; here, what users see."""
    plan = demo_plan(AS_AT)
    texts = newer_version(plan)
    preview = apply_as_previewed(engine, plan, LATER)
    assert preview.summary() == (
        "Update of the stored plan: 3 added, 3 changed, 1 removed, 96 unchanged."
    )
    assert preview.matched == 99
    assert store_of(engine).preview_plan_import(plan).summary() == (
        "Update of the stored plan: 0 added, 0 changed, 0 removed, 102 unchanged. "
        "The file matches the stored plan."
    )
    after = stored_by_text(engine)
    new = after[texts["done"]].updates[-1]
    assert (new.text, new.author, new.status) == (NOTE, "Priya Shah", "complete")
    stored = stored_plan(engine)
    learning = next(t for t in stored.themes if t.text == "Learning from audits")
    assert learning.service_leads == ("Daniel Okafor",)
    new_action = after["Run a monthly audit learning session for team managers."]
    assert new_action.theme_id == learning.id and new_action.service_leads == ("New Lead",)
    with engine.connect() as conn:  # the removed action is hidden but kept
        gone = conn.execute(select(Action.retired_on).where(Action.text == texts["gone"])).one()
    assert gone == (LATER,)


def test_an_editor_holding_a_copy_from_before_the_import_is_refused(engine):
    before = stored_by_text(engine)
    plan = demo_plan(AS_AT)
    texts = newer_version(plan)
    store_of(engine).import_plan(plan, LATER, by=LOCAL_USER)
    for old in (before[texts["moved"]], before[texts["gone"]]):  # changed, and retired
        stale = ProgressEntry(old.id, old.version, "Moved on.", "in_progress", LATER, "A")
        with pytest.raises(ConcurrentEditError):
            store_of(engine).record_progress(stale, by=LOCAL_USER)


def test_a_status_change_without_a_note_is_recorded_by_the_import(engine):
    plan = demo_plan(AS_AT)
    _, _, action = next(x for x in actions_of(plan) if x[2].status == "not_started")
    action.status = "in_progress"
    before = stored_by_text(engine)[action.text]
    data_team = Person("data@council.example", "Data team", Role.EDITOR)
    store_of(engine).add_person(data_team.email, data_team.name, Role.EDITOR, by=LOCAL_USER)
    store_of(engine).import_plan(plan, LATER, by=data_team)
    after = stored_by_text(engine)[action.text]
    assert after.updates[: len(before.updates)] == before.updates
    assert [
        (u.recorded_on, u.text, u.author, u.status) for u in after.updates[len(before.updates) :]
    ] == [(LATER, "Status changed to In progress by import", "Data team", "in_progress")]


# --- A different plan, or a new one asked for, is stored beside the old one -----------------------


@pytest.mark.parametrize(
    ("make_plan", "as_new_plan", "reason"),
    [
        (other_plan, False, "taken to be a different plan"),
        (lambda: demo_plan(AS_AT), True, "as asked"),
    ],
    ids=["different plan", "asked for"],
)
def test_a_new_plan_is_stored_beside_the_old_one_untouched(engine, make_plan, as_new_plan, reason):
    old = snapshot(engine)
    preview = store_of(engine).preview_plan_import(make_plan(), as_new_plan=as_new_plan)
    assert preview.mode == "new_plan" and reason in preview.summary()
    first = stored_plan(engine)
    store_of(engine).import_plan(
        make_plan(), LATER, as_new_plan=as_new_plan, expected=preview, by=LOCAL_USER
    )
    assert stored_plan(engine).id != first.id
    assert [a.text for a in stored_plan(engine).actions] == [
        a.text for _, _, a in actions_of(make_plan())
    ]
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(ImprovementPlan)) == 2
        assert conn.scalar(select(func.count()).where(Action.retired_on.is_(None))) == 200
    now = snapshot(engine)
    for table in ("recommendation", "theme", "action", "action_lead", "progress_update"):
        assert set(old[table]) <= set(now[table])  # the old plan's rows, unchanged


# --- The stored plan changed after the preview: refused, nothing written --------------------------


def _progress_on_the_completed_action(engine, plan, texts):
    action = stored_by_text(engine)[texts["done"]]
    entry = ProgressEntry(action.id, action.version, "Closed.", "complete", AS_AT, "Aisha Rahman")
    store_of(engine).record_progress(entry, by=LOCAL_USER)


def _another_import_first(engine, plan, texts):
    store_of(engine).import_plan(plan, LATER, by=LOCAL_USER)


@pytest.mark.parametrize("meanwhile", [_progress_on_the_completed_action, _another_import_first])
def test_a_stale_preview_is_refused_and_nothing_is_written(engine, meanwhile):
    plan = demo_plan(AS_AT)
    texts = newer_version(plan)
    preview = store_of(engine).preview_plan_import(plan)
    meanwhile(engine, plan, texts)
    before = snapshot(engine)
    with pytest.raises(PlanChangedError, match="Check the file again"):
        store_of(engine).import_plan(plan, LATER, expected=preview, by=LOCAL_USER)
    assert snapshot(engine) == before


def test_an_error_halfway_leaves_the_database_as_it_was(engine, monkeypatch):
    import readiness.plan.sync.apply as plan_sync

    def fail(session, sync, as_at):
        # Retiring is the last step: by now the new and changed rows have been written.
        assert session.scalar(select(func.count()).select_from(Action)) == 103
        assert session.scalar(select(func.count()).where(ProgressUpdate.text == NOTE)) == 1
        raise RuntimeError("disk full")

    monkeypatch.setattr(plan_sync, "_retire", fail)
    plan = demo_plan(AS_AT)
    newer_version(plan)
    before = snapshot(engine)
    with pytest.raises(RuntimeError, match="disk full"):
        store_of(engine).import_plan(plan, LATER, by=LOCAL_USER)
    assert snapshot(engine) == before


# --- A removed action that comes back -------------------------------------------------------------


def test_a_retired_action_that_reappears_is_restored_with_its_history(engine):
    original = stored_by_text(engine)
    plan = demo_plan(AS_AT)
    texts = newer_version(plan)
    store_of(engine).import_plan(plan, LATER, by=LOCAL_USER)
    back = demo_plan(AS_AT)  # the earlier version again: the removed action is back
    preview = apply_as_previewed(engine, back, LATER + timedelta(days=1))
    (restored,) = [c for c in preview.added if c.action == texts["gone"]]
    assert restored.details == (
        f"Back in the plan (removed on {format_date(LATER)}; its history is kept)",
    )
    assert stored_by_text(engine)[texts["gone"]].id == original[texts["gone"]].id
    # The theme and actions added by the newer version are retired in turn, not deleted.
    with engine.connect() as conn:
        assert conn.scalar(
            select(Theme.retired_on).where(Theme.text == "Learning from audits")
        ) == LATER + timedelta(days=1)


# --- A job title the file gives a known lead officer who has none ---------------------------------

TITLE = ("Daniel Okafor", "Principal Social Worker")  # as the demo plan's file gives it


def test_a_job_title_is_previewed_and_stored_even_when_nothing_else_changes(engine):
    with engine.begin() as conn:  # an officer first stored without a title
        conn.execute(update(LeadOfficer).where(LeadOfficer.name == TITLE[0]).values(role=None))
    beside = store_of(engine).preview_plan_import(demo_plan(AS_AT), as_new_plan=True)
    assert beside.summary().endswith(" Also 1 job title added.")
    preview = apply_as_previewed(engine, demo_plan(AS_AT), LATER)
    assert preview.summary() == (
        "Update of the stored plan: 0 added, 0 changed, 0 removed, 100 unchanged; "
        "also 1 job title added."
    )
    assert list(preview.table().itertuples(index=False, name=None)) == [
        ("changed", "", "", "", "Job title added for Daniel Okafor: Principal Social Worker")
    ]
    assert stored_plan(engine).lead_roles[TITLE[0]] == TITLE[1]
    # A title already stored is kept: a file giving another changes nothing.
    other = demo_plan(AS_AT)
    other.lead_roles[TITLE[0]] = "Head of Practice"
    before = snapshot(engine)
    assert not store_of(engine).preview_plan_import(other).has_changes
    store_of(engine).import_plan(other, LATER, by=LOCAL_USER)
    assert snapshot(engine) == before
