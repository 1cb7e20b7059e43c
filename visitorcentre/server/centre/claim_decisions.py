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

from visitorcentre.core.cost_of_visits import decisions
from visitorcentre.core.cost_of_visits.claim_lines import claim_lines
from visitorcentre.core.cost_of_visits.vocab import (
    APPLICATION_STATUS_LABELS,
    ApplicationStatus,
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


def _whole_amount(decision: Mapping[str, Any]) -> dict[str, Any]:
    """An expense decision with its amount as a whole number of pence where it is one ("3000" from a form)."""
    given = dict(decision)
    amount = given.get("amount_pence")
    if isinstance(amount, str) and amount.strip().isdigit():
        given["amount_pence"] = int(amount)
    return given


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
    lines = claim_lines(claim.get("expenses") or [], claim.get("quote") or {})
    text = _note(note, False, "")  # (stored text: no control characters; the rules below say when it is needed)
    reference_text = (payment_reference or "").strip()
    if any(ord(c) < 32 for c in reference_text):
        raise InvalidInput("The payment reference must be on one line.", "payment_reference")
    decided = decisions.check_decision(
        status=status,
        outcome=outcome,
        claimed=[line.claimed_pence for line in lines],
        expenses=[_whole_amount(e) for e in expenses],
        reason=reason,
        note=text,
        payment_method=payment_method,
        payment_reference=reference_text,
    )
    if outcome == S.PAID:
        approved_pence, method = _last_approved_pence(session, application_id), payment_method
    else:
        approved_pence, method, reference_text = decisions.approved_total(decided), "", ""
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
            "reason": reason if outcome == S.REJECTED else "",
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
