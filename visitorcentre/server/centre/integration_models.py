"""Tables of the roster feed (s0009): the integrations allowed to send an establishment's roster, and
the feeds each has sent.

An integration (the prison's records system) has a name, one establishment, and an API key shown
once when it is made: only its SHA-256 is kept (the key is 256 random bits, so a fast hash is
enough; nothing to guess slowly). A feed is remembered by the integration's ``Idempotency-Key``
(or the body's own hash) with what it did, so the same feed sent twice changes nothing the
second time.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from visitorcentre.server.models import ServerBase


class RosterIntegration(ServerBase):
    __tablename__ = "roster_integration"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    establishment: Mapped[str] = mapped_column(String(8), index=True)
    key_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    key_hint: Mapped[str] = mapped_column(String(12))  # the key's first characters, to tell keys apart
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(120))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_by: Mapped[str] = mapped_column(String(120), default="")
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime)


class RosterFeedReceipt(ServerBase):
    __tablename__ = "roster_feed_receipt"

    integration_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(80), primary_key=True)
    body_sha256: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime)
    result: Mapped[Any] = mapped_column(JSON)
