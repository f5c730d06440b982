"""Database tables of who may do what (readiness.access): people and their roles, the audit
trail of every change, wall-screen links, and the reminders sent to leads."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from readiness.db.models import Base
from readiness.text import EMAIL_MAX, NAME_MAX


class Person(Base):
    """Someone who signs in, with their role; `lead_name` matches them to the plan's lead
    officer of that name, whose actions are theirs."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(EMAIL_MAX), unique=True)  # kept in lower case
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    role: Mapped[str] = mapped_column(String(20))
    lead_name: Mapped[str | None] = mapped_column(String(NAME_MAX))
    reminders: Mapped[bool] = mapped_column(default=True)  # false: left out of `remind`


class AuditEntry(Base):
    """One change, who made it and when, with what it was before and after (JSON). Only ever
    added to: on PostgreSQL a trigger refuses UPDATE and DELETE (migration 0013)."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)  # UTC
    actor_email: Mapped[str] = mapped_column(String(EMAIL_MAX))
    actor_name: Mapped[str] = mapped_column(String(NAME_MAX))
    kind: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(300))
    # No foreign key: an action's entries outlive the action.
    action_id: Mapped[int | None] = mapped_column(Integer)
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)


class BoardLink(Base):
    """A wall screen's read-only link: only the token's SHA-256 is kept, so the database alone
    cannot open the board."""

    __tablename__ = "board_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(NAME_MAX))
    made_by: Mapped[str] = mapped_column(String(EMAIL_MAX))
    made_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


class ReminderSent(Base):
    """One lead's digest sent on one day, so a re-run that day sends it no second time."""

    __tablename__ = "reminder_sent"

    email: Mapped[str] = mapped_column(String(EMAIL_MAX), primary_key=True)
    sent_on: Mapped[date] = mapped_column(primary_key=True)
    actions: Mapped[int] = mapped_column(Integer)
