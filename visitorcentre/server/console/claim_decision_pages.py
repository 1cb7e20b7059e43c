"""The caseworker's decisions on a claim: approve (a decision per expense), reject, ask for information, mark paid.

Each is a form on the claim's page, posted here, and one ``claim_decisions.record_decision`` in
the page's transaction (audited, sent to the establishment's desks). A mistake shows the claim's
page again with the message beside its field; a claim someone else decided meanwhile shows the
page as it now is, with a message saying so (409), never an error page.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from visitorcentre.core.cost_of_visits.vocab import ExpenseDecision
from visitorcentre.core.errors import InvalidInput, NotAllowed
from visitorcentre.server.centre import claim_decisions, claims_queue
from visitorcentre.server.console.claim_pages import Casework, claim_context
from visitorcentre.server.console.web import Writer, now, redirect, render

router = APIRouter()
VIEW = "claims/view.html"


def _field(error_field: str | None, note_field: str) -> str:
    """The page's field for a service's field name ("expenses[1].amount_pence" → "amount-1")."""
    name = error_field or "form"
    if name == "note":
        return note_field
    if name.startswith("expenses[") and "]" in name:
        index, _, part = name[len("expenses[") :].partition("]")
        return {".amount_pence": "amount-", ".reason": "reason-"}.get(part, "decision-") + index
    if name == "expenses":
        return "decision-0"
    return name


def _again(request: Request, session, staff, claim_id: str, values: dict, error, note_field: str) -> Response:
    """The claim's page again with the error (its transaction rolled back)."""
    request.state.rollback = True
    session.rollback()
    context: dict[str, Any] = claim_context(request, session, staff, claim_id)
    if isinstance(error, NotAllowed):
        errors, status = {"form": error.message}, 409
    else:
        errors, status = {_field(error.field, note_field): error.message}, 400
    return render(request, VIEW, status_code=status, values=values, errors=errors, **context)


def _decide(request: Request, session, staff, claim_id: str, values: dict, note_field: str, **step: Any) -> Response:
    try:
        claim_decisions.record_decision(
            session,
            actor=staff.name,
            application_id=claim_id[:64],
            now=now(request),
            scope=staff.establishments,
            **step,
        )
    except (InvalidInput, NotAllowed) as error:
        return _again(request, session, staff, claim_id, values, error, note_field)
    done = {
        "approved": "The claim was approved.",
        "rejected": "The claim was rejected.",
        "needs_information": "The family will be asked for the information.",
        "paid": "The claim was marked as paid.",
    }[step["outcome"]]
    return redirect(request, f"/claims/{claim_id[:64]}", f"{done} The desk will show it after its next sync.")


def _version(text: str) -> int | None:
    return int(text) if text.isdigit() else None


async def posted(request: Request) -> dict[str, str]:
    """The form's fields (the approval's are one set per expense line), each cut to 2,000 characters."""
    form = await request.form()
    return {key: str(value)[:2000] for key, value in list(form.items())[:400] if key != "csrf_token"}


@router.post("/claims/{claim_id}/approve")
def approve(
    request: Request,
    claim_id: str,
    staff: Casework,
    session: Writer,
    values: Annotated[dict[str, str], Depends(posted)],
) -> Response:
    decisions = []
    try:
        for number in range(100):
            if f"decision-{number}" not in values and f"line-{number}" not in values:
                break
            amount = claims_queue.pence(values.get(f"amount-{number}", ""), f"expenses[{number}].amount_pence")
            chosen = values.get(f"decision-{number}", "")
            decisions.append(
                {
                    "index": number,
                    "decision": chosen,
                    "amount_pence": amount if chosen == ExpenseDecision.CHANGED else None,
                    "reason": values.get(f"reason-{number}", "") if chosen == ExpenseDecision.CHANGED else "",
                }
            )
    except InvalidInput as error:
        return _again(request, session, staff, claim_id, values, error, "approve_note")
    return _decide(
        request,
        session,
        staff,
        claim_id,
        values,
        "approve_note",
        outcome="approved",
        expenses=decisions,
        note=values.get("approve_note", ""),
        seen_version=_version(values.get("version", "")),
    )


@router.post("/claims/{claim_id}/reject")
def reject(
    request: Request,
    claim_id: str,
    staff: Casework,
    session: Writer,
    reason: str = Form(""),
    reject_note: str = Form(""),
    version: str = Form(""),
) -> Response:
    values = {"reason": reason, "reject_note": reject_note}
    return _decide(
        request,
        session,
        staff,
        claim_id,
        values,
        "reject_note",
        outcome="rejected",
        reason=reason,
        note=reject_note,
        seen_version=_version(version),
    )


@router.post("/claims/{claim_id}/ask")
def ask_for_information(
    request: Request,
    claim_id: str,
    staff: Casework,
    session: Writer,
    information_note: str = Form(""),
    version: str = Form(""),
) -> Response:
    values = {"information_note": information_note}
    return _decide(
        request,
        session,
        staff,
        claim_id,
        values,
        "information_note",
        outcome="needs_information",
        note=information_note,
        seen_version=_version(version),
    )


@router.post("/claims/{claim_id}/paid")
def mark_paid(
    request: Request,
    claim_id: str,
    staff: Casework,
    session: Writer,
    payment_method: str = Form(""),
    payment_reference: str = Form(""),
    paid_note: str = Form(""),
    version: str = Form(""),
) -> Response:
    values = {"payment_method": payment_method, "payment_reference": payment_reference, "paid_note": paid_note}
    return _decide(
        request,
        session,
        staff,
        claim_id,
        values,
        "paid_note",
        outcome="paid",
        payment_method=payment_method,
        payment_reference=payment_reference,
        note=paid_note,
        seen_version=_version(version),
    )
