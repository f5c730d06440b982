"""The form that removes one record entered in error (an inspection event, an engagement
meeting): a choice of the records and a button. The removal runs in the button's callback,
before the page is drawn again, so the page shows what is left. A refusal (the record gone
meanwhile, a role that does not allow it, the database) is kept under `{key}_refused` for the
page to show on the next run; a removal is said in a toast.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from components.errors import refused
from readiness.access.roles import Refused


def remove_form(
    label: str,
    records: dict[int, str],
    key: str,
    button: str,
    remove: Callable[[int], None],
    refresh: Callable[[], None],
) -> None:
    """Choose one of `records` (id → how it is named) and remove it by `remove(id)`; then
    `refresh()` the page's cached reads."""
    st.selectbox(label, list(records), format_func=records.__getitem__, key=f"{key}_remove_id")
    args = (records, key, remove, refresh)
    st.button(button, on_click=_remove, args=args, key=f"{key}_remove")


def _remove(records: dict[int, str], key: str, remove, refresh) -> None:
    state = st.session_state
    chosen = state[f"{key}_remove_id"]
    try:
        remove(chosen)
    except (ValueError, Refused) as error:  # gone meanwhile, or a role that does not allow it
        state[f"{key}_refused"] = str(error)
        return
    except SQLAlchemyError as error:
        state[f"{key}_refused"] = refused("Nothing was removed", error)
        return
    del state[f"{key}_remove_id"]
    refresh()
    st.toast(f"Removed: {records[chosen]}.", icon=":material/delete:")
