"""Who is using this session: the signed-in person, or the local user when sign-in is not
configured (local mode only until sign-in lands)."""

from __future__ import annotations

from readiness.access.roles import LOCAL_USER, Person


def acting_person() -> Person:
    """The person this session acts as; every write in the pages passes it to the store."""
    return LOCAL_USER
