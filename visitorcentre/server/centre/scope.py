"""Which establishments a console user may see, and the checks every centre service makes with it.

A ``Scope`` is the set of establishment codes a user works for, or ``EVERY`` (a national
administrator, the command line). A record outside the scope is answered as if it did not exist
(``NotFound``), so a user learns nothing about another establishment's prisoners.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import ColumnElement, true
from sqlalchemy.orm import InstrumentedAttribute, Session

from visitorcentre.core.errors import InvalidInput, NotFound
from visitorcentre.server import devices

Scope = Collection[str] | None
EVERY: Scope = None


def sees(scope: Scope, establishment: str) -> bool:
    """Whether a user with ``scope`` may see the records of ``establishment``."""
    return scope is None or establishment in scope


def within(scope: Scope, column: InstrumentedAttribute[str]) -> ColumnElement[bool]:
    """A WHERE clause keeping the rows of ``column`` (an establishment code) the user may see."""
    return true() if scope is None else column.in_(sorted(scope))


def record_in_scope(scope: Scope, record: dict | None, what: str) -> dict:
    """The record, or NotFound when there is none or the user may not see it."""
    if record is None or not sees(scope, str(record.get("establishment") or "")):
        raise NotFound(f"There is no {what} with that reference, or it is not one of your establishments.")
    return record


def establishment_for(session: Session, scope: Scope, code: str, field: str = "establishment") -> str:
    """A known establishment's code that the user may work for, or InvalidInput naming ``field``."""
    code = (code or "").strip().upper()
    if not code:
        raise InvalidInput("Choose the establishment.", field)
    if not devices.establishment_id(session, code) or not sees(scope, code):
        raise InvalidInput(f"“{code[:8]}” is not one of your establishments.", field)
    return code
