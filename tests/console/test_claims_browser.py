"""The caseworker's pages in a real Chromium: the queue's counts and filters, a decision per expense (with a
mistake first), a request for information and marking a claim paid; axe on every page. The screenshots of the
queue and of a claim are the README's (docs/screenshots/console-claims-*.png)."""

from __future__ import annotations

import os
import re
from datetime import date, datetime, timedelta

import pytest

from tests.console.browser import assert_accessible, sign_in_page
from tests.console.harness import add_establishment
from tests.integration.centre.claim_world import claim, picture, receipt, visited
from visitorcentre.server import database
from visitorcentre.server.console import accounts

pytestmark = pytest.mark.browser
SUBMITTED = datetime(2026, 11, 23, 9, 0)
#: Set VC_README_SCREENSHOTS=docs/screenshots to write the README's pictures (otherwise they go to /tmp).
SHOTS = os.environ.get("VC_README_SCREENSHOTS", "/tmp")


@pytest.fixture
def engine(console_url):
    engine = database.make_engine(console_url)
    for code, name in (("BAR", "HMP Barlinnie"), ("GRE", "HMP Greenock")):
        add_establishment(engine, code, name)
    car = [{"type": "car", "miles_one_way": "38", "return_journey": True, "description": "Paisley to Barlinnie"}]
    people = [
        ("c-1", "p-1", ("Mary", "O'Neill"), ("Sean", "MacDonald", "A1234BC"), date(2026, 11, 20), None),
        ("c-2", "p-2", ("Aisha", "Khan"), ("Imran", "Khan", "B2345CD"), date(2026, 11, 21), None),
        ("c-3", "p-1", ("Morag", "Stewart"), ("Sean", "MacDonald", "A1234BC"), date(2026, 11, 20), car),
        ("c-4", "p-4", ("Joan", "Baird"), ("Craig", "Baird", "D4567EF"), date(2026, 11, 18), car),
    ]
    for number, (claimant, prisoner, names, prisoner_names, day, lines) in enumerate(people):
        claim(
            engine,
            f"claim-{number + 1}",
            claimant=claimant,
            prisoner=prisoner,
            names=names,
            prisoner_names=prisoner_names,
            visit_date=day,
            lines=lines,
            reference=f"TC{number + 1:06d}",
            submitted_at=SUBMITTED + timedelta(hours=number * 5),
        )
    claim(engine, "claim-g", establishment="GRE", claimant="c-g", prisoner="p-g", reference="GRE00001")
    claim(
        engine,
        "claim-ok",
        status="approved",
        claimant="c-5",
        prisoner="p-5",
        reference="TC000009",
        names=("Ewan", "Fraser"),
        prisoner_names=("Ross", "Fraser", "E5678FG"),
        visit_date=date(2026, 11, 10),
    )
    train = ("ScotRail", "Paisley Gilmour St - Glasgow Central", "Off-peak return", "Total GBP 42.50")
    parking = ("Station car park", "Pay and display, 1 day", "3 Nov 2026 08:12", "Total GBP 6.00")
    receipt(engine, "claim-1", 0, data=picture("PNG", lines=train))
    receipt(engine, "claim-1", 1, data=picture("PDF", colour="ivory", lines=parking))
    receipt(engine, "claim-2", 0)
    visited(engine, "c-1", "p-1", date(2026, 11, 20))
    visited(engine, "c-2", "p-2", date(2026, 11, 21), outcome="no_show")
    yield engine
    engine.dispose()


def rows(page) -> list[str]:
    return page.locator("table.govuk-table tbody tr td:first-child a").all_inner_texts()


def references(page) -> list[str]:
    return [re.match(r"\w+", text).group(0) for text in rows(page)]


def test_the_queue_counts_and_filters(live_server, engine, page):
    sign_in_page(page, live_server, engine, accounts.CASEWORKER, ["BAR"])
    page.goto(f"{live_server.address}/console/")
    page.get_by_role("navigation", name="Primary navigation").get_by_role("link", name="Claims", exact=True).click()
    page.wait_for_url(re.compile(r"/console/claims$"))
    assert references(page) == ["TC000001", "TC000002", "TC000003", "TC000004"]  # oldest first, not GRE's
    tabs = page.get_by_role("navigation", name="Claims by status")
    assert tabs.get_by_role("link", name="Submitted (4)").is_visible()
    assert tabs.get_by_role("link", name="Approved (1)").is_visible()
    assert_accessible(page)
    page.screenshot(path=f"{SHOTS}/console-claims-queue.png", full_page=True)
    page.get_by_label("Warnings").select_option(label="Another claimant, same prisoner and date")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"warning=other_claimant"))
    assert references(page) == ["TC000001", "TC000003"]
    assert tabs.get_by_role("link", name="Submitted (2)").is_visible()
    page.get_by_label("Total from (£)").fill("ten pounds")
    page.get_by_role("button", name="Apply filters").click()
    summary = page.get_by_role("alert")
    assert "Enter an amount in pounds" in summary.inner_text()
    assert_accessible(page)
    page.get_by_label("Total from (£)").fill("")
    page.get_by_label("Warnings").select_option(label="Any")
    page.get_by_label("Total up to (£)").fill("40")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"max=40"))
    assert references(page) == ["TC000003", "TC000004"]  # the car journeys, £35.40
    tabs.get_by_role("link", name=re.compile("^Approved")).click()
    assert references(page) == []  # the approved claim is over £40
    assert "No approved claims match." in page.inner_text("main")


def test_a_decision_per_expense_after_a_mistake(live_server, engine, page):
    sign_in_page(page, live_server, engine, accounts.CASEWORKER, ["BAR"])
    page.goto(f"{live_server.address}/console/claims/claim-1")
    assert page.get_by_role("heading", name=re.compile("Claim TC000001")).is_visible()
    assert "Checked in" in page.locator("#visit-check").inner_text()
    assert page.get_by_role("img", name=re.compile("Receipt for expense 1: Train")).is_visible()
    assert page.get_by_role("img", name=re.compile("Receipt for expense 2: Parking, page 1 of the PDF")).is_visible()
    assert_accessible(page)
    page.screenshot(path=f"{SHOTS}/console-claims-claim.png", full_page=True)
    train = page.get_by_role("group", name=re.compile(r"^1\. Train"))
    train.get_by_label("Approved at a different amount").check()
    page.get_by_label("Amount to pay (£) for train").fill("30")
    page.get_by_role("button", name="Approve the claim").click()
    summary = page.get_by_role("alert")
    assert "Say why expense 1 is approved at a different amount." in summary.inner_text()
    summary.get_by_role("link", name="Say why expense 1 is approved at a different amount.").click()
    assert page.evaluate("document.activeElement.id") == "reason-0"
    assert_accessible(page)
    page.screenshot(path="/tmp/console-claims-mistake.png", full_page=True)
    page.get_by_label("Why the amount for train is different").fill("An off-peak return was £30")
    page.get_by_role("group", name=re.compile(r"^2\. Parking")).get_by_label("Not approved").check()
    page.get_by_label("Note (needed unless every expense is approved in full)").fill("No parking without a car.")
    page.get_by_role("button", name="Approve the claim").click()
    assert "The claim was approved." in page.locator(".govuk-notification-banner--success").inner_text()
    assert "To pay: £35.00" in page.inner_text("main")
    assert page.get_by_role("heading", name="Mark as paid").is_visible()
    assert_accessible(page)


def test_a_request_for_information_and_marking_paid(live_server, engine, page):
    sign_in_page(page, live_server, engine, accounts.CASEWORKER, ["BAR"])
    page.goto(f"{live_server.address}/console/claims/claim-2")
    page.get_by_role("button", name="Ask for information").click()
    assert "Say exactly what the family needs to send." in page.get_by_role("alert").inner_text()
    assert_accessible(page)
    page.get_by_label("What exactly the family must send").fill("The bus ticket for the journey home.")
    page.get_by_role("button", name="Ask for information").click()
    assert "asked for the information" in page.locator(".govuk-notification-banner--success").inner_text()
    assert page.locator("#history").get_by_text("The bus ticket for the journey home.").is_visible()
    assert "Waiting for the family" in page.inner_text("main")
    page.goto(f"{live_server.address}/console/claims/claim-ok")
    page.get_by_label("Bank transfer").check()
    page.get_by_role("button", name="Mark as paid").click()
    assert "Enter the payment reference" in page.get_by_role("alert").inner_text()
    assert_accessible(page)
    page.get_by_label("Payment reference").fill("BACS 20261203-0042")
    page.get_by_role("button", name="Mark as paid").click()
    assert "marked as paid" in page.locator(".govuk-notification-banner--success").inner_text()
    assert "reference BACS 20261203-0042" in page.inner_text("main")
    assert_accessible(page)
