"""Wall-screen links: a long random token that opens the board read-only without signing in,
made and revoked by an admin. Only the token's SHA-256 is stored."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import Connection, select, update

from readiness.db.models_access import BoardLink

TOKEN_BYTES = 32  # 256 bits: not guessable, and short enough for a URL


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def make(conn: Connection, label: str, made_by: str, at: datetime) -> tuple[int, str]:
    """A new link's id and token (shown once: only its hash is kept)."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link_id = conn.execute(
        BoardLink.__table__.insert()
        .values(token_hash=token_hash(token), label=label, made_by=made_by, made_at=at)
        .returning(BoardLink.id)
    ).scalar_one()
    return link_id, token


def revoke(conn: Connection, link_id: int, at: datetime) -> str | None:
    """Revoke a link; its label, None if there is no such live link."""
    label = conn.scalar(
        select(BoardLink.label).where(BoardLink.id == link_id, BoardLink.revoked_at.is_(None))
    )
    if label is not None:
        conn.execute(update(BoardLink).where(BoardLink.id == link_id).values(revoked_at=at))
    return label


def is_live(conn: Connection, token: str) -> bool:
    """Whether `token` opens the board: a link made and not revoked."""
    if not token or len(token) > 200:
        return False
    return (
        conn.scalar(
            select(BoardLink.id).where(
                BoardLink.token_hash == token_hash(token), BoardLink.revoked_at.is_(None)
            )
        )
        is not None
    )


def links(conn: Connection) -> list[dict]:
    """Every link made, newest first: id, label, made by, made at, revoked at."""
    rows = conn.execute(select(BoardLink).order_by(BoardLink.made_at.desc(), BoardLink.id.desc()))
    return [
        {
            "id": row.id,
            "label": row.label,
            "made_by": row.made_by,
            "made_at": row.made_at,
            "revoked_at": row.revoked_at,
        }
        for row in rows
    ]
