"""Visitors and bans over HTTP: find across the establishments one looks after, a visitor's record, bans added
(each mistake named) and lifted with a reason; every establishment only for a national administrator."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from tests.console.harness import add_establishment, signed_in
from tests.integration.centre.centre_world import add_prisoner, add_visitor
from visitorcentre.server.centre import store
from visitorcentre.server.console import accounts


def world(app) -> None:
    for code in ("BAR", "GRN"):
        add_establishment(app.state.engine, code)
    with Session(app.state.engine) as session, session.begin():
        add_prisoner(session, "p1", "BAR", "Seán", "MacDonald", "A1234BC")
        add_visitor(session, "v1", "BAR", "Mary", "MacDonald", "1970-02-03")
        add_visitor(session, "v2", "GRN", "Zara", "MacDonald", "1990-01-01")


def ban_form(client, **changes) -> dict:
    fields = {
        "scope": "establishment",
        "establishment": "BAR",
        "prison_number": "",
        "reason": "Aggressive to staff",
        "starts_on-day": "1",
        "starts_on-month": "12",
        "starts_on-year": "2026",
        "csrf_token": client.csrf,
    }
    return fields | changes


def test_finding_a_visitor_shows_only_the_establishments_one_looks_after(app):
    world(app)
    bob = signed_in(app, accounts.ESTABLISHMENT_ADMIN, ["BAR"])
    assert "Find a visitor" in bob.get("/console/visitors").text
    found = bob.get("/console/visitors", params={"name": "mac donald"})
    assert "Mary MacDonald" in found.text and "Zara" not in found.text
    ann = signed_in(app, accounts.NATIONAL_ADMIN)
    both = ann.get("/console/visitors", params={"name": "macd"})
    assert "Mary MacDonald" in both.text and "Zara MacDonald" in both.text
    born = ann.get(
        "/console/visitors", params={"name": "macd", "born-day": "1", "born-month": "1", "born-year": "1990"}
    )
    assert "Zara MacDonald" in born.text and "Mary" not in born.text
    short = ann.get("/console/visitors", params={"name": "m"})
    assert short.status_code == 400 and 'href="#name"' in short.text
    bad_date = ann.get(
        "/console/visitors", params={"name": "mac", "born-day": "40", "born-month": "1", "born-year": "1990"}
    )
    assert bad_date.status_code == 400 and 'href="#born"' in bad_date.text
    assert bob.get("/console/visitors/v2").status_code == 404
    assert bob.get("/console/visitors/v1").status_code == 200


def test_a_ban_is_added_with_its_mistakes_named_then_lifted_with_a_reason(app):
    world(app)
    bob = signed_in(app, accounts.ESTABLISHMENT_ADMIN, ["BAR"])
    assert "Every establishment" not in bob.get("/console/visitors/v1/bans/new").text
    for changes, field in [
        ({"scope": "all"}, "scope"),
        ({"establishment": ""}, "establishment"),
        ({"scope": "prisoner", "prison_number": "Z9999ZZ"}, "prison_number"),
        ({"reason": ""}, "reason"),
        ({"starts_on-day": ""}, "starts_on"),
        ({"ends_on-day": "1", "ends_on-month": "1", "ends_on-year": "2026"}, "ends_on"),
    ]:
        answer = bob.post("/console/visitors/v1/bans/new", data=ban_form(bob, **changes))
        assert answer.status_code == 400 and f'href="#{field}"' in answer.text, field
    added = bob.post("/console/visitors/v1/bans/new", data=ban_form(bob, scope="prisoner", prison_number="a1234bc"))
    assert added.status_code == 303 and added.headers["location"] == "/console/visitors/v1"
    page = bob.get("/console/visitors/v1").text
    assert "Visits to Seán MacDonald (A1234BC)" in page and "Aggressive to staff" in page
    ban_id = re.search(r"/bans/([0-9a-f-]{36})/lift", page).group(1)
    lift = f"/console/visitors/v1/bans/{ban_id}/lift"
    assert bob.post(lift, data={"reason": "", "csrf_token": bob.csrf}).status_code == 400
    assert bob.post(lift, data={"reason": "Apology accepted", "csrf_token": bob.csrf}).status_code == 303
    with Session(app.state.engine) as session:
        ban = store.current(session, "ban", ban_id)
    assert ban is not None and ban["lifted_reason"] == "Apology accepted" and ban["lifted_on"]
    assert "Lifted" in bob.get("/console/visitors/v1").text


def test_a_national_administrator_bans_from_every_establishment_and_analysts_see_no_visitors(app):
    world(app)
    ann = signed_in(app, accounts.NATIONAL_ADMIN)
    assert ann.post("/console/visitors/v2/bans/new", data=ban_form(ann, scope="all")).status_code == 303
    assert "Every establishment" in ann.get("/console/visitors/v2").text
    bob = signed_in(app, accounts.ESTABLISHMENT_ADMIN, ["BAR"])
    assert bob.get("/console/visitors/v2").status_code == 404  # Zara is GRN's, and has never visited at BAR
    analyst = signed_in(app, accounts.ANALYST)  # a family's details are for the administrators only
    assert analyst.get("/console/visitors/v2").status_code == 403
    assert analyst.post("/console/visitors/v2/bans/new", data=ban_form(analyst)).status_code == 403
    caseworker = signed_in(app, accounts.CASEWORKER)
    assert caseworker.get("/console/visitors").status_code == 403
