"""The desk's own sqlite3 connection for what is asked on every keystroke (search), the Today board, and more.

A search asks SQLite a handful of small questions. Opening a SQLAlchemy session for each keystroke
(a pooled connection checked out, a transaction begun and rolled back, events fired) cost several
times what SQLite takes to answer them, so the desk keeps one plain read-only connection for them.
Its statements never change their text, so the sqlite3 module prepares each once and keeps it.

Today's expected visitors, the establishments' names and each visitor already found (with their
nearest visit: typing a name letter by letter finds mostly the same people again) are kept until
the records change or the day does: ``PRAGMA data_version`` says when another connection (this
desk's writes, a sync, another desk on the same file) has committed anything since, at the cost of
no read at all.
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import date
from pathlib import Path

from visitorcentre.core.views import SessionSummary, VisitBrief, VisitorHit
from visitorcentre.db import engine
from visitorcentre.db.direct import search as direct_search
from visitorcentre.db.direct import sessions as direct_sessions

#: Page cache of this connection, in KiB (SQLite's own default): a keystroke reads pages all over the
#: index and the visits, few of them twice; a bigger cache only added to the desk's resident memory.
CACHE_KIB = 2_000
#: How many visitors found are kept at most (then the kept ones are dropped and kept afresh).
KEPT_HITS = 2_000


class DeskReader:
    """One read-only sqlite3 connection to the desk's records, opened when first asked, safe across threads."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._version: int | None = None
        self._today_key: tuple | None = None
        self._expected: list[tuple[str, str]] = []
        self._places: dict[str, str] = {}
        self._hits_key: date | None = None
        self._hits: dict[str, VisitorHit] = {}

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            db = sqlite3.connect(
                self.path,
                timeout=engine.BUSY_TIMEOUT_MS / 1000,
                check_same_thread=False,  # the lock keeps it to one thread at a time
                isolation_level=None,  # transactions are begun here, explicitly
            )
            db.execute("PRAGMA query_only=ON")
            db.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
            self._db = db
        return self._db

    def open(self) -> None:
        """Open the connection now (with the records), rather than on the first keystroke."""
        with self._lock:
            self._connection()

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
                self._version = self._today_key = None

    def _begin(self) -> sqlite3.Connection:
        """A read transaction (one snapshot for the whole question); what was kept is dropped if the records changed."""
        db = self._connection()
        db.execute("BEGIN")
        (version,) = db.execute("PRAGMA data_version").fetchone()
        if version != self._version:
            self._version = version
            self._today_key = self._hits_key = None
            self._places = direct_search.establishment_names(db)
        return db

    def search(self, text: str, today: date, establishment: str, limit: int = 20) -> list[VisitorHit]:
        """``db.direct.search.search`` on this connection, with today's expected visitors kept between keystrokes."""
        with self._lock:
            db = self._begin()
            try:
                self._expect(db, today, establishment)
                if self._hits_key != today or len(self._hits) > KEPT_HITS:
                    self._hits = {}
                    self._hits_key = today
                return direct_search.search(
                    db, text, today, establishment, limit, self._expected, self._places, self._hits
                )
            finally:
                db.execute("COMMIT")

    def _expect(self, db: sqlite3.Connection, today: date, establishment: str) -> None:
        if self._today_key != (today, establishment):
            self._expected = direct_search.visitors_today(db, today, establishment)
            self._today_key = (today, establishment)

    def ready_to_search(self, today: date, establishment: str) -> None:
        """Read now what the first keystroke would (the establishments' names, today's expected visitors),
        as the desk opens its records, so the first letter typed is answered as fast as the next."""
        with self._lock:
            db = self._begin()
            try:
                self._expect(db, today, establishment)
            finally:
                db.execute("COMMIT")

    def nearest_visits(self, visitor_id: str, today: date) -> tuple[VisitBrief, ...]:
        """``db.direct.search.nearest_visits`` on this connection."""
        with self._lock:
            db = self._begin()
            try:
                return direct_search.nearest_visits(db, visitor_id, today, self._places)
            finally:
                db.execute("COMMIT")

    def sessions_on(self, day: date, establishment: str) -> list[SessionSummary]:
        """``db.direct.sessions.sessions_on`` on this connection: the Today board."""
        with self._lock:
            db = self._begin()
            try:
                return direct_sessions.sessions_on(db, day, establishment)
            finally:
                db.execute("COMMIT")

    def chosen_establishment(self) -> str:
        """The establishment this desk serves: the one chosen, else the first by code ("" with none at all)."""
        from visitorcentre.db.direct import chosen_establishment

        with self._lock:
            db = self._begin()
            try:
                return chosen_establishment(db)
            finally:
                db.execute("COMMIT")
