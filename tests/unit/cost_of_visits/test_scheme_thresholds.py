"""The scheme's thresholds live in the rate table: a table in force with other thresholds changes the
desk's quote, the caseworker's warnings and the automatic approval checks, for its nation from its date
only; the data file's thresholds are the scheme's standing ones."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.cost_of_visits.test_claim_warnings import claim, other
from tests.unit.cost_of_visits.test_scheme_rules import RATES, VISIT, bus, form
from visitorcentre.core.cost_of_visits import rates as r
from visitorcentre.core.cost_of_visits.auto_approval import AutoApprovalSettings, Check, ClaimFacts, assess
from visitorcentre.core.cost_of_visits.quote_words import note_words
from visitorcentre.core.cost_of_visits.rate_tables import SchemeRates, check_entered, rate_table, tables_in
from visitorcentre.core.cost_of_visits.rules import quote
from visitorcentre.core.cost_of_visits.warnings import WarningCode, warnings
from visitorcentre.core.errors import InvalidInput

STANDING = r.Thresholds()
FROM = VISIT - timedelta(days=10)


def stricter(**limits: int) -> r.RateTable:
    """The data file's rates, with a Scottish table from ``FROM`` whose thresholds are ``limits``."""
    current = next(t for t in reversed(tables_in(RATES)) if t.nation == "scotland" and t.effective_from <= FROM)
    newer = SchemeRates("scotland", FROM, {**current.pence, **limits})
    return rate_table([*tables_in(RATES), newer])


def test_the_data_files_thresholds_are_the_scheme_standing_ones_everywhere():
    for nation in ("scotland", "england", "wales"):
        assert RATES.thresholds(nation, VISIT) == STANDING
    assert (STANDING.universal_credit_income_limit_pence, STANDING.manual_check_total_pence) == (125_000, 25_000)
    assert (STANDING.claims_a_year, STANDING.claims_a_month, STANDING.most_miles) == (26, 4, 1_500)


def test_a_lower_universal_credit_limit_makes_the_same_household_ineligible_from_its_date():
    table = stricter(universal_credit_income_limit_pence=80_000)  # the example household has £900 a month
    assert quote(form(), RATES).eligible
    assert quote(form(), table).reasons == ("income",)
    assert quote(form(visit_date=FROM - timedelta(days=1), application_date=FROM), table).eligible  # before it
    assert quote(form(prison_nation="england"), table).eligible  # another nation's prisons


def test_the_claims_a_year_limit_comes_from_the_table():
    assert quote(form(claims_in_last_12_months=10), RATES).eligible
    table = stricter(claims_a_year=10)
    assert quote(form(claims_in_last_12_months=10), table).reasons == ("allowance",)
    assert quote(form(claims_in_last_12_months=9), table).eligible


def test_a_lower_total_and_fewer_miles_need_a_manual_check_and_the_notes_say_the_numbers():
    table = stricter(manual_check_total_pence=1_000, most_miles=50)
    answer = quote(form(), table)  # 84 miles there and back
    assert answer.items[0].amount_pence == 0
    assert answer.items[0].note == "over 50 miles: paid only after a manual check"
    assert answer.manual_check == ("over 50 miles", "total over £10")
    assert quote(form(), RATES).manual_check == ()
    assert note_words(answer.items[0].note) == answer.items[0].note  # English exactly as the rules wrote it


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 60_000), st.integers(0, 60_000))
def test_the_total_is_flagged_exactly_above_the_tables_limit(limit, pence):
    answer = quote(
        form(children=(), hours_away_from_home=Decimal(0), expenses=(bus(pence),)),
        stricter(manual_check_total_pence=limit),
    )
    assert bool(answer.manual_check) == (pence > limit)


def test_the_caseworkers_warnings_use_the_limits_given():
    month = [other(f"m{n}", prisoner="x", day=date(2026, 11, n + 1)) for n in range(2)]
    assert WarningCode.MONTH_LIMIT not in [w.code for w in warnings(claim(), month, (0,))]
    limits = replace(STANDING, claims_a_month=2, manual_check_total_pence=5_000)
    found = {w.code: w.text for w in warnings(claim(), month, (0,), limits)}
    assert "the scheme pays 2 a month" in found[WarningCode.MONTH_LIMIT]
    assert found[WarningCode.OVER_TOTAL] == "The total, £56.50, is over £50."


def test_automatic_approval_checks_the_limits_given():
    facts = ClaimFacts(
        total_pence=3240,
        expenses=(("bus", 3240),),
        last_approved=(("bus", 3240),),
        claims_in_12_months=5,
        claims_in_month=2,
        other_pending=0,
        visit="checked_in",
    )
    on = AutoApprovalSettings(enabled=True)
    assert assess(facts, on).approve
    tighter = replace(
        facts, limits=replace(STANDING, manual_check_total_pence=3_000, claims_a_year=4, claims_a_month=1)
    )
    failed = {r.check: r.words for r in assess(tighter, on).failed}
    assert set(failed) == {Check.TOTAL_LIMIT, Check.YEAR_LIMIT, Check.MONTH_LIMIT}
    assert failed[Check.TOTAL_LIMIT] == "Total £32.40, over £30.00."
    assert failed[Check.YEAR_LIMIT] == "5 claims in 12 months (at most 4)."


TYPED = {
    "mileage_pence": "30",
    "refreshments_over_5_hours_pence": "450",
    "refreshments_over_10_hours_pence": "510",
    "car_hire_per_day_pence": "4000",
    "universal_credit_income_limit_pence": "125000",
    "manual_check_total_pence": "25000",
    "claims_a_year": "26",
    "claims_a_month": "4",
    "most_miles": "1500",
}


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"universal_credit_income_limit_pence": ""}, "universal_credit_income_limit_pence", "Enter the universal"),
        ({"manual_check_total_pence": "250.00"}, "manual_check_total_pence", "whole number of pence"),
        ({"claims_a_year": "0"}, "claims_a_year", "1 claims or more"),
        ({"claims_a_month": "32"}, "claims_a_month", "31 claims or less"),
        ({"claims_a_month": "5", "claims_a_year": "4"}, "claims_a_month", "cannot be more than"),
        ({"most_miles": "1,500"}, "most_miles", "whole number of miles"),
    ],
)
def test_a_typed_threshold_is_refused_naming_its_field(changes, field, words):
    with pytest.raises(InvalidInput) as error:
        check_entered("scotland", date(2027, 1, 1), {**TYPED, **changes})
    assert error.value.field == field and words in error.value.message


def test_a_table_entered_before_thresholds_keeps_the_standing_ones():
    from visitorcentre.core.cost_of_visits.rate_tables import from_record

    old = {"nation": "wales", "effective_from": "2027-01-01", **{k: 100 for k in list(TYPED)[:4]}}
    table = from_record(old)
    assert rate_table([table]).thresholds("wales", date(2027, 2, 1)) == STANDING
    assert table.fields()["claims_a_year"] == 26


def test_the_familys_explanation_says_the_limits_in_force_in_each_language():
    from visitorcentre import i18n
    from visitorcentre.core.cost_of_visits.explain import explain

    table = stricter(universal_credit_income_limit_pence=80_000, claims_a_year=10)
    refused = quote(form(), table)
    assert refused.explanation[0].startswith(
        "You can't claim because your household income is £900.00 a month, over the £800 a month limit"
    )
    allowed = quote(form(claimant=replace(form().claimant, benefit="income_support")), table)
    assert "you have made 3 of the 10 claims allowed in 12 months." in allowed.explanation[0]
    assert "of the 26 claims allowed" in quote(form(), RATES).explanation[0]  # the standing limit, as before
    over = quote(form(claims_in_last_12_months=10), table)
    assert over.explanation[-1].startswith("You can't claim because 10 claims have already been made")
    for language in ("pl", "gd"):
        words = explain(
            form(),
            list(refused.reasons),
            i18n.translator(language),
            lambda p, language=language: i18n.money(p, language),
            refused.limits,
        )
        assert "800" in words[0] and "1,250" not in words[0] and "1250" not in words[0] and "{" not in words[0]
        said = explain(
            form(claims_in_last_12_months=10), ["allowance"], i18n.translator(language), limits=refused.limits
        )
        assert "(10)" in said[0] and "26" not in said[0]
