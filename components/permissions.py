"""What the pages show of a person's role: their write controls only where the store would
allow the write (readiness.access.roles), and, where it would not, a line saying why."""

from __future__ import annotations

from components import data
from readiness.access.roles import Change, Person


def proposes_only(person: Person) -> bool:
    """Whether their Complete is only a proposal, awaiting an editor's sign-off."""
    return data.get_settings().access.sign_off and not person.may(Change.CONFIRM_COMPLETION)


def read_only_words(person: Person, what: str) -> str:
    """Why they see no form: in words that say whom to ask."""
    if person.may(Change.ANY_ACTION):
        return ""
    if person.may(Change.PROGRESS):
        return f"Only this action's leads or an editor can {what}."
    return (
        f"You can read everything here. To {what}, you need the Lead officer role (for your own "
        "actions) or Editor: ask an admin."
    )
