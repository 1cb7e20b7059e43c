"""Opening the server's database (SQLite file by default, PostgreSQL in production) and migrating it.

``sqlite:///path`` gets the desk's habits: WAL, foreign keys, ``synchronous=FULL``, a busy
timeout and ``BEGIN IMMEDIATE`` for writes. ``postgresql+psycopg://…`` is used as given (a
``?options=-csearch_path%3Dname`` in the URL puts the tables in a schema of their own). SQL
parameters (a family's details) are never put in log lines or error messages (``hide_parameters``).

On SQLite the WAL is copied back into the database file every ``PAGES_BEFORE_CHECKPOINT`` pages
rather than SQLite's 1,000: a push of 1,000 new visitors writes some 3,700 pages (15 MB), so every
push paid for a checkpoint (writing the same index pages into the file again, and waiting for the
disk a second time) before it could answer. Each commit still waits for its WAL to reach the disk
(``synchronous=FULL``); only when the copying happens changes. Each connection keeps up to
``CACHE_KIB`` of pages rather than SQLite's 2 MB: a push of 1,000 visitors touches some 15 MB of
index pages, and with 2 MB it read many of them again from the file while it wrote them (about 6%
of a push's processor time).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from visitorcentre.config import paths
from visitorcentre.core.errors import InvalidInput

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
PAGES_BEFORE_CHECKPOINT = 10_000  # 40 MB of WAL with 4 KB pages (SQLite's own: 1,000)
CACHE_KIB = 16_000  # each connection's page cache (SQLite's own: 2 MB), as the desk's (db.engine.CACHE_KIB)


def default_url() -> str:
    return f"sqlite:///{paths.data_dir() / 'server.sqlite3'}"


def check_url(url: str) -> str:
    """The URL if the server can use it; InvalidInput (field "database_url") otherwise."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise InvalidInput(
            f"“{url}” is not a database URL; use sqlite:///FILE or postgresql+psycopg://…", "database_url"
        ) from None
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise InvalidInput(
            f"The server keeps its data in SQLite or PostgreSQL, not {parsed.get_backend_name()}.", "database_url"
        )
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        path = Path(parsed.database)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():  # every family's records: readable by the server's own account only
            path.touch(mode=0o600)
            os.chmod(path, 0o600)
    return url


def make_engine(url: str) -> Engine:
    url = check_url(url)
    # SQLAlchemy's own logger would print result rows at DEBUG (hide_parameters does not cover
    # them): it says nothing below a warning, whatever level the rest of the log is at.
    logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
    if make_url(url).get_backend_name() != "sqlite":
        engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10, hide_parameters=True)
        # A bulk INSERT (a push's documents, feed entries, answers, name words) goes as multi-row
        # VALUES statements of up to 1,000 rows, as it does with RETURNING, instead of psycopg's
        # one statement a row (pipelined, but still a statement each for PostgreSQL to run).
        engine.dialect.use_insertmanyvalues_wo_returning = True
        return engine
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False}, hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute(f"PRAGMA wal_autocheckpoint={PAGES_BEFORE_CHECKPOINT}")
        cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if connection.get_execution_options().get("write") else "BEGIN")

    return engine


def migrate(engine: Engine) -> None:
    """Bring the server's database up to date (its own Alembic history, not the desk's)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # (the connection is handed over below; the URL is only for show, with ConfigParser's % escaped)
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=True).replace("%", "%%"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
