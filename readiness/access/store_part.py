"""The store's methods for people, the audit trail, wall-screen links and reminders sent: part of
readiness.store.Store, kept here so each file stays readable. Each write is checked against the
acting person's role and audited in its own transaction (Store._writing)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date, datetime

from sqlalchemy import Connection, select

from readiness.access import audit, board_links, people
from readiness.access.audit import AuditFilter
from readiness.access.roles import Change, Person, Role
from readiness.db.models_access import ReminderSent


class AccessStore:
    """People and roles, the audit trail, wall-screen links, reminders sent."""

    _reading: Callable[[], AbstractContextManager[Connection]]
    _writing: Callable[..., AbstractContextManager[Connection]]
    _audit: Callable[..., None]
    now: Callable[[], datetime]

    # --- People --------------------------------------------------------------------------------

    def person(self, email: str) -> Person | None:
        """The stored person who signs in with `email`, None if nobody does."""
        with self._reading() as conn:
            return people.find(conn, email)

    def people(self) -> list[tuple[Person, bool]]:
        """Everyone who may sign in, with whether they get reminders, by name."""
        with self._reading() as conn:
            return people.everyone(conn)

    def add_person(
        self,
        email: str,
        name: str,
        role: Role,
        lead_name: str | None = None,
        *,
        by: Person,
        reminders: bool = True,
    ) -> Person:
        """Add someone; ValueError, storing nothing, for a bad address or one already there."""
        person = people.checked_person(email, name, role, lead_name)
        with self._writing(by, Change.PEOPLE) as conn:
            people.add(conn, person, reminders)
            self._audit(conn, by, "person_added", person.email, after=_described(person))
        return person

    def set_role(self, email: str, role: Role, *, by: Person) -> None:
        with self._writing(by, Change.PEOPLE) as conn:
            before = self._existing(conn, email)
            if before.role == Role.ADMIN and role != Role.ADMIN:
                _keep_an_admin(conn)
            people.set_role(conn, email, role)
            self._audit(conn, by, "role_changed", before.email, before.role.label, role.label)

    def set_reminders(self, email: str, on: bool, *, by: Person) -> None:
        with self._writing(by, Change.PEOPLE) as conn:
            before = self._existing(conn, email)
            people.set_reminders(conn, email, on)
            self._audit(conn, by, "reminders", before.email, after="on" if on else "off")

    def remove_person(self, email: str, *, by: Person) -> None:
        with self._writing(by, Change.PEOPLE) as conn:
            before = self._existing(conn, email)
            if before.role == Role.ADMIN:
                _keep_an_admin(conn)
            people.remove(conn, email)
            self._audit(conn, by, "person_removed", before.email, before=_described(before))

    @staticmethod
    def _existing(conn: Connection, email: str) -> Person:
        person = people.find(conn, email)
        if person is None:
            raise ValueError(f"Nobody signs in as {email}: check the address (see the list).")
        return person

    # --- The audit trail -----------------------------------------------------------------------

    def audit_entries(self, wanted: AuditFilter, limit: int | None = None) -> list[dict]:
        """The audit trail's entries `wanted`, newest first (readiness.access.audit.COLUMNS)."""
        with self._reading() as conn:
            return audit.entries(conn, wanted, limit)

    def audit_people(self) -> list[tuple[str, str]]:
        with self._reading() as conn:
            return audit.people_in_trail(conn)

    # --- Wall-screen links ---------------------------------------------------------------------

    def make_board_link(self, label: str, *, by: Person) -> str:
        """A new wall-screen link's token: shown once, only its hash is kept."""
        label = label.strip() or "Wall screen"
        with self._writing(by, Change.BOARD_LINKS) as conn:
            link_id, token = board_links.make(conn, label, by.email, self.now())
            self._audit(conn, by, "board_link_made", f"{label} (link {link_id})")
        return token

    def revoke_board_link(self, link_id: int, *, by: Person) -> None:
        with self._writing(by, Change.BOARD_LINKS) as conn:
            label = board_links.revoke(conn, link_id, self.now())
            if label is None:
                raise ValueError(f"There is no live wall-screen link {link_id} to revoke.")
            self._audit(conn, by, "board_link_revoked", f"{label} (link {link_id})")

    def board_links(self) -> list[dict]:
        with self._reading() as conn:
            return board_links.links(conn)

    def board_link_live(self, token: str) -> bool:
        """Whether `token` opens the wall screen (made, not revoked)."""
        with self._reading() as conn:
            return board_links.is_live(conn, token)

    # --- Reminders sent ------------------------------------------------------------------------

    def reminders_sent_on(self, day: date) -> set[str]:
        """The addresses a digest was sent to on `day`."""
        with self._reading() as conn:
            rows = conn.scalars(select(ReminderSent.email).where(ReminderSent.sent_on == day))
            return set(rows)

    def mark_reminder_sent(self, email: str, day: date, actions: int, *, by: Person) -> None:
        """Note a digest as sent (the `remind` command, after the server took it)."""
        with self._writing(by, Change.PEOPLE) as conn:
            conn.execute(
                ReminderSent.__table__.insert().values(
                    email=people.email_key(email), sent_on=day, actions=actions
                )
            )


def _described(person: Person) -> dict:
    return {"name": person.name, "role": person.role.label, "lead": person.lead_name}


def _keep_an_admin(conn: Connection) -> None:
    if people.admins(conn) <= 1:
        raise ValueError(
            "That would leave nobody able to manage people: make someone else an admin first."
        )
