"""Sessions, the visits booked into them, each visit's party, and what happened at the desk.

Dates and times of the visiting day itself (session start, arrival) are the establishment's
wall-clock time.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, Integer, String, Text, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from visitorcentre.db.models.base import Base, Synced
from visitorcentre.db.models.records import Prisoner, Visitor


class VisitSession(Synced, Base):
    """A visiting session: a room at a time on a day, with a number of places (visits)."""

    __tablename__ = "visit_session"
    __table_args__ = (Index("ix_visit_session_day", "establishment", "date", "starts_at"),)

    date: Mapped[date] = mapped_column(Date)
    starts_at: Mapped[time] = mapped_column(Time)
    ends_at: Mapped[time] = mapped_column(Time)
    room: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20))
    capacity: Mapped[int] = mapped_column(Integer)
    details: Mapped[str] = mapped_column(Text, default="")  # joining details for virtual visits
    # Not empty when the prison has blocked (cancelled) the session, saying why (migration 0010).
    blocked_reason: Mapped[str] = mapped_column(Text, default="", server_default="")

    @property
    def start(self) -> datetime:
        return datetime.combine(self.date, self.starts_at)


class Visit(Synced, Base):
    __tablename__ = "visit"
    __table_args__ = (Index("ix_visit_session_status", "session_id", "status"),)

    reference: Mapped[str] = mapped_column(String(8), unique=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("visit_session.id"))
    prisoner_id: Mapped[str] = mapped_column(ForeignKey("prisoner.id"), index=True)
    status: Mapped[str] = mapped_column(String(12))
    source: Mapped[str] = mapped_column(String(12))
    booked_at: Mapped[datetime] = mapped_column(DateTime)
    checked_in_at: Mapped[datetime | None] = mapped_column(DateTime)
    in_hall_at: Mapped[datetime | None] = mapped_column(DateTime)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime)
    late_reason: Mapped[str] = mapped_column(Text, default="")
    overbooked_reason: Mapped[str] = mapped_column(Text, default="")
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # Additional support needs asked for at booking: codes of core.engagement.SUPPORT_NEEDS or own words.
    support_needs: Mapped[list] = mapped_column(JSON, default=list, server_default="[]")

    session: Mapped[VisitSession] = relationship(lazy="joined")
    prisoner: Mapped[Prisoner] = relationship(lazy="joined")
    party: Mapped[list[VisitPerson]] = relationship(order_by="VisitPerson.position", back_populates="visit")


class VisitPerson(Synced, Base):
    """One person in a visit's party, lead visitor at position 0, with their own outcome."""

    __tablename__ = "visit_person"
    # "This visitor's nearest visits" is the search's hot path: the second index answers it
    # from the index alone, which is why the session's date is copied here (it never changes).
    __table_args__ = (
        UniqueConstraint("visit_id", "visitor_id"),
        Index("ix_visit_person_visitor_day", "visitor_id", "session_date", "visit_id"),
    )

    visit_id: Mapped[str] = mapped_column(ForeignKey("visit.id"))
    visitor_id: Mapped[str] = mapped_column(ForeignKey("visitor.id"))
    session_date: Mapped[date] = mapped_column(Date)
    position: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(12))
    reason: Mapped[str] = mapped_column(Text, default="")
    outcome_at: Mapped[datetime | None] = mapped_column(DateTime)

    visit: Mapped[Visit] = relationship(back_populates="party")
    visitor: Mapped[Visitor] = relationship(lazy="joined")


class CheckInEvent(Synced, Base):
    """What happened at the desk, append-only: arrivals, check-ins, refusals, overrides."""

    __tablename__ = "check_in_event"

    visit_id: Mapped[str] = mapped_column(ForeignKey("visit.id"), index=True)
    visitor_id: Mapped[str | None] = mapped_column(ForeignKey("visitor.id"))
    event: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(DateTime)
    by: Mapped[str] = mapped_column(String(80))
    reason: Mapped[str] = mapped_column(Text, default="")
