"""Putting rows from the server into the desk's database: checked, typed, upserted, never over an unsent change.

Rows come in the server's sequence order, which is not the order of the desk's foreign keys (a
visit's person may come before a visitor changed later), so these writes run with the foreign
key check off on their connection; everything referenced arrives within the same sync. A row
the desk changed and has not yet had acknowledged is left alone: its push settles it. A row
that cannot be stored (another establishment's, a kind or detail this desk does not know, a
value it cannot hold, a clash with a unique value here) is held aside with a sync issue
(``held_rows``) rather than stopping the pull, and tried again after an upgrade (``retry_held``).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import Engine, Table, bindparam, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from visitorcentre.db import review
from visitorcentre.db.engine import CACHE_KIB
from visitorcentre.db.models import Base, OutboxOp
from visitorcentre.db.sync_tables import SyncStaleOp, SyncStateRow
from visitorcentre.sync import desk_records, held_rows, policy, row_checks, sqlite_values
from visitorcentre.sync.row_checks import TableChecks, Unstorable

log = logging.getLogger(__name__)


_PAGES_BEFORE_CHECKPOINT = 10_000  # 40 MB of WAL with 4 KB pages
_SQLITE_CHECKPOINT = 1000  # SQLite's own
_PULL_CACHE_KIB = 8_000  # while a pulled page is stored: the desk's 16 MB took a first pull's growth over 50 MB


@contextmanager
def writing_unchecked(engine: Engine, durable: bool = True) -> Iterator[Session]:
    """A desk write transaction (BEGIN IMMEDIATE) with foreign keys unchecked; commit to keep it.

    ``durable=False`` commits without waiting for the disk (``synchronous=NORMAL`` in WAL mode:
    still all or nothing, but a power cut may lose the last such commits), and copies the WAL
    into the database every ``_PAGES_BEFORE_CHECKPOINT`` pages rather than SQLite's 1,000 (a
    first pull wrote the same index pages back again at every page's commit), with half the
    desk's page cache. For pulled pages only: each carries the pull cursor with it, so a page
    lost is a page pulled again.
    """
    connection = engine.execution_options(write=True).connect()
    raw = connection.connection.dbapi_connection
    assert raw is not None  # an open connection holds its DB-API connection
    raw.execute("PRAGMA foreign_keys=OFF")
    if not durable:
        raw.execute("PRAGMA synchronous=NORMAL")
        raw.execute(f"PRAGMA wal_autocheckpoint={_PAGES_BEFORE_CHECKPOINT}")
        raw.execute(f"PRAGMA cache_size=-{_PULL_CACHE_KIB}")
    try:
        with Session(bind=connection) as session:
            try:
                yield session
            finally:
                session.rollback()
    finally:
        connection.rollback()
        raw.execute("PRAGMA foreign_keys=ON")
        if not durable:
            raw.execute("PRAGMA synchronous=FULL")
            raw.execute(f"PRAGMA wal_autocheckpoint={_SQLITE_CHECKPOINT}")
            raw.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        connection.close()


_CHECKS: dict[str, TableChecks] = {}


def table_for(entity: str) -> Table | None:
    if entity not in policy.SYNCED:
        return None
    return Base.metadata.tables.get(entity)


def checks_for(entity: str) -> TableChecks | None:
    """The checks of a kind of record this desk syncs, or None for a kind it does not know."""
    checks = _CHECKS.get(entity)
    if checks is None:
        table = table_for(entity)
        if table is None:
            return None
        checks = _CHECKS[entity] = TableChecks(table)
    return checks


def unsent_rows(session: Session) -> set[tuple[str, str]]:
    """Rows with a change waiting to go up (not counting changes already set aside as stale)."""
    stale = select(SyncStaleOp.op_id)
    return set(session.execute(select(OutboxOp.entity, OutboxOp.row_id).where(OutboxOp.op_id.not_in(stale))).all())


class BulkRefused(Exception):
    """``store(..., whole=True)`` met a row the database refused: roll the transaction back and store
    the rows again without ``whole``, which finds and holds aside the refused ones."""


def store(
    session: Session,
    rows: list[tuple[str, str, dict]],
    now: datetime,
    establishment: str | None = None,
    whole: bool = False,
) -> int:
    """Upsert ``(entity, row_id, payload)`` rows from the server; returns how many were stored.

    A row this desk cannot store is held aside with a sync issue (``held_rows``); the others are
    stored all the same. ``establishment`` is the desk's own (by default its sync state's).

    Each kind of row is upserted in one statement inside a savepoint, so that a row the database
    refuses (a clash with a unique value here) can be found one by one. With ``whole`` there is no
    savepoint, and such a row raises ``BulkRefused`` instead, for the caller to roll back and call
    again without it: for a pulled page, whose transaction holds nothing else. Upserting inside a
    savepoint journals every index page each row touches: a first pull took three times as long.
    """
    if establishment is None:
        state = session.get(SyncStateRow, 1)
        establishment = state.establishment if state is not None else ""
    waiting = unsent_rows(session)
    revision = held_rows.desk_revision(session)
    groups: dict[tuple[str, frozenset], list[dict]] = {}
    sent: dict[tuple[str, str], dict] = {}
    for entity, row_id, payload in rows:
        if (entity, row_id) in waiting:
            continue
        try:
            values = _checked(session, entity, row_id, payload, establishment)
        except Unstorable as refusal:
            held_rows.hold(session, entity, row_id, payload, str(refusal), now, revision)
            continue
        if values is None:
            continue
        sent[(entity, row_id)] = payload
        groups.setdefault((entity, frozenset(values)), []).append(values)
        if (
            entity == "visit_note"
            and values.get("kind") == "double_check_in"
            and not desk_records.has_issue(session, "double_check_in", row_id)
        ):
            desk_records.raise_issue(
                session,
                "double_check_in",
                "visit",
                row_id,
                str(values.get("text", "")),
                now,
                {"visit_id": values.get("visit_id")},
            )
    stored = 0
    some_held = held_rows.any_held(session)
    compared = {key: _differing(session, Base.metadata.tables[key[0]], group) for key, group in groups.items()}
    differing = {key: fresh for key, (fresh, _) in compared.items()}
    touched = review.Touched()
    for (entity, _), fresh in differing.items():
        for values in fresh:
            touched.add(entity, values)
    recheck = review.Recheck(session, touched, now.date())  # the booked visits these rows touch, checked
    indexed: set[str] = set()  # visitors already written above (in the search index): known from here on
    for (entity, columns), group in groups.items():
        table = Base.metadata.tables[entity]  # every grouped row passed its checks
        fresh = differing[(entity, columns)]
        refused: set[str] = set()
        if fresh:
            known = compared[(entity, columns)][1] | indexed
            try:
                if whole:
                    _upsert(session, table, columns, fresh, known)
                else:
                    with session.begin_nested():
                        _upsert(session, table, columns, fresh, known)
            except (SQLAlchemyError, sqlite3.Error, ValueError, TypeError) as error:
                if whole:
                    raise BulkRefused from error
                refused = _one_by_one(session, entity, statement_for(table, columns), fresh, sent, now, revision)
        stored += len(group) - len(refused)
        if entity == "visitor":
            indexed.update(v["id"] for v in fresh)
        if some_held:  # a newer copy of a row held aside is stored: the held one is out of date
            held_rows.release(session, [(entity, v["id"]) for v in group if v["id"] not in refused])
    recheck.after(session, now)  # checked again: a visit whose checks got worse needs review
    return stored


def _checked(session: Session, entity: str, row_id: str, payload, establishment: str) -> dict | None:
    """The row's column values; None for a row to pass over; Unstorable for one to hold aside."""
    checks = checks_for(entity)
    if checks is None:
        raise Unstorable(f"it is a kind of record this desk does not know (“{row_checks.safe_words(entity, 40)}”)")
    if not isinstance(payload, dict):
        raise Unstorable("it came without its details")
    values = checks.typed(row_id, payload)
    problem = row_checks.establishment_problem(entity, payload, establishment)
    if problem is None:
        return values
    if entity in row_checks.MOVED_BY_THE_CENTRE:  # e.g. a prisoner transferred to another prison
        table = Base.metadata.tables[entity]
        ours = session.scalar(select(table.c.establishment).where(table.c.id == row_id))
        if ours is not None:
            return values  # a record this desk holds: it must learn of the move
        log.debug("Sync: %s %s belongs to another establishment; not taken", entity, row_id)
        return None  # e.g. a prisoner who left before this desk first synced: nothing to learn
    raise Unstorable(problem)


def statement_for(table: Table, columns: frozenset):
    """The upsert of rows with ``columns``: a row already here takes the server's values."""
    statement = insert(table)
    return statement.on_conflict_do_update(
        index_elements=["id"], set_={c: statement.excluded[c] for c in sorted(columns) if c != "id"}
    )


_UPSERTS: dict[tuple[str, frozenset], tuple[str, tuple[str, ...], list]] = {}


def _upsert_many(session: Session, table: Table, columns: frozenset, rows: list[dict]) -> None:
    """Upsert rows (all with the same ``columns``) with one executemany on the session's own connection.

    The statement is ``statement_for`` compiled once per kind and set of columns, and each value
    goes through its column's own bind processor, as ``session.execute`` would do: only SQLAlchemy's
    per-row parameter handling (a third of a large pull's storing time) is left out.
    """
    connection = session.connection()
    key = (table.name, columns)
    prepared = _UPSERTS.get(key)
    if prepared is None:
        dialect = connection.dialect
        compiled = (
            statement_for(table, columns).values({c: bindparam(c) for c in sorted(columns)}).compile(dialect=dialect)
        )
        order = tuple(compiled.positiontup or ())
        processors = [sqlite_values.bind_processor(table.c[c].type, dialect) for c in order]
        prepared = _UPSERTS[key] = (compiled.string, order, processors)
    sql, order, processors = prepared
    if not columns.issuperset(order):  # a column the rows leave out has a default: SQLAlchemy fills it in
        session.execute(statement_for(table, columns), rows)
        return
    converting = [(index, convert) for index, convert in enumerate(processors) if convert is not None]
    parameters = []
    for row in rows:
        values = [row[c] for c in order]
        for index, convert in converting:  # (each processor passes None through as its type stores it)
            values[index] = convert(values[index])
        parameters.append(values)
    raw = connection.connection.dbapi_connection
    assert raw is not None  # an open connection holds its DB-API connection
    cursor = raw.cursor()
    try:
        cursor.executemany(sql, parameters)
    finally:
        cursor.close()


def _upsert(session: Session, table: Table, columns: frozenset, rows: list[dict], known: set[str]) -> None:
    if table.name == "visitor" and len(rows) >= _BULK_INDEX:
        _upsert_visitors_indexing_after(session, table, columns, rows, known)
    else:
        _upsert_many(session, table, columns, rows)


_BULK_INDEX = 200  # new visitors in one page from which the search index is filled after them
_INDEXING = "visitor_search_insert"  # the trigger that adds a new visitor to the search index (migration 0001)


def _upsert_visitors_indexing_after(
    session: Session, table: Table, columns: frozenset, rows: list[dict], known: set[str]
) -> None:
    """Upsert many visitors, adding the new ones' terms to the search index in one statement after them.

    The trigger that indexes each new visitor as it is inserted is set aside for the statement and
    put back as it was, inside the caller's transaction: the desk sees it gone or the index
    complete, never between. Twice as fast on a first pull. Changed visitors are re-indexed by
    their own trigger as before.
    """
    connection = session.connection()
    trigger = connection.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (_INDEXING,)
    ).scalar()
    if trigger is None or "search_terms" not in columns:  # (laid out otherwise, or no terms: row by row)
        _upsert_many(session, table, columns, rows)
        return
    new = {row["id"]: row["search_terms"] for row in rows if row["id"] not in known}  # (the last copy of each)
    connection.exec_driver_sql(f"DROP TRIGGER {_INDEXING}")
    _upsert_many(session, table, columns, rows)
    raw = connection.connection.dbapi_connection
    assert raw is not None  # an open connection holds its DB-API connection
    cursor = raw.cursor()
    try:  # the terms as just stored: the same values, without reading each visitor back by its id
        cursor.executemany("INSERT INTO visitor_search (visitor_id, terms) VALUES (?, ?)", list(new.items()))
    finally:
        cursor.close()
    connection.exec_driver_sql(trigger)


def _differing(session: Session, table: Table, values: list[dict]) -> tuple[list[dict], set[str]]:
    """The rows that differ from the desk's copies, and the ids of those the desk has: a repeated pull, or
    the desk's own change coming back from the server, writes nothing (rewriting a visitor also rewrites
    its search entry).

    Which rows the desk has is asked first with plain SQL (on a first pull it has none, and building
    SQLAlchemy's expanding IN for every page took a tenth of the pull); only those are read and compared.
    """
    connection = session.connection()
    known: set[str] = set()
    ids = [v["id"] for v in values]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        found = connection.exec_driver_sql(
            f"SELECT id FROM {table.name} WHERE id IN ({', '.join('?' * len(chunk))})", tuple(chunk)
        )
        known.update(row_id for (row_id,) in found)
    if not known:
        return values, known
    held = {}
    have = sorted(known)
    for start in range(0, len(have), 500):
        for row in session.execute(select(table).where(table.c.id.in_(have[start : start + 500]))).mappings():
            held[row["id"]] = row
    fresh = [v for v in values if (old := held.get(v["id"])) is None or any(old[k] != x for k, x in v.items())]
    return fresh, known


def _one_by_one(
    session: Session, entity: str, statement, values: list[dict], sent: dict, now: datetime, revision: str
) -> set[str]:
    """Store the rows one at a time, holding aside each that the database refuses; returns their ids."""
    refused = set()
    for row in values:
        try:
            with session.begin_nested():
                session.execute(statement, [row])
            continue
        except IntegrityError:
            reason = "it clashes with a record made on this desk (the same reference or number)"
        except (SQLAlchemyError, ValueError, TypeError) as error:
            reason = f"this desk's database could not hold it ({type(error).__name__})"
        refused.add(row["id"])
        held_rows.hold(session, entity, row["id"], sent.get((entity, row["id"]), {}), reason, now, revision)
    return refused


def retry_held(session: Session, now: datetime, establishment: str | None = None) -> int:
    """Try again the held rows set aside before an upgrade; returns how many are now stored."""
    rows = held_rows.due(session)
    if not rows:
        return 0
    again = []
    for held in rows:
        table = table_for(held.entity)
        version = held.payload.get("version") if isinstance(held.payload, dict) else None
        if table is not None and isinstance(version, int):
            mine = session.scalar(select(table.c.version).where(table.c.id == held.row_id))
            if mine is not None and mine > version:
                continue  # the desk already has a later copy: the held one is out of date
        again.append((held.entity, held.row_id, held.payload))
    held_rows.release(session, [(held.entity, held.row_id) for held in rows])
    session.flush()
    stored = store(session, again, now, establishment)
    log.info("Sync: %s of %s records set aside before an upgrade are now stored", stored, len(rows))
    return stored
