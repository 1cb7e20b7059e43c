"""Settling the visits that need review (db.review raises the flags): checked and going ahead, the
party changed, or cancelled; how the family was told; and moving a booking off a blocked session."""

from __future__ import annotations

from sqlalchemy import select

from visitorcentre.core import review
from visitorcentre.core.errors import InvalidInput, NotAllowed, NotFound, SessionFull
from visitorcentre.core.kinds import AWAITING_CHECK_IN, PersonOutcome, VisitStatus
from visitorcentre.db import models as m
from visitorcentre.i18n import _
from visitorcentre.services.unit_of_work import UnitOfWork
from visitorcentre.services.visits import bookings, lookups
from visitorcentre.services.words import clock, day_month, status_words

_TOLD_WORDS = {"printed": "a printed letter", "phoned": "a phone call", "": "not yet"}


def _open_flag(uow: UnitOfWork, review_id: str) -> m.VisitReview:
    flag = uow.session.get(m.VisitReview, review_id)
    if flag is None:
        raise NotFound(_("This desk has no such visit to review."), "review")
    if flag.resolved_at is not None:
        raise NotAllowed(
            _("This was already settled by {who}.").format(who=flag.resolved_by or _("another desk")), "review"
        )
    return flag


def _settle(uow: UnitOfWork, flag: m.VisitReview, resolution: str, family_told: str, note: str) -> None:
    if family_told not in ("", *review.FAMILY_TOLD):
        raise InvalidInput(_("Say how the family was told: a printed letter, or a phone call."), "family_told")
    flag.resolved_at = uow.clock.utcnow()
    flag.resolved_by = uow.actor.name
    flag.resolution = resolution
    flag.family_told = family_told
    flag.note = note.strip()
    uow.stamp_changed(flag)
    uow.record(
        "resolve_review",
        flag,
        f"Visit review settled by {uow.actor.name}: {review.RESOLUTION_LABELS[resolution]} "
        f"(family told: {_TOLD_WORDS[family_told]})",
        {"resolution": resolution, "family_told": family_told, "reason": flag.reason},
    )


def resolve_review(uow: UnitOfWork, review_id: str, resolution: str, family_told: str = "", note: str = "") -> None:
    """Settle a visit that needs review: "goes_ahead" (checked, it goes ahead) or "party_changed"
    (after the party was changed through the booking). ``family_told`` is "printed", "phoned" or
    "" (not told yet). To cancel, use ``cancel_for_review``. The settling reaches every desk."""
    if resolution not in (review.GOES_AHEAD, review.PARTY_CHANGED):
        raise InvalidInput(
            _("Choose “checked, goes ahead” or “party changed”; cancelling needs a reason."), "resolution"
        )
    with uow:
        _settle(uow, _open_flag(uow, review_id), resolution, family_told, note)
        uow.commit()


def cancel_for_review(uow: UnitOfWork, review_id: str, reason: str, family_told: str = "") -> None:
    """Cancel the flagged visit with a reason (as ``bookings.cancel_visit``) and settle every open
    flag on it as "cancelled", in one transaction."""
    reason = reason.strip()
    if not reason:
        raise InvalidInput(_("Please give a reason for cancelling the visit."), "reason")
    with uow:
        flag = _open_flag(uow, review_id)
        visit = lookups.visit(uow.session, flag.visit_id)
        if visit.status not in AWAITING_CHECK_IN:
            raise NotAllowed(
                _("Visit {reference} is {status} and can no longer be cancelled.").format(
                    reference=visit.reference, status=status_words(visit.status)
                )
            )
        bookings.mark_cancelled(uow, visit, reason)
        others = uow.session.scalars(
            select(m.VisitReview).where(m.VisitReview.visit_id == visit.id, m.VisitReview.resolved_at.is_(None))
        )
        for each in others:
            _settle(uow, each, review.CANCELLED, family_told, reason)
        uow.commit()


def change_party(uow: UnitOfWork, review_id: str, take_off: list[str], family_told: str = "", note: str = "") -> None:
    """Take the visitors ``take_off`` off the flagged visit (they no longer come; the others still
    do) and settle the flag as "party_changed". Someone must stay: to stop the whole visit, cancel it."""
    with uow:
        flag = _open_flag(uow, review_id)
        visit = lookups.visit(uow.session, flag.visit_id)
        if visit.status not in AWAITING_CHECK_IN:
            raise NotAllowed(
                _("Visit {reference} is {status}; its party cannot change.").format(
                    reference=visit.reference, status=status_words(visit.status)
                )
            )
        chosen = set(take_off)
        if not chosen:
            raise InvalidInput(_("Tick who no longer comes on this visit."), "party")
        expected = [p for p in visit.party if p.outcome == PersonOutcome.EXPECTED]
        if chosen - {p.visitor_id for p in expected}:
            raise InvalidInput(_("Someone ticked is not expected on this visit."), "party")
        leaving = [p for p in expected if p.visitor_id in chosen]
        if len(leaving) == len(expected):
            raise InvalidInput(_("Nobody would be left on the visit: cancel it instead."), "party")
        now = uow.clock.now()
        for person in leaving:
            person.outcome = PersonOutcome.CANCELLED
            person.outcome_at = now
            uow.stamp_changed(person)
            uow.outbox(person)
        names = ", ".join(p.visitor.name for p in leaving)
        uow.audit(
            "change_party",
            visit,
            f"Took {names} off visit {visit.reference}",
            {"taken_off": [p.visitor_id for p in leaving]},
        )
        _settle(uow, flag, review.PARTY_CHANGED, family_told, note.strip() or f"Taken off the visit: {names}")
        uow.commit()


def move_booking(uow: UnitOfWork, review_id: str, session_id: str, family_told: str = "") -> None:
    """Move the flagged visit, party and all, to another session with a place (one of
    ``db.session_queries.nearest_with_places``), and settle its open flags as "party_changed"."""
    with uow:
        flag = _open_flag(uow, review_id)
        visit = lookups.visit(uow.session, flag.visit_id)
        if visit.status != VisitStatus.BOOKED:
            raise NotAllowed(
                _("Visit {reference} is {status} and cannot be moved.").format(
                    reference=visit.reference, status=status_words(visit.status)
                )
            )
        slot = lookups.visit_session(uow.session, session_id, for_update=True)
        if slot.id == visit.session_id:
            raise InvalidInput(_("Choose a different session from the one the visit is on."), "session")
        if slot.blocked_reason.strip() or slot.establishment != visit.session.establishment:
            raise NotAllowed(_("That session cannot take bookings; choose another."), "session")
        if slot.date < uow.clock.today():
            raise NotAllowed(_("That session has already taken place; choose another."), "session")
        if bookings.places_taken(uow.session, slot.id) >= slot.capacity:
            raise SessionFull(
                _("The {time} session on {day} is full.").format(time=clock(slot.starts_at), day=day_month(slot.date)),
                "session",
            )
        old = visit.session
        visit.session_id = slot.id
        visit.session = slot
        uow.stamp_changed(visit)
        uow.record(
            "move_visit",
            visit,
            f"Moved visit {visit.reference} from {old.date:%d %b} {old.starts_at:%H:%M} "
            f"to {slot.date:%d %b} {slot.starts_at:%H:%M}",
            {"from": old.id, "to": slot.id},
        )
        for person in visit.party:
            if person.session_date != slot.date:
                person.session_date = slot.date
                uow.stamp_changed(person)
                uow.outbox(person)
        others = uow.session.scalars(
            select(m.VisitReview).where(m.VisitReview.visit_id == visit.id, m.VisitReview.resolved_at.is_(None))
        )
        for each in others:
            _settle(
                uow,
                each,
                review.PARTY_CHANGED,
                family_told,
                f"{review.MOVED_NOTE}{slot.date:%d %B} {slot.starts_at:%H:%M}",
            )
        uow.commit()
