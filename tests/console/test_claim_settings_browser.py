"""The national administrators' claim settings in a real Chromium: automatic approval turned on with a
check switched off (audited); axe on each page."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.console.browser import assert_accessible, sign_in_page
from visitorcentre.server import database
from visitorcentre.server.centre import auto_approval
from visitorcentre.server.centre.models import CentreAudit
from visitorcentre.server.console import accounts

pytestmark = pytest.mark.browser


@pytest.fixture
def engine(console_url):
    engine = database.make_engine(console_url)
    yield engine
    engine.dispose()


def test_a_national_admin_turns_automatic_approval_on_without_the_check_in_check(live_server, engine, page):
    sign_in_page(page, live_server, engine, accounts.NATIONAL_ADMIN)
    page.goto(f"{live_server.address}/console/claim-settings/automatic-approval")
    assert_accessible(page)
    switch = page.get_by_label("Approve a claim automatically when every check ticked below passes")
    assert not switch.is_checked()
    switch.check()
    page.get_by_label("The visit is confirmed by a check-in").uncheck()
    page.get_by_role("button", name="Save automatic approval").click()
    page.wait_for_url(re.compile(r"/claim-settings/automatic-approval$"))
    assert "Automatic approval is on" in page.locator(".govuk-notification-banner").inner_text()
    assert page.get_by_label("Approve a claim automatically when every check ticked below passes").is_checked()
    assert not page.get_by_label("The visit is confirmed by a check-in").is_checked()
    assert page.get_by_label("The total is within the scheme rates' limit for a person to check").is_checked()
    assert_accessible(page)
    page.screenshot(path="/tmp/i15auto-automatic-approval.png", full_page=True)
    with Session(engine) as session:
        chosen = auto_approval.settings(session)
        actions = list(session.scalars(select(CentreAudit.action)))
    assert chosen.enabled and "visit_checked_in" not in chosen.checks and "total_limit" in chosen.checks
    assert "claims.auto_approval_settings" in actions


def test_a_caseworker_cannot_open_the_settings(live_server, engine, page):
    sign_in_page(page, live_server, engine, accounts.CASEWORKER)
    answer = page.goto(f"{live_server.address}/console/claim-settings/automatic-approval")
    assert answer is not None and answer.status == 403


def test_a_national_admin_enters_a_new_rate_table_after_a_mistake(live_server, engine, page):
    sign_in_page(page, live_server, engine, accounts.NATIONAL_ADMIN)
    page.goto(f"{live_server.address}/console/")
    page.get_by_role("navigation", name="Primary navigation").get_by_role("link", name="Claim settings").click()
    page.get_by_role("link", name="Scheme rates").click()
    page.wait_for_url(re.compile(r"/claim-settings/scheme-rates$"))
    assert_accessible(page)
    page.get_by_label("Prisons in").select_option("scotland")
    page.locator("#effective_from").fill("1")
    page.locator("#effective_from-month").fill("4")
    page.locator("#effective_from-year").fill("2031")
    page.get_by_label("Car or motorcycle, pence per mile").fill("0.45")
    page.get_by_label("Refreshments per person, away more than 5 hours (pence)").fill("500")
    page.get_by_label("Refreshments per person, away more than 10 hours (pence)").fill("600")
    page.get_by_label("Car hire, most per day (pence)").fill("4500")
    page.get_by_role("button", name="Save the rates").click()
    summary = page.get_by_role("alert")
    assert "whole number of pence" in summary.inner_text()
    assert page.get_by_label("Car hire, most per day (pence)").input_value() == "4500"  # kept as typed
    assert_accessible(page)
    page.screenshot(path="/tmp/i15auto-scheme-rates-error.png", full_page=True)
    page.get_by_label("Car or motorcycle, pence per mile").fill("45")
    page.get_by_label("Claims paid for visits in one month, most").fill("40")  # a threshold's mistake
    page.get_by_role("button", name="Save the rates").click()
    error = page.locator("#claims_a_month-error")
    assert "31 claims or less" in error.inner_text()  # next to its field
    page.get_by_label("Claims paid for visits in one month, most").fill("4")
    page.get_by_role("button", name="Save the rates").click()
    page.wait_for_url(re.compile(r"/claim-settings/scheme-rates$"))
    assert "Desks receive them on their next sync" in page.locator(".govuk-notification-banner").inner_text()
    row = page.locator("#rate-tables").get_by_role("row", name=re.compile(r"^Scotland 1 Apr 2031"))
    assert row.inner_text().split() == ["Scotland", "1", "Apr", "2031", "To", "come", "45", "500", "600", "4500"]
    limits = page.locator("#threshold-tables").get_by_role("row", name=re.compile(r"^Scotland 1 Apr 2031"))
    assert limits.inner_text().split()[6:] == [
        "125000",
        "25000",
        "26",
        "4",
        "1500",
    ]  # the standing ones it started with
    assert_accessible(page)
    page.screenshot(path="/tmp/i15auto-scheme-rates.png", full_page=True)
    with Session(engine) as session:
        actions = list(session.scalars(select(CentreAudit.action)))
    assert "scheme_rates.entered" in actions


def test_a_caseworker_reads_why_a_claim_was_not_approved_automatically(live_server, engine, page):
    from datetime import datetime

    from tests.integration.centre.claim_world import claim, establishments

    establishments(engine)
    claim(engine, "claim-1", visit_id="visit-1")
    with Session(engine) as session, session.begin():
        auto_approval.change_settings(
            session, actor="Nina National", enabled=True, checks=["total_limit"], now=datetime(2026, 12, 3, 9, 0)
        )
    auto_approval.run(engine, datetime(2026, 12, 3, 9, 5))
    sign_in_page(page, live_server, engine, accounts.CASEWORKER, ["BAR"])
    page.goto(f"{live_server.address}/console/claims/claim-1")
    section = page.locator("#automatic-approval + p")
    assert "left for a caseworker" in section.inner_text()
    first = page.get_by_role("term").filter(has_text="A repeat claim")
    assert first.is_visible()
    assert "Switched off" in page.locator(".govuk-summary-list").last.inner_text()
    assert_accessible(page)
    page.locator("#automatic-approval").screenshot(path="/tmp/i15auto-claim-checks-heading.png")
    page.screenshot(path="/tmp/i15auto-claim-checks.png", full_page=True)
