"""The caseworker's claim page works the claim's amounts out again with the scheme rates the centre holds in
force on the visit's date for the prison's nation, and warns when they differ from the desk's quote (a desk
that had not yet received a new rate table); a national administrator's new threshold changes the
claim's warnings (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from tests.console.browser import assert_accessible, sign_in_page
from tests.console.harness import add_establishment, signed_in
from tests.integration.centre.claim_world import NOW, claim, put
from visitorcentre.server import database
from visitorcentre.server.centre import scheme_rates
from visitorcentre.server.console import accounts

RATES = {
    "mileage_pence": "30",
    "refreshments_over_5_hours_pence": "600",
    "refreshments_over_10_hours_pence": "700",
    "car_hire_per_day_pence": "4000",
    "universal_credit_income_limit_pence": "125000",
    "manual_check_total_pence": "25000",
    "claims_a_year": "26",
    "claims_a_month": "4",
    "most_miles": "1500",
}


def as_the_desk_quoted_with_the_files_rates(engine) -> None:
    """claim-1: a train fare, parking (not paid without a car) and one person's refreshments at the file's £4.50."""
    add_establishment(engine, "BAR")
    scheme_rates.seed_new_server(engine, NOW)
    record = claim(engine, "claim-1", reference="RATE0001")
    items = [record["quote"]["items"][0], {**record["quote"]["items"][1], "amount_pence": 0}]
    quote = {**record["quote"], "items": items, "refreshments_pence": 450, "total_pence": 4700}
    with Session(engine) as session, session.begin():
        put(session, "cost_application", "claim-1", {**record, "total_pence": 4700, "quote": quote})


def enter(engine, **changes: str) -> None:
    with Session(engine.execution_options(write=True)) as session, session.begin():
        scheme_rates.enter(
            session,
            actor="Nina National",
            nation="scotland",
            effective_from=date(2026, 11, 1),
            typed={**RATES, **changes},
            now=NOW,
        )


def test_the_claim_page_warns_when_the_centres_rates_give_another_amount(app):
    as_the_desk_quoted_with_the_files_rates(app.state.engine)
    client = signed_in(app, accounts.CASEWORKER, ["BAR"])
    page = client.get("/console/claims/claim-1")
    assert page.status_code == 200
    assert 'id="rates-differ"' not in page.text and "Same as the desk's quote" in page.text
    enter(app.state.engine)  # refreshments over 5 hours now £6.00 in Scotland, from before the visit
    page = client.get("/console/claims/claim-1")
    assert page.status_code == 200 and 'id="rates-differ"' in page.text
    warning = " ".join(page.text.split('id="rates-differ"', 1)[1].split("</div>", 1)[0].split())
    assert "The desk quoted £47.00" in warning and "the claim comes to £48.50" in warning
    assert "20 November 2026" in warning or "20 Nov 2026" in warning
    assert "Scotland" in warning


def test_a_lower_total_for_a_person_in_the_centres_table_warns_the_caseworker(app):
    as_the_desk_quoted_with_the_files_rates(app.state.engine)
    client = signed_in(app, accounts.CASEWORKER, ["BAR"])
    assert "is over £" not in client.get("/console/claims/claim-1").text
    enter(app.state.engine, refreshments_over_5_hours_pence="450", manual_check_total_pence="4000")
    claim(app.state.engine, "claim-2", reference="RATE0002", claimant="visitor-9", prisoner="prisoner-9")  # refresh
    page = client.get("/console/claims/claim-1")
    assert "The total, £47.00, is over £40." in page.text and 'id="rates-differ"' not in page.text


@pytest.mark.browser
def test_the_warning_reads_well_in_chromium_and_passes_axe(live_server, page):
    engine = database.make_engine(live_server.url)
    try:
        as_the_desk_quoted_with_the_files_rates(engine)
        enter(engine)
        sign_in_page(page, live_server, engine, accounts.CASEWORKER, ["BAR"])
        page.goto(f"{live_server.address}/console/claims/claim-1")
        assert "The desk quoted £47.00" in page.locator("#rates-differ").inner_text()
        assert "£48.50" in page.locator("#centre-total").inner_text()
        assert_accessible(page)
        page.screenshot(path="/tmp/i15r2-claim-rates-differ.png", full_page=True)
    finally:
        engine.dispose()
