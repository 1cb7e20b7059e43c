"""The hall door: check a scanned pass with no network, and let a valid party into the hall.

Whatever the scanner types (random keys, a URL, half a token, another QR code) the answer is a
verdict in plain words, never an exception: the door officer must never see an error dialog.
"""

from __future__ import annotations

import logging
from contextlib import AbstractContextManager
from datetime import date
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre.core import passes as tokens
from visitorcentre.core.ages import age_on
from visitorcentre.core.errors import NotAllowed
from visitorcentre.core.kinds import AWAITING_CHECK_IN, PersonOutcome, SessionKind, VisitStatus
from visitorcentre.core.views import DoorVerdict
from visitorcentre.db import facts
from visitorcentre.db import models as m
from visitorcentre.services.visits import check_in
from visitorcentre.services.passes.visit_passes import verification_keys
from visitorcentre.services.passes.visit_passes import void_list
from visitorcentre.services.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

ALREADY_IN_HALL = "already_in_hall"
NOT_CHECKED_IN = "not_checked_in"
VISIT_OVER = "visit_over"
VISIT_CANCELLED = "visit_cancelled"
VIRTUAL_VISIT = "virtual_visit"
FAULT = "fault"


def verify(session: Session, text: str, here: str, today: date) -> tokens.PassVerdict:
    """Check scanned text as a pass at ``here`` on ``today`` against the desk's keys and void list."""
    return tokens.verify(text, verification_keys(session), void_list(session), here, today)


def _party(session: Session, visit: m.Visit) -> tuple[str, ...]:
    est = facts.establishment(session, visit.establishment)
    adult_age = est.adult_age if est else 18
    going_in = visit.status in (VisitStatus.CHECKED_IN, VisitStatus.IN_HALL)
    wanted = (PersonOutcome.CHECKED_IN,) if going_in else (PersonOutcome.EXPECTED, PersonOutcome.CHECKED_IN)
    names = []
    for person in visit.party:
        if person.outcome not in wanted:
            continue
        born = person.visitor.date_of_birth
        if age_on(born, visit.session.date) < adult_age:
            names.append(f"{person.visitor.name} (child, born {born.day} {born:%b %Y})")
        else:
            names.append(person.visitor.name)
    return tuple(names)


def _verdict(session: Session, visit: m.Visit, valid: bool, reason: str, message: str) -> DoorVerdict:
    return DoorVerdict(valid=valid, reason=reason, message=message, reference=visit.reference,
                       prisoner_name=visit.prisoner.name, prisoner_number=visit.prisoner.prison_number,
                       party=_party(session, visit),
                       in_hall_since=visit.in_hall_at.time() if visit.in_hall_at else None)


def _by_state(session: Session, visit: m.Visit) -> DoorVerdict | None:
    """The verdict for a genuine pass whose visit is not simply checked in (None when it is)."""
    if visit.session.kind == SessionKind.VIRTUAL:
        return _verdict(session, visit, False, VIRTUAL_VISIT,
                        "This is a virtual visit: the family joins by video, not through the hall.")
    if visit.status == VisitStatus.IN_HALL:
        since = f" since {visit.in_hall_at:%H:%M}" if visit.in_hall_at else ""
        return _verdict(session, visit, True, ALREADY_IN_HALL, f"Already in the hall{since}.")
    if visit.status in AWAITING_CHECK_IN:
        return _verdict(session, visit, False, NOT_CHECKED_IN,
                        "This family has not been checked in at the desk yet. Please send them to the desk.")
    if visit.status == VisitStatus.COMPLETED:
        return _verdict(session, visit, False, VISIT_OVER, "This visit is over: the family has already checked out.")
    if visit.status != VisitStatus.CHECKED_IN:
        state = {VisitStatus.NO_SHOW: "marked as not attended"}.get(visit.status, visit.status.replace("_", " "))
        return _verdict(session, visit, False, VISIT_CANCELLED,
                        f"This visit was {state}. Please send the family to the desk.")
    return None


def door_scan(reading: Callable[[], AbstractContextManager[Session]], uow: Callable[[], UnitOfWork], text: str,
              here: str, today: date) -> DoorVerdict:
    """Check a scanned pass and, when it is good, mark the visit in the hall (one transaction)."""
    try:
        with reading() as session:
            verdict = verify(session, text, here, today)
            if not verdict.valid:
                return DoorVerdict(valid=False, reason=verdict.reason, message=verdict.message,
                                   reference=verdict.reference)
            visit = session.scalar(select(m.Visit).where(m.Visit.reference == verdict.reference))
            if visit is None:
                # Genuine, but the visit has not reached this desk's database (yet): the signature is the proof.
                return DoorVerdict(valid=True, reason=tokens.OK, reference=verdict.reference,
                                   message=f"Valid pass for {verdict.party_size} people, but this desk has no "
                                           "record of the visit yet; it cannot be marked in the hall here.")
            early = _by_state(session, visit)
            if early is not None:
                return early
            visit_id = visit.id
        try:
            check_in.enter_hall(uow(), visit_id)
            entered = True
        except NotAllowed:
            entered = False  # another door or desk got there first; the visit's state says what happened
        with reading() as session:
            visit = session.get(m.Visit, visit_id)
            if not entered:
                return _by_state(session, visit) or _verdict(session, visit, False, VISIT_CANCELLED,
                                                             "Please send the family to the desk.")
            people = _party(session, visit)
            return _verdict(session, visit, True, tokens.OK,
                            f"Valid pass: {len(people)} {'person' if len(people) == 1 else 'people'} may go in.")
    except Exception:  # noqa: BLE001 - a fault of ours must not become a crash at the door
        log.exception("The hall door could not check a scan")
        return DoorVerdict(valid=False, reason=FAULT, message="The desk could not check this pass just now. "
                           "Please scan it again, or send the family to the desk.")
