"""The centre's prisoner records: add, edit, move to another establishment, release.

Each function checks what a person typed field by field (``InvalidInput`` naming the field), then
writes through ``store.save`` in the caller's transaction: the record, its feed entries (so the
establishment's desks get it on their next sync), its typed copy and the central audit entry.
A move changes the record's ``establishment`` (and that of their restrictions and approved visitor
list, which go with them); both establishments' desks receive it (the old one learns the prisoner
has gone) and both establishments' audit logs show it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre.core.errors import InvalidInput, NotAllowed
from visitorcentre.core.kinds import PrisonerStatus
from visitorcentre.server.centre import audit, store, typed
from visitorcentre.server.centre.scope import EVERY, Scope, establishment_for, record_in_scope

#: The statuses a person sets on the form (released is its own action; transferred is the desk's).
HELD = (PrisonerStatus.REMAND, PrisonerStatus.CONVICTED)
PRISON_NUMBER = re.compile(r"^[A-Z0-9]{1,20}$")  # as server.roster reads it
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class PrisonerDetails:
    """What a person types about a prisoner (the prison number is set when they are added)."""

    first_name: str
    last_name: str
    date_of_birth: date | None
    location: str
    status: str


def prison_number(value: str, field: str = "prison_number") -> str:
    """The prison number as stored (capitals, no spaces), or InvalidInput."""
    number = (value or "").upper().replace(" ", "")
    if not number:
        raise InvalidInput("Enter the prison number.", field)
    if not PRISON_NUMBER.match(number):
        raise InvalidInput("A prison number is letters and digits only, at most 20 (for example A1234BC).", field)
    return number


def typed_text(value: str, field: str, label: str, limit: int, required: bool) -> str:
    """Typed text trimmed, or InvalidInput naming ``field`` (missing, too long, unstorable)."""
    text = (value or "").strip()
    if required and not text:
        raise InvalidInput(f"Enter the {label}.", field)
    if len(text) > limit:
        raise InvalidInput(f"The {label} must be {limit} characters or fewer.", field)
    if _CONTROL.search(text) or any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        raise InvalidInput(f"The {label} holds a character that cannot be stored.", field)
    return text


def checked_fields(details: PrisonerDetails, today: date) -> dict[str, object]:
    """The record's fields from what was typed, or InvalidInput naming the first wrong field."""
    first = typed_text(details.first_name, "first_name", "first name", 80, True)
    last = typed_text(details.last_name, "last_name", "last name", 80, True)
    born = details.date_of_birth
    if born is None:
        raise InvalidInput("Enter the date of birth.", "date_of_birth")
    if born > today:
        raise InvalidInput("The date of birth must be in the past.", "date_of_birth")
    if born < date(1900, 1, 1):
        raise InvalidInput("The date of birth must be after 1 January 1900.", "date_of_birth")
    location = typed_text(details.location, "location", "location", 40, False)
    if details.status not in HELD:
        raise InvalidInput("Choose remand or convicted.", "status")
    return {
        "first_name": first,
        "last_name": last,
        "date_of_birth": born.isoformat(),
        "location": location,
        "status": str(details.status),
    }


def holder_of(session: Session, number: str) -> str | None:
    """The id of the prisoner with this prison number, at any establishment."""
    return session.scalar(select(typed.TypedPrisoner.row_id).where(typed.TypedPrisoner.prison_number == number))


def _name(record: dict) -> str:
    return f"{record.get('first_name', '')} {record.get('last_name', '')} ({record.get('prison_number', '')})"


def add(
    session: Session,
    *,
    actor: str,
    scope: Scope,
    now: datetime,
    establishment: str,
    number: str,
    details: PrisonerDetails,
) -> str:
    """Add a prisoner to an establishment's roster; returns the new record's id."""
    code = establishment_for(session, scope, establishment)
    number = prison_number(number)
    fields = checked_fields(details, now.date())
    if holder_of(session, number):
        raise InvalidInput(f"A prisoner with the prison number {number} is already on the roster.", "prison_number")
    row_id = store.new_id()
    record = {"establishment": code, "prison_number": number, **fields}
    record |= {"no_child_contact": False, "closed_visits": False}
    store.save(
        session,
        actor=actor,
        action="prisoner.added",
        entity="prisoner",
        row_id=row_id,
        fields=record,
        summary=f"Added the prisoner {_name(record)} at {code}",
        now=now,
    )
    return row_id


def _current(session: Session, scope: Scope, prisoner_id: str, version: int | None) -> dict:
    record = record_in_scope(scope, store.current(session, "prisoner", prisoner_id), "prisoner")
    if version is not None and int(record.get("version") or 0) != version:
        raise NotAllowed("Someone else changed this prisoner while you were editing. Check the details and try again.")
    return record


def edit(
    session: Session,
    *,
    actor: str,
    scope: Scope,
    now: datetime,
    prisoner_id: str,
    details: PrisonerDetails,
    version: int | None = None,
) -> None:
    """Change a prisoner's names, date of birth, location or status (remand or convicted)."""
    record = _current(session, scope, prisoner_id, version)
    if record.get("status") == PrisonerStatus.RELEASED:
        raise NotAllowed("This prisoner has been released; add them again if they come back.")
    fields = checked_fields(details, now.date())
    changed = [key.replace("_", " ") for key, value in fields.items() if record.get(key) != value]
    if not changed:
        return
    store.save(
        session,
        actor=actor,
        action="prisoner.changed",
        entity="prisoner",
        row_id=prisoner_id,
        fields=fields,
        summary=f"Changed the {', '.join(changed)} of {_name(record | fields)}",
        now=now,
    )


def move(
    session: Session,
    *,
    actor: str,
    scope: Scope,
    now: datetime,
    prisoner_id: str,
    to: str,
    reason: str = "",
    version: int | None = None,
) -> None:
    """Move a prisoner to another establishment (their status is unchanged).

    The prisoner must be at one of the user's establishments; the one they go to may be any (a
    transfer out is made by the establishment they leave).
    """
    record = _current(session, scope, prisoner_id, version)
    code = establishment_for(session, EVERY, to, "to")
    old = str(record.get("establishment") or "")
    if code == old:
        raise InvalidInput(f"The prisoner is already at {code}; choose another establishment.", "to")
    if record.get("status") == PrisonerStatus.RELEASED:
        raise NotAllowed("This prisoner has been released and cannot be moved.")
    why = typed_text(reason, "reason", "reason", 500, False)
    moved(session, actor=actor, now=now, record=record, to=code, summary_end=f": {why}" if why else "")


def moved(
    session: Session,
    *,
    actor: str,
    now: datetime,
    record: dict,
    to: str,
    summary_end: str = "",
    fields: dict[str, object] | None = None,
) -> dict:
    """Write the move of ``record`` to ``to`` (and any other ``fields``), in both establishments' audit logs."""
    old = str(record.get("establishment") or "")
    summary = f"Moved {_name(record)} from {old} to {to}{summary_end}"
    after = store.save(
        session,
        actor=actor,
        action="prisoner.moved",
        entity="prisoner",
        row_id=record["id"],
        fields={**(fields or {}), "establishment": to},
        summary=summary,
        now=now,
    )
    audit.record(
        session,
        actor=actor,
        action="prisoner.moved_out",
        entity="prisoner",
        entity_id=record["id"],
        establishment=old,
        summary=summary,
        now=now,
        before=record,
        after=after,
    )
    _take_along(session, actor=actor, now=now, record=record, to=to)
    return after


#: What goes with a prisoner who moves: their restrictions and their approved visitor list.
_GOES_WITH = (("restriction", typed.TypedRestriction), ("relationship", typed.TypedRelationship))


def _take_along(session: Session, *, actor: str, now: datetime, record: dict, to: str) -> None:
    for entity, copy in _GOES_WITH:
        ids = session.scalars(
            select(copy.row_id).where(copy.prisoner_id == record["id"], copy.establishment != to).order_by(copy.row_id)
        ).all()
        for row_id in ids:
            store.save(
                session,
                actor=actor,
                action=f"{entity}.moved",
                entity=entity,
                row_id=row_id,
                fields={"establishment": to},
                summary=f"Moved with {_name(record)} to {to}",
                now=now,
            )


def release(
    session: Session,
    *,
    actor: str,
    scope: Scope,
    now: datetime,
    prisoner_id: str,
    released_on: date | None,
    reason: str,
    version: int | None = None,
) -> None:
    """Mark a prisoner released (on a date, with a reason, both in the audit log)."""
    record = _current(session, scope, prisoner_id, version)
    if record.get("status") == PrisonerStatus.RELEASED:
        raise NotAllowed("This prisoner is already released.")
    if released_on is None:
        raise InvalidInput("Enter the date of release.", "released_on")
    if released_on > now.date():
        raise InvalidInput("The date of release cannot be in the future.", "released_on")
    why = typed_text(reason, "reason", "reason", 500, True)
    store.save(
        session,
        actor=actor,
        action="prisoner.released",
        entity="prisoner",
        row_id=prisoner_id,
        fields={"status": str(PrisonerStatus.RELEASED)},
        summary=f"Released {_name(record)} on {released_on.isoformat()}: {why}",
        now=now,
    )
