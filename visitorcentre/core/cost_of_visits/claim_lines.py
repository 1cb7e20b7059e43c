"""The lines of a submitted claim a caseworker decides: each expense, and refreshments when they are paid.

Read from the application as the centre stores it (its ``expenses`` and the ``quote`` the desk
worked out): line ``i`` is expense ``i`` for every expense, and one more line for refreshments
when the quote pays any. A caseworker's expense decision names its line by ``index``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from visitorcentre.core.cost_of_visits.vocab import EXPENSE_LABELS, MILEAGE_TYPES, RECEIPT_TYPES

REFRESHMENTS = "refreshments"


@dataclass(frozen=True)
class ClaimLine:
    index: int
    type: str  # vocab.ExpenseType, or REFRESHMENTS
    label: str  # "Train", "Refreshments"
    claimed_pence: int  # what the desk's quote pays for it
    description: str = ""  # "Glasgow Queen Street to Barlinnie", "42 miles one way, return"
    cost_pence: int | None = None  # what the family paid (not for mileage)
    note: str = ""  # the quote's note ("receipt required", "limited to 2 days at £40.00")
    needs_receipt: bool = False  # an expense of a kind the scheme pays only with its receipt


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def claim_lines(expenses: Sequence[Mapping[str, Any]], quote: Mapping[str, Any]) -> tuple[ClaimLine, ...]:
    """The claim's lines, in order, from its expenses and its quote."""
    items = list(quote.get("items") or [])
    lines = []
    for index, expense in enumerate(expenses):
        kind = str(expense.get("type") or "")
        item = items[index] if index < len(items) and isinstance(items[index], Mapping) else {}
        described = str(expense.get("description") or "")
        if kind in MILEAGE_TYPES and expense.get("miles_one_way") is not None:
            miles = f"{expense.get('miles_one_way')} miles one way{', return' if expense.get('return_journey') else ''}"
            described = f"{described} ({miles})" if described else miles
        cost = expense.get("cost_pence")
        lines.append(
            ClaimLine(
                index=index,
                type=kind,
                label=str(EXPENSE_LABELS.get(kind, kind.replace("_", " ").capitalize())),
                claimed_pence=max(0, _int(item.get("amount_pence"))),
                description=described,
                cost_pence=None if cost is None or kind in MILEAGE_TYPES else _int(cost),
                note=str(item.get("note") or ""),
                needs_receipt=kind in RECEIPT_TYPES,
            )
        )
    refreshments = max(0, _int(quote.get("refreshments_pence")))
    if refreshments:
        lines.append(ClaimLine(len(lines), REFRESHMENTS, "Refreshments", refreshments, "paid at the scheme's rate"))
    return tuple(lines)
