"""One claim as the caseworker's page shows it: the people, the journey's lines, receipts, history, warnings,
the desk's explanation, and whether the visit took place according to the check-in records the server holds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre.core.cost_of_visits.claim_lines import ClaimLine, claim_lines
from visitorcentre.core.cost_of_visits.explain import explain
from visitorcentre.core.cost_of_visits.rates import Thresholds
from visitorcentre.core.cost_of_visits.recheck import Recheck, recheck
from visitorcentre.core.cost_of_visits.views import ApplicationForm, Claimant
from visitorcentre.core.cost_of_visits.warnings import ClaimWarning
from visitorcentre.core.kinds import PersonOutcome
from visitorcentre.server.centre import claim_warnings, store, typed
from visitorcentre.server.centre.scope import Scope, record_in_scope
from visitorcentre.server.models import Document

#: What the check-in records say about the claimant at the visit: (code, words).
VISIT_WORDS: dict[str, str] = {
    PersonOutcome.CHECKED_IN: "Checked in: the desk checked the claimant in for this visit.",
    PersonOutcome.REFUSED: "Refused: the claimant was refused entry at this visit.",
    PersonOutcome.NO_SHOW: "No-show: the claimant did not come to this visit.",
    PersonOutcome.CANCELLED: "Cancelled: the claimant's place on this visit was cancelled.",
}


@dataclass(frozen=True)
class Attachment:
    id: str
    kind: str
    media_type: str
    expense_index: int | None
    original_name: str


@dataclass(frozen=True)
class VisitCheck:
    code: str  # "checked_in", "refused", "no_show", "cancelled", "not_yet", "no_booking"
    words: str
    visit_reference: str = ""


@dataclass(frozen=True)
class ClaimShown:
    record: dict[str, Any]
    claimant: dict[str, Any]
    prisoner: dict[str, Any]
    lines: tuple[ClaimLine, ...]
    attachments: list[Attachment]
    history: list[dict[str, Any]]
    decisions: list[dict[str, Any]]
    warnings: tuple[ClaimWarning, ...]
    visit: VisitCheck
    explanation: tuple[str, ...]
    recheck: Recheck | None = None  # the amounts worked out again with the centre's rates in force


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _payloads(session: Session, entity: str, ids: list[str]) -> list[dict[str, Any]]:
    if not ids:
        return []
    found = session.scalars(select(Document.payload).where(Document.entity == entity, Document.row_id.in_(ids)))
    return [dict(p) for p in found]


def visit_check(session: Session, record: dict[str, Any], today: date) -> VisitCheck:
    """Whether the claimant came to the visit, from the server's check-in records (the visit's people)."""
    claimant, day = str(record.get("claimant_id") or ""), _day(record.get("visit_date"))
    if day is None:
        return VisitCheck("no_booking", "The claim has no visit date.")
    people = session.execute(
        select(
            typed.TypedVisitPerson.outcome,
            typed.TypedVisit.row_id,
            typed.TypedVisit.prisoner_id,
            typed.TypedVisit.reference,
        )
        .join(typed.TypedVisit, typed.TypedVisit.row_id == typed.TypedVisitPerson.visit_id)
        .where(typed.TypedVisitPerson.visitor_id == claimant, typed.TypedVisitPerson.session_date == day)
    ).all()
    named = str(record.get("visit_id") or "")
    wanted = [p for p in people if p[1] == named] or [p for p in people if p[2] == record.get("prisoner_id")]
    if not wanted:
        return VisitCheck(
            "no_booking",
            "No booking: the server holds no visit for this claimant and prisoner on that day, "
            "so the check-in records cannot confirm it.",
        )
    outcome, _visit, _prisoner, reference = wanted[0]
    if outcome in VISIT_WORDS:
        return VisitCheck(str(outcome), VISIT_WORDS[outcome], reference)
    if day >= today:
        return VisitCheck("not_yet", "Not yet: the visit has not happened.", reference)
    return VisitCheck(
        "not_yet", "Not yet recorded: the visit was booked but no check-in has reached the server.", reference
    )


def _explanation(record: dict[str, Any], limits: Thresholds | None = None) -> tuple[str, ...]:
    """The desk's "You can claim because …" sentences, worked out again from the stored answers."""
    reasons = list((record.get("quote") or {}).get("reasons") or [])
    try:
        form = ApplicationForm(
            prison_nation=str(record["prison_nation"]),
            visit_date=date.fromisoformat(str(record["visit_date"])[:10]),
            application_date=date.fromisoformat(str(record["application_date"])[:10]),
            claimant=Claimant(
                date.fromisoformat(str(record["claimant_date_of_birth"])[:10]),
                str(record["relationship"]),
                str(record["benefit"]),
                record.get("monthly_household_income_pence"),
                bool(record.get("medical_condition")),
            ),
            escort=bool(record.get("escort")),
            claims_in_last_12_months=int(record.get("claims_in_last_12_months") or 0),
            hours_away_from_home=Decimal(str(record.get("hours_away_from_home") or 0)),
        )
        return explain(form, reasons, limits=limits)
    except (KeyError, ValueError, TypeError, InvalidOperation):
        return tuple(f"Not eligible: {reason}" for reason in reasons)


def claim(session: Session, scope: Scope, claim_id: str, now: datetime) -> ClaimShown:
    """The claim ``claim_id``; NotFound when there is none or it is not one of the caseworker's establishments."""
    record = record_in_scope(scope, store.current(session, "cost_application", claim_id[:64]), "claim")
    row_id = str(record["id"])
    files = session.execute(
        select(typed.TypedCostAttachment.row_id).where(
            typed.TypedCostAttachment.application_id == row_id, typed.TypedCostAttachment.sha256 != ""
        )
    ).scalars()
    attachments = sorted(
        (
            Attachment(
                str(p["id"]),
                str(p.get("kind") or ""),
                str(p.get("media_type") or ""),
                p.get("expense_index"),
                str(p.get("original_name") or ""),
            )
            for p in _payloads(session, "cost_attachment", list(files))
        ),
        key=lambda a: (a.expense_index is None, a.expense_index or 0, a.id),
    )
    events = session.scalars(select(typed.TypedCostEvent.row_id).where(typed.TypedCostEvent.application_id == row_id))
    decisions = session.scalars(
        select(typed.TypedCostDecision.row_id).where(typed.TypedCostDecision.application_id == row_id)
    )
    return ClaimShown(
        record=record,
        claimant=store.current(session, "visitor", str(record.get("claimant_id") or "")) or {},
        prisoner=store.current(session, "prisoner", str(record.get("prisoner_id") or "")) or {},
        lines=claim_lines(record.get("expenses") or [], record.get("quote") or {}),
        attachments=attachments,
        history=sorted(_payloads(session, "cost_application_event", list(events)), key=lambda e: str(e.get("at"))),
        decisions=sorted(_payloads(session, "cost_decision", list(decisions)), key=lambda d: str(d.get("decided_at"))),
        warnings=claim_warnings.for_claim(session, record),
        visit=visit_check(session, record, now.date()),
        explanation=_explanation(record, _thresholds(session, record)),
        recheck=_recheck(session, record),
    )


def _thresholds(session: Session, record: dict[str, Any]) -> Thresholds:
    from visitorcentre.server.centre import scheme_rates

    return scheme_rates.thresholds_for(session, record)


def _recheck(session: Session, record: dict[str, Any]) -> Recheck:
    """The claim's amounts worked out again with the rates the centre holds for its visit's date and nation."""
    from visitorcentre.server.centre import scheme_rates

    return recheck(record, scheme_rates.in_force(session))


def attachment_file(session: Session, scope: Scope, claim_id: str, attachment_id: str) -> tuple[bytes, str]:
    """The bytes of a claim's receipt and their true type; NotFound for anything not the caseworker's to see.

    The claim must be in scope, the attachment must be the claim's (same establishment), and the
    file must have been uploaded by that establishment: guessing another claim's or another
    establishment's ids or hashes finds nothing.
    """
    from visitorcentre.files.receipts import media_type_of
    from visitorcentre.server.models import Blob, BlobOwner

    record = record_in_scope(scope, store.current(session, "cost_application", claim_id[:64]), "claim")
    attached = store.current(session, "cost_attachment", attachment_id[:64])
    sha = str((attached or {}).get("sha256") or "")
    establishment = str(record.get("establishment") or "")
    if (
        attached is None
        or attached.get("application_id") != record["id"]
        or attached.get("establishment") != establishment
        or not sha
        or session.get(BlobOwner, (sha, establishment)) is None
    ):
        record_in_scope(scope, None, "receipt")  # raises NotFound
    blob = session.get(Blob, sha)
    kind = media_type_of(blob.data[:16]) if blob is not None else None
    if blob is None or kind is None:
        record_in_scope(scope, None, "receipt")
    assert blob is not None and kind is not None
    return bytes(blob.data), kind
