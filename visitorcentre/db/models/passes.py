"""Pass-signing keys and the visit passes printed with them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from visitorcentre.db.models.base import Base, Synced


class PassKey(Synced, Base):
    """An establishment's pass-signing key (Ed25519, raw bytes in hex): made by the central server and
    pulled by that establishment's desks, or made by a desk working on its own (never sent anywhere).

    ``private_key`` is empty on a desk that only verifies and on a retired key; it is never shown,
    printed or logged. A retired key vouches for passes of session days up to ``retired_on``.
    """

    __tablename__ = "pass_key"

    key_id: Mapped[str] = mapped_column(String(16), unique=True)
    public_key: Mapped[str] = mapped_column(String(64))
    private_key: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    retired_on: Mapped[date | None] = mapped_column(Date)  # migration 0008

    def __repr__(self) -> str:  # the default would do; this one promises never to show the private key
        return f"PassKey(key_id={self.key_id!r}, establishment={self.establishment!r}, active={self.active!r})"


class VisitPass(Synced, Base):
    """A printed visit pass: its signed token, who printed it and how often, and whether it was voided."""

    __tablename__ = "visit_pass"
    __table_args__ = (UniqueConstraint("establishment", "serial"),)

    visit_id: Mapped[str] = mapped_column(ForeignKey("visit.id"), index=True)
    serial: Mapped[int] = mapped_column(Integer)
    key_id: Mapped[str] = mapped_column(String(16))
    token: Mapped[str] = mapped_column(Text)
    layout: Mapped[str] = mapped_column(String(12))
    printed_at: Mapped[datetime | None] = mapped_column(DateTime)
    printed_by: Mapped[str] = mapped_column(String(80), default="")
    times_printed: Mapped[int] = mapped_column(Integer, default=0)
    voided: Mapped[bool] = mapped_column(Boolean, default=False)
    voided_reason: Mapped[str] = mapped_column(Text, default="")
    voided_at: Mapped[datetime | None] = mapped_column(DateTime)
    voided_by: Mapped[str] = mapped_column(String(80), default="")
