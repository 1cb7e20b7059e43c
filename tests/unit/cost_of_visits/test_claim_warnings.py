"""A claim's warnings for the caseworker: each one raised by what it names, and only by that."""

from __future__ import annotations

from datetime import date, timedelta

from visitorcentre.core.cost_of_visits.warnings import OtherClaim, WarningCode, bits, warnings

DAY = date(2026, 11, 20)


def claim(**changes) -> dict:
    expenses = [{"type": "train", "cost_pence": 4250}, {"type": "car", "miles_one_way": "10"}]
    quote = {"items": [{"amount_pence": 4250}, {"amount_pence": 900}], "refreshments_pence": 500}
    record = {
        "id": "me",
        "claimant_id": "mary",
        "prisoner_id": "sean",
        "visit_date": DAY.isoformat(),
        "benefit": "income_support",
        "total_pence": 5650,
        "expenses": expenses,
        "quote": quote,
    }
    return record | changes


def other(row_id: str, claimant="mary", prisoner="sean", day=DAY, status="submitted") -> OtherClaim:
    return OtherClaim(row_id, row_id.upper(), claimant, prisoner, day, status)


def codes(record: dict, others=(), receipts=(0,)) -> list[str]:
    return [w.code for w in warnings(record, list(others), receipts)]


def test_a_clean_claim_has_no_warnings_and_itself_or_a_draft_is_no_duplicate():
    assert codes(claim(), [other("me"), other("d", status="draft")]) == []


def test_same_claimant_prisoner_and_day_is_a_possible_duplicate_and_another_claimant_is_named():
    found = warnings(claim(), [other("a"), other("b", claimant="john"), other("c", day=DAY - timedelta(days=1))], (0,))
    assert [w.code for w in found] == [WarningCode.DUPLICATE, WarningCode.OTHER_CLAIMANT]
    assert [o.id for o in found[0].claims] == ["a"] and [o.id for o in found[1].claims] == ["b"]


def test_the_27th_claim_in_a_year_and_the_5th_in_a_month_are_flagged_but_rejected_ones_do_not_count():
    year = [other(f"y{n}", prisoner="x", day=DAY - timedelta(days=10 * n + 40)) for n in range(26)]
    assert WarningCode.YEAR_LIMIT in codes(claim(), year)
    assert WarningCode.YEAR_LIMIT not in codes(claim(), year[:25])
    assert WarningCode.YEAR_LIMIT not in codes(claim(), [*year[:25], other("r", prisoner="x", status="rejected")])
    month = [other(f"m{n}", prisoner="x", day=date(2026, 11, n + 1)) for n in range(4)]
    assert WarningCode.MONTH_LIMIT in codes(claim(), month)
    assert WarningCode.MONTH_LIMIT not in codes(claim(), month[:3] + [other("o", prisoner="x", day=date(2026, 10, 30))])


def test_benefit_receipts_and_total():
    assert codes(claim(benefit="none")) == [WarningCode.BENEFIT_EVIDENCE]
    assert codes(claim(benefit="universal_credit")) == [WarningCode.BENEFIT_EVIDENCE]
    assert codes(claim(benefit="universal_credit", monthly_household_income_pence=50_000)) == []
    assert codes(claim(), receipts=()) == [WarningCode.RECEIPTS_MISSING]  # the train; mileage needs none
    assert codes(claim(total_pence=25_001)) == [WarningCode.OVER_TOTAL]
    assert codes(claim(total_pence=25_000)) == []


def test_bits_are_one_per_warning():
    found = warnings(claim(benefit="none", total_pence=30_000), [], ())
    assert bin(bits(found)).count("1") == 3
