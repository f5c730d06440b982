"""Recording progress: the update joins the history, the colour changes at once, and a second
editor working from an older copy is refused instead of overwriting."""

from datetime import date, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from readiness.access.roles import LOCAL_USER
from readiness.db.engine import make_engine
from readiness.demo.prepare import prepare_database
from readiness.plan.progress import (
    ConcurrentEditError,
    ProgressEntry,
    check_entry,
    revision_words,
)
from readiness.plan.records import ActionRecord, UpdateRecord
from readiness.plan.status import plan_status
from readiness.settings import Settings
from readiness.text import format_date
from tests.conftest import AS_AT, open_app, progress_field, store_of, stored_plan
from tests.html_tables import page_tables


def first(engine, state: str) -> dict:
    actions = plan_status(stored_plan(engine), AS_AT, Settings()).actions
    return actions[actions["state"] == state].iloc[0].to_dict()


def entry(action: dict, **changes) -> ProgressEntry:
    values = dict(
        action_id=action["action_id"],
        version=action["version"],
        text="Guidance agreed at the practice forum.",
        status="in_progress",
        recorded_on=AS_AT,
        author="Daniel Okafor",
    )
    return ProgressEntry(**(values | changes))


def test_an_update_on_a_stale_action_turns_it_green_and_joins_the_history(engine):
    stale = first(engine, "stale")
    store_of(engine).record_progress(entry(stale), by=LOCAL_USER)
    after = plan_status(stored_plan(engine), AS_AT, Settings()).actions
    row = after[after["action_id"] == stale["action_id"]].iloc[0]
    assert row["rag"] == "green" and row["last_update"] == AS_AT
    assert row["last_note"] == "Guidance agreed at the practice forum."
    assert row["last_author"] == "Daniel Okafor"
    action = next(a for a in stored_plan(engine).actions if a.id == stale["action_id"])
    assert len(action.updates) >= 2  # earlier history kept


def test_completing_an_overdue_action_turns_it_blue(engine):
    overdue = first(engine, "overdue")
    store_of(engine).record_progress(entry(overdue, status="complete"), by=LOCAL_USER)
    after = plan_status(stored_plan(engine), AS_AT, Settings()).actions
    row = after[after["action_id"] == overdue["action_id"]].iloc[0]
    assert row["rag"] == "blue" and row["completed"] == AS_AT
    assert "days after its due date" in row["reason"]


def test_second_save_from_the_same_copy_is_refused(engine):
    action = first(engine, "on_track")
    store_of(engine).record_progress(entry(action, text="First editor's update."), by=LOCAL_USER)
    with pytest.raises(ConcurrentEditError, match="nothing was overwritten"):
        store_of(engine).record_progress(
            entry(action, text="Second editor's update.", status="complete"), by=LOCAL_USER
        )
    saved = next(a for a in stored_plan(engine).actions if a.id == action["action_id"])
    assert saved.updates[-1].text == "First editor's update."
    assert saved.status == "in_progress"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"text": "  "}, "Write what has happened"),
        ({"author": ""}, "Give your name"),
        ({"status": "paused"}, "Choose a status"),
        ({"recorded_on": date(2026, 11, 23)}, "cannot be in the future"),
        (
            {"revised_due": date(2026, 11, 21)},
            "The revised due date (21 Nov 2026) is before the update's date (22 Nov 2026)",
        ),
        ({"revised_due": date(2027, 3, 31), "text": " "}, "Write the recovery note"),
    ],
)
def test_bad_entries_are_explained(changes, message):
    action = {"action_id": 1, "version": 1}
    assert any(message in p for p in check_entry(entry(action, **changes), AS_AT))


def test_completion_dated_after_the_as_at_date_is_not_yet_complete_on_it(engine):
    """A board looking back at an earlier date sees the action as it was then, not finished."""
    overdue = first(engine, "overdue")
    finished_on = date.fromordinal(AS_AT.toordinal() + 10)
    store_of(engine).record_progress(
        entry(overdue, status="complete", recorded_on=finished_on), by=LOCAL_USER
    )
    plan = stored_plan(engine)

    def row(as_at):
        actions = plan_status(plan, as_at, Settings()).actions
        return actions[actions["action_id"] == overdue["action_id"]].iloc[0]

    then, later = row(AS_AT), row(finished_on)
    assert (then["rag"], then["state"], then["status"]) == ("red", "overdue", "in_progress")
    assert (later["rag"], later["state"], later["status"]) == ("blue", "complete", "complete")
    assert later["reason"].startswith("Blue: completed ")


RECOVERY = "A second social worker starts in January; every plan rewritten by March."
REVISED = date(2027, 3, 31)


def row_of(engine, action_id: int, as_at: date = AS_AT) -> dict:
    actions = plan_status(stored_plan(engine), as_at, Settings()).actions
    return actions[actions["action_id"] == action_id].iloc[0].to_dict()


def test_a_revised_due_date_turns_an_overdue_action_green_and_keeps_the_plans_date(engine):
    overdue = first(engine, "overdue")
    day_before = AS_AT - timedelta(days=1)
    store_of(engine).record_progress(
        entry(overdue, text=RECOVERY, revised_due=REVISED), by=LOCAL_USER
    )
    row = row_of(engine, overdue["action_id"])
    was = format_date(overdue["due"])
    assert (row["rag"], row["due"], row["original_due"]) == ("green", REVISED, overdue["due"])
    assert row["recovery_note"] == RECOVERY
    assert row["reason"].startswith(f"Green: on track; due 31 Mar 2027 (revised from {was} on ")
    stored = next(a for a in stored_plan(engine).actions if a.id == overdue["action_id"])
    assert stored.due == overdue["due"]  # the plan's date is never overwritten
    assert (stored.updates[-1].revised_due, stored.updates[-1].text) == (REVISED, RECOVERY)
    assert revision_words(stored)[-1] == f"Due date revised to 31 Mar 2027 from {was}"
    # Looking back to the day before, the plan's date applies, as it did then.
    then = row_of(engine, overdue["action_id"], day_before)
    assert (then["rag"], then["due"], then["original_due"]) == ("red", overdue["due"], None)


def test_the_history_says_what_each_revision_moved_the_date_from():
    def update(on: int, to: int | None = None) -> UpdateRecord:
        return UpdateRecord(
            date(2027, 1, on), "Note.", "A Lead", "in_progress", to and date(2027, 6, to)
        )

    action = ActionRecord(
        id=1,
        theme_id=1,
        text="Audit the plans.",
        position=0,
        start=None,
        due=date(2027, 3, 31),
        due_text=None,
        completed=None,
        status="in_progress",
        evidence=None,
        version=1,
        retired_on=None,
        service_leads=("A Lead",),
        other_leads=(),
        updates=(update(2), update(3, 30), update(4, 30), update(5, 15)),
    )
    assert revision_words(action) == [
        None,
        "Due date revised to 30 Jun 2027 from 31 Mar 2027",
        "Recovery note; the due date stays 30 Jun 2027",
        "Due date revised to 15 Jun 2027 from 30 Jun 2027",
    ]


# --- The progress form in the app -----------------------------------------------------------

LEAD = "Rebecca Hollis"


@pytest.fixture
def overdue_open(tmp_path, monkeypatch):
    """My actions for LEAD, on a database of its own, with their longest overdue action open;
    returns the page and that action's status row."""
    url = f"sqlite:///{tmp_path / 'progress.db'}"
    engine = make_engine(url)
    prepare_database(engine, AS_AT, demo=True)
    action = plan_status(stored_plan(engine), AS_AT, Settings(), lead=LEAD).overdue.iloc[0]
    at = open_app(url, monkeypatch, "views/my_actions.py", lead=LEAD)
    at.session_state["my_open_action"] = int(action["action_id"])  # as a click on its row does
    at.run()
    assert not at.exception, at.exception
    yield at, action.to_dict(), engine
    engine.dispose()


def save(at: AppTest, text: str, revised: date | None, on: date = AS_AT) -> AppTest:
    progress_field(at, "text").input(text)
    progress_field(at, "date").set_value(on)
    progress_field(at, "revised_due").set_value(revised)
    at = next(b for b in at.button if b.label == "Save update").click().run()
    assert not at.exception, at.exception
    return at


def html_bodies(at: AppTest) -> list[str]:
    return [h.proto.body for h in at.get("html")]


def test_the_form_saves_a_revision_and_the_action_turns_green_with_both_dates(overdue_open):
    at, action, engine = overdue_open
    was = format_date(action["due"])
    assert progress_field(at, "revised_due").value is None  # empty until a date is chosen
    at = save(at, RECOVERY, REVISED)
    assert not at.error, [e.value for e in at.error]
    assert "due date revised to 31 Mar 2027" in at.success[0].value
    bodies = html_bodies(at)
    # The new colour and the rule's words, with the date it used and the plan's.
    assert any(
        f"Green: on track; due 31 Mar 2027 (revised from {was} on 22 Nov 2026)" in b for b in bodies
    )
    history = next(b for b in bodies if b.startswith('<ul class="user-text"><li>'))
    newest = history.split("</li>")[0]
    assert f"<b>Due date revised to 31 Mar 2027 from {was}.</b> {RECOVERY}" in newest
    captions = [c.value for c in at.caption]
    assert any(f"Due 31 Mar 2027 (revised from {was} on 22 Nov 2026)" in c for c in captions)
    assert progress_field(at, "revised_due").value is None  # a fresh form after the save
    stored = next(a for a in stored_plan(engine).actions if a.id == action["action_id"])
    assert stored.due == action["due"] and stored.updates[-1].revised_due == REVISED


def test_a_revised_date_without_a_recovery_note_is_refused(overdue_open):
    at, action, engine = overdue_open
    at = save(at, "", REVISED)
    assert "Write the recovery note" in at.error[0].value
    assert progress_field(at, "revised_due").value == REVISED  # kept, to try again
    stored = next(a for a in stored_plan(engine).actions if a.id == action["action_id"])
    assert all(u.revised_due is None for u in stored.updates)


def test_a_revision_still_past_shows_both_dates_in_the_overviews_overdue_table(
    overdue_open, monkeypatch
):
    at, action, engine = overdue_open
    recorded, revised = AS_AT - timedelta(days=5), AS_AT - timedelta(days=2)
    at = save(at, "Delayed by the panel; signed off next week.", revised, on=recorded)
    assert not at.error, [e.value for e in at.error]
    at.switch_page("views/overview.py").run()
    overdue = next(t for t in page_tables(at) if t and "Days overdue" in t[0])
    row = next(r for r in overdue if r["Action"] == action["action"])
    assert row["Due"] == f"{format_date(revised)}\nrevised from {format_date(action['due'])}"
    assert row["Days overdue"] == "2"
