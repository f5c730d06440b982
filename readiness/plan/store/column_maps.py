"""The column mappings users gave for plans with their own headings, kept so that the next file
with the same heading row is read the same way without asking again (importing.mapping)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, delete, insert, select

from readiness.db.models import ColumnMapping
from readiness.plan.importing.mapping import ColumnMap, FoundHeadings


def saved(conn: Connection) -> dict[str, ColumnMap]:
    """Every remembered mapping, by the signature of the heading row it was given for."""
    rows = conn.execute(select(ColumnMapping.signature, ColumnMapping.mapping))
    return {signature: ColumnMap.from_json(text) for signature, text in rows}


def remember(conn: Connection, headings: FoundHeadings, mapping: ColumnMap, on: date) -> None:
    """Keep `mapping` for files whose heading row is `headings`' row, replacing an older one."""
    if headings.signature is None:
        return
    conn.execute(delete(ColumnMapping).where(ColumnMapping.signature == headings.signature))
    conn.execute(
        insert(ColumnMapping).values(
            signature=headings.signature,
            headings=" | ".join(headings.headings),
            mapping=mapping.to_json(),
            saved_on=on,
        )
    )
