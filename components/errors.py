"""Database failures in words a user can act on, never the SQL and its parameters.

The details go to the server's log, with the traceback; the page says what did not happen, that
nothing was half-done, and what to try. Every page action that reads or writes on a button, and
the page edge in app.py, says so through `refused` (a callback that shows its message on the
next run keeps the words) or `show_refused`.
"""

from __future__ import annotations

import logging

import streamlit as st
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

logger = logging.getLogger(__name__)


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


def refused(what: str, error: SQLAlchemyError) -> str:
    """Log the failure with its traceback; the words for the page (database_refused)."""
    logger.exception("%s: the database refused", what)
    return database_refused(what, error)


def show_refused(what: str, error: SQLAlchemyError) -> None:
    """Log the failure, then say on the page what did not happen, in words."""
    st.error(refused(what, error), icon=":material/error:")
