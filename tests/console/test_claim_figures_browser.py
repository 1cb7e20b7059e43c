"""Claims figures in a real Chromium: an analyst for one establishment reads its claims by month and
downloads the CSV; a mistake in the dates is shown in the error summary; axe on each."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy.orm import Session

from tests.console.browser import assert_accessible, sign_in_page
from tests.integration.centre.claim_world import CASEWORKER, claim, establishments
from visitorcentre.server import database
from visitorcentre.server.centre import claim_decisions
from visitorcentre.server.console import accounts

pytestmark = pytest.mark.browser


@pytest.fixture
def engine(console_url):
    engine = database.make_engine(console_url)
    establishments(engine)
    submitted = datetime(2026, 11, 1, 9, 0)
    claim(engine, "bar-1", visit_date=date(2026, 10, 28), submitted_at=submitted)
    claim(engine, "gre-1", establishment="GRE", visit_date=date(2026, 11, 6), claimant="v2", prisoner="p2")
    with Session(engine) as session, session.begin():
        claim_decisions.record_decision(
            session,
            actor=CASEWORKER,
            application_id="bar-1",
            outcome="approved",
            expenses=[{"index": i, "decision": "approved"} for i in range(3)],
            now=submitted + timedelta(days=3),
        )
    yield engine
    engine.dispose()


def _fill(page, name: str, day: str, month: str, year: str) -> None:
    page.locator(f"#{name}").fill(day)
    page.locator(f"#{name}-month").fill(month)
    page.locator(f"#{name}-year").fill(year)


def test_an_analyst_reads_the_claims_of_every_establishment_and_downloads_them(live_server, engine, page):
    sign_in_page(page, live_server, engine, accounts.ANALYST)
    page.goto(f"{live_server.address}/console/")
    page.get_by_role("navigation", name="Primary navigation").get_by_role("link", name="Claims figures").click()
    page.wait_for_url(re.compile(r"/console/claim-figures$"))
    _fill(page, "start", "1", "10", "2026")
    _fill(page, "end", "30", "11", "2026")
    page.get_by_role("button", name="Show the figures").click()
    page.wait_for_url(re.compile(r"start-day=1"))
    table = page.locator("#claims-figures")
    october = table.get_by_role("row", name=re.compile(r"^HMP BAR \(BAR\), October 2026"))
    assert october.inner_text().split("\t")[1:] == ["1", "0", "0", "1", "0", "0"]
    money = page.locator("#claims-decisions").get_by_role("row", name=re.compile(r"^HMP BAR \(BAR\), October 2026"))
    assert money.inner_text().split("\t")[1:] == ["1", "3.0", "0", "£53.50", "£0.00"]
    assert table.get_by_role("row", name=re.compile(r"^HMP GRE \(GRE\), November 2026")).is_visible()
    expect(page.get_by_role("img", name=re.compile("^Pounds approved"))).to_be_visible()
    assert_accessible(page)
    page.screenshot(path="/tmp/i15auto-claims-figures.png", full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download these figures as a CSV file").click()
    text = open(download.value.path(), encoding="utf-8").read()
    assert text.splitlines()[1].startswith("HMP BAR,BAR,2026-10,1,0,0,1,0,0,1,3.0,0,5350,0")

    _fill(page, "end", "1", "9", "2026")  # before the start
    page.get_by_role("button", name="Show the figures").click()
    assert "The end date must be the same as or after the start date." in page.get_by_role("alert").inner_text()
    assert_accessible(page)


def test_an_establishment_admin_sees_only_their_own_claims(live_server, engine, page):
    sign_in_page(page, live_server, engine, accounts.ESTABLISHMENT_ADMIN, ["GRE"])
    page.goto(f"{live_server.address}/console/claim-figures?start-day=1&start-month=10&start-year=2026")
    rows = page.locator("#claims-figures tbody tr").all_inner_texts()
    assert [r.split("\t")[0] for r in rows] == ["HMP GRE (GRE), November 2026", "Total"]
    answer = page.goto(f"{live_server.address}/console/claim-figures.csv?establishments=BAR")
    assert answer is not None and answer.status == 400
