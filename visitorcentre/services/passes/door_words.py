"""The hall door's verdict on a genuine pass, from the visit it names: no database here.

``pass_verdict`` hands in a visit read through SQLAlchemy; ``db.direct.door`` (for
``visitorcentre verify``, which loads no SQLAlchemy) one read straight through sqlite3 with the
same attributes (``visit.session.kind``, ``visit.party[0].visitor.name``, ...). Either way the
words are these, so the door and the command line cannot disagree.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from visitorcentre import i18n
from visitorcentre.core import passes as tokens
from visitorcentre.core.ages import age_on
from visitorcentre.core.kinds import AWAITING_CHECK_IN, PersonOutcome, SessionKind, VisitStatus
from visitorcentre.core.views import DoorVerdict

ALREADY_IN_HALL = "already_in_hall"
NOT_CHECKED_IN = "not_checked_in"
VISIT_OVER = "visit_over"
VISIT_CANCELLED = "visit_cancelled"
VIRTUAL_VISIT = "virtual_visit"

#: A visit as these functions read it: an ``m.Visit``, or db.direct's stand-in with the same attributes.
VisitLike = Any


def family_language(visit: VisitLike) -> str:
    """The family's language: the lead visitor's (English when the party is empty)."""
    return visit.party[0].visitor.language if visit.party else "en"


def party(visit: VisitLike, adult_age: int) -> tuple[str, ...]:
    """The people the door expects for ``visit``, children with their date of birth."""
    going_in = visit.status in (VisitStatus.CHECKED_IN, VisitStatus.IN_HALL)
    wanted = (PersonOutcome.CHECKED_IN,) if going_in else (PersonOutcome.EXPECTED, PersonOutcome.CHECKED_IN)
    language = i18n.family_language(family_language(visit))
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
    visit: VisitLike,
    adult_age: int,
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
        party=party(visit, adult_age),
        in_hall_since=visit.in_hall_at.time() if visit.in_hall_at else None,
        party_size=token.party_size if token else None,
        session=token.session if token else None,
        visit_id=visit.id if may_enter else None,
        language=family_language(visit),
    )


def by_state(visit: VisitLike, adult_age: int, token: tokens.PassVerdict | None = None) -> DoorVerdict | None:
    """The verdict for a genuine pass whose visit is not simply checked in (None when it is)."""
    if visit.session.kind == SessionKind.VIRTUAL:
        return about_visit(
            visit,
            adult_age,
            False,
            VIRTUAL_VISIT,
            "This is a virtual visit: the family joins by video, not through the hall.",
            token,
        )
    if visit.status == VisitStatus.IN_HALL:
        since = f" since {visit.in_hall_at:%H:%M}" if visit.in_hall_at else ""
        return about_visit(visit, adult_age, True, ALREADY_IN_HALL, f"Already in the hall{since}.", token)
    if visit.status in AWAITING_CHECK_IN:
        return about_visit(
            visit,
            adult_age,
            False,
            NOT_CHECKED_IN,
            "This family has not been checked in at the desk yet. Please send them to the desk.",
            token,
        )
    if visit.status == VisitStatus.COMPLETED:
        return about_visit(
            visit, adult_age, False, VISIT_OVER, "This visit is over: the family has already checked out.", token
        )
    if visit.status != VisitStatus.CHECKED_IN:
        state = {str(VisitStatus.NO_SHOW): "marked as not attended"}.get(visit.status, visit.status.replace("_", " "))
        return about_visit(
            visit,
            adult_age,
            False,
            VISIT_CANCELLED,
            f"This visit was {state}. Please send the family to the desk.",
            token,
        )
    return None


def let_in(visit: VisitLike, adult_age: int, token: tokens.PassVerdict | None = None) -> DoorVerdict:
    """The verdict for a genuine pass of a checked-in visit: the party may go in."""
    people = party(visit, adult_age)
    return about_visit(
        visit,
        adult_age,
        True,
        tokens.OK,
        f"Valid pass: {len(people)} {'person' if len(people) == 1 else 'people'} may go in.",
        token,
        may_enter=visit.status == VisitStatus.CHECKED_IN,
    )


def refused(token: tokens.PassVerdict) -> DoorVerdict:
    """The verdict on a pass the token check itself refused."""
    return DoorVerdict(
        valid=False,
        reason=token.reason,
        message=token.message,
        reference=token.reference,
        party_size=token.party_size,
        session=token.session,
    )


def not_here_yet(token: tokens.PassVerdict) -> DoorVerdict:
    """A genuine pass whose visit has not reached this desk's database (yet): the signature is the proof."""
    return DoorVerdict(
        valid=True,
        reason=tokens.OK,
        reference=token.reference,
        party_size=token.party_size,
        session=token.session,
        message=f"Valid pass for {token.party_size} people, but this desk has no "
        "record of the visit yet; it cannot be marked in the hall here.",
    )


def on_visit(token: tokens.PassVerdict, visit: VisitLike | None, adult_age: int) -> DoorVerdict:
    """The verdict on a pass whose token is good: by the state of the visit it names, as this desk holds it."""
    if not token.valid:
        return refused(token)
    if visit is None:
        return not_here_yet(token)
    return by_state(visit, adult_age, token) or let_in(visit, adult_age, token)


def read_directly(db: sqlite3.Connection, text: str, here: str, today: date) -> DoorVerdict:
    """``pass_verdict``'s answer, read through a sqlite3 connection (db/direct/door.py): no SQLAlchemy."""
    from visitorcentre.db.direct import door

    token = tokens.verify(text, door.verification_keys(db), door.void_list(db), here, today)
    if not token.valid:
        return refused(token)
    found = door.visit_at(db, token.reference or "", here)
    return on_visit(token, *found) if found else not_here_yet(token)
