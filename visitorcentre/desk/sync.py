"""``desk.sync``: the desk's link with the central server (visitorcentre.sync, services.sync).

A sync waits on the network, so the desk app runs ``now()`` on a thread of its own. That thread
shares nothing that changes with the desk's worker: each sync opens its own engine on the
database file and closes it afterwards, and writes nothing on the desk's context. What a pull
changes reaches the desk through the database itself: search's list of today's visitors is
keyed on the pull cursor, and an establishment first learnt from a pull is read when needed.
"""

from __future__ import annotations

from collections.abc import Callable

from visitorcentre.config import settings
from visitorcentre.core.sync_views import SyncResult
from visitorcentre.desk.area import Area, action, query
from visitorcentre.services.sync import issues as staff_actions
from visitorcentre.sync import desk_records


class Sync(Area):
    """Sync with the central server, as this desk sees it."""

    #: The network between this desk and the server: None for the real one; tests put an
    #: in-process server or a faulty network here (any httpx.BaseTransport).
    transport = None

    state = query(desk_records.state)
    issues = query(desk_records.issues)
    dismiss_issue = action(staff_actions.dismiss_issue)
    interval_minutes = query(settings.sync_interval_minutes)
    visit_notes = query(staff_actions.visit_notes)

    def now(self, progress: Callable[[int, int], None] | None = None) -> SyncResult:
        """One sync with the central server (blocking; call it off the GUI thread and off the desk's worker).

        ``progress(done, total)`` is called as pulled rows are saved. Raises SyncUnavailable (after
        recording it in the sync state) when the server cannot be reached or refuses this desk.
        """
        from visitorcentre.db.engine import make_engine
        from visitorcentre.sync.run import DeskSync

        ctx = self.ctx
        engine = make_engine(ctx.db_path)  # the sync thread's own: no connection is shared with the worker
        try:
            return DeskSync(engine, ctx.db_path, ctx.clock.utcnow, self.transport).run(progress)
        finally:
            engine.dispose()
