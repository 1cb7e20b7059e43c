"""Automatic approval at the centre: off until a national administrator turns it on (audited); a repeat
claim like the last one a person approved, its visit checked in and its receipts attached, is approved
through the caseworkers' own write path; anything else is left to a person, with each check's words kept."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.integration.centre.claim_world import CASEWORKER, NOW, claim, establishments, put
from visitorcentre.core.cost_of_visits.auto_approval import SWITCHABLE, Check
from visitorcentre.core.errors import InvalidInput
from visitorcentre.server.centre import auto_approval, claim_decisions
from visitorcentre.server.centre.models import CentreAudit
from visitorcentre.server.models import Document

ALL = [{"index": i, "decision": "approved"} for i in range(3)]  # train, parking, refreshments


@pytest.fixture
def engine(engine):
    establishments(engine)
    return engine


def turn_on(engine, checks=SWITCHABLE, enabled=True):
    with Session(engine) as session, session.begin():
        auto_approval.change_settings(session, actor="Nina National", enabled=enabled, checks=list(checks), now=NOW)


def visited(engine, claim_id: str, visit_id: str, outcome: str = "checked_in", claimant: str = "visitor-1"):
    """The visit as a desk's check-in leaves it, and the claim's receipts attached."""
    with Session(engine) as session, session.begin():
        put(session, "visit", visit_id, {"establishment": "BAR", "status": outcome, "prisoner_id": "prisoner-1"})
        put(
            session,
            "visit_person",
            f"{visit_id}-p",
            {"establishment": "BAR", "visit_id": visit_id, "visitor_id": claimant, "outcome": outcome},
        )
        for index in (0, 1):  # the train and parking receipts
            put(
                session,
                "cost_attachment",
                f"{claim_id}-r{index}",
                {
                    "establishment": "BAR",
                    "application_id": claim_id,
                    "kind": "receipt",
                    "sha256": "a" * 64,
                    "media_type": "image/jpeg",
                    "size_bytes": 10,
                    "original_name": "",
                    "expense_index": index,
                },
            )


def first_claim_approved_by_a_person(engine):
    claim(engine, "claim-1", visit_date=date(2026, 10, 20), visit_id="visit-1")
    with Session(engine) as session, session.begin():
        claim_decisions.record_decision(
            session, actor=CASEWORKER, application_id="claim-1", outcome="approved", expenses=ALL, now=NOW
        )


def status(engine, claim_id: str) -> str:
    with Session(engine) as session:
        doc = session.get(Document, ("cost_application", claim_id))
        assert doc is not None
        return str(doc.payload["status"])


def words(engine, claim_id: str) -> dict[str, tuple[bool, str]]:
    with Session(engine) as session:
        row = auto_approval.last_check(session, claim_id)
        assert row is not None
        return {r["check"]: (r["passed"], r["words"]) for r in row.results}


def test_off_until_turned_on_then_a_clean_repeat_claim_is_approved_automatically(engine):
    first_claim_approved_by_a_person(engine)
    claim(engine, "claim-2", visit_date=date(2026, 11, 20), visit_id="visit-2")
    visited(engine, "claim-2", "visit-2")
    assert auto_approval.run(engine, NOW) == {"checked": 0, "approved": 0, "failed": 0}
    assert status(engine, "claim-2") == "submitted"
    turn_on(engine)
    assert auto_approval.run(engine, NOW)["approved"] == 1
    assert status(engine, "claim-2") == "approved"
    with Session(engine) as session:
        decisions = [
            d.payload
            for d in session.scalars(select(Document).where(Document.entity == "cost_decision"))
            if d.payload["application_id"] == "claim-2"
        ]
        audited = [a.action for a in session.scalars(select(CentreAudit).order_by(CentreAudit.seq))]
    assert [(d["automatic"], d["decided_by"], d["approved_pence"]) for d in decisions] == [
        (True, "Automatic approval", 5350)
    ]
    assert "claims.auto_approval_settings" in audited and "cost_claim.approved" in audited
    assert all(passed for passed, _ in words(engine, "claim-2").values())
    assert auto_approval.run(engine, NOW)["checked"] == 0  # nothing submitted is left


def test_a_first_claim_goes_to_a_person_and_says_why(engine):
    claim(engine, "claim-1", visit_id="visit-1")
    visited(engine, "claim-1", "visit-1")
    turn_on(engine)
    assert auto_approval.run(engine, NOW) == {"checked": 1, "approved": 0, "failed": 0}
    assert status(engine, "claim-1") == "submitted"
    passed, said = words(engine, "claim-1")[Check.REPEAT_CLAIM]
    assert not passed and "first claim" in said.lower()


def test_no_check_in_or_a_missing_receipt_or_a_dearer_journey_leaves_it_to_a_person(engine):
    first_claim_approved_by_a_person(engine)
    dearer = [
        {"type": "train", "cost_pence": 5000, "receipt": True},
        {"type": "parking", "cost_pence": 600, "receipt": True},
    ]
    claim(engine, "claim-2", visit_date=date(2026, 11, 20), visit_id="visit-2", lines=dearer)
    turn_on(engine)
    auto_approval.run(engine, NOW)
    said = words(engine, "claim-2")
    assert status(engine, "claim-2") == "submitted"
    assert not said[Check.VISIT_CHECKED_IN][0] and "no check-in" in said[Check.VISIT_CHECKED_IN][1].lower()
    assert not said[Check.RECEIPTS_PRESENT][0] and "train receipt" in said[Check.RECEIPTS_PRESENT][1]
    assert not said[Check.SAME_AS_LAST_APPROVED][0] and "£50.00" in said[Check.SAME_AS_LAST_APPROVED][1]
    assert not said[Check.NO_WARNINGS][0] and "Receipts missing" in said[Check.NO_WARNINGS][1]  # (a warning too)
    # the administrator switches off the three checks: the missing receipts are still a warning
    turn_on(engine, set(SWITCHABLE) - {Check.VISIT_CHECKED_IN, Check.RECEIPTS_PRESENT, Check.SAME_AS_LAST_APPROVED})
    assert auto_approval.run(engine, NOW)["approved"] == 0
    # and with the warnings check off too, it goes through
    turn_on(
        engine,
        set(SWITCHABLE)
        - {Check.VISIT_CHECKED_IN, Check.RECEIPTS_PRESENT, Check.SAME_AS_LAST_APPROVED, Check.NO_WARNINGS},
    )
    assert auto_approval.run(engine, NOW)["approved"] == 1


def test_a_refused_family_is_not_approved(engine):
    first_claim_approved_by_a_person(engine)
    claim(engine, "claim-2", visit_date=date(2026, 11, 20), visit_id="visit-2")
    visited(engine, "claim-2", "visit-2", outcome="refused")
    turn_on(engine)
    auto_approval.run(engine, NOW)
    assert status(engine, "claim-2") == "submitted"
    assert "refused" in words(engine, "claim-2")[Check.VISIT_CHECKED_IN][1]


def test_after_four_automatic_approvals_in_a_row_the_fifth_goes_to_a_person(engine):
    first_claim_approved_by_a_person(engine)
    turn_on(engine)
    for number in range(2, 7):
        claim_id = f"claim-{number}"
        visit_date = date(2026, 5, 10) + timedelta(days=30 * number)  # a month apart: no month's limit near
        claim(engine, claim_id, visit_date=visit_date, visit_id=f"visit-{number}")
        visited(engine, claim_id, f"visit-{number}")
        auto_approval.run(engine, NOW + timedelta(minutes=number))
    assert [status(engine, f"claim-{n}") for n in range(2, 7)] == ["approved"] * 4 + ["submitted"]
    said = words(engine, "claim-6")
    assert "a person decides" in said[Check.PERSON_AFTER_RUN][1]
    assert [check for check, (passed, _) in said.items() if not passed] == [Check.PERSON_AFTER_RUN]


def test_settings_refuse_an_unknown_check_and_a_safeguard(engine):
    with Session(engine) as session, pytest.raises(InvalidInput) as error:
        auto_approval.change_settings(session, actor="x", enabled=True, checks=["repeat_claim"], now=NOW)
    assert error.value.field == "checks"
    with Session(engine) as session:
        assert auto_approval.settings(session).enabled is False


def test_the_claim_page_shows_what_each_check_said(engine, tmp_path):
    from tests.console.harness import signed_in
    from visitorcentre.server.app import create_app
    from visitorcentre.server.console import accounts

    claim(engine, "claim-1", visit_id="visit-1")  # a first claim: left for a caseworker
    turn_on(engine)
    auto_approval.run(engine, NOW)
    app = create_app(engine.url.render_as_string(hide_password=False))
    client = signed_in(app, accounts.CASEWORKER, ["BAR"])
    page = client.get("/console/claims/claim-1")
    assert page.status_code == 200
    assert "Automatic approval checks" in page.text and "left for a caseworker" in page.text
    assert "A first claim: a person decides it." in page.text
    assert "No check-in for the visit has reached the centre yet." in page.text


def test_after_a_person_refused_the_claimants_latest_claim_a_person_decides_the_next(engine):
    first_claim_approved_by_a_person(engine)
    claim(engine, "claim-2", visit_date=date(2026, 11, 2), visit_id="visit-2")
    with Session(engine) as session, session.begin():
        claim_decisions.record_decision(
            session,
            actor=CASEWORKER,
            application_id="claim-2",
            outcome="rejected",
            reason="visit_not_confirmed",
            note="No visit that day",
            now=NOW + timedelta(minutes=1),  # after the approval of claim-1
        )
    claim(engine, "claim-3", visit_date=date(2026, 11, 20), visit_id="visit-3")
    visited(engine, "claim-3", "visit-3")
    turn_on(engine)
    auto_approval.run(engine, NOW + timedelta(minutes=2))
    assert status(engine, "claim-3") == "submitted"
    passed, said = words(engine, "claim-3")[Check.REPEAT_CLAIM]
    assert not passed and "refused" in said


def test_the_command_line_run_approves_and_says_how_many(engine):
    from tests.integration.servers import admin

    first_claim_approved_by_a_person(engine)
    claim(engine, "claim-2", visit_date=date(2026, 11, 20), visit_id="visit-2")
    visited(engine, "claim-2", "visit-2")
    url = engine.url.render_as_string(hide_password=False)
    off = admin(url, "claims", "auto-approve")
    assert off.returncode == 0 and "approved automatically: 0" in off.stdout
    turn_on(engine)
    on = admin(url, "claims", "auto-approve")
    assert on.returncode == 0, on.stderr
    assert "Claims checked: 1; approved automatically: 1" in on.stdout
    assert status(engine, "claim-2") == "approved"


def test_a_lower_total_in_the_rate_table_in_force_leaves_the_claim_to_a_person(engine):
    from visitorcentre.server.centre import claim_facts, scheme_rates

    scheme_rates.seed_new_server(engine, NOW)
    first_claim_approved_by_a_person(engine)
    claim(engine, "claim-2", visit_date=date(2026, 11, 20), visit_id="visit-2")  # £53.50
    visited(engine, "claim-2", "visit-2")
    typed = {
        "mileage_pence": "30",
        "refreshments_over_5_hours_pence": "450",
        "refreshments_over_10_hours_pence": "510",
        "car_hire_per_day_pence": "4000",
        "universal_credit_income_limit_pence": "125000",
        "manual_check_total_pence": "5000",
        "claims_a_year": "26",
        "claims_a_month": "4",
        "most_miles": "1500",
    }
    with Session(engine) as session, session.begin():  # in England from before the visit: not this claim's nation
        scheme_rates.enter(
            session, actor="Nina National", nation="england", effective_from=date(2026, 11, 1), typed=typed, now=NOW
        )
    with Session(engine) as session, session.begin():  # in Scotland from the day after the visit: not yet in force
        scheme_rates.enter(
            session, actor="Nina National", nation="scotland", effective_from=date(2026, 11, 21), typed=typed, now=NOW
        )
    turn_on(engine, set(SWITCHABLE) - {Check.NO_WARNINGS})  # the warning it raises is a separate check
    with Session(engine) as session:  # neither table is in force for this claim: the standing limit
        payload = dict(session.get(Document, ("cost_application", "claim-2")).payload)
        assert claim_facts.gather(session, payload).limits.manual_check_total_pence == 25_000
    with Session(engine) as session, session.begin():  # in Scotland from before the visit: in force for it
        scheme_rates.enter(
            session, actor="Nina National", nation="scotland", effective_from=date(2026, 11, 1), typed=typed, now=NOW
        )
    assert auto_approval.run(engine, NOW)["approved"] == 0
    assert status(engine, "claim-2") == "submitted"
    passed, said = words(engine, "claim-2")[Check.TOTAL_LIMIT]
    assert not passed and said == "Total £53.50, over £50.00."
