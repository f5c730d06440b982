"""Opening the chosen database for a command: its store (readiness.store: every read and write
goes through it), its URL said without the password, and its plan; and `python -m readiness
init`, which creates or upgrades it."""

from __future__ import annotations

from sqlalchemy.engine import make_url

from readiness.db.engine import head_revision, resolve_database_url
from readiness.store import Store


def open_store(args, settings) -> Store:
    """The store of the database the command's --db or the settings name."""
    return Store.open(resolve_database_url(settings, args.db), settings)


def safe_url(url: str) -> str:
    """The database URL (text, or an engine's) with its password hidden, for messages."""
    return make_url(url).render_as_string(hide_password=True)


def ready_store(store: Store) -> Store:
    """The store, or a clear stop if its database's schema is not the newest."""
    revision = store.schema_revision()
    if revision != head_revision():
        raise SystemExit(
            f"error: the database {safe_url(store.engine.url)} is not ready (schema "
            f"{revision or 'missing'}); run: python -m readiness init"
        )
    return store


def stored_plan(store: Store):
    """The plan in the store's database, or a clear stop if there is none to read."""
    plan = ready_store(store).current_plan()
    if plan is None:
        raise SystemExit(
            "error: no improvement plan stored yet; run: python -m readiness init --demo"
        )
    return plan


def run_init(args, settings, out) -> int:
    store = open_store(args, settings)
    loaded = store.prepare(args.day if args.demo else None)
    print(
        f"Database ready at revision {store.schema_revision()}: {safe_url(store.engine.url)}",
        file=out,
    )
    if loaded:
        print("Loaded the demo council's plan and inspection history.", file=out)
    elif args.demo:
        print("The database already holds a plan; the demo was not loaded.", file=out)
    return 0
