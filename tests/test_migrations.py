"""Alembic migrations build the schema on an empty SQLite file and an empty PostgreSQL database,
agree with the models, and upgrade an existing database in place without losing its data."""

from datetime import date

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Date, Engine, bindparam, func, inspect, select, text

from readiness.db.engine import MIGRATIONS, head_revision, make_engine, schema_revision, upgrade
from readiness.db.models import Base, InspectionEvent, InspectionGrade
from readiness.demo.prepare import prepare_database
from tests.conftest import AS_AT, stored_plan


def test_migrations_create_the_schema_on_an_empty_database(any_db_url):
    engine = make_engine(any_db_url)
    assert schema_revision(engine) is None
    upgrade(engine)
    assert schema_revision(engine) == head_revision()
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    engine.dispose()


def test_migrations_match_the_models(any_db_url):
    engine = make_engine(any_db_url)
    upgrade(engine)
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert differences == []


def test_upgrading_again_keeps_the_data(any_db_url):
    engine = make_engine(any_db_url)
    assert prepare_database(engine, AS_AT, demo=True) is True
    before = stored_plan(engine)
    assert prepare_database(engine, AS_AT, demo=True) is False  # demo not loaded twice
    assert stored_plan(engine) == before
    engine.dispose()


def test_demo_round_trips_through_the_database(any_db_url):
    engine = make_engine(any_db_url)
    prepare_database(engine, AS_AT, demo=True)
    plan = stored_plan(engine)
    assert len(plan.actions) == 100
    with engine.connect() as conn:
        events = conn.scalars(
            select(InspectionEvent.event_type).order_by(InspectionEvent.fieldwork_start)
        ).all()
        grades = conn.scalar(select(func.count()).select_from(InspectionGrade))
    assert events == ["standard", "focused_visit"] and grades == 5
    assert all(a.service_leads for a in plan.actions)
    assert sum(len(a.updates) for a in plan.actions) > 100
    engine.dispose()


# A small plan written as revision 0001 stored it, before the app had `retired_on`.
PLAN_0001 = [
    (
        "INSERT INTO improvement_plan (id, title, council) VALUES (1, :title, :council)",
        {"title": "Children's services improvement plan", "council": "Marshcombe Borough Council"},
    ),
    (
        "INSERT INTO lead_officer (id, name, role) VALUES (7, 'Rebecca Hollis', :role)",
        {"role": "Head of Service, Children in Care"},
    ),
    (
        "INSERT INTO recommendation (id, plan_id, ref, kind, text, position) "
        "VALUES (3, 1, 'REC 1', 'REC', :text, 1)",
        {"text": "Improve the quality of care plans for children in care."},
    ),
    (
        "INSERT INTO recommendation_area (recommendation_id, area) VALUES (3, 'children_in_care')",
        {},
    ),
    (
        "INSERT INTO theme (id, recommendation_id, text, position) VALUES (4, 3, :text, 1)",
        {"text": "Care planning"},
    ),
    ("INSERT INTO theme_lead (theme_id, lead_id) VALUES (4, 7)", {}),
    (
        "INSERT INTO action (id, theme_id, text, position, start, due, due_text, completed, "
        "status, evidence, version) "
        "VALUES (5, 4, :text, 1, :start, :due, NULL, NULL, 'in_progress', :evidence, 3)",
        {
            "text": "Audit every care plan against the new template.",
            "start": date(2026, 1, 5),
            "due": date(2026, 3, 31),
            "evidence": "Audit report, February",
        },
    ),
    ("INSERT INTO action_lead (action_id, lead_id, role) VALUES (5, 7, 'service')", {}),
    (
        "INSERT INTO progress_update (id, action_id, recorded_on, text, author, status) "
        "VALUES (9, 5, :recorded_on, :text, 'R Hollis', 'in_progress')",
        {"recorded_on": date(2026, 2, 10), "text": "Half the plans audited."},
    ),
]
# Every row and value above, as each table's 0001 columns read back.
EXPECTED_0001 = {
    "SELECT id, title, council FROM improvement_plan": [
        (1, "Children's services improvement plan", "Marshcombe Borough Council")
    ],
    "SELECT id, name, role FROM lead_officer": [
        (7, "Rebecca Hollis", "Head of Service, Children in Care")
    ],
    "SELECT id, plan_id, ref, kind, text, position FROM recommendation": [
        (3, 1, "REC 1", "REC", "Improve the quality of care plans for children in care.", 1)
    ],
    "SELECT recommendation_id, area FROM recommendation_area": [(3, "children_in_care")],
    "SELECT id, recommendation_id, text, position FROM theme": [(4, 3, "Care planning", 1)],
    "SELECT theme_id, lead_id FROM theme_lead": [(4, 7)],
    "SELECT id, theme_id, text, position, start, due, due_text, completed, status, evidence, "
    "version FROM action": [
        (
            5,
            4,
            "Audit every care plan against the new template.",
            1,
            "2026-01-05",
            "2026-03-31",
            None,
            None,
            "in_progress",
            "Audit report, February",
            3,
        )
    ],
    "SELECT action_id, lead_id, role FROM action_lead": [(5, 7, "service")],
    "SELECT id, action_id, recorded_on, text, author, status FROM progress_update": [
        (9, 5, "2026-02-10", "Half the plans audited.", "R Hollis", "in_progress")
    ],
}
RETIRABLE = ("recommendation", "theme", "action")


def migrate(engine: Engine, revision: str, *, down: bool = False) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    (command.downgrade if down else command.upgrade)(config, revision)


def read_0001_rows(engine: Engine) -> dict[str, list[tuple]]:
    """Each table's rows in its 0001 columns, dates as ISO text on every database."""
    with engine.connect() as conn:
        return {
            query: [
                tuple(v.isoformat() if isinstance(v, date) else v for v in row)
                for row in conn.execute(text(query))
            ]
            for query in EXPECTED_0001
        }


def retired_on_values(engine: Engine) -> dict[str, list]:
    """The `retired_on` of every recommendation, theme and action."""
    with engine.connect() as conn:
        return {
            "recommendation": conn.execute(text("SELECT retired_on FROM recommendation")).all(),
            "theme": conn.execute(text("SELECT retired_on FROM theme")).all(),
            "action": conn.execute(text("SELECT retired_on FROM action")).all(),
        }


@pytest.fixture
def plan_at_0001(any_db_url):
    """A database at revision 0001 holding one small plan, inserted with plain SQL."""
    engine = make_engine(any_db_url)
    migrate(engine, "0001")
    with engine.begin() as conn:
        for statement, values in PLAN_0001:
            dates = [bindparam(k, type_=Date) for k, v in values.items() if isinstance(v, date)]
            conn.execute(text(statement).bindparams(*dates), values)
    assert schema_revision(engine) == "0001"
    assert read_0001_rows(engine) == EXPECTED_0001
    yield engine
    engine.dispose()


def test_upgrading_from_0001_keeps_every_row_and_adds_retired_on_empty(plan_at_0001):
    engine = plan_at_0001
    nothing_retired = {table: [(None,)] for table in RETIRABLE}
    migrate(engine, "0002")
    assert read_0001_rows(engine) == EXPECTED_0001
    assert retired_on_values(engine) == nothing_retired
    upgrade(engine)
    assert schema_revision(engine) == head_revision()
    assert read_0001_rows(engine) == EXPECTED_0001
    assert retired_on_values(engine) == nothing_retired


def test_downgrading_to_0001_keeps_every_row(plan_at_0001):
    engine = plan_at_0001
    upgrade(engine)
    migrate(engine, "0001", down=True)
    assert schema_revision(engine) == "0001"
    columns = inspect(engine)
    for table in RETIRABLE:
        assert "retired_on" not in {c["name"] for c in columns.get_columns(table)}, table
    assert read_0001_rows(engine) == EXPECTED_0001


def revised_due_values(engine: Engine) -> list[tuple]:
    with engine.connect() as conn:
        return conn.execute(text("SELECT id, revised_due FROM progress_update")).all()


def test_0012_adds_an_empty_revised_due_to_the_history_and_takes_it_away_again(plan_at_0001):
    engine = plan_at_0001
    migrate(engine, "0011")
    assert "revised_due" not in {c["name"] for c in inspect(engine).get_columns("progress_update")}
    upgrade(engine)  # 0012 and any later revision
    assert read_0001_rows(engine) == EXPECTED_0001
    assert revised_due_values(engine) == [(9, None)]  # an existing note revises nothing
    # The action keeps its due date; a revision is stored on the update.
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE progress_update SET revised_due = :day").bindparams(
                bindparam("day", type_=Date)
            ),
            {"day": date(2026, 5, 29)},
        )
    plan = stored_plan(engine)
    (update,) = plan.actions[0].updates
    assert (plan.actions[0].due, update.revised_due) == (date(2026, 3, 31), date(2026, 5, 29))
    migrate(engine, "0011", down=True)
    assert "revised_due" not in {c["name"] for c in inspect(engine).get_columns("progress_update")}
    assert read_0001_rows(engine) == EXPECTED_0001  # every row kept, on the way down too


def test_the_newest_revision_named_is_the_head_alembic_finds():
    """A new migration must change HEAD_REVISION, or a server would not upgrade to it."""
    assert head_revision() == ScriptDirectory(str(MIGRATIONS)).get_current_head()


def test_a_database_at_the_newest_revision_is_not_handed_to_alembic(any_db_url, monkeypatch):
    """Every server start checks the schema: a current database is only read, an old one is
    still upgraded (the tests above)."""
    engine = make_engine(any_db_url)
    upgrade(engine)
    handed = []
    monkeypatch.setattr(command, "upgrade", lambda *args: handed.append(args))
    upgrade(engine)
    assert handed == []
    migrate(engine, "0011", down=True)
    upgrade(engine)
    assert len(handed) == 1
    engine.dispose()
