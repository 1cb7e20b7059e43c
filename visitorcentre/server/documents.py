"""The server's document store: writing rows with their server sequence, and reading a desk's feed.

Every change takes the next server sequence for each scope that receives it (an establishment,
or "*" for national records), inside the caller's transaction, so a document and its feed entry
are committed together or not at all.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime
from typing import Iterable, Iterator

from sqlalchemy import func, select, union_all, update
from sqlalchemy.orm import Session

from visitorcentre.server.models import Counter, Document, Feed
from visitorcentre.sync import policy
from visitorcentre.sync.protocol import PulledRow, PullResponse


def take_seqs(session: Session, count: int) -> int:
    """Reserve ``count`` server sequence numbers; returns the first.

    The UPDATE locks the counter row until the transaction ends, so transactions that change
    documents commit in the order of their sequence numbers. Inside ``batch`` the lock is taken
    by the first call and later numbers are handed out from memory (written back at the end).
    """
    held = session.info.get(_BATCH)
    if held is not None and held.next_seq is not None:
        first = held.next_seq
        held.next_seq += count
        held.unwritten += count
        return first
    session.execute(update(Counter).where(Counter.name == "seq").values(value=Counter.value + count))
    last = session.scalar(select(Counter.value).where(Counter.name == "seq"))
    if held is not None:
        held.next_seq = last + 1
    return last - count + 1


_BATCH = "visitorcentre.documents.batch"


class _Batch:
    """What one push request has read of the documents it touches (None: known to be absent)."""

    def __init__(self):
        self.docs: dict[tuple[str, str], Document | None] = {}
        self.feeds: dict[tuple[str, str, str], Feed] = {}
        self.scopes: dict[tuple[str, str], set[str]] = {}
        self.next_seq: int | None = None
        self.unwritten = 0


@contextmanager
def batch(session: Session, keys: Iterable[tuple[str, str]]) -> Iterator[None]:
    """Many changes in one transaction with few statements.

    The documents and feed entries of ``keys`` (entity, row id) are read up front in a few
    queries, sequence numbers are handed out from memory once the counter is locked, and the
    new rows are written together at the end. Anything outside ``keys`` is read as usual.
    """
    held = _Batch()
    wanted: dict[str, set[str]] = {}
    for entity, row_id in keys:
        wanted.setdefault(entity, set()).add(row_id)
    for entity, ids in wanted.items():
        ordered = sorted(ids)
        for start in range(0, len(ordered), 500):
            chunk = ordered[start:start + 500]
            for doc in session.scalars(select(Document).where(Document.entity == entity, Document.row_id.in_(chunk))):
                held.docs[(entity, doc.row_id)] = doc
            for entry in session.scalars(select(Feed).where(Feed.entity == entity, Feed.row_id.in_(chunk))):
                held.feeds[(entry.scope, entity, entry.row_id)] = entry
                held.scopes.setdefault((entity, entry.row_id), set()).add(entry.scope)
        for row_id in ordered:
            held.docs.setdefault((entity, row_id), None)
            held.scopes.setdefault((entity, row_id), set())
    session.info[_BATCH] = held
    try:
        yield
        if held.unwritten:
            session.execute(update(Counter).where(Counter.name == "seq")
                            .values(value=Counter.value + held.unwritten))
        session.flush()
    finally:
        session.info.pop(_BATCH, None)


def get(session: Session, entity: str, row_id: str) -> Document | None:
    """The document, from the batch's read-ahead when there is one."""
    held = session.info.get(_BATCH)
    if held is not None and (entity, row_id) in held.docs:
        return held.docs[(entity, row_id)]
    return session.get(Document, (entity, row_id))


def _feed(session: Session, scope: str, entity: str, row_id: str) -> Feed | None:
    held = session.info.get(_BATCH)
    if held is not None and (entity, row_id) in held.scopes:
        return held.feeds.get((scope, entity, row_id))
    return session.get(Feed, (scope, entity, row_id))


def _add_feed(session: Session, scope: str, entity: str, row_id: str, seq: int) -> None:
    entry = Feed(scope=scope, entity=entity, row_id=row_id, seq=seq)
    session.add(entry)
    held = session.info.get(_BATCH)
    if held is not None and (entity, row_id) in held.scopes:
        held.feeds[(scope, entity, row_id)] = entry
        held.scopes[(entity, row_id)].add(scope)


def scopes_of(session: Session, entity: str, row_id: str) -> list[str]:
    held = session.info.get(_BATCH)
    if held is not None and (entity, row_id) in held.scopes:
        return sorted(held.scopes[(entity, row_id)])
    return list(session.scalars(select(Feed.scope).where(Feed.entity == entity, Feed.row_id == row_id)))


def put(session: Session, entity: str, row_id: str, payload: dict, written_by: str, now: datetime,
        extra_scopes: Iterable[str] = ()) -> Document:
    """Store a row (new or changed) and queue it for every scope that receives it."""
    scopes = set(scopes_of(session, entity, row_id)) | {policy.scope_of(entity, payload)} | set(extra_scopes)
    scopes.discard("")
    first = take_seqs(session, len(scopes))
    doc = get(session, entity, row_id)
    last_seq = first + len(scopes) - 1
    if doc is None:
        doc = Document(entity=entity, row_id=row_id)
        session.add(doc)
        held = session.info.get(_BATCH)
        if held is not None and (entity, row_id) in held.docs:
            held.docs[(entity, row_id)] = doc
    doc.establishment = str(payload.get("establishment") or "")
    doc.version = int(payload.get("version") or 1)
    doc.payload = payload
    doc.seq = last_seq
    doc.written_by = written_by
    doc.updated_at = now
    for offset, scope in enumerate(sorted(scopes)):
        entry = _feed(session, scope, entity, row_id)
        if entry is None:
            _add_feed(session, scope, entity, row_id, first + offset)
        else:
            entry.seq = first + offset
    if _BATCH not in session.info:
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
        if _feed(session, scope, "visitor", visitor_id) is not None:
            continue
        visitor = get(session, "visitor", visitor_id)
        if visitor is None:
            continue
        _add_feed(session, scope, "visitor", visitor_id, take_seqs(session, 1))
        if _BATCH not in session.info:
            session.flush()


def visible_to(session: Session, establishment: str, entity: str, row_id: str) -> bool:
    """Whether desks of ``establishment`` receive this document."""
    return session.scalar(select(func.count()).select_from(Feed).where(
        Feed.scope.in_((establishment, policy.NATIONAL)), Feed.entity == entity, Feed.row_id == row_id)) > 0


def pull(session: Session, establishment: str, after: int, limit: int) -> PullResponse:
    """The documents an establishment's desks receive, changed after server sequence ``after``, in order."""
    scopes = (establishment, policy.NATIONAL)
    # The next entries of each scope, read along the (scope, seq) index and merged: one query over
    # both scopes at once sorted everything still to come, joined to its documents, for every page.
    ahead = [select(Feed.seq, Feed.entity, Feed.row_id).where(Feed.scope == scope, Feed.seq > after)
             .order_by(Feed.seq).limit(limit + 1).subquery() for scope in scopes]
    merged = union_all(*(select(part) for part in ahead)).subquery()
    query = (select(merged.c.seq, Document.entity, Document.row_id, Document.establishment, Document.version,
                    Document.payload)
             .join(Document, (Document.entity == merged.c.entity) & (Document.row_id == merged.c.row_id))
             .order_by(merged.c.seq).limit(limit + 1))
    found = session.execute(query).all()
    more = len(found) > limit
    found = found[:limit]
    # Built from the server's own rows, so not validated again (that was most of a page's time).
    rows = [PulledRow.model_construct(seq=seq, entity=entity, row_id=row_id, establishment=est, version=version,
                                      payload=payload)
            for seq, entity, row_id, est, version, payload in found]
    total = 0
    if after == 0 or more:
        total = session.scalar(select(func.count()).select_from(Feed).where(Feed.scope.in_(scopes),
                                                                             Feed.seq > after))
    last = rows[-1].seq if rows else after
    return PullResponse.model_construct(rows=rows, last_seq=last, more=more, total=total)
