"""`python -m readiness users list|add|remove|set-role|reminders`: who may sign in and with what
role, managed from the server's command line (the first admin is added this way). Each change is
made as the command line's person and is in the audit trail."""

from __future__ import annotations

import json

from readiness.access.people import listed_row
from readiness.access.roles import Role, command_line
from readiness.cli.database import open_store, ready_store


def run_users(args, settings, out) -> int:
    store = ready_store(open_store(args, settings))
    by = command_line()
    try:
        if args.what == "add":
            person = store.add_person(
                args.email,
                args.name or args.email,
                Role.named(args.role),
                _as_the_plan_spells(store, args.lead),
                by=by,
                reminders=not args.no_reminders,
            )
            lead = f", lead officer {person.lead_name}" if person.lead_name else ""
            print(f"Added {person.name} <{person.email}> as {person.role.label}{lead}.", file=out)
            if person.lead_name and not _lead_known(store, person.lead_name):
                print(f"Note: the current plan names no lead officer {person.lead_name}.", file=out)
        elif args.what == "remove":
            store.remove_person(args.email, by=by)
            print(f"Removed {args.email}: they can no longer sign in with a role.", file=out)
        elif args.what == "set-role":
            store.set_role(args.email, Role.named(args.role), by=by)
            print(f"{args.email} is now {Role.named(args.role).label}.", file=out)
        elif args.what == "reminders":
            store.set_reminders(args.email, args.on_off == "on", by=by)
            print(f"Reminders for {args.email}: {args.on_off}.", file=out)
        else:
            _list(store, args.format, out)
    except ValueError as error:
        raise SystemExit(f"error: {error}") from None
    return 0


def _as_the_plan_spells(store, lead: str | None) -> str | None:
    """A lead name as the current plan spells it, where it names that lead (case and spacing
    ignored), so lists and reminders show the plan's spelling; else as given."""
    plan = store.current_plan() if lead else None
    return (plan.choose_lead(lead).name if plan else None) or lead


def _lead_known(store, name: str) -> bool:
    plan = store.current_plan()
    return plan is None or not plan.choose_lead(name).unknown


def _list(store, format: str, out) -> None:
    rows = [listed_row(person, on) for person, on in store.people()]
    if format == "json":
        print(json.dumps(rows, indent=2), file=out)
    elif rows:
        widths = {key: max(len(key), *(len(row[key]) for row in rows)) for key in rows[0]}
        for row in [dict(zip(widths, widths, strict=True)), *rows]:
            print("  ".join(row[key].ljust(widths[key]) for key in widths).rstrip(), file=out)
    else:
        print("Nobody is on the list yet: add the first admin with", file=out)
        print("  python -m readiness users add EMAIL --role admin --name NAME", file=out)
