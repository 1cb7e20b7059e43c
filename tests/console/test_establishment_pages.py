"""The establishment pages over HTTP: what each role sees and may change, mistakes named beside their field,
and every change reaching the document store with its audit entry."""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.console.harness import add_establishment, signed_in
from visitorcentre.server import devices
from visitorcentre.server.centre import advice_rules, establishments
from visitorcentre.server.centre.access import Scope
from visitorcentre.server.centre.models import CentreAudit
from visitorcentre.server.console import accounts

RULES = {
    "adult_age": "18",
    "max_adults": "3",
    "max_total": "6",
    "cutoff_minutes": "20",
    "locker_rule": "",
    "cash_rule": "",
}


def place(app, code="BAR") -> establishments.Establishment:
    with Session(app.state.engine) as session:
        return establishments.one(session, Scope.national(), code)


def test_a_national_administrator_adds_an_establishment_with_mistakes_first(app):
    client = signed_in(app, accounts.NATIONAL_ADMIN, name="Ann Admin")
    assert "Add an establishment" in client.get("/console/establishments").text
    wrong = client.post(
        "/console/establishments/new",
        data={"code": "BAR-1", "name": "", "nation": "scotland", "csrf_token": client.csrf},
    )
    assert wrong.status_code == 400
    assert 'href="#code"' in wrong.text and "1 to 8 letters or digits" in wrong.text
    assert 'value="BAR-1"' in wrong.text  # what was typed is shown again
    added = client.post(
        "/console/establishments/new",
        data={"code": "bar", "name": "HMP Barlinnie", "nation": "scotland", "csrf_token": client.csrf},
    )
    assert added.status_code == 303 and added.headers["location"] == "/console/establishments/BAR"
    shown = client.get("/console/establishments/BAR")
    assert shown.status_code == 200 and "HMP Barlinnie" in shown.text and "Scotland" in shown.text
    with Session(app.state.engine) as session:
        entry = session.scalars(select(CentreAudit).where(CentreAudit.action == "establishment.added")).one()
        assert entry.actor == "Ann Admin"


def test_only_a_national_administrator_may_add(app):
    add_establishment(app.state.engine, "BAR")
    client = signed_in(app, accounts.ESTABLISHMENT_ADMIN, ["BAR"])
    assert "Add an establishment" not in client.get("/console/establishments").text
    assert client.get("/console/establishments/new").status_code == 403
    refused = client.post(
        "/console/establishments/new",
        data={"code": "NEW", "name": "HMP New", "nation": "wales", "csrf_token": client.csrf},
    )
    assert refused.status_code == 403
    assert [e.code for e in _listed(app)] == ["BAR"]


def _listed(app):
    with Session(app.state.engine) as session:
        return establishments.listed(session, Scope.national())


def test_visiting_rules_a_wrong_value_then_a_right_one(app):
    add_establishment(app.state.engine, "BAR")
    client = signed_in(app, accounts.ESTABLISHMENT_ADMIN, ["BAR"])
    form = client.get("/console/establishments/BAR/rules")
    assert form.status_code == 200 and 'name="version" value="1"' in form.text
    for changes, field, words in [
        ({"adult_age": "15"}, "adult_age", "from 16 to 21"),
        ({"max_total": "2"}, "max_total", "at least the most adults"),
        ({"cutoff_minutes": "soon"}, "cutoff_minutes", "whole number"),
    ]:
        wrong = client.post(
            "/console/establishments/BAR/rules", data=RULES | changes | {"version": "1", "csrf_token": client.csrf}
        )
        assert wrong.status_code == 400 and f'href="#{field}"' in wrong.text and words in wrong.text
        assert f'id="{field}-error"' in wrong.text  # the message beside the field too
    assert place(app).version == 1
    saved = client.post(
        "/console/establishments/BAR/rules",
        data=RULES | {"adult_age": "16", "locker_rule": "£1 coins", "version": "1", "csrf_token": client.csrf},
    )
    assert saved.status_code == 303
    assert (place(app).adult_age, place(app).locker_rule, place(app).version) == (16, "£1 coins", 2)
    stale = client.post("/console/establishments/BAR/rules", data=RULES | {"version": "1", "csrf_token": client.csrf})
    assert stale.status_code == 400 and "Someone else changed" in stale.text


def test_an_analyst_reads_but_changes_nothing_and_nobody_reaches_another_establishment(app):
    add_establishment(app.state.engine, "BAR")
    add_establishment(app.state.engine, "GRE")
    analyst = signed_in(app, accounts.ANALYST, ["BAR"])
    assert analyst.get("/console/establishments/BAR").status_code == 200
    assert "Change" not in analyst.get("/console/establishments/BAR").text
    assert analyst.get("/console/establishments/BAR/rules").status_code == 403
    assert (
        analyst.post(
            "/console/establishments/BAR/rules", data=RULES | {"version": "1", "csrf_token": analyst.csrf}
        ).status_code
        == 403
    )
    admin = signed_in(app, accounts.ESTABLISHMENT_ADMIN, ["BAR"])
    assert [
        row for row in re.findall(r"/console/establishments/([A-Z]+)\"", admin.get("/console/establishments").text)
    ] == ["BAR"]
    for path in (
        "/console/establishments/GRE",
        "/console/establishments/GRE/advice",
        "/console/establishments/GRE/desks",
    ):
        assert admin.get(path).status_code == 404
    assert admin.post("/console/establishments/GRE/desks/code", data={"csrf_token": admin.csrf}).status_code == 404
    caseworker = signed_in(app, accounts.CASEWORKER, ["BAR"])
    assert caseworker.get("/console/establishments/BAR").status_code == 403


def test_contact_and_details_are_saved(app):
    add_establishment(app.state.engine, "BAR")
    client = signed_in(app, accounts.NATIONAL_ADMIN)
    wrong = client.post(
        "/console/establishments/BAR/contact",
        data={"address": "", "booking_line": "ring us", "local_support": "", "version": "1", "csrf_token": client.csrf},
    )
    assert wrong.status_code == 400 and 'href="#booking_line"' in wrong.text
    client.post(
        "/console/establishments/BAR/contact",
        data={
            "address": "Riddrie",
            "booking_line": "0141 770 2059",
            "local_support": "Kids' club — Saturdays\nFamily centre <b>",
            "version": "1",
            "csrf_token": client.csrf,
        },
    )
    client.post(
        "/console/establishments/BAR/details",
        data={"name": "HMP Barlinnie", "nation": "scotland", "version": "2", "csrf_token": client.csrf},
    )
    now = place(app)
    assert (now.booking_line, now.local_support, now.name, now.version) == (
        "0141 770 2059",
        "Kids' club — Saturdays\nFamily centre <b>",
        "HMP Barlinnie",
        3,
    )
    assert "Kids&#39; club — Saturdays<br>Family centre &lt;b&gt;" in client.get("/console/establishments/BAR").text


def test_advice_rules_are_added_reworded_and_retired_on_their_pages(app):
    add_establishment(app.state.engine, "BAR")
    client = signed_in(app, accounts.ESTABLISHMENT_ADMIN, ["BAR"])
    blank = client.post(
        "/console/establishments/BAR/advice/new",
        data={"category": "dress", "severity": "must", "text": " ", "csrf_token": client.csrf},
    )
    assert blank.status_code == 400 and 'href="#text"' in blank.text
    bad_day = client.post(
        "/console/establishments/BAR/advice/new",
        data={
            "category": "dress",
            "severity": "must",
            "text": "No hoods.",
            "effective_from-day": "31",
            "effective_from-month": "2",
            "effective_from-year": "2027",
            "csrf_token": client.csrf,
        },
    )
    assert bad_day.status_code == 400 and 'href="#effective_from"' in bad_day.text
    added = client.post(
        "/console/establishments/BAR/advice/new",
        data={
            "category": "dress",
            "severity": "must",
            "text": "No hoods.",
            "text_pl": "Bez kapturów.",
            "csrf_token": client.csrf,
        },
    )
    assert added.status_code == 303
    listing = client.get("/console/establishments/BAR/advice").text
    assert "No hoods." in listing and "In force" in listing
    with Session(app.state.engine) as session:
        rule = advice_rules.rules(session, Scope.national(), "BAR", datetime.utcnow().date())[0]
    assert rule.translations["pl"]["text"] == "Bez kapturów."
    form = client.get(f"/console/establishments/BAR/advice/{rule.id}")
    assert "Bez kapturów." in form.text
    reworded = client.post(
        f"/console/establishments/BAR/advice/{rule.id}",
        data={
            "category": "dress",
            "severity": "must",
            "text": "No hooded tops.",
            "version": "1",
            "csrf_token": client.csrf,
        },
    )
    assert reworded.status_code == 303
    listing = client.get("/console/establishments/BAR/advice").text
    assert "No hooded tops." in listing and "Replaced" in listing
    with Session(app.state.engine) as session:
        newest = [
            r for r in advice_rules.rules(session, Scope.national(), "BAR", datetime.utcnow().date()) if r.editable
        ][0]
    no_reason = client.post(
        f"/console/establishments/BAR/advice/{newest.id}",
        data={"action": "retire", "reason": "", "version": "1", "csrf_token": client.csrf},
    )
    assert no_reason.status_code == 400 and 'href="#reason"' in no_reason.text
    retired = client.post(
        f"/console/establishments/BAR/advice/{newest.id}",
        data={"action": "retire", "reason": "Hoods allowed", "version": "1", "csrf_token": client.csrf},
    )
    assert retired.status_code == 303 and "Retired" in client.get("/console/establishments/BAR/advice").text


def test_support_services_local_and_national(app):
    add_establishment(app.state.engine, "BAR")
    local_admin = signed_in(app, accounts.ESTABLISHMENT_ADMIN, ["BAR"])
    assert 'name="national"' not in local_admin.get("/console/establishments/BAR/support/new").text
    wrong = local_admin.post(
        "/console/establishments/BAR/support/new",
        data={"name": "Kids' club", "category": "", "csrf_token": local_admin.csrf},
    )
    assert wrong.status_code == 400 and 'href="#category"' in wrong.text
    sneaky = local_admin.post(
        "/console/establishments/BAR/support/new",
        data={"name": "Everywhere", "category": "other", "national": "yes", "csrf_token": local_admin.csrf},
    )
    assert sneaky.status_code == 400 and "national administrator" in sneaky.text
    assert (
        local_admin.post(
            "/console/establishments/BAR/support/new",
            data={"name": "Kids' club", "category": "children", "csrf_token": local_admin.csrf},
        ).status_code
        == 303
    )
    national = signed_in(app, accounts.NATIONAL_ADMIN)
    national.post(
        "/console/establishments/BAR/support/new",
        data={
            "name": "Families Outside",
            "category": "helpline",
            "national": "yes",
            "phone": "0800 254 0088",
            "csrf_token": national.csrf,
        },
    )
    page = local_admin.get("/console/establishments/BAR/support").text
    assert "Families Outside" in page and "Every establishment" in page and "Kids&#39; club" in page
    assert page.count(">Change<span") == 1  # the local admin changes their own service, not the national one


def test_a_desk_is_enrolled_with_a_console_code_then_listed_and_revoked_after_confirming(app):
    add_establishment(app.state.engine, "BAR")
    client = signed_in(app, accounts.ESTABLISHMENT_ADMIN, ["BAR"], name="Ann Admin")
    made = client.post("/console/establishments/BAR/desks/code", data={"csrf_token": client.csrf})
    assert made.status_code == 200 and "shown once" in made.text
    code = re.search(r'id="enrolment-code">([A-Z0-9-]+)<', made.text).group(1)
    assert 'src="data:image/svg+xml;base64,' in made.text and "http://testserver/#enrol=" not in made.text
    assert made.headers["cache-control"] == "no-store"
    with Session(app.state.engine) as session, session.begin():
        device, _secret = devices.enrol(session, code, "Front desk", datetime.utcnow())
        device_id = device.device_id
    listing = client.get("/console/establishments/BAR/desks").text
    assert "Front desk" in listing and "Active" in listing
    assert "Nothing from this desk is waiting" in client.get(f"/console/establishments/BAR/desks/{device_id}").text
    confirm = client.get(f"/console/establishments/BAR/desks/{device_id}/revoke")
    assert confirm.status_code == 200 and "Yes, revoke this desk" in confirm.text
    done = client.post(f"/console/establishments/BAR/desks/{device_id}/revoke", data={"csrf_token": client.csrf})
    assert done.status_code == 303 and "Revoked" in client.get("/console/establishments/BAR/desks").text
    again = client.post(f"/console/establishments/BAR/desks/{device_id}/revoke", data={"csrf_token": client.csrf})
    assert again.status_code == 400 and "revoked already" in again.text
    with Session(app.state.engine) as session:
        actions = session.scalars(select(CentreAudit.action).where(CentreAudit.actor == "Ann Admin")).all()
        assert actions == ["desk.enrolment_code_made", "desk.revoked"]
        assert code not in str(session.scalars(select(CentreAudit.detail)).all())


def test_a_desk_of_another_establishment_is_not_found_under_this_one(app):
    add_establishment(app.state.engine, "BAR")
    add_establishment(app.state.engine, "GRE")
    national = signed_in(app, accounts.NATIONAL_ADMIN)
    made = national.post("/console/establishments/GRE/desks/code", data={"csrf_token": national.csrf})
    code = re.search(r'id="enrolment-code">([A-Z0-9-]+)<', made.text).group(1)
    with Session(app.state.engine) as session, session.begin():
        device_id = devices.enrol(session, code, "Greenock desk", datetime.utcnow())[0].device_id
    assert national.get(f"/console/establishments/BAR/desks/{device_id}").status_code == 404
    bar_admin = signed_in(app, accounts.ESTABLISHMENT_ADMIN, ["BAR"])
    assert (
        bar_admin.post(
            f"/console/establishments/BAR/desks/{device_id}/revoke", data={"csrf_token": bar_admin.csrf}
        ).status_code
        == 404
    )
