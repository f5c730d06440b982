"""User text is only ever text: Markdown made plain, invisible characters dropped, lengths checked
the same on both databases, and refused saves that keep what was typed.

The browser-level proof (no request leaves, no injected element) is tests/test_hostile_plan.py.
"""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from components.safe_text import LABEL_LIMIT, md
from readiness.access.roles import LOCAL_USER
from readiness.db.engine import make_engine
from readiness.demo.prepare import prepare_database
from readiness.plan.progress import ProgressEntry
from readiness.plan.status import plan_status
from readiness.plan.store import load_plan
from readiness.settings import Settings
from readiness.text import one_line, visible
from tests.conftest import AS_AT, ROOT, progress_field, store_of, stored_plan
from tests.import_fixtures import canonical_row, canonical_workbook
from tests.page_text import shown
from tests.test_cli import run

HOSTILE = [
    "![x](http://evil.invalid/x.png)",
    "[sign in](http://evil.invalid/login)",
    "see http://evil.invalid/bare or www.evil.invalid or someone@evil.invalid",
    ":red[alarm] :material/rocket_launch: :smile: $x^2$",
    "**bold** _it_ `code` ~~gone~~ <b>tag</b> &amp;",
    "# Heading\n1. list\n- item\n> quote",
    "Reb\u202eccA Hollis\u200b\ufeff",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_is_shown_as_written(text):
    escaped = md(text)
    # Every construct Streamlit would draw needs its characters side by side: none are left.
    for construct in ("](", "http://", "www.", "@evil", ":material/", ":red[", ":smile:"):
        assert construct not in escaped
    assert not re.search(r"(?<!\\)[*_`~<>#\[\]$!]", escaped)  # every mark escaped
    assert shown(escaped) == one_line(visible(text))  # and the reader sees the text


def test_long_text_is_cut_for_labels_not_elsewhere():
    long = "word " * 2_000
    assert len(shown(md(long, LABEL_LIMIT))) == LABEL_LIMIT
    assert shown(md(long, LABEL_LIMIT)).endswith("…")
    assert shown(md(long)) == long.strip()


def _import(capsys, tmp_path, rows, db, *extra):
    path = canonical_workbook(tmp_path / "plan.xlsx", rows)
    return run(
        capsys, "import-plan", str(path), "--yes", "--imported-on", str(AS_AT), *extra, db=db
    )


def _row(**values):
    base = dict(
        ref="REC 1",
        recommendation="Tighten the front door.",
        theme="Screening",
        action="Audit screening decisions.",
        service_leads="Rebecca Hollis",
        due="31/12/2026",
    )
    return canonical_row(**(base | values))


def test_a_look_alike_name_is_the_same_lead(tmp_path, capsys, any_db_url):
    prepare_database(make_engine(any_db_url), AS_AT, demo=False)
    rows = [
        _row(service_leads="Rebecca Hollis"),
        _row(action="Second action.", service_leads="Rebecca Hol\u200blis"),
        _row(action="Third action.", service_leads="Rebecca Hol\u202elis"),
        _row(action="Fourth action.", service_leads="\ufeffRebecca Hollis"),
    ]
    assert _import(capsys, tmp_path, rows, any_db_url).code == 0
    plan = stored_plan(make_engine(any_db_url))
    assert plan.lead_names == ["Rebecca Hollis"]
    assert [a.text for a in plan.actions][-1] == "Fourth action."


def test_a_name_too_long_to_store_is_refused_alike_on_both_databases(tmp_path, capsys, any_db_url):
    prepare_database(make_engine(any_db_url), AS_AT, demo=False)
    rows = [_row(), _row(action="Second action.", other_leads="A" * 10_000)]
    result = _import(capsys, tmp_path, rows, any_db_url)
    assert result.code != 0
    assert "Other leads" in result.err and "row 3" in result.err.lower()
    assert "10,000 characters long" in result.err and "at most 200" in result.err
    assert stored_plan(make_engine(any_db_url)) is None  # nothing stored


def test_a_title_too_long_is_refused_by_the_command(tmp_path, capsys, sqlite_url):
    prepare_database(make_engine(sqlite_url), AS_AT, demo=False)
    result = _import(capsys, tmp_path, [_row()], sqlite_url, "--title", "T" * 301)
    assert result.code == 2 and "at most 300" in result.err
    assert stored_plan(make_engine(sqlite_url)) is None


# --- The progress form -----------------------------------------------------------------------


@pytest.fixture
def open_action(tmp_path, monkeypatch):
    """My actions with one of Rebecca Hollis's actions open, on a database of its own."""
    url = f"sqlite:///{tmp_path / 'edit.db'}"
    engine = make_engine(url)
    prepare_database(engine, AS_AT, demo=True)
    monkeypatch.setenv("READINESS_DATABASE_URL", url)
    actions = plan_status(stored_plan(engine), AS_AT, Settings(), lead="Rebecca Hollis").actions
    action_id = int(actions.iloc[0]["action_id"])

    def opened() -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.query_params.update({"as_at": AS_AT.isoformat(), "lead": "Rebecca Hollis"})
        at.run()
        at.switch_page("views/my_actions.py").run()
        at.session_state["my_open_action"] = action_id
        return at.run()

    return opened, url


def _save(at: AppTest, text: str, author: str | None = None) -> AppTest:
    progress_field(at, "text").input(text)
    if author is not None:
        progress_field(at, "author").input(author)
    return next(b for b in at.button if b.label == "Save update")


def test_a_refused_update_keeps_what_was_typed(open_action):
    opened, _ = open_action
    at = _save(opened(), "Met the partners; protocol drafted.", author=" ").click().run()
    assert not at.exception
    assert "Give your name" in at.error[0].value
    assert progress_field(at, "text").value == "Met the partners; protocol drafted."


def test_a_database_that_cannot_save_says_so_and_keeps_the_text(open_action):
    opened, url = open_action
    at = opened()
    with make_engine(url).begin() as conn:  # the database breaks after the action was opened
        conn.exec_driver_sql("ALTER TABLE progress_update RENAME TO progress_update_gone")
    at = _save(at, "Audit done; findings to the board.").click().run()
    assert not at.exception
    message = at.error[0].value
    assert message.startswith("**The update was not saved**") and "Nothing was changed" in message
    assert "INSERT" not in message and "UPDATE" not in message  # no SQL on screen
    assert progress_field(at, "text").value == "Audit done; findings to the board."


def test_a_note_with_a_nul_is_stored_on_both_databases(any_db_url):
    engine = make_engine(any_db_url)
    prepare_database(engine, AS_AT, demo=True)
    action = stored_plan(engine).actions[0]
    entry = ProgressEntry(
        action.id, action.version, "Done\x00 now", "complete", AS_AT, "Ann\u200b Lee"
    )
    # PostgreSQL refuses a NUL in text; SQLite would keep it.
    store_of(engine).record_progress(entry, by=LOCAL_USER)
    saved = next(a for a in stored_plan(engine).actions if a.id == action.id).updates[-1]
    assert (saved.text, saved.author) == ("Done now", "Ann Lee")


def test_a_saved_update_empties_the_box(open_action):
    opened, url = open_action
    at = _save(opened(), "Protocol signed off.").click().run()
    assert not at.exception and not at.error
    assert progress_field(at, "text").value == ""
    with make_engine(url).connect() as conn:
        plan = load_plan(conn)
    assert any(u.text == "Protocol signed off." for a in plan.actions for u in a.updates)


def test_a_database_that_cannot_be_reached_gives_a_message_not_a_traceback(monkeypatch):
    # Nothing listens on port 1: connecting fails at once.
    monkeypatch.setenv("READINESS_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert at.error[0].value.startswith("**This page could not be shown**")
    assert "127.0.0.1" not in at.error[0].value and "SELECT" not in at.error[0].value
