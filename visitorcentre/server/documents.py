"""The server's document store: writing rows with their server sequence (a desk's feed is read by ``pull_pages``).

Every change takes the next server sequence for each scope that receives it (an establishment,
or "*" for national records), inside the caller's transaction, so a document and its feed entry
are committed together or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Executable, Table, func, select, text, update
from sqlalchemy.orm import Session

from visitorcentre.server import bulk
from visitorcentre.server.centre import typed_rows
from visitorcentre.server.centre.typed import TypedBan
from visitorcentre.server.models import AppliedOp, Counter, Document, Feed, ServerBase
from visitorcentre.sync import policy


def take_seqs(session: Session, count: int) -> list[int]:
    """Reserve ``count`` server sequence numbers, in the caller's transaction; returns them in order.

    A puller that has seen number N must never later find a smaller one committed behind it
    (``pull_pages`` reads a scope's feed after the desk's cursor, in order). On SQLite the UPDATE
    locks the counter row until the transaction ends (SQLite has one writer at a time anyway):
    the numbers are consecutive and transactions commit in their order.

    On PostgreSQL that row lock made every push wait for the one before it to commit, Python work
    and all, so the numbers come from the SEQUENCE ``server_seq`` (s0018; the counter row is left
    as it was): ``nextval`` takes no lock and is never rolled back, so writers run side by side,
    their numbers may have gaps, and the numbers of one writer need not be consecutive. Commits
    no longer come in number order; instead each writer, before it takes its numbers, reads the
    sequence's ``last_value`` L and takes a shared transaction-level advisory lock on the bigint
    key L + 1 (every bigint advisory key of the server's database is kept for this), which every
    number it then takes is at least. A puller (``ceiling``) first reads ``last_value`` S, then the
    least such key held, K, and reads no further than min(S, K - 1):
    - a writer whose ``nextval`` came before the puller read S had taken its lock before that, so
      if it has not finished the puller finds its key (at most its least number) in ``pg_locks``;
      if it has finished, its commit is already visible to the puller's next statement (the
      pull reads at READ COMMITTED, a fresh snapshot a statement), as PostgreSQL ends a
      transaction in the proc array before it lets go of its locks (xact.c, CommitTransaction);
    - a writer whose ``nextval`` came after has numbers above S.
    So every number up to the ceiling is committed, rolled back or never used, and a desk's
    cursor (the last row it was sent) never passes the ceiling. (pg_locks shows a bigint key's
    high half as classid, its low half as objid, with objsubid 1; shared locks never wait for
    each other. A crash may make the sequence skip some numbers: only ever upwards.)
    """
    if session.connection().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock_shared(last_value + 1) FROM server_seq"))
        taken = session.scalars(text("SELECT nextval('server_seq') FROM generate_series(1, :n)"), {"n": count})
        return sorted(taken)
    last = session.execute(
        update(Counter).where(Counter.name == "seq").values(value=Counter.value + count).returning(Counter.value)
    ).scalar_one()
    return list(range(last - count + 1, last + 1))


def ceiling(session: Session, after: int = 0) -> int | None:
    """How far a puller past ``after`` may read now (see ``take_seqs``); None: no limit (SQLite).

    Only keys in (``after``, S + 1] are counted: this server's writers hold none above S + 1 (a
    key is ``last_value`` + 1 when taken, and the sequence only rises), and none at or below a
    cursor it handed out (a writer holding K since before that pull would have capped it below
    K; one that took K after it read a ``last_value`` at least the cursor). Advisory keys belong
    to the database, not the schema, so this keeps another server sharing the database (tests,
    benchmarks, each in its own schema) from holding this one's pulls back. A desk that sends a
    cursor it was never given can only miss rows it asked to skip.
    """
    if session.connection().dialect.name != "postgresql":
        return None
    last = int(session.scalar(text("SELECT last_value FROM server_seq")) or 0)  # first: S, then the locks
    held = session.scalar(
        text(
            "SELECT min(k) FROM (SELECT (classid::bigint << 32) | objid::bigint AS k FROM pg_locks"
            " WHERE locktype = 'advisory' AND objsubid = 1"
            " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())) AS held"
            " WHERE k > :after AND k <= :top"
        ),
        {"after": after, "top": last + 1},
    )
    return last if held is None else min(last, int(held) - 1)


# One index probe a row id, whatever PostgreSQL's counts say (a lateral subquery it cannot flatten): with
# ``entity = :entity AND row_id = ANY(:ids)`` its planner, its counts of the kinds out of date on a
# growing feed, took ix_feed_entity_row_id on the kind alone and filtered every entry of the kind.
_FEED_PROBES = text(
    "SELECT feed.scope, feed.entity, feed.row_id, feed.seq FROM unnest(CAST(:ids AS VARCHAR[])) AS wanted(row_id)"
    " CROSS JOIN LATERAL (SELECT * FROM feed WHERE feed.entity = :entity AND feed.row_id = wanted.row_id"
    " OFFSET 0) AS feed"
)


def _feed_entries(connection: Connection, entity: str, ids: list[str]) -> Executable:
    """The feed entries of the ``entity`` rows ``ids`` (along ix_feed_entity_row_id: a pair IN does not use it)."""
    if connection.dialect.name == "postgresql":
        return select(Feed).from_statement(_FEED_PROBES.bindparams(entity=entity, ids=list(ids)))
    return select(Feed).where(Feed.entity == entity, bulk.among(connection, Feed.row_id, ids))


_STAND_IN = -(2**62)  # stand-in numbers count up from here; real ones are positive


# New rows are kept as plain objects until ``flush()`` inserts them in bulk: an ORM instance cost
# some 20 µs to make, three of them an op, more than the rest of applying it.
@dataclass(slots=True)
class NewDocument:
    """A document this writer is adding (the same fields as a stored ``Document``)."""

    entity: str
    row_id: str
    establishment: str
    version: int
    payload: dict
    seq: int
    written_by: str
    updated_at: datetime


@dataclass(slots=True)
class NewFeed:
    """A feed entry this writer is adding (the same fields as a stored ``Feed``)."""

    scope: str
    entity: str
    row_id: str
    seq: int


@dataclass(slots=True)
class NewAppliedOp:
    """An op's answer this writer is recording (the same fields as a stored ``AppliedOp``)."""

    op_id: str
    device_id: str
    entity: str
    row_id: str
    outcome: str
    message: str
    seq: int | None
    at: datetime


#: A document as a writer holds it: read from the database, or added by this writer.
Stored = Document | NewDocument
Entry = Feed | NewFeed
_TABLES: dict[type, type[ServerBase]] = {
    NewDocument: Document,
    NewFeed: Feed,
    NewAppliedOp: AppliedOp,
    Document: Document,
    Feed: Feed,
    AppliedOp: AppliedOp,
}


class Writer:
    """Writes documents within one transaction, reading each document and feed entry at most once.

    Sequence numbers are taken exactly as used, at ``flush()``: until then ``seq()`` hands out
    stand-in numbers (negative, in order), and ``flush()`` reserves as many real ones with
    ``take_seqs`` and puts them in place. On SQLite the counter row is locked only from there to the
    commit (so commits stay in sequence order, and one request's work does not hold up every
    other); on PostgreSQL no writer waits for another (see ``take_seqs``). A request that stores
    nothing takes no number.
    """

    def __init__(self, session: Session, now: datetime):
        self.session = session
        self.now = now
        self.docs: dict[tuple[str, str], Stored | None] = {}
        self.feeds: dict[tuple[str, str], dict[str, Entry]] = {}
        self._used = 0  # stand-in numbers handed out since the last flush
        self._new: dict[type[ServerBase], list[Any]] = {Document: [], Feed: [], AppliedOp: []}
        self._written: list[tuple[str, str, dict]] = []  # for the typed copies (server.centre.typed)
        self._added: set[tuple[str, str]] = set()  # documents new to the store, written since the last flush

    def add_new(self, row: Any) -> None:
        """A new row (a ``New…`` object, or an ORM one), inserted with the others of its kind at ``flush()``
        (far faster than one by one)."""
        self._new[_TABLES[type(row)]].append(row)

    def flush(self) -> None:
        """Refresh the typed copies, then give the rows their real sequence numbers and insert the new ones.

        Call before the transaction commits. The typed copies carry no sequence number, so they
        are written before the counter is taken: from there to the commit every other writer
        waits, and that stretch is kept to the rows that need their numbers.
        """
        if self._written:
            with self.session.no_autoflush:  # (nothing written before the stand-ins are replaced)
                typed_rows.refresh(self.session, self._written, new=self._added)
            self._written.clear()
            self._added.clear()
        if self._used:
            with self.session.no_autoflush:
                numbers = take_seqs(self.session, self._used)
            self._settle(numbers)
            self._used = 0
        for model, rows in self._new.items():
            if rows:
                columns = [c.key for c in model.__table__.columns]
                # On the session's connection, as plain rows (the ORM's bulk insert handled each row again)
                table = Table(model.__tablename__, ServerBase.metadata)  # (the Table itself, typed as one)
                bulk.insert_rows(self.session.connection(), table, [{c: getattr(r, c) for c in columns} for r in rows])
                rows.clear()

    def _settle(self, numbers: list[int]) -> None:
        """Turn every stand-in number this writer handed out into its real one (the stand-ins' order kept)."""
        for doc in self.docs.values():
            if doc is not None and doc.seq is not None and doc.seq < 0:
                doc.seq = numbers[doc.seq - _STAND_IN]
        for entries in self.feeds.values():
            for entry in entries.values():
                if entry.seq < 0:
                    entry.seq = numbers[entry.seq - _STAND_IN]
        for row in self._new[AppliedOp]:
            if row.seq is not None and row.seq < 0:
                row.seq = numbers[row.seq - _STAND_IN]

    def prefetch(self, keys: Iterable[tuple[str, str]]) -> None:
        """Read the documents and feed entries of ``keys`` in a few queries."""
        with self.session.no_autoflush:  # stand-in numbers never reach the database
            self._prefetch(keys)

    def _prefetch(self, keys: Iterable[tuple[str, str]]) -> None:
        wanted = [k for k in set(keys) if k not in self.docs]
        for start in range(0, len(wanted), 400):
            chunk = wanted[start : start + 400]
            for key in chunk:
                self.docs[key] = None
                self.feeds[key] = {}
            by_entity: dict[str, list[str]] = {}
            for entity, row_id in chunk:
                by_entity.setdefault(entity, []).append(row_id)
            connection = self.session.connection()
            for entity, ids in by_entity.items():  # along the primary key (a pair IN scanned the table)
                for doc in self.session.scalars(
                    select(Document).where(Document.entity == entity, bulk.among(connection, Document.row_id, ids))
                ):
                    self.docs[(doc.entity, doc.row_id)] = doc
                for entry in self.session.scalars(_feed_entries(connection, entity, ids)):
                    self.feeds[(entry.entity, entry.row_id)][entry.scope] = entry

    def doc(self, entity: str, row_id: str) -> Stored | None:
        key = (entity, row_id)
        if key not in self.docs:
            self.prefetch([key])
        return self.docs[key]

    def scopes(self, entity: str, row_id: str) -> dict[str, Entry]:
        self.doc(entity, row_id)
        return self.feeds[(entity, row_id)]

    def seq(self) -> int:
        """The next sequence number, as a stand-in (negative, in order) until ``flush()`` makes it real."""
        self._used += 1
        return _STAND_IN + self._used - 1

    def put(self, entity: str, row_id: str, payload: dict, written_by: str, extra_scopes: Iterable[str] = ()) -> Stored:
        """Store a row (new or changed) and queue it for every scope that receives it.

        Those are the scopes it went to before (a prisoner moved to another establishment still
        reaches the old one's desks, which must learn of the move), its own, ``extra_scopes``,
        and for a ban at every establishment, every scope the visitor's details go to.
        """
        feeds = self.scopes(entity, row_id)
        scopes = set(feeds) | {policy.scope_of(entity, payload)} | set(extra_scopes)
        scopes |= self._everywhere_ban_scopes(entity, payload)
        scopes.discard("")
        numbers = {scope: self.seq() for scope in sorted(scopes)}  # before anything is added (autoflush)
        establishment = str(payload.get("establishment") or "")
        version = int(payload.get("version") or 1)
        doc = self.docs[(entity, row_id)]
        if doc is None:
            last = max(numbers.values())
            doc = NewDocument(entity, row_id, establishment, version, payload, last, written_by, self.now)
            self.add_new(doc)
            self.docs[(entity, row_id)] = doc
            self._added.add((entity, row_id))
        else:
            doc.establishment = establishment
            doc.version = version
            doc.payload = payload
            doc.seq = max(numbers.values())
            doc.written_by = written_by
            doc.updated_at = self.now
        for scope, number in numbers.items():
            entry = feeds.get(scope)
            if entry is None:
                feeds[scope] = NewFeed(scope, entity, row_id, number)
                self.add_new(feeds[scope])
            else:
                entry.seq = number
        self._written.append((entity, row_id, payload))
        self.share_referenced_visitors(entity, payload)
        return doc

    def share_referenced_visitors(self, entity: str, payload: dict) -> None:
        """Give the establishment of a record the details of a visitor it names who was registered elsewhere."""
        if entity in policy.SHAREABLE:
            return
        scope = str(payload.get("establishment") or "")
        for field in policy.VISITOR_REFERENCES:
            visitor_id = payload.get(field)
            if not visitor_id or not scope or not isinstance(visitor_id, str):
                continue
            feeds = self.scopes("visitor", visitor_id)
            if scope in feeds or self.docs[("visitor", visitor_id)] is None:
                continue
            number = self.seq()
            feeds[scope] = NewFeed(scope, "visitor", visitor_id, number)
            self.add_new(feeds[scope])
            self._share_everywhere_bans(visitor_id, scope)

    def _everywhere_ban_scopes(self, entity: str, payload: dict) -> set[str]:
        """Where a ban at every establishment goes: everywhere the visitor's details go."""
        visitor_id = payload.get("visitor_id")
        if not policy.reaches_every_establishment(entity, payload) or not isinstance(visitor_id, str) or not visitor_id:
            return set()
        return set(self.scopes("visitor", visitor_id)) - {policy.NATIONAL}

    def _share_everywhere_bans(self, visitor_id: str, scope: str) -> None:
        """A visitor's details now go to ``scope`` as well: so do their bans at every establishment."""
        with self.session.no_autoflush:  # stand-in numbers never reach the database
            found = set(  # along the typed copies' visitor index (server.centre.typed)
                self.session.scalars(
                    select(TypedBan.row_id).where(TypedBan.visitor_id == visitor_id, TypedBan.scope == "all")
                )
            )
        found |= {  # written by this writer, whose typed copies are made at flush()
            row_id
            for (entity, row_id), doc in self.docs.items()
            if entity == "ban" and doc is not None and doc.payload.get("visitor_id") == visitor_id
        }
        for row_id in sorted(found):
            ban = self.doc("ban", row_id)
            feeds = self.scopes("ban", row_id)
            if ban is None or scope in feeds or not policy.reaches_every_establishment("ban", ban.payload):
                continue
            feeds[scope] = NewFeed(scope, "ban", row_id, self.seq())
            self.add_new(feeds[scope])


def put(
    session: Session,
    entity: str,
    row_id: str,
    payload: dict,
    written_by: str,
    now: datetime,
    extra_scopes: Iterable[str] = (),
) -> Stored:
    """Store one row (see Writer.put) in the caller's transaction."""
    writer = Writer(session, now)
    doc = writer.put(entity, row_id, payload, written_by, extra_scopes)
    writer.flush()
    return doc


def visible_to(session: Session, establishment: str, entity: str, row_id: str) -> bool:
    """Whether desks of ``establishment`` receive this document."""
    return bool(
        session.scalar(
            select(func.count())
            .select_from(Feed)
            .where(Feed.scope.in_((establishment, policy.NATIONAL)), Feed.entity == entity, Feed.row_id == row_id)
        )
    )
