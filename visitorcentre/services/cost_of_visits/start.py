"""A new cost-of-visits application, filled in from what the desk already knows (a visit, or a visitor)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre.core.ages import age_on
from visitorcentre.core.cost_of_visits.views import ApplicationForm, Child, Claimant
from visitorcentre.core.cost_of_visits.vocab import Benefit, ChildOf, ClaimRelationship
from visitorcentre.core.errors import NotFound
from visitorcentre.core.kinds import Nation, RelationshipKind
from visitorcentre.db import cost_of_visits as store
from visitorcentre.db import models as m
from visitorcentre.i18n import _
from visitorcentre.services.visits import lookups

#: The desk's relationship kinds in the scheme's words; the worker can change the answer.
RELATIONSHIP_FOR_KIND: dict[str, ClaimRelationship] = {
    RelationshipKind.PARTNER: ClaimRelationship.PARTNER,
    RelationshipKind.SPOUSE: ClaimRelationship.SPOUSE,
    RelationshipKind.CHILD: ClaimRelationship.CHILD,
    RelationshipKind.PARENT: ClaimRelationship.PARENT,
    RelationshipKind.SIBLING: ClaimRelationship.SIBLING,
    RelationshipKind.GRANDPARENT: ClaimRelationship.GRANDPARENT,
    RelationshipKind.GRANDCHILD: ClaimRelationship.GRANDCHILD,
    RelationshipKind.OTHER_RELATIVE: ClaimRelationship.OTHER,
    RelationshipKind.FRIEND: ClaimRelationship.FRIEND,
    RelationshipKind.PROFESSIONAL: ClaimRelationship.OTHER,
}


def _kind(session: Session, visitor_id: str, prisoner_id: str) -> str | None:
    return session.scalar(
        select(m.Relationship.kind).where(
            m.Relationship.visitor_id == visitor_id, m.Relationship.prisoner_id == prisoner_id
        )
    )


def _establishment(session: Session, code: str) -> m.Establishment | None:
    return session.scalar(select(m.Establishment).where(m.Establishment.code == code))


def new_form(
    session: Session, today: date, desk_establishment: str, visit_id: str | None, visitor_id: str | None
) -> ApplicationForm:
    """A new (unsaved) application prefilled from a visit, or else from a visitor.

    From a visit: the lead visitor as claimant, the prisoner, the relationship (from the
    visitor's relationship kind), the visit date, the prison's nation and the children in
    the party. From a visitor: the claimant and, when they visit exactly one prisoner, that
    prisoner; the visit date is today. ``claims_in_last_12_months`` is counted from this
    desk's records. Raises NotFound for an unknown visit or visitor, InvalidInput if neither
    is given.
    """
    visit = lookups.visit(session, visit_id) if visit_id else None
    if visit is not None:
        claimant = visit.party[0].visitor
        prisoner: m.Prisoner | None = visit.prisoner
        visit_date = visit.session.date
        code = visit.establishment
        children = tuple(
            Child(
                person.visitor.date_of_birth,
                ChildOf.PRISONER
                if _kind(session, person.visitor_id, visit.prisoner_id) == RelationshipKind.CHILD
                else ChildOf.CLAIMANT,
                person.visitor.name,
                person.visitor_id,
            )
            for person in visit.party[1:]
            if age_on(person.visitor.date_of_birth, visit_date) < 18
        )
    elif visitor_id is None:
        raise NotFound(_("Choose the visit, or the visitor who claims."), "visitor")
    else:
        claimant = lookups.visitor(session, visitor_id)
        prisoner_ids = list(
            session.scalars(select(m.Relationship.prisoner_id).where(m.Relationship.visitor_id == claimant.id))
        )
        prisoner = session.get(m.Prisoner, prisoner_ids[0]) if len(prisoner_ids) == 1 else None
        visit_date, children = today, ()
        code = prisoner.establishment if prisoner is not None else desk_establishment
    establishment = _establishment(session, code) or _establishment(session, desk_establishment)
    kind = _kind(session, claimant.id, prisoner.id) if prisoner is not None else None
    relationship = RELATIONSHIP_FOR_KIND.get(kind, ClaimRelationship.OTHER) if kind else ClaimRelationship.OTHER
    return ApplicationForm(
        prison_nation=establishment.nation if establishment else Nation.SCOTLAND,
        visit_date=visit_date,
        application_date=today,
        claimant=Claimant(claimant.date_of_birth, str(relationship), str(Benefit.NONE)),
        children=children,
        claims_in_last_12_months=store.claims_in_last_12_months(session, claimant.id, today),
        hours_away_from_home=Decimal(0),
        claimant_id=claimant.id,
        claimant_name=claimant.name,
        prisoner_id=prisoner.id if prisoner else None,
        prisoner_name=prisoner.name if prisoner else "",
        prisoner_number=prisoner.prison_number if prisoner else "",
        visit_id=visit.id if visit else None,
        establishment=establishment.code if establishment else desk_establishment,
        establishment_name=establishment.name if establishment else "",
        language=claimant.language or "en",
    )
