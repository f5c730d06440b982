"""One store owns every transaction (readiness.store): pages and the command line never open one,
the SQL modules below it never commit, records are read by column name, a write the database
refuses says so in words on the page, and a page cannot change what another session is shown.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import text

from components import data
from components.kpi_loading import TARGETS_OPEN
from readiness.access.roles import LOCAL_USER
from readiness.db.engine import make_engine
from readiness.demo.plan import demo_plan
from readiness.plan.store import load
from tests.conftest import AS_AT, ROOT, open_app, open_expander, store_of, stored_plan

# Above the store: the pages, their components and the command line ask the store for what they
# read and write. Below it: the SQL modules take a Connection and leave the commit to the store.
ABOVE = [ROOT / "app.py", *(ROOT / "views").glob("*.py"), *(ROOT / "components").glob("*.py")]
ABOVE += (ROOT / "readiness" / "cli").glob("*.py")
# The set-up: the engine and migrations (Alembic's own transactions), and the demo of a new
# database, which readiness.store.Store.prepare and the tests' fixtures call.
SET_UP = {ROOT / "readiness" / "store.py", ROOT / "readiness" / "demo" / "prepare.py"}
BELOW = [
    path
    for path in (ROOT / "readiness").rglob("*.py")
    if path not in SET_UP and path.relative_to(ROOT / "readiness").parts[0] not in ("db", "cli")
]
TRANSACTIONS = {"begin", "connect", "commit", "rollback"}


def transaction_calls(path: Path) -> list[str]:
    """`x.begin()`, `x.connect()`, ... calls in the module, as "line: name"."""
    return [
        f"{node.lineno}: .{node.func.attr}()"
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in TRANSACTIONS
    ]


@pytest.mark.parametrize(
    "path", [*ABOVE, *BELOW], ids=lambda p: str(p.relative_to(ROOT)).removesuffix(".py")
)
def test_only_the_store_opens_a_connection_or_a_transaction(path):
    assert transaction_calls(path) == [], f"{path.relative_to(ROOT)}: ask readiness.store"


def test_a_record_is_read_by_column_name_whatever_the_order_of_the_select(engine, monkeypatch):
    plan, plans = stored_plan(engine), store_of(engine).stored_plans()
    in_order = load.columns_of
    monkeypatch.setattr(load, "columns_of", lambda model, record: in_order(model, record)[::-1])
    assert stored_plan(engine) == plan
    assert store_of(engine).stored_plans() == plans
    action = plan.actions[0]
    assert (action.version, action.retired_on) == (1, None)  # not each other's, nor the id's


def test_a_page_that_changes_its_tables_in_place_changes_no_other_sessions(demo_url, monkeypatch):
    monkeypatch.setenv("READINESS_DATABASE_URL", demo_url)
    data.open_store(AS_AT)
    loaded = data.current_plan()
    mine = data.current_status(loaded, AS_AT, None)
    workload = data.lead_workload(loaded, AS_AT)
    kpis = data.current_kpis(AS_AT)
    shown = {
        "actions": mine.actions.copy(),
        "overdue": mine.overdue.copy(),
        "workload": workload.copy(),
        "kpis": kpis.frame.copy(),
    }
    # One page's careless edits, in place: a column assigned, a value set, a column deleted.
    mine.actions["rag"] = "grey"
    mine.actions.iloc[0, mine.actions.columns.get_loc("ref")] = "REC 99"
    mine.overdue.loc[mine.overdue.index[0], "days_overdue"] = 0
    del workload["lead"]
    kpis.frame["value"] = 0.0
    # Another session, drawing its page after.
    theirs = data.current_status(loaded, AS_AT, None)
    pd.testing.assert_frame_equal(theirs.actions, shown["actions"])
    pd.testing.assert_frame_equal(theirs.overdue, shown["overdue"])
    pd.testing.assert_frame_equal(data.lead_workload(loaded, AS_AT), shown["workload"])
    pd.testing.assert_frame_equal(data.current_kpis(AS_AT).frame, shown["kpis"])


def _refuse_writes(url: str, table: str) -> None:
    """Make the database refuse every change to `table` from now on, as a full disk or a lost
    permission would, while reads still work."""
    engine = make_engine(url)
    with engine.begin() as conn:
        for change in ("INSERT", "UPDATE", "DELETE"):
            conn.execute(
                text(
                    f"CREATE TRIGGER refuse_{change.lower()} BEFORE {change} ON {table} "
                    "BEGIN SELECT RAISE(ABORT, 'refused'); END"
                )
            )
    engine.dispose()


def _make_current(at):
    at.button(key="FormSubmitter:data_switch-Make it current").click()


def _save_targets(at):
    open_expander(at, TARGETS_OPEN)
    at.number_input(key="kpi_target_sw_agency").set_value(25.0)
    at.button(key="FormSubmitter:kpi_targets-Save targets").click()


def _save_checklist(at):
    open_expander(at, "checklist_edit")
    at.button(key="FormSubmitter:checklist_form-Save the checklist").click()


@pytest.mark.parametrize(
    ("page", "table", "act", "words"),
    [
        ("views/loading.py", "improvement_plan", _make_current, "The plan shown was not changed"),
        ("views/loading.py", "kpi_target", _save_targets, "The targets were not saved"),
        ("views/inspection.py", "readiness_task", _save_checklist, "The checklist was not saved"),
    ],
    ids=["make a plan current", "save targets", "save the checklist"],
)
def test_a_write_the_database_refuses_is_said_in_words(
    page, table, act, words, sqlite_url, demo_engine, monkeypatch
):
    # A second plan, so that the first can be made current again.
    store_of(demo_engine).import_plan(demo_plan(AS_AT), AS_AT, as_new_plan=True, by=LOCAL_USER)
    at = open_app(sqlite_url, monkeypatch, page)
    _refuse_writes(sqlite_url, table)
    act(at)
    at.run()
    assert not at.exception, at.exception
    said = [e.value for e in at.error]
    assert len(said) == 1 and said[0].startswith(f"**{words}**"), said
    assert "Nothing was changed" in said[0] and "refused" not in said[0]  # no database text
