"""Help with the cost of visits: every rule and boundary of the reference file, written from the rules.

The expected numbers are worked out by hand from ../shared/reference/cost-of-visits-rules.md
(rates: Scotland 30p a mile from 2025-05-01, 20p before; refreshments 450p / 350p over 5 hours,
510p over 10 hours; car hire at most 4000p a day).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from visitorcentre.config.scheme_rates import current_rates
from visitorcentre.core.cost_of_visits.rates import RateTable
from visitorcentre.core.cost_of_visits.rules import quote
from visitorcentre.core.cost_of_visits.views import ApplicationForm, Child, Claimant, Expense
from visitorcentre.core.errors import InvalidInput

VISIT = date(2026, 11, 20)
RATES = current_rates()


def claimant(**changes) -> Claimant:
    base = Claimant(date(1990, 5, 1), "partner", "universal_credit", 90000, False)
    return replace(base, **changes)


def form(**changes) -> ApplicationForm:
    """The reference file's worked example, with ``changes``."""
    base = ApplicationForm(
        prison_nation="scotland",
        visit_date=VISIT,
        application_date=date(2026, 11, 22),
        claimant=claimant(),
        children=(Child(date(2015, 1, 1), "prisoner"),),
        escort=False,
        claims_in_last_12_months=3,
        hours_away_from_home=Decimal("6.5"),
        expenses=(
            Expense("car", miles_one_way=Decimal(42), return_journey=True),
            Expense("parking", cost_pence=300, receipt=True),
            Expense("bus", cost_pence=420, receipt=False),
        ),
    )
    return replace(base, **changes)


def q(**changes):
    return quote(form(**changes), RATES)


def bus(pence=1000, receipt=True) -> Expense:
    return Expense("bus", cost_pence=pence, receipt=receipt)


# --- the worked example --------------------------------------------------------------------------


def test_the_reference_files_worked_example_gives_exactly_its_output():
    assert q().as_json() == {
        "eligible": True,
        "reasons": [],
        "claim_type": "past",
        "items": [
            {"type": "car", "amount_pence": 2520, "note": "84 miles at 30p"},
            {"type": "parking", "amount_pence": 300, "note": ""},
            {"type": "bus", "amount_pence": 420, "note": "receipt required"},
        ],
        "refreshments_pence": 900,
        "total_pence": 4140,
        "evidence_required": ["bus receipt"],
        "manual_check": [],
    }


# --- who can claim -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "relationship",
    [
        "spouse",
        "civil_partner",
        "partner",
        "parent",
        "child",
        "sibling",
        "grandparent",
        "grandchild",
        "next_of_kin",
        "sole_visitor",
    ],
)
def test_close_relationships_can_claim(relationship):
    assert q(claimant=claimant(relationship=relationship)).eligible


@pytest.mark.parametrize("relationship", ["friend", "other"])
def test_friends_and_others_cannot(relationship):
    answer = q(claimant=claimant(relationship=relationship))
    assert (answer.eligible, answer.reasons, answer.total_pence) == (False, ("relationship",), 0)


def test_sixteenth_birthday_on_the_visit_date_is_old_enough_in_scotland():
    assert q(claimant=claimant(date_of_birth=date(2010, 11, 20)), children=()).eligible


def test_the_day_before_the_sixteenth_birthday_is_too_young_in_scotland():
    assert q(claimant=claimant(date_of_birth=date(2010, 11, 21)), children=()).reasons == ("age",)


@pytest.mark.parametrize("nation", ["england", "wales"])
def test_elsewhere_the_claimant_must_be_eighteen(nation):
    seventeen = claimant(date_of_birth=date(2008, 11, 21))
    eighteen_today = claimant(date_of_birth=date(2008, 11, 20))
    assert q(prison_nation=nation, claimant=seventeen).reasons == ("age",)
    assert q(prison_nation=nation, claimant=eighteen_today).eligible


@pytest.mark.parametrize(
    "benefit",
    ["income_support", "jobseekers_allowance", "employment_support_allowance", "pension_credit", "hc2", "hc3"],
)
def test_qualifying_benefits_need_no_income(benefit):
    assert q(claimant=claimant(benefit=benefit, monthly_household_income_pence=None)).eligible


def test_no_benefit_is_reason_benefit():
    assert q(claimant=claimant(benefit="none", monthly_household_income_pence=None)).reasons == ("benefit",)


def test_universal_credit_at_exactly_1250_pounds_qualifies_and_a_penny_more_does_not():
    assert q(claimant=claimant(monthly_household_income_pence=125000)).eligible
    assert q(claimant=claimant(monthly_household_income_pence=125001)).reasons == ("income",)


def test_universal_credit_without_an_income_cannot_be_paid():
    assert q(claimant=claimant(monthly_household_income_pence=None)).reasons == ("income",)


@pytest.mark.parametrize("days_after, ok", [(0, True), (1, True), (28, True), (29, False)])
def test_past_claims_up_to_28_days_after_the_visit_the_visit_day_counting_as_past(days_after, ok):
    answer = q(application_date=VISIT + timedelta(days=days_after))
    assert answer.claim_type == "past"
    assert answer.reasons == (() if ok else ("timing",))


@pytest.mark.parametrize("days_before, ok", [(1, False), (4, False), (5, True), (28, True), (29, False)])
def test_advance_claims_5_to_28_days_before_the_visit(days_before, ok):
    answer = q(application_date=VISIT - timedelta(days=days_before))
    assert answer.claim_type == "advance"
    assert answer.reasons == (() if ok else ("timing",))


def test_26_claims_already_made_is_the_allowance_and_25_is_not():
    assert q(claims_in_last_12_months=25).eligible
    assert q(claims_in_last_12_months=26).reasons == ("allowance",)


def test_every_failing_reason_is_reported_in_the_files_order_and_the_total_is_zero():
    answer = q(
        claimant=claimant(relationship="friend", date_of_birth=date(2012, 1, 1), benefit="none"),
        application_date=VISIT + timedelta(days=40),
        claims_in_last_12_months=30,
    )
    assert answer.reasons == ("relationship", "age", "benefit", "timing", "allowance")
    assert (answer.total_pence, answer.refreshments_pence) == (0, 0)
    assert all(item.amount_pence == 0 for item in answer.items)
    assert len(answer.explanation) == 5


def test_income_is_reported_alongside_other_reasons():
    answer = q(claimant=claimant(relationship="other", monthly_household_income_pence=200000))
    assert answer.reasons == ("relationship", "income")


# --- explanations --------------------------------------------------------------------------------


def test_an_eligible_claim_is_explained_with_you_can_claim_because():
    (sentence,) = q().explanation
    assert sentence.startswith("You can claim because")


def test_each_reason_is_explained_with_what_to_do_instead():
    answer = q(
        claimant=claimant(relationship="friend", monthly_household_income_pence=130000),
        application_date=VISIT + timedelta(days=30),
    )
    assert len(answer.explanation) == 3
    for sentence in answer.explanation:
        assert sentence.startswith("You can't claim") and ", but " in sentence


# --- what is paid --------------------------------------------------------------------------------


def test_the_mileage_rate_changes_on_2025_05_01():
    journey = (Expense("car", miles_one_way=Decimal(10), return_journey=True),)
    before = q(visit_date=date(2025, 4, 30), application_date=date(2025, 5, 2), expenses=journey, children=())
    on_the_day = q(visit_date=date(2025, 5, 1), application_date=date(2025, 5, 2), expenses=journey, children=())
    assert before.items[0].amount_pence == 20 * 20
    assert on_the_day.items[0].amount_pence == 20 * 30
    assert before.refreshments_pence == 350 and on_the_day.refreshments_pence == 450


def test_the_rate_follows_the_prisons_nation():
    journey = (Expense("car", miles_one_way=Decimal(10), return_journey=False),)
    assert q(prison_nation="england", expenses=journey).items[0].amount_pence == 200
    assert q(prison_nation="wales", expenses=journey).refreshments_pence == 2 * 350


def test_one_way_miles_are_not_doubled():
    answer = q(expenses=(Expense("motorcycle", miles_one_way=Decimal(42)),))
    assert (answer.items[0].amount_pence, answer.items[0].note) == (1260, "42 miles at 30p")


def test_mileage_halves_round_up_to_the_next_penny():
    # 0.05 miles x 30p = 1.5p -> 2p
    assert q(expenses=(Expense("car", miles_one_way=Decimal("0.05")),)).items[0].amount_pence == 2
    assert q(expenses=(Expense("car", miles_one_way=Decimal("0.15")),)).items[0].amount_pence == 5  # 4.5p
    assert q(expenses=(Expense("car", miles_one_way=Decimal("0.01")),)).items[0].amount_pence == 0  # 0.3p
    assert q(expenses=(Expense("car", miles_one_way=Decimal("0.06")),)).items[0].amount_pence == 2  # 1.8p


def test_a_second_car_journey_pays_nothing_with_a_note():
    answer = q(expenses=(Expense("car", miles_one_way=Decimal(10)), Expense("motorcycle", miles_one_way=Decimal(5))))
    assert answer.items[0].amount_pence == 300
    assert answer.items[1].amount_pence == 0 and answer.items[1].note


def test_1500_miles_is_paid_and_more_needs_a_manual_check_and_pays_nothing():
    at_limit = q(expenses=(Expense("car", miles_one_way=Decimal(750), return_journey=True),))
    assert at_limit.items[0].amount_pence == 1500 * 30
    assert "over 1,500 miles" not in at_limit.manual_check
    over = q(expenses=(Expense("car", miles_one_way=Decimal("750.5"), return_journey=True),))
    assert over.items[0].amount_pence == 0 and over.items[0].note
    assert "over 1,500 miles" in over.manual_check
    assert over.eligible


def test_tolls_need_no_receipt_and_parking_does():
    answer = q(
        expenses=(
            Expense("car", miles_one_way=Decimal(1)),
            Expense("toll", cost_pence=170),
            Expense("parking", cost_pence=250),
        )
    )
    assert [(i.amount_pence, i.note) for i in answer.items[1:]] == [(170, ""), (250, "receipt required")]
    assert answer.evidence_required == ("parking receipt",)


def test_tolls_and_parking_without_a_car_journey_pay_nothing_with_a_note():
    answer = q(expenses=(bus(), Expense("toll", cost_pence=170), Expense("parking", cost_pence=250, receipt=True)))
    assert [i.amount_pence for i in answer.items] == [1000, 0, 0]
    assert answer.items[1].note and answer.items[2].note
    assert answer.evidence_required == ()


def test_car_hire_is_paid_up_to_the_daily_limit_times_the_days():
    under = q(expenses=(Expense("car_hire", cost_pence=7900, days=2, receipt=True),))
    at = q(expenses=(Expense("car_hire", cost_pence=8000, days=2, receipt=True),))
    over = q(expenses=(Expense("car_hire", cost_pence=9000, days=2, receipt=True),))
    assert [a.items[0].amount_pence for a in (under, at, over)] == [7900, 8000, 8000]
    assert over.items[0].note


@pytest.mark.parametrize("kind", ["bus", "train", "ferry", "plane"])
def test_public_transport_is_paid_as_paid_and_needs_a_receipt(kind):
    answer = q(expenses=(Expense(kind, cost_pence=1234),))
    assert (answer.items[0].amount_pence, answer.items[0].note) == (1234, "receipt required")
    assert answer.evidence_required == (f"{kind} receipt",)


def test_a_taxi_is_paid_only_without_public_transport():
    paid = q(expenses=(Expense("taxi", cost_pence=1500, no_public_transport=True, receipt=True),))
    unpaid = q(expenses=(Expense("taxi", cost_pence=1500, no_public_transport=False, receipt=True),))
    assert paid.items[0].amount_pence == 1500
    assert unpaid.items[0].amount_pence == 0 and unpaid.items[0].note


def test_accommodation_is_paid_only_when_approved_before_travelling():
    paid = q(expenses=(Expense("accommodation", cost_pence=6000, pre_approved=True, receipt=True),))
    unpaid = q(expenses=(Expense("accommodation", cost_pence=6000, pre_approved=False, receipt=True),))
    assert paid.items[0].amount_pence == 6000
    assert unpaid.items[0].amount_pence == 0 and unpaid.items[0].note


def test_items_are_one_per_expense_in_input_order():
    kinds = ["ferry", "car", "toll", "bus", "car", "train"]
    expenses = tuple(Expense(k, miles_one_way=Decimal(1)) if k == "car" else Expense(k, cost_pence=100) for k in kinds)
    assert [i.type for i in q(expenses=expenses).items] == kinds


def test_a_missing_receipt_does_not_change_the_amount():
    assert q(expenses=(bus(receipt=True),)).total_pence == q(expenses=(bus(receipt=False),)).total_pence


# --- refreshments, children, escort ----------------------------------------------------------------


@pytest.mark.parametrize("hours, per_person", [("5", 0), ("5.01", 450), ("10", 450), ("10.5", 510), ("4", 0)])
def test_refreshments_by_hours_away(hours, per_person):
    assert q(hours_away_from_home=Decimal(hours), children=()).refreshments_pence == per_person


def test_a_child_counts_until_the_eighteenth_birthday():
    seventeen = Child(date(2008, 11, 21), "prisoner")
    eighteen_today = Child(date(2008, 11, 20), "prisoner")
    assert q(children=(seventeen,)).refreshments_pence == 2 * 450
    assert q(children=(eighteen_today,)).refreshments_pence == 450


def test_the_claimants_own_child_counts_only_for_a_spouse_civil_partner_or_partner():
    own = (Child(date(2015, 1, 1), "claimant"),)
    for relationship in ("spouse", "civil_partner", "partner"):
        assert q(claimant=claimant(relationship=relationship), children=own).refreshments_pence == 900
    for relationship in ("parent", "sibling", "sole_visitor"):
        assert q(claimant=claimant(relationship=relationship), children=own).refreshments_pence == 450
    assert (
        q(claimant=claimant(relationship="parent"), children=(Child(date(2015, 1, 1), "prisoner"),)).refreshments_pence
        == 900
    )


def test_an_escort_counts_from_the_75th_birthday_or_with_a_medical_condition():
    born = date(1951, 11, 20)  # 75 on the visit date
    assert q(children=(), escort=True, claimant=claimant(date_of_birth=born)).refreshments_pence == 900
    assert q(children=(), escort=True, claimant=claimant(date_of_birth=date(1951, 11, 21))).refreshments_pence == 450
    assert q(children=(), escort=True, claimant=claimant(medical_condition=True)).refreshments_pence == 900
    assert q(children=(), escort=False, claimant=claimant(medical_condition=True)).refreshments_pence == 450


# --- evidence and checks ---------------------------------------------------------------------------


def test_an_advance_claim_needs_the_receipts_and_the_stamped_visit_confirmation_within_28_days_after():
    answer = q(application_date=VISIT - timedelta(days=10), expenses=(bus(receipt=False),))
    assert answer.evidence_required == ("bus receipt", "stamped visit confirmation")
    assert answer.evidence_due == VISIT + timedelta(days=28)


def test_a_total_over_250_pounds_is_paid_and_flagged():
    at = q(children=(), hours_away_from_home=Decimal(0), expenses=(bus(25000),))
    over = q(children=(), hours_away_from_home=Decimal(0), expenses=(bus(25001),))
    assert at.manual_check == () and at.total_pence == 25000
    assert over.manual_check == ("total over £250",) and over.total_pence == 25001


# --- rates from data -------------------------------------------------------------------------------


def test_every_rate_comes_from_the_data_file():
    table = RateTable.from_json(
        {
            "rates": [
                {"rate": "mileage", "nation": "scotland", "pence": 7, "effective_from": "2020-01-01"},
                {
                    "rate": "refreshments_over_5_hours",
                    "nation": "scotland",
                    "pence": 11,
                    "effective_from": "2020-01-01",
                },
                {
                    "rate": "refreshments_over_10_hours",
                    "nation": "scotland",
                    "pence": 13,
                    "effective_from": "2020-01-01",
                },
                {"rate": "car_hire_per_day", "nation": "scotland", "pence": 100, "effective_from": "2020-01-01"},
            ]
        }
    )
    answer = quote(
        form(
            expenses=(
                Expense("car", miles_one_way=Decimal(42), return_journey=True),
                Expense("car_hire", cost_pence=500, days=2, receipt=True),
            )
        ),
        table,
    )
    assert [i.amount_pence for i in answer.items] == [84 * 7, 200]
    assert answer.refreshments_pence == 22


def test_a_visit_before_any_rate_is_refused_naming_the_visit_date():
    with pytest.raises(InvalidInput) as error:
        q(visit_date=date(2024, 6, 30), application_date=date(2024, 7, 1))
    assert error.value.field == "visit_date"


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"expenses": (Expense("bus", cost_pence=-1),)}, "expenses[0].cost_pence"),
        ({"expenses": (Expense("car"),)}, "expenses[0].miles_one_way"),
        ({"expenses": (Expense("car_hire", cost_pence=100),)}, "expenses[0].days"),
        ({"expenses": (Expense("rocket", cost_pence=100),)}, "expenses[0].type"),
        ({"prison_nation": "france"}, "prison_nation"),
        ({"claims_in_last_12_months": -1}, "claims_in_last_12_months"),
    ],
)
def test_a_form_the_rules_cannot_read_is_refused_naming_the_field(changes, field):
    with pytest.raises(InvalidInput) as error:
        q(**changes)
    assert error.value.field == field


# --- properties that hold for any claim ------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_expense = st.one_of(
    st.builds(
        lambda miles, back: Expense("car", miles_one_way=Decimal(miles) / 4, return_journey=back),
        st.integers(0, 8000),
        st.booleans(),
    ),
    st.builds(
        lambda kind, pence, receipt: Expense(
            kind, cost_pence=pence, receipt=receipt, days=1, no_public_transport=True, pre_approved=True
        ),
        st.sampled_from(["toll", "parking", "car_hire", "bus", "train", "ferry", "plane", "taxi", "accommodation"]),
        st.integers(0, 20000),
        st.booleans(),
    ),
)


@settings(max_examples=150, deadline=None)
@given(
    expenses=st.lists(_expense, max_size=6),
    relationship=st.sampled_from(["partner", "friend", "parent"]),
    claims=st.integers(0, 30),
    days_after=st.integers(-35, 35),
    hours=st.integers(0, 30),
)
def test_the_total_is_the_items_and_refreshments_and_nothing_when_ineligible(
    expenses, relationship, claims, days_after, hours
):
    answer = q(
        expenses=tuple(expenses),
        claimant=claimant(relationship=relationship),
        claims_in_last_12_months=claims,
        application_date=VISIT + timedelta(days=days_after),
        hours_away_from_home=Decimal(hours) / 2,
    )
    assert len(answer.items) == len(expenses)
    assert answer.total_pence == sum(i.amount_pence for i in answer.items) + answer.refreshments_pence
    assert all(i.amount_pence >= 0 for i in answer.items)
    assert answer.eligible == (answer.reasons == ())
    if not answer.eligible:
        assert answer.total_pence == 0 and len(answer.explanation) == len(answer.reasons)
    assert ("total over £250" in answer.manual_check) == (answer.total_pence > 25000)
