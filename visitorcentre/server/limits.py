"""Attempt counts kept in the database (enrolment, failed sign-ins), so every worker process sees the same.

A count lives in a fixed window per key: the first attempt after the window has passed starts
a new one. Counting is one atomic upsert (``INSERT … ON CONFLICT DO UPDATE … RETURNING``) on
SQLite and PostgreSQL alike, so two workers counting the same address at once both count.
Nothing is kept in process memory.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import case, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from visitorcentre.server.models import RateLimit

KEY_LENGTH = 120


def key(kind: str, who: str) -> str:
    """The row key for ``who`` (an address or a device id) under ``kind``, cut to the column's length."""
    return f"{kind}:{who}"[:KEY_LENGTH]


def hit(session: Session, name: str, window: timedelta, now: datetime) -> int:
    """Count one attempt under ``name``; returns the attempts in its current window, this one included."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    expired = RateLimit.window_start <= now - window
    adding = insert(RateLimit).values(key=name, window_start=now, count=1)
    statement = adding.on_conflict_do_update(
        index_elements=[RateLimit.key],
        set_={
            "count": case((expired, 1), else_=RateLimit.count + 1),
            "window_start": case((expired, now), else_=RateLimit.window_start),
        },
    ).returning(RateLimit.count)
    return session.execute(statement).scalar_one()


def counts(session: Session, names: Iterable[str], window: timedelta, now: datetime) -> dict[str, int]:
    """The attempts so far in the current window of each of ``names`` (absent: none)."""
    wanted = [n for n in names if n]
    if not wanted:
        return {}
    rows = session.execute(
        select(RateLimit.key, RateLimit.count).where(RateLimit.key.in_(wanted), RateLimit.window_start > now - window)
    )
    return {name: count for name, count in rows}


def forget_old(session: Session, now: datetime, older_than: timedelta) -> None:
    """Drop counts whose window ended long ago (the table stays small whatever an attacker sends)."""
    session.execute(delete(RateLimit).where(RateLimit.window_start < now - older_than))
