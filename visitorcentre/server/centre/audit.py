"""Writing and checking the central audit log (see ``models``: one hash-chained entry per change)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from visitorcentre.core import audit_chain
from visitorcentre.server.centre.models import CentreAudit, CentreAuditHead

HEAD = "head"


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    summary: str,
    now: datetime,
    establishment: str = "",
    before: Any = None,
    after: Any = None,
) -> CentreAudit:
    """Add one entry to the central audit log in the caller's transaction.

    ``summary`` is a plain sentence for the viewer ("Added the session Monday 14:00 in Hall A");
    ``before`` and ``after`` are the record as it was and as it is now (None when it did not or no
    longer exists). The chain head is locked from here to the commit, so concurrent writers chain
    one after another.
    """
    detail = audit_chain.as_stored({"before": before, "after": after})
    taken = session.execute(
        update(CentreAuditHead)
        .where(CentreAuditHead.name == HEAD)
        .values(seq=CentreAuditHead.seq + 1)
        .returning(CentreAuditHead.seq, CentreAuditHead.hash)
    ).one()
    seq, prev_hash = taken
    fields = audit_chain.ChainedFields(
        seq=seq,
        id=str(uuid.uuid4()),
        establishment=establishment,
        at=now.replace(tzinfo=None),
        actor=actor,
        action=action,
        entity=entity,
        entity_id=entity_id,
        summary=summary,
        detail=detail,
        prev_hash=prev_hash,
    )
    entry = CentreAudit(
        seq=seq,
        id=fields.id,
        at=fields.at,
        actor=actor,
        action=action,
        entity=entity,
        entity_id=entity_id,
        establishment=establishment,
        summary=summary,
        detail=detail,
        prev_hash=prev_hash,
        hash=audit_chain.entry_hash(fields),
    )
    session.add(entry)
    session.execute(update(CentreAuditHead).where(CentreAuditHead.name == HEAD).values(hash=entry.hash))
    return entry


def chained_fields(entry: CentreAudit) -> audit_chain.ChainedFields:
    return audit_chain.ChainedFields(
        seq=entry.seq,
        id=entry.id,
        establishment=entry.establishment,
        at=entry.at,
        actor=entry.actor,
        action=entry.action,
        entity=entry.entity,
        entity_id=entry.entity_id,
        summary=entry.summary,
        detail=entry.detail,
        prev_hash=entry.prev_hash,
    )


def _in_order(session: Session, page: int = 2000) -> Iterator[tuple[audit_chain.ChainedFields, str]]:
    after = 0
    while True:
        batch = session.scalars(
            select(CentreAudit).where(CentreAudit.seq > after).order_by(CentreAudit.seq).limit(page)
        ).all()
        if not batch:
            return
        for entry in batch:
            yield chained_fields(entry), entry.hash
        after = batch[-1].seq


def verify(session: Session) -> audit_chain.ChainReport:
    """Whether the central audit log is whole: every entry unchanged, none removed."""
    head = session.execute(select(CentreAuditHead.seq, CentreAuditHead.hash).where(CentreAuditHead.name == HEAD)).one()
    recorded = None if head.seq == 0 else (head.seq, head.hash)
    return audit_chain.verify(_in_order(session), recorded)
