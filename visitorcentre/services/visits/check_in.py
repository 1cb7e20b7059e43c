"""The desk's actions on a visit on the day: check in, refuse one person, hall, check out, no-show."""

from __future__ import annotations

from typing import Any

from visitorcentre.core.ages import age_on
from visitorcentre.core.checks import cut_off_time
from visitorcentre.core.errors import ArrivalAfterCutOff, ChecksFailed, InvalidInput, NotAllowed
from visitorcentre.core.kinds import AWAITING_CHECK_IN, PersonOutcome, SessionKind, VisitStatus
from visitorcentre.db import facts
from visitorcentre.db import models as m
from visitorcentre.i18n import _, say
from visitorcentre.services.unit_of_work import UnitOfWork
from visitorcentre.services.visits import lookups
from visitorcentre.services.words import clock, outcome_words, status_words, weekday_words

_STILL_OPEN = frozenset({PersonOutcome.EXPECTED, PersonOutcome.CHECKED_IN})


def _event(uow: UnitOfWork, visit: m.Visit, event: str, visitor_id: str | None = None, reason: str = "") -> None:
    row = uow.stamp_new(
        m.CheckInEvent(
            visit_id=visit.id, visitor_id=visitor_id, event=event, at=uow.clock.now(), by=uow.actor.name, reason=reason
        ),
        establishment=visit.establishment,
    )
    uow.outbox(row)


def _set_outcome(uow: UnitOfWork, person: m.VisitPerson, outcome: PersonOutcome, reason: str = "") -> None:
    person.outcome = outcome
    person.reason = reason
    person.outcome_at = uow.clock.now()
    uow.stamp_changed(person)
    uow.outbox(person)


def at_this_desk(uow: UnitOfWork, visit: m.Visit) -> None:
    """Refuse a visit at another establishment: its family is seen by that prison's visitor centre."""
    here = uow.establishment
    if here and visit.session.establishment != here:
        known = facts.establishment(uow.session, visit.session.establishment)
        place = known.name if known is not None else visit.session.establishment
        raise NotAllowed(
            _(
                "Visit {reference} is at {place}, not here: the family checks in at that prison's visitor centre."
            ).format(reference=visit.reference, place=place)
        )


def _on_the_day(uow: UnitOfWork, visit: m.Visit) -> None:
    if visit.session.date != uow.clock.today():
        raise NotAllowed(
            _("Visit {reference} is for {day}, not today.").format(
                reference=visit.reference, day=weekday_words(visit.session.date)
            )
        )


def check_in(uow: UnitOfWork, visit_id: str, present: list[str] | None = None, late_reason: str = "") -> None:
    """Check in the party (or the ``present`` visitors; the others did not come).

    Refuses with the checks' reasons if anyone going in may not; after the cut-off it needs
    ``late_reason``.
    """
    with uow:
        visit = lookups.visit(uow.session, visit_id)
        at_this_desk(uow, visit)
        if visit.status not in AWAITING_CHECK_IN:
            raise NotAllowed(
                _("Visit {reference} is {status}; it cannot be checked in.").format(
                    reference=visit.reference, status=status_words(visit.status)
                )
            )
        _on_the_day(uow, visit)
        expected = [p for p in visit.party if p.outcome == PersonOutcome.EXPECTED]
        if present is not None:
            unknown = set(present) - {p.visitor_id for p in visit.party}
            if unknown:
                raise InvalidInput(_("Someone ticked as present is not in this visit's party."), "party")
        going_in = [p for p in expected if present is None or p.visitor_id in present]
        now = uow.clock.now()
        assessment = facts.assess_visit(uow.session, visit, going_in, arrived_at=now)
        stopping = assessment.stopping()
        if stopping:
            raise ChecksFailed(
                _("Not everyone can go in: {why}").format(why=say(stopping[0].message)), assessment.results
            )
        late_reason = late_reason.strip()
        # Arriving late needs a reason; a restriction's warning is for the worker to read, not to answer.
        warnings = [w for w in assessment.warnings() if w.code == "after_cut_off"]
        if warnings and not late_reason:
            raise ArrivalAfterCutOff(say(warnings[0].message) + " " + say(warnings[0].next_step), "late_reason")
        for person in expected:
            if person in going_in:
                _set_outcome(uow, person, PersonOutcome.CHECKED_IN)
                _event(uow, visit, "checked_in", person.visitor_id)
            else:
                _set_outcome(uow, person, PersonOutcome.NO_SHOW)
                _event(uow, visit, "did_not_come", person.visitor_id)
        if warnings:
            visit.late_reason = late_reason
            _event(uow, visit, "late_allowed", reason=late_reason)
        visit.status = VisitStatus.CHECKED_IN
        visit.checked_in_at = now
        uow.stamp_changed(visit)
        names = ", ".join(p.visitor.name for p in going_in)
        summary = f"Checked in visit {visit.reference}: {names}"
        if warnings:
            summary += f" (after the cut-off: {late_reason})"
        detail: dict[str, Any] = {"present": [p.visitor_id for p in going_in]}
        if warnings:
            detail["late_reason"] = late_reason
        uow.record("check_in", visit, summary, detail)
        uow.commit()


def refuse_person(uow: UnitOfWork, visit_id: str, visitor_id: str, reason: str) -> None:
    """Refuse one person with a reason; the rest of the party can still go in."""
    reason = reason.strip()
    if not reason:
        raise InvalidInput(_("Please give the reason for refusing this visitor."), "reason")
    with uow:
        visit = lookups.visit(uow.session, visit_id)
        at_this_desk(uow, visit)
        if visit.status not in AWAITING_CHECK_IN | {VisitStatus.CHECKED_IN, VisitStatus.IN_HALL}:
            raise NotAllowed(
                _("Visit {reference} is {status}; nobody can be refused now.").format(
                    reference=visit.reference, status=status_words(visit.status)
                )
            )
        _on_the_day(uow, visit)
        person = next((p for p in visit.party if p.visitor_id == visitor_id), None)
        if person is None:
            raise InvalidInput(_("That visitor is not in this visit's party."), "visitor")
        if person.outcome not in _STILL_OPEN:
            raise NotAllowed(
                _("{name} is already marked “{outcome}”.").format(
                    name=person.visitor.name, outcome=outcome_words(person.outcome)
                )
            )
        if visit.status in (VisitStatus.CHECKED_IN, VisitStatus.IN_HALL):
            staying = [p for p in visit.party if p.outcome == PersonOutcome.CHECKED_IN and p is not person]
            est = facts.known_establishment(uow.session, visit.establishment)
            if staying and not any(
                age_on(p.visitor.date_of_birth, visit.session.date) >= est.adult_age for p in staying
            ):
                raise NotAllowed(
                    _(
                        "{name} is the only adult on this visit, and the children cannot "
                        "stay without an adult. Check the visit out instead, or refuse everyone."
                    ).format(name=person.visitor.name)
                )
        _set_outcome(uow, person, PersonOutcome.REFUSED, reason)
        _event(uow, visit, "refused", visitor_id, reason)
        if not any(p.outcome in _STILL_OPEN for p in visit.party):
            visit.status = VisitStatus.REFUSED
        uow.stamp_changed(visit)
        uow.record(
            "refuse_visitor",
            visit,
            f"Refused {person.visitor.name} on visit {visit.reference}: {reason}",
            {"visitor": visitor_id, "reason": reason},
        )
        uow.commit()


def enter_hall(uow: UnitOfWork, visit_id: str) -> None:
    """The party has gone through to the visit hall."""
    with uow:
        visit = lookups.visit(uow.session, visit_id)
        at_this_desk(uow, visit)
        if visit.session.kind == SessionKind.VIRTUAL:
            raise NotAllowed(
                _("Visit {reference} is a virtual visit: the family joins by video, not through the hall.").format(
                    reference=visit.reference
                ),
                "visit",
            )
        if visit.status != VisitStatus.CHECKED_IN:
            raise NotAllowed(
                _("Visit {reference} is {status}, not checked in.").format(
                    reference=visit.reference, status=status_words(visit.status)
                )
            )
        visit.status = VisitStatus.IN_HALL
        visit.in_hall_at = uow.clock.now()
        uow.stamp_changed(visit)
        _event(uow, visit, "in_hall")
        uow.record("enter_hall", visit, f"Visit {visit.reference} went into the hall")
        uow.commit()


def check_out(uow: UnitOfWork, visit_id: str) -> None:
    """The visit is over and the family has left."""
    with uow:
        visit = lookups.visit(uow.session, visit_id)
        at_this_desk(uow, visit)
        if visit.status not in (VisitStatus.CHECKED_IN, VisitStatus.IN_HALL):
            raise NotAllowed(
                _("Visit {reference} is {status}; only a checked-in visit can be checked out.").format(
                    reference=visit.reference, status=status_words(visit.status)
                )
            )
        visit.status = VisitStatus.COMPLETED
        visit.completed_at = uow.clock.now()
        uow.stamp_changed(visit)
        _event(uow, visit, "checked_out")
        uow.record("check_out", visit, f"Checked out visit {visit.reference}")
        uow.commit()


def mark_no_show(uow: UnitOfWork, visit_id: str) -> None:
    """The family did not come; the place is recorded as unused."""
    with uow:
        visit = lookups.visit(uow.session, visit_id)
        at_this_desk(uow, visit)
        if visit.status not in AWAITING_CHECK_IN:
            raise NotAllowed(
                _("Visit {reference} is {status}; it cannot be a no-show.").format(
                    reference=visit.reference, status=status_words(visit.status)
                )
            )
        est = facts.known_establishment(uow.session, visit.establishment)
        cut_off = cut_off_time(visit.session.start, est.cutoff_minutes)
        if uow.clock.now() <= cut_off:
            raise NotAllowed(
                _("Visit {reference} is not a no-show yet: the family can arrive until {time} on {day}.").format(
                    reference=visit.reference, time=clock(cut_off), day=weekday_words(cut_off)
                )
            )
        for person in visit.party:
            if person.outcome == PersonOutcome.EXPECTED:
                _set_outcome(uow, person, PersonOutcome.NO_SHOW)
        visit.status = VisitStatus.NO_SHOW
        uow.stamp_changed(visit)
        _event(uow, visit, "no_show")
        uow.record("no_show", visit, f"Visit {visit.reference} marked as a no-show")
        uow.commit()
