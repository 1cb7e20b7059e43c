"""Opening the desk app: the window first, the database behind it on the background worker."""

from __future__ import annotations

import os
from pathlib import Path

from visitorcentre.config import paths
from visitorcentre.core.clock import Clock
from visitorcentre.core.staff import NOBODY
from visitorcentre.desk.context import DeskContext
from visitorcentre.desk.on_demand import DeskOnDemand

DEMO_VISITORS = 2000
DEMO_DAYS = 14


def desk_for(db: Path | None, demo: bool, staff: str | None, language: str | None = None) -> DeskOnDemand:
    """The desk the app will open: ``db``, the demo database (made if needed), or the desk's own."""
    path = Path(db) if db else (paths.demo_db_path() if demo else paths.default_db_path())
    # Nobody is signed in until the sign-in screen (ui/desk_lock.py); --staff only fills in the name there.
    name_hint = staff or os.environ.get("VISITORCENTRE_STAFF", "")

    def open_it(ctx: DeskContext):
        from visitorcentre.desk import Desk

        if demo:
            from visitorcentre.db.engine import migrate
            from visitorcentre.demo import generate

            migrate(path)
            generate.build(path, DEMO_VISITORS, DEMO_DAYS, seed=1, now=ctx.clock.now())
        from visitorcentre.db.backups import refuse_unreadable

        refuse_unreadable(path)  # a damaged file: one plain message; the records check offers the backup
        return Desk(ctx.open())

    # Search and the Today board read through the plain reader before SQLAlchemy has loaded (not
    # in the demo, whose records are made as it opens).
    desk = DeskOnDemand(DeskContext(path, NOBODY, Clock()), open_it, read_first=not demo)
    desk.staff_name_hint = name_hint
    desk.language_given = bool(language)  # --language: this run's language, whatever the desk's setting says
    # No database file yet (and not the demo, which makes its own): the first-run screen sets one up.
    desk.set_up_first = not demo and not path.exists()
    return desk


def run(db: Path | None, demo: bool, staff: str | None, language: str | None = None) -> int:
    """Open the desk app and run it until its window closes."""
    from visitorcentre.ui.runtime.app import run as run_window

    return run_window(desk_for(db, demo, staff, language))
