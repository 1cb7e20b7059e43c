"""What the desk answers through its plain sqlite3 reader alone: search and the Today board.

These need no SQLAlchemy, so the desk window answers them as soon as the reader is open
(``DeskContext.open_reads``), while the engine and the ORM still load behind it for everything
else. ``desk.visits`` answers them the same way, through these functions, once it is open.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # loaded with the reader, on the worker: not before the desk window's first paint
    from visitorcentre.core.views import SessionSummary, VisitBrief, VisitorHit
    from visitorcentre.desk.context import DeskContext


def search(ctx: DeskContext, text: str, limit: int = 20) -> list[VisitorHit]:
    return ctx.reader.search(text, ctx.clock.today(), ctx.establishment, limit)


def nearest_visits(ctx: DeskContext, visitor_id: str) -> tuple[VisitBrief, ...]:
    return ctx.reader.nearest_visits(visitor_id, ctx.clock.today())


def today(ctx: DeskContext, day: date | None = None) -> list[SessionSummary]:
    return ctx.reader.sessions_on(day or ctx.clock.today(), ctx.establishment)


#: ``desk.<area>.<name>`` answered by these functions, before the desk is fully open.
QUICK: dict[tuple[str, str], Callable[..., Any]] = {
    ("visits", "search"): search,
    ("visits", "nearest_visits"): nearest_visits,
    ("visits", "today"): today,
}
