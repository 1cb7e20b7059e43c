"""The Desk, opened the first time it is needed, so the desk window can show at once.

Opening the database (loading SQLAlchemy, checking the migration, building a demo) takes a
good half second or more; the window does not wait for it. The first piece of background work
opens it on the background worker, and everything after it queues behind. What the window needs
straight away — who is at the desk, the clock — is known without opening anything.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from visitorcentre.core.clock import Clock
from visitorcentre.core.errors import UpgradeFailed
from visitorcentre.core.staff import Actor

if TYPE_CHECKING:
    from visitorcentre.bootstrap import Desk


class DeskOnDemand:
    """Stands in for a Desk and opens it on first use (from whichever thread asks first)."""

    def __init__(self, opener: Callable[[], Desk], actor: Actor, clock: Clock | None = None,
                 db_path: Path | None = None):
        self._opener = opener
        self.db_path = db_path  # known before opening: the start-up check looks at the file itself
        self._desk: Desk | None = None
        self._lock = threading.Lock()
        self._refused: UpgradeFailed | None = None
        self.actor = actor
        self.clock = clock or Clock()

    def opened(self) -> Desk:
        """The Desk, opening it now if nobody has yet."""
        with self._lock:
            if self._refused is not None:
                raise self._refused
            if self._desk is None:
                try:
                    self._desk = self._opener()
                except UpgradeFailed as error:
                    # Records that cannot be upgraded stay refused: trying again on every click
                    # would only make another backup copy each time.
                    self._refused = error
                    raise
            return self._desk

    @property
    def is_open(self) -> bool:
        return self._desk is not None

    @property
    def establishment(self) -> str:
        """The establishment's code once open (the status bar fills in the name when it is)."""
        return self._desk.establishment if self._desk is not None else ""

    def close(self) -> None:
        if self._desk is not None:
            self._desk.close()

    def __getattr__(self, name: str) -> Any:
        """The Desk's attribute once open; before that, its method, opening the Desk when called.

        So ``tasks.run(desk.today)`` on the GUI thread does not open the database there: the
        call does, on the worker. (The data attributes the window needs before then are above.)
        """
        if name.startswith("_"):
            raise AttributeError(name)
        if self._desk is not None:
            return getattr(self._desk, name)

        def call_when_open(*args: Any, **kwargs: Any) -> Any:
            return getattr(self.opened(), name)(*args, **kwargs)

        call_when_open.__name__ = name
        return call_when_open
