"""What the desk keeps for itself: its settings and the outbox of changes waiting to go to the server."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from visitorcentre.db.models.base import Base, new_id


class OutboxOp(Base):
    """A change waiting to go to the central server, in device-sequence order."""

    __tablename__ = "outbox_op"
    __table_args__ = {"sqlite_autoincrement": True}  # a sequence number is never reused

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    op_id: Mapped[str] = mapped_column(String(36), unique=True, default=new_id)
    entity: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36))
    operation: Mapped[str] = mapped_column(String(12))
    payload: Mapped[dict] = mapped_column(JSON)
    schema_version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Setting(Base):
    """Desk settings and markers (e.g. that this is a demo database)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
