"""What the centre knows about a submitted travel-costs claim, gathered for the automatic approval checks.

Read from the document store: the claimant's other claims (at any establishment: the scheme's
limits are national), the decisions on them, the claim's receipts, and the check-in records of
the visit (the desks' visit and visit-person rows), so the checks themselves stay pure
(``core.cost_of_visits.auto_approval``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre.core.cost_of_visits.auto_approval import ClaimFacts
from visitorcentre.core.cost_of_visits.claim_lines import claim_lines
from visitorcentre.core.cost_of_visits.vocab import COUNTED_CLAIMS, ApplicationStatus, AttachmentKind
from visitorcentre.core.cost_of_visits.warnings import WARNING_LABELS
from visitorcentre.server.centre import claim_warnings, scheme_rates
from visitorcentre.server.centre.typed import (
    TypedCostApplication,
    TypedCostAttachment,
    TypedCostDecision,
    TypedVisitPerson,
)
from visitorcentre.server.models import Document
from visitorcentre.sync import policy

WAITING = frozenset({ApplicationStatus.SUBMITTED, ApplicationStatus.NEEDS_INFORMATION})
YEAR = timedelta(days=365)
CHUNK = 500


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _payloads(session: Session, entity: str, row_ids: Iterable[str]) -> list[dict[str, Any]]:
    """The records ``row_ids`` of ``entity`` (found first along a typed copy's index)."""
    ids = sorted(set(row_ids))
    found: list[dict[str, Any]] = []
    for at in range(0, len(ids), CHUNK):
        found += [
            dict(p)
            for p in session.scalars(
                select(Document.payload).where(Document.entity == entity, Document.row_id.in_(ids[at : at + CHUNK]))
            )
        ]
    return found


def approved_lines(claim: Mapping[str, Any], decision: Mapping[str, Any]) -> tuple[tuple[str, int], ...]:
    """(kind, pence approved) for each line of ``claim`` a decision approved."""
    kinds = {line.index: line.type for line in claim_lines(claim.get("expenses") or [], claim.get("quote") or {})}
    return tuple(
        (kinds.get(int(e.get("index", -1)), "?"), int(e.get("amount_pence") or 0))
        for e in decision.get("expenses") or []
        if e.get("decision") != "rejected"
    )


def visit_outcome(session: Session, claim: Mapping[str, Any]) -> str:
    """How the check-in records end the claimant's visit: checked_in, refused, no_show or not_yet."""
    visit_id = str(claim.get("visit_id") or "")
    if not visit_id:
        return "not_yet"
    p = TypedVisitPerson
    outcomes = session.scalars(
        select(p.outcome).where(p.visit_id == visit_id, p.visitor_id == str(claim.get("claimant_id") or ""))
    )
    for outcome in outcomes:
        if outcome in ("checked_in", "refused", "no_show"):
            return str(outcome)
    visit = session.get(Document, ("visit", visit_id))
    status = str((visit.payload if visit is not None else {}).get("status") or "")
    if status in policy.CHECKED_IN_STATUSES:
        return "checked_in"
    if status in ("refused", "no_show"):
        return status
    return "not_yet"


def receipts_missing(session: Session, claim: Mapping[str, Any]) -> tuple[str, ...]:
    """The lines that need a receipt and have none attached at the centre."""
    a = TypedCostAttachment
    with_receipt = set(
        session.scalars(
            select(a.expense_index).where(
                a.application_id == str(claim["id"]), a.kind == AttachmentKind.RECEIPT, a.sha256 != ""
            )
        )
    )
    return tuple(
        f"{line.label.lower()} receipt"
        for line in claim_lines(claim.get("expenses") or [], claim.get("quote") or {})
        if line.needs_receipt and line.claimed_pence > 0 and line.index not in with_receipt
    )


def gather(session: Session, claim: Mapping[str, Any]) -> ClaimFacts:
    """The facts of ``claim`` (a cost_application payload) for ``auto_approval.assess``."""
    claim_id = str(claim["id"])
    visit_day = _day(claim.get("visit_date")) or date.min
    others = [
        o
        for o in _payloads(
            session,
            "cost_application",
            session.scalars(
                select(TypedCostApplication.row_id).where(
                    TypedCostApplication.claimant_id == str(claim.get("claimant_id") or "")
                )
            ),
        )
        if o.get("id") != claim_id
    ]
    counted = [o for o in others if o.get("status") in COUNTED_CLAIMS]
    in_year = [o for o in counted if (d := _day(o.get("visit_date"))) and visit_day - YEAR < d <= visit_day]
    in_month = [
        o
        for o in counted
        if (d := _day(o.get("visit_date"))) and (d.year, d.month) == (visit_day.year, visit_day.month)
    ]
    by_id = {str(o["id"]): o for o in others}
    decisions = [
        d
        for d in _payloads(
            session,
            "cost_decision",
            session.scalars(
                select(TypedCostDecision.row_id).where(
                    TypedCostDecision.application_id.in_(sorted(by_id)),
                    TypedCostDecision.outcome.in_(("approved", "rejected")),
                )
            ),
        )
        if d.get("outcome") in (ApplicationStatus.APPROVED, ApplicationStatus.REJECTED)
    ]
    decisions.sort(key=lambda d: str(d.get("decided_at") or ""), reverse=True)
    in_a_row = 0  # automatic approvals since a person last decided one of the claimant's claims
    for decision in decisions:
        if not decision.get("automatic"):
            break
        in_a_row += 1
    by_person = [d for d in decisions if not d.get("automatic")]
    approved_by_person = [d for d in by_person if d.get("outcome") == ApplicationStatus.APPROVED]
    last_manual = approved_by_person[0] if approved_by_person else None
    lines = claim_lines(claim.get("expenses") or [], claim.get("quote") or {})
    return ClaimFacts(
        total_pence=int(claim.get("total_pence") or 0),
        expenses=tuple((line.type, line.claimed_pence) for line in lines),
        last_approved=None
        if last_manual is None
        else approved_lines(by_id[str(last_manual["application_id"])], last_manual),
        claims_in_12_months=len(in_year) + 1,
        claims_in_month=len(in_month) + 1,
        other_pending=sum(1 for o in others if o.get("status") in WAITING),
        visit=visit_outcome(session, claim),
        receipts_missing=receipts_missing(session, claim),
        warnings=tuple(WARNING_LABELS.get(w.code, w.code) for w in claim_warnings.for_claim(session, claim)),
        automatic_in_a_row=in_a_row,
        eligible=bool(claim.get("eligible")),
        last_person_refused=bool(by_person) and by_person[0].get("outcome") == ApplicationStatus.REJECTED,
        limits=scheme_rates.thresholds_for(session, claim),
    )
