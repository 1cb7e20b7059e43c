"""The quicker SQLite date processors (sync.sqlite_values) give exactly what SQLAlchemy's own give."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import Date, DateTime
from sqlalchemy.dialects import sqlite

from visitorcentre.sync import sqlite_values

DIALECT = sqlite.dialect()


def _outcome(process, value):
    try:
        return process(value)
    except TypeError:
        return TypeError


@pytest.mark.parametrize("column_type", [DateTime(), Date()])
def test_the_same_text_as_sqlalchemy(column_type):
    quick = sqlite_values.bind_processor(column_type, DIALECT)
    own = column_type.dialect_impl(DIALECT).bind_processor(DIALECT)
    assert quick is not own  # the quicker path is taken
    picked = random.Random(19)
    values = [
        None,
        "2026-01-01",
        5,
        date(5, 1, 1),
        date(2026, 11, 22),
        datetime(1, 1, 1),
        datetime(99, 2, 3, 4, 5, 6),
        datetime(9999, 12, 31, 23, 59, 59, 999999),
        datetime(2026, 11, 22, 13, 0, tzinfo=timezone(timedelta(hours=2))),
    ]
    values += [
        datetime(picked.randint(1, 9999), picked.randint(1, 12), picked.randint(1, 28), picked.randint(0, 23))
        + timedelta(seconds=picked.randint(0, 3599), microseconds=picked.choice([0, picked.randint(0, 999_999)]))
        for _ in range(2000)
    ]
    for value in values:
        assert _outcome(quick, value) == _outcome(own, value), value


def test_other_databases_keep_their_own():
    from sqlalchemy.dialects import postgresql

    dialect = postgresql.dialect()
    assert sqlite_values.bind_processor(DateTime(), dialect) == DateTime().dialect_impl(dialect).bind_processor(dialect)
