"""Booking visits (ahead or as a walk-in), cancelling them, and manager approvals for children."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select

from visitorcentre.core import checks, references
from visitorcentre.core.errors import ChecksFailed, InvalidInput, NotAllowed, SessionFull
from visitorcentre.core.kinds import AWAITING_CHECK_IN, PLACE_TAKING, PersonOutcome, VisitSource, VisitStatus
from visitorcentre.core.roles import MANAGER, has_role, require_role
from visitorcentre.db import facts
from visitorcentre.db import models as m
from visitorcentre.i18n import N_, _, say
from visitorcentre.services.unit_of_work import UnitOfWork
from visitorcentre.services.visits import lookups
from visitorcentre.services.words import clock, day_month, status_words, weekday_words

_REFERENCE_TRIES = 20


def places_taken(session, session_id: str) -> int:
    """How many visits hold a place in the session."""
    return (
        session.scalar(
            select(func.count())
            .select_from(m.Visit)
            .where(m.Visit.session_id == session_id, m.Visit.status.in_(list(PLACE_TAKING)))
        )
        or 0
    )


def _unique_reference(session) -> str:
    for _attempt in range(_REFERENCE_TRIES):
        reference = references.new_reference()
        if session.scalar(select(m.Visit.id).where(m.Visit.reference == reference)) is None:
            return reference
    raise RuntimeError("could not find a free visit reference")


def _party(uow: UnitOfWork, visitor_ids: list[str]) -> list[m.Visitor]:
    if not visitor_ids:
        raise InvalidInput(_("Choose at least one visitor for the visit."), "party")
    if len(set(visitor_ids)) != len(visitor_ids):
        raise InvalidInput(_("The same visitor is in the party twice."), "party")
    return [lookups.visitor(uow.session, vid) for vid in visitor_ids]


def _already_booked(uow: UnitOfWork, slot: m.VisitSession, visitors: list[m.Visitor]) -> None:
    clash = uow.session.execute(
        select(m.Visitor.first_name, m.Visitor.last_name, m.Visit.reference)
        .join(m.VisitPerson, m.VisitPerson.visitor_id == m.Visitor.id)
        .join(m.Visit, m.Visit.id == m.VisitPerson.visit_id)
        .where(
            m.Visit.session_id == slot.id,
            m.Visit.status.in_(list(PLACE_TAKING)),
            m.Visitor.id.in_([v.id for v in visitors]),
        )
    ).first()
    if clash:
        raise NotAllowed(
            _("{name} is already booked on visit {reference} in this session.").format(
                name=f"{clash.first_name} {clash.last_name}", reference=clash.reference
            ),
            "party",
        )


def clean_support_needs(support_needs) -> list[str]:
    """The support needs as stored: stripped, empty ones and repeats dropped; InvalidInput if one is too long."""
    from visitorcentre.core.engagement import SUPPORT_NEED_LIMIT

    if isinstance(support_needs, str):
        support_needs = (support_needs,)
    cleaned: list[str] = []
    for need in support_needs or ():
        need = str(need).strip()
        if len(need) > SUPPORT_NEED_LIMIT:
            raise InvalidInput(
                _("Please describe the support need in at most {limit} characters.").format(limit=SUPPORT_NEED_LIMIT),
                "support_needs",
            )
        if need and need not in cleaned:
            cleaned.append(need)
    return cleaned


def _book(
    uow: UnitOfWork,
    session_id: str,
    prisoner_id: str,
    visitor_ids: list[str],
    source: VisitSource,
    overbook_reason: str,
    notes: str,
    support_needs=(),
) -> m.Visit:
    needs = clean_support_needs(support_needs)
    slot = lookups.visit_session(uow.session, session_id, for_update=True)
    now = uow.clock.now()
    if slot.date < now.date() or (slot.date == now.date() and slot.ends_at <= now.time()):
        raise NotAllowed(
            _("The {time} session on {day} has already finished.").format(
                time=clock(slot.starts_at), day=day_month(slot.date)
            ),
            "session",
        )
    if slot.blocked_reason.strip():
        raise NotAllowed(
            _("The prison has cancelled the {time} session on {day}: {reason}. Please choose another session.").format(
                time=clock(slot.starts_at), day=weekday_words(slot.date), reason=slot.blocked_reason.strip()
            ),
            "session",
        )
    prisoner = lookups.prisoner(uow.session, prisoner_id)
    visitors = _party(uow, visitor_ids)
    _already_booked(uow, slot, visitors)
    est = facts.known_establishment(uow.session, slot.establishment)
    people = facts.people_facts(uow.session, prisoner.id, visitors, slot.date)
    assessment = checks.assess(facts.prisoner_facts(uow.session, prisoner), people, facts.house_rules(est), slot.date)
    stopping = assessment.stopping()
    if stopping:
        raise ChecksFailed(
            _("This visit cannot be booked: {why}").format(why=say(stopping[0].message)), assessment.results
        )
    taken = places_taken(uow.session, slot.id)
    overbook_reason = overbook_reason.strip()
    if taken >= slot.capacity:
        if not overbook_reason:
            raise SessionFull(
                _(
                    "The {time} session on {day} is full ({taken} of {capacity} places). "
                    "A manager can overbook it with a reason."
                ).format(time=clock(slot.starts_at), day=weekday_words(slot.date), taken=taken, capacity=slot.capacity),
                "session",
            )
        if not has_role(uow.actor.role, MANAGER):
            raise NotAllowed(_("Only a manager can book a visit into a full session."), "session")
    visit = uow.stamp_new(
        m.Visit(
            reference=_unique_reference(uow.session),
            session_id=slot.id,
            prisoner_id=prisoner.id,
            status=VisitStatus.ARRIVED if source is VisitSource.WALK_IN else VisitStatus.BOOKED,
            source=source,
            booked_at=now,
            notes=notes.strip(),
            support_needs=needs,
            overbooked_reason=overbook_reason if taken >= slot.capacity else "",
        ),
        establishment=slot.establishment,
    )
    detail: dict[str, Any] = {"session": slot.id, "party": visitor_ids, "source": str(source)}
    if needs:
        detail["support_needs"] = needs
    summary = f"Booked visit {visit.reference} for {visitors[0].name} to see {prisoner.name}"
    if visit.overbooked_reason:
        detail["overbooked"] = {"places": slot.capacity, "taken": taken, "reason": visit.overbooked_reason}
        summary += f" — overbooked by {uow.actor.name}: {visit.overbooked_reason}"
    # The visit's outbox op goes before its party's: the server applies ops in sequence order.
    uow.record("walk_in" if source is VisitSource.WALK_IN else "book_visit", visit, summary, detail)
    for position, visitor in enumerate(visitors):
        person = uow.stamp_new(
            m.VisitPerson(
                visit_id=visit.id,
                visitor_id=visitor.id,
                position=position,
                session_date=slot.date,
                outcome=PersonOutcome.EXPECTED,
            ),
            establishment=slot.establishment,
        )
        uow.outbox(person)
    return visit


def book_visit(
    uow: UnitOfWork,
    session_id: str,
    prisoner_id: str,
    visitor_ids: list[str],
    source: VisitSource = VisitSource.PHONE,
    overbook_reason: str = "",
    notes: str = "",
    support_needs=(),
) -> str:
    """Book a visit; returns its reference.

    ``support_needs`` are the family's additional support needs: codes of
    core.engagement.SUPPORT_NEEDS ("sensory_aids", "quiet_space", "familiarisation", ...) or
    their own words (at most 200 characters each); shown at check-in (VisitDetail.support_needs).
    Raises InvalidInput (field "support_needs") for an over-long need.
    """
    with uow:
        visit = _book(uow, session_id, prisoner_id, visitor_ids, source, overbook_reason, notes, support_needs)
        uow.commit()
        return visit.reference


def walk_in(
    uow: UnitOfWork,
    session_id: str,
    prisoner_id: str,
    visitor_ids: list[str],
    overbook_reason: str = "",
    notes: str = "",
    support_needs=(),
) -> str:
    """A family who turned up without a booking: book them into one of today's sessions, as arrived."""
    with uow:
        slot = lookups.visit_session(uow.session, session_id)
        if slot.date != uow.clock.today():
            raise NotAllowed(_("A walk-in visit must be in one of today's sessions."), "session")
        visit = _book(
            uow, session_id, prisoner_id, visitor_ids, VisitSource.WALK_IN, overbook_reason, notes, support_needs
        )
        uow.commit()
        return visit.reference


def cancel_visit(uow: UnitOfWork, visit_id: str, reason: str) -> None:
    """Cancel a visit that has not started, freeing its place."""
    reason = reason.strip()
    if not reason:
        raise InvalidInput(_("Please give a reason for cancelling the visit."), "reason")
    with uow:
        visit = lookups.visit(uow.session, visit_id)
        if visit.status not in AWAITING_CHECK_IN:
            raise NotAllowed(
                _("Visit {reference} is {status} and can no longer be cancelled.").format(
                    reference=visit.reference, status=status_words(visit.status)
                )
            )
        mark_cancelled(uow, visit, reason)
        uow.commit()


def mark_cancelled(uow: UnitOfWork, visit: m.Visit, reason: str) -> None:
    """Inside a unit of work: the visit and its expected party cancelled, with the audit and sync ops."""
    visit.status = VisitStatus.CANCELLED
    visit.cancel_reason = reason
    uow.stamp_changed(visit)
    for person in visit.party:
        if person.outcome == PersonOutcome.EXPECTED:
            person.outcome = PersonOutcome.CANCELLED
            person.outcome_at = uow.clock.now()
            uow.stamp_changed(person)
            uow.outbox(person)
    uow.record("cancel_visit", visit, f"Cancelled visit {visit.reference}: {reason}", {"reason": reason})


def approve_child_visit(
    uow: UnitOfWork, prisoner_id: str, visitor_id: str, note: str, valid_until: date | None = None
) -> str:
    """A manager's approval for a child to visit a prisoner with a child-contact restriction."""
    require_role(uow.actor, MANAGER, N_("approve a child's visit under a child-contact restriction"))
    note = note.strip()
    if not note:
        raise InvalidInput(
            _("Please note why the visit is approved (for example, the social work assessment)."), "note"
        )
    with uow:
        prisoner = lookups.prisoner(uow.session, prisoner_id)
        child = lookups.visitor(uow.session, visitor_id)
        today = uow.clock.today()
        if valid_until is not None and valid_until < today:
            raise InvalidInput(_("The approval cannot end in the past."), "valid_until")
        approval = uow.stamp_new(
            m.ChildApproval(
                prisoner_id=prisoner.id,
                visitor_id=child.id,
                approved_by=uow.actor.name,
                approved_on=today,
                valid_until=valid_until,
                note=note,
            ),
            establishment=prisoner.establishment,
        )
        uow.record(
            "approve_child_visit",
            approval,
            f"{uow.actor.name} approved {child.name} visiting {prisoner.name}",
            {"note": note},
        )
        uow.commit()
        return approval.id
