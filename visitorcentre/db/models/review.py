"""Visits that need review: a booked visit that a later change (a ban, a move, a blocked session)
would now stop, with what changed in plain words and how the desk settled it (migration 0011)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from visitorcentre.db.models.base import Base, Synced


class VisitReview(Synced, Base):
    """One flag on one visit. Its id is made from the visit and the change, so every desk of the
    establishment that learns of the same change raises the same flag (and sync keeps one copy)."""

    __tablename__ = "visit_review"
    __table_args__ = (Index("ix_visit_review_open", "resolved_at", "visit_id"),)

    visit_id: Mapped[str] = mapped_column(ForeignKey("visit.id"), index=True)
    reason: Mapped[str] = mapped_column(String(20))  # core.review.REASONS
    words: Mapped[str] = mapped_column(Text)
    raised_at: Mapped[datetime] = mapped_column(DateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)
    resolved_by: Mapped[str] = mapped_column(String(80), default="")
    resolution: Mapped[str] = mapped_column(String(20), default="")  # core.review.RESOLUTIONS or ""
    family_told: Mapped[str] = mapped_column(String(10), default="")  # core.review.FAMILY_TOLD
    note: Mapped[str] = mapped_column(Text, default="")
