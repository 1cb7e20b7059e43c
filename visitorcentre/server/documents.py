"""The server's document store: writing rows with their server sequence, and reading a desk's feed.

Every change takes the next server sequence for each scope that receives it (an establishment,
or "*" for national records), inside the caller's transaction, so a document and its feed entry
are committed together or not at all.
"""

from __future__ import annotations

from datetime import datetime
from typing import Iterable

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from visitorcentre.server.models import Counter, Document, Feed
from visitorcentre.sync import policy
from visitorcentre.sync.protocol import PulledRow, PullResponse


def take_seqs(session: Session, count: int) -> int:
    """Reserve ``count`` server sequence numbers; returns the first.

    The UPDATE locks the counter row until the transaction ends, so transactions that change
    documents commit in the order of their sequence numbers.
    """
    session.execute(update(Counter).where(Counter.name == "seq").values(value=Counter.value + count))
    last = session.scalar(select(Counter.value).where(Counter.name == "seq"))
    return last - count + 1


def scopes_of(session: Session, entity: str, row_id: str) -> list[str]:
    return list(session.scalars(select(Feed.scope).where(Feed.entity == entity, Feed.row_id == row_id)))


def put(session: Session, entity: str, row_id: str, payload: dict, written_by: str, now: datetime,
        extra_scopes: Iterable[str] = ()) -> Document:
    """Store a row (new or changed) and queue it for every scope that receives it."""
    scopes = set(scopes_of(session, entity, row_id)) | {policy.scope_of(entity, payload)} | set(extra_scopes)
    scopes.discard("")
    first = take_seqs(session, len(scopes))
    doc = session.get(Document, (entity, row_id))
    last_seq = first + len(scopes) - 1
    if doc is None:
        doc = Document(entity=entity, row_id=row_id)
        session.add(doc)
    doc.establishment = str(payload.get("establishment") or "")
    doc.version = int(payload.get("version") or 1)
    doc.payload = payload
    doc.seq = last_seq
    doc.written_by = written_by
    doc.updated_at = now
    for offset, scope in enumerate(sorted(scopes)):
        entry = session.get(Feed, (scope, entity, row_id))
        if entry is None:
            session.add(Feed(scope=scope, entity=entity, row_id=row_id, seq=first + offset))
        else:
            entry.seq = first + offset
    session.flush()
    share_referenced_visitors(session, entity, payload)
    return doc


def share_referenced_visitors(session: Session, entity: str, payload: dict) -> None:
    """Give the establishment of a record the details of a visitor it names who was registered elsewhere."""
    if entity in policy.SHAREABLE:
        return
    scope = str(payload.get("establishment") or "")
    for field in policy.VISITOR_REFERENCES:
        visitor_id = payload.get(field)
        if not visitor_id or not scope:
            continue
        if session.get(Feed, (scope, "visitor", visitor_id)) is not None:
            continue
        visitor = session.get(Document, ("visitor", visitor_id))
        if visitor is None:
            continue
        session.add(Feed(scope=scope, entity="visitor", row_id=visitor_id, seq=take_seqs(session, 1)))
        session.flush()


def visible_to(session: Session, establishment: str, entity: str, row_id: str) -> bool:
    """Whether desks of ``establishment`` receive this document."""
    return session.scalar(select(func.count()).select_from(Feed).where(
        Feed.scope.in_((establishment, policy.NATIONAL)), Feed.entity == entity, Feed.row_id == row_id)) > 0


def pull(session: Session, establishment: str, after: int, limit: int) -> PullResponse:
    """The documents an establishment's desks receive, changed after server sequence ``after``, in order."""
    scopes = (establishment, policy.NATIONAL)
    query = (select(Feed.seq, Document.entity, Document.row_id, Document.establishment, Document.version,
                    Document.payload)
             .join(Document, (Document.entity == Feed.entity) & (Document.row_id == Feed.row_id))
             .where(Feed.scope.in_(scopes), Feed.seq > after).order_by(Feed.seq).limit(limit + 1))
    found = session.execute(query).all()
    more = len(found) > limit
    found = found[:limit]
    rows = [PulledRow(seq=seq, entity=entity, row_id=row_id, establishment=est, version=version, payload=payload)
            for seq, entity, row_id, est, version, payload in found]
    total = 0
    if after == 0 or more:
        total = session.scalar(select(func.count()).select_from(Feed).where(Feed.scope.in_(scopes),
                                                                             Feed.seq > after))
    last = rows[-1].seq if rows else after
    return PullResponse(rows=rows, last_seq=last, more=more, total=total)
