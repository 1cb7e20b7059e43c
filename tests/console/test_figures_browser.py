"""The national figures page in a real Chromium: choose the days and establishments, read the table and
the charts, a mistake shown in the error summary; axe on each."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from playwright.sync_api import expect

from tests.conftest import build_world
from tests.console.browser import assert_accessible, sign_in_page
from visitorcentre.server import admin, database
from visitorcentre.server.console import accounts

pytestmark = pytest.mark.browser


@pytest.fixture
def engine(console_url, tmp_path):
    engine = database.make_engine(console_url)
    world = build_world(tmp_path / "seed.sqlite3")
    desk = world.desk
    visit = desk.visits.visit_for_scan(
        desk.visits.book_visit(world.session_today, world.prisoner, [world.mum, world.child])
    )
    desk.visits.check_in(visit)
    desk.engagement.leave_feedback(5, "Lovely")
    desk.close()
    admin.load_desk_database(engine, tmp_path / "seed.sqlite3", datetime.utcnow())
    yield engine
    engine.dispose()


def _fill(page, name: str, day: str, month: str, year: str) -> None:
    page.locator(f"#{name}").fill(day)
    page.locator(f"#{name}-month").fill(month)
    page.locator(f"#{name}-year").fill(year)


def test_an_analyst_reads_the_figures_of_november(live_server, engine, page):
    sign_in_page(page, live_server, engine, accounts.ANALYST)
    page.goto(f"{live_server.address}/console/")
    page.get_by_role("navigation", name="Primary navigation").get_by_role("link", name="Figures", exact=True).click()
    page.wait_for_url(re.compile(r"/console/figures$"))
    assert_accessible(page)
    _fill(page, "start", "1", "11", "2026")
    _fill(page, "end", "30", "11", "2026")
    page.get_by_role("button", name="Show the figures").click()
    page.wait_for_url(re.compile(r"start-day=1"))
    table = page.locator("#figures-table")
    assert table.get_by_role("columnheader", name="HMP Barlinnie (BAR)").is_visible()
    visits = table.get_by_role("row", name=re.compile(r"^Visits \d"))
    assert visits.first.inner_text().split()[1:] == ["1", "0", "1"]
    expect(page.get_by_role("img", name=re.compile("^Visits, 1 Nov 2026 to 30 Nov 2026"))).to_be_visible()
    page.locator("#chart-visits summary").click()
    expect(page.locator("#chart-visits table")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path="/tmp/ef/console-figures.png", full_page=True)

    _fill(page, "end", "1", "10", "2026")  # before the start
    page.get_by_role("button", name="Show the figures").click()
    summary = page.get_by_role("alert")
    assert "The end date must be the same as or after the start date." in summary.inner_text()
    assert_accessible(page)
    page.screenshot(path="/tmp/ef/console-figures-error.png", full_page=True)
