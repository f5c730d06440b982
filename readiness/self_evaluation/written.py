"""The stored self-evaluation, inside the caller's transaction (readiness.store owns it): leaders'
narrative and line edits, only ever added to (the latest of each is in force, the rest is its
history), and the versions submitted to Ofsted, frozen as JSON."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, insert, select

from readiness.db.models_self_evaluation import SefLineEdit, SefNarrative, SefVersion
from readiness.self_evaluation.compose import LineEdit, Written
from readiness.self_evaluation.document import (
    QUESTIONS,
    Narrative,
    SelfEvaluation,
    from_json,
    to_json,
)
from readiness.text import format_date


def written(conn: Connection) -> Written:
    """The latest narrative of each (area, question) and edit of each line. Whatever the as-at
    date, what leaders wrote last is what the draft shows: the date chooses the figures and the
    plan's position they write about, and what was sent is kept as sent (`add_version`)."""
    narrative: dict[tuple[str, int], Narrative] = {}
    n = SefNarrative
    for row in conn.execute(select(n).order_by(n.written_at, n.id)):
        narrative[(row.area, row.question)] = Narrative(
            row.question, row.text, row.author, row.written_at.date()
        )
    edits: dict[str, LineEdit] = {}
    e = SefLineEdit
    for row in conn.execute(select(e).order_by(e.written_at, e.id)):
        edits[row.line_key] = LineEdit(
            row.line_key, row.text, row.author, row.written_at.date(), row.based_on
        )
    # Narrative emptied by its author is kept in the history but no longer shown.
    narrative = {k: v for k, v in narrative.items() if v.text.strip()}
    return Written(narrative, edits)


def check_question(question: int) -> None:
    if question not in range(1, len(QUESTIONS) + 1):
        raise ValueError(f"Ofsted asks {len(QUESTIONS)} questions; there is no question {question}")


def add_narrative(
    conn: Connection, area: str, question: int, text: str, name: str, email: str, at: datetime
) -> None:
    check_question(question)
    conn.execute(
        insert(SefNarrative).values(
            area=area,
            question=question,
            text=text.strip(),
            author=name,
            author_email=email,
            written_at=at,
        )
    )


def add_edit(
    conn: Connection,
    key: str,
    text: str | None,
    based_on: str,
    name: str,
    email: str,
    at: datetime,
) -> None:
    """A person's words for a line (None: left out; "": as generated)."""
    conn.execute(
        insert(SefLineEdit).values(
            line_key=key,
            text=None if text is None else text.strip(),
            based_on=based_on,
            author=name,
            author_email=email,
            written_at=at,
        )
    )


def history(conn: Connection, area: str, question: int) -> list[Narrative]:
    """Every version of one question's narrative, newest first."""
    n = SefNarrative
    rows = conn.execute(
        select(n)
        .where(n.area == area, n.question == question)
        .order_by(n.written_at.desc(), n.id.desc())
    )
    return [Narrative(r.question, r.text, r.author, r.written_at.date()) for r in rows]


@dataclass(frozen=True)
class Submitted:
    id: int
    submitted_on: date
    as_at: date
    submitted_by: str

    @property
    def label(self) -> str:
        return f"Submitted on {format_date(self.submitted_on)} by {self.submitted_by}"


def add_version(
    conn: Connection, document: SelfEvaluation, name: str, email: str, at: datetime
) -> int:
    return conn.execute(
        insert(SefVersion).values(
            submitted_on=document.submitted_on,
            as_at=document.as_at,
            submitted_by=name,
            submitted_by_email=email,
            submitted_at=at,
            document=to_json(document),
        )
    ).inserted_primary_key[0]


def versions(conn: Connection) -> list[Submitted]:
    """Every submitted version, newest first."""
    v = SefVersion
    rows = conn.execute(
        select(v.id, v.submitted_on, v.as_at, v.submitted_by).order_by(
            v.submitted_on.desc(), v.id.desc()
        )
    )
    return [Submitted(r.id, r.submitted_on, r.as_at, r.submitted_by) for r in rows]


def version(conn: Connection, version_id: int) -> SelfEvaluation | None:
    text = conn.execute(select(SefVersion.document).where(SefVersion.id == version_id)).scalar()
    return from_json(text) if text else None
