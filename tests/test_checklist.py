"""The readiness checklist: each task's colour against the predicted window, and the stored
list as a council edits it."""

from __future__ import annotations

from datetime import date

import pytest

from readiness.access.roles import LOCAL_USER
from readiness.db.engine import make_engine
from readiness.demo.prepare import prepare_database
from readiness.inspection.checklist import (
    DEFAULT_TASKS,
    Task,
    default_tasks,
    summarise,
    task_rag,
)
from readiness.inspection.checklist_store import tasks
from readiness.palette import Rag
from tests.conftest import store_of

AS_AT = date(2026, 11, 30)


def task(status="not_started", due=None, completed=None):
    return Task(1, "Annex A lists ready", "A. Lead", due, status, completed)


@pytest.mark.parametrize(
    ("status", "due", "opens", "rag", "words"),
    [
        ("complete", None, date(2026, 1, 5), Rag.BLUE, "done on 2 Nov 2026"),
        # Past its due date: red, whether Ofsted's published window has opened or not.
        ("in_progress", date(2026, 11, 29), date(2026, 10, 5), Rag.RED, "due on 29 Nov 2026"),
        ("not_started", date(2026, 11, 29), date(2027, 9, 6), Rag.RED, "due on 29 Nov 2026"),
        # Due today is not yet late.
        ("not_started", AS_AT, None, Rag.AMBER, "due on 30 Nov 2026"),
        # No due date: a gap to fill, never green.
        ("not_started", None, date(2027, 9, 6), Rag.AMBER, "no due date"),
        # Due within the due-soon days (14): amber; one day later: green.
        ("not_started", date(2026, 12, 14), None, Rag.AMBER, "due on 14 Dec 2026"),
        ("not_started", date(2026, 12, 15), None, Rag.GREEN, "on track, due 15 Dec 2026"),
        # Ofsted's published window has opened: Ofsted may call any week, so amber however far
        # off the task's due date is; the day before it opens, green.
        ("in_progress", date(2027, 6, 1), AS_AT, Rag.AMBER, "published window opened on 30 Nov"),
        ("in_progress", date(2027, 6, 1), date(2026, 12, 1), Rag.GREEN, "on track"),
    ],
)
def test_a_task_s_colour(status, due, opens, rag, words):
    result = task_rag(task(status, due, date(2026, 11, 2)), AS_AT, opens, 14)
    assert result.rag == rag and words in result.why


def test_the_default_tasks_have_an_owner_and_a_due_date_before_the_predicted_window():
    starts = date(2027, 4, 26)
    defaults = default_tasks(starts, AS_AT)
    assert [t.text for t in defaults] == [d.text for d in DEFAULT_TASKS]
    assert all(t.owner and t.due for t in defaults)
    assert all(AS_AT <= t.due < starts for t in defaults)
    # Annex A lists: twelve weeks before the predicted start.
    annex = next(t for t in defaults if t.text.startswith("Annex A"))
    assert annex.due == date(2027, 2, 1)
    # A window close at hand: nothing is due before the as-at date, so nothing starts late.
    soon = default_tasks(date(2026, 12, 14), AS_AT)
    assert {t.due for t in soon} <= {AS_AT, date(2026, 12, 7)}
    # No inspection known: no date to count back from.
    assert all(t.due is None for t in default_tasks(None, AS_AT))


def test_the_summary_counts_what_is_not_ready():
    tasks_ = [
        task("complete", None, AS_AT),
        task("in_progress", date(2026, 11, 1)),  # late
        task("not_started", date(2027, 1, 1)),
    ]
    summary = summarise(tasks_, AS_AT, None, 14)
    assert (summary.total, summary.not_ready, summary.late) == (3, 2, 1)
    assert summary.words == "2 of 3 readiness tasks not ready (1 past its due date)"
    done = summarise(tasks_[:1], AS_AT, None, 14)
    assert done.words == "all 1 readiness task ready"


def test_the_checklist_is_kept_as_edited(sqlite_url):
    engine = make_engine(sqlite_url)
    prepare_database(engine, AS_AT, demo=False)
    with engine.connect() as conn:
        defaults = tasks(conn, date(2027, 4, 26), AS_AT)
    assert [t.text for t in defaults] == [d.text for d in DEFAULT_TASKS]
    assert all(t.id is None and t.status == "not_started" for t in defaults)
    # The first two tasks are ticked from the self-evaluation records, never by hand
    # (tests/test_engagement.py), so the task ticked by hand here is the third.
    self_evaluation, meeting, annex, *rest = defaults
    done = Task(None, annex.text, " P. Officer ", date(2026, 12, 1), "complete")
    store_of(engine).save_checklist(
        [done, self_evaluation, *rest, Task(None, "Our own task", None, None, "in_progress")],
        AS_AT,
        by=LOCAL_USER,
    )
    with engine.connect() as conn:
        stored = tasks(conn, None, AS_AT)
    assert len(stored) == len(DEFAULT_TASKS)  # one removed, one added
    assert (stored[0].owner, stored[0].completed) == ("P. Officer", AS_AT)
    assert meeting.text not in [t.text for t in stored]
    assert stored[1].ticked_by == "self_evaluation"
    assert stored[-1].text == "Our own task"
    # Editing keeps the date a task was done; removing every task but one keeps just that one.
    store_of(engine).save_checklist([stored[0]], date(2027, 1, 4), by=LOCAL_USER)
    with engine.connect() as conn:
        assert [(t.text, t.completed) for t in tasks(conn, None, AS_AT)] == [(annex.text, AS_AT)]
    engine.dispose()


def test_a_task_without_words_or_with_an_unknown_status_is_refused(sqlite_url):
    engine = make_engine(sqlite_url)
    prepare_database(engine, AS_AT, demo=False)
    with pytest.raises(ValueError, match="needs its words"):
        store_of(engine).save_checklist(
            [Task(None, "  ", None, None, "not_started")], AS_AT, by=LOCAL_USER
        )
    with pytest.raises(ValueError, match="not one of"):
        store_of(engine).save_checklist(
            [Task(None, "x", None, None, "finished")], AS_AT, by=LOCAL_USER
        )
    with engine.connect() as conn:
        assert [t.id for t in tasks(conn, None, AS_AT)] == [None] * len(
            DEFAULT_TASKS
        )  # nothing stored
    engine.dispose()
