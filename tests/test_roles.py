"""Who may change what, enforced by the store whatever the page shows: each role against each
kind of write, allowed or refused, on a real database; a refused write leaves nothing behind."""

from datetime import date

import pytest
from sqlalchemy import func, select

from readiness.access.roles import LOCAL_USER, Person, Refused, Role
from readiness.db.models import InspectionEvent, ProgressUpdate
from readiness.db.models_access import AuditEntry
from readiness.inspection.checklist import Task
from readiness.inspection.national_files import NationalRecord
from readiness.kpi.store import Council
from readiness.plan.input import ActionInput, PlanInput, RecommendationInput, ThemeInput
from readiness.plan.progress import ProgressEntry
from readiness.plan.status import plan_status
from readiness.settings import Settings
from tests.conftest import AS_AT, store_of, stored_plan

VIEWER = Person("viewer@council.example", "Vera Viewer", Role.VIEWER)
EDITOR = Person("editor@council.example", "Eddie Editor", Role.EDITOR)
ADMIN = Person("admin@council.example", "Ada Admin", Role.ADMIN)


def enlist(engine, *people: Person) -> None:
    """Put `people` on the list of who may sign in (the store judges a signed-in person by
    the list as it is when they write)."""
    store = store_of(engine)
    for person in people:
        if store.person(person.email) is None:
            store.add_person(
                person.email, person.name, person.role, person.lead_name, by=LOCAL_USER
            )


def lead_of(engine) -> tuple[Person, int, int]:
    """A lead officer person matched to the demo's first lead, one action they lead and one
    they do not; they are on the list."""
    plan = stored_plan(engine)
    themes = {t.id: t for t in plan.themes}
    name = plan.lead_names[0]
    theirs = next(
        a.id for a in plan.actions if name in a.leads or name in themes[a.theme_id].service_leads
    )
    other = next(
        a.id
        for a in plan.actions
        if name not in a.leads and name not in themes[a.theme_id].service_leads
    )
    lead = Person("lead@council.example", name.upper(), Role.LEAD, name.upper())
    enlist(engine, lead)
    return lead, theirs, other


def progress(store, action_id: int, by: Person) -> None:
    version = next(a.version for a in store.current_plan().actions if a.id == action_id)
    entry = ProgressEntry(action_id, version, "Audit of cases done.", "in_progress", AS_AT, "x")
    store.record_progress(entry, by=by)


def small_plan() -> PlanInput:
    action = ActionInput("Agree the new front door", ["Sam Lead"], due=date(2027, 3, 31))
    theme = ThemeInput("Front door", ["Sam Lead"], [action])
    rec = RecommendationInput("1", "REC", "Improve the front door", ["help_protection"], [theme])
    return PlanInput("A second plan", "Marshcombe", [rec])


def own_event_id(store) -> int:
    return store.own_events()[0][0]


# (what, least role, the write). The lead's own action is the lead row's first action.
WRITES = {
    "progress on their own action": (Role.LEAD, lambda s, by, own, other: progress(s, own, by)),
    "progress on another's action": (Role.EDITOR, lambda s, by, own, other: progress(s, other, by)),
    "indicators of their own action": (
        Role.LEAD,
        lambda s, by, own, other: s.save_indicators(own, ["rereferrals"], by=by),
    ),
    "indicators of another's action": (
        Role.EDITOR,
        lambda s, by, own, other: s.save_indicators(other, ["rereferrals"], by=by),
    ),
    "import a plan": (
        Role.EDITOR,
        lambda s, by, own, other: s.import_plan(small_plan(), AS_AT, as_new_plan=True, by=by),
    ),
    "choose the current plan": (
        Role.EDITOR,
        lambda s, by, own, other: s.make_current(s.stored_plans()[0].id, by=by),
    ),
    "load indicator figures": (
        Role.EDITOR,
        lambda s, by, own, other: s.store_kpis(
            [], Council("900", "Marshcombe", None), [], AS_AT, by=by
        ),
    ),
    "set a target": (
        Role.EDITOR,
        lambda s, by, own, other: s.save_targets({"rereferrals": (20.0, 2.0)}, AS_AT, by=by),
    ),
    "import the national record": (
        Role.EDITOR,
        lambda s, by, own, other: s.store_national_record(
            NationalRecord({}, (), (), ("test",)), AS_AT, by=by
        ),
    ),
    "remove an inspection event": (
        Role.EDITOR,
        lambda s, by, own, other: s.remove_own_event(own_event_id(s), by=by),
    ),
    "change the checklist": (
        Role.EDITOR,
        lambda s, by, own, other: s.save_checklist(
            [Task(None, "Book the base room", None, None, "not_started")], AS_AT, by=by
        ),
    ),
    "add a person": (
        Role.ADMIN,
        lambda s, by, own, other: s.add_person(
            "new@council.example", "New Person", Role.VIEWER, by=by
        ),
    ),
    "make a wall-screen link": (
        Role.ADMIN,
        lambda s, by, own, other: s.make_board_link("Foyer screen", by=by),
    ),
}


def counts(engine) -> tuple[int, ...]:
    with engine.connect() as conn:
        return tuple(
            conn.scalar(select(func.count()).select_from(model))
            for model in (ProgressUpdate, InspectionEvent, AuditEntry)
        )


@pytest.mark.parametrize("write", list(WRITES))
@pytest.mark.parametrize("role", list(Role))
def test_each_role_may_make_only_the_writes_its_role_allows(demo_engine, role, write):
    least, make = WRITES[write]
    lead, own, other = lead_of(demo_engine)
    enlist(demo_engine, VIEWER, EDITOR, ADMIN)
    person = {Role.VIEWER: VIEWER, Role.LEAD: lead, Role.EDITOR: EDITOR, Role.ADMIN: ADMIN}[role]
    store = store_of(demo_engine)
    before = counts(demo_engine)
    if role >= least:
        make(store, person, own, other)
        assert counts(demo_engine)[2] > before[2], "an allowed change leaves its audit entry"
    else:
        with pytest.raises(Refused, match=f"{person.name} \\({role.label}\\) can"):
            make(store, person, own, other)
        assert counts(demo_engine) == before, "a refused write leaves nothing behind"


def test_a_lead_is_matched_to_their_actions_ignoring_case_and_spacing(demo_engine):
    lead, own, other = lead_of(demo_engine)
    spaced = Person(lead.email, lead.name, Role.LEAD, "  " + lead.lead_name.lower() + " ")
    progress(store_of(demo_engine), own, spaced)
    unmatched = Person("nobody@council.example", "No Body", Role.LEAD, None)
    enlist(demo_engine, unmatched)
    with pytest.raises(Refused, match="matched to you as their lead"):
        progress(store_of(demo_engine), own, unmatched)


def test_a_progress_update_is_written_by_the_signed_in_person_not_a_typed_name(demo_engine):
    lead, own, _ = lead_of(demo_engine)
    progress(store_of(demo_engine), own, lead)
    action = next(a for a in stored_plan(demo_engine).actions if a.id == own)
    assert action.updates[-1].author == lead.name  # the entry said "x"
    progress(store_of(demo_engine), own, LOCAL_USER)  # local mode keeps the name typed
    action = next(a for a in stored_plan(demo_engine).actions if a.id == own)
    assert action.updates[-1].author == "x"


def test_the_last_admin_cannot_be_removed_or_demoted(demo_engine):
    store = store_of(demo_engine)
    store.add_person(ADMIN.email, ADMIN.name, Role.ADMIN, by=LOCAL_USER)
    with pytest.raises(ValueError, match="make someone else an admin first"):
        store.set_role(ADMIN.email, Role.EDITOR, by=LOCAL_USER)
    with pytest.raises(ValueError, match="make someone else an admin first"):
        store.remove_person(ADMIN.email, by=LOCAL_USER)
    store.add_person("second@council.example", "Second Admin", Role.ADMIN, by=LOCAL_USER)
    store.set_role(ADMIN.email, Role.EDITOR, by=LOCAL_USER)
    assert store.person("ADMIN@Council.example").role == Role.EDITOR


def test_a_bad_address_or_a_second_entry_for_one_address_is_refused(demo_engine):
    store = store_of(demo_engine)
    with pytest.raises(ValueError, match="not an email address"):
        store.add_person("no-at-sign", "Someone", Role.VIEWER, by=LOCAL_USER)
    store.add_person("sam@council.example", "Sam", Role.VIEWER, by=LOCAL_USER)
    with pytest.raises(ValueError, match="already on the list"):
        store.add_person(" SAM@council.example", "Sam again", Role.EDITOR, by=LOCAL_USER)


def test_a_lead_sees_their_update_count_on_the_plan_at_once(demo_engine):
    lead, own, _ = lead_of(demo_engine)
    progress(store_of(demo_engine), own, lead)
    actions = plan_status(stored_plan(demo_engine), AS_AT, Settings()).actions
    row = actions[actions["action_id"] == own].iloc[0]
    assert row["last_author"] == lead.name and row["last_update"] == AS_AT


def test_someone_demoted_or_removed_is_refused_at_once_whatever_their_page_read(demo_engine):
    store = store_of(demo_engine)
    enlist(demo_engine, EDITOR)
    store.save_targets({"rereferrals": (20.0, 2.0)}, AS_AT, by=EDITOR)  # as their page read them
    store.set_role(EDITOR.email, Role.VIEWER, by=LOCAL_USER)
    with pytest.raises(Refused, match="Viewer"):
        store.save_targets({"rereferrals": (19.0, 2.0)}, AS_AT, by=EDITOR)
    store.remove_person(EDITOR.email, by=LOCAL_USER)
    with pytest.raises(Refused, match="Viewer"):
        store.save_targets({"rereferrals": (19.0, 2.0)}, AS_AT, by=EDITOR)
    assert store.kpi_targets()["rereferrals"] == (20.0, 2.0)
