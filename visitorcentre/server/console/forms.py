"""Reading what a console form sent: dates from GOV.UK's three-field date input, codes, whole numbers.

Each raises ``InvalidInput`` naming the field, so ``web.invalid`` puts the message beside it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date


def read_date(values: Mapping[str, str], name: str, label: str, required: bool = False) -> date | None:
    """The date typed in ``NAME-day``, ``NAME-month``, ``NAME-year`` (None when all three are empty)."""
    from visitorcentre.core.errors import InvalidInput

    parts = [str(values.get(f"{name}-{part}", "") or "").strip() for part in ("day", "month", "year")]
    if not any(parts):
        if required:
            raise InvalidInput(f"Enter the {label.lower()}.", name)
        return None
    if not all(part.isdigit() for part in parts):
        raise InvalidInput(f"{label} must be a real date, with a day, month and year in numbers.", name)
    day, month, year = (int(part) for part in parts)
    if len(parts[2]) != 4:
        raise InvalidInput(f"{label} must have a 4-digit year, for example 2027.", name)
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidInput(f"{label} must be a real date.", name) from None
