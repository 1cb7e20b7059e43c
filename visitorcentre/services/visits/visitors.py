"""Registering and editing visitors, and linking them to the prisoner they visit."""

from __future__ import annotations

from dataclasses import asdict

from sqlalchemy import select

from visitorcentre import i18n
from visitorcentre.core import names
from visitorcentre.core.errors import ChangedElsewhere, InvalidInput, NotAllowed
from visitorcentre.core.kinds import ListStatus, RelationshipKind
from visitorcentre.core.roles import MANAGER, has_role
from visitorcentre.core.visitor_details import VisitorDetails, validate
from visitorcentre.db import models as m
from visitorcentre.i18n import _
from visitorcentre.services.unit_of_work import UnitOfWork
from visitorcentre.services.visits import lookups
from visitorcentre.services.words import full_date


def _apply(visitor: m.Visitor, details: VisitorDetails) -> None:
    for key, value in asdict(details).items():
        setattr(visitor, key, value)
    visitor.search_terms = names.search_terms(details.first_name, details.last_name)


def _refuse_duplicate(uow: UnitOfWork, details: VisitorDetails, other_than: str | None = None) -> None:
    same_name = names.identity(details.first_name, details.last_name)
    for existing in uow.session.scalars(select(m.Visitor).where(m.Visitor.date_of_birth == details.date_of_birth)):
        if existing.id != other_than and names.identity(existing.first_name, existing.last_name) == same_name:
            raise InvalidInput(
                _("{name}, born {born}, is already registered — search for them instead of adding them again.").format(
                    name=existing.name, born=full_date(existing.date_of_birth)
                ),
                "first_name",
            )


def register_visitor(
    uow: UnitOfWork,
    details: VisitorDetails,
    prisoner_id: str | None = None,
    kind: RelationshipKind | None = None,
    list_status: ListStatus = ListStatus.PENDING,
) -> str:
    """Add a new visitor (and, if given, their tie to a prisoner); returns the visitor id."""
    with uow:
        details = validate(details, uow.clock.today())
        _refuse_duplicate(uow, details)
        visitor = m.Visitor()
        _apply(visitor, details)
        uow.stamp_new(visitor)
        uow.record("register_visitor", visitor, f"Registered {visitor.name}")
        if prisoner_id:
            _link(uow, visitor, prisoner_id, kind or RelationshipKind.OTHER_RELATIVE, list_status)
        uow.commit()
        return visitor.id


def edit_visitor(uow: UnitOfWork, visitor_id: str, details: VisitorDetails, expected_version: int) -> None:
    """Change a visitor's details; refuses if someone else changed them since they were opened."""
    with uow:
        visitor = lookups.visitor(uow.session, visitor_id)
        if visitor.version != expected_version:
            raise ChangedElsewhere(
                _(
                    "{name}'s details were changed on another desk; "
                    "they have been reloaded — please make your change again."
                ).format(name=visitor.name)
            )
        details = validate(details, uow.clock.today())
        _refuse_duplicate(uow, details, other_than=visitor.id)
        before = {k: getattr(visitor, k) for k in asdict(details)}
        _apply(visitor, details)
        changed = sorted(k for k, v in before.items() if getattr(visitor, k) != v)
        if not changed:
            return
        uow.stamp_changed(visitor)
        uow.record("edit_visitor", visitor, f"Changed {visitor.name}: {', '.join(changed)}", {"fields": changed})
        uow.commit()


def _link(
    uow: UnitOfWork, visitor: m.Visitor, prisoner_id: str, kind: RelationshipKind, list_status: ListStatus
) -> m.Relationship:
    if list_status != ListStatus.PENDING and not has_role(uow.actor.role, MANAGER):
        raise NotAllowed(
            _(
                "Only a manager can put someone on a prisoner's approved visitor list; "
                "add them as waiting for approval."
            ),
            "list_status",
        )
    prisoner = lookups.prisoner(uow.session, prisoner_id)
    existing = uow.session.scalar(
        select(m.Relationship).where(m.Relationship.visitor_id == visitor.id, m.Relationship.prisoner_id == prisoner.id)
    )
    if existing:
        raise InvalidInput(
            _("{name} is already linked to {prisoner}.").format(name=visitor.name, prisoner=prisoner.name), "prisoner"
        )
    link = uow.stamp_new(
        m.Relationship(visitor_id=visitor.id, prisoner_id=prisoner.id, kind=kind, list_status=list_status),
        establishment=prisoner.establishment,
    )
    uow.record("link_visitor", link, f"Linked {visitor.name} to {prisoner.name} ({kind}, {list_status})")
    return link


def link_visitor(
    uow: UnitOfWork,
    visitor_id: str,
    prisoner_id: str,
    kind: RelationshipKind,
    list_status: ListStatus = ListStatus.PENDING,
) -> str:
    """Record that a visitor visits a prisoner; returns the relationship id."""
    with uow:
        link = _link(uow, lookups.visitor(uow.session, visitor_id), prisoner_id, kind, list_status)
        uow.commit()
        return link.id


def set_family_language(uow: UnitOfWork, visit_id: str, language: str) -> None:
    """Remember ``language`` ("en", "pl", "gd") for the family of ``visit_id`` on its lead visitor's record.

    From then on the family's advice, pass, leaflets and feedback screen come in it. Raises
    InvalidInput (field "language") for a language the desk cannot print.
    """
    if language not in i18n.LANGUAGES:
        raise InvalidInput(
            _("There is no language “{language}” (known: {known}).").format(
                language=language, known=", ".join(i18n.LANGUAGES)
            ),
            "language",
        )
    with uow:
        visit = lookups.visit(uow.session, visit_id)
        if not visit.party:
            raise InvalidInput(_("This visit has nobody in its party to remember a language for."), "language")
        visitor = visit.party[0].visitor
        if visitor.language == language:
            return
        before = visitor.language
        visitor.language = language
        uow.stamp_changed(visitor)
        uow.record(
            "set_family_language",
            visitor,
            f"{visitor.name}'s family's language: {before} → {language}",
            {"fields": ["language"], "language": language},
        )
        uow.commit()
