"""The Today board's sessions, asked of a sqlite3 connection itself (the desk's kept reader).

The board is the first thing the desk shows from its records: reading it this way, it fills
before SQLAlchemy has even loaded (the engine and the ORM open behind it, for the writes).
The same answer as ``db.session_queries.sessions_on``; a test holds the two equal.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import date, time

from visitorcentre.core.kinds import session_counts
from visitorcentre.core.views import SessionSummary


def sessions_on(db: sqlite3.Connection, day: date, establishment: str | None = None) -> list[SessionSummary]:
    """The day's sessions (the Today board), earliest first, with their counts (booked, expected, arrived, in hall)."""
    where, args = "date = ?", [day.isoformat()]
    if establishment:
        where, args = where + " AND establishment = ?", [*args, establishment]
    slots = db.execute(
        "SELECT id, establishment, starts_at, ends_at, room, kind, capacity, blocked_reason"
        f" FROM visit_session WHERE {where} ORDER BY starts_at, room",
        args,
    ).fetchall()
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    if slots:
        marks = ",".join("?" * len(slots))
        for session_id, status, count in db.execute(
            f"SELECT session_id, status, count(*) FROM visit WHERE session_id IN ({marks}) GROUP BY session_id, status",
            [slot[0] for slot in slots],
        ):
            counts[session_id][status] = count
    summaries = []
    for session_id, place, starts_at, ends_at, room, kind, capacity, blocked_reason in slots:
        c = counts[session_id]
        summaries.append(
            SessionSummary(
                id=session_id,
                establishment=place,
                date=day,
                starts_at=time.fromisoformat(starts_at),
                ends_at=time.fromisoformat(ends_at),
                room=room,
                kind=kind,
                capacity=capacity,
                **session_counts(c),
                blocked_reason=(blocked_reason or "").strip(),
            )
        )
    return summaries
