"""What the prisoner pages share: reading a GOV.UK date input, the user's scope, the establishments to choose from."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends
from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre.core.errors import InvalidInput
from visitorcentre.server.centre.scope import Scope
from visitorcentre.server.console.accounts import ADMINS, ANALYST, NATIONAL_ADMIN, Staff
from visitorcentre.server.console.web import require
from visitorcentre.server.models import Document

READERS = (*ADMINS, ANALYST)  # who may look at prisoners (an analyst reads only)
#: The signed-in person, for a page that reads prisoners / changes them / manages integrations.
Reading = Annotated[Staff, Depends(require(*READERS))]
Changing = Annotated[Staff, Depends(require(*ADMINS))]
National = Annotated[Staff, Depends(require(NATIONAL_ADMIN))]
STATUS_CHOICES = [("remand", "Remand"), ("convicted", "Convicted")]


def scope_of(staff: Staff) -> Scope:
    """The establishments ``staff`` may see (None: every one)."""
    return staff.establishments


def day_typed(day: str, month: str, year: str, field: str, label: str, required: bool = True) -> date | None:
    """The date typed in a GOV.UK date input, or InvalidInput naming ``field`` (None when left empty and optional)."""
    parts = [(day or "").strip(), (month or "").strip(), (year or "").strip()]
    if not any(parts):
        if required:
            raise InvalidInput(f"Enter the {label}.", field)
        return None
    if not all(parts):
        missing = [name for name, part in zip(("day", "month", "year"), parts, strict=True) if not part]
        raise InvalidInput(f"The {label} must include a {' and '.join(missing)}.", field)
    if not all(part.isdigit() and len(part) <= 4 for part in parts) or len(parts[2]) != 4:
        raise InvalidInput(f"The {label} must be a real date, like 27 3 2027.", field)
    try:
        return date(int(parts[2]), int(parts[1]), int(parts[0]))
    except ValueError:
        raise InvalidInput(f"The {label} must be a real date, like 27 3 2027.", field) from None


def date_values(name: str, value: date | str | None) -> dict[str, str]:
    """A stored date (or ISO text) as the three boxes of a date input."""
    if not value:
        return {}
    day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


def establishments(session: Session, staff: Staff | None) -> list[tuple[str, str]]:
    """(code, "code – name") of every establishment ``staff`` may work for (None: every one), by code."""
    rows = session.execute(
        select(Document.establishment, Document.payload).where(Document.entity == "establishment")
    ).all()
    found = {
        code: f"{code} – {payload.get('name') or code}"
        for code, payload in rows
        if staff is None or staff.may_see(code)
    }
    return sorted(found.items())
