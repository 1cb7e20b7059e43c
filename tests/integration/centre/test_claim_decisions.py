"""A caseworker's decisions on a travel-costs claim: each step writes the decision, the status event and
the claim's new status in one audited transaction; every refusal names the field (or the claim's state)
and writes nothing."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.integration.centre.claim_world import CASEWORKER, NOW, claim, establishments
from visitorcentre.core.errors import InvalidInput, NotAllowed, NotFound
from visitorcentre.server.centre import audit, claim_decisions, store
from visitorcentre.server.centre.models import CentreAudit
from visitorcentre.server.models import Document, Feed

ALL_APPROVED = [{"index": i, "decision": "approved"} for i in range(3)]  # train, parking, refreshments


@pytest.fixture
def engine(engine):
    establishments(engine)
    return engine


def decide(engine, **given):
    with Session(engine) as session, session.begin():
        return claim_decisions.record_decision(
            session, actor=CASEWORKER, now=NOW, **({"application_id": "claim-1"} | given)
        )


def records(engine, entity: str) -> list[dict]:
    with Session(engine) as session:
        return [d.payload for d in session.scalars(select(Document).where(Document.entity == entity))]


def centre_events(engine) -> list[dict]:
    """The status events the centre wrote (not the desk's "submitted")."""
    return [e for e in records(engine, "cost_application_event") if e["by"] != "Dawn Desk"]


def counts(engine) -> tuple[int, int, int]:
    with Session(engine) as session:
        audited = session.scalar(select(func.count()).select_from(CentreAudit))
        feed = session.scalar(select(func.count()).select_from(Feed))
    return len(records(engine, "cost_decision")), audited or 0, feed or 0


def test_a_plain_approval_writes_decision_event_and_status_in_one_audited_step(engine):
    claim(engine)
    decision_id = decide(engine, outcome="approved", expenses=ALL_APPROVED)
    [decision] = records(engine, "cost_decision")
    assert decision["id"] == decision_id and decision["establishment"] == "BAR"
    assert (decision["outcome"], decision["approved_pence"], decision["decided_by"]) == ("approved", 5350, CASEWORKER)
    assert [e["decision"] for e in decision["expenses"]] == ["approved"] * 3 and not decision["automatic"]
    [event] = centre_events(engine)
    assert (event["status"], event["by"], event["application_id"]) == ("approved", CASEWORKER, "claim-1")
    [application] = records(engine, "cost_application")
    assert (application["status"], application["version"]) == ("approved", 2)
    with Session(engine) as session:
        actions = sorted(session.scalars(select(CentreAudit.action)))
        assert actions == ["cost_claim.approved", "cost_claim.status", "cost_claim.status_event"]
        assert audit.verify(session).ok
        fed = {f.entity for f in session.scalars(select(Feed).where(Feed.scope == "BAR"))}
        assert {"cost_decision", "cost_application_event", "cost_application"} <= fed


def test_changed_and_rejected_expenses_need_a_note_and_pay_what_was_approved(engine):
    claim(engine)
    given = [
        {"index": 0, "decision": "changed", "amount_pence": 3000, "reason": "Off-peak fare"},
        {"index": 1, "decision": "rejected"},
        {"index": 2, "decision": "approved"},
    ]
    with pytest.raises(InvalidInput) as raised:
        decide(engine, outcome="approved", expenses=given)
    assert raised.value.field == "note"
    decide(engine, outcome="approved", expenses=given, note="Parking has no receipt.")
    [decision] = records(engine, "cost_decision")
    assert decision["approved_pence"] == 3000 + 0 + 500
    assert [e["amount_pence"] for e in decision["expenses"]] == [3000, 0, 500]


def test_information_asked_for_then_resubmitted_then_approved_then_paid(engine):
    claim(engine)
    decide(engine, outcome="needs_information", note="Send the parking receipt.")
    assert records(engine, "cost_application")[0]["status"] == "needs_information"
    with pytest.raises(NotAllowed):  # waits for the desk's resubmission
        decide(engine, outcome="approved", expenses=ALL_APPROVED)
    claim(engine, status="submitted")  # the desk resubmits (its push, a later version in real life)
    decide(engine, outcome="approved", expenses=ALL_APPROVED)
    decide(engine, outcome="paid", payment_method="bank_transfer", payment_reference="BACS 0042")
    paid = [d for d in records(engine, "cost_decision") if d["outcome"] == "paid"]
    assert [(d["payment_method"], d["payment_reference"], d["approved_pence"]) for d in paid] == [
        ("bank_transfer", "BACS 0042", 5350)
    ]
    statuses = sorted(e["status"] for e in centre_events(engine))
    assert statuses == ["approved", "needs_information", "paid"]


def test_a_rejection_needs_a_reason_from_the_list_and_a_note(engine):
    claim(engine)
    for given, field in [
        ({"reason": "", "note": "x"}, "reason"),
        ({"reason": "because", "note": "x"}, "reason"),
        ({"reason": "duplicate", "note": "  "}, "note"),
    ]:
        with pytest.raises(InvalidInput) as raised:
            decide(engine, outcome="rejected", **given)
        assert raised.value.field == field
    decide(engine, outcome="rejected", reason="duplicate", note="Claimed already as claim ABC.")
    assert records(engine, "cost_application")[0]["status"] == "rejected"


@pytest.mark.parametrize(
    ("given", "field"),
    [
        ({"outcome": "draft"}, "outcome"),
        ({"outcome": "approved", "expenses": ALL_APPROVED[:2]}, "expenses[2].decision"),
        ({"outcome": "approved", "expenses": [*ALL_APPROVED, {"index": 3, "decision": "approved"}]}, "expenses[3]"),
        (
            {"outcome": "approved", "expenses": [*ALL_APPROVED[:2], {"index": 2, "decision": "maybe"}]},
            "expenses[2].decision",
        ),
        (
            {
                "outcome": "approved",
                "note": "n",
                "expenses": [
                    {"index": 0, "decision": "changed", "amount_pence": 9999, "reason": "r"},
                    *ALL_APPROVED[1:],
                ],
            },
            "expenses[0].amount_pence",
        ),
        (
            {
                "outcome": "approved",
                "note": "n",
                "expenses": [{"index": 0, "decision": "changed", "amount_pence": 100}, *ALL_APPROVED[1:]],
            },
            "expenses[0].reason",
        ),
        (
            {"outcome": "approved", "note": "n", "expenses": [{"index": i, "decision": "rejected"} for i in range(3)]},
            "outcome",
        ),
        ({"outcome": "needs_information", "note": ""}, "note"),
        ({"outcome": "needs_information", "note": "x" * 2001}, "note"),
    ],
)
def test_a_mistake_is_named_by_field_and_writes_nothing(engine, given, field):
    claim(engine)
    before = counts(engine)
    with pytest.raises(InvalidInput) as raised:
        decide(engine, **given)
    assert raised.value.field == field
    assert counts(engine) == before and records(engine, "cost_application")[0]["status"] == "submitted"


def test_paid_only_after_approval_with_method_and_reference(engine):
    claim(engine)
    with pytest.raises(NotAllowed):
        decide(engine, outcome="paid", payment_method="cheque", payment_reference="100234")
    decide(engine, outcome="approved", expenses=ALL_APPROVED)
    for given, field in [
        ({"payment_method": "", "payment_reference": "1"}, "payment_method"),
        ({"payment_method": "gold", "payment_reference": "1"}, "payment_method"),
        ({"payment_method": "cheque", "payment_reference": " "}, "payment_reference"),
        ({"payment_method": "cheque", "payment_reference": "1" * 61}, "payment_reference"),
    ]:
        with pytest.raises(InvalidInput) as raised:
            decide(engine, outcome="paid", **given)
        assert raised.value.field == field


def test_a_claim_is_decided_once_and_a_stale_page_is_refused(engine):
    claim(engine)
    with pytest.raises(NotAllowed, match="changed while you were looking"):
        decide(engine, outcome="approved", expenses=ALL_APPROVED, seen_version=7)
    decide(engine, outcome="approved", expenses=ALL_APPROVED, seen_version=1)
    before = counts(engine)
    with pytest.raises(NotAllowed, match="already been approved"):
        decide(engine, outcome="approved", expenses=ALL_APPROVED)
    with pytest.raises(NotAllowed):
        decide(engine, outcome="rejected", reason="other", note="Second thoughts")
    assert counts(engine) == before


def test_an_unknown_claim_or_one_outside_the_caseworkers_establishments_is_not_found(engine):
    claim(engine, establishment="GRE")
    for given in ({"application_id": "no-such-claim"}, {"scope": {"BAR"}}):
        with pytest.raises(NotFound):
            decide(engine, outcome="approved", expenses=ALL_APPROVED, **given)
    assert records(engine, "cost_decision") == []
    decide(engine, outcome="approved", expenses=ALL_APPROVED, scope={"GRE"})


def test_an_automatic_approval_says_so(engine):
    claim(engine)
    decide(engine, outcome="approved", expenses=ALL_APPROVED, automatic=True)
    [decision] = records(engine, "cost_decision")
    [event] = centre_events(engine)
    assert decision["automatic"] and decision["decided_by"] == event["by"] == claim_decisions.AUTOMATIC
    with Session(engine) as session:
        assert store.current(session, "cost_application", "claim-1")["status"] == "approved"


def test_two_caseworkers_at_once_the_second_is_told_it_is_already_decided(engine):
    """The first holds the claim (locked) while the second tries; the second waits, then finds it decided."""
    claim(engine)
    writes = engine.execution_options(write=True)  # as the console writes (BEGIN IMMEDIATE on SQLite)
    second: list[BaseException | str] = []

    def other_caseworker():
        try:
            with Session(writes) as session, session.begin():
                second.append(
                    claim_decisions.record_decision(
                        session,
                        actor="Other",
                        application_id="claim-1",
                        outcome="rejected",
                        reason="other",
                        note="n",
                        now=NOW,
                    )
                )
        except Exception as refused:  # noqa: BLE001 - the refusal is what is checked
            second.append(refused)

    with Session(writes) as session, session.begin():
        claim_decisions.record_decision(
            session, actor=CASEWORKER, application_id="claim-1", outcome="approved", expenses=ALL_APPROVED, now=NOW
        )
        waiting = threading.Thread(target=other_caseworker)
        waiting.start()
        waiting.join(timeout=1)  # it cannot finish while this transaction holds the claim
        assert second == []
    waiting.join(timeout=60)
    [refused] = second
    assert isinstance(refused, NotAllowed) and "already been approved" not in str(refused)
    assert "approved" in str(refused)
    assert [d["outcome"] for d in records(engine, "cost_decision")] == ["approved"]
