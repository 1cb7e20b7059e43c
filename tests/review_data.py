"""The centre's changes that make a booked visit need review, as a sync's pull stores them."""

from __future__ import annotations

from datetime import timedelta

from tests.centre_data import from_the_centre
from tests.conftest import NOW, TODAY


def ban(world, visitor: str, row_id: str = "ban-new", ends: int | None = None, version: int = 1, **fields) -> None:
    values = {
        "visitor_id": visitor,
        "scope": "all",
        "prisoner_id": None,
        "reason": "threatening staff",
        "starts_on": TODAY.isoformat(),
        "ends_on": (TODAY + timedelta(days=ends)).isoformat() if ends is not None else None,
        "lifted_on": None,
        "lifted_reason": "",
    }
    from_the_centre(world, "ban", row_id, version=version, **{**values, **fields})


def list_status(world, visitor_key: str, prisoner: str, status: str, kind: str = "parent") -> None:
    from_the_centre(
        world,
        "relationship",
        f"rel-{visitor_key}-{prisoner}",
        visitor_id=f"vis-{visitor_key}",
        prisoner_id=prisoner,
        kind=kind,
        list_status=status,
    )


def prisoner(world, prisoner_id: str = "pr-1", establishment: str = "BAR", status: str = "convicted") -> None:
    from_the_centre(
        world,
        "prisoner",
        prisoner_id,
        establishment=establishment,
        prison_number="S100001",
        first_name="John",
        last_name="MacDonald",
        date_of_birth=None,
        location="",
        status=status,
        no_child_contact=False,
        closed_visits=False,
    )


def restrictions(prisoner_ids: list[str], kind: str = "closed_visits", starts: int = 0) -> list[tuple[str, str, dict]]:
    """One restriction from the centre on each prisoner, as the rows of one pull."""
    stamp = NOW.isoformat()
    return [
        (
            "restriction",
            f"res-{prisoner_id}",
            {
                "id": f"res-{prisoner_id}",
                "establishment": "BAR",
                "created_at": stamp,
                "updated_at": stamp,
                "version": 1,
                "prisoner_id": prisoner_id,
                "kind": kind,
                "detail": "",
                "reason": "Security review",
                "starts_on": (TODAY + timedelta(days=starts)).isoformat(),
                "ends_on": None,
                "lifted_on": None,
                "lifted_reason": "",
            },
        )
        for prisoner_id in prisoner_ids
    ]


def many_prisoners(session, count: int) -> list[str]:
    """``count`` more prisoners at Barlinnie, with no visits (inserted directly, as a pull would)."""
    from visitorcentre.db import models as m

    ids = [f"pr-many-{n}" for n in range(count)]
    for n, prisoner_id in enumerate(ids):
        session.add(
            m.Prisoner(
                id=prisoner_id,
                establishment="BAR",
                created_at=NOW,
                updated_at=NOW,
                version=1,
                prison_number=f"T{n:06d}",
                first_name="Test",
                last_name=f"Prisoner {n}",
                status="convicted",
                location="",
            )
        )
    return ids
