"""The desk database from empty: migrations, the search index, pragmas, file mode and the backup before migrating."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine

from visitorcentre.config import paths
from visitorcentre.db import engine as db_engine
from visitorcentre.db.models import Base
from visitorcentre.desk import open_desk

SEARCH_TRIGGERS = {"visitor_search_insert", "visitor_search_update", "visitor_search_delete"}


def upgrade(path: Path, revision: str = "head") -> None:
    command.upgrade(db_engine.alembic_config(db_engine.sqlite_url(path)), revision)


def downgrade(path: Path, revision: str = "base") -> None:
    command.downgrade(db_engine.alembic_config(db_engine.sqlite_url(path)), revision)


def schema(path: Path) -> dict[str, set[str]]:
    """Names in the file by kind (table, index, trigger), leaving out SQLite's own."""
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall()
    found: dict[str, set[str]] = {}
    for kind, name in rows:
        found.setdefault(kind, set()).add(name)
    return found


def revision_of(path: Path) -> str | None:
    engine = db_engine.make_engine(path)
    try:
        return db_engine.current_revision(engine)
    finally:
        engine.dispose()


def backups() -> list[Path]:
    return sorted(paths.backup_dir().iterdir())


class TestUpgradeFromEmpty:
    def test_upgrade_head_creates_every_table_and_the_search_index(self, tmp_path):
        db = tmp_path / "empty.sqlite3"
        db.touch()
        upgrade(db)
        found = schema(db)
        assert set(Base.metadata.tables) <= found["table"]
        assert "visitor_search" in found["table"]
        assert SEARCH_TRIGGERS <= found["trigger"]
        assert revision_of(db) == db_engine.head_revision()
        with sqlite3.connect(db) as connection:
            sql = connection.execute("SELECT sql FROM sqlite_master WHERE name = 'visitor_search'").fetchone()[0]
        assert "fts5" in sql and "remove_diacritics" in sql

    def test_every_model_index_exists(self, tmp_path):
        db = tmp_path / "desk.sqlite3"
        upgrade(db)
        wanted = {index.name for table in Base.metadata.tables.values() for index in table.indexes}
        assert wanted <= schema(db)["index"]

    def test_upgrade_downgrade_upgrade(self, tmp_path):
        db = tmp_path / "desk.sqlite3"
        upgrade(db)
        first = schema(db)
        downgrade(db)
        left = schema(db)
        assert left.get("table", set()) == {"alembic_version"}
        assert not left.get("trigger") and not left.get("index")
        assert revision_of(db) is None
        upgrade(db)
        assert schema(db) == first

    def test_search_triggers_keep_the_index_in_step(self, tmp_path):
        db = tmp_path / "desk.sqlite3"
        upgrade(db)
        with sqlite3.connect(db) as c:
            c.execute(
                "INSERT INTO visitor (id, establishment, created_at, updated_at, version, first_name, last_name,"
                " date_of_birth, phone, email, address, postcode, language, support_needs, id_checked,"
                " photo_consent, notes, search_terms) VALUES ('v1', 'BAR', '2026-01-01', '2026-01-01', 1,"
                " 'Ann', 'Boyle', '1980-01-01', '', '', '', '', 'en', '', '', 0, '', 'ann boyle')"
            )
            assert c.execute("SELECT visitor_id FROM visitor_search WHERE visitor_search MATCH 'boy*'").fetchall() == [
                ("v1",)
            ]
            c.execute("UPDATE visitor SET search_terms = 'ann reid' WHERE id = 'v1'")
            assert c.execute("SELECT count(*) FROM visitor_search WHERE visitor_search MATCH 'boy*'").fetchone() == (0,)
            assert c.execute("SELECT count(*) FROM visitor_search WHERE visitor_search MATCH 'reid'").fetchone() == (1,)
            c.execute("DELETE FROM visitor WHERE id = 'v1'")
            assert c.execute("SELECT count(*) FROM visitor_search").fetchone() == (0,)

    def test_the_search_index_made_again_keeps_its_rows_in_their_order(self, tmp_path):
        """0015 makes the index again with more prefixes: the same rows under the same rowids (the
        order search lists them in), and the triggers keep the new index in step as they did the old."""
        db = tmp_path / "desk.sqlite3"
        upgrade(db, "0014")
        insert = (
            "INSERT INTO visitor (id, establishment, created_at, updated_at, version, first_name, last_name,"
            " date_of_birth, phone, email, address, postcode, language, support_needs, id_checked,"
            " photo_consent, notes, search_terms) VALUES (?, 'BAR', '2026-01-01', '2026-01-01', 1,"
            " '', '', '1980-01-01', '', '', '', '', 'en', '', '', 0, '', ?)"
        )
        with sqlite3.connect(db) as c:
            c.executemany(insert, [("v1", "ann boyle"), ("v2", "bob boyd"), ("v3", "cat reid")])
            c.execute("UPDATE visitor SET search_terms = 'ann boyden' WHERE id = 'v1'")  # now after v3 in the index
        index = "SELECT rowid, visitor_id, terms FROM visitor_search ORDER BY rowid"
        found = "SELECT visitor_id FROM visitor_search WHERE visitor_search MATCH ?"
        with sqlite3.connect(db) as c:
            before = c.execute(index).fetchall()
            assert [v for (v,) in c.execute(found, ('"boyd"*',))] == ["v2", "v1"]
        for step in (lambda: upgrade(db), lambda: downgrade(db, "0014"), lambda: upgrade(db)):
            step()
            with sqlite3.connect(db) as c:
                assert c.execute(index).fetchall() == before
                assert [v for (v,) in c.execute(found, ('"boyd"*',))] == ["v2", "v1"]
        with sqlite3.connect(db) as c:
            made = c.execute("SELECT sql FROM sqlite_master WHERE name = 'visitor_search'").fetchone()[0]
            assert "prefix = '1 2 3 4 5 6'" in made
            assert SEARCH_TRIGGERS <= {n for (n,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
            c.execute(insert, ("v4", "dan boyd"))
            c.execute("UPDATE visitor SET search_terms = 'eve boyd' WHERE id = 'v3'")
            c.execute("DELETE FROM visitor WHERE id = 'v2'")
            assert [v for (v,) in c.execute(found, ('"boyd"*',))] == ["v1", "v4", "v3"]
            assert [v for (v,) in c.execute(found, ('"boyde"*',))] == ["v1"]  # five letters: a prefix kept now


class TestModelsMatchMigrations:
    def test_autogenerate_finds_no_differences(self, tmp_path):
        db = tmp_path / "desk.sqlite3"
        upgrade(db)
        engine = create_engine(db_engine.sqlite_url(db))
        try:
            with engine.connect() as connection:
                context = MigrationContext.configure(connection, opts={"compare_type": True})
                differences = compare_metadata(context, Base.metadata)
        finally:
            engine.dispose()

        def fts(diff) -> bool:
            table = diff[1] if diff[0].endswith("_table") else None
            return table is not None and table.name.startswith("visitor_search")

        assert [d for d in differences if not fts(d)] == []


class TestMigrate:
    def test_new_database_is_created_with_no_backup(self, tmp_path):
        db = tmp_path / "new" / "desk.sqlite3"
        assert db_engine.migrate(db) is None
        assert revision_of(db) == db_engine.head_revision()
        assert backups() == []

    def test_up_to_date_database_is_left_alone(self, tmp_path):
        db = tmp_path / "desk.sqlite3"
        db_engine.migrate(db)
        assert db_engine.migrate(db) is None
        assert backups() == []

    def test_database_without_a_revision_is_backed_up_first(self, tmp_path):
        db = tmp_path / "desk.sqlite3"
        with sqlite3.connect(db) as c:
            c.execute("CREATE TABLE old_notes (note TEXT)")
            c.execute("INSERT INTO old_notes VALUES ('Mrs Boyle needs the ramp')")
        c.close()
        backup = db_engine.migrate(db)
        assert backup is not None and backup.parent == paths.backup_dir()
        assert backups() == [backup]
        assert backup.parent.parent == Path(os.environ["VISITORCENTRE_DATA_DIR"])
        assert db_engine.head_revision() in backup.name
        with sqlite3.connect(backup) as c:
            assert c.execute("SELECT note FROM old_notes").fetchall() == [("Mrs Boyle needs the ramp",)]
            assert "visitor" not in {r[0] for r in c.execute("SELECT name FROM sqlite_master")}
        c.close()
        assert revision_of(db) == db_engine.head_revision()
        assert "old_notes" in schema(db)["table"]  # the desk's own data is kept

    def test_database_at_an_empty_revision_is_backed_up_then_upgraded(self, tmp_path):
        db = tmp_path / "desk.sqlite3"
        upgrade(db)
        downgrade(db)  # an alembic_version table with no revision in it
        backup = db_engine.migrate(db)
        assert backup is not None and backup.exists()
        with sqlite3.connect(backup) as c:
            assert {
                r[0]
                for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            } == {"alembic_version"}
        c.close()
        assert set(Base.metadata.tables) <= schema(db)["table"]

    def test_desk_reports_the_backup_it_made(self, tmp_path):
        db = tmp_path / "desk.sqlite3"
        with sqlite3.connect(db) as c:
            c.execute("CREATE TABLE old_notes (note TEXT)")
        c.close()
        desk = open_desk(db)
        try:
            assert desk.ctx.backup_before_migration is not None and desk.ctx.backup_before_migration.exists()
        finally:
            desk.close()
        again = open_desk(db)
        try:
            assert again.ctx.backup_before_migration is None
        finally:
            again.close()

    def test_backup_is_private_too(self, tmp_path):
        db = tmp_path / "desk.sqlite3"
        with sqlite3.connect(db) as c:
            c.execute("CREATE TABLE old_notes (note TEXT)")
        c.close()
        backup = db_engine.migrate(db)
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600


class TestConnection:
    @pytest.fixture
    def connection(self, tmp_path):
        db = tmp_path / "desk.sqlite3"
        db_engine.migrate(db)
        engine = db_engine.make_engine(db)
        with engine.connect() as connection:
            yield connection
        engine.dispose()

    def pragma(self, connection, name):
        return connection.exec_driver_sql(f"PRAGMA {name}").scalar()

    def test_wal(self, connection):
        assert self.pragma(connection, "journal_mode") == "wal"

    def test_foreign_keys_on(self, connection):
        assert self.pragma(connection, "foreign_keys") == 1

    def test_synchronous_full(self, connection):
        assert self.pragma(connection, "synchronous") == 2

    def test_busy_timeout(self, connection):
        assert self.pragma(connection, "busy_timeout") == db_engine.BUSY_TIMEOUT_MS > 0

    def test_foreign_keys_are_enforced(self, connection):
        with pytest.raises(Exception, match="FOREIGN KEY"):
            connection.exec_driver_sql(
                "INSERT INTO visit_person (id, establishment, created_at, updated_at, version, visit_id, visitor_id,"
                " session_date, position, outcome, reason) VALUES ('p', 'BAR', '2026-01-01', '2026-01-01', 1, 'nope',"
                " 'nope', '2026-01-01', 0, 'expected', '')"
            )

    def test_desk_database_file_is_private(self, tmp_path, world):
        assert stat.S_IMODE(world.desk.ctx.db_path.stat().st_mode) == 0o600

    def test_write_ahead_log_is_as_private_as_the_database(self, world):
        world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum])  # the log now holds a family
        side_files = [world.desk.ctx.db_path.with_name(world.desk.ctx.db_path.name + s) for s in ("-wal", "-shm")]
        assert any(f.exists() for f in side_files)
        for side_file in side_files:
            if side_file.exists():
                assert stat.S_IMODE(side_file.stat().st_mode) == 0o600, side_file.name

    def test_new_file_is_private_whatever_the_umask(self, tmp_path):
        old = os.umask(0o000)
        try:
            db = tmp_path / "wide-open" / "desk.sqlite3"
            db_engine.migrate(db)
        finally:
            os.umask(old)
        assert stat.S_IMODE(db.stat().st_mode) == 0o600
