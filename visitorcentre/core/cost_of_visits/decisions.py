"""A caseworker's decision on a travel-costs claim: what makes it complete, and what it pays.

Pure rules (no database): the centre's ``claim_decisions.record_decision`` calls
``check_decision`` before it writes anything, and stores the expenses it hands back and
``approved_total`` of them. Every refusal is an ``InvalidInput`` naming the field at fault, so the
console can show the message beside it.

The steps a claim goes through: submitted → needs information | approved | rejected; approved →
paid. A claim waiting for information goes back to "submitted" only when the desk resubmits it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from visitorcentre.core.cost_of_visits.vocab import (
    APPLICATION_STATUS_LABELS,
    ApplicationStatus,
    ExpenseDecision,
    PaymentMethod,
    RejectionReason,
)
from visitorcentre.core.errors import InvalidInput

#: The step each status may be followed by at the centre.
NEXT_STEPS: dict[str, frozenset[str]] = {
    ApplicationStatus.SUBMITTED: frozenset(
        {ApplicationStatus.NEEDS_INFORMATION, ApplicationStatus.APPROVED, ApplicationStatus.REJECTED}
    ),
    ApplicationStatus.APPROVED: frozenset({ApplicationStatus.PAID}),
}
OUTCOMES = frozenset({ApplicationStatus.NEEDS_INFORMATION, ApplicationStatus.APPROVED, ApplicationStatus.REJECTED})
STEPS = OUTCOMES | {ApplicationStatus.PAID}
NOTE_LIMIT = 2000
EXPENSE_REASON_LIMIT = 200
PAYMENT_REFERENCE_LIMIT = 60  # sync.record_fields "cost_decision".payment_reference


def may_follow(status: str, step: str) -> bool:
    """Whether ``step`` may be taken on a claim that is ``status`` now."""
    return step in NEXT_STEPS.get(status, frozenset())


def check_step(status: str, step: str) -> None:
    """Refuse a step the claim's status does not allow (e.g. paying a claim not yet approved)."""
    if step not in STEPS:
        raise InvalidInput(f"“{step}” is not a decision a caseworker can make.", "outcome")
    if not may_follow(status, step):
        now = APPLICATION_STATUS_LABELS.get(status, status).lower()
        then = APPLICATION_STATUS_LABELS[step].lower()
        raise InvalidInput(f"A claim that is {now} cannot be marked {then}.", "outcome")


def check_decision(
    *,
    status: str,
    outcome: str,
    claimed: Sequence[int],
    expenses: Sequence[Mapping] = (),
    reason: str = "",
    note: str = "",
    payment_method: str = "",
    payment_reference: str = "",
) -> list[dict]:
    """Check one decision step on a claim that is ``status``; the expense decisions to store.

    ``claimed`` is the amount the claim asks for on each of its lines (pence, in order);
    ``expenses`` one ``{"index", "decision", "amount_pence", "reason"}`` per line for an approval
    (the amount may be left out for a plain approval or a refusal). Raises ``InvalidInput`` with
    the field: ``outcome``, ``reason``, ``note``, ``payment_method``, ``payment_reference`` or
    ``expenses[N].decision`` / ``.amount_pence`` / ``.reason``.
    """
    check_step(status, outcome)
    if len(note) > NOTE_LIMIT:
        raise InvalidInput(f"The note is too long: at most {NOTE_LIMIT} characters.", "note")
    if outcome == ApplicationStatus.PAID:
        _check_payment(payment_method, payment_reference)
        return []
    decided = _check_expenses(claimed, expenses) if outcome == ApplicationStatus.APPROVED else []
    if outcome == ApplicationStatus.REJECTED and reason not in {str(r) for r in RejectionReason}:
        raise InvalidInput("Choose the reason the claim is refused.", "reason")
    if outcome != ApplicationStatus.REJECTED and reason:
        raise InvalidInput("A reason from the list is given only when a claim is refused.", "reason")
    if not note.strip():
        if outcome == ApplicationStatus.NEEDS_INFORMATION:
            raise InvalidInput("Say exactly what the family needs to send.", "note")
        if outcome == ApplicationStatus.REJECTED:
            raise InvalidInput("Add a note explaining the refusal.", "note")
        if not is_plain_approval(decided):
            raise InvalidInput("Add a note: the claim is not approved exactly as claimed.", "note")
    if outcome == ApplicationStatus.APPROVED and sum(claimed) > 0 and approved_total(decided) == 0:
        raise InvalidInput("Nothing is approved: refuse the claim instead.", "outcome")
    return decided


def is_plain_approval(expenses: Sequence[Mapping]) -> bool:
    """Every line approved as claimed."""
    return all(e["decision"] == ExpenseDecision.APPROVED for e in expenses)


def approved_total(expenses: Sequence[Mapping]) -> int:
    """The pence approved: the sum of the approved lines' amounts (a refused line approves 0)."""
    return sum(int(e["amount_pence"]) for e in expenses if e["decision"] != ExpenseDecision.REJECTED)


def plain_approval(claimed: Sequence[int]) -> list[dict]:
    """Every line approved as claimed (what an automatic approval records)."""
    return [
        {"index": i, "decision": str(ExpenseDecision.APPROVED), "amount_pence": amount, "reason": ""}
        for i, amount in enumerate(claimed)
    ]


def _check_expenses(claimed: Sequence[int], expenses: Sequence[Mapping]) -> list[dict]:
    by_index: dict[int, Mapping] = {}
    for position, expense in enumerate(expenses):
        index = expense.get("index", position) if isinstance(expense, Mapping) else None
        if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(claimed):
            raise InvalidInput(f"Expense {position + 1} is not one of the claim's expenses.", f"expenses[{position}]")
        if index in by_index:
            raise InvalidInput(f"Expense {index + 1} is decided twice.", f"expenses[{index}].decision")
        by_index[index] = expense
    decided = []
    for index, amount_claimed in enumerate(claimed):
        where = f"expenses[{index}]"
        expense = by_index.get(index) or {}
        decision = str(expense.get("decision") or "")
        if decision not in {str(d) for d in ExpenseDecision}:
            words = f"Decide expense {index + 1}: approve it, change the amount or refuse it."
            raise InvalidInput(words, f"{where}.decision")
        why = str(expense.get("reason") or "").strip()
        if len(why) > EXPENSE_REASON_LIMIT:
            raise InvalidInput(
                f"The reason for expense {index + 1} is too long: at most {EXPENSE_REASON_LIMIT} characters.",
                f"{where}.reason",
            )
        given = expense.get("amount_pence")
        if decision == ExpenseDecision.CHANGED:
            if not isinstance(given, int) or isinstance(given, bool):
                raise InvalidInput(f"Enter the amount approved for expense {index + 1}.", f"{where}.amount_pence")
            if not 0 <= given <= amount_claimed:
                raise InvalidInput(
                    f"The amount for expense {index + 1} must be from £0.00 "
                    f"to the £{amount_claimed / 100:.2f} claimed.",
                    f"{where}.amount_pence",
                )
            if not why:
                raise InvalidInput(f"Say why expense {index + 1} is approved at a different amount.", f"{where}.reason")
            amount = given
        else:
            amount = amount_claimed if decision == ExpenseDecision.APPROVED else 0
            if given is not None and given != amount:
                words = "as claimed" if decision == ExpenseDecision.APPROVED else "at £0.00"
                raise InvalidInput(
                    f"Expense {index + 1} is {'approved' if amount else 'refused'}, so it is {words}; "
                    "choose “approved at a different amount” to change it.",
                    f"{where}.amount_pence",
                )
        decided.append({"index": index, "decision": decision, "amount_pence": amount, "reason": why})
    return decided


def _check_payment(method: str, reference: str) -> None:
    if method not in {str(m) for m in PaymentMethod}:
        raise InvalidInput("Choose how the claim was paid.", "payment_method")
    if not reference.strip():
        raise InvalidInput("Enter the payment reference.", "payment_reference")
    if len(reference.strip()) > PAYMENT_REFERENCE_LIMIT:
        raise InvalidInput(
            f"The payment reference is too long: at most {PAYMENT_REFERENCE_LIMIT} characters.", "payment_reference"
        )
