"""Tables of the centre: the central audit log and its chain head (s0006).

Every change made at the centre (a console page, ``server-admin``, an integration's feed) is one
``centre_audit`` entry in the same transaction as the change: who, what, when, which record, and
the record before and after. Entries are hash-chained exactly like the desk's audit log
(``core.audit_chain``); ``centre_audit_head`` holds the newest entry's number and hash, and
taking it (an UPDATE) locks it until the commit, so entries are chained in commit order even
with several server workers.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from visitorcentre.server.models import ServerBase


class CentreAudit(ServerBase):
    __tablename__ = "centre_audit"
    __table_args__ = (
        Index("ix_centre_audit_establishment_seq", "establishment", "seq"),
        Index("ix_centre_audit_actor_seq", "actor", "seq"),
        Index("ix_centre_audit_entity_row", "entity", "entity_id"),
    )

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(120))  # a console user's name, "server-admin", an integration
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(64))
    establishment: Mapped[str] = mapped_column(String(8))  # "" for national records
    summary: Mapped[str] = mapped_column(Text)
    detail: Mapped[Any] = mapped_column(JSON)  # {"before": {...} | None, "after": {...} | None}
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class CentreAuditHead(ServerBase):
    __tablename__ = "centre_audit_head"

    name: Mapped[str] = mapped_column(String(20), primary_key=True)  # "head": the one row
    seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64))
