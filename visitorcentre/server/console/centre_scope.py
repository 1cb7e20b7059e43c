"""What the establishment pages share: the signed-in person's ``Scope`` for the centre's services, who may
read and who may change, and the form as typed."""

from __future__ import annotations

from datetime import date

from fastapi import Request

from visitorcentre.core.errors import InvalidInput
from visitorcentre.server.centre.access import Scope
from visitorcentre.server.console.accounts import ADMINS, ANALYST, ESTABLISHMENT_ADMIN, NATIONAL_ADMIN, Staff

#: Who sees the establishment pages (a caseworker works on claims only), and who changes them.
READERS = (NATIONAL_ADMIN, ESTABLISHMENT_ADMIN, ANALYST)
CHANGERS = ADMINS


def scope_of(staff: Staff) -> Scope:
    """The centre's services check again what the page let through: the same role and establishments."""
    return Scope(
        establishments=staff.establishments or frozenset(),
        everywhere=staff.establishments is None,
        changes=staff.role in CHANGERS,
        national_admin=staff.role == NATIONAL_ADMIN,
    )


async def typed_in(request: Request) -> dict[str, str]:
    """The form's fields as typed (the CSRF token left out), to check and to show again."""
    form = await request.form()
    return {name: value for name, value in form.items() if name != "csrf_token" and isinstance(value, str)}


def day_typed(values: dict[str, str], name: str, label: str) -> date | None:
    """A GOV.UK date input's three fields (NAME-day, NAME-month, NAME-year) as a date; None when all are empty."""
    parts = [values.get(f"{name}-{part}", "").strip() for part in ("day", "month", "year")]
    if not any(parts):
        return None
    try:
        day, month, year = (int(part) for part in parts)
        return date(year, month, day)
    except ValueError:
        raise InvalidInput(f"The {label} must be a real date, like 27 3 2027.", name) from None
