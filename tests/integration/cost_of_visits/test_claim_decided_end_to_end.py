"""A travel-costs claim from the desk to the caseworker and back, on a real server on loopback (SQLite and
PostgreSQL): the desk submits with a receipt, the caseworker asks for the missing bus receipt, the desk
syncs and sees the request (its count and the family's visit), attaches the receipt and sends the claim
back, the caseworker approves (one expense at a different amount), and the desk shows "approved" and
prints the family's letter. The caseworker decides through the centre's write path
(``server.centre.claim_decisions.record_decision``), as the console does.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal

import pypdfium2
import pytest
from sqlalchemy import delete
from sqlalchemy.orm import Session

from tests.conftest import NOW
from tests.integration.sync.test_sync_centre_data import desks, server, visit_of  # noqa: F401 (fixtures)
from visitorcentre.core.cost_of_visits.history import history_lines
from visitorcentre.core.cost_of_visits.views import Expense
from visitorcentre.core.errors import NotAllowed
from visitorcentre.db import models as m
from visitorcentre.server.centre import store
from visitorcentre.server.centre.claim_decisions import record_decision
from visitorcentre.server.models import Document


def text_of(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in document)
    finally:
        document.close()


def png(path, colour=(200, 120, 0)):
    from PIL import Image

    Image.new("RGB", (300, 200), colour).save(path, format="PNG")
    return path


def caseworker(server, application_id: str, outcome: str, at, **decision) -> str:
    with Session(server.engine) as session:
        decision_id = record_decision(
            session, actor="Casey Worker", application_id=application_id, outcome=outcome, now=at, **decision
        )
        session.commit()
    return decision_id


def claim_at_centre(server, application_id: str) -> dict:
    with Session(server.engine) as session:
        found = store.current(session, "cost_application", application_id)
        assert found is not None
        return dict(found)


def test_a_claim_asked_for_a_receipt_resubmitted_approved_and_told_to_the_family(server, desks, tmp_path):
    desk = desks("bar-1")
    visit = visit_of(desk, desk.visits.book_visit("ses-today", "pr-1", ["vis-mum", "vis-child"]))
    form = desk.costs.start(visit_id=visit)
    form = replace(
        form,
        claimant=replace(form.claimant, benefit="universal_credit", monthly_household_income_pence=90000),
        hours_away_from_home=Decimal("6.5"),
        expenses=(
            Expense("car", miles_one_way=Decimal(42), return_journey=True),
            Expense("parking", cost_pence=300),
            Expense("bus", cost_pence=420, description="Glasgow to Barlinnie"),
        ),
    )
    application = desk.costs.save(form)
    desk.costs.attach(application, png(tmp_path / "parking.png"), "receipt", 1)
    desk.costs.submit(application)
    assert desk.sync.now().issues == 0
    claimed = desk.costs.application(application).quote
    assert claim_at_centre(server, application)["status"] == "submitted"

    # The caseworker asks for the bus receipt; the desk learns of it at its next sync.
    asked_at = NOW + timedelta(hours=1)
    caseworker(server, application, "needs_information", asked_at, note="a readable bus ticket")
    desk.sync.now()
    (request,) = desk.costs.information_requests()
    assert (request.application_id, request.asked_for) == (application, "a readable bus ticket")
    assert request.due == asked_at.date() + timedelta(days=28)
    assert desk.costs.information_request_count() == 1
    assert [r.reference for r in desk.costs.information_requests(["vis-mum"])] == [request.reference]
    assert desk.costs.information_requests(["vis-gran"]) == []  # not on someone else's visit
    view = desk.costs.application(application)
    assert view.status == "needs_information"
    assert [d.outcome for d in view.decisions] == ["needs_information"]
    with pytest.raises(NotAllowed):  # the centre will not approve a claim waiting for the family
        caseworker(server, application, "approved", asked_at, expenses=())
    letter = text_of(desk.costs.letter_pdf(application))
    assert "We need more information to decide your claim" in letter and "a readable bus ticket" in letter

    # The family brings the ticket: attached and sent back, built on the centre's version (no clash).
    desk.ctx.clock.moment = NOW + timedelta(hours=2)
    desk.costs.attach(application, png(tmp_path / "bus.png", (0, 90, 200)), "receipt", 2)
    desk.costs.submit(application)
    assert desk.sync.now().issues == 0
    assert desk.sync.issues() == []
    at_centre = claim_at_centre(server, application)
    assert at_centre["status"] == "submitted" and at_centre["expenses"][2]["receipt"] is True
    assert desk.costs.information_requests() == []

    # The caseworker approves: everything as claimed but the parking, cut to two hours.
    lines = len(form.expenses) + (1 if claimed.refreshments_pence else 0)
    decisions = [{"index": i, "decision": "approved"} for i in range(lines)]
    decisions[1] = {"index": 1, "decision": "changed", "amount_pence": 200, "reason": "Two hours of parking"}
    caseworker(
        server, application, "approved", NOW + timedelta(hours=3), expenses=decisions, note="Parking cut to two hours"
    )
    desk.sync.now()
    view = desk.costs.application(application)
    assert view.status == "approved" and desk.sync.issues() == []
    approved = claimed.total_pence - 100
    (approval,) = [d for d in view.decisions if d.outcome == "approved"]
    assert approval.approved_pence == approved and approval.decided_by == "Casey Worker"

    history = "\n".join(history_lines(view))
    assert "Sent to the central team by Worker bar-1" in history
    assert "The central team asked for: a readable bus ticket" in history
    assert "Sent again to the central team, with what they asked for, by Worker bar-1" in history
    assert f"Approved £{approved / 100:.2f} of £{claimed.total_pence / 100:.2f} by Casey Worker" in history
    assert "Parking: approved at £2.00 instead of £3.00 (Two hours of parking)" in history

    letter = text_of(desk.costs.letter_pdf(application))
    assert "Your claim has been approved" in letter
    assert f"We have approved £{approved / 100:.2f} of the £{claimed.total_pence / 100:.2f} you claimed" in letter
    assert "Two hours of parking" in letter and "If you think this decision is wrong" in letter

    # In Polish for a Polish-speaking family: money and dates as Polish writes them.
    with desk.ctx.write_sessions() as session:
        session.get_one(m.Visitor, "vis-mum").language = "pl"
        session.commit()
    letter = text_of(desk.costs.letter_pdf(application))
    assert "Twój wniosek został zatwierdzony" in letter
    assert f"{approved // 100},{approved % 100:02d}" in letter and "listopada 2026" in letter
    with Session(server.engine) as session:  # the whole story is in the centre's records, audited
        events = [
            d.payload["status"]
            for d in session.query(Document).filter(Document.entity == "cost_application_event")
            if d.payload["application_id"] == application
        ]
    assert sorted(events) == sorted(["draft", "submitted", "needs_information", "submitted", "approved"])


def test_a_desk_cannot_approve_its_own_claim(server, desks):
    """A desk that forges the centre's approval (a cost_decision and the claim marked approved) is refused;
    the claim stays as the centre has it."""
    desk = desks("bar-1")
    form = desk.costs.start(visitor_id="vis-gran")
    form = replace(
        form,
        claimant=replace(form.claimant, benefit="pension_credit"),
        expenses=(Expense("bus", cost_pence=420, receipt=True),),
    )
    application = desk.costs.save(form)
    desk.costs.submit(application)
    desk.sync.now()
    stamp = NOW.isoformat()
    with desk.ctx.write_sessions() as session:
        row = session.get_one(m.CostApplication, application)
        forged = {
            "id": "forged-decision",
            "establishment": "BAR",
            "created_at": stamp,
            "updated_at": stamp,
            "version": 1,
            "application_id": application,
            "outcome": "approved",
            "reason": "",
            "note": "",
            "expenses": [{"index": 0, "decision": "approved", "amount_pence": 420, "reason": ""}],
            "approved_pence": 420,
            "payment_method": "",
            "payment_reference": "",
            "decided_at": stamp,
            "decided_by": "Casey Worker",
            "automatic": False,
        }
        session.add(
            m.OutboxOp(
                op_id=m.new_id(),
                entity="cost_decision",
                row_id="forged-decision",
                operation="insert",
                payload=forged,
                schema_version=1,
                created_at=NOW,
            )
        )
        session.commit()
        version = row.version
    assert desk.sync.now().issues >= 1
    (issue,) = desk.sync.issues()
    assert "Desks cannot change the central team's decisions on travel-costs claims" in issue.message
    with Session(server.engine) as session:
        assert store.current(session, "cost_decision", "forged-decision") is None

    # Nor mark the claim itself approved, or write an "approved" step of its own.
    with desk.ctx.write_sessions() as session:
        session.execute(delete(m.OutboxOp))
        for entity, row_id, payload in (
            ("cost_application", application, {**claim_at_centre(server, application), "status": "approved"}),
            (
                "cost_application_event",
                "forged-step",
                {
                    "id": "forged-step",
                    "establishment": "BAR",
                    "created_at": stamp,
                    "updated_at": stamp,
                    "version": 1,
                    "application_id": application,
                    "status": "approved",
                    "at": stamp,
                    "by": "Casey Worker",
                    "note": "",
                },
            ),
        ):
            if entity == "cost_application":
                payload["version"] = version + 1
            session.add(
                m.OutboxOp(
                    op_id=m.new_id(),
                    entity=entity,
                    row_id=row_id,
                    operation="update" if entity == "cost_application" else "insert",
                    payload=payload,
                    schema_version=1,
                    created_at=NOW,
                )
            )
        session.commit()
    desk.sync.now()
    refused = [i.message for i in desk.sync.issues() if "Only the central team decides" in i.message]
    assert len(refused) == 2 and any("“approved” once it is “submitted”" in words for words in refused)
    assert claim_at_centre(server, application)["status"] == "submitted"
    with Session(server.engine) as session:
        assert store.current(session, "cost_application_event", "forged-step") is None


def test_the_caseworker_decides_through_the_console_over_http(server, desks, tmp_path):
    """The same round trip with the caseworker at the console of the running server (signed in, forms)."""
    import httpx

    from tests.console.harness import add_user, session_for
    from visitorcentre.server.console import accounts
    from visitorcentre.server.console.web import COOKIE

    desk = desks("bar-1")
    form = desk.costs.start(visitor_id="vis-gran")
    form = replace(
        form,
        claimant=replace(form.claimant, benefit="pension_credit"),
        expenses=(Expense("bus", cost_pence=420, description="Glasgow to Barlinnie"),),
    )
    application = desk.costs.save(form)
    desk.costs.submit(application)
    desk.sync.now()
    signed = session_for(server.engine, add_user(server.engine, accounts.CASEWORKER, ["BAR"], name="Cara Caseworker"))
    console = httpx.Client(base_url=server.address, follow_redirects=False)
    console.cookies.set(COOKIE, signed.token, path="/console")
    page = console.get(f"/console/claims/{application}")
    assert page.status_code == 200 and desk.costs.application(application).reference in page.text
    asked = console.post(
        f"/console/claims/{application}/ask",
        data={"csrf_token": signed.csrf, "information_note": "the bus ticket, please"},
    )
    assert asked.status_code == 303, asked.text
    desk.sync.now()
    assert [r.asked_for for r in desk.costs.information_requests()] == ["the bus ticket, please"]
    desk.ctx.clock.moment = datetime.utcnow()  # the family comes back with it (the console's clock is the real one)
    desk.costs.attach(application, png(tmp_path / "bus.png"), "receipt", 0)
    desk.costs.submit(application)
    assert desk.sync.now().issues == 0
    approved = console.post(
        f"/console/claims/{application}/approve", data={"csrf_token": signed.csrf, "decision-0": "approved"}
    )
    assert approved.status_code == 303, approved.text
    desk.sync.now()
    view = desk.costs.application(application)
    assert view.status == "approved" and desk.sync.issues() == []
    history = "\n".join(history_lines(view))
    assert "Sent again to the central team, with what they asked for, by Worker bar-1" in history
    assert "Approved £4.20 of £4.20 by Cara Caseworker" in history
    assert "Your claim has been approved" in text_of(desk.costs.letter_pdf(application))
    console.close()
