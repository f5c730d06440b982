"""The Audit and People pages as each role reaches them (AppTest, signed in through `[auth]` and
st.user): an editor filters the trail and downloads it, an admin adds someone, changes a role
and makes and revokes a wall-screen link; nobody else has either page, by any address."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from readiness.access.audit import AuditFilter
from readiness.access.roles import LOCAL_USER, Role
from readiness.db.engine import make_engine
from readiness.plan.status import plan_status
from readiness.settings import Settings
from tests.conftest import AS_AT, progress_field, store_of, stored_plan
from tests.test_roles import lead_of, progress
from tests.test_signin import app_with_sign_in, fresh_caches, on  # noqa: F401 (autouse)

PEOPLE = {
    "admin": ("ada@marshcombe.example", "Ada Admin", Role.ADMIN),
    "editor": ("eddie@marshcombe.example", "Eddie Editor", Role.EDITOR),
    "viewer": ("vera@marshcombe.example", "Vera Viewer", Role.VIEWER),
}


@pytest.fixture
def listed(demo_engine, sqlite_url) -> str:
    store = store_of(demo_engine)
    for email, name, role in PEOPLE.values():
        store.add_person(email, name, role, by=LOCAL_USER)
    lead, own, _ = lead_of(demo_engine)  # on the list too
    progress(store, own, lead)
    return sqlite_url


def signed_in(url: str, monkeypatch, who: str) -> AppTest:
    email, name, _ = PEOPLE[who]
    return app_with_sign_in(url, monkeypatch, {"is_logged_in": True, "email": email, "name": name})


def reachable(at: AppTest, page: str) -> bool:
    try:
        at.switch_page(page)
    except ValueError:  # AppTest: no such page in this session's navigation
        return False
    return True


@pytest.mark.parametrize(
    ("who", "audit", "people"),
    [("viewer", False, False), ("editor", True, False), ("admin", True, True)],
)
def test_each_role_has_only_its_pages(listed, monkeypatch, who, audit, people):
    at = signed_in(listed, monkeypatch, who)
    assert reachable(at, "views/audit.py") == audit
    assert reachable(at, "views/people.py") == people


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def page_html(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def test_an_editor_finds_a_leads_update_in_the_trail_and_filters_it(listed, monkeypatch):
    at = on(signed_in(listed, monkeypatch, "editor"), "views/audit.py")
    assert "Progress update" in page_html(at) and "Audit of cases done." in page_html(at)
    assert [b.label for b in at.get("download_button")] == ["Download these changes (.csv)"]
    at.selectbox(key="audit_kind").select("target").run()
    assert [i.value for i in at.info] == ["No change matches these filters."]


def test_an_admin_adds_someone_changes_their_role_and_makes_and_revokes_a_link(
    listed, monkeypatch, demo_engine
):
    at = on(signed_in(listed, monkeypatch, "admin"), "views/people.py")
    at.text_input(key="people_email").input("Sam.New@Marshcombe.example")
    at.text_input(key="people_name").input("Sam New")
    at.selectbox(key="people_role").select(Role.EDITOR)
    button(at, "Add").click().run()
    assert [s.value for s in at.success] == ["Added Sam New as Editor."]
    store = store_of(make_engine(listed))
    assert store.person("sam.new@marshcombe.example").role == Role.EDITOR
    at.selectbox(key="people_who").select("sam.new@marshcombe.example")
    at.selectbox(key="people_new").select(Role.VIEWER)
    button(at, "Save").click().run()
    assert store.person("sam.new@marshcombe.example").role == Role.VIEWER
    at.text_input(key="links_label").input("Foyer screen")
    button(at, "Make a wall-screen link").click().run()
    (link,) = [c.value for c in at.code]
    token = link.split("screen=")[1]
    assert store.board_link_live(token) and "Foyer screen" in page_html(at)
    button(at, "Revoke").click().run()
    assert not store.board_link_live(token)
    trail = store.audit_entries(AuditFilter(person=PEOPLE["admin"][0]))
    assert [e["Change"] for e in trail] == [
        "Wall-screen link revoked",
        "Wall-screen link made",
        "Role changed",
        "Person added",
    ]


def test_an_admin_cannot_demote_the_last_admin_and_is_told_why(listed, monkeypatch):
    at = on(signed_in(listed, monkeypatch, "admin"), "views/people.py")
    at.selectbox(key="people_who").select(PEOPLE["admin"][0])
    at.selectbox(key="people_new").select(Role.VIEWER)
    button(at, "Save").click().run()
    assert "make someone else an admin first" in at.error[0].value
    assert store_of(make_engine(listed)).person(PEOPLE["admin"][0]).role == Role.ADMIN


def test_a_lead_proposes_complete_on_the_form_and_an_editor_confirms_it_from_the_list(
    listed, monkeypatch, demo_engine
):
    lead, own, other = lead_of(demo_engine)
    plan_lead = stored_plan(demo_engine).choose_lead(lead.lead_name).name
    at = app_with_sign_in(
        listed,
        monkeypatch,
        {"is_logged_in": True, "email": lead.email, "name": lead.name},
        lead=plan_lead,
    )
    at = on(at, "views/my_actions.py")
    at.session_state["my_open_action"] = own  # as a click on its row does
    at.run()
    assert not [w for w in at.text_input if (w.key or "").startswith("my_author_")]  # signed in
    progress_field(at, "text").input("All audits filed.")
    progress_field(at, "status").set_value("complete")
    at = next(b for b in at.button if b.label == "Save update").click().run()
    assert "Complete proposed, awaiting an editor's sign-off" in at.success[0].value
    row = plan_status(stored_plan(demo_engine), AS_AT, Settings()).actions
    assert row[row["action_id"] == own].iloc[0]["rag"] != "blue"
    # Another lead's action, replayed into My actions: not in their list, so nothing opens;
    # opened on the plan page: its history, no form, and why.
    at.session_state["my_open_action"] = other
    at.run()
    assert not [b for b in at.button if b.label == "Save update"]
    at = on(at, "views/plan.py")
    at.selectbox(key="lead").set_value(None).run()  # everyone's actions
    at.selectbox(key="plan_open_action").select(other).run()
    assert not [b for b in at.button if b.label == "Save update"]
    assert "Only this action's leads or an editor can record progress" in "".join(
        c.value for c in at.caption
    )

    editor = on(signed_in(listed, monkeypatch, "editor"), "views/my_actions.py")
    assert [s.value for s in editor.subheader if "sign-off" in str(s.value)]
    editor.selectbox(key="signoff_open_action").select(own).run()
    progress_field(editor, "text", "signoff").input("Checked the audits: confirmed.")
    progress_field(editor, "status", "signoff").set_value("complete")
    editor = next(b for b in editor.button if b.label == "Save update").click().run()
    assert not editor.error, [e.value for e in editor.error]
    row = plan_status(stored_plan(demo_engine), AS_AT, Settings()).actions
    assert row[row["action_id"] == own].iloc[0]["rag"] == "blue"
    kinds = [e["Change"] for e in store_of(demo_engine).audit_entries(AuditFilter(action_id=own))]
    assert "Completion proposed" in kinds and "Completion confirmed" in kinds
