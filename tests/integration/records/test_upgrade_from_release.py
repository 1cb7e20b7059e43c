"""Upgrading a desk: the database a previous release left behind is backed up, migrated and still works.

``tests/data/desk-0.1.0-rev0005.sqlite3.gz`` is a desk database made by release 0.1.0 (see
tests/data/README.md). Each test unpacks a copy and opens it the way the desk app does at start.
"""

from __future__ import annotations

import gzip
import hashlib
import shutil
import sqlite3
from datetime import datetime, time
from pathlib import Path

import pytest

from visitorcentre import cli
from visitorcentre.config import paths
from visitorcentre.core.clock import FixedClock
from visitorcentre.core.errors import UpgradeFailed
from visitorcentre.core.staff import Actor
from visitorcentre.db import engine as db_engine
from visitorcentre.desk import open_desk
from visitorcentre.ui.runtime.desk_app import desk_for

RELEASE_DB = Path(__file__).resolve().parents[2] / "data" / "desk-0.1.0-rev0005.sqlite3.gz"
RELEASE_REVISION = "0005"
#: SQLite's own tables and the search index's internal ones (rebuilt as SQLite sees fit).
NOT_DATA = ("sqlite_", "visitor_search_")


@pytest.fixture
def old_db(tmp_path) -> Path:
    path = tmp_path / "desk.sqlite3"
    path.write_bytes(gzip.decompress(RELEASE_DB.read_bytes()))
    path.chmod(0o600)
    return path


def read(path: Path, sql: str, *args) -> list[tuple]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute(sql, args).fetchall()
    finally:
        connection.close()


def row_counts(path: Path) -> dict[str, int]:
    """Rows per table, every table that holds the desk's data."""
    tables = [
        name
        for (name,) in read(path, "SELECT name FROM sqlite_master WHERE type = 'table'")
        if not name.startswith(NOT_DATA) and name != "alembic_version"
    ]
    return {name: read(path, f'SELECT count(*) FROM "{name}"')[0][0] for name in tables}


def revision(path: Path) -> str:
    return read(path, "SELECT version_num FROM alembic_version")[0][0]


def backups() -> list[Path]:
    """The copies made before a migration (not the desk app's daily backups, which share the folder)."""
    return sorted(p for p in paths.backup_dir().glob("*.sqlite3") if "-daily-" not in p.name)


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def open_like_the_app(path: Path):
    """What `visitorcentre --db PATH` does when its window opens the records."""
    return desk_for(path, demo=False, staff="Ann Test")


def release_day(path: Path) -> datetime:
    """The morning the release database was made (its passes were printed that day)."""
    printed = read(path, "SELECT min(printed_at) FROM visit_pass")[0][0]
    return datetime.combine(datetime.fromisoformat(printed).date(), time(10, 0))


class TestTheReleaseDatabase:
    def test_is_a_small_database_at_the_previous_release_with_rows_in_every_table(self, old_db):
        assert RELEASE_DB.stat().st_size < 500_000
        assert revision(old_db) == RELEASE_REVISION
        counts = row_counts(old_db)
        assert {
            "visitor",
            "visit",
            "visit_pass",
            "cost_application",
            "cost_attachment",
            "advice_given",
            "feedback",
            "feedback_response",
            "ban",
            "child_approval",
            "check_in_event",
            "outbox_op",
            "audit_event",
        } <= set(counts)
        assert [table for table, count in counts.items() if not count] == []


NEXT_RELEASE_MIGRATION = '''"""Stands in for the next release's migration while this branch has none of its own."""
import sqlalchemy as sa
from alembic import op

revision = "9998"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("visitor") as batch:
        batch.add_column(sa.Column("nickname", sa.String(), nullable=False, server_default=""))
    op.create_index("ix_visitor_nickname", "visitor", ["nickname"])


def downgrade():
    with op.batch_alter_table("visitor") as batch:
        batch.drop_index("ix_visitor_nickname")
        batch.drop_column("nickname")
'''


def with_extra_migration(tmp_path: Path, monkeypatch, name: str, text: str) -> None:
    """This release's migrations plus ``text`` as the newest one (loaded from a copy, by path)."""
    migrations = tmp_path / "migrations"
    shutil.copytree(db_engine.MIGRATIONS, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    (migrations / "versions" / name).write_text(text.replace("{head}", db_engine.head_revision()), encoding="utf-8")
    monkeypatch.setattr(db_engine, "MIGRATIONS", migrations)


@pytest.fixture
def this_release(tmp_path, monkeypatch) -> None:
    """The migrations of the code under test, which must take the release database forward.

    Once the code has migrations after the release's (0006 and on) they are what runs; until
    then a stand-in migration that changes a table's shape does, so the upgrade is always real.
    """
    if db_engine.head_revision() == RELEASE_REVISION:
        with_extra_migration(tmp_path, monkeypatch, "9998_next_release.py", NEXT_RELEASE_MIGRATION)
    assert db_engine.head_revision() != RELEASE_REVISION


@pytest.mark.usefixtures("this_release")
class TestUpgradeOnStart:
    def test_backed_up_migrated_to_the_current_head_and_nothing_lost(self, old_db):
        before = row_counts(old_db)
        desk = open_like_the_app(old_db)
        try:
            opened = desk.opened()
            backup = opened.ctx.backup_before_migration
        finally:
            desk.close()
        assert backup is not None and backups() == [backup]
        assert revision(backup) == RELEASE_REVISION  # copied before the migration ran
        assert row_counts(backup) == before
        assert revision(old_db) == db_engine.head_revision()
        assert db_engine.is_up_to_date(old_db)
        after = row_counts(old_db)
        assert {table: after[table] for table in before} == before

    def test_the_desk_still_works_on_the_upgraded_records(self, old_db):
        ((visitor_id, first, last),) = read(
            old_db, "SELECT id, first_name, last_name FROM visitor ORDER BY last_name, first_name LIMIT 1"
        )
        ((visit_id, reference),) = read(
            old_db,
            "SELECT v.id, v.reference FROM visit v JOIN visit_pass p "
            "ON p.visit_id = v.id WHERE p.voided_at IS NOT NULL LIMIT 1",
        )
        ((banned_id, booked_id),) = read(
            old_db,
            "SELECT b.visitor_id, v.id FROM ban b JOIN visit_person p ON "
            "p.visitor_id = b.visitor_id JOIN visit v ON v.id = p.visit_id "
            "WHERE v.status = 'booked' ORDER BY v.reference LIMIT 1",
        )
        day = release_day(old_db)
        open_like_the_app(old_db).opened().close()

        desk = open_desk(old_db, actor=Actor("Morag Duncan", "manager"), clock=FixedClock(day))
        try:
            assert visitor_id in [hit.visitor_id for hit in desk.visits.search(f"{last} {first}")]
            assert desk.visits.visit_for_scan(reference) == visit_id
            detail = desk.visits.visit(visit_id)
            assert detail.reference == reference and detail.party
            booked = desk.visits.visit(booked_id)
            banned = next(person for person in booked.party if person.visitor_id == banned_id)
            assert any(result.stops and "banned" in result.message for result in banned.results)
            status = desk.passes.pass_status(visit_id)
            assert status.times_printed >= 1 and not status.voided  # a new pass after the voided one
            pdf = desk.passes.issue_pass(visit_id, reprint_reason="The pass was damaged")
            assert pdf.startswith(b"%PDF")
            assert desk.passes.pass_status(visit_id).times_printed == status.times_printed + 1
        finally:
            desk.close()

    def test_opening_it_again_makes_no_second_backup(self, old_db):
        first = open_like_the_app(old_db)
        assert first.opened().ctx.backup_before_migration is not None
        first.close()
        again = open_like_the_app(old_db)
        try:
            assert again.opened().ctx.backup_before_migration is None
        finally:
            again.close()
        assert len(backups()) == 1

    def test_the_command_line_upgrades_it_too(self, old_db):
        assert cli.main(["search", "a", "--db", str(old_db), "--json"]) == 0
        assert revision(old_db) == db_engine.head_revision()
        assert len(backups()) == 1


FAILING_MIGRATION = '''"""A migration that breaks half-way (the upgrade tests' own)."""
import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("visitor") as batch:
        batch.add_column(sa.Column("nickname", sa.String(), nullable=False, server_default=""))
    op.execute("UPDATE visitor SET first_name = 'Changed'")
    op.execute("DELETE FROM feedback")
    raise RuntimeError("the disk said no")


def downgrade():
    pass
'''


class TestAFailedUpgrade:
    @pytest.fixture
    def breaking_release(self, tmp_path, monkeypatch) -> None:
        """This release's migrations, plus one that fails after changing things."""
        with_extra_migration(tmp_path, monkeypatch, "9999_breaks.py", FAILING_MIGRATION)

    def test_the_original_is_left_untouched_and_the_message_names_the_backup(self, old_db, breaking_release):
        before, counts = fingerprint(old_db), row_counts(old_db)
        desk = open_like_the_app(old_db)
        with pytest.raises(UpgradeFailed) as failure:
            desk.opened()
        (backup,) = backups()
        assert str(backup) in failure.value.message
        assert "left exactly as they were" in failure.value.message
        assert fingerprint(old_db) == before
        assert revision(old_db) == RELEASE_REVISION and row_counts(old_db) == counts
        assert revision(backup) == RELEASE_REVISION and row_counts(backup) == counts

        with pytest.raises(UpgradeFailed):  # asked again (another click): refused, no second copy
            desk.opened()
        assert backups() == [backup]

    def test_on_the_command_line_it_is_one_line_naming_the_backup(self, old_db, breaking_release, capsys):
        assert cli.main(["search", "a", "--db", str(old_db)]) == 2
        error = capsys.readouterr().err
        (backup,) = backups()
        assert error.count("\n") == 1 and str(backup) in error and "Traceback" not in error
        assert revision(old_db) == RELEASE_REVISION


class TestADatabaseFromANewerRelease:
    def test_is_refused_untouched_and_without_a_backup(self, old_db):
        connection = sqlite3.connect(old_db)
        with connection:
            connection.execute("UPDATE alembic_version SET version_num = '0042'")
        connection.close()
        before = fingerprint(old_db)
        with pytest.raises(UpgradeFailed, match="newer version") as refusal:
            open_like_the_app(old_db).opened()
        assert "0042" in refusal.value.message
        assert fingerprint(old_db) == before
        assert backups() == []
