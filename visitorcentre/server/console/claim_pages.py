"""The caseworker's pages: the queue of travel-costs claims, one claim, and its receipt files.

Caseworkers and national administrators only. Reads come from the typed copies
(``server.centre.claims_queue``, ``claim_view``); the decisions are in ``claim_decision_pages``.
A claim (or a receipt) outside the caseworker's establishments is the 404 page, whatever id or
hash is guessed.
"""

from __future__ import annotations

import io
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from visitorcentre.core.cost_of_visits.vocab import (
    APPLICATION_STATUS_LABELS,
    BENEFIT_LABELS,
    EXPENSE_DECISION_LABELS,
    PAYMENT_METHOD_LABELS,
    RELATIONSHIP_LABELS,
    ExpenseDecision,
    PaymentMethod,
    RejectionReason,
)
from visitorcentre.core.cost_of_visits.warnings import WARNING_LABELS
from visitorcentre.core.errors import InvalidInput, NotFound, VisitorCentreError
from visitorcentre.server.centre import auto_approval, claim_view, claims_queue
from visitorcentre.server.console.accounts import CASEWORKER, NATIONAL_ADMIN, Staff
from visitorcentre.server.console.prisoner_forms import establishments, scope_of
from visitorcentre.server.console.web import NavItem, Reader, now, render, require

router = APIRouter()
CASEWORKERS = (CASEWORKER, NATIONAL_ADMIN)
Casework = Annotated[Staff, Depends(require(*CASEWORKERS))]
NAVIGATION = [NavItem("Claims", "/claims", CASEWORKERS)]
PDF_PAGES = 4  # pages of a PDF receipt pictured in the claim's page
#: What a caseworker reads for each rejection reason (the family's letter says it in their words).
REJECTION_CHOICES = [
    (RejectionReason.RELATIONSHIP, "Relationship not eligible"),
    (RejectionReason.BENEFIT, "Benefit not confirmed"),
    (RejectionReason.VISIT_NOT_CONFIRMED, "Visit not confirmed"),
    (RejectionReason.DUPLICATE, "Duplicate claim"),
    (RejectionReason.TOO_MANY_CLAIMS, "Over the claims allowed in 12 months"),
    (RejectionReason.TIMING, "Claimed too late"),
    (RejectionReason.EVIDENCE_NOT_PROVIDED, "Evidence asked for not provided"),
    (RejectionReason.OTHER, "Other (say in the note)"),
]
WORDS: dict[str, Any] = {
    "statuses": APPLICATION_STATUS_LABELS,
    "relationships": RELATIONSHIP_LABELS,
    "benefits": BENEFIT_LABELS,
    "decisions": EXPENSE_DECISION_LABELS,
    "methods": PAYMENT_METHOD_LABELS,
    "reasons": dict(REJECTION_CHOICES),
    "decision_choices": [(str(d), str(EXPENSE_DECISION_LABELS[d])) for d in ExpenseDecision],
    "method_choices": [(str(m), str(PAYMENT_METHOD_LABELS[m])) for m in PaymentMethod],
    "rejection_choices": [(str(code), text) for code, text in REJECTION_CHOICES],
}


def money(pence: int | None) -> str:
    return "" if pence is None else f"£{pence // 100:,}.{pence % 100:02d}"


def _filters(staff: Staff, status: str, establishment: str, age: str, warning: str, low: str, high: str):
    """The queue's filters from the query, or InvalidInput naming the field."""
    if status not in {str(s) for s in claims_queue.QUEUE_STATUSES}:
        status = claims_queue.S.SUBMITTED
    code = establishment.strip().upper()[:8]
    if code and not staff.may_see(code):
        raise InvalidInput("Choose one of your establishments.", "establishment")
    days = int(age) if age.isdigit() and int(age) in claims_queue.AGES else 0
    if warning not in ("", claims_queue.ANY_WARNING, claims_queue.NO_WARNING, *WARNING_LABELS):
        warning = ""
    low_pence = claims_queue.pence(low, "min")
    high_pence = claims_queue.pence(high, "max")
    if low_pence is not None and high_pence is not None and low_pence > high_pence:
        raise InvalidInput("The largest amount must be at least the smallest.", "max")
    return claims_queue.Filters(status, code, days, warning, low_pence, high_pence)


@router.get("/claims")
def queue_page(
    request: Request,
    staff: Casework,
    session: Reader,
    status: str = Query("submitted", max_length=20),
    establishment: str = Query("", max_length=8),
    age: str = Query("", max_length=3),
    warning: str = Query("", max_length=20),
    min: str = Query("", max_length=12),  # noqa: A002 - the query's own name
    max: str = Query("", max_length=12),  # noqa: A002
    after: str = Query("", max_length=120),
) -> Response:
    values = {"status": status, "establishment": establishment, "age": age, "warning": warning, "min": min, "max": max}
    context: dict[str, Any] = {
        "values": values,
        "establishments": establishments(session, staff),
        "ages": [("", "Any age"), *[(str(d), f"Waiting {d} days or more") for d in claims_queue.AGES[1:]]],
        "warning_choices": [
            ("", "Any"),
            (claims_queue.ANY_WARNING, "With any warning"),
            (claims_queue.NO_WARNING, "With no warnings"),
            *WARNING_LABELS.items(),
        ],
        "money": money,
        **WORDS,
    }
    try:
        filters = _filters(staff, status, establishment, age, warning, min, max)
    except InvalidInput as error:
        context["errors"] = {error.field or "form": error.message}
        return render(request, "claims/queue.html", status_code=400, found=None, tabs=[], **context)
    found = claims_queue.queue(session, scope_of(staff), filters, now(request), after)
    kept = {k: v for k, v in values.items() if v and k != "status"}
    tabs = [
        (
            str(s),
            str(APPLICATION_STATUS_LABELS[s]),
            claims_queue.shown_count(found.counts.get(str(s), 0)),
            f"?{urlencode(kept | {'status': s})}",
        )
        for s in claims_queue.QUEUE_STATUSES
    ]
    next_href = (
        f"?{urlencode(kept | {'status': filters.status, 'after': found.next_after})}" if found.next_after else None
    )
    first_href = f"?{urlencode(kept | {'status': filters.status})}" if after else None
    return render(
        request,
        "claims/queue.html",
        found=found,
        tabs=tabs,
        shown_status=filters.status,
        next_href=next_href,
        first_href=first_href,
        **context,
    )


def claim_context(request: Request, session, staff: Staff, claim_id: str) -> dict[str, Any]:
    """What the claim's page shows (the decision pages render it again with their errors)."""
    shown = claim_view.claim(session, scope_of(staff), claim_id, now(request))
    pages = {}
    for attached in shown.attachments:
        if attached.media_type == "application/pdf":
            data, _kind = claim_view.attachment_file(session, scope_of(staff), shown.record["id"], attached.id)
            pages[attached.id] = min(PDF_PAGES, _pdf_length(data))
    auto_check = auto_approval.last_check(session, str(shown.record["id"]))  # (i15-auto: the automatic checks)
    return {
        "claim": shown,
        "record": shown.record,
        "pdf_pages": pages,
        "money": money,
        "auto_check": auto_check,
        **WORDS,
    }


@router.get("/claims/{claim_id}")
def claim_page(request: Request, claim_id: str, staff: Casework, session: Reader) -> Response:
    context = claim_context(request, session, staff, claim_id)
    return render(request, "claims/view.html", **context)


def _file_answer(data: bytes, media_type: str, name: str) -> Response:
    return Response(
        content=data,
        media_type=media_type,
        # (the console adds X-Content-Type-Options: nosniff and Cache-Control: no-store to every answer)
        headers={"Content-Disposition": f'inline; filename="{name}"'},
    )


@router.get("/claims/{claim_id}/files/{attachment_id}")
def receipt_file(request: Request, claim_id: str, attachment_id: str, staff: Casework, session: Reader) -> Response:
    data, media_type = claim_view.attachment_file(session, scope_of(staff), claim_id, attachment_id)
    extension = {"image/png": "png", "image/jpeg": "jpg", "application/pdf": "pdf"}[media_type]
    return _file_answer(data, media_type, f"receipt.{extension}")


@router.get("/claims/{claim_id}/files/{attachment_id}/pages/{number}")
def receipt_page(
    request: Request, claim_id: str, attachment_id: str, number: int, staff: Casework, session: Reader
) -> Response:
    """A page of a PDF receipt as a PNG, to show in the claim's page (1 to PDF_PAGES)."""
    data, media_type = claim_view.attachment_file(session, scope_of(staff), claim_id, attachment_id)
    if media_type != "application/pdf" or not 1 <= number <= PDF_PAGES:
        raise NotFound("There is no such page of that receipt.")
    try:
        png = _pdf_page(data, number - 1)
    except (IndexError, VisitorCentreError):
        raise NotFound("There is no such page of that receipt.") from None
    return _file_answer(png, "image/png", f"receipt-page-{number}.png")


def _pdf_page(data: bytes, index: int) -> bytes:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        if index >= len(document):
            raise IndexError(index)
        image = document[index].render(scale=1.5).to_pil()
        out = io.BytesIO()
        image.save(out, format="PNG")
        return out.getvalue()
    finally:
        document.close()


def _pdf_length(data: bytes) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()
