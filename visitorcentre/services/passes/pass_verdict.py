"""The one answer to "is this a good pass, here and today?" — for the hall door and ``visitorcentre verify``.

First the token itself (core/passes.py: signature, establishment, void list, its day, a replaced
key), checked against the keys this desk may use (pass_keys.verification_keys); then, for a
genuine pass, the visit it names as this desk holds it: cancelled, refused, not yet checked in,
already in the hall, over, or a virtual visit. Reading only: the door lets a family in
afterwards (hall_door.door_scan), the command line only reports.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre import i18n
from visitorcentre.core import passes as tokens
from visitorcentre.core.ages import age_on
from visitorcentre.core.kinds import AWAITING_CHECK_IN, PersonOutcome, SessionKind, VisitStatus
from visitorcentre.core.views import DoorVerdict
from visitorcentre.db import facts, queries
from visitorcentre.db import models as m
from visitorcentre.services.passes.pass_keys import verification_keys

ALREADY_IN_HALL = "already_in_hall"
NOT_CHECKED_IN = "not_checked_in"
VISIT_OVER = "visit_over"
VISIT_CANCELLED = "visit_cancelled"
VIRTUAL_VISIT = "virtual_visit"


def void_list(session: Session) -> set[tuple[str, int]]:
    """(establishment, serial) of every voided pass."""
    return set(
        session.execute(select(m.VisitPass.establishment, m.VisitPass.serial).where(m.VisitPass.voided.is_(True))).all()
    )


def party(session: Session, visit: m.Visit) -> tuple[str, ...]:
    """The people the door expects for ``visit``, children with their date of birth."""
    est = facts.establishment(session, visit.establishment)
    adult_age = est.adult_age if est else 18
    going_in = visit.status in (VisitStatus.CHECKED_IN, VisitStatus.IN_HALL)
    wanted = (PersonOutcome.CHECKED_IN,) if going_in else (PersonOutcome.EXPECTED, PersonOutcome.CHECKED_IN)
    language = i18n.family_language(queries.family_language(visit))
    _ = i18n.translator(language)  # the door shows the party in the family's language
    names = []
    for person in visit.party:
        if person.outcome not in wanted:
            continue
        born = person.visitor.date_of_birth
        if age_on(born, visit.session.date) < adult_age:
            when = _("born {date}").format(date=i18n.short_date(born, language))
            names.append(_("{name} (child, {born})").format(name=person.visitor.name, born=when))
        else:
            names.append(person.visitor.name)
    return tuple(names)


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
    return DoorVerdict(
        valid=valid,
        reason=reason,
        message=message,
        reference=visit.reference,
        prisoner_name=visit.prisoner.name,
        prisoner_number=visit.prisoner.prison_number,
        party=party(session, visit),
        in_hall_since=visit.in_hall_at.time() if visit.in_hall_at else None,
        party_size=token.party_size if token else None,
        session=token.session if token else None,
        visit_id=visit.id if may_enter else None,
        language=queries.family_language(visit),
    )


def by_state(session: Session, visit: m.Visit, token: tokens.PassVerdict | None = None) -> DoorVerdict | None:
    """The verdict for a genuine pass whose visit is not simply checked in (None when it is)."""
    if visit.session.kind == SessionKind.VIRTUAL:
        return about_visit(
            session,
            visit,
            False,
            VIRTUAL_VISIT,
            "This is a virtual visit: the family joins by video, not through the hall.",
            token,
        )
    if visit.status == VisitStatus.IN_HALL:
        since = f" since {visit.in_hall_at:%H:%M}" if visit.in_hall_at else ""
        return about_visit(session, visit, True, ALREADY_IN_HALL, f"Already in the hall{since}.", token)
    if visit.status in AWAITING_CHECK_IN:
        return about_visit(
            session,
            visit,
            False,
            NOT_CHECKED_IN,
            "This family has not been checked in at the desk yet. Please send them to the desk.",
            token,
        )
    if visit.status == VisitStatus.COMPLETED:
        return about_visit(
            session, visit, False, VISIT_OVER, "This visit is over: the family has already checked out.", token
        )
    if visit.status != VisitStatus.CHECKED_IN:
        state = {str(VisitStatus.NO_SHOW): "marked as not attended"}.get(visit.status, visit.status.replace("_", " "))
        return about_visit(
            session,
            visit,
            False,
            VISIT_CANCELLED,
            f"This visit was {state}. Please send the family to the desk.",
            token,
        )
    return None


def let_in(session: Session, visit: m.Visit, token: tokens.PassVerdict | None = None) -> DoorVerdict:
    """The verdict for a genuine pass of a checked-in visit: the party may go in."""
    people = party(session, visit)
    return about_visit(
        session,
        visit,
        True,
        tokens.OK,
        f"Valid pass: {len(people)} {'person' if len(people) == 1 else 'people'} may go in.",
        token,
        may_enter=visit.status == VisitStatus.CHECKED_IN,
    )


def pass_verdict(session: Session, text: str, here: str, today: date) -> DoorVerdict:
    """The verdict on scanned ``text`` at establishment ``here`` on ``today``; never raises for bad text."""
    token = tokens.verify(text, verification_keys(session), void_list(session), here, today)
    if not token.valid:
        return DoorVerdict(
            valid=False,
            reason=token.reason,
            message=token.message,
            reference=token.reference,
            party_size=token.party_size,
            session=token.session,
        )
    visit = session.scalar(select(m.Visit).where(m.Visit.reference == token.reference, m.Visit.establishment == here))
    if visit is None:
        # Genuine, but the visit has not reached this desk's database (yet): the signature is the proof.
        return DoorVerdict(
            valid=True,
            reason=tokens.OK,
            reference=token.reference,
            party_size=token.party_size,
            session=token.session,
            message=f"Valid pass for {token.party_size} people, but this desk has no "
            "record of the visit yet; it cannot be marked in the hall here.",
        )
    return by_state(session, visit, token) or let_in(session, visit, token)
