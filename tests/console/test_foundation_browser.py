"""The console in a real Chromium: sign in with the second factor from an empty console, axe on each page."""

from __future__ import annotations

import re

import pyotp
import pytest
from playwright.sync_api import expect

from tests.console.browser import assert_accessible, sign_in_page
from tests.console.harness import PASSWORD, add_user
from visitorcentre.server import database
from visitorcentre.server.console import accounts

pytestmark = pytest.mark.browser


@pytest.fixture
def engine(console_url):
    engine = database.make_engine(console_url)
    yield engine
    engine.dispose()


def test_first_sign_in_sets_up_the_authenticator_and_signs_in(live_server, engine, page):
    add_user(engine, name="Ann Admin")
    page.goto(f"{live_server.address}/console/")
    assert page.url.endswith("/console/sign-in")
    assert_accessible(page)
    page.screenshot(path="/tmp/console-sign-in.png", full_page=True)
    page.get_by_label("Name").fill("Ann Admin")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_be_visible()  # the error summary
    assert_accessible(page)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"/sign-in/code$"))
    expect(page.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    assert_accessible(page)
    page.screenshot(path="/tmp/console-set-up.png", full_page=True)
    secret = page.locator(".vc-secret").inner_text().strip()
    page.get_by_label("Code from your authenticator app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Finish setting up and sign in").click()
    page.wait_for_url(re.compile(r"/console/$"))
    expect(page.get_by_text("You are signed in as Ann Admin")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/sign-in$"))
    expect(page.get_by_text("You have signed out.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Name").fill("Ann Admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"/sign-in/code$"))
    expect(page.get_by_role("heading", name="Enter the 6-digit code from your authenticator app")).to_be_visible()
    assert page.get_by_role("img", name=re.compile("QR code")).count() == 0  # set up once only
    assert_accessible(page)


def test_a_signed_in_page_for_page_authors(live_server, engine, page):
    sign_in_page(page, live_server, engine)
    page.goto(f"{live_server.address}/console/")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.address}/console/no-such-page")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    assert_accessible(page)


def test_the_refusal_pages(live_server, engine, page):
    sign_in_page(page, live_server, engine, accounts.ANALYST)
    answer = page.goto(f"{live_server.address}/console/users")
    assert answer.status == 403 and page.get_by_role("heading", name="You cannot see this page").is_visible()
    assert_accessible(page)
    page.goto(f"{live_server.address}/console/")
    page.evaluate("document.querySelector('input[name=csrf_token]').value = 'forged'")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="This form has expired")).to_be_visible()
    assert_accessible(page)
