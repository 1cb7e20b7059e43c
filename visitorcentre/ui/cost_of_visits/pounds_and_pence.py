"""Money as the desk types and reads it: "£4.20", "12.5", "4,20" in, whole pence out — never floats.

A worker types what is on the ticket; the desk keeps integer pence and shows pounds and pence.
Anything that is not a plain amount (two points, letters, three decimals, a minus sign) is
refused with a sentence saying what to type instead.
"""

from __future__ import annotations

import re

from visitorcentre.core.errors import InvalidInput
from visitorcentre.ui.shared.i18n import _

_AMOUNT = re.compile(r"^(?P<pounds>\d{1,6})?(?:[.,](?P<pence>\d{0,2}))?$")


def parse_pounds(text: str, field: str = "cost") -> int:
    """Whole pence for ``text`` ("£4.20" -> 420, "12.5" -> 1250, "4,20" -> 420, "3" -> 300)."""
    cleaned = text.strip().replace("£", "").replace(" ", "")
    if cleaned.lower().endswith("p") and not any(c in cleaned for c in ".,"):
        digits = cleaned[:-1]
        if digits.isdigit():
            return int(digits)
    match = _AMOUNT.match(cleaned)
    if not cleaned or match is None or (match["pounds"] is None and not match["pence"]):
        raise InvalidInput(
            _("“{text}” is not an amount of money. Type pounds and pence, for example 4.20.").format(text=text.strip()),
            field,
        )
    pounds = int(match["pounds"] or 0)
    pence = (match["pence"] or "").ljust(2, "0")
    return pounds * 100 + int(pence)


def format_pence(pence: int) -> str:
    """``pence`` as the family reads it: 2520 -> "£25.20"."""
    sign = "-" if pence < 0 else ""
    pounds, rest = divmod(abs(int(pence)), 100)
    return f"{sign}£{pounds:,}.{rest:02d}"


def pence_as_typed(pence: int | None) -> str:
    """``pence`` as it goes back into an input box (no £ sign): 420 -> "4.20"; None -> ""."""
    if pence is None:
        return ""
    pounds, rest = divmod(int(pence), 100)
    return f"{pounds}.{rest:02d}"
