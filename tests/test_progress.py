"""Recording progress: the update joins the history, the colour changes at once, and a second
editor working from an older copy is refused instead of overwriting."""

from datetime import date

import pytest

from readiness.progress import ConcurrentEditError, ProgressEntry, check_entry, record_update
from readiness.settings import Settings
from readiness.status import plan_status
from tests.conftest import AS_AT, stored_plan


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
    record_update(engine, entry(stale))
    after = plan_status(stored_plan(engine), AS_AT, Settings()).actions
    row = after[after["action_id"] == stale["action_id"]].iloc[0]
    assert row["rag"] == "green" and row["last_update"] == AS_AT
    assert row["last_note"] == "Guidance agreed at the practice forum."
    assert row["last_author"] == "Daniel Okafor"
    action = next(a for a in stored_plan(engine).actions if a.id == stale["action_id"])
    assert len(action.updates) >= 2  # earlier history kept


def test_completing_an_overdue_action_turns_it_blue(engine):
    overdue = first(engine, "overdue")
    record_update(engine, entry(overdue, status="complete"))
    after = plan_status(stored_plan(engine), AS_AT, Settings()).actions
    row = after[after["action_id"] == overdue["action_id"]].iloc[0]
    assert row["rag"] == "blue" and row["completed"] == AS_AT
    assert "days after its due date" in row["reason"]


def test_second_save_from_the_same_copy_is_refused(engine):
    action = first(engine, "on_track")
    record_update(engine, entry(action, text="First editor's update."))
    with pytest.raises(ConcurrentEditError, match="nothing was overwritten"):
        record_update(engine, entry(action, text="Second editor's update.", status="complete"))
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
    ],
)
def test_bad_entries_are_explained(changes, message):
    action = {"action_id": 1, "version": 1}
    assert any(message in p for p in check_entry(entry(action, **changes), AS_AT))


def test_completion_dated_after_the_as_at_date_is_not_yet_complete_on_it(engine):
    """A board looking back at an earlier date sees the action as it was then, not finished."""
    overdue = first(engine, "overdue")
    finished_on = date.fromordinal(AS_AT.toordinal() + 10)
    record_update(engine, entry(overdue, status="complete", recorded_on=finished_on))
    plan = stored_plan(engine)

    def row(as_at):
        actions = plan_status(plan, as_at, Settings()).actions
        return actions[actions["action_id"] == overdue["action_id"]].iloc[0]

    then, later = row(AS_AT), row(finished_on)
    assert (then["rag"], then["state"], then["status"]) == ("red", "overdue", "in_progress")
    assert (later["rag"], later["state"], later["status"]) == ("blue", "complete", "complete")
    assert later["reason"].startswith("Blue: completed ")
