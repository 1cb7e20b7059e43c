"""The quote: who can claim and what the scheme pays, exactly as the reference rules say.

Amounts are integer pence; mileage is worked in ``Decimal`` and rounded to the nearest penny,
halves up. Every failing reason is reported, and an ineligible claim pays nothing.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from visitorcentre.core.ages import age_on
from visitorcentre.core.cost_of_visits import rates as r
from visitorcentre.core.cost_of_visits.explain import explain
from visitorcentre.core.cost_of_visits.views import ApplicationForm, Expense, Quote, QuoteItem
from visitorcentre.core.cost_of_visits.vocab import (
    CLAIMING_RELATIONSHIPS,
    MILEAGE_TYPES,
    PARTNERS,
    RECEIPT_TYPES,
    WITH_CAR_ONLY,
    Benefit,
    ChildOf,
    ClaimRelationship,
    ExpenseType,
    Reason,
)
from visitorcentre.core.errors import InvalidInput
from visitorcentre.core.kinds import Nation
from visitorcentre.core.words import said

# The thresholds (the Universal Credit income limit, the claims a year, the most miles, the total that
# needs a person) are in the rate table, in force on the visit's date for the prison's nation.
PAST_CLAIM_DAYS = 28  # a past visit may be claimed up to this many days after it
ADVANCE_MIN_DAYS, ADVANCE_MAX_DAYS = 5, 28
MINIMUM_AGE = {Nation.SCOTLAND: 16, Nation.ENGLAND: 18, Nation.WALES: 18}
CHILD_UNDER = 18
ESCORT_AGE = 75

OVER_MILES_CHECK = ": paid only after a manual check"
VISIT_CONFIRMATION = "stamped visit confirmation"
COST_TYPES = frozenset(set(ExpenseType) - MILEAGE_TYPES)


def quote(form: ApplicationForm, rates: r.RateTable) -> Quote:
    """Can they claim, and how much: pure and fast (no database), safe on the GUI thread.

    Raises InvalidInput (``field`` names the value) for a form the rules cannot read, e.g.
    a negative cost or universal credit without the household income.
    """
    check_form(form)
    nation, day = form.prison_nation, form.visit_date
    limits = rates.thresholds(nation, day)
    reasons = eligibility(form, limits)
    items = _items(form.expenses, rates, nation, day, limits)
    people = 1 + counted_children(form) + (1 if escort_counts(form) else 0)
    refreshments = people * refreshment_rate(form, rates)
    miles_check = any(note_is_over_miles(item) for item in items)
    if reasons:
        items = [QuoteItem(i.type, 0, i.note) for i in items]
        refreshments, miles_check = 0, False
    total = sum(i.amount_pence for i in items) + refreshments
    evidence: list[str] = []
    if not reasons:
        evidence = [f"{i.type.replace('_', ' ')} receipt" for i in items if i.receipt_required]
        if form.claim_type == "advance" and not form.visit_confirmation:
            evidence.append(VISIT_CONFIRMATION)
    manual = ([over_miles(limits)] if miles_check else []) + (
        [over_total(limits)] if total > limits.manual_check_total_pence else []
    )
    return Quote(
        eligible=not reasons,
        reasons=tuple(reasons),
        claim_type=form.claim_type,
        items=tuple(items),
        refreshments_pence=refreshments,
        total_pence=total,
        evidence_required=tuple(evidence),
        manual_check=tuple(manual),
        explanation=explain(form, reasons, limits=limits),
        evidence_due=form.evidence_due,
        people_for_refreshments=people if not reasons else 0,
        limits=limits,
    )


def over_miles(limits: r.Thresholds) -> str:
    """The manual-check reason for a journey over the most miles ("over 1,500 miles")."""
    return f"over {limits.most_miles:,} miles"


def over_total(limits: r.Thresholds) -> str:
    """The manual-check reason for a total over the limit ("total over £250")."""
    return f"total over {limits.manual_check_total_words}"


def eligibility(form: ApplicationForm, limits: r.Thresholds | None = None) -> list[str]:
    """Every reason the claim fails, in the rules' order (empty when they can claim).

    ``limits`` are the thresholds in force for the visit (the scheme's standing ones when None)."""
    limits = limits or r.Thresholds()
    claimant, reasons = form.claimant, []
    if claimant.relationship not in CLAIMING_RELATIONSHIPS:
        reasons.append(Reason.RELATIONSHIP)
    if age_on(claimant.date_of_birth, form.visit_date) < MINIMUM_AGE[Nation(form.prison_nation)]:
        reasons.append(Reason.AGE)
    if claimant.benefit == Benefit.NONE:
        reasons.append(Reason.BENEFIT)
    elif claimant.benefit == Benefit.UNIVERSAL_CREDIT and (
        claimant.monthly_household_income_pence is None
        or claimant.monthly_household_income_pence > limits.universal_credit_income_limit_pence
    ):
        reasons.append(Reason.INCOME)
    if not timing_ok(form.visit_date, form.application_date):
        reasons.append(Reason.TIMING)
    if form.claims_in_last_12_months >= limits.claims_a_year:
        reasons.append(Reason.ALLOWANCE)
    return [str(reason) for reason in reasons]


def timing_ok(visit_date: date, application_date: date) -> bool:
    """A past visit (the visit day included) within 28 days after it, or 5 to 28 days before it."""
    days = (application_date - visit_date).days
    if days >= 0:
        return days <= PAST_CLAIM_DAYS
    return ADVANCE_MIN_DAYS <= -days <= ADVANCE_MAX_DAYS


def counted_children(form: ApplicationForm) -> int:
    """Children under 18 on the visit date who are the prisoner's, or the claimant's when a partner."""
    partner = form.claimant.relationship in PARTNERS
    return sum(
        1
        for child in form.children
        if age_on(child.date_of_birth, form.visit_date) < CHILD_UNDER
        and (child.child_of == ChildOf.PRISONER or (child.child_of == ChildOf.CLAIMANT and partner))
    )


def escort_counts(form: ApplicationForm) -> bool:
    """An escort counts for a claimant 75 or over on the visit date, or with a serious medical condition."""
    return form.escort and (
        form.claimant.medical_condition or age_on(form.claimant.date_of_birth, form.visit_date) >= ESCORT_AGE
    )


def refreshment_rate(form: ApplicationForm, rates: r.RateTable) -> int:
    """Per person: the over-10-hours rate, else the over-5-hours rate, else nothing."""
    hours = Decimal(form.hours_away_from_home)
    if hours > 10:
        return rates.pence(r.REFRESHMENTS_OVER_10_HOURS, form.prison_nation, form.visit_date)
    if hours > 5:
        return rates.pence(r.REFRESHMENTS_OVER_5_HOURS, form.prison_nation, form.visit_date)
    return 0


def note_is_over_miles(item: QuoteItem) -> bool:
    return item.type in MILEAGE_TYPES and item.note.startswith("over ") and item.note.endswith(OVER_MILES_CHECK)


def miles_text(miles: Decimal) -> str:
    """Miles as people write them: 84, 84.5 (never 84.0 or 8.4E+1)."""
    text = format(miles.normalize(), "f")
    return text


def _items(
    expenses: tuple[Expense, ...], rates: r.RateTable, nation: str, day: date, limits: r.Thresholds
) -> list[QuoteItem]:
    has_car = any(e.type in MILEAGE_TYPES for e in expenses)
    mileage_paid = False
    items = []
    for expense in expenses:
        amount, note = 0, ""
        if expense.type in MILEAGE_TYPES:
            assert expense.miles_one_way is not None  # check_form() refuses a journey without its miles
            miles = Decimal(expense.miles_one_way) * (2 if expense.return_journey else 1)
            rate = rates.pence(r.MILEAGE, nation, day)
            if mileage_paid:
                note = "only one car or motorcycle journey is paid per claim"
            elif miles > limits.most_miles:
                note = f"{over_miles(limits)}{OVER_MILES_CHECK}"
            else:
                amount = int((miles * rate).quantize(Decimal(1), rounding=ROUND_HALF_UP))
                note = f"{miles_text(miles)} miles at {rate}p"
            mileage_paid = True
        elif expense.type in WITH_CAR_ONLY and not has_car:
            note = "paid only with a car or motorcycle journey"
        elif expense.type == ExpenseType.TAXI and not expense.no_public_transport:
            note = "paid only where there was no public transport"
        elif expense.type == ExpenseType.ACCOMMODATION and not expense.pre_approved:
            note = "paid only when approved before travelling"
        elif expense.type == ExpenseType.CAR_HIRE:
            assert expense.cost_pence is not None and expense.days is not None  # check_form() made sure
            limit = rates.pence(r.CAR_HIRE_PER_DAY, nation, day) * expense.days
            amount = min(expense.cost_pence, limit)
            if expense.cost_pence > limit:
                days = f"{expense.days} day{'s' if expense.days != 1 else ''}"
                note = f"limited to {days} at £{limit // expense.days / 100:.2f}"
        else:
            assert expense.cost_pence is not None  # check_form() refuses an expense without its cost
            amount = expense.cost_pence
        receipt_required = amount > 0 and expense.type in RECEIPT_TYPES and not expense.receipt
        if receipt_required:
            note = f"{note}; receipt required" if note else "receipt required"
        items.append(QuoteItem(str(expense.type), amount, note, receipt_required))
    return items


def check_form(form: ApplicationForm) -> None:
    """Refuse a form the rules cannot read (InvalidInput naming the field)."""
    _one_of(form.prison_nation, Nation, "prison_nation")
    claimant = form.claimant
    _one_of(claimant.relationship, ClaimRelationship, "claimant.relationship")
    _one_of(claimant.benefit, Benefit, "claimant.benefit")
    if claimant.date_of_birth > form.visit_date:
        raise InvalidInput(said("The claimant's date of birth is after the visit."), "claimant.date_of_birth")
    income = claimant.monthly_household_income_pence
    if income is not None and income < 0:
        raise InvalidInput(
            said("The monthly household income cannot be negative."), "claimant.monthly_household_income_pence"
        )
    if form.claims_in_last_12_months < 0:
        raise InvalidInput(said("The number of claims cannot be negative."), "claims_in_last_12_months")
    if Decimal(form.hours_away_from_home) < 0:
        raise InvalidInput(said("The hours away from home cannot be negative."), "hours_away_from_home")
    for number, child in enumerate(form.children):
        _one_of(child.child_of, ChildOf, f"children[{number}].child_of")
    for number, expense in enumerate(form.expenses):
        where = f"expenses[{number}]"
        _one_of(expense.type, ExpenseType, f"{where}.type")
        if expense.type in MILEAGE_TYPES:
            if expense.miles_one_way is None:
                raise InvalidInput(
                    said("A car or motorcycle journey needs the miles one way."), f"{where}.miles_one_way"
                )
            if Decimal(expense.miles_one_way) < 0:
                raise InvalidInput(said("Miles cannot be negative."), f"{where}.miles_one_way")
            continue
        if expense.cost_pence is None:
            raise InvalidInput(said("Each expense needs what it cost."), f"{where}.cost_pence")
        if expense.cost_pence < 0:
            raise InvalidInput(said("A cost cannot be negative."), f"{where}.cost_pence")
        if expense.type == ExpenseType.CAR_HIRE and (expense.days is None or expense.days < 1):
            raise InvalidInput(said("Car hire needs the number of days (1 or more)."), f"{where}.days")


def _one_of(value: str, allowed, field: str) -> None:
    if value not in {str(v) for v in allowed}:
        raise InvalidInput(
            said("“{value}” is not one of: {allowed}.", value=value, allowed=", ".join(str(v) for v in allowed)), field
        )
