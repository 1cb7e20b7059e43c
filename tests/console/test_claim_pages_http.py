"""The caseworker's pages over HTTP: the queue (scope, order, counts, filters), a claim, its receipt files
(only to who may see them, with strict headers) and each decision step, including the mistakes."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from tests.console.harness import add_establishment, signed_in
from tests.integration.centre.claim_world import claim, picture, receipt, visited
from visitorcentre.server.centre import store
from visitorcentre.server.console import accounts

SUBMITTED = datetime(2026, 11, 25, 10, 0)


def world(app) -> None:
    engine = app.state.engine
    for code in ("BAR", "GRE"):
        add_establishment(engine, code)
    claim(engine, "claim-old", submitted_at=SUBMITTED - timedelta(days=20), reference="OLD00001")
    claim(
        engine, "claim-new", submitted_at=SUBMITTED, reference="NEW00002", claimant="visitor-2", prisoner="prisoner-2"
    )
    claim(engine, "claim-dup", submitted_at=SUBMITTED + timedelta(hours=1), reference="DUP00003")  # = claim-old
    claim(engine, "claim-gre", establishment="GRE", claimant="v-g", prisoner="p-g", reference="GRE00004")
    claim(engine, "claim-paid", status="approved", reference="APP00005", claimant="v-3", visit_date=date(2026, 10, 1))
    receipt(engine, "claim-new", 0)
    receipt(engine, "claim-new", 1, data=picture("JPEG"))


def status_of(app, row_id: str) -> str:
    with Session(app.state.engine) as session:
        return store.current(session, "cost_application", row_id)["status"]


def references(text: str) -> list[str]:
    return re.findall(r"\b([A-Z]{3}0000\d)\b", text)


def test_the_queue_shows_a_caseworkers_claims_oldest_first_with_counts_and_filters(app):
    world(app)
    client = signed_in(app, accounts.CASEWORKER, ["BAR"])
    page = client.get("/console/claims")
    assert page.status_code == 200
    assert references(page.text) == ["OLD00001", "NEW00002", "DUP00003"]  # not GRE's, oldest first
    assert 'Submitted <span class="govuk-!-font-weight-regular">(3)' in page.text
    assert 'Approved <span class="govuk-!-font-weight-regular">(1)' in page.text
    duplicates = client.get("/console/claims", params={"warning": "duplicate"})
    assert references(duplicates.text) == ["OLD00001", "DUP00003"]
    assert references(client.get("/console/claims", params={"warning": "none"}).text) == ["NEW00002"]
    assert references(client.get("/console/claims", params={"age": "14"}).text) == ["OLD00001"]
    assert references(client.get("/console/claims", params={"min": "54", "max": "£60.00"}).text) == []
    assert len(references(client.get("/console/claims", params={"max": "53.50"}).text)) == 3
    assert references(client.get("/console/claims", params={"status": "approved"}).text) == ["APP00005"]
    wrong = client.get("/console/claims", params={"min": "lots"})
    assert wrong.status_code == 400 and "Enter an amount in pounds" in wrong.text and 'href="#min"' in wrong.text
    theirs = client.get("/console/claims", params={"establishment": "GRE"})
    assert theirs.status_code == 400 and "GRE00004" not in theirs.text
    national = signed_in(app, accounts.NATIONAL_ADMIN)
    assert "GRE00004" in national.get("/console/claims").text


def test_the_claim_page_shows_people_journey_warnings_visit_and_receipts(app):
    world(app)
    client = signed_in(app, accounts.CASEWORKER, ["BAR"])
    page = client.get("/console/claims/claim-dup")
    assert page.status_code == 200
    text = page.text
    assert "Mary O&#39;Neill" in text and "Sean MacDonald" in text and "Husband or wife" in text
    assert "This claim may be a duplicate of" in text and "/console/claims/claim-old" in text
    assert "No receipt attached for: train (expense 1), parking (expense 2)" in text
    assert "No booking: the server holds no visit" in text
    assert "You can claim because" in text
    shown = client.get("/console/claims/claim-new").text
    [src, _parking] = re.findall(r'<img [^>]*src="(/console/claims/claim-new/files/[^"]+)"', shown)
    image = client.get(src)
    assert image.status_code == 200 and image.content == picture()
    assert image.headers["content-type"] == "image/png"
    assert image.headers["content-disposition"].startswith("inline")
    assert image.headers["x-content-type-options"] == "nosniff"


def test_a_pdf_receipt_is_shown_as_its_pages_and_opens_inline(app):
    world(app)
    pdf = picture("PDF")
    attached = receipt(app.state.engine, "claim-old", 0, data=pdf)
    client = signed_in(app, accounts.CASEWORKER, ["BAR"])
    text = client.get("/console/claims/claim-old").text
    assert f"/console/claims/claim-old/files/{attached}/pages/1" in text
    page = client.get(f"/console/claims/claim-old/files/{attached}/pages/1")
    assert page.status_code == 200 and page.content.startswith(b"\x89PNG")
    whole = client.get(f"/console/claims/claim-old/files/{attached}")
    assert whole.headers["content-type"] == "application/pdf" and whole.content == pdf
    assert client.get(f"/console/claims/claim-old/files/{attached}/pages/2").status_code == 404


def test_another_establishments_caseworker_guessing_ids_finds_nothing(app):
    world(app)
    engine = app.state.engine
    theirs = receipt(engine, "claim-gre", 0, establishment="GRE", data=picture(colour="yellow"))
    mine = receipt(engine, "claim-old", 0)
    client = signed_in(app, accounts.CASEWORKER, ["BAR"])
    assert client.get("/console/claims/claim-gre").status_code == 404
    for path in (
        f"/console/claims/claim-gre/files/{theirs}",
        f"/console/claims/claim-old/files/{theirs}",  # their attachment under my claim
        f"/console/claims/claim-new/files/{mine}",  # my attachment under another of my claims
        "/console/claims/claim-old/files/no-such",
    ):
        answer = client.get(path)
        assert answer.status_code == 404, path
        assert answer.content != picture(colour="yellow")
    answer = client.post(
        "/console/claims/claim-gre/approve", data={"csrf_token": client.csrf, "decision-0": "approved"}
    )
    assert answer.status_code == 404 and status_of(app, "claim-gre") == "submitted"


def approve_form(client, **changes) -> dict:
    form = {"csrf_token": client.csrf, "decision-0": "approved", "decision-1": "approved", "decision-2": "approved"}
    return form | changes


def test_a_decision_per_expense_with_a_mistake_beside_its_field_then_approved_once(app):
    world(app)
    client = signed_in(app, accounts.CASEWORKER, ["BAR"], name="Cara Caseworker")
    wrong = client.post(
        "/console/claims/claim-new/approve", data=approve_form(client, **{"decision-0": "changed", "amount-0": "30"})
    )
    assert wrong.status_code == 400 and "Say why the amount is different" in wrong.text
    assert 'href="#reason-0"' in wrong.text and 'id="reason-0-error"' in wrong.text
    assert status_of(app, "claim-new") == "submitted"
    too_much = client.post(
        "/console/claims/claim-new/approve",
        data=approve_form(client, **{"decision-0": "changed", "amount-0": "99", "reason-0": "x", "approve_note": "n"}),
    )
    assert too_much.status_code == 400 and 'href="#amount-0"' in too_much.text
    no_note = client.post("/console/claims/claim-new/approve", data=approve_form(client, **{"decision-1": "rejected"}))
    assert no_note.status_code == 400 and 'href="#approve_note"' in no_note.text
    done = client.post(
        "/console/claims/claim-new/approve",
        data=approve_form(
            client,
            **{
                "decision-0": "changed",
                "amount-0": "30.00",
                "reason-0": "Off-peak fare",
                "decision-1": "rejected",
                "approve_note": "No parking receipt.",
            },
        ),
    )
    assert done.status_code == 303 and status_of(app, "claim-new") == "approved"
    shown = client.get("/console/claims/claim-new").text
    assert "To pay: £35.00" in shown and "Off-peak fare" in shown and "Cara Caseworker" in shown
    other = signed_in(app, accounts.CASEWORKER, ["BAR"])
    again = other.post("/console/claims/claim-new/approve", data=approve_form(other))
    assert again.status_code == 409 and "has already been approved" in again.text


def test_information_asked_for_rejection_and_payment(app):
    world(app)
    client = signed_in(app, accounts.CASEWORKER, ["BAR"])
    empty = client.post("/console/claims/claim-old/ask", data={"csrf_token": client.csrf, "information_note": " "})
    assert empty.status_code == 400 and 'href="#information_note"' in empty.text
    asked = client.post(
        "/console/claims/claim-old/ask",
        data={"csrf_token": client.csrf, "information_note": "Send the parking receipt."},
    )
    assert asked.status_code == 303 and status_of(app, "claim-old") == "needs_information"
    assert "Send the parking receipt." in client.get("/console/claims/claim-old").text
    no_reason = client.post("/console/claims/claim-dup/reject", data={"csrf_token": client.csrf, "reject_note": "Dup"})
    assert no_reason.status_code == 400 and 'href="#reason"' in no_reason.text
    client.post(
        "/console/claims/claim-dup/reject",
        data={"csrf_token": client.csrf, "reason": "duplicate", "reject_note": "Dup"},
    )
    assert status_of(app, "claim-dup") == "rejected"
    unpaid = client.post(
        "/console/claims/claim-paid/paid", data={"csrf_token": client.csrf, "payment_method": "cheque"}
    )
    assert unpaid.status_code == 400 and 'href="#payment_reference"' in unpaid.text
    paid = client.post(
        "/console/claims/claim-paid/paid",
        data={"csrf_token": client.csrf, "payment_method": "cheque", "payment_reference": "100234"},
    )
    assert paid.status_code == 303 and status_of(app, "claim-paid") == "paid"


def test_a_stale_page_is_told_the_claim_changed(app):
    world(app)
    client = signed_in(app, accounts.CASEWORKER, ["BAR"])
    stale = client.post("/console/claims/claim-old/approve", data=approve_form(client, version="0"))
    assert stale.status_code == 409 and "changed while you were looking" in stale.text


def test_the_visit_is_confirmed_or_not_by_the_check_in_records(app):
    world(app)
    engine = app.state.engine
    visited(engine, "visitor-1", "prisoner-1", date(2026, 11, 20))
    visited(engine, "visitor-2", "prisoner-2", date(2026, 11, 20), outcome="no_show")
    client = signed_in(app, accounts.CASEWORKER, ["BAR"])
    assert "Checked in: the desk checked the claimant in" in client.get("/console/claims/claim-old").text
    assert "No-show: the claimant did not come" in client.get("/console/claims/claim-new").text
