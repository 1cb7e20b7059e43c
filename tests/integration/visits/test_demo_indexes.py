"""The demo build drops indexes for speed and builds them again: the result matches a migrated database."""

from __future__ import annotations

import sqlite3

from visitorcentre import cli
from visitorcentre.db.engine import migrate


def _indexes(path) -> set[tuple[str, str]]:
    with sqlite3.connect(path) as connection:
        return set(
            connection.execute("SELECT name, coalesce(sql, '') FROM sqlite_master WHERE type = 'index'").fetchall()
        )


def test_demo_database_has_every_index_the_migrations_make(tmp_path):
    plain, demo = tmp_path / "plain.sqlite3", tmp_path / "demo.sqlite3"
    migrate(plain)
    assert cli.main(["demo", "--db", str(demo), "--visitors", "120", "--days", "5"]) == 0
    assert _indexes(demo) == _indexes(plain)
