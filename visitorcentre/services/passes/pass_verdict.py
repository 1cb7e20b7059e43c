"""The one answer to "is this a good pass, here and today?" — for the hall door and ``visitorcentre verify``.

First the token itself (core/passes.py: signature, establishment, void list, its day, a replaced
key), checked against the keys this desk may use (pass_keys.verification_keys); then, for a
genuine pass, the visit it names as this desk holds it: cancelled, refused, not yet checked in,
already in the hall, over, or a virtual visit (door_words.py: the same words for a visit read
here or by db.direct, the command line's reader without SQLAlchemy). Reading only: the door lets
a family in afterwards (hall_door.door_scan), the command line only reports.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre.core import passes as tokens
from visitorcentre.core.views import DoorVerdict
from visitorcentre.db import facts
from visitorcentre.db import models as m
from visitorcentre.services.passes import door_words
from visitorcentre.services.passes.door_words import (  # noqa: F401 - the door's reasons, named here too
    ALREADY_IN_HALL,
    NOT_CHECKED_IN,
    VIRTUAL_VISIT,
    VISIT_CANCELLED,
    VISIT_OVER,
)
from visitorcentre.services.passes.pass_keys import verification_keys


def void_list(session: Session) -> set[tuple[str, int]]:
    """(establishment, serial) of every voided pass."""
    return set(
        session.execute(select(m.VisitPass.establishment, m.VisitPass.serial).where(m.VisitPass.voided.is_(True))).all()
    )


def adult_age(session: Session, visit: m.Visit) -> int:
    """The age from which the visit's establishment counts a visitor as an adult."""
    est = facts.establishment(session, visit.establishment)
    return est.adult_age if est else 18


def party(session: Session, visit: m.Visit) -> tuple[str, ...]:
    """The people the door expects for ``visit``, children with their date of birth."""
    return door_words.party(visit, adult_age(session, visit))


def about_visit(
    session: Session,
    visit: m.Visit,
    valid: bool,
    reason: str,
    message: str,
    token: tokens.PassVerdict | None = None,
    may_enter: bool = False,
) -> DoorVerdict:
    """A verdict naming the visit, its prisoner and its party."""
    return door_words.about_visit(visit, adult_age(session, visit), valid, reason, message, token, may_enter)


def by_state(session: Session, visit: m.Visit, token: tokens.PassVerdict | None = None) -> DoorVerdict | None:
    """The verdict for a genuine pass whose visit is not simply checked in (None when it is)."""
    return door_words.by_state(visit, adult_age(session, visit), token)


def let_in(session: Session, visit: m.Visit, token: tokens.PassVerdict | None = None) -> DoorVerdict:
    """The verdict for a genuine pass of a checked-in visit: the party may go in."""
    return door_words.let_in(visit, adult_age(session, visit), token)


def pass_verdict(session: Session, text: str, here: str, today: date) -> DoorVerdict:
    """The verdict on scanned ``text`` at establishment ``here`` on ``today``; never raises for bad text."""
    token = tokens.verify(text, verification_keys(session), void_list(session), here, today)
    if not token.valid:
        return door_words.refused(token)
    visit = session.scalar(select(m.Visit).where(m.Visit.reference == token.reference, m.Visit.establishment == here))
    if visit is None:
        return door_words.not_here_yet(token)
    return door_words.on_visit(token, visit, adult_age(session, visit))
