"""What every area of the desk shares: its records, the clock, who is signed in, the establishment.

A ``DeskContext`` is made before anything is opened (the window shows at once with the clock and
"nobody signed in"); ``open()`` migrates the database and makes the engine, on whichever thread
first needs the records. The signed-in staff member is held here and nowhere else: signing in
and out changes ``actor``, and every unit of work after it names them in the audit log.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from visitorcentre.core.clock import Clock
from visitorcentre.core.staff import Actor

if TYPE_CHECKING:  # the database layer loads only when the records open
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from visitorcentre.db.direct.desk_reader import DeskReader
    from visitorcentre.services.unit_of_work import UnitOfWork


class DeskContext:
    """One desk database, the staff member at the desk, the clock and the establishment it serves."""

    def __init__(
        self,
        db_path: Path | str,
        actor: Actor | None = None,
        clock: Clock | None = None,
        establishment: str | None = None,
    ):
        self.db_path = Path(db_path)
        #: Who the desk acts for (core.staff.NOBODY while nobody is signed in).
        self.actor = actor or Actor("Desk")
        self.clock = clock or Clock()
        self._establishment = establishment or ""
        self.engine: Engine | None = None
        self.read_sessions: sessionmaker[Session] | None = None
        self.write_sessions: sessionmaker[Session] | None = None
        #: The backup taken before the database was upgraded on opening (None when none was needed).
        self.backup_before_migration: Path | None = None
        #: How many units of work this desk has begun: what was read before one may be out of date.
        self.writes = 0
        self._reader: DeskReader | None = None
        #: Whether the plain reader may answer (the records are up to date), before the engine is made.
        self.reads_open = False
        self._reader_made = threading.Lock()  # the reader is made once, whichever lane asks first

    def open_reads(self) -> bool:
        """Open just the plain sqlite3 reader (search, the Today board), without SQLAlchemy; False if it cannot.

        It cannot when the records need upgrading first (or are not there yet): then ``open()``
        must run, migrating them. Reading the migration state is one sqlite3 query.
        """
        if self.reads_open:
            return True
        from visitorcentre.db import backups
        from visitorcentre.db import engine as db_engine

        if not db_engine.is_up_to_date(self.db_path):
            return False
        backups.refuse_unreadable(self.db_path)
        self.reads_open = True
        self._open_reader()
        return True

    def open(self, migrate: bool = True) -> DeskContext:
        """Upgrade the database if needed (backing it up first) and make its engine and sessions."""
        from sqlalchemy.orm import sessionmaker

        from visitorcentre.db import engine as db_engine

        self.backup_before_migration = db_engine.migrate(self.db_path) if migrate else None
        self.engine = db_engine.make_engine(self.db_path)
        self.read_sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.write_sessions = sessionmaker(self.engine.execution_options(write=True), expire_on_commit=False)
        self.reads_open = True
        self._open_reader()
        return self

    def _open_reader(self) -> None:
        """Search is live once the records are: its connection open and what it keeps read, for the first key."""
        self.reader.open()
        self.reader.ready_to_search(self.clock.today(), self.establishment)

    @property
    def is_open(self) -> bool:
        return self.engine is not None

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
        if self.engine is not None:
            self.engine.dispose()

    @property
    def reader(self) -> DeskReader:
        """The plain sqlite3 connection for what is asked on every keystroke (search), kept open."""
        assert self.reads_open, "the desk's records are not open"
        with self._reader_made:
            if self._reader is None:
                from visitorcentre.db.direct.desk_reader import DeskReader

                self._reader = DeskReader(self.db_path)
        return self._reader

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only session (rolled back afterwards)."""
        assert self.read_sessions is not None, "the desk's records are not open"
        session = self.read_sessions()
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    def unit_of_work(self) -> UnitOfWork:
        """One write transaction for a service, acting for the signed-in staff member."""
        from visitorcentre.services.unit_of_work import UnitOfWork

        assert self.write_sessions is not None, "the desk's records are not open"
        self.writes += 1
        return UnitOfWork(self.write_sessions, self.actor, self.clock, self.establishment)

    @property
    def establishment(self) -> str:
        """The code of the establishment this desk serves ("" until the records say, e.g. before a first pull)."""
        if not self._establishment and self.reads_open:
            self._establishment = self._chosen_establishment()
        return self._establishment

    @establishment.setter
    def establishment(self, code: str) -> None:
        self._establishment = code

    def _chosen_establishment(self) -> str:
        return self.reader.chosen_establishment()

    def __repr__(self) -> str:
        state: Any = "open" if self.is_open else "not open"
        return f"<DeskContext {self.db_path.name} {state} for {self.actor.name}>"
