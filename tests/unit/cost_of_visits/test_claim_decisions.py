"""A caseworker's decision on a claim (core.cost_of_visits.decisions): complete, and never more than claimed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from visitorcentre.core.cost_of_visits.decisions import (
    approved_total,
    check_decision,
    check_step,
    is_plain_approval,
    may_follow,
    plain_approval,
)
from visitorcentre.core.errors import InvalidInput

CLAIMED = [2520, 300, 420]


def decide(**changes):
    values = {"status": "submitted", "outcome": "approved", "claimed": CLAIMED, "expenses": plain_approval(CLAIMED)}
    values.update(changes)
    return check_decision(**values)


def refused(field: str, **changes) -> str:
    with pytest.raises(InvalidInput) as error:
        decide(**changes)
    assert error.value.field == field
    return error.value.message


def test_a_plain_approval_needs_no_note_and_approves_what_was_claimed():
    decided = decide()
    assert [e["amount_pence"] for e in decided] == CLAIMED
    assert approved_total(decided) == sum(CLAIMED)
    assert is_plain_approval(decided)


def test_an_approval_without_amounts_takes_the_claimed_ones():
    decided = decide(expenses=[{"index": i, "decision": "approved"} for i in range(3)])
    assert approved_total(decided) == sum(CLAIMED)


def test_a_changed_amount_needs_a_reason_a_note_and_an_amount_within_what_was_claimed():
    changed = [{"index": 0, "decision": "changed", "amount_pence": 2000, "reason": "shorter route"}] + [
        {"index": i, "decision": "approved"} for i in (1, 2)
    ]
    assert "note" in refused("note", expenses=changed).lower()
    decided = decide(expenses=changed, note="Mileage by the shortest route.")
    assert approved_total(decided) == 2000 + 300 + 420
    no_reason = [dict(changed[0], reason="  ")] + changed[1:]
    refused("expenses[0].reason", expenses=no_reason, note="n")
    refused("expenses[0].amount_pence", expenses=[dict(changed[0], amount_pence=2521)] + changed[1:], note="n")
    refused("expenses[0].amount_pence", expenses=[dict(changed[0], amount_pence=-1)] + changed[1:], note="n")
    refused("expenses[0].amount_pence", expenses=[dict(changed[0], amount_pence="20")] + changed[1:], note="n")
    refused("expenses[0].amount_pence", expenses=[dict(changed[0], amount_pence=True)] + changed[1:], note="n")


def test_a_refused_expense_approves_nothing_and_cannot_carry_an_amount():
    expenses = [{"index": i, "decision": d} for i, d in enumerate(["approved", "rejected", "approved"])]
    assert approved_total(decide(expenses=expenses, note="No parking receipt.")) == 2520 + 420
    expenses[1]["amount_pence"] = 300
    refused("expenses[1].amount_pence", expenses=expenses, note="n")


def test_every_expense_must_be_decided_once():
    refused("expenses[2].decision", expenses=plain_approval(CLAIMED)[:2])
    refused("expenses[1].decision", expenses=plain_approval(CLAIMED) + [{"index": 1, "decision": "approved"}])
    refused("expenses[3]", expenses=plain_approval(CLAIMED) + [{"index": 7, "decision": "approved"}])
    refused("expenses[0].decision", expenses=[{"index": 0, "decision": "maybe"}] + plain_approval(CLAIMED)[1:])


def test_refusing_every_expense_is_a_refusal_of_the_claim():
    every = [{"index": i, "decision": "rejected"} for i in range(3)]
    refused("outcome", expenses=every, note="none of it")


def test_a_refusal_needs_a_reason_from_the_list_and_a_note():
    refused("reason", outcome="rejected", expenses=[], note="Seen twice")
    refused("reason", outcome="rejected", reason="because", note="Seen twice")
    refused("note", outcome="rejected", reason="duplicate", note=" ")
    assert decide(outcome="rejected", reason="duplicate", note="Claimed on 3 Nov", expenses=[]) == []
    refused("reason", reason="duplicate")  # an approval carries no refusal reason


def test_a_request_for_information_says_what_is_needed():
    assert "send" in refused("note", outcome="needs_information", expenses=[]).lower()
    assert decide(outcome="needs_information", note="The bus ticket for the way back.", expenses=[]) == []


def test_paid_needs_the_method_and_reference_and_follows_only_an_approval():
    paid = {"status": "approved", "outcome": "paid", "expenses": []}
    refused("payment_method", **paid, payment_reference="PAY-1")
    refused("payment_method", **paid, payment_method="gold", payment_reference="PAY-1")
    refused("payment_reference", **paid, payment_method="bank_transfer", payment_reference="  ")
    refused("payment_reference", **paid, payment_method="bank_transfer", payment_reference="x" * 61)
    assert decide(**paid, payment_method="bank_transfer", payment_reference="PAY-1") == []
    refused("outcome", outcome="paid", payment_method="bank_transfer", payment_reference="PAY-1")


@pytest.mark.parametrize(
    "status,step,allowed",
    [
        ("submitted", "approved", True),
        ("submitted", "rejected", True),
        ("submitted", "needs_information", True),
        ("submitted", "paid", False),
        ("approved", "paid", True),
        ("approved", "rejected", False),
        ("needs_information", "approved", False),  # waits for the desk's resubmission
        ("rejected", "approved", False),
        ("paid", "paid", False),
        ("draft", "approved", False),
    ],
)
def test_which_step_may_follow_which(status, step, allowed):
    assert may_follow(status, step) is allowed
    if allowed:
        check_step(status, step)
    else:
        with pytest.raises(InvalidInput) as error:
            check_step(status, step)
        assert error.value.field == "outcome"


def test_an_unknown_step_and_a_long_note_are_refused():
    refused("outcome", outcome="submitted")
    refused("outcome", outcome="")
    refused("note", note="x" * 2001)


# --- properties -------------------------------------------------------------------------------

_line = st.integers(0, 50_000)


@st.composite
def _decisions(draw):
    claimed = draw(st.lists(_line, min_size=1, max_size=8))
    expenses = []
    for index, amount in enumerate(claimed):
        kind = draw(st.sampled_from(["approved", "changed", "rejected"]))
        entry: dict = {"index": index, "decision": kind}
        if kind == "changed":
            entry["amount_pence"] = draw(st.integers(-100, amount + 100))
            entry["reason"] = draw(st.sampled_from(["", "cheaper route"]))
        expenses.append(entry)
    order = draw(st.permutations(expenses))
    return claimed, list(order), draw(st.sampled_from(["", "checked"]))


@settings(max_examples=300, deadline=None)
@given(_decisions())
def test_whatever_is_decided_the_approved_total_never_exceeds_the_claim(case):
    claimed, expenses, note = case
    try:
        decided = check_decision(status="submitted", outcome="approved", claimed=claimed, expenses=expenses, note=note)
    except InvalidInput as error:
        assert error.field
        return
    assert [e["index"] for e in decided] == list(range(len(claimed)))
    assert 0 <= approved_total(decided) <= sum(claimed)
    for line, amount in zip(decided, claimed, strict=True):
        assert 0 <= line["amount_pence"] <= amount
        if line["decision"] == "rejected":
            assert line["amount_pence"] == 0
        if line["decision"] == "approved":
            assert line["amount_pence"] == amount
        if line["decision"] == "changed":
            assert line["reason"]
    if not note:
        assert is_plain_approval(decided)


@settings(max_examples=200, deadline=None)
@given(st.lists(_line, min_size=0, max_size=8))
def test_a_plain_approval_pays_exactly_what_was_claimed(claimed):
    decided = check_decision(status="submitted", outcome="approved", claimed=claimed, expenses=plain_approval(claimed))
    assert [e["amount_pence"] for e in decided] == claimed
    assert approved_total(decided) == sum(claimed)
