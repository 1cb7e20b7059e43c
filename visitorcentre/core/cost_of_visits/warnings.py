"""What a caseworker should look at twice before deciding a claim: pure, from the claim and its neighbours.

The centre (``server.centre.claim_warnings``) hands in the claim as it stores it, the other
claims of the same claimant (around the visit's date) and any claim for the same prisoner on the
same day, and the expense lines that have a receipt attached. The auto-approval checks call the
same function, so a claim with any warning always goes to a person.

Kept from the public Help with Prison Visits caseworker app: a possible duplicate (same claimant,
prisoner and visit date), another claimant for the same prisoner and date; the scheme's limits
(26 visits in 12 months, 4 in a month, as the rate table in force says)
as warnings, not refusals; receipts missing; a total over
£250. Benefit evidence is whether the desk recorded a benefit the scheme accepts (with the
household income for universal credit): the desk keeps no copy of a benefit letter.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from visitorcentre.core.cost_of_visits.claim_lines import claim_lines
from visitorcentre.core.cost_of_visits.rates import Thresholds
from visitorcentre.core.cost_of_visits.vocab import COUNTED_CLAIMS, ApplicationStatus, Benefit

# A year's and a month's claims, and the total above which a claim needs a second look (as the
# desk's quote says), are the rate table's thresholds in force for the claim (``limits``).


class WarningCode(StrEnum):
    DUPLICATE = "duplicate"
    OTHER_CLAIMANT = "other_claimant"
    YEAR_LIMIT = "year_limit"
    MONTH_LIMIT = "month_limit"
    BENEFIT_EVIDENCE = "benefit_evidence"
    RECEIPTS_MISSING = "receipts_missing"
    OVER_TOTAL = "over_total"


#: Each warning as the queue's filter names it.
WARNING_LABELS: dict[str, str] = {
    WarningCode.DUPLICATE: "Possible duplicate",
    WarningCode.OTHER_CLAIMANT: "Another claimant, same prisoner and date",
    WarningCode.YEAR_LIMIT: "Over the claims allowed in 12 months",
    WarningCode.MONTH_LIMIT: "Over the claims allowed in a month",
    WarningCode.BENEFIT_EVIDENCE: "Benefit evidence missing",
    WarningCode.RECEIPTS_MISSING: "Receipts missing",
    WarningCode.OVER_TOTAL: "Total over the limit for a person to check",
}
#: Each warning's bit in a stored set of warnings (the queue filters on it).
BITS: dict[str, int] = {code: 1 << number for number, code in enumerate(WarningCode)}


@dataclass(frozen=True)
class OtherClaim:
    """Another claim, as far as the warnings need it."""

    id: str
    reference: str
    claimant_id: str
    prisoner_id: str
    visit_date: date | None
    status: str


@dataclass(frozen=True)
class ClaimWarning:
    code: str  # WarningCode
    text: str
    claims: tuple[OtherClaim, ...] = ()  # the other claims it is about, to open them


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _month_key(day: date) -> tuple[int, int]:
    return day.year, day.month


def warnings(
    claim: Mapping[str, Any],
    others: Sequence[OtherClaim],
    receipts_for: Collection[int] = (),
    limits: Thresholds | None = None,
) -> tuple[ClaimWarning, ...]:
    """Every warning for ``claim`` (its stored fields), in a fixed order.

    ``others`` may hold more claims than matter (the claim itself, drafts, other days): each
    warning picks its own. ``receipts_for`` is the expense lines with a receipt attached;
    ``limits`` the rate table's thresholds in force for the claim (the scheme's standing ones when None).
    """
    limits = limits or Thresholds()
    year_limit, month_limit = limits.claims_a_year, limits.claims_a_month
    me = str(claim.get("id") or "")
    claimant, prisoner = str(claim.get("claimant_id") or ""), str(claim.get("prisoner_id") or "")
    day = _day(claim.get("visit_date"))
    seen = [o for o in others if o.id != me and o.status != ApplicationStatus.DRAFT]
    found: list[ClaimWarning] = []
    if day is not None:
        same_day = [o for o in seen if o.prisoner_id == prisoner and o.visit_date == day]
        duplicates = tuple(o for o in same_day if o.claimant_id == claimant)
        if duplicates:
            found.append(ClaimWarning(WarningCode.DUPLICATE, "This claim may be a duplicate of:", duplicates))
        other_claimants = tuple(o for o in same_day if o.claimant_id != claimant)
        if other_claimants:
            text = "Another claimant has a claim for this prisoner on this date:"
            found.append(ClaimWarning(WarningCode.OTHER_CLAIMANT, text, other_claimants))
        counted = [
            o for o in seen if o.claimant_id == claimant and o.status in COUNTED_CLAIMS and o.visit_date is not None
        ]
        year = tuple(o for o in counted if day - timedelta(days=365) < o.visit_date <= day)  # type: ignore[operator]
        if len(year) + 1 > year_limit:
            text = (
                f"This is claim {len(year) + 1} for visits in the 12 months to this one (the scheme pays {year_limit})."
            )
            found.append(ClaimWarning(WarningCode.YEAR_LIMIT, text))
        month = tuple(o for o in counted if o.visit_date is not None and _month_key(o.visit_date) == _month_key(day))
        if len(month) + 1 > month_limit:
            text = f"This is claim {len(month) + 1} for visits in {day:%B %Y} (the scheme pays {month_limit} a month)."
            found.append(ClaimWarning(WarningCode.MONTH_LIMIT, text, month))
    benefit = str(claim.get("benefit") or "")
    if benefit in ("", Benefit.NONE):
        found.append(ClaimWarning(WarningCode.BENEFIT_EVIDENCE, "No benefit the scheme accepts was recorded."))
    elif benefit == Benefit.UNIVERSAL_CREDIT and claim.get("monthly_household_income_pence") in (None, ""):
        text = "Universal Credit was recorded without the household's monthly income."
        found.append(ClaimWarning(WarningCode.BENEFIT_EVIDENCE, text))
    lines = claim_lines(claim.get("expenses") or [], claim.get("quote") or {})
    missing = [
        line for line in lines if line.needs_receipt and line.claimed_pence > 0 and line.index not in receipts_for
    ]
    if missing:
        names = ", ".join(f"{line.label.lower()} (expense {line.index + 1})" for line in missing)
        found.append(ClaimWarning(WarningCode.RECEIPTS_MISSING, f"No receipt attached for: {names}."))
    total = int(claim.get("total_pence") or 0)
    if total > limits.manual_check_total_pence:
        text = f"The total, £{total / 100:,.2f}, is over {limits.manual_check_total_words}."
        found.append(ClaimWarning(WarningCode.OVER_TOTAL, text))
    return tuple(found)


def bits(found: Sequence[ClaimWarning]) -> int:
    """The warnings as one number (``BITS``), as the queue stores and filters them."""
    total = 0
    for warning in found:
        total |= BITS[warning.code]
    return total
