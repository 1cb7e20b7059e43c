"""Tables of the visiting timetable: the centre's planning data, kept on the server only (s0008).

- ``session_template``: a weekly session (a weekday, start and end, room, kind, capacity) that runs
  from ``valid_from`` to ``valid_until`` (none: until changed). The timetable makes the dated
  ``visit_session`` records from it some weeks ahead; those records are what desks receive.
- ``blocked_date``: a whole day without visits at one establishment, with the reason; unblocking
  keeps the row with its own reason (``unblocked_at`` set), so the history stays readable.
- ``timetable_session``: what the timetable knows of each dated session it made or blocked: the
  template it came from (so making the weeks ahead again finds it instead of making a second
  one), and why it is blocked ("session", "date", or "timetable" when the template no longer runs
  that day), so unblocking a date reopens only what blocking that date closed.

None of these are synced: desks see only the ``visit_session`` records.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import BigInteger, Date, DateTime, Index, Integer, String, Text, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from visitorcentre.server.models import ServerBase


class SessionTemplate(ServerBase):
    __tablename__ = "session_template"
    __table_args__ = (Index("ix_session_template_establishment_day", "establishment", "weekday", "starts_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    establishment: Mapped[str] = mapped_column(String(8))
    weekday: Mapped[int] = mapped_column(Integer)  # Monday 0 … Sunday 6 (date.weekday())
    starts_at: Mapped[time] = mapped_column(Time)
    ends_at: Mapped[time] = mapped_column(Time)
    room: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20))
    capacity: Mapped[int] = mapped_column(Integer)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    version: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class BlockedDate(ServerBase):
    __tablename__ = "blocked_date"
    __table_args__ = (Index("ix_blocked_date_establishment_day", "establishment", "date"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    establishment: Mapped[str] = mapped_column(String(8))
    date: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    blocked_by: Mapped[str] = mapped_column(String(120))
    blocked_at: Mapped[datetime] = mapped_column(DateTime)
    unblocked_reason: Mapped[str] = mapped_column(Text, default="")
    unblocked_by: Mapped[str] = mapped_column(String(120), default="")
    unblocked_at: Mapped[datetime | None] = mapped_column(DateTime)


class TimetableSession(ServerBase):
    __tablename__ = "timetable_session"
    __table_args__ = (
        UniqueConstraint("template_id", "date", name="uq_timetable_session_template_day"),
        Index("ix_timetable_session_establishment_day", "establishment", "date"),
    )

    session_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    establishment: Mapped[str] = mapped_column(String(8))
    date: Mapped[date] = mapped_column(Date)
    template_id: Mapped[str | None] = mapped_column(String(36))  # None: a one-off session
    blocked_by: Mapped[str] = mapped_column(String(12), default="")  # "", "session", "date", "timetable"
