"""Inserting many plain rows at once, as cheaply as each database allows.

A push inserts a dozen rows an op (its document, feed entry and answer, the typed copy and the
name words), so the per-row cost of the insert matters. On SQLite the rows go to the driver's own
``executemany`` as tuples, each value turned into what SQLAlchemy would store by the column type's
own bind processor: SQLAlchemy's executemany built a parameter dictionary per row, a quarter of the
insert's time. On PostgreSQL they go by ``COPY … FROM STDIN`` on the session's connection (in its
transaction), each value likewise turned by the column type's bind processor: the multi-row VALUES
statements SQLAlchemy made instead were each a new query text of thousands of placeholders, which
psycopg parsed afresh every time, most of a push's time on the server. For the same reason an
upsert on PostgreSQL is one statement taking each column as an array (``unnest``), and a long
``IN`` list is ``= ANY(array)`` (``among``).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, String, Table, any_, bindparam, exc, func, select
from sqlalchemy.dialects import postgresql

from visitorcentre.sync import sqlite_values


def insert_rows(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows`` (each with a value for every one of the same columns of ``table``)."""
    if not rows:
        return
    if connection.dialect.name == "postgresql":  # (the server keeps its data in SQLite or PostgreSQL)
        _copy(connection, table, rows)
        return
    _sqlite(connection, table, rows, "")


def among(connection: Connection, column: Any, values: Sequence[Any]) -> Any:
    """``column IN values``, with the values as one parameter whatever their count: on PostgreSQL
    ``column = ANY(array)`` (an IN list of hundreds of placeholders was a new query text for psycopg
    to parse every time), on SQLite ``column IN (SELECT value FROM json_each(list))`` (SQLAlchemy
    rendered the hundreds of placeholders afresh for every statement, half a push's look-ups)."""
    if connection.dialect.name == "postgresql":
        return column == any_(bindparam(None, list(values), type_=postgresql.ARRAY(column.type)))
    listed = func.json_each(bindparam(None, json.dumps(list(values)), type_=String)).table_valued("value")
    return column.in_(select(listed.c.value))


def upsert_rows(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]], key: str) -> None:
    """Insert ``rows``, or where a row with the same ``key`` (a unique column) is stored, write it over."""
    if not rows:
        return
    dialect = connection.dialect
    if dialect.name == "postgresql":
        _upsert_arrays(connection, table, rows, key)
        return
    quote = dialect.identifier_preparer.quote
    setting = ", ".join(f"{quote(name)} = excluded.{quote(name)}" for name in rows[0] if name != key)
    _sqlite(connection, table, rows, f" ON CONFLICT ({quote(key)}) DO UPDATE SET {setting}")


def _values(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> tuple[list[str], list[tuple]]:
    """The column names of ``rows`` and each row's values as the database driver takes them."""
    dialect = connection.dialect
    names = list(rows[0])
    processors = [sqlite_values.bind_processor(table.c[name].type, dialect) for name in names]
    # Column by column, then zipped into rows: a generator a row, testing each column for a processor, took
    # a sixth of a push's inserts.
    columns = [
        [row[name] for row in rows] if process is None else [process(row[name]) for row in rows]
        for name, process in zip(names, processors, strict=True)
    ]
    return names, list(zip(*columns, strict=True))


def _copy(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    names, values = _values(connection, table, rows)
    quote = connection.dialect.identifier_preparer.quote
    sql = f"COPY {quote(table.name)} ({', '.join(quote(name) for name in names)}) FROM STDIN"
    with _cursor(connection, sql) as cursor, cursor.copy(sql) as copy:  # (psycopg's cursor)
        for value in values:
            copy.write_row(value)


def _upsert_arrays(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]], key: str) -> None:
    """One statement whatever the number of rows: each column's values go as one array parameter
    (``unnest``), so the query text is the same every time (psycopg parses it once) and PostgreSQL
    runs one statement, not one a row."""
    dialect = connection.dialect
    last = {row[key]: row for row in rows}  # a row given twice: the later one stands, as one by one
    names, values = _values(connection, table, list(last.values()))
    quote = dialect.identifier_preparer.quote
    arrays = ", ".join(f"%s::{table.c[name].type.compile(dialect=dialect)}[]" for name in names)
    setting = ", ".join(f"{quote(name)} = excluded.{quote(name)}" for name in names if name != key)
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(name) for name in names)}) "
        f"SELECT * FROM unnest({arrays}) ON CONFLICT ({quote(key)}) DO UPDATE SET {setting}"
    )
    with _cursor(connection, sql) as cursor:
        cursor.execute(sql, [list(column) for column in zip(*values, strict=True)])


@contextlib.contextmanager
def _cursor(connection: Connection, sql: str) -> Iterator[Any]:
    """A cursor of the session's own connection (in its transaction); a failure is raised as SQLAlchemy
    raises a failed statement's (an IntegrityError for a duplicate key, and so on)."""
    dialect = connection.dialect
    cursor = connection.connection.cursor()
    try:
        yield cursor
    except dialect.loaded_dbapi.Error as error:
        raise exc.DBAPIError.instance(sql, None, error, dialect.loaded_dbapi.Error) from error
    finally:
        cursor.close()


def _sqlite(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]], clause: str) -> None:
    dialect = connection.dialect
    names, values = _values(connection, table, rows)
    quote = dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(name) for name in names)}) "
        f"VALUES ({', '.join('?' for _ in names)}){clause}"
    )
    connection.exec_driver_sql(sql, values)
