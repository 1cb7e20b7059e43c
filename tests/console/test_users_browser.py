"""In Chromium: lockout, the idle timeout, the users page and the audit log, with axe on every page."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tests.console.browser import assert_accessible, sign_in_page
from tests.console.harness import PASSWORD, add_establishment, add_user
from visitorcentre.server import database
from visitorcentre.server.console.models import ConsoleSession, ConsoleUser

pytestmark = pytest.mark.browser


@pytest.fixture
def engine(console_url):
    engine = database.make_engine(console_url)
    yield engine
    engine.dispose()


def try_password(page, address: str, name: str, password: str) -> None:
    page.goto(f"{address}/console/sign-in")
    page.get_by_label("Name").fill(name)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Continue").click()


def test_five_wrong_passwords_lock_the_account(live_server, engine, page):
    add_user(engine, name="Ann Admin")
    for _ in range(5):
        try_password(page, live_server.address, "Ann Admin", "not the password")
        expect(page.get_by_role("link", name=re.compile("not right"))).to_be_visible()
    try_password(page, live_server.address, "Ann Admin", PASSWORD)
    assert page.url.endswith("/console/sign-in")  # still refused: locked, with the same message
    expect(page.get_by_role("link", name=re.compile("not right"))).to_be_visible()
    with Session(engine) as session:
        assert session.scalar(select(ConsoleUser.locked_until)) > datetime.utcnow()


def test_a_session_left_idle_ends(live_server, engine, page):
    user_id = sign_in_page(page, live_server, engine)
    page.goto(f"{live_server.address}/console/")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    with Session(engine) as session, session.begin():
        session.execute(
            update(ConsoleSession)
            .where(ConsoleSession.user_id == user_id)
            .values(last_seen=datetime.utcnow() - timedelta(minutes=31))
        )
    page.goto(f"{live_server.address}/console/users")
    assert page.url.endswith("/console/sign-in")


def test_a_national_admin_adds_an_establishment_admin(live_server, engine, page):
    add_establishment(engine, "BAR")
    sign_in_page(page, live_server, engine)
    page.goto(f"{live_server.address}/console/")
    page.get_by_role("link", name="Console users").first.click()
    assert_accessible(page)
    page.get_by_role("button", name="Add a console user").click()
    assert_accessible(page)
    page.get_by_label("Name").fill("Eve Estab")
    page.get_by_label("Establishment administrator").check()
    page.get_by_role("button", name="Add console user").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert page.title().startswith("Error:")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("at least one establishment")).click()
    page.get_by_label("BAR – HMP BAR").check()
    page.get_by_label("Password").fill("a good long password")
    page.get_by_role("button", name="Add console user").click()
    page.wait_for_url(re.compile(r"/console/users/[0-9a-f-]+$"))
    expect(page.get_by_text("Added Eve Estab.")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path="/tmp/console-user.png", full_page=True)
    page.get_by_role("button", name="Deactivate Eve Estab").click()
    expect(page.get_by_text("Eve Estab can no longer sign in.")).to_be_visible()
    page.get_by_role("link", name="Back to console users").click()
    expect(page.get_by_role("cell", name="Eve Estab")).to_be_visible()
    page.screenshot(path="/tmp/console-users.png", full_page=True)


def test_the_audit_log_pages(live_server, engine, page):
    add_establishment(engine, "BAR")
    sign_in_page(page, live_server, engine)
    page.goto(f"{live_server.address}/console/audit")
    expect(page.get_by_role("cell", name="Added BAR")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Establishment").fill("BAR")
    page.get_by_role("button", name="Filter").click()
    assert "establishment=BAR" in page.url
    # (a new server's first entries are the scheme rates it seeds: BAR's entry is the one to open)
    page.get_by_role("row").filter(has_text="Added BAR").get_by_role("link").first.click()
    expect(page.get_by_role("heading", name=re.compile(r"^Entry \d+$"))).to_be_visible()
    expect(page.get_by_text("Added BAR")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.address}/console/audit/check")
    expect(page.get_by_text("Chain intact")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path="/tmp/console-audit-check.png", full_page=True)
    page.goto(f"{live_server.address}/console/audit?since-day=40&since-month=1&since-year=2026")
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)
