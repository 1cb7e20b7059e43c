"""The prisoner pages in a real Chromium, as an administrator uses them; axe-core on every page."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from playwright.sync_api import expect
from sqlalchemy.orm import Session

from tests.console.browser import assert_accessible, sign_in_page
from tests.console.harness import add_establishment
from tests.integration.centre.prisoner_world import visitor_on_list
from visitorcentre.server import database
from visitorcentre.server.centre import prisoners
from visitorcentre.server.centre.scope import EVERY
from visitorcentre.server.console import accounts

pytestmark = pytest.mark.browser
HEADER = "prison_number,first_name,last_name,date_of_birth,location,status,restrictions\n"
BAD = HEADER + "A1234BC,Sean,MacDonald,1990-05-01,Hall B,convicted,\nB2345CD,Mary,,1985-03-02,,remand,\n"
GOOD = HEADER + "A1234BC,Sean,MacDonald,1990-05-01,Hall B,convicted,\nB2345CD,Mary,Jones,1985-03-02,,remand,\n"


@pytest.fixture
def engine(console_url):
    engine = database.make_engine(console_url)
    yield engine
    engine.dispose()


def a_prisoner(engine) -> str:
    add_establishment(engine, "BAR")
    with Session(engine) as session, session.begin():
        return prisoners.add(
            session,
            actor="test",
            scope=EVERY,
            now=datetime.utcnow(),
            establishment="BAR",
            number="A1234BC",
            details=prisoners.PrisonerDetails("Seán", "MacDonald", date(1990, 5, 1), "Hall B", "convicted"),
        )


def csv_file(text: str) -> dict:
    return {"name": "roster.csv", "mimeType": "text/csv", "buffer": text.encode()}


def test_upload_a_roster_with_a_bad_row_see_the_error_by_line_and_column_then_a_good_file(live_server, engine, page):
    add_establishment(engine, "BAR")
    sign_in_page(page, live_server, engine, accounts.ESTABLISHMENT_ADMIN, ["BAR"])
    page.goto(f"{live_server.address}/console/")
    page.get_by_role("link", name="Roster").first.click()
    assert_accessible(page)
    page.get_by_label("Establishment").select_option("BAR")
    page.get_by_label("Roster file (CSV)").set_input_files(csv_file(BAD))
    page.get_by_role("button", name="Upload the roster").click()
    summary = page.get_by_role("alert")
    assert summary.is_visible() and "Line 3, column 3: last_name: empty" in summary.inner_text()
    summary.get_by_role("link", name=re.compile("Line 3, column 3")).click()
    assert page.url.endswith("#line-3-3")
    assert_accessible(page)
    page.screenshot(path="/tmp/console-roster-bad.png", full_page=True)
    page.get_by_label("Establishment").select_option("BAR")
    page.get_by_label("Roster file (CSV)").set_input_files(csv_file(GOOD))
    page.get_by_role("button", name="Upload the roster").click()
    expect(page.get_by_role("heading", name="Roster imported")).to_be_visible()
    expect(page.get_by_role("cell", name="Mary Jones")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path="/tmp/console-roster-good.png", full_page=True)
    page.get_by_role("link", name="Find a prisoner").click()
    page.get_by_label("Name or prison number").fill("jones")
    page.get_by_role("button", name="Find").click()
    expect(page.get_by_role("link", name="Jones, Mary")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path="/tmp/console-prisoners-find.png", full_page=True)


def test_add_a_restriction(live_server, engine, page):
    prisoner_id = a_prisoner(engine)
    sign_in_page(page, live_server, engine, accounts.ESTABLISHMENT_ADMIN, ["BAR"])
    page.goto(f"{live_server.address}/console/prisoners/{prisoner_id}")
    assert_accessible(page)
    page.get_by_role("link", name="Add a restriction").click()
    assert_accessible(page)
    page.get_by_label("Other restriction").check()
    page.get_by_label("Reason").fill("Security report")
    today = date.today()
    start = page.get_by_role("group", name="From")
    start.get_by_label("Day").fill(str(today.day))
    start.get_by_label("Month").fill(str(today.month))
    start.get_by_label("Year").fill(str(today.year))
    page.get_by_role("button", name="Add the restriction").click()
    summary = page.get_by_role("alert")
    assert "Enter the detail" in summary.inner_text()
    assert_accessible(page)
    page.screenshot(path="/tmp/console-restriction-error.png", full_page=True)
    summary.get_by_role("link", name="Enter the detail.").click()
    page.keyboard.type("No visits from Mr X")
    page.get_by_role("button", name="Add the restriction").click()
    page.wait_for_url(re.compile(rf"/prisoners/{prisoner_id}$"))
    expect(page.get_by_text("was added")).to_be_visible()
    expect(page.get_by_role("cell", name="Other restriction: No visits from Mr X")).to_be_visible()
    expect(page.get_by_text("In force")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path="/tmp/console-prisoner-restriction.png", full_page=True)


def test_approve_a_visitor(live_server, engine, page):
    prisoner_id = a_prisoner(engine)
    visitor_on_list(engine, prisoner_id)
    sign_in_page(page, live_server, engine, accounts.NATIONAL_ADMIN)
    page.goto(f"{live_server.address}/console/prisoners?q=A1234BC")
    page.get_by_role("link", name="MacDonald, Seán").click()
    page.get_by_role("link", name="Approve Mary O'Neill").click()
    assert_accessible(page)
    page.get_by_role("button", name="Approve the visitor").click()
    assert "Enter the reason" in page.get_by_role("alert").inner_text()
    assert_accessible(page)
    page.get_by_label("Reason").fill("Mother; identity and relationship checked")
    page.get_by_role("button", name="Approve the visitor").click()
    page.wait_for_url(re.compile(rf"/prisoners/{prisoner_id}$"))
    expect(page.get_by_text("Mary O'Neill was approved for the visitor list.")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Mary O'Neill.*Approved"))).to_be_visible()
    assert_accessible(page)
    page.screenshot(path="/tmp/console-prisoner-approved.png", full_page=True)


def test_an_integration_is_made_and_its_key_shown_once(live_server, engine, page):
    add_establishment(engine, "BAR")
    sign_in_page(page, live_server, engine, accounts.NATIONAL_ADMIN)
    page.goto(f"{live_server.address}/console/integrations")
    assert_accessible(page)
    page.get_by_label("Name").fill("NOMIS at BAR")
    page.get_by_label("Establishment").select_option("BAR")
    page.get_by_role("button", name="Make the integration and its key").click()
    assert page.get_by_label("API key").input_value().startswith("vcr_")
    assert_accessible(page)
    page.screenshot(path="/tmp/console-integration-key.png", full_page=True)
    page.get_by_role("link", name="Back to the integrations").click()
    expect(page.get_by_role("cell", name="NOMIS at BAR", exact=True)).to_be_visible()
    assert_accessible(page)
