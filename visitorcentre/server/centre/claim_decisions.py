"""A caseworker's decision on a travel-costs claim: one step, one transaction, audited and sent to the desks.

Every step (ask for information, approve with a decision per expense, reject with a reason,
mark paid) writes three records through ``store.save`` in the caller's transaction: a new
``cost_decision``, a new ``cost_application_event`` (the status, when, by whom, the note) and the
``cost_application`` itself with its new status (a new version, so the desk's later
resubmission builds on it). Each is in the central audit log and reaches the establishment's
desks on their next sync.

The claim is read with a row lock, so two caseworkers deciding the same claim at once are
taken one after the other: the second finds it already decided and is told so (``NotAllowed``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre.core.cost_of_visits.claim_lines import ClaimLine, claim_lines
from visitorcentre.core.cost_of_visits.vocab import (
    APPLICATION_STATUS_LABELS,
    ApplicationStatus,
    ExpenseDecision,
    PaymentMethod,
    RejectionReason,
)
from visitorcentre.core.errors import InvalidInput, NotAllowed
from visitorcentre.server.centre import store
from visitorcentre.server.centre.scope import EVERY, Scope, record_in_scope
from visitorcentre.server.centre.typed import TypedCostDecision
from visitorcentre.server.models import Document

AUTOMATIC = "Automatic approval"  # the event's "by" for an automatic approval
NOTE_LIMIT = 2000
S = ApplicationStatus
#: The status a claim must have for each step.
FOLLOWS: dict[str, str] = {
    S.NEEDS_INFORMATION: S.SUBMITTED,
    S.APPROVED: S.SUBMITTED,
    S.REJECTED: S.SUBMITTED,
    S.PAID: S.APPROVED,
}
_VERBS: dict[str, str] = {
    S.NEEDS_INFORMATION: "asked for more information on",
    S.APPROVED: "approved",
    S.REJECTED: "rejected",
    S.PAID: "marked as paid",
}


def _status_words(status: str) -> str:
    return str(APPLICATION_STATUS_LABELS.get(status, status)).lower()


def _locked_claim(session: Session, scope: Scope, application_id: str) -> dict[str, Any]:
    """The application, its row locked to the end of the transaction (PostgreSQL; SQLite writes one at a time)."""
    doc = session.scalars(
        select(Document)
        .where(Document.entity == "cost_application", Document.row_id == str(application_id or ""))
        .with_for_update()
    ).first()
    found = None if doc is None else dict(doc.payload)
    return record_in_scope(scope, found, "claim")


def _note(note: str, required: bool, what: str) -> str:
    text = (note or "").strip()
    if required and not text:
        raise InvalidInput(f"Write a note {what}.", "note")
    if len(text) > NOTE_LIMIT:
        raise InvalidInput(f"The note must be {NOTE_LIMIT} characters or fewer.", "note")
    if any(ord(c) < 32 and c not in "\n\t\r" for c in text):
        raise InvalidInput("The note holds a character that cannot be stored.", "note")
    return text


def expense_decisions(lines: Sequence[ClaimLine], given: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Each line's decision, checked: every line decided once, a changed amount within 0..claimed with a reason."""
    by_index: dict[int, Mapping[str, Any]] = {}
    for number, decision in enumerate(given):
        try:
            index = int(decision.get("index"))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            missing = "An expense decision does not say which expense it is for."
            raise InvalidInput(missing, f"expenses[{number}]") from None
        if not 0 <= index < len(lines) or index in by_index:
            raise InvalidInput(f"There is no expense {index + 1} to decide, or it was decided twice.", "expenses")
        by_index[index] = decision
    decided = []
    for line in lines:
        field = f"expenses[{line.index}]"
        found = by_index.get(line.index)
        if found is None:
            raise InvalidInput(f"Decide the {line.label.lower()} expense.", f"{field}.decision")
        decision = found
        kind = str(decision.get("decision") or "")
        reason = str(decision.get("reason") or "").strip()
        if len(reason) > 200:
            raise InvalidInput("The reason must be 200 characters or fewer.", f"{field}.reason")
        if kind == ExpenseDecision.APPROVED:
            amount = line.claimed_pence
        elif kind == ExpenseDecision.REJECTED:
            amount = 0
        elif kind == ExpenseDecision.CHANGED:
            try:
                amount = int(decision.get("amount_pence"))  # type: ignore[arg-type]
            except (TypeError, ValueError):
                missing = f"Enter the amount to pay for the {line.label.lower()}."
                raise InvalidInput(missing, f"{field}.amount_pence") from None
            if not 0 <= amount <= line.claimed_pence:
                most = f"£{line.claimed_pence // 100}.{line.claimed_pence % 100:02d}"
                raise InvalidInput(
                    f"The amount must be from £0.00 to {most}, what was claimed.", f"{field}.amount_pence"
                )
            if not reason:
                raise InvalidInput("Say why the amount is different.", f"{field}.reason")
        else:
            raise InvalidInput(f"Choose a decision for the {line.label.lower()} expense.", f"{field}.decision")
        decided.append({"index": line.index, "decision": kind, "amount_pence": amount, "reason": reason})
    return decided


def _last_approved_pence(session: Session, application_id: str) -> int:
    """What the claim's latest approval pays (what is marked as paid)."""
    found = session.scalar(
        select(TypedCostDecision.approved_pence)
        .where(TypedCostDecision.application_id == application_id, TypedCostDecision.outcome == S.APPROVED)
        .order_by(TypedCostDecision.decided_at.desc(), TypedCostDecision.row_id.desc())
        .limit(1)
    )
    return int(found or 0)


def record_decision(
    session: Session,
    *,
    actor: str,
    application_id: str,
    outcome: str,
    expenses: Sequence[Mapping[str, Any]] = (),
    reason: str = "",
    note: str = "",
    payment_method: str = "",
    payment_reference: str = "",
    automatic: bool = False,
    now: datetime,
    scope: Scope = EVERY,
    seen_version: int | None = None,
) -> str:
    """Record one step of the centre's decision on a claim; returns the new ``cost_decision``'s id.

    ``actor`` is the caseworker's display name (the event's "by"; "Automatic approval" when
    ``automatic``). ``scope`` is the establishments the caseworker may see (a claim outside it is
    NotFound); ``seen_version`` the claim's version as the caseworker's page showed it (refused
    when it has changed since). Raises InvalidInput naming the field, or NotAllowed when the
    claim's status does not allow the step.
    """
    if outcome not in FOLLOWS:
        raise InvalidInput("Choose what to do with the claim.", "outcome")
    claim = _locked_claim(session, scope, application_id)
    status = str(claim.get("status") or "")
    reference = str(claim.get("reference") or application_id)
    if status != FOLLOWS[outcome]:
        if status == outcome:
            raise NotAllowed(f"Claim {reference} has already been {_status_words(status)}; nothing was changed.")
        raise NotAllowed(
            f"Claim {reference} is {_status_words(status)}, so it cannot be {_status_words(outcome)} now; "
            "nothing was changed."
        )
    if seen_version is not None and int(claim.get("version") or 0) != seen_version:
        raise NotAllowed(f"Claim {reference} changed while you were looking at it. Check it again and decide.")
    decided: list[dict[str, Any]] = []
    approved_pence = 0
    method = reference_text = why = ""
    if outcome == S.APPROVED:
        decided = expense_decisions(claim_lines(claim.get("expenses") or [], claim.get("quote") or {}), expenses)
        approved_pence = sum(d["amount_pence"] for d in decided)
        if not approved_pence:
            raise InvalidInput("Nothing would be paid: approve at least one expense, or reject the claim.", "expenses")
        plain = all(d["decision"] == ExpenseDecision.APPROVED for d in decided)
        text = _note(note, not plain, "saying why some expenses are not paid in full")
    elif outcome == S.REJECTED:
        if reason not in {str(r) for r in RejectionReason}:
            raise InvalidInput("Choose why the claim is rejected.", "reason")
        why = reason
        text = _note(note, True, "explaining the rejection to the family")
    elif outcome == S.NEEDS_INFORMATION:
        text = _note(note, True, "saying exactly what the family must send")
    else:
        if payment_method not in {str(m) for m in PaymentMethod}:
            raise InvalidInput("Choose how the claim was paid.", "payment_method")
        reference_text = (payment_reference or "").strip()
        if not reference_text:
            raise InvalidInput("Enter the payment reference.", "payment_reference")
        if len(reference_text) > 60 or any(ord(c) < 32 for c in reference_text):
            raise InvalidInput(
                "The payment reference must be 60 characters or fewer, on one line.", "payment_reference"
            )
        method = payment_method
        approved_pence = _last_approved_pence(session, application_id)
        text = _note(note, False, "")
    by = AUTOMATIC if automatic else (actor or "").strip()[:80] or "Central team"
    establishment = str(claim.get("establishment") or "")
    at = now.replace(tzinfo=None).isoformat(timespec="seconds")
    summary = f"{by} {_VERBS[outcome]} claim {reference}"
    decision_id = store.new_id()
    store.save(
        session,
        actor=by,
        action=f"cost_claim.{outcome}",
        entity="cost_decision",
        row_id=decision_id,
        fields={
            "establishment": establishment,
            "application_id": application_id,
            "outcome": outcome,
            "reason": why,
            "note": text,
            "expenses": decided,
            "approved_pence": approved_pence,
            "payment_method": method,
            "payment_reference": reference_text,
            "decided_at": at,
            "decided_by": by,
            "automatic": bool(automatic),
        },
        summary=summary,
        now=now,
    )
    store.save(
        session,
        actor=by,
        action="cost_claim.status_event",
        entity="cost_application_event",
        row_id=store.new_id(),
        fields={
            "establishment": establishment,
            "application_id": application_id,
            "status": outcome,
            "at": at,
            "by": by,
            "note": text,
        },
        summary=f"Claim {reference}: {_status_words(outcome)}",
        now=now,
    )
    store.save(
        session,
        actor=by,
        action="cost_claim.status",
        entity="cost_application",
        row_id=application_id,
        fields={"status": outcome},
        summary=f"Claim {reference} is now {_status_words(outcome)}",
        now=now,
    )
    return decision_id
