"""Bans on visitors: adding one (at every establishment, at one, or for visits to one prisoner) and lifting it.

Who may: a ban at every establishment is a national administrator's decision; an establishment
administrator bans a visitor from their own establishments, or from visiting a prisoner held
there. A ban is the centre's record (``ban``, scope from ``core.kinds.BanScope``): it goes
through ``store.save`` so every desk that must enforce it receives it (a ban at every
establishment reaches every establishment that knows the visitor). Lifting keeps the ban with
``lifted_on`` and ``lifted_reason``; nothing is deleted.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre.core.errors import InvalidInput, NotAllowed, NotFound
from visitorcentre.core.kinds import BanScope
from visitorcentre.server.centre import store, visitors
from visitorcentre.server.centre.reach import Reach
from visitorcentre.server.centre.timetable import known_establishment
from visitorcentre.server.centre.timetable_input import read_date, read_reason
from visitorcentre.server.centre.typed import TypedPrisoner

SCOPE_WORDS = {
    BanScope.ALL: "every establishment",
    BanScope.ESTABLISHMENT: "one establishment",
    BanScope.PRISONER: "visits to one prisoner",
}


def _prisoner(session: Session, reach: Reach, prison_number: str) -> TypedPrisoner:
    number = (prison_number or "").strip().upper()
    if not number:
        raise InvalidInput("Enter the prisoner's prison number, like A1234BC.", "prison_number")
    for found in session.scalars(select(TypedPrisoner).where(TypedPrisoner.prison_number == number)):
        if reach.sees(found.establishment):
            return found
    raise InvalidInput(
        f"No prisoner with the number {number} is held at an establishment you look after.", "prison_number"
    )


def add_ban(
    session: Session,
    reach: Reach,
    visitor_id: str,
    *,
    scope: str,
    establishment: str,
    prison_number: str,
    reason: str,
    starts_on: str,
    ends_on: str,
    now: datetime,
) -> dict:
    """Ban a visitor (scope "all", "establishment" or "prisoner"), with a reason, from a date and until one (or not)."""
    visitor = visitors.visible(session, reach, visitor_id)
    if scope not in SCOPE_WORDS:
        raise InvalidInput("Choose where the ban applies.", "scope")
    prisoner_id = None
    if scope == BanScope.ALL:
        if not reach.everywhere:
            raise NotAllowed("Only a national administrator can ban a visitor from every establishment.", "scope")
        code = str(visitor["establishment"])
        where = "every establishment"
    elif scope == BanScope.ESTABLISHMENT:
        if not (establishment or "").strip():
            raise InvalidInput("Choose the establishment the ban is for.", "establishment")
        code = known_establishment(session, reach, establishment)
        where = code
    else:
        prisoner = _prisoner(session, reach, prison_number)
        code, prisoner_id = prisoner.establishment, prisoner.row_id
        where = f"visits to {prisoner.prison_number}"
    why = read_reason(reason)
    first = read_date(starts_on, "starts_on", "date the ban starts")
    last = read_date(ends_on, "ends_on", "date the ban ends", required=False)
    assert first is not None
    if last is not None and last < first:
        raise InvalidInput("The date the ban ends must be on or after the date it starts.", "ends_on")
    fields = {
        "establishment": code,
        "visitor_id": visitor_id,
        "scope": scope,
        "prisoner_id": prisoner_id,
        "reason": why,
        "starts_on": first.isoformat(),
        "ends_on": last.isoformat() if last else None,
        "lifted_on": None,
        "lifted_reason": "",
    }
    return store.save(
        session,
        actor=reach.actor,
        action="ban.added",
        entity="ban",
        row_id=store.new_id(),
        fields=fields,
        summary=f"Banned {visitor['first_name']} {visitor['last_name']} from {where}: {why}",
        now=now,
    )


def lift_ban(session: Session, reach: Reach, ban_id: str, reason: str, today: date, now: datetime) -> dict:
    """Lift a ban from today, saying why (the ban stays on the record)."""
    ban = store.current(session, "ban", ban_id)
    if ban is None:
        raise NotFound("There is no such ban.", "ban")
    visitors.visible(session, reach, str(ban["visitor_id"]))
    if ban.get("scope") == BanScope.ALL:
        if not reach.everywhere:
            raise NotAllowed("Only a national administrator can lift a ban at every establishment.", "ban")
    elif not reach.sees(str(ban["establishment"])):
        raise NotFound("There is no such ban.", "ban")
    if ban.get("lifted_on"):
        raise NotAllowed(f"This ban was already lifted on {ban['lifted_on']}.", "ban")
    why = read_reason(reason, what="why the ban is lifted")
    return store.save(
        session,
        actor=reach.actor,
        action="ban.lifted",
        entity="ban",
        row_id=ban_id,
        fields={"lifted_on": today.isoformat(), "lifted_reason": why},
        summary=f"Lifted a ban: {why}",
        now=now,
    )
