"""Database tables of the self-evaluation (readiness.self_evaluation): leaders' narrative and
their edits of generated lines, each kept with who wrote it and when and never overwritten (the
latest is shown, the earlier ones are its history); the versions submitted to Ofsted, frozen as
sent; and the annual engagement meetings with the feedback points from Ofsted's letter."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from readiness.db.models import Base
from readiness.text import EMAIL_MAX, NAME_MAX
from readiness.vocabulary import NOT_STARTED


class SefNarrative(Base):
    """Leaders' words under one of Ofsted's three questions (1-3) for one judgement area."""

    __tablename__ = "sef_narrative"

    id: Mapped[int] = mapped_column(primary_key=True)
    area: Mapped[str] = mapped_column(String(60))
    question: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(NAME_MAX))
    author_email: Mapped[str] = mapped_column(String(EMAIL_MAX))
    written_at: Mapped[datetime] = mapped_column(DateTime)  # UTC


class SefLineEdit(Base):
    """A person's words for a generated line, by the line's key; no words: left out."""

    __tablename__ = "sef_line_edit"

    id: Mapped[int] = mapped_column(primary_key=True)
    line_key: Mapped[str] = mapped_column(String(200), index=True)
    text: Mapped[str | None] = mapped_column(Text)
    based_on: Mapped[str] = mapped_column(Text)  # the generated words they edited
    author: Mapped[str] = mapped_column(String(NAME_MAX))
    author_email: Mapped[str] = mapped_column(String(EMAIL_MAX))
    written_at: Mapped[datetime] = mapped_column(DateTime)


class SefVersion(Base):
    """A self-evaluation as submitted to Ofsted: the whole document as JSON, never changed."""

    __tablename__ = "sef_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    submitted_on: Mapped[date]
    as_at: Mapped[date]
    submitted_by: Mapped[str] = mapped_column(String(NAME_MAX))
    submitted_by_email: Mapped[str] = mapped_column(String(EMAIL_MAX))
    submitted_at: Mapped[datetime] = mapped_column(DateTime)
    document: Mapped[str] = mapped_column(Text)


class EngagementMeeting(Base):
    """An annual engagement meeting with Ofsted: when, who attended, and notes."""

    __tablename__ = "engagement_meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    held_on: Mapped[date]
    attendees: Mapped[str] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    next_on: Mapped[date | None]  # the next meeting's date, once Ofsted has set it
    recorded_by: Mapped[str] = mapped_column(String(NAME_MAX))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)


class EngagementPoint(Base):
    """A feedback point from Ofsted's letter after a meeting; once tracked, followed up like an
    action: a lead, a due date, a status and a progress note."""

    __tablename__ = "engagement_point"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("engagement_meeting.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    tracked: Mapped[bool] = mapped_column(default=False)
    lead: Mapped[str | None] = mapped_column(String(NAME_MAX))
    due: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default=NOT_STARTED)
    completed: Mapped[date | None]
    progress: Mapped[str | None] = mapped_column(Text)
    updated_on: Mapped[date | None]
