"""The Desk, opened the first time it is needed, so the desk window can show at once.

Opening the database (loading SQLAlchemy, checking the migration, building a demo) takes a
good half second or more; the window does not wait for it. The first piece of background work
opens it on the background worker, and everything after it queues behind. What the window needs
straight away — who is at the desk, the clock — is in the context, known without opening anything.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from visitorcentre.core.errors import UpgradeFailed
from visitorcentre.desk.composition import AREAS
from visitorcentre.desk.context import DeskContext
from visitorcentre.desk.quick_reads import QUICK

if TYPE_CHECKING:
    from visitorcentre.desk.composition import Desk


class AreaOnDemand:
    """Stands in for one area of the Desk: ``desk.visits.today`` opens the Desk only when called."""

    def __init__(self, desk: DeskOnDemand, name: str):
        self._desk = desk
        self._name = name

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if self._desk.is_open:
            return getattr(getattr(self._desk.opened(), self._name), name)
        quick = QUICK.get((self._name, name)) if self._desk.can_read_first else None
        if quick is not None:
            return functools.partial(self._desk.read_first, quick)

        def call_when_open(*args: Any, **kwargs: Any) -> Any:
            return getattr(getattr(self._desk.opened(), self._name), name)(*args, **kwargs)

        call_when_open.__name__ = name
        return call_when_open


class DeskOnDemand:
    """Stands in for a Desk and opens it on first use (from whichever thread asks first).

    So ``tasks.run(desk.visits.today)`` on the GUI thread does not open the database there: the
    call does, on the worker. ``ctx`` is the Desk's own context from the start.

    With ``read_first`` (the desk app's own desk), what the plain sqlite3 reader answers (search,
    the Today board: ``desk.quick_reads``) is answered before the Desk is open, once
    ``open_reads`` has opened just that reader; ``opened`` then loads SQLAlchemy and the rest,
    on another lane, for everything else.
    """

    def __init__(self, ctx: DeskContext, opener: Callable[[DeskContext], Desk], read_first: bool = False):
        self.ctx = ctx
        self._opener = opener
        self._desk: Desk | None = None
        self._lock = threading.Lock()
        self.can_read_first = read_first
        self._reads = threading.Lock()
        self._refused: UpgradeFailed | None = None
        for area in AREAS:
            setattr(self, area, AreaOnDemand(self, area))

    def opened(self) -> Desk:
        """The Desk, opening it now if nobody has yet."""
        with self._lock:
            if self._refused is not None:
                raise self._refused
            if self._desk is None:
                try:
                    self._desk = self._opener(self.ctx)
                except UpgradeFailed as error:
                    # Records that cannot be upgraded stay refused: trying again on every click
                    # would only make another backup copy each time.
                    self._refused = error
                    raise
            return self._desk

    def open_reads(self) -> bool:
        """Open the plain reader only (cheap: no SQLAlchemy); False when the Desk must open in full first.

        It must when the records need an upgrade (or are not there): reading them waits for it.
        """
        if not self.can_read_first:
            return False
        with self._reads:
            if self.ctx.open_reads():
                return True
            self.can_read_first = False  # everything waits for the full opening, which upgrades them
            return False

    def read_first(self, quick: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """``quick(ctx, ...)`` through the reader alone, or through the open Desk when that cannot be."""
        if not (self.is_open or self.open_reads()):
            self.opened()
        return quick(self.ctx, *args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self._desk is not None

    def close(self) -> None:
        if self._desk is not None:
            self._desk.close()
