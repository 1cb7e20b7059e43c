"""Opening the desk's SQLite database: pragmas, write locking, migrations and the backup before them.

SQLite runs in WAL mode with foreign keys on, ``synchronous=FULL`` (a power cut loses nothing
that was acknowledged) and a busy timeout so two desks on one file wait rather than fail.
Write transactions start with ``BEGIN IMMEDIATE`` so that a read-then-write (such as counting a
session's places before booking) cannot be overtaken by another writer.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from visitorcentre.config import paths
from visitorcentre.core.errors import UpgradeFailed
from visitorcentre.core.words import said

if TYPE_CHECKING:  # SQLAlchemy loads when an engine is made: the verbs that read one record never need it
    from alembic.config import Config
    from sqlalchemy import Engine

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 15_000
CACHE_KIB = 16_000
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def sqlite_url(path: Path | str) -> str:
    return f"sqlite:///{Path(path)}"


def make_engine(path: Path | str) -> Engine:
    """An engine on the desk database at ``path`` with the desk's pragmas and locking."""
    from sqlalchemy import create_engine, event

    engine = create_engine(
        sqlite_url(path),
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        hide_parameters=True,
    )  # family details never reach a log or an error message

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        # 16 MB of page cache per connection (SQLite's default is 2 MB): the board and the visit
        # panel read the same day's sessions and visits again and again. (Search has a connection
        # of its own: db/direct/desk_reader.py.)
        cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        if connection.get_execution_options().get("write"):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")

    return engine


def alembic_config(url: str) -> Config:
    from alembic.config import Config  # Alembic loads only when a migration may be needed

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url)
    return config


def head_revision() -> str:
    """The newest migration this release knows (as Alembic works it out)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    if head is None:
        raise RuntimeError("This release has no database migrations.")
    return head


def newest_revision_file() -> str:
    """The newest migration by file name (``NNNN_*.py``, numbered in order): the cheap way to know the head.

    Checking a desk's database at start-up must not wait for Alembic to load; a test holds this
    equal to ``head_revision()``.
    """
    return max(p.name.split("_", 1)[0] for p in (MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def is_up_to_date(path: Path) -> bool:
    """Whether the database at ``path`` exists and is at the newest revision (read straight from SQLite)."""
    if not path.is_file() or path.stat().st_size == 0:
        return False
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return False
    finally:
        connection.close()
    return row is not None and row[0] == newest_revision_file()


def backup_file(path: Path, reason: str) -> Path:
    """A checked, private copy of the database in the backup folder, named for ``reason`` (see db/backups.py)."""
    from visitorcentre.db import backups

    return backups.named_backup(path, paths.backup_dir(), reason, datetime.now(), stamp=backups.UNIQUE_STAMP)


def migrate(path: Path | str) -> Path | None:
    """Bring the database at ``path`` up to date, creating it if needed.

    An existing database that needs a migration is copied to the backup folder first; the
    copy's path is returned (None when nothing was migrated or the file is new). The migration
    runs in one transaction: if it fails, the database is left exactly as it was and
    ``UpgradeFailed`` names the copy. A database made by a newer release is refused untouched.
    """
    path = Path(path)
    if is_up_to_date(path):
        return None
    from alembic import command

    is_new = not path.exists() or path.stat().st_size == 0
    if is_new:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Family data: readable by the desk's own account only.
        path.touch(mode=0o600)
        os.chmod(path, 0o600)
    engine = make_engine(path)
    try:
        current = current_revision(engine)
        head = head_revision()
        if current == head:
            return None
        _refuse_a_newer_release(path, current)
        backup = None if is_new else backup_file(path, f"before-{head}")
        if backup:
            log.info("Backed up %s to %s before migrating from %s to %s", path, backup, current, head)
        try:
            with engine.begin() as connection:
                config = alembic_config(sqlite_url(path))
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
        except Exception as error:
            if backup is None:
                raise
            log.exception("Migrating %s from %s to %s failed; it was rolled back", path, current, head)
            raise UpgradeFailed(
                said(
                    "The desk's records in {path} could not be brought up to date for this version of "
                    "Visitor Centre, so they have been left exactly as they were. A copy was saved first at "
                    "{backup}. Please tell whoever looks after this computer; the details are in the log.",
                    path=path,
                    backup=backup,
                ),
                "db",
            ) from error
        return backup
    finally:
        engine.dispose()


def _refuse_a_newer_release(path: Path, current: str | None) -> None:
    """A database at a revision this release does not know was made by a newer release: touch nothing."""
    if current is None:
        return
    from alembic.script import ScriptDirectory

    known = {script.revision for script in ScriptDirectory.from_config(alembic_config("sqlite://")).walk_revisions()}
    if current not in known:
        raise UpgradeFailed(
            said(
                "The desk's records in {path} were made by a newer version of Visitor Centre "
                "(database revision {revision}), so this version cannot open them; they have not been "
                "changed. Install that newer version again.",
                path=path,
                revision=current,
            ),
            "db",
        )
