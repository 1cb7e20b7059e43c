"""Putting rows from the server into the desk's database: typed, upserted, never over an unsent change.

Rows come in the server's sequence order, which is not the order of the desk's foreign keys (a
visit's person may come before a visitor changed later), so these writes run with the foreign
key check off on their connection; everything referenced arrives within the same sync. A row
the desk changed and has not yet had acknowledged is left alone: its push settles it. A row
that cannot be stored (it clashes with a unique value here) becomes a sync issue rather than
stopping the pull.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from datetime import date, datetime, time
from typing import Any
from collections.abc import Callable, Iterator

from sqlalchemy import Boolean, Date, DateTime, Engine, Table, Time, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from visitorcentre.db.models import Base, OutboxOp
from visitorcentre.db.sync_tables import SyncStaleOp
from visitorcentre.sync import desk_records, policy

log = logging.getLogger(__name__)


@contextmanager
def writing_unchecked(engine: Engine) -> Iterator[Session]:
    """A desk write transaction (BEGIN IMMEDIATE) with foreign keys unchecked; commit to keep it."""
    connection = engine.execution_options(write=True).connect()
    raw = connection.connection.dbapi_connection
    assert raw is not None  # an open connection holds its DB-API connection
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        with Session(bind=connection) as session:
            try:
                yield session
            finally:
                session.rollback()
    finally:
        connection.rollback()
        raw.execute("PRAGMA foreign_keys=ON")
        connection.close()


def _converter(column) -> Callable[[Any], Any] | None:
    """How a payload value becomes the column's value; None when it is stored as it comes."""
    kind = column.type
    if isinstance(kind, DateTime):
        return lambda v: v if v is None or isinstance(v, datetime) else datetime.fromisoformat(v)
    if isinstance(kind, Date):
        return lambda v: v if v is None or isinstance(v, date) else date.fromisoformat(v)
    if isinstance(kind, Time):
        return lambda v: v if v is None or isinstance(v, time) else time.fromisoformat(v)
    if isinstance(kind, Boolean):
        return lambda v: v if v is None else bool(v)
    return None


# Per entity: the desk's column names, and the converters of the columns that need one (most are
# text or numbers, taken as they come: calling a converter for every value was a tenth of a pull).
_CONVERTERS: dict[str, tuple[frozenset[str], dict[str, Callable]]] = {}


def table_for(entity: str) -> Table | None:
    if entity not in policy.SYNCED:
        return None
    return Base.metadata.tables.get(entity)


def typed(entity: str, payload: dict) -> dict | None:
    """The payload as the desk's column values (unknown fields dropped), or None for an unknown kind."""
    table = table_for(entity)
    if table is None:
        return None
    known = _CONVERTERS.get(entity)
    if known is None:
        every = {c.name: _converter(c) for c in table.columns}
        known = _CONVERTERS[entity] = (frozenset(every), {k: f for k, f in every.items() if f is not None})
    names, converters = known
    values = {key: value for key, value in payload.items() if key in names}
    for key, convert in converters.items():
        if key in values:
            values[key] = convert(values[key])
    return values


def unsent_rows(session: Session) -> set[tuple[str, str]]:
    """Rows with a change waiting to go up (not counting changes already set aside as stale)."""
    stale = select(SyncStaleOp.op_id)
    return set(session.execute(select(OutboxOp.entity, OutboxOp.row_id).where(OutboxOp.op_id.not_in(stale))).all())


def store(session: Session, rows: list[tuple[str, str, dict]], now: datetime) -> int:
    """Upsert ``(entity, row_id, payload)`` rows from the server; returns how many were stored."""
    waiting = unsent_rows(session)
    groups: dict[tuple[str, frozenset], list[dict]] = {}
    for entity, row_id, payload in rows:
        if (entity, row_id) in waiting:
            continue
        values = typed(entity, payload)
        if not values or values.get("id") != row_id:
            continue
        groups.setdefault((entity, frozenset(values)), []).append(values)
        if entity == "visit_note" and values.get("kind") == "double_check_in" \
                and not desk_records.has_issue(session, "double_check_in", row_id):
            desk_records.raise_issue(session, "double_check_in", "visit", row_id, str(values.get("text", "")), now,
                                     {"visit_id": values.get("visit_id")})
    stored = 0
    for (entity, columns), group in groups.items():
        table = table_for(entity)
        assert table is not None  # typed() kept only rows of known tables
        fresh = _differing(session, table, group)
        stored += len(group) - len(fresh)
        if not fresh:
            continue
        statement = insert(table)
        statement = statement.on_conflict_do_update(
            index_elements=["id"], set_={c: statement.excluded[c] for c in columns if c != "id"})
        try:
            with session.begin_nested():
                session.execute(statement, fresh)
            stored += len(fresh)
        except IntegrityError:
            stored += _one_by_one(session, entity, statement, fresh, now)
    return stored


def _differing(session: Session, table: Table, values: list[dict]) -> list[dict]:
    """The rows that differ from the desk's copies: a repeated pull, or the desk's own change coming
    back from the server, writes nothing (rewriting a visitor also rewrites its search entry)."""
    held = {}
    ids = [v["id"] for v in values]
    for start in range(0, len(ids), 500):
        for row in session.execute(select(table).where(table.c.id.in_(ids[start:start + 500]))).mappings():
            held[row["id"]] = row
    return [v for v in values if (old := held.get(v["id"])) is None or any(old[k] != x for k, x in v.items())]


def _one_by_one(session: Session, entity: str, statement, values: list[dict], now: datetime) -> int:
    stored = 0
    for row in values:
        try:
            with session.begin_nested():
                session.execute(statement, [row])
            stored += 1
        except IntegrityError as error:
            log.warning("Sync: could not store %s %s from the server: %s", entity, row.get("id"), error.orig)
            desk_records.raise_issue(
                session, "rejected", entity, str(row.get("id")),
                f"A record from the central server ({desk_records.label(entity, row)}) could not be stored on this "
                "desk: it clashes with a record made here "
                "(the same reference or number). Tell the central team.", now)
    return stored
