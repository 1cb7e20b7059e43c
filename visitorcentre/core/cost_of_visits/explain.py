"""The quote in plain words: "You can claim because …" or "You can't claim because …, but …".

One sentence per failing reason, each with what the family can do instead, so a worker can
read it out at the desk and the printed summary can carry it home.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from visitorcentre.core.ages import age_on
from visitorcentre.core.cost_of_visits.vocab import BENEFIT_LABELS, Benefit, Reason

FAMILIES_OUTSIDE = "Families Outside's free helpline, 0800 254 0088"


def money(pence: int) -> str:
    """£12.34 (always with pence: amounts on a claim are exact)."""
    return f"£{pence // 100:,}.{pence % 100:02d}"


def explain(form, reasons: list[str]) -> tuple[str, ...]:
    """The sentences for ``form`` with these failing ``reasons`` (a ``views.ApplicationForm``)."""
    if not reasons:
        return (_can_claim(form),)
    return tuple(_CANNOT[reason](form) for reason in reasons)


def _can_claim(form) -> str:
    claimant = form.claimant
    relationship = str(claimant.relationship).replace("_", " ")
    benefit = BENEFIT_LABELS.get(claimant.benefit, claimant.benefit)
    if claimant.benefit == Benefit.UNIVERSAL_CREDIT:
        benefit += (
            f" with household income of {money(claimant.monthly_household_income_pence)} a month (£1,250 or less)"
        )
    days = (form.application_date - form.visit_date).days
    timing = (
        f"the claim is made {days} day{'s' if days != 1 else ''} after the visit (within 28 days)"
        if days > 0
        else "the claim is made on the day of the visit"
        if days == 0
        else f"the claim is made {-days} days before the visit (5 to 28 days ahead)"
    )
    return (
        f"You can claim because you are the prisoner's {relationship}, aged "
        f"{age_on(claimant.date_of_birth, form.visit_date)} on the day of the visit, you get {benefit}, "
        f"{timing}, and you have made {form.claims_in_last_12_months} of the 26 claims allowed in 12 months."
    )


def _relationship(form) -> str:
    return (
        "You can't claim because the scheme pays for close family, a partner, next of kin or the only "
        "adult visitor, but if nobody else has visited in the last 4 weeks you can claim as the sole "
        "visitor; or a close relative in your party can make the claim instead."
    )


def _age(form) -> str:
    minimum = 16 if form.prison_nation == "scotland" else 18
    return (
        f"You can't claim because you must be {minimum} or over on the day of the visit, but an adult "
        "family member who qualifies can claim for the journey with you in the party."
    )


def _benefit(form) -> str:
    return (
        "You can't claim because you or your partner need to get a qualifying benefit (such as Income "
        "Support, Pension Credit or Universal Credit) or hold an HC2 or HC3 certificate, but you can apply "
        "for an HC2 or HC3 certificate through the NHS Low Income Scheme (form HC1), and claim once you "
        f"have one; {FAMILIES_OUTSIDE}, can help with other costs."
    )


def _income(form) -> str:
    income = form.claimant.monthly_household_income_pence
    said = f"is {money(income)} a month, over" if income is not None else "has not been given; it must be"
    return (
        f"You can't claim because your household income {said} the £1,250 a month limit for Universal "
        "Credit, but if it falls to £1,250 or less you can claim then, and an HC2 or HC3 certificate "
        "also qualifies."
    )


def _timing(form) -> str:
    days = (form.application_date - form.visit_date).days
    if days > 0:
        return (
            "You can't claim because a claim for a past visit must be made within 28 days after it, but "
            "you can claim for your next visit: up to 28 days after it, or in advance 5 to 28 days before it."
        )
    if -days < 5:
        return (
            "You can't claim in advance because it is less than 5 days before the visit, but you can "
            "claim after the visit, within 28 days — keep your tickets and receipts."
        )
    return (
        "You can't claim yet because the visit is more than 28 days away, but you can claim in advance "
        "from 28 days before it, or afterwards within 28 days."
    )


def _allowance(form) -> str:
    return (
        "You can't claim because 26 claims have already been made in the last 12 months, the most the "
        "scheme allows, but you can claim again once the oldest of them is more than 12 months old; "
        f"{FAMILIES_OUTSIDE}, can help with other costs meanwhile."
    )


_CANNOT: dict[str, Callable[[Any], str]] = {
    Reason.RELATIONSHIP: _relationship,
    Reason.AGE: _age,
    Reason.BENEFIT: _benefit,
    Reason.INCOME: _income,
    Reason.TIMING: _timing,
    Reason.ALLOWANCE: _allowance,
}
