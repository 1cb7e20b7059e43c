"""Inserting many plain rows at once, as cheaply as each database allows.

A push inserts a dozen rows an op (its document, feed entry and answer, the typed copy and the
name words), so the per-row cost of the insert matters. On SQLite the rows go to the driver's own
``executemany`` as tuples, each value turned into what SQLAlchemy would store by the column type's
own bind processor: SQLAlchemy's executemany built a parameter dictionary per row, a quarter of the
insert's time. On PostgreSQL SQLAlchemy sends them as multi-row VALUES statements
(``database.make_engine`` turns that on), far fewer statements than one a row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert
from sqlalchemy.dialects import postgresql


def insert_rows(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows`` (each with a value for every one of the same columns of ``table``)."""
    if not rows:
        return
    if connection.dialect.name != "sqlite":
        connection.execute(insert(table), list(rows))
        return
    _sqlite(connection, table, rows, "")


def upsert_rows(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]], key: str) -> None:
    """Insert ``rows``, or where a row with the same ``key`` (a unique column) is stored, write it over."""
    if not rows:
        return
    dialect = connection.dialect
    if dialect.name != "sqlite":
        statement = postgresql.insert(table)
        changing = {c.name: statement.excluded[c.name] for c in table.columns if c.name != key}
        # One statement for every row: the same compiled statement each time (a VALUES list of the
        # rows was compiled afresh for every write, most of a push's time).
        connection.execute(statement.on_conflict_do_update(index_elements=[key], set_=changing), list(rows))
        return
    quote = dialect.identifier_preparer.quote
    setting = ", ".join(f"{quote(name)} = excluded.{quote(name)}" for name in rows[0] if name != key)
    _sqlite(connection, table, rows, f" ON CONFLICT ({quote(key)}) DO UPDATE SET {setting}")


def _sqlite(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]], clause: str) -> None:
    dialect = connection.dialect
    names = list(rows[0])
    columns = [table.c[name] for name in names]
    processors = [column.type.dialect_impl(dialect).bind_processor(dialect) for column in columns]
    quote = dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(c.name) for c in columns)}) "
        f"VALUES ({', '.join('?' for _ in columns)}){clause}"
    )
    if not any(processors):
        values = [tuple(row[name] for name in names) for row in rows]
    else:
        pairs = list(zip(names, processors, strict=True))
        values = [
            tuple(row[name] if process is None else process(row[name]) for name, process in pairs) for row in rows
        ]
    connection.exec_driver_sql(sql, values)
