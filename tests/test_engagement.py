"""The annual engagement meeting with Ofsted: when the next is expected, the year-old warnings,
its feedback points followed up as actions are (the plan's own colours), the meetings kept on
both databases, the two readiness-checklist tasks the records tick, and the Overview's line."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from readiness.access.audit import AuditFilter
from readiness.access.roles import LOCAL_USER, Person, Refused, Role
from readiness.db.engine import make_engine
from readiness.demo.prepare import prepare_database
from readiness.inspection.checklist import DEFAULT_TASKS, Task, task_rag
from readiness.plan.rag import rag_for_action
from readiness.plan.records import ActionRecord, UpdateRecord
from readiness.self_evaluation.document import SelfEvaluation
from readiness.self_evaluation.engagement import (
    MeetingRecord,
    Point,
    follow_up,
    meeting_due_warning,
    next_meeting,
    points_from_lines,
    self_evaluation_stale_warning,
)
from readiness.settings import Settings
from tests.conftest import AS_AT, open_app, open_expander, store_of

RULES = Settings().rag
HELD = date(2026, 12, 5)
TODAY = date(2026, 12, 6)
VIEWER = Person("viewer", "A. Councillor", Role.VIEWER)


def meeting(held_on: date, next_on: date | None = None, id_: int = 1) -> MeetingRecord:
    return MeetingRecord(id_, held_on, "Director; senior HMI", None, next_on, "Local user", ())


@pytest.mark.parametrize(
    ("meetings", "as_at", "expected"),
    [
        ([], TODAY, None),
        # No date set by Ofsted: about a year on, as the meetings are annual.
        ([meeting(HELD)], TODAY, "expected about 5 Dec 2027, 12 months after the last"),
        # Ofsted's date, once stored, is the one given.
        ([meeting(HELD, date(2027, 11, 18))], TODAY, "set for 18 Nov 2027"),
        # The latest meeting held by the as-at date counts, not one held later.
        (
            [meeting(date(2025, 12, 1), id_=1), meeting(HELD, id_=2)],
            date(2026, 12, 4),
            "expected about 1 Dec 2026, 12 months after the last; none recorded since",
        ),
        ([meeting(date(2025, 12, 1), id_=1), meeting(HELD, id_=2)], HELD, "about 5 Dec 2027"),
        # The expected day itself is not late; the day after, none was recorded since.
        ([meeting(HELD)], date(2027, 12, 5), "expected about 5 Dec 2027, 12 months after the last"),
        ([meeting(HELD)], date(2027, 12, 6), "; none recorded since"),
        ([meeting(HELD, date(2027, 3, 1))], date(2027, 3, 2), "set for 1 Mar 2027; none recorded"),
    ],
)
def test_the_next_meeting(meetings, as_at, expected):
    found = next_meeting(meetings, as_at)
    if expected is None:
        assert found is None
    else:
        assert expected in found.words


@pytest.mark.parametrize(
    ("warning", "words"),
    [
        (self_evaluation_stale_warning, "Self-evaluation not refreshed for 12 months"),
        (meeting_due_warning, "No engagement meeting in the last 12 months"),
    ],
)
@pytest.mark.parametrize(
    ("last", "as_at", "warned", "detail"),
    [
        (None, TODAY, True, "yet"),
        # Exactly 12 months old still counts; a day older does not.
        (date(2025, 12, 6), TODAY, False, None),
        (date(2025, 12, 5), TODAY, True, "5 Dec 2025"),
        (TODAY, TODAY, False, None),
        # A leap day's anniversary is the last day of February.
        (date(2024, 2, 29), date(2025, 2, 28), False, None),
        (date(2024, 2, 29), date(2025, 3, 1), True, "29 Feb 2024"),
    ],
)
def test_a_year_without_a_self_evaluation_or_a_meeting_is_warned_of(
    warning, words, last, as_at, warned, detail
):
    said = warning(last, as_at)
    if not warned:
        assert said is None
    else:
        assert said.startswith(words) and detail in said


def test_points_are_read_one_a_line_without_their_bullets():
    pasted = "• Strengthen management oversight\n\n - Sharpen plans \n2. Keep this number"
    assert points_from_lines(pasted) == [
        "Strengthen management oversight",
        "Sharpen plans",
        "2. Keep this number",
    ]


def plan_action(due, status, completed=None, updated=None) -> ActionRecord:
    """A plan action with the same dates as the point, as the plan itself would hold it."""
    updates = (UpdateRecord(updated, "note", "A. Lead", status),) if updated else ()
    return ActionRecord(
        id=7,
        theme_id=1,
        text="An action",
        position=0,
        start=HELD,
        due=due,
        due_text=None,
        completed=completed,
        status=status,
        evidence="note",
        version=1,
        retired_on=None,
        service_leads=("A. Lead",),
        other_leads=(),
        updates=updates,
    )


@pytest.mark.parametrize(
    ("due", "status", "completed", "updated", "as_at", "rag", "words"),
    [
        (date(2027, 1, 31), "in_progress", None, TODAY, date(2027, 2, 3), "Red", "3 days overdue"),
        (date(2027, 1, 31), "in_progress", None, TODAY, date(2027, 1, 20), "Amber", "in 11 days"),
        (date(2027, 1, 31), "complete", TODAY, TODAY, date(2027, 2, 3), "Blue", "completed 6 Dec"),
        # Nobody has updated it for the plan's stale days (42): stale, as an action would be.
        (date(2027, 6, 30), "in_progress", None, TODAY, date(2027, 1, 20), "Amber", "no progress"),
        (date(2027, 6, 30), "in_progress", None, TODAY, date(2026, 12, 20), "Green", "on track"),
    ],
)
def test_a_tracked_point_takes_the_colour_an_action_would(
    due, status, completed, updated, as_at, rag, words
):
    point = Point(1, "Sharpen plans", True, "A. Lead", due, status, "note", completed, updated)
    followed = follow_up(point, HELD, as_at, RULES)
    action = rag_for_action(plan_action(due, status, completed, updated), as_at, RULES)
    assert (followed.rag, followed.why) == (action.rag.word, action.reason)
    assert followed.rag == rag and words in followed.why
    assert (followed.lead, followed.due) == ("A. Lead", due)
    untracked = follow_up(replace(point, tracked=False), HELD, as_at, RULES)
    assert (untracked.status, untracked.rag, untracked.why) == ("not tracked", None, None)


@pytest.fixture
def store(any_db_url):
    engine = make_engine(any_db_url)
    prepare_database(engine, TODAY, demo=False)
    yield store_of(engine)
    engine.dispose()


def record(store, held_on=HELD, points=("Strengthen oversight", "Sharpen plans"), **kw) -> int:
    attendees = kw.get("attendees", "Director; senior HMI")
    next_on = kw.get("next_on")
    return store.record_meeting(
        held_on, attendees, "Notes", next_on, list(points), TODAY, by=LOCAL_USER
    )


def test_a_meeting_and_its_points_are_kept_followed_up_and_removed(store):
    meeting_id = record(store, points=["- Strengthen oversight", "", "Sharpen plans"])
    [kept] = store.meetings(TODAY)
    assert (kept.held_on, kept.attendees, kept.recorded_by) == (
        HELD,
        "Director; senior HMI",
        "Local user",
    )
    assert [p.text for p in kept.points] == ["Strengthen oversight", "Sharpen plans"]
    assert store.meetings(date(2026, 12, 4)) == []  # not yet held then
    first, second = kept.points
    store.save_points(
        meeting_id,
        [
            replace(first, tracked=True, lead="A. Lead", due=date(2027, 1, 31), status="complete"),
            Point(None, "Check the audit themes", True, "B. Lead", date(2026, 12, 10)),
        ],
        TODAY,
        by=LOCAL_USER,
    )
    done, added = store.meetings()[0].points  # the second point removed, one added
    assert (done.completed, done.updated_on, added.text) == (TODAY, TODAY, "Check the audit themes")
    last = store.last_meeting(TODAY)
    assert [(p.status, p.rag) for p in last.points] == [
        ("Complete", "Blue"),
        ("Not started", "Amber"),
    ]
    assert last.points[1].why == "Amber: due 10 Dec 2026, in 4 days"
    # Saved again later with nothing changed: the day it was done and updated stays.
    store.save_points(meeting_id, [done, added], date(2027, 1, 4), by=LOCAL_USER)
    assert store.meetings()[0].points[0].completed == TODAY
    kinds = [e["Change"] for e in store.audit_entries(AuditFilter())]
    assert kinds.count("Engagement feedback points changed") == 1  # the unchanged save adds none
    store.remove_meeting(meeting_id, by=LOCAL_USER)
    assert store.meetings() == [] and store.last_meeting(TODAY) is None
    (removed,) = store.audit_entries(AuditFilter(kind="engagement_meeting_removed"))
    assert (removed["Change"], removed["What"]) == (
        "Engagement meeting removed",
        "Engagement meeting on 5 Dec 2026",
    )
    assert len(store.audit_entries(AuditFilter(kind="engagement_meeting"))) == 1


def test_bad_input_stores_nothing_and_says_which_row_and_value(store):
    with pytest.raises(ValueError) as refused:
        record(store, held_on=date(2026, 12, 7), attendees="  ", next_on=date(2026, 12, 1))
    said = str(refused.value)
    assert "7 Dec 2026, is after today" in said and "Say who attended" in said
    assert "1 Dec 2026, is not after" in said
    assert store.meetings() == []
    meeting_id = record(store)
    with pytest.raises(ValueError, match="already recorded"):
        record(store)
    before = store.meetings()
    first, second = before[0].points
    with pytest.raises(ValueError) as refused:
        store.save_points(
            meeting_id,
            [
                replace(first, tracked=True),
                replace(second, text="  "),
                Point(None, "x", status="done"),
            ],
            TODAY,
            by=LOCAL_USER,
        )
    assert str(refused.value).splitlines() == [
        "Row 2: a feedback point needs its words",
        "Row 3: 'done' is not a status; give one of not_started, in_progress, complete",
    ]
    assert store.meetings() == before  # not even the first row's change was kept


def test_a_viewer_is_refused_and_nothing_is_written(store):
    with pytest.raises(Refused, match="Editor role"):
        store.record_meeting(HELD, "Director", None, None, ["A point"], TODAY, by=VIEWER)
    meeting_id = record(store)
    before = store.meetings()
    with pytest.raises(Refused):
        store.save_points(meeting_id, [], TODAY, by=VIEWER)
    with pytest.raises(Refused):
        store.remove_meeting(meeting_id, by=VIEWER)
    assert store.meetings() == before
    assert len(store.audit_entries(AuditFilter())) == 1  # only the editor's meeting


def submit(store, on: date) -> None:
    document = SelfEvaluation("Fictional Borough Council", on, "ILACS", (), ())
    store.submit_self_evaluation(document, on, by=LOCAL_USER)


def ticked(store, as_at: date) -> dict[str, Task]:
    return {t.ticked_by: t for t in store.checklist(None, as_at) if t.ticked_by}


@pytest.mark.parametrize("stored_list", [False, True], ids=["default list", "stored list"])
def test_the_two_checklist_tasks_are_ticked_from_the_records(store, stored_list):
    if stored_list:
        # A council's own list, with the two tasks ticked by hand: a hand tick is never kept.
        own = [replace(t, status="complete") for t in store.checklist(None, TODAY)]
        store.save_checklist(own, TODAY, by=LOCAL_USER)
    tasks = ticked(store, TODAY)
    assert {k: t.status for k, t in tasks.items()} == {
        "self_evaluation": "not_started",
        "engagement_meeting": "not_started",
    }
    assert tasks["self_evaluation"].ticked_why == (
        "no self-evaluation submitted in the 12 months to 6 Dec 2026: submit one on the "
        "Self-evaluation page"
    )
    submit(store, date(2026, 11, 3))
    record(store)
    tasks = ticked(store, TODAY)
    sef, held = tasks["self_evaluation"], tasks["engagement_meeting"]
    assert (sef.status, sef.completed) == ("complete", date(2026, 11, 3))
    assert (held.status, held.completed) == ("complete", HELD)
    colour = task_rag(sef, TODAY, None, 14)
    assert (
        colour.rag == "blue" and colour.why == "Self-evaluation submitted to Ofsted on 3 Nov 2026"
    )
    assert held.ticked_why == "Engagement meeting with Ofsted held on 5 Dec 2026"
    # Thirteen months on, neither counts: not done, saying which record was the last.
    later = date(2027, 12, 6)
    tasks = ticked(store, later)
    assert {t.status for t in tasks.values()} == {"not_started"}
    why = task_rag(tasks["self_evaluation"], later, None, 14).why
    assert why.endswith(
        "no self-evaluation submitted in the 12 months to 6 Dec 2027 (the last on 3 Nov 2026): "
        "submit one on the Self-evaluation page"
    )
    assert "no engagement meeting held in the 12 months to 6 Dec 2027 (the last on 5 Dec 2026)" in (
        tasks["engagement_meeting"].ticked_why
    )
    # The other tasks are the council's to tick, as before.
    others = [t for t in store.checklist(None, TODAY) if not t.ticked_by]
    assert len(others) == len(DEFAULT_TASKS) - 2
    assert all(t.status == ("complete" if stored_list else "not_started") for t in others)


def test_the_overview_shows_the_next_meeting_and_the_warning(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'readiness.db'}"
    engine = make_engine(url)
    prepare_database(engine, AS_AT, demo=True)
    store_of(engine).record_meeting(
        date(2026, 10, 14), "Director; senior HMI", None, None, [], AS_AT, by=LOCAL_USER
    )
    engine.dispose()
    at = open_app(url, monkeypatch)
    [line] = [link for link in at.page_link if link.proto.page.endswith("self-evaluation")]
    assert line.label == (
        "**Engagement meeting with Ofsted:** next meeting expected about 14 Oct 2027, 12 months "
        "after the last"
    )
    # The demo's leaders sent their self-evaluation on 5 Jan 2026: no warning yet.
    assert not [c.value for c in at.caption if "Self-evaluation not" in c.value]
    # A year and a day after the meeting, both are warned of.
    late = open_app(url, monkeypatch, as_at="2027-10-15")
    [warned] = [c.value for c in late.caption if "Self-evaluation not" in c.value]
    assert "Self-evaluation not refreshed for 12 months (last submitted 5 Jan 2026)." in warned
    assert "No engagement meeting in the last 12 months (last held 14 Oct 2026)." in warned


def show_as(role: str) -> None:
    """The engagement section as the Self-evaluation page draws it, for an editor or a viewer."""
    from datetime import date

    from components.engagement import show_engagement
    from components.signin import acting_person
    from readiness.access.roles import Person, Role

    person = acting_person() if role == "editor" else Person("v", "A. Councillor", Role.VIEWER)
    show_engagement(date(2026, 11, 22), date(2026, 11, 22), person)


def section(url: str, monkeypatch, role: str) -> AppTest:
    monkeypatch.setenv("READINESS_DATABASE_URL", url)
    at = AppTest.from_function(show_as, args=(role,), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def test_an_editor_records_a_meeting_and_a_viewer_only_reads_it(sqlite_url, monkeypatch):
    prepare_database(make_engine(sqlite_url), AS_AT, demo=False)
    at = section(sqlite_url, monkeypatch, "editor")
    assert "No engagement meeting with Ofsted is recorded by 22 Nov 2026." in at.info[0].value
    at.date_input(key="engagement_held").set_value(date(2026, 11, 2))
    at.text_area(key="engagement_points").set_value("• Sharpen plans\n• Check audits")
    at.button[0].click().run()  # nobody named as attending
    assert "Say who attended the meeting" in at.error[0].value
    at.text_input(key="engagement_attendees").set_value("Director; senior HMI")
    at.button[0].click().run()
    assert not at.error
    shown = "\n".join(m.value for m in at.markdown)
    assert "**Last meeting:** 2 Nov 2026" in shown and "expected about 2 Nov 2027" in shown
    table = next(h.proto.body for h in at.get("html") if "Feedback point" in h.proto.body)
    assert "Sharpen plans" in table and "Not tracked" in table
    viewer = section(sqlite_url, monkeypatch, "viewer")
    assert not viewer.main.expander and "needs the Editor role" in viewer.caption[0].value
    # Recorded in error: the editor removes it, and the page is back to none recorded.
    open_expander(at, "engagement_removing")
    next(b for b in at.button if b.label.startswith("Remove the meeting")).click().run()
    assert not at.exception and not at.error, at.error
    assert "No engagement meeting with Ofsted is recorded by 22 Nov 2026." in at.info[0].value
    assert store_of(make_engine(sqlite_url)).meetings() == []
