"""The readiness checklist: each task's colour against the predicted window, and the stored
list as a council edits it."""

from __future__ import annotations

from datetime import date

import pytest

from readiness.bootstrap import prepare_database
from readiness.db import make_engine
from readiness.inspection.checklist import DEFAULT_TASKS, Task, task_rag
from readiness.inspection.checklist_store import save_tasks, tasks
from readiness.rag import Rag

AS_AT = date(2026, 11, 30)


def task(status="not_started", due=None, completed=None):
    return Task(1, "Annex A lists ready", "A. Lead", due, status, completed)


@pytest.mark.parametrize(
    ("status", "due", "opens", "rag", "words"),
    [
        ("complete", None, date(2026, 1, 5), Rag.BLUE, "done"),
        # The window is open: a task not done is red, whatever its own due date says.
        ("in_progress", date(2027, 6, 1), date(2026, 11, 30), Rag.RED, "window opened"),
        ("not_started", None, date(2026, 10, 5), Rag.RED, "window opened on 5 Oct 2026"),
        # Its own due date passed, the window still ahead.
        ("not_started", date(2026, 11, 29), date(2027, 9, 6), Rag.RED, "due on 29 Nov 2026"),
        # The window opens within the due-soon days (14): amber; one day later: green.
        ("not_started", None, date(2026, 12, 14), Rag.AMBER, "window opens"),
        ("not_started", None, date(2026, 12, 15), Rag.GREEN, "on track"),
        ("not_started", date(2026, 12, 14), None, Rag.AMBER, "due on 14 Dec 2026"),
        ("not_started", date(2026, 12, 15), None, Rag.GREEN, "on track"),
    ],
)
def test_a_task_s_colour(status, due, opens, rag, words):
    result = task_rag(task(status, due, date(2026, 11, 2)), AS_AT, opens, 14)
    assert result.rag == rag and words in result.why


def test_the_checklist_is_kept_as_edited(sqlite_url):
    engine = make_engine(sqlite_url)
    prepare_database(engine, AS_AT, demo=False)
    with engine.connect() as conn:
        defaults = tasks(conn)
    assert [t.text for t in defaults] == list(DEFAULT_TASKS)
    assert all(t.id is None and t.status == "not_started" for t in defaults)
    first, second, *rest = defaults
    done = Task(None, first.text, " P. Officer ", date(2026, 12, 1), "complete")
    save_tasks(engine, [done, *rest, Task(None, "Our own task", None, None, "in_progress")], AS_AT)
    with engine.connect() as conn:
        stored = tasks(conn)
    assert len(stored) == len(DEFAULT_TASKS)  # one removed, one added
    assert (stored[0].owner, stored[0].completed) == ("P. Officer", AS_AT)
    assert second.text not in [t.text for t in stored]
    assert stored[-1].text == "Our own task"
    # Editing keeps the date a task was done; removing every task but one keeps just that one.
    save_tasks(engine, [stored[0]], date(2027, 1, 4))
    with engine.connect() as conn:
        assert [(t.text, t.completed) for t in tasks(conn)] == [(first.text, AS_AT)]
    engine.dispose()


def test_a_task_without_words_or_with_an_unknown_status_is_refused(sqlite_url):
    engine = make_engine(sqlite_url)
    prepare_database(engine, AS_AT, demo=False)
    with pytest.raises(ValueError, match="needs its words"):
        save_tasks(engine, [Task(None, "  ", None, None, "not_started")], AS_AT)
    with pytest.raises(ValueError, match="not one of"):
        save_tasks(engine, [Task(None, "x", None, None, "finished")], AS_AT)
    with engine.connect() as conn:
        assert [t.id for t in tasks(conn)] == [None] * len(DEFAULT_TASKS)  # nothing stored
    engine.dispose()
