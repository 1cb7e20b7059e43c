"""Turning many values into what SQLite stores, as SQLAlchemy's column types would, only faster.

A bulk insert (a pulled page at the desk, a push at the server) hands each value to its column
type's bind processor. SQLAlchemy's SQLite ``DateTime`` and ``Date`` processors build a dictionary
and a ``%`` format for every value: a first pull of 100,000 rows spent a twentieth of its time
there. ``bind_processor`` gives the same text by ``isoformat`` for a plain date or naive date and
time (SQLAlchemy's default storage format is exactly ISO with a space and microseconds), and
leaves anything else (another storage format, a time zone, a date given for a date and time) to
SQLAlchemy's own processor.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Dialect
from sqlalchemy.dialects.sqlite import DATE, DATETIME
from sqlalchemy.types import TypeEngine

Processor = Callable[[Any], Any]


def bind_processor(column_type: TypeEngine, dialect: Dialect) -> Processor | None:
    """The column type's bind processor on ``dialect``, with a quicker path for SQLite dates."""
    implementation = column_type.dialect_impl(dialect)
    original = implementation.bind_processor(dialect)
    if original is None or dialect.name != "sqlite":
        return original
    if not type(implementation).__module__.startswith("sqlalchemy.dialects.sqlite"):
        return original  # (a type of our own may store its values otherwise)
    storage = getattr(implementation, "_storage_format", None)
    if isinstance(implementation, DATETIME) and storage == DATETIME._storage_format:
        return _datetime_text(original)
    if isinstance(implementation, DATE) and storage == DATE._storage_format:
        return _date_text(original)
    return original


def _datetime_text(original: Processor) -> Processor:
    def process(value):
        if type(value) is datetime and value.tzinfo is None:
            return value.isoformat(" ", "microseconds")
        return original(value)

    return process


def _date_text(original: Processor) -> Processor:
    def process(value):
        if type(value) is date:
            return value.isoformat()
        return original(value)

    return process
