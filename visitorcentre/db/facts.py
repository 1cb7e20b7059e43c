"""Turning database rows into the plain facts the core checks take."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from visitorcentre.core import checks
from visitorcentre.core.errors import NotFound
from visitorcentre.core.kinds import ADMITTED, BanScope, ListStatus, PersonOutcome, PrisonerStatus, RestrictionKind
from visitorcentre.core.restrictions import Restriction
from visitorcentre.core.words import said
from visitorcentre.db import models as m


def house_rules(establishment: m.Establishment) -> checks.HouseRules:
    return checks.HouseRules(
        code=establishment.code,
        name=establishment.name,
        adult_age=establishment.adult_age,
        max_adults=establishment.max_adults,
        max_total=establishment.max_total,
        cutoff_minutes=establishment.cutoff_minutes,
    )


def prisoner_facts(
    session: Session, prisoner: m.Prisoner, restrictions: tuple[Restriction, ...] | None = None
) -> checks.Prisoner:
    """The prisoner as the checks take them, with the centre's restrictions on their visits
    (read here unless given, as ``restrictions_for`` reads them for many prisoners at once)."""
    return checks.Prisoner(
        id=prisoner.id,
        number=prisoner.prison_number,
        name=prisoner.name,
        establishment=prisoner.establishment,
        status=PrisonerStatus(prisoner.status),
        no_child_contact=prisoner.no_child_contact,
        closed_visits=prisoner.closed_visits,
        restrictions=restrictions_of(session, prisoner.id) if restrictions is None else restrictions,
    )


def restrictions_of(session: Session, prisoner_id: str) -> tuple[Restriction, ...]:
    """Every restriction the centre has put on a prisoner's visits, in force or not, earliest first."""
    return restrictions_for(session, [prisoner_id]).get(prisoner_id, ())


def restrictions_for(session: Session, prisoner_ids: list[str]) -> dict[str, tuple[Restriction, ...]]:
    """``restrictions_of`` for each of several prisoners, in one query (prisoners with none left out)."""
    found: dict[str, list[Restriction]] = defaultdict(list)
    rows = session.scalars(
        select(m.PrisonerRestriction)
        .where(m.PrisonerRestriction.prisoner_id.in_(prisoner_ids))
        .order_by(m.PrisonerRestriction.starts_on, m.PrisonerRestriction.id)
    )
    for r in rows:
        found[r.prisoner_id].append(
            Restriction(
                kind=RestrictionKind(r.kind),
                reason=r.reason,
                starts_on=r.starts_on,
                ends_on=r.ends_on,
                detail=r.detail,
                lifted_on=r.lifted_on,
                lifted_reason=r.lifted_reason,
            )
        )
    return {prisoner_id: tuple(each) for prisoner_id, each in found.items()}


def establishment(session: Session, code: str) -> m.Establishment | None:
    return session.scalar(select(m.Establishment).where(m.Establishment.code == code))


def known_establishment(session: Session, code: str) -> m.Establishment:
    """The establishment a row of this database names (its own, or a visit's); NotFound if it is missing."""
    found = establishment(session, code)
    if found is None:
        raise NotFound(said("This desk's records have no establishment {code}.", code=code), "establishment")
    return found


def ban_facts(ban: m.Ban) -> checks.Ban:
    """A ban as the checks take it."""
    return checks.Ban(
        scope=BanScope(ban.scope),
        reason=ban.reason,
        starts_on=ban.starts_on,
        ends_on=ban.ends_on,
        establishment=ban.establishment,
        prisoner_id=ban.prisoner_id,
        lifted_on=ban.lifted_on,
    )


def people_facts(session: Session, prisoner_id: str, visitors: list[m.Visitor], day: date) -> list[checks.Person]:
    """Check facts for each visitor (in the order given) visiting ``prisoner_id`` on ``day``."""
    ids = [v.id for v in visitors]
    statuses = dict(
        session.execute(
            select(m.Relationship.visitor_id, m.Relationship.list_status).where(
                m.Relationship.prisoner_id == prisoner_id, m.Relationship.visitor_id.in_(ids)
            )
        ).all()
    )
    bans: dict[str, list[checks.Ban]] = defaultdict(list)
    for ban in session.scalars(select(m.Ban).where(m.Ban.visitor_id.in_(ids))):
        bans[ban.visitor_id].append(ban_facts(ban))
    approvals = {
        a.visitor_id: f"{a.approved_by}, {a.approved_on:%d %b %Y}"
        for a in session.scalars(
            select(m.ChildApproval).where(
                m.ChildApproval.prisoner_id == prisoner_id,
                m.ChildApproval.visitor_id.in_(ids),
                m.ChildApproval.approved_on <= day,
                or_(m.ChildApproval.valid_until.is_(None), m.ChildApproval.valid_until >= day),
            )
        )
    }
    return [
        checks.Person(
            visitor_id=v.id,
            name=v.name,
            date_of_birth=v.date_of_birth,
            list_status=ListStatus(statuses[v.id]) if v.id in statuses else None,
            bans=tuple(bans[v.id]),
            child_approval=approvals.get(v.id),
        )
        for v in visitors
    ]


def is_first_visit(session: Session, visitor_ids: list[str], before: datetime) -> bool:
    """True when none of these visitors has an earlier visit that went ahead."""
    count = session.scalar(
        select(func.count())
        .select_from(m.VisitPerson)
        .join(m.Visit, m.Visit.id == m.VisitPerson.visit_id)
        .join(m.VisitSession, m.VisitSession.id == m.Visit.session_id)
        .where(
            m.VisitPerson.visitor_id.in_(visitor_ids),
            m.VisitPerson.outcome == PersonOutcome.CHECKED_IN,
            m.Visit.status.in_(list(ADMITTED)),
            m.VisitSession.date < before.date(),
        )
    )
    return not count


def assess_visit(
    session: Session, visit: m.Visit, people: list[m.VisitPerson], arrived_at: datetime | None = None
) -> checks.Assessment:
    """Every check for ``people`` of ``visit`` (those going in, lead first)."""
    est = known_establishment(session, visit.session.establishment)
    visitors = [p.visitor for p in people]
    facts = people_facts(session, visit.prisoner_id, visitors, visit.session.date)
    first = is_first_visit(session, [v.id for v in visitors], visit.session.start) if arrived_at else False
    return checks.assess(
        prisoner_facts(session, visit.prisoner),
        facts,
        house_rules(est),
        visit.session.date,
        arrived_at=arrived_at,
        session_start=visit.session.start if arrived_at else None,
        first_visit=first,
        blocked_reason=visit.session.blocked_reason,
    )
