"""The timetable, visitors and bans in a real Chromium, with axe-core on every page: a weekly timetable set up
(a mistake first), a day with bookings blocked after seeing who is booked, a visitor found and banned."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.console.browser import assert_accessible, sign_in_page
from tests.console.harness import add_establishment
from tests.integration.centre.centre_world import add_prisoner, add_visitor, book
from visitorcentre.server import database
from visitorcentre.server.centre import timetable
from visitorcentre.server.centre.reach import Reach
from visitorcentre.server.centre.timetable_input import read_template
from visitorcentre.server.centre.typed import TypedSession
from visitorcentre.server.console import accounts

pytestmark = pytest.mark.browser
TODAY = date.today()


@pytest.fixture
def engine(console_url):
    engine = database.make_engine(console_url)
    yield engine
    engine.dispose()


def fill_date(page, name: str, day: date) -> None:
    page.locator(f"#{name}").fill(str(day.day))
    page.locator(f"#{name}-month").fill(str(day.month))
    page.locator(f"#{name}-year").fill(str(day.year))


def test_set_up_a_weekly_timetable(live_server, engine, page):
    add_establishment(engine, "BAR", "HMP Barlinnie")
    sign_in_page(page, live_server, engine, accounts.ESTABLISHMENT_ADMIN, ["BAR"])
    page.goto(f"{live_server.address}/console/")
    page.get_by_role("link", name="Timetable").first.click()
    assert_accessible(page)
    page.get_by_role("link", name="HMP Barlinnie (BAR)").click()
    expect(page.get_by_text("There are no weekly sessions yet.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Add a weekly session").click()
    page.get_by_label("Day of the week").select_option(label="Saturday")
    page.get_by_label("Start time").fill("14:00")
    page.get_by_label("End time").fill("13:00")
    page.get_by_label("Room").fill("Visits hall")
    page.get_by_label("Kind of session").select_option(label="Family / bonding session")
    page.get_by_label("Capacity").fill("12")
    page.get_by_role("button", name="Save and make the sessions").click()
    summary = page.get_by_role("alert")
    assert summary.is_visible() and "The end time must be after the start time." in summary.inner_text()
    assert_accessible(page)
    page.screenshot(path="/tmp/timetable-weekly-error.png", full_page=True)
    summary.get_by_role("link", name="The end time must be after the start time.").click()
    assert page.evaluate("document.activeElement.id") == "ends_at"
    page.get_by_label("End time").fill("16:00")
    page.get_by_role("button", name="Save and make the sessions").click()
    page.wait_for_url(re.compile(r"/establishments/BAR/timetable$"))
    expect(page.get_by_text("8 new")).to_be_visible()
    expect(page.get_by_role("cell", name="Saturday 14:00 to 16:00")).to_be_visible()
    expect(page.get_by_role("cell", name="0 of 12").first).to_be_visible()
    assert_accessible(page)
    page.screenshot(path="/tmp/timetable-weeks.png", full_page=True)
    page.get_by_role("link", name=re.compile(r"^Sat .* 14:00 to 16:00$")).first.click()
    expect(page.get_by_text("No visits are booked in this session.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Block the session").click()
    assert_accessible(page)


def test_block_a_day_that_has_bookings_on_it(live_server, engine, page):
    add_establishment(engine, "BAR", "HMP Barlinnie")
    monday = TODAY + timedelta(days=(7 - TODAY.weekday()) % 7 or 7)
    with Session(engine) as session, session.begin():
        plan = read_template("Monday", "14:00", "16:00", "Visits hall", "standard", "20", TODAY.isoformat(), "")
        timetable.add_template(session, Reach.national("Ann"), "BAR", plan, TODAY, datetime.utcnow())
        afternoon = session.scalars(
            select(TypedSession.row_id).where(TypedSession.establishment == "BAR", TypedSession.date == monday)
        ).one()
        add_prisoner(session, "p1", "BAR", "Seán", "MacDonald", "A1234BC")
        add_visitor(session, "v1", "BAR", "Mary", "MacDonald", "1970-02-03")
        add_visitor(session, "v2", "BAR", "Tom", "MacDonald", "2015-06-01")
        book(session, "visit1", afternoon, "ABC123", "p1", ["v1", "v2"], day=monday.isoformat())
    sign_in_page(page, live_server, engine, accounts.ESTABLISHMENT_ADMIN, ["BAR"])
    page.goto(f"{live_server.address}/console/establishments/BAR/timetable")
    page.get_by_role("link", name="Block a day").click()
    assert_accessible(page)
    page.get_by_role("button", name="Block the day").click()  # nothing filled in
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page)
    fill_date(page, "date", monday)
    page.get_by_label("Reason").fill("Staff training")
    page.get_by_role("button", name="Block the day").click()
    expect(page.get_by_role("heading", name=re.compile("has visits booked"))).to_be_visible()
    expect(page.get_by_text("1 visit is booked")).to_be_visible()
    row = page.get_by_role("row", name=re.compile("ABC123"))
    assert all(words in row.inner_text() for words in ("Seán MacDonald (A1234BC)", "Mary MacDonald", "2"))
    assert_accessible(page)
    page.screenshot(path="/tmp/timetable-confirm-block.png", full_page=True)
    page.get_by_role("button", name="Block the day").click()
    page.wait_for_url(re.compile(r"/establishments/BAR/timetable$"))
    expect(page.get_by_text("is blocked (1 session blocked)")).to_be_visible()
    page.goto(f"{live_server.address}/console/establishments/BAR/timetable?start={monday.isoformat()}")
    expect(page.get_by_text("Day blocked").first).to_be_visible()
    assert_accessible(page)
    page.screenshot(path="/tmp/timetable-blocked.png", full_page=True)
    with Session(engine) as session:
        assert (
            session.scalars(select(TypedSession.blocked_reason).where(TypedSession.row_id == afternoon)).one()
            == "Staff training"
        )


def test_find_a_visitor_and_ban_them(live_server, engine, page):
    add_establishment(engine, "BAR", "HMP Barlinnie")
    with Session(engine) as session, session.begin():
        add_prisoner(session, "p1", "BAR", "Seán", "MacDonald", "A1234BC")
        add_visitor(session, "v1", "BAR", "Mary", "MacDonald", "1970-02-03")
    sign_in_page(page, live_server, engine, accounts.ESTABLISHMENT_ADMIN, ["BAR"])
    page.goto(f"{live_server.address}/console/visitors")
    assert_accessible(page)
    page.get_by_label("Name").fill("mary mac")
    page.get_by_role("button", name="Search").click()
    assert_accessible(page)
    page.get_by_role("link", name="Mary MacDonald").click()
    assert_accessible(page)
    page.get_by_role("link", name="Add a ban").click()
    page.get_by_role("radio", name="Visits to one prisoner").check()
    page.get_by_role("button", name="Add the ban").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path="/tmp/visitor-ban-error.png", full_page=True)
    page.get_by_label("Prison number (for a ban on visits to one prisoner)").fill("A1234BC")
    page.get_by_label("Reason").fill("Passed an item during a visit")
    page.get_by_role("button", name="Add the ban").click()
    page.wait_for_url(re.compile(r"/visitors/v1$"))
    expect(page.get_by_text("In force")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path="/tmp/visitor-record.png", full_page=True)
