"""Reading one record of a desk database straight through sqlite3, with no SQLAlchemy loaded.

The command-line verbs that touch one record (``search``, ``visit``, ``verify``) run as a whole
process each time; loading SQLAlchemy and the models would take most of their time, so they ask
here instead. Each answer is the desk's own: search is the same code (``direct.search``), the
door's words are the same code (``services/passes/door_words.py``, on what ``direct.door``
reads), and the visit panel's
contents are read here and held equal to ``db.queries.visit_detail`` by a test on every visit
of a demo database. A database that needs upgrading is not read here: ``open_reading`` says
None and the verb opens the Desk (which upgrades it, backing it up first) as before.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from pathlib import Path

from visitorcentre.core.clock import Clock
from visitorcentre.core.views import VisitBrief, VisitDetail, VisitorHit
from visitorcentre.db import engine

#: config.settings.DESK_ESTABLISHMENT's key (a test holds them equal; that module loads the models).
DESK_ESTABLISHMENT_KEY = "desk.establishment"


def day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def moment(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


class Reading:
    """Read-only questions about one desk database, answered as the Desk answers them."""

    def __init__(self, db: sqlite3.Connection, clock: Clock | None = None):
        self.db = db
        self.clock = clock or Clock()
        self._establishment: str | None = None

    def close(self) -> None:
        self.db.close()

    @property
    def establishment(self) -> str:
        """The establishment this desk serves: the one chosen, else the first by code ("" with none at all)."""
        if self._establishment is None:
            self._establishment = chosen_establishment(self.db)
        return self._establishment

    def establishments(self) -> list[tuple[str, str]]:
        """Every establishment in the desk's records as (code, name), by name."""
        return self.db.execute("SELECT code, name FROM establishment ORDER BY name").fetchall()

    def search(self, text: str, limit: int = 20) -> list[VisitorHit]:
        from visitorcentre.db.direct import search

        return search.search(self.db, text, self.clock.today(), self.establishment, limit)

    def nearest_visits(self, visitor_id: str) -> tuple[VisitBrief, ...]:
        from visitorcentre.db.direct import search

        return search.nearest_visits(self.db, visitor_id, self.clock.today())

    def visit_for_scan(self, text: str) -> str | None:
        from visitorcentre.db.direct import visit

        return visit.visit_id_for_reference(self.db, text)

    def visit(self, visit_id: str) -> VisitDetail | None:
        from visitorcentre.db.direct import visit

        return visit.visit_detail(self.db, visit_id, self.clock.now())


def chosen_establishment(db: sqlite3.Connection) -> str:
    """The establishment a desk serves: the one chosen, else the first by code ("" with none at all).

    The same answer as ``services.desk_settings.chosen_establishment``, without SQLAlchemy.
    """
    row = db.execute("SELECT value FROM setting WHERE key = ?", (DESK_ESTABLISHMENT_KEY,)).fetchone()
    chosen = json.loads(row[0]) if row is not None else ""
    if not chosen:
        first = db.execute("SELECT code FROM establishment ORDER BY code LIMIT 1").fetchone()
        chosen = first[0] if first else ""
    return chosen or ""


def open_reading(path: Path | str, clock: Clock | None = None) -> Reading | None:
    """A Reading of the up-to-date desk database at ``path``; None when it needs upgrading (or is not there)."""
    path = Path(path)
    if not engine.is_up_to_date(path):
        return None
    db = sqlite3.connect(path, timeout=engine.BUSY_TIMEOUT_MS / 1000)
    db.execute("PRAGMA query_only=ON")  # reading only, whatever a question asks
    return Reading(db, clock)
