"""An establishment set up in a real Chromium: visiting rules with a wrong value then a right one, an advice
rule, a support service, and an enrolment code whose QR code a desk reads and enrols with; axe on every page."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect

from tests.console.browser import assert_accessible, sign_in_page
from tests.console.harness import add_establishment
from tests.integration.sync_world import empty_desk_database
from visitorcentre.core import enrolment_link
from visitorcentre.server import database
from visitorcentre.server.console import accounts
from visitorcentre.sync.enrolment import enrol

pytestmark = pytest.mark.browser


@pytest.fixture
def engine(console_url):
    engine = database.make_engine(console_url)
    yield engine
    engine.dispose()


def shot(page, name: str) -> None:
    page.screenshot(path=f"/tmp/console-establishment-{name}.png", full_page=True)


def test_visiting_rules_wrong_then_right_advice_and_support(live_server, engine, page):
    add_establishment(engine, "BAR", "HMP Barlinnie")
    sign_in_page(page, live_server, engine, accounts.ESTABLISHMENT_ADMIN, ["BAR"])
    page.goto(f"{live_server.address}/console/establishments")
    assert_accessible(page)
    page.get_by_role("link", name="HMP Barlinnie").click()
    page.wait_for_url(re.compile(r"/establishments/BAR$"))
    assert_accessible(page)
    page.get_by_role("link", name="Change visiting rules").click()
    page.get_by_label("Age from which a visitor counts as an adult").fill("15")
    page.get_by_label("What the lockers take").fill("Lockers take £1 coins.")
    page.get_by_role("button", name="Save the visiting rules").click()
    summary = page.get_by_role("alert")
    assert summary.is_visible() and "from 16 to 21" in summary.inner_text()
    assert_accessible(page)
    shot(page, "rules-error")
    summary.get_by_role("link").click()  # the error summary's link takes the person to the field
    assert page.evaluate("document.activeElement.id") == "adult_age"
    assert page.get_by_label("What the lockers take").input_value() == "Lockers take £1 coins."  # kept
    page.get_by_label("Age from which a visitor counts as an adult").fill("17")
    page.get_by_role("button", name="Save the visiting rules").click()
    page.wait_for_url(re.compile(r"/establishments/BAR$"))
    expect(page.get_by_text("Visiting rules of HMP Barlinnie saved.")).to_be_visible()
    assert page.locator(".govuk-summary-list__row", has_text="counts as an adult").inner_text().strip().endswith("17")
    shot(page, "overview")

    page.get_by_role("link", name="Advice rules").click()
    page.get_by_role("button", name="Add a rule").click()
    assert_accessible(page)
    page.get_by_label("Topic").select_option("dress")
    page.get_by_label("What the rule says", exact=True).fill("No hooded tops in the visit room.")
    page.get_by_role("button", name="Add the rule").click()
    page.wait_for_url(re.compile(r"/advice$"))
    expect(page.get_by_role("cell", name=re.compile("^No hooded tops in the visit room"))).to_be_visible()
    assert_accessible(page)
    shot(page, "advice")

    page.get_by_role("link", name="Support services").click()
    page.get_by_role("button", name="Add a service").click()
    page.get_by_label("Name", exact=True).fill("Kids' club")
    page.get_by_role("button", name="Add the service").click()
    expect(page.get_by_role("alert")).to_be_visible()  # no kind chosen
    assert_accessible(page)
    page.get_by_label("Kind of support").select_option("children")
    page.get_by_role("button", name="Add the service").click()
    page.wait_for_url(re.compile(r"/support$"))
    assert_accessible(page)


def test_an_enrolment_code_is_shown_once_with_a_qr_code_a_desk_enrols_with(live_server, engine, page, tmp_path):
    import zxingcpp
    from PIL import Image

    add_establishment(engine, "BAR", "HMP Barlinnie")
    sign_in_page(page, live_server, engine, accounts.ESTABLISHMENT_ADMIN, ["BAR"])
    page.goto(f"{live_server.address}/console/establishments/BAR/desks")
    expect(page.get_by_text("No desk of HMP Barlinnie is enrolled yet.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Make an enrolment code").click()
    code = page.locator("#enrolment-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    assert_accessible(page)
    shot(page, "code")
    seen = page.get_by_role("img", name=re.compile("QR code")).screenshot()
    read = zxingcpp.read_barcodes(Image.open(io.BytesIO(seen)))
    assert [r.text for r in read] == [enrolment_link.link(live_server.address, code)]
    address, scanned_code = enrolment_link.parse(read[0].text)

    desk = empty_desk_database(tmp_path / "desk.sqlite3")
    assert enrol(desk, address, scanned_code, "Front desk") == "BAR"

    page.get_by_role("link", name="Back to the desks").click()
    expect(page.get_by_role("link", name="Front desk")).to_be_visible()
    page.get_by_role("link", name="Front desk").click()
    assert_accessible(page)
    page.get_by_role("button", name="Revoke this desk").click()
    assert_accessible(page)
    shot(page, "revoke")
    page.get_by_role("link", name="No, keep it").click()
    page.get_by_role("button", name="Revoke this desk").click()
    page.get_by_role("button", name="Yes, revoke this desk").click()
    page.wait_for_url(re.compile(r"/desks$"))
    expect(page.get_by_text("“Front desk” is revoked")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Front desk")).get_by_text("Revoked")).to_be_visible()
    assert_accessible(page)
    shot(page, "desks")
