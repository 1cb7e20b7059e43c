"""The quote in plain words: "You can claim because …" or "You can't claim because …, but …".

One sentence per failing reason, each with what the family can do instead, so a worker can
read it out at the desk and the printed summary can carry it home.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from visitorcentre.core.ages import age_on
from visitorcentre.core.cost_of_visits.rates import Thresholds
from visitorcentre.core.cost_of_visits.vocab import BENEFIT_LABELS, Benefit, Reason
from visitorcentre.core.words import N_

FAMILIES_OUTSIDE = N_("Families Outside's free helpline, 0800 254 0088")

#: The relationship as the sentence says it ("you are the prisoner's civil partner").
RELATIONSHIP_WORDS = {
    "spouse": N_("spouse"),
    "civil_partner": N_("civil partner"),
    "partner": N_("partner"),
    "parent": N_("parent"),
    "child": N_("child"),
    "sibling": N_("sibling"),
    "grandparent": N_("grandparent"),
    "grandchild": N_("grandchild"),
    "next_of_kin": N_("next of kin"),
    "sole_visitor": N_("sole visitor"),
    "friend": N_("friend"),
    "other": N_("other"),
}

#: Words in, the same words out: English (the printing layer hands in a catalogue's ``_``).
Words = Callable[[str], str]


def _same(text: str) -> str:
    return text


def money(pence: int) -> str:
    """£12.34 (always with pence: amounts on a claim are exact)."""
    return f"£{pence // 100:,}.{pence % 100:02d}"


def explain(
    form,
    reasons: list[str],
    words: Words = _same,
    amount: Callable[[int], str] = money,
    limits: Thresholds | None = None,
) -> tuple[str, ...]:
    """The sentences for ``form`` with these failing ``reasons`` (a ``views.ApplicationForm``).

    ``words`` translates each sentence (a catalogue's ``_``; English when left out) and
    ``amount`` writes money as the family's language does. ``limits`` are the rate table's
    thresholds the quote used (the scheme's standing ones when None).
    """
    limits = limits or Thresholds()

    def whole(pence: int) -> str:  # £1,250 rather than £1,250.00 for a limit in whole pounds
        text = amount(pence)
        return re.sub(r"[.,]00(?!\d)", "", text) if pence % 100 == 0 else text

    said = _Limits(whole(limits.universal_credit_income_limit_pence), limits.claims_a_year)
    if not reasons:
        return (_can_claim(form, words, amount, said),)
    return tuple(_CANNOT[reason](form, words, amount, said) for reason in reasons)


@dataclass(frozen=True)
class _Limits:
    income: str  # the Universal Credit income limit a month, as the family's language writes money
    claims: int  # claims allowed in 12 months


def _can_claim(form, _: Words, amount, limits: _Limits) -> str:
    claimant = form.claimant
    relationship = _(RELATIONSHIP_WORDS.get(claimant.relationship, str(claimant.relationship).replace("_", " ")))
    english = BENEFIT_LABELS.get(claimant.benefit, claimant.benefit)
    # The English name stays beside a translation: it is the one on the family's letters.
    benefit = english if _(english) == english else f"{_(english)} ({english})"
    if claimant.benefit == Benefit.UNIVERSAL_CREDIT:
        benefit = _("{benefit} with household income of {income} a month ({limit} or less)").format(
            benefit=benefit, income=amount(claimant.monthly_household_income_pence or 0), limit=limits.income
        )
    days = (form.application_date - form.visit_date).days
    if days == 1:
        timing = _("the claim is made 1 day after the visit (within 28 days)")
    elif days > 0:
        timing = _("the claim is made {days} days after the visit (within 28 days)").format(days=days)
    elif days == 0:
        timing = _("the claim is made on the day of the visit")
    else:
        timing = _("the claim is made {days} days before the visit (5 to 28 days ahead)").format(days=-days)
    return _(
        "You can claim because you are the prisoner's {relationship}, aged {age} on the day of the visit, "
        "you get {benefit}, {timing}, and you have made {claims} of the {allowed} claims allowed in 12 months."
    ).format(
        allowed=limits.claims,
        relationship=relationship,
        age=age_on(claimant.date_of_birth, form.visit_date),
        benefit=benefit,
        timing=timing,
        claims=form.claims_in_last_12_months,
    )


def _relationship(form, _: Words, amount, limits: _Limits) -> str:
    return _(
        "You can't claim because the scheme pays for close family, a partner, next of kin or the only "
        "adult visitor, but if nobody else has visited in the last 4 weeks you can claim as the sole "
        "visitor; or a close relative in your party can make the claim instead."
    )


def _age(form, _: Words, amount, limits: _Limits) -> str:
    minimum = 16 if form.prison_nation == "scotland" else 18
    return _(
        "You can't claim because you must be {minimum} or over on the day of the visit, but an adult "
        "family member who qualifies can claim for the journey with you in the party."
    ).format(minimum=minimum)


def _benefit(form, _: Words, amount, limits: _Limits) -> str:
    return _(
        "You can't claim because you or your partner need to get a qualifying benefit (such as Income "
        "Support, Pension Credit or Universal Credit) or hold an HC2 or HC3 certificate, but you can apply "
        "for an HC2 or HC3 certificate through the NHS Low Income Scheme (form HC1), and claim once you "
        "have one; {helpline}, can help with other costs."
    ).format(helpline=_(FAMILIES_OUTSIDE))


def _income(form, _: Words, amount, limits: _Limits) -> str:
    income = form.claimant.monthly_household_income_pence
    if income is None:
        return _(
            "You can't claim because your household income has not been given; it must be the {limit} a month "
            "limit for Universal Credit, but if it falls to {limit} or less you can claim then, and an HC2 or "
            "HC3 certificate also qualifies."
        ).format(limit=limits.income)
    return _(
        "You can't claim because your household income is {income} a month, over the {limit} a month limit "
        "for Universal Credit, but if it falls to {limit} or less you can claim then, and an HC2 or HC3 "
        "certificate also qualifies."
    ).format(income=amount(income), limit=limits.income)


def _timing(form, _: Words, amount, limits: _Limits) -> str:
    days = (form.application_date - form.visit_date).days
    if days > 0:
        return _(
            "You can't claim because a claim for a past visit must be made within 28 days after it, but "
            "you can claim for your next visit: up to 28 days after it, or in advance 5 to 28 days before it."
        )
    if -days < 5:
        return _(
            "You can't claim in advance because it is less than 5 days before the visit, but you can "
            "claim after the visit, within 28 days — keep your tickets and receipts."
        )
    return _(
        "You can't claim yet because the visit is more than 28 days away, but you can claim in advance "
        "from 28 days before it, or afterwards within 28 days."
    )


def _allowance(form, _: Words, amount, limits: _Limits) -> str:
    return _(
        "You can't claim because {allowed} claims have already been made in the last 12 months, the most the "
        "scheme allows, but you can claim again once the oldest of them is more than 12 months old; "
        "{helpline}, can help with other costs meanwhile."
    ).format(helpline=_(FAMILIES_OUTSIDE), allowed=limits.claims)


_CANNOT: dict[str, Callable[[Any, Words, Callable[[int], str], _Limits], str]] = {
    Reason.RELATIONSHIP: _relationship,
    Reason.AGE: _age,
    Reason.BENEFIT: _benefit,
    Reason.INCOME: _income,
    Reason.TIMING: _timing,
    Reason.ALLOWANCE: _allowance,
}
