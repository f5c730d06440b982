"""The people who may sign in, kept in the database (SQL only; readiness.store decides the
transaction and checks the acting person's role)."""

from __future__ import annotations

from sqlalchemy import Connection, delete, select, update

from readiness.access.roles import Change, Person, Refused, Role
from readiness.db.models import Action, ActionLead, LeadOfficer, Theme, ThemeLead
from readiness.db.models_access import Person as PersonRow
from readiness.text import EMAIL_MAX, NAME_MAX, one_line, visible


def email_key(email: str) -> str:
    """An address as kept and compared: trimmed, lower case (providers differ in case)."""
    return email.strip().casefold()


def checked_person(email: str, name: str, role: Role, lead_name: str | None) -> Person:
    """A person to store, or ValueError saying what to change."""
    key = email_key(email)
    if "@" not in key or " " in key or len(key) > EMAIL_MAX:
        raise ValueError(f"'{email}' is not an email address: give the one they sign in with.")
    name = one_line(visible(name)).strip() or key
    lead = one_line(visible(lead_name or "")).strip() or None
    if len(name) > NAME_MAX or (lead and len(lead) > NAME_MAX):
        raise ValueError(f"Shorten the name to at most {NAME_MAX} characters.")
    return Person(email=key, name=name, role=role, lead_name=lead)


def _person(row) -> Person:
    return Person(
        email=row.email, name=row.name, role=Role(ROLE_OF[row.role]), lead_name=row.lead_name
    )


ROLE_OF = {role.name.lower(): role for role in Role}


def find(conn: Connection, email: str) -> Person | None:
    row = conn.execute(select(PersonRow).where(PersonRow.email == email_key(email))).first()
    return _person(row) if row else None


def as_stored(conn: Connection, by: Person) -> Person:
    """A signed-in person as the list holds them now (a Viewer once off it); the local user,
    the command line and a wall screen, who sign in with no address, as they are."""
    if "@" not in by.email:
        return by
    stored = find(conn, by.email)
    return stored or Person(by.email, by.name, Role.VIEWER)


def listed_row(person: Person, reminders: bool) -> dict[str, str]:
    """One person as the People page and `users list` show them."""
    return {
        "name": person.name,
        "email": person.email,
        "role": person.role.label,
        "lead": person.lead_name or "",
        "reminders": "on" if reminders else "off",
    }


def everyone(conn: Connection) -> list[tuple[Person, bool]]:
    """Every person with whether they get reminders, by name."""
    rows = conn.execute(select(PersonRow).order_by(PersonRow.name, PersonRow.email)).all()
    return [(_person(row), row.reminders) for row in rows]


def add(conn: Connection, person: Person, reminders: bool = True) -> None:
    if find(conn, person.email):
        raise ValueError(f"{person.email} is already on the list: change their role instead.")
    conn.execute(
        PersonRow.__table__.insert().values(
            email=person.email,
            name=person.name,
            role=person.role.name.lower(),
            lead_name=person.lead_name,
            reminders=reminders,
        )
    )


def set_role(conn: Connection, email: str, role: Role) -> None:
    conn.execute(
        update(PersonRow).where(PersonRow.email == email_key(email)).values(role=role.name.lower())
    )


def set_reminders(conn: Connection, email: str, on: bool) -> None:
    conn.execute(update(PersonRow).where(PersonRow.email == email_key(email)).values(reminders=on))


def remove(conn: Connection, email: str) -> None:
    conn.execute(delete(PersonRow).where(PersonRow.email == email_key(email)))


def admins(conn: Connection) -> int:
    return len(conn.execute(select(PersonRow.id).where(PersonRow.role == "admin")).all())


def leads_of_action(conn: Connection, action_id: int) -> set[str]:
    """Who answers for the action (readiness.plan.lead_actions.leads_of: anyone named on it, and
    its theme's service leads)."""
    named = select(LeadOfficer.name).join(ActionLead).where(ActionLead.action_id == action_id)
    of_theme = (
        select(LeadOfficer.name)
        .join(ThemeLead, ThemeLead.lead_id == LeadOfficer.id)
        .join(Theme, Theme.id == ThemeLead.theme_id)
        .join(Action, Action.theme_id == Theme.id)
        .where(Action.id == action_id)
    )
    return set(conn.scalars(named).all()) | set(conn.scalars(of_theme).all())


def check_leads(conn: Connection, by: Person, action_id: int, change: Change) -> None:
    """Refused unless `by` answers for the action: a lead officer changes only their own (the
    role itself is checked by the store's write, readiness.store.Store._writing)."""
    if by.answers_for(leads_of_action(conn, action_id)):
        return
    whose = f"led by {by.lead_name}" if by.lead_name else "matched to you as their lead"
    raise Refused(
        f"{by.name} ({by.role.label}) can only {change.words} on actions {whose}; this action is "
        "not one of them. Ask its lead or an editor."
    )
