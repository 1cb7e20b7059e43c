"""Tables of the central console (s0007): its staff accounts and their signed-in sessions.

A ``console_user`` signs in with a name, a password (argon2 hash) and a second factor (TOTP: the
secret is set up at the first sign-in). Failed attempts are counted on the account; at the limit
it is locked until ``locked_until``. A ``console_session`` is one browser's sign-in: the cookie
holds a random token and only its SHA-256 is kept here, so a copy of the database signs nobody
in. ``stage`` says how far the sign-in got ("second_factor": the password was right and the code
is awaited; "signed_in"); ``csrf_token`` is the token every form of that session carries.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from visitorcentre.server.models import ServerBase


class ConsoleUser(ServerBase):
    __tablename__ = "console_user"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    role: Mapped[str] = mapped_column(String(30))
    establishments: Mapped[Any] = mapped_column(JSON)  # a list of codes; [] = every establishment
    password_hash: Mapped[str] = mapped_column(String(200))
    totp_secret: Mapped[str] = mapped_column(String(64), default="")  # "" until set up
    totp_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    totp_last_step: Mapped[int] = mapped_column(BigInteger, default=0)  # a code is used once
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_signed_in: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class ConsoleSession(ServerBase):
    __tablename__ = "console_session"
    __table_args__ = (Index("ix_console_session_user", "user_id"),)

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(36), ForeignKey("console_user.id", ondelete="CASCADE"))
    stage: Mapped[str] = mapped_column(String(20))
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_seen: Mapped[datetime] = mapped_column(DateTime)
    flash: Mapped[str] = mapped_column(Text, default="")  # a message for the next page shown
