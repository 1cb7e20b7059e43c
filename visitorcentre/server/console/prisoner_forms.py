"""What the prisoner pages share: who may read or change, the user's scope, dates for date inputs, establishments."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends
from sqlalchemy.orm import Session

from visitorcentre.server.centre.scope import Scope
from visitorcentre.server.console.accounts import ADMINS, ANALYST, NATIONAL_ADMIN, Staff
from visitorcentre.server.console.users import establishment_choices
from visitorcentre.server.console.web import require

READERS = (*ADMINS, ANALYST)  # who may look at prisoners (an analyst reads only)
#: The signed-in person, for a page that reads prisoners / changes them / manages integrations.
Reading = Annotated[Staff, Depends(require(*READERS))]
Changing = Annotated[Staff, Depends(require(*ADMINS))]
National = Annotated[Staff, Depends(require(NATIONAL_ADMIN))]
STATUS_CHOICES = [("remand", "Remand"), ("convicted", "Convicted")]


def scope_of(staff: Staff) -> Scope:
    """The establishments ``staff`` may see (None: every one)."""
    return staff.establishments


def date_values(name: str, value: date | str | None) -> dict[str, str]:
    """A stored date (or ISO text) as the three boxes of a date input."""
    if not value:
        return {}
    day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


def establishments(session: Session, staff: Staff | None) -> list[tuple[str, str]]:
    """(code, "code – name") of every establishment ``staff`` may work for (None: every one), by code."""
    return [(code, text) for code, text in establishment_choices(session) if staff is None or staff.may_see(code)]
