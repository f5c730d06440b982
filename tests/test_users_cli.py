"""`python -m readiness users`: the first admin and everyone after, from the server's command
line, each change in the audit trail as the command line's."""

from readiness.access.audit import AuditFilter
from readiness.access.roles import Role
from readiness.db.engine import make_engine
from tests.conftest import store_of
from tests.test_cli import demo_db, run  # noqa: F401 (demo_db is a fixture)


def test_the_first_admin_is_added_listed_and_audited(capsys, demo_db):  # noqa: F811
    empty = run(capsys, "users", "list", db=demo_db)
    assert empty.code == 0 and "users add EMAIL --role admin" in empty.out
    added = run(
        capsys,
        "users",
        "add",
        "Ann@Council.example",
        "--role",
        "admin",
        "--name",
        "Ann Admin",
        db=demo_db,
    )
    assert added.code == 0 and "Added Ann Admin <ann@council.example> as Admin." in added.out
    listed = run(capsys, "users", "list", "--format", "json", db=demo_db)
    assert '"email": "ann@council.example"' in listed.out and '"role": "Admin"' in listed.out
    store = store_of(make_engine(demo_db))
    assert store.person("ann@council.example").role == Role.ADMIN
    entry = store.audit_entries(AuditFilter(kind="person_added"))[0]
    assert entry["Who"].startswith("Command line (") and entry["What"] == "ann@council.example"


def test_a_lead_not_in_the_plan_is_said_and_the_last_admin_is_kept(capsys, demo_db):  # noqa: F811
    lead = run(
        capsys,
        "users",
        "add",
        "lee@council.example",
        "--role",
        "lead",
        "--lead",
        "Nobody Here",
        db=demo_db,
    )
    assert lead.code == 0 and "the current plan names no lead officer Nobody Here" in lead.out
    run(capsys, "users", "add", "ann@council.example", "--role", "admin", db=demo_db)
    demoted = run(capsys, "users", "set-role", "ann@council.example", "viewer", db=demo_db)
    assert demoted.code == 1 and "make someone else an admin first" in demoted.err
    unknown = run(capsys, "users", "remove", "who@council.example", db=demo_db)
    assert unknown.code == 1 and "Nobody signs in as who@council.example" in unknown.err
    bad = run(capsys, "users", "add", "not-an-address", "--role", "viewer", db=demo_db)
    assert bad.code == 1 and "is not an email address" in bad.err


def test_a_lead_name_given_in_any_case_is_kept_as_the_plan_spells_it(capsys, demo_db):  # noqa: F811
    added = run(
        capsys,
        "users",
        "add",
        "rh@council.example",
        "--role",
        "lead",
        "--lead",
        " rebecca  HOLLIS",
        db=demo_db,
    )
    assert "lead officer Rebecca Hollis." in added.out and "names no lead" not in added.out
    assert store_of(make_engine(demo_db)).person("rh@council.example").lead_name == "Rebecca Hollis"
