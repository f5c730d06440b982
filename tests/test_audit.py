"""The audit trail: every kind of change is kept with who, when, what, before and after, in the
same transaction as the change; the page's filters find it; nothing can change an entry."""

import json
from datetime import date, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from readiness.access.audit import AuditFilter
from readiness.access.roles import LOCAL_USER, Role
from readiness.inspection.checklist import Task
from readiness.kpi.store import Council
from readiness.plan.input import EventInput
from readiness.plan.progress import ProgressEntry
from readiness.settings import Settings
from readiness.store import Store
from tests.conftest import AS_AT
from tests.test_roles import ADMIN, EDITOR, lead_of, progress, small_plan

WHEN = datetime(2026, 12, 6, 9, 30)


@pytest.fixture
def store(engine) -> Store:
    """The demo on SQLite and PostgreSQL, its audit clock stopped at WHEN; EDITOR and ADMIN on
    the list of who may sign in."""
    store = Store(engine, Settings(), now=lambda: WHEN)
    for person in (EDITOR, ADMIN):
        store.add_person(person.email, person.name, person.role, by=LOCAL_USER)
    return store


def latest(store: Store, **wanted) -> dict:
    return store.audit_entries(AuditFilter(**wanted), limit=1)[0]


def loaded(value: str | None):
    return None if value is None else json.loads(value)


def test_a_progress_update_and_its_status_change_name_who_when_and_the_action(store):
    lead, own, _ = lead_of(store.engine)
    progress(store, own, lead)
    entries = store.audit_entries(AuditFilter(action_id=own))
    assert {e["Change"] for e in entries} >= {"Progress update"}
    update = next(e for e in entries if e["Change"] == "Progress update")
    assert (update["Who"], update["Email"], update["When (UTC)"]) == (lead.name, lead.email, WHEN)
    assert loaded(update["After"])["update"] == "Audit of cases done."
    assert update["Action"] == own and update["What"]  # the action's first words


def test_a_revised_due_date_keeps_the_date_it_moved_from_each_time(store):
    """The first revision moves the plan's own date; the next moves the first revision's."""
    action = store.current_plan().actions[0]
    for revised in (date(2027, 4, 30), date(2027, 6, 30)):
        version = next(a.version for a in store.current_plan().actions if a.id == action.id)
        entry = ProgressEntry(
            action.id, version, "Delayed by the new system.", "in_progress", AS_AT, "x", revised
        )
        store.record_progress(entry, by=EDITOR)
    moves = [
        (loaded(e["Before"]), loaded(e["After"]))
        for e in reversed(store.audit_entries(AuditFilter(kind="due_revised")))
    ]
    assert moves == [
        (action.due.isoformat(), "2027-04-30"),
        ("2027-04-30", "2027-06-30"),
    ]


def test_a_target_keeps_what_it_was_and_what_it_became(store):
    store.save_targets({"rereferrals": (20.0, 2.0)}, AS_AT, by=EDITOR)
    store.save_targets({"rereferrals": (18.0, 1.0)}, AS_AT, by=EDITOR)
    entry = latest(store, kind="target")
    assert (entry["What"], loaded(entry["Before"]), loaded(entry["After"])) == (
        "rereferrals",
        {"target": 20.0, "Amber within": 2.0},
        {"target": 18.0, "Amber within": 1.0},
    )
    store.save_targets({"rereferrals": (18.0, 1.0)}, AS_AT, by=EDITOR)  # no change, no entry
    assert len(store.audit_entries(AuditFilter(kind="target"))) == 2


def test_an_event_added_and_removed_is_kept_with_its_details(store):
    event_id = store.add_own_event(
        EventInput("focused_visit", date(2026, 5, 4), date(2026, 5, 5)), by=EDITOR
    )
    store.remove_own_event(event_id, by=EDITOR)
    added, removed = latest(store, kind="event_added"), latest(store, kind="event_removed")
    assert loaded(added["After"])["fieldwork_start"] == "2026-05-04"
    assert removed["What"] == added["What"] and loaded(removed["Before"])


def test_imports_people_links_and_the_checklist_each_leave_an_entry(store):
    store.import_plan(small_plan(), AS_AT, as_new_plan=True, by=EDITOR)
    store.store_kpis([], Council("900", "Marshcombe", None), [], AS_AT, by=EDITOR)
    store.save_checklist(
        [Task(None, "Book the base room", None, None, "not_started")], AS_AT, by=EDITOR
    )
    store.add_person("sam@council.example", "Sam Lead", Role.LEAD, "Sam Lead", by=ADMIN)
    store.set_role("sam@council.example", Role.EDITOR, by=ADMIN)
    token = store.make_board_link("Foyer screen", by=ADMIN)
    link = store.board_links()[0]["id"]
    store.revoke_board_link(link, by=ADMIN)
    kinds = [e["Change"] for e in store.audit_entries(AuditFilter())]
    for words in (
        "Plan imported",
        "Indicator figures loaded",
        "Checklist changed",
        "Person added",
        "Role changed",
        "Wall-screen link made",
        "Wall-screen link revoked",
    ):
        assert words in kinds
    role = latest(store, kind="role_changed")
    assert (loaded(role["Before"]), loaded(role["After"])) == ("Lead officer", "Editor")
    assert token not in json.dumps(store.audit_entries(AuditFilter()), default=str)
    assert not store.board_link_live(token)


def test_the_filters_find_a_persons_changes_by_kind_and_day(store):
    lead, own, _ = lead_of(store.engine)
    progress(store, own, lead)
    store.save_targets({"rereferrals": (20.0, 2.0)}, AS_AT, by=EDITOR)
    assert {e["Email"] for e in store.audit_entries(AuditFilter(person=lead.email.upper()))} == {
        lead.email
    }
    # The target's entry is dated by the store's stopped clock (WHEN); enlisting the lead is
    # dated by the real one, so only the target's day is asserted.
    assert store.audit_entries(AuditFilter(since=date(2026, 12, 7), kind="target")) == []
    assert len(store.audit_entries(AuditFilter(until=date(2026, 12, 6), kind="target"))) == 1
    assert (EDITOR.email, EDITOR.name) in store.audit_people()


def test_an_entry_is_written_with_its_change_or_not_at_all(store):
    """A write that fails part-way keeps neither the change nor its entry."""
    with pytest.raises(ValueError):
        store.save_checklist([Task(None, "", None, None, "not_started")], AS_AT, by=EDITOR)
    assert store.audit_entries(AuditFilter(kind="checklist")) == []


def test_on_postgresql_nobody_can_change_or_delete_an_entry(store):
    if store.engine.dialect.name != "postgresql":
        pytest.skip("the trigger is PostgreSQL's; on SQLite only the app writes")
    store.save_targets({"rereferrals": (20.0, 2.0)}, AS_AT, by=EDITOR)
    for statement in (
        "UPDATE audit_entry SET actor_name = 'someone else'",
        "DELETE FROM audit_entry",
    ):
        with pytest.raises(DBAPIError, match="only ever added"), store.engine.begin() as conn:
            conn.execute(text(statement))
    assert latest(store)["Who"] == EDITOR.name
