"""Support services for families, as the desk's support directory lists them (``support_service`` records).

A local service belongs to one establishment and reaches its desks; a national one (Families
Outside's helpline and the like) reaches every desk and only a national administrator changes it.
The short "local support" lines printed on the leaflets are the establishment's own field
(``establishments.change_contact``); these records are the fuller directory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre.core.engagement import SUPPORT_CATEGORIES
from visitorcentre.core.errors import ChangedElsewhere, InvalidInput, NotFound
from visitorcentre.server.centre import establishments, store
from visitorcentre.server.centre import typed_values as typed
from visitorcentre.server.centre.access import Scope
from visitorcentre.server.models import Document

ENTITY = "support_service"


@dataclass(frozen=True)
class Service:
    id: str
    establishment: str
    name: str
    category: str
    description: str
    phone: str
    website: str
    hours: str
    national: bool
    position: int
    version: int

    @property
    def category_name(self) -> str:
        return SUPPORT_CATEGORIES.get(self.category, self.category)

    @classmethod
    def from_record(cls, p: dict[str, Any]) -> Service:
        return cls(
            id=str(p["id"]),
            establishment=str(p.get("establishment") or ""),
            name=str(p.get("name") or ""),
            category=str(p.get("category") or "other"),
            description=str(p.get("description") or ""),
            phone=str(p.get("phone") or ""),
            website=str(p.get("website") or ""),
            hours=str(p.get("hours") or ""),
            national=bool(p.get("national")),
            position=int(p.get("position") or 0),
            version=int(p.get("version") or 1),
        )


@dataclass(frozen=True)
class Details:
    """What the service form holds."""

    name: object
    category: object
    description: object = ""
    phone: object = ""
    website: object = ""
    hours: object = ""


def listed(session: Session, scope: Scope, code: str) -> list[Service]:
    """The services families at ``code`` are told about: the national ones and the establishment's own."""
    place = establishments.one(session, scope, code)
    # A few hundred at most nationally: read them all rather than look inside the JSON for "national".
    payloads = session.scalars(select(Document.payload).where(Document.entity == ENTITY))
    found = [Service.from_record(p) for p in payloads]
    found = [s for s in found if s.national or s.establishment == place.code]
    order = list(SUPPORT_CATEGORIES)
    return sorted(
        found,
        key=lambda s: (
            order.index(s.category) if s.category in order else len(order),
            not s.national,
            s.position,
            s.name,
        ),
    )


def one(session: Session, scope: Scope, service_id: str) -> Service:
    doc = session.get(Document, (ENTITY, service_id))
    if doc is None:
        raise NotFound("There is no such support service.", "service")
    service = Service.from_record(doc.payload)
    if not service.national:
        scope.require_sight(service.establishment)
    return service


def _checked(details: Details) -> dict[str, Any]:
    fields = {
        "name": typed.line(details.name, "name", "service's name", 120, required=True),
        "category": typed.one_of(details.category, "category", "kind of support", SUPPORT_CATEGORIES),
        "description": typed.words(details.description, "description", "description", 1000),
        "phone": typed.line(details.phone, "phone", "telephone number", 40),
        "website": typed.line(details.website, "website", "website", 120),
        "hours": typed.line(details.hours, "hours", "opening hours", 120),
    }
    if fields["phone"] and not re.fullmatch(r"[0-9 +()\-]{3,40}", fields["phone"]):
        raise InvalidInput("The telephone number can hold only digits, spaces, +, ( ) and -.", "phone")
    if fields["website"] and not re.fullmatch(r"(https?://)?[\w.-]+\.[a-z]{2,}(/\S*)?", fields["website"], re.I):
        raise InvalidInput("The website must be an address, like www.familiesoutside.org.uk.", "website")
    return fields


def add(
    session: Session, scope: Scope, actor: str, now: datetime, code: str, details: Details, national: bool = False
) -> Service:
    """Add a service local to ``code`` (or, for a national administrator, a national one)."""
    place = establishments.one(session, scope, code)
    if national:
        scope.require_national("add a national support service")
    scope.require_change(place.code, "change the support services")
    fields = _checked(details)
    mine = listed(session, scope, place.code)
    position = max((s.position for s in mine if s.national == national), default=99 if not national else -1) + 1
    written = store.save(
        session,
        actor=actor,
        action="support_service.added",
        entity=ENTITY,
        row_id=store.new_id(),
        fields=fields | {"establishment": place.code, "national": national, "position": position},
        summary=f"Added the {'national' if national else 'local'} support service {fields['name']}",
        now=now,
    )
    return Service.from_record(written)


def change(
    session: Session, scope: Scope, actor: str, now: datetime, service_id: str, expected_version: int, details: Details
) -> Service:
    """Change a service's details (a national one: national administrators only)."""
    service = one(session, scope, service_id)
    if service.national:
        scope.require_national("change a national support service")
    else:
        scope.require_change(service.establishment, "change the support services")
    if service.version != int(expected_version):
        raise ChangedElsewhere("Someone else changed this service while you were editing; make your change again.")
    written = store.save(
        session,
        actor=actor,
        action="support_service.changed",
        entity=ENTITY,
        row_id=service.id,
        fields=_checked(details),
        summary=f"Changed the support service {service.name}",
        now=now,
    )
    return Service.from_record(written)
