"""Finding the rows a service acts on, with a plain message when one is missing."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre.core import references
from visitorcentre.core.errors import NotFound
from visitorcentre.db import models as m
from visitorcentre.i18n import _


def visit(session: Session, visit_id_or_reference: str) -> m.Visit:
    """A visit by id or by reference (as typed)."""
    found = session.get(m.Visit, visit_id_or_reference)
    if found is None:
        reference = references.normalise(visit_id_or_reference)
        if reference:
            found = session.scalar(select(m.Visit).where(m.Visit.reference == reference))
    if found is None:
        raise NotFound(
            _("There is no visit with the reference “{reference}”.").format(reference=visit_id_or_reference),
            "reference",
        )
    return found


def visitor(session: Session, visitor_id: str) -> m.Visitor:
    found = session.get(m.Visitor, visitor_id)
    if found is None:
        raise NotFound(_("There is no visitor with the id “{id}”.").format(id=visitor_id), "visitor")
    return found


def prisoner(session: Session, prisoner_id: str) -> m.Prisoner:
    found = session.get(m.Prisoner, prisoner_id)
    if found is None:
        found = session.scalar(select(m.Prisoner).where(m.Prisoner.prison_number == prisoner_id.strip().upper()))
    if found is None:
        raise NotFound(_("There is no prisoner “{id}” on the roster.").format(id=prisoner_id), "prisoner")
    return found


def visit_session(session: Session, session_id: str, for_update: bool = False) -> m.VisitSession:
    query = select(m.VisitSession).where(m.VisitSession.id == session_id)
    if for_update:
        query = query.with_for_update()
    found = session.scalar(query)
    if found is None:
        raise NotFound(_("That session no longer exists; please pick another."), "session")
    return found
