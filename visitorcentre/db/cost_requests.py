"""Applications waiting for the family: those the central team put back with a request for information."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from visitorcentre.core.cost_of_visits.history import INFORMATION_DAYS, information_due
from visitorcentre.core.cost_of_visits.views import InformationRequest
from visitorcentre.core.cost_of_visits.vocab import ApplicationStatus
from visitorcentre.db import models as m
from visitorcentre.db.cost_of_visits import decision_of


def information_requests(
    session: Session, establishment: str | None, visitor_ids: Iterable[str] | None = None
) -> list[InformationRequest]:
    """Applications needing information (of ``establishment``; of these claimants if given), soonest due first.

    What was asked comes from the newest "needs information" decision; an application put back
    without one (an older centre) says so from its status event's note.
    """
    query = (
        select(m.CostApplication, m.Visitor, m.Prisoner)
        .join(m.Visitor, m.Visitor.id == m.CostApplication.claimant_id)
        .join(m.Prisoner, m.Prisoner.id == m.CostApplication.prisoner_id)
        .where(m.CostApplication.status == ApplicationStatus.NEEDS_INFORMATION)
    )
    if establishment:
        query = query.where(m.CostApplication.establishment == establishment)
    if visitor_ids is not None:
        query = query.where(m.CostApplication.claimant_id.in_(list(visitor_ids)))
    found = []
    for row, visitor, prisoner in session.execute(query):
        decision = session.scalars(
            select(m.CostDecision)
            .where(
                m.CostDecision.application_id == row.id,
                m.CostDecision.outcome == ApplicationStatus.NEEDS_INFORMATION,
            )
            .order_by(m.CostDecision.decided_at.desc(), m.CostDecision.created_at.desc())
        ).first()
        if decision is not None:
            asked = decision_of(decision)
            what, at, due = asked.note, asked.decided_at, information_due(asked)
        else:
            event = session.scalars(
                select(m.CostApplicationEvent)
                .where(
                    m.CostApplicationEvent.application_id == row.id,
                    m.CostApplicationEvent.status == ApplicationStatus.NEEDS_INFORMATION,
                )
                .order_by(m.CostApplicationEvent.at.desc())
            ).first()
            at = event.at if event is not None else row.updated_at
            what = event.note if event is not None else ""
            due = at.date() + timedelta(days=INFORMATION_DAYS)
        found.append(
            InformationRequest(
                application_id=row.id,
                reference=row.reference,
                claimant_id=row.claimant_id,
                claimant_name=visitor.name,
                prisoner_name=prisoner.name,
                visit_date=row.visit_date,
                asked_for=what,
                asked_at=at,
                due=due,
            )
        )
    return sorted(found, key=lambda r: (r.due, r.reference))


def information_request_count(session: Session, establishment: str | None) -> int:
    """How many applications wait for the family's information (a cheap count for the Today board)."""
    query = (
        select(func.count())
        .select_from(m.CostApplication)
        .where(m.CostApplication.status == ApplicationStatus.NEEDS_INFORMATION)
    )
    if establishment:
        query = query.where(m.CostApplication.establishment == establishment)
    return session.scalar(query) or 0
