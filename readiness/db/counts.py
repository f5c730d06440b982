"""How many rows the database holds of what a department looks after: the figures
`python -m readiness check` prints, so whoever runs the service sees at a glance that the
database they reached is the one with their plan in it (and that a restore brought it all back).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from readiness.db.models import Action, ImprovementPlan, KpiValue, NationalCouncil, ProgressUpdate
from readiness.db.models_access import AuditEntry, Person
from readiness.vocabulary import COMPLETE


@dataclass(frozen=True)
class RowCounts:
    plans: int
    open_actions: int  # in use: not retired by a later import of their plan
    complete_actions: int
    progress_updates: int
    indicator_figures: int
    national_councils: int  # councils in Ofsted's national record, once imported
    people: int
    audit_entries: int

    @property
    def actions(self) -> int:
        return self.open_actions + self.complete_actions


def _rows(conn: Connection, table, *where) -> int:
    return conn.scalar(select(func.count()).select_from(table).where(*where))


def count_rows(conn: Connection) -> RowCounts:
    """The counts, read in the caller's connection; the schema must be at the newest migration."""
    in_use = Action.retired_on.is_(None)
    return RowCounts(
        plans=_rows(conn, ImprovementPlan),
        open_actions=_rows(conn, Action, in_use, Action.status != COMPLETE),
        complete_actions=_rows(conn, Action, in_use, Action.status == COMPLETE),
        progress_updates=_rows(conn, ProgressUpdate),
        indicator_figures=_rows(conn, KpiValue),
        national_councils=_rows(conn, NationalCouncil),
        people=_rows(conn, Person),
        audit_entries=_rows(conn, AuditEntry),
    )
