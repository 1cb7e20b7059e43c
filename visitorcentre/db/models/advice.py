"""An establishment's advice rules, and the record that advice was given to a family."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from visitorcentre.db.models.base import Base, Synced


class AdviceRule(Synced, Base):
    """One version of an establishment's advice rule (see visitorcentre.core.advice for the versioning model).

    ``translations`` maps a language code to {"text": ..., "easy_read": ...}; English is in
    ``text`` / ``easy_read``.
    """

    __tablename__ = "advice_rule"
    __table_args__ = (Index("ix_advice_rule_in_force", "establishment", "effective_from", "ends_on"),)

    rule_key: Mapped[str] = mapped_column(String(36), index=True)
    category: Mapped[str] = mapped_column(String(20))
    severity: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    easy_read: Mapped[str] = mapped_column(Text, default="")
    pictogram: Mapped[str] = mapped_column(String(24), default="info")
    position: Mapped[int] = mapped_column(Integer, default=0)
    effective_from: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    retired_reason: Mapped[str] = mapped_column(Text, default="")
    translations: Mapped[dict] = mapped_column(JSON, default=dict)
    changed_by: Mapped[str] = mapped_column(String(80), default="")


class AdviceGiven(Synced, Base):
    """That the check-in advice was read out to a visit's family: by whom, when, in which language."""

    __tablename__ = "advice_given"

    visit_id: Mapped[str] = mapped_column(ForeignKey("visit.id"), unique=True)
    given_at: Mapped[datetime] = mapped_column(DateTime)
    given_by: Mapped[str] = mapped_column(String(80))
    language: Mapped[str] = mapped_column(String(8), default="en")
