"""Restrictions on a prisoner's visits, with dates: added and lifted by the centre.

A ``restriction`` record (prisoner_id, kind, detail, reason, starts_on, ends_on, lifted_on,
lifted_reason) belongs to the prisoner's establishment and reaches its desks on their next sync;
the desk's checks apply it while it is in force. "Other" needs a detail saying what it is.
A lifted restriction stays on record with the date and the reason it was lifted.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from visitorcentre.core.errors import InvalidInput, NotAllowed
from visitorcentre.core.kinds import RESTRICTION_KIND_LABELS, PrisonerStatus, RestrictionKind
from visitorcentre.server.centre import store
from visitorcentre.server.centre.prisoners import typed_text
from visitorcentre.server.centre.scope import Scope, record_in_scope


def label(kind: str) -> str:
    return RESTRICTION_KIND_LABELS.get(kind, kind)


def add(
    session: Session,
    *,
    actor: str,
    scope: Scope,
    now: datetime,
    prisoner_id: str,
    kind: str,
    detail: str,
    reason: str,
    starts_on: date | None,
    ends_on: date | None,
) -> str:
    """Put a restriction on a prisoner's visits from ``starts_on`` (until ``ends_on``, or until lifted)."""
    prisoner = record_in_scope(scope, store.current(session, "prisoner", prisoner_id), "prisoner")
    if prisoner.get("status") == PrisonerStatus.RELEASED:
        raise NotAllowed("This prisoner has been released; there are no visits to restrict.")
    if kind not in set(RestrictionKind):
        raise InvalidInput("Choose the kind of restriction.", "kind")
    detail = typed_text(detail, "detail", "detail", 500, kind == RestrictionKind.OTHER)
    why = typed_text(reason, "reason", "reason", 500, True)
    if starts_on is None:
        raise InvalidInput("Enter the date the restriction starts.", "starts_on")
    if ends_on is not None and ends_on < starts_on:
        raise InvalidInput("The end date must be on or after the start date.", "ends_on")
    if ends_on is not None and ends_on < now.date():
        raise InvalidInput("The end date is in the past; a restriction that has ended need not be added.", "ends_on")
    row_id = store.new_id()
    until = f" until {ends_on.isoformat()}" if ends_on else ""
    store.save(
        session,
        actor=actor,
        action="restriction.added",
        entity="restriction",
        row_id=row_id,
        fields={
            "establishment": prisoner["establishment"],
            "prisoner_id": prisoner_id,
            "kind": str(kind),
            "detail": detail,
            "reason": why,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat() if ends_on else None,
            "lifted_on": None,
            "lifted_reason": "",
        },
        summary=f"Restriction on {prisoner.get('prison_number', '')}: {label(kind)} from {starts_on.isoformat()}"
        f"{until}: {why}",
        now=now,
    )
    return row_id


def lift(session: Session, *, actor: str, scope: Scope, now: datetime, restriction_id: str, reason: str) -> None:
    """Lift a restriction from today, with the reason."""
    record = record_in_scope(scope, store.current(session, "restriction", restriction_id), "restriction")
    if record.get("lifted_on"):
        raise NotAllowed("This restriction has already been lifted.")
    why = typed_text(reason, "lifted_reason", "reason", 500, True)
    prisoner = store.current(session, "prisoner", str(record.get("prisoner_id"))) or {}
    store.save(
        session,
        actor=actor,
        action="restriction.lifted",
        entity="restriction",
        row_id=restriction_id,
        fields={"lifted_on": now.date().isoformat(), "lifted_reason": why},
        summary=f"Lifted the restriction on {prisoner.get('prison_number', '')} ({label(str(record.get('kind')))}):"
        f" {why}",
        now=now,
    )


def in_force(record: dict, today: date) -> bool:
    """Whether a restriction applies on ``today``."""
    if record.get("lifted_on"):
        return False
    starts, ends = str(record.get("starts_on") or ""), record.get("ends_on")
    return starts <= today.isoformat() and (not ends or today.isoformat() <= str(ends))
