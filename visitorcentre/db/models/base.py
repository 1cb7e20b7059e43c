"""The base every desk table shares, and the columns every synced row carries.

Every synced row has a UUID made where it was created, the establishment it belongs to, and
created / updated stamps (UTC) and a version number for conflict detection.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime, Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def new_id() -> str:
    """A fresh row id."""
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    pass


class Synced:
    """Columns every synced row carries."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    establishment: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)
