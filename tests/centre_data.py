"""The centre's records put on a test desk as a sync's pull stores them (sync.pulled.store):
restrictions, blocked sessions, and any other record the console writes."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import NOW, TODAY
from visitorcentre.sync import pulled

STAMP = NOW.isoformat()


def from_the_centre(world, entity: str, row_id: str, version: int = 2, establishment: str = "BAR", **fields) -> None:
    """Store a record as a pull from the central server would (with its id, stamps and version)."""
    payload = {
        "id": row_id,
        "establishment": establishment,
        "created_at": STAMP,
        "updated_at": STAMP,
        "version": version,
        **fields,
    }
    with pulled.writing_unchecked(world.desk.ctx.engine) as session:
        assert pulled.store(session, [(entity, row_id, payload)], NOW, "BAR") == 1
        session.commit()


def restrict(world, kind: str, prisoner: str | None = None, starts=-5, ends=None, lifted=None, detail="") -> None:
    from_the_centre(
        world,
        "restriction",
        f"res-{kind}-{starts}",
        version=1,
        prisoner_id=prisoner or world.prisoner,
        kind=kind,
        detail=detail,
        reason="Public protection review",
        starts_on=(TODAY + timedelta(days=starts)).isoformat(),
        ends_on=(TODAY + timedelta(days=ends)).isoformat() if ends is not None else None,
        lifted_on=(TODAY + timedelta(days=lifted)).isoformat() if lifted is not None else None,
        lifted_reason="",
    )


def block(world, session_id: str, reason: str) -> None:
    from_the_centre(
        world,
        "visit_session",
        session_id,
        date=TODAY.isoformat(),
        starts_at="14:00:00",
        ends_at="16:00:00",
        room="Visit Hall",
        kind="standard",
        capacity=2,
        details="",
        blocked_reason=reason,
    )
