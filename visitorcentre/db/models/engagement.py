"""Families' feedback, "you said, we did" responses, and the support services listed for families."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from visitorcentre.db.models.base import Base, Synced


class Feedback(Synced, Base):
    """A family's or a child's rating (1-5) and comment. Anonymous feedback keeps no name and no visit."""

    __tablename__ = "feedback"
    __table_args__ = (Index("ix_feedback_day", "establishment", "given_on"),)

    rating: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    by_child: Mapped[bool] = mapped_column(Boolean, default=False)
    anonymous: Mapped[bool] = mapped_column(Boolean, default=True)
    name: Mapped[str] = mapped_column(String(80), default="")
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("visit.id"))
    session_kind: Mapped[str] = mapped_column(String(20), default="")
    given_at: Mapped[datetime] = mapped_column(DateTime)
    given_on: Mapped[date] = mapped_column(Date)
    responded: Mapped[bool] = mapped_column(Boolean, default=False)


class FeedbackResponse(Synced, Base):
    """A manager's "you said, we did" response to feedback."""

    __tablename__ = "feedback_response"

    theme: Mapped[str] = mapped_column(String(80))
    you_said: Mapped[str] = mapped_column(Text)
    we_did: Mapped[str] = mapped_column(Text)
    feedback_ids: Mapped[list] = mapped_column(JSON, default=list)
    responded_on: Mapped[date] = mapped_column(Date, index=True)
    responded_by: Mapped[str] = mapped_column(String(80))


class SupportServiceRow(Synced, Base):
    """A support service for families: ``national`` ones are listed at every establishment."""

    __tablename__ = "support_service"

    name: Mapped[str] = mapped_column(String(120))
    category: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    website: Mapped[str] = mapped_column(String(120), default="")
    hours: Mapped[str] = mapped_column(String(120), default="")
    national: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)
