"""The four roles and what each may change: the one rule every write is checked against.

Viewer (councillors, board members) reads only. A lead officer records progress on the actions
they lead and may propose them Complete. An editor (the performance team) imports, edits any
action, targets, the checklist and events, and confirms completions. An admin does all that and
manages people, roles and wall-screen links. Each role may do everything the one before it may.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum, IntEnum

from readiness.text import same_person_key


class Role(IntEnum):
    VIEWER = 1
    LEAD = 2
    EDITOR = 3
    ADMIN = 4

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]

    @classmethod
    def named(cls, word: str) -> Role:
        """The role a word names (viewer, lead, editor, admin); ValueError naming them if none."""
        for role in cls:
            if word.strip().casefold() in (role.name.casefold(), role.label.casefold()):
                return role
        raise ValueError(f"'{word}' is not a role: give one of {', '.join(ROLE_WORDS)}.")


ROLE_LABELS = {
    Role.VIEWER: "Viewer",
    Role.LEAD: "Lead officer",
    Role.EDITOR: "Editor",
    Role.ADMIN: "Admin",
}
ROLE_WORDS = tuple(role.name.lower() for role in Role)


class Change(Enum):
    """Each kind of write: the least role that may make it, and its words in a refusal."""

    # A lead only on the actions they lead (readiness.store checks the action's leads).
    PROGRESS = (Role.LEAD, "record progress on an action")
    INDICATORS = (Role.LEAD, "change the indicators an action should move")
    ANY_ACTION = (Role.EDITOR, "record progress on an action you do not lead")
    CONFIRM_COMPLETION = (Role.EDITOR, "confirm an action's completion")
    IMPORT_PLAN = (Role.EDITOR, "import a plan")
    CURRENT_PLAN = (Role.EDITOR, "choose the plan everyone sees")
    KPIS = (Role.EDITOR, "load indicator figures")
    TARGETS = (Role.EDITOR, "set indicator targets")
    NATIONAL_RECORD = (Role.EDITOR, "import Ofsted's national record")
    EVENTS = (Role.EDITOR, "add or remove an inspection event")
    REPORT = (Role.EDITOR, "import an inspection report")
    CHECKLIST = (Role.EDITOR, "change the readiness checklist")
    SELF_EVALUATION = (Role.EDITOR, "write or submit the self-evaluation")
    ENGAGEMENT = (Role.EDITOR, "record an engagement meeting or follow up its feedback")
    PEOPLE = (Role.ADMIN, "change people and roles")
    BOARD_LINKS = (Role.ADMIN, "make or revoke a wall-screen link")

    @property
    def least_role(self) -> Role:
        return self.value[0]

    @property
    def words(self) -> str:
        return self.value[1]


class Refused(PermissionError):
    """A write the acting person's role does not allow: nothing was written."""


@dataclass(frozen=True)
class Person:
    """Who is acting: a signed-in person, the local user, or the command line."""

    email: str
    name: str
    role: Role
    lead_name: str | None = None  # the plan's lead officer they are, if any

    def may(self, change: Change) -> bool:
        return self.role >= change.least_role

    def answers_for(self, leads: Iterable[str]) -> bool:
        """Whether they may change an action with these leads (readiness.plan.lead_actions):
        an editor any, a lead officer those naming them (case and spacing ignored)."""
        if self.may(Change.ANY_ACTION):
            return True
        mine = same_person_key(self.lead_name) if self.lead_name else None
        return mine is not None and any(same_person_key(name) == mine for name in leads)

    def check(self, change: Change) -> None:
        """Refused, in words the person can act on, unless their role allows `change`."""
        if not self.may(change):
            raise Refused(
                f"{self.name} ({self.role.label}) cannot {change.words}: that needs the "
                f"{change.least_role.label} role or above. Ask an admin if you should have it."
            )


# Without sign-in configured the app is one person's (readiness.access.signin); the command line
# is whoever can run it on the server, so both may do everything, and the audit says which.
LOCAL_USER = Person(email="local", name="Local user", role=Role.ADMIN)


def command_line() -> Person:
    """The command line's person: the operating-system account that ran it."""
    account = getpass.getuser()
    return Person(email=f"cli:{account}", name=f"Command line ({account})", role=Role.ADMIN)
