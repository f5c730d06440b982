"""Database failures in words a user can act on, never the SQL and its parameters.

The details go to the server's log (logging.exception at the call site); the page says what did
not happen, that nothing was half-done, and what to try.
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, SQLAlchemyError


def _cause(error: SQLAlchemyError) -> str:
    original = str(getattr(error, "orig", "") or "").lower()
    if "locked" in original or "busy" in original:
        return "the database was busy saving another change"
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return "the connection to the database was lost"
    return f"the database reported a {type(error).__name__}"


def database_refused(what: str, error: SQLAlchemyError) -> str:
    """`what` ("The update was not saved") with why and what to do, as Markdown."""
    return (
        f"**{what}**: {_cause(error)}. Nothing was changed. Try again in a minute; if it keeps "
        "happening, tell whoever runs the dashboard (the server's log has the details)."
    )
