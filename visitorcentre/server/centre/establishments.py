"""Establishments at the centre: listing them, adding one, and changing its details, visiting rules and contact.

An establishment is an ``establishment`` record in the document store (national: every desk
receives it). Its visiting rules are what every desk's checks stand on: the age from which a
visitor counts as an adult, how many adults and how many people in all may come on one visit,
how late a family may arrive, and what the lockers and the cash desk take. Every change is one
``store.save`` (record, feed, audit entry) in the caller's transaction, and carries the version
the person saw, so two people changing the same establishment never overwrite each other unseen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre.core.errors import ChangedElsewhere, InvalidInput, NotFound
from visitorcentre.core.kinds import Nation
from visitorcentre.server import pass_keys
from visitorcentre.server.centre import store
from visitorcentre.server.centre import typed_values as typed
from visitorcentre.server.centre.access import Scope
from visitorcentre.server.models import Document

ENTITY = "establishment"
NATION_NAMES = {Nation.SCOTLAND: "Scotland", Nation.ENGLAND: "England", Nation.WALES: "Wales"}
#: The visiting rules a new establishment starts with (the desk's own defaults, db.models.Establishment).
STARTING_RULES = {"adult_age": 18, "max_adults": 3, "max_total": 6, "cutoff_minutes": 15}
ADULT_AGES = (16, 21)  # the youngest and oldest age from which a visitor counts as an adult
MOST_PEOPLE = 100  # on one visit (the record's own limit)
LONGEST_CUTOFF = 120  # minutes before a session that arrivals stop


@dataclass(frozen=True)
class Establishment:
    """One establishment as the console shows it (``version``: what a change must be based on)."""

    id: str
    code: str
    name: str
    nation: str
    adult_age: int
    max_adults: int
    max_total: int
    cutoff_minutes: int
    locker_rule: str
    cash_rule: str
    address: str
    booking_line: str
    local_support: str
    version: int
    updated_at: str

    @property
    def nation_name(self) -> str:
        return NATION_NAMES.get(self.nation, self.nation)  # type: ignore[call-overload]

    @classmethod
    def from_record(cls, p: dict[str, Any]) -> Establishment:
        number = lambda key: int(p.get(key) or STARTING_RULES.get(key, 0))  # noqa: E731
        return cls(
            id=str(p["id"]),
            code=str(p.get("code") or p.get("establishment") or ""),
            name=str(p.get("name") or ""),
            nation=str(p.get("nation") or ""),
            adult_age=number("adult_age"),
            max_adults=number("max_adults"),
            max_total=number("max_total"),
            cutoff_minutes=int(p.get("cutoff_minutes") or 0),
            locker_rule=str(p.get("locker_rule") or ""),
            cash_rule=str(p.get("cash_rule") or ""),
            address=str(p.get("address") or ""),
            booking_line=str(p.get("booking_line") or ""),
            local_support=str(p.get("local_support") or ""),
            version=int(p.get("version") or 1),
            updated_at=str(p.get("updated_at") or ""),
        )


# --- reading ---------------------------------------------------------------------------------------


def listed(session: Session, scope: Scope) -> list[Establishment]:
    """The establishments ``scope`` may see, by name."""
    query = select(Document.payload).where(Document.entity == ENTITY)
    if not scope.everywhere:
        query = query.where(Document.establishment.in_(sorted(scope.establishments)))
    found = [Establishment.from_record(p) for p in session.scalars(query.order_by(Document.establishment))]
    return sorted(found, key=lambda e: (e.name.casefold(), e.code))


def _document(session: Session, code: str) -> Document | None:
    return session.scalars(
        select(Document).where(Document.entity == ENTITY, Document.establishment == code).limit(1)
    ).first()


def one(session: Session, scope: Scope, code: str) -> Establishment:
    """The establishment ``code``; NotFound when there is none, or it is outside ``scope``."""
    code = (code or "").strip().upper()
    scope.require_sight(code)
    doc = _document(session, code)
    if doc is None:
        raise NotFound(f"There is no establishment with the code “{code}”.", "establishment")
    return Establishment.from_record(doc.payload)


# --- changes --------------------------------------------------------------------------------------


def _code(value: object) -> str:
    code = typed.line(value, "code", "establishment code", 8, required=True).upper()
    if not re.fullmatch(r"[A-Z0-9]{1,8}", code):
        raise InvalidInput("The establishment code must be 1 to 8 letters or digits, like BAR.", "code")
    return code


def _name(value: object) -> str:
    return typed.line(value, "name", "establishment's name", 120, required=True)


def _nation(value: object) -> str:
    return typed.one_of(value, "nation", "nation the establishment is in", [n.value for n in Nation])


def add(session: Session, scope: Scope, actor: str, now: datetime, code: object, name: object, nation: object) -> str:
    """Add an establishment (national administrators only), with the starting visiting rules and its
    pass-signing key; returns its code. InvalidInput names the field ("code", "name", "nation")."""
    scope.require_national("add an establishment")
    code, name, nation = _code(code), _name(name), _nation(nation)
    if _document(session, code) is not None:
        raise InvalidInput(f"There is already an establishment with the code {code}.", "code")
    store.save(
        session,
        actor=actor,
        action="establishment.added",
        entity=ENTITY,
        row_id=store.new_id(),
        fields={"establishment": code, "code": code, "name": name, "nation": nation, **STARTING_RULES},
        summary=f"Added the establishment {name} ({code})",
        now=now,
    )
    pass_keys.ensure(session, code, now)  # its desks sign passes from their first pull
    return code


def _change(
    session: Session,
    scope: Scope,
    actor: str,
    now: datetime,
    code: str,
    expected_version: int,
    fields: dict[str, Any],
    action: str,
    summary: str,
) -> Establishment:
    place = one(session, scope, code)
    scope.require_change(place.code, "change an establishment")
    if place.version != int(expected_version):
        raise ChangedElsewhere(
            f"Someone else changed {place.name} while you were editing; check what is saved now and make "
            "your change again."
        )
    written = store.save(
        session,
        actor=actor,
        action=action,
        entity=ENTITY,
        row_id=place.id,
        fields=fields,
        summary=f"{summary} of {place.name} ({place.code})",
        now=now,
    )
    return Establishment.from_record(written)


def change_details(
    session: Session, scope: Scope, actor: str, now: datetime, code: str, expected_version: int, *, name, nation
) -> Establishment:
    """Change the establishment's name and nation."""
    fields = {"name": _name(name), "nation": _nation(nation)}
    return _change(
        session,
        scope,
        actor,
        now,
        code,
        expected_version,
        fields,
        "establishment.details_changed",
        "Changed the details",
    )


def check_rules(
    adult_age: object,
    max_adults: object,
    max_total: object,
    cutoff_minutes: object,
    locker_rule: object,
    cash_rule: object,
) -> dict[str, Any]:
    """The visiting rules as the record holds them, or InvalidInput naming the first field at fault."""
    adults = typed.whole_number(max_adults, "max_adults", "most adults on one visit", 1, MOST_PEOPLE)
    rules: dict[str, Any] = {
        "adult_age": typed.whole_number(
            adult_age, "adult_age", "age from which a visitor counts as an adult", *ADULT_AGES
        ),
        "max_adults": adults,
        "max_total": typed.whole_number(max_total, "max_total", "most people on one visit", 1, MOST_PEOPLE),
        "cutoff_minutes": typed.whole_number(
            cutoff_minutes, "cutoff_minutes", "arrival cut-off in minutes", 0, LONGEST_CUTOFF
        ),
        "locker_rule": typed.words(locker_rule, "locker_rule", "locker rule"),
        "cash_rule": typed.words(cash_rule, "cash_rule", "cash rule"),
    }
    if rules["max_total"] < adults:
        raise InvalidInput(f"The most people on one visit must be at least the most adults ({adults}).", "max_total")
    return rules


def change_rules(
    session: Session,
    scope: Scope,
    actor: str,
    now: datetime,
    code: str,
    expected_version: int,
    *,
    adult_age,
    max_adults,
    max_total,
    cutoff_minutes,
    locker_rule,
    cash_rule,
) -> Establishment:
    """Change the visiting rules (every desk of the establishment checks visits by them from its next sync)."""
    rules = check_rules(adult_age, max_adults, max_total, cutoff_minutes, locker_rule, cash_rule)
    return _change(
        session,
        scope,
        actor,
        now,
        code,
        expected_version,
        rules,
        "establishment.rules_changed",
        "Changed the visiting rules",
    )


def change_contact(
    session: Session,
    scope: Scope,
    actor: str,
    now: datetime,
    code: str,
    expected_version: int,
    *,
    address,
    booking_line,
    local_support,
) -> Establishment:
    """Change the address, the booking line and the local support printed on the leaflets (one per line)."""
    lines = [
        " ".join(part.split()) for part in typed.words(local_support, "local_support", "local support").splitlines()
    ]
    fields = {
        "address": typed.words(address, "address", "address", 500),
        "booking_line": typed.line(booking_line, "booking_line", "booking line", 40),
        "local_support": "\n".join(part for part in lines if part),
    }
    if fields["booking_line"] and not re.fullmatch(r"[0-9 +()\-]{6,40}", fields["booking_line"]):
        raise InvalidInput("The booking line must be a telephone number, like 0141 770 2059.", "booking_line")
    return _change(
        session,
        scope,
        actor,
        now,
        code,
        expected_version,
        fields,
        "establishment.contact_changed",
        "Changed the contact details",
    )
