"""The audit log in the database: chaining a new entry, reading the chain back, and the viewer's query."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from visitorcentre.core import audit_chain
from visitorcentre.core.audit_chain import ChainedFields
from visitorcentre.db.models import AuditChainHead, AuditEvent

HEAD_ID = 1


def _fields(event: AuditEvent) -> ChainedFields:
    return ChainedFields(
        seq=event.seq,
        id=event.id,
        establishment=event.establishment,
        at=event.at,
        actor=event.actor,
        action=event.action,
        entity=event.entity,
        entity_id=event.entity_id,
        summary=event.summary or "",
        detail=event.detail,
        prev_hash=event.prev_hash,
    )


def chain_on(session: Session, event: AuditEvent, head: tuple[int, str] | None) -> tuple[int, str]:
    """Give ``event`` its place, the previous hash and its own hash; returns the new head.

    ``head`` is what this transaction chained last (None: read the newest entry from the database).
    The chain head row is updated in the same transaction.
    """
    row = session.get(AuditChainHead, HEAD_ID)
    if head is None:
        # The head row, not the newest entry left in the table: a removed newest entry must stay a gap.
        head = (row.seq, row.hash) if row is not None else (0, audit_chain.GENESIS)
    event.seq = head[0] + 1
    event.prev_hash = head[1]
    event.hash = audit_chain.entry_hash(_fields(event))
    if row is None:
        session.add(AuditChainHead(id=HEAD_ID, seq=event.seq, hash=event.hash))
    else:
        row.seq, row.hash = event.seq, event.hash
    return event.seq, event.hash


def chain(session: Session, batch: int = 5000) -> Iterator[tuple[ChainedFields, str]]:
    """Every entry in sequence order with its stored hash, read in batches (plain rows: a long log reads fast)."""
    table = AuditEvent.__table__
    columns = [
        table.c.seq,
        table.c.id,
        table.c.establishment,
        table.c.at,
        table.c.actor,
        table.c.action,
        table.c.entity,
        table.c.entity_id,
        table.c.summary,
        table.c.detail,
        table.c.prev_hash,
    ]
    last = 0
    while True:
        rows = session.execute(
            select(*columns, table.c.hash).where(table.c.seq > last).order_by(table.c.seq).limit(batch)
        ).all()
        if not rows:
            return
        for row in rows:
            yield ChainedFields(*row[:8], row[8] or "", row[9], row[10]), row[11]
        last = rows[-1][0]


def head(session: Session) -> tuple[int, str] | None:
    row = session.get(AuditChainHead, HEAD_ID)
    return (row.seq, row.hash) if row is not None else None


def verify(session: Session) -> audit_chain.ChainReport:
    """Check the whole chain in this database."""
    return audit_chain.verify(chain(session), head(session))


@dataclass(frozen=True)
class AuditFilter:
    """What the manager's viewer asks for; empty values match everything. Times are UTC stamps."""

    start: datetime | None = None
    end: datetime | None = None  # exclusive
    actor: str = ""
    action: str = ""
    text: str = ""  # in the record's kind, id or summary
    limit: int = 5000


def entries(session: Session, wanted: AuditFilter) -> tuple[list[AuditEvent], int]:
    """The matching entries, newest first (at most ``wanted.limit``), and how many match in all."""
    query = select(AuditEvent)
    if wanted.start is not None:
        query = query.where(AuditEvent.at >= wanted.start)
    if wanted.end is not None:
        query = query.where(AuditEvent.at < wanted.end)
    if wanted.actor:
        query = query.where(AuditEvent.actor == wanted.actor)
    if wanted.action:
        query = query.where(AuditEvent.action == wanted.action)
    if wanted.text.strip():
        text = wanted.text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        like = f"%{text}%"
        query = query.where(
            or_(
                AuditEvent.entity.ilike(like, escape="\\"),
                AuditEvent.entity_id.ilike(like, escape="\\"),
                AuditEvent.summary.ilike(like, escape="\\"),
            )
        )
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    rows = session.scalars(query.order_by(AuditEvent.seq.desc()).limit(wanted.limit)).all()
    return list(rows), total or 0


def choices(session: Session) -> tuple[list[str], list[str]]:
    """The staff names and actions that appear in the log (for the viewer's filters)."""
    actors = session.scalars(select(AuditEvent.actor).distinct().order_by(AuditEvent.actor)).all()
    actions = session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)).all()
    return list(actors), list(actions)
