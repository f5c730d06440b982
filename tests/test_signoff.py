"""A lead's Complete waits for an editor's sign-off: the action stays open, not Blue, and says
why; an editor confirms it (Blue) or returns it; a council may turn sign-off off."""

from dataclasses import replace
from datetime import timedelta

import pytest

from readiness.access.audit import AuditFilter
from readiness.plan.progress import ProgressEntry
from readiness.plan.status import plan_status
from readiness.settings import AccessSettings, Settings
from readiness.store import Store
from readiness.text import format_date
from tests.conftest import AS_AT, stored_plan
from tests.test_roles import EDITOR, enlist, lead_of

LATER = AS_AT + timedelta(days=1)


def save(store: Store, action_id: int, status: str, by, on=AS_AT) -> None:
    version = next(a.version for a in store.current_plan().actions if a.id == action_id)
    entry = ProgressEntry(action_id, version, "Evidence filed.", status, on, "typed")
    store.record_progress(entry, by=by)


def row(engine, action_id: int, as_at=AS_AT):
    actions = plan_status(stored_plan(engine), as_at, Settings()).actions
    return actions[actions["action_id"] == action_id].iloc[0]


@pytest.fixture
def proposed(demo_engine):
    """The demo with one of a lead's actions proposed Complete by them."""
    lead, own, _ = lead_of(demo_engine)
    enlist(demo_engine, EDITOR)
    store = Store(demo_engine, Settings())
    save(store, own, "complete", lead)
    return store, lead, own


def test_a_leads_complete_is_proposed_not_blue_and_says_why(demo_engine, proposed):
    store, lead, own = proposed
    shown = row(demo_engine, own)
    assert shown["rag"] != "blue" and shown["status"] == "in_progress"
    assert (
        f"Complete proposed by {lead.name} on {format_date(AS_AT)}, awaiting an editor's sign-off"
        in shown["reason"]
    )
    kinds = [e["Change"] for e in store.audit_entries(AuditFilter(action_id=own))]
    assert "Completion proposed" in kinds


def test_an_editor_confirms_it_and_it_turns_blue(demo_engine, proposed):
    store, _, own = proposed
    save(store, own, "complete", EDITOR, on=LATER)
    confirmed = row(demo_engine, own, LATER)
    assert confirmed["rag"] == "blue" and "proposed" not in confirmed["reason"]
    # Looking back to the day it was proposed, it was awaiting sign-off then.
    assert "awaiting an editor's sign-off" in row(demo_engine, own, AS_AT)["reason"]
    kinds = [e["Change"] for e in store.audit_entries(AuditFilter(action_id=own))]
    assert kinds[0] == "Completion confirmed"


def test_an_editor_returns_it_and_it_is_open_without_the_note(demo_engine, proposed):
    store, _, own = proposed
    save(store, own, "in_progress", EDITOR, on=LATER)
    returned = row(demo_engine, own, LATER)
    assert returned["rag"] != "blue" and "proposed" not in returned["reason"]
    history = next(a for a in store.current_plan().actions if a.id == own).updates
    assert [u.completion for u in history[-2:]] == ["proposed", "returned"]
    assert history[-1].author == EDITOR.name


def test_a_lead_cannot_confirm_their_own_proposal_by_saving_again(demo_engine, proposed):
    store, lead, own = proposed
    save(store, own, "complete", lead, on=LATER)
    assert row(demo_engine, own, LATER)["rag"] != "blue"


def test_with_sign_off_turned_off_a_leads_complete_stands(demo_engine):
    lead, own, _ = lead_of(demo_engine)
    settings = replace(Settings(), access=AccessSettings(sign_off=False))
    save(Store(demo_engine, settings), own, "complete", lead)
    assert row(demo_engine, own)["rag"] == "blue"
