"""The prisoner pages over HTTP: find, view, add, edit, move, release, restrictions, the visitor list;
mistakes answered with the error summary linking to the field; roles and establishments kept apart."""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy.orm import Session

from tests.console.harness import add_establishment, signed_in
from tests.integration.centre.prisoner_world import visitor_on_list
from visitorcentre.server.centre import prisoners, store
from visitorcentre.server.centre.scope import EVERY
from visitorcentre.server.console import accounts

LINK = re.compile(r'href="/console/prisoners/([0-9a-f-]{36})"')


def world(app) -> str:
    """BAR and GRE, and one prisoner at BAR; returns the prisoner's id."""
    engine = app.state.engine
    add_establishment(engine, "BAR")
    add_establishment(engine, "GRE")
    with Session(engine) as session, session.begin():
        return prisoners.add(
            session,
            actor="test",
            scope=EVERY,
            now=datetime.utcnow(),
            establishment="BAR",
            number="A1234BC",
            details=prisoners.PrisonerDetails("Seán", "MacDonald", datetime(1990, 5, 1).date(), "Hall B", "convicted"),
        )


def record(app, entity: str, row_id: str) -> dict:
    with Session(app.state.engine) as session:
        return store.current(session, entity, row_id) or {}


def test_find_and_view_within_ones_establishments(app):
    prisoner_id = world(app)
    admin = signed_in(app)
    found = admin.get("/console/prisoners", params={"q": "mcdon"})
    assert found.status_code == 200 and "MacDonald, Seán" in found.text and LINK.search(found.text)
    assert "A1234BC" in admin.get("/console/prisoners", params={"q": "a1234bc"}).text
    assert "No prisoner at your establishments matches" in admin.get("/console/prisoners?q=zzz").text
    assert admin.get("/console/prisoners?page=99999").status_code == 200
    shown = admin.get(f"/console/prisoners/{prisoner_id}")
    assert shown.status_code == 200 and "Hall B" in shown.text and "Change details" in shown.text
    other = signed_in(app, accounts.ESTABLISHMENT_ADMIN, ["GRE"])
    assert "MacDonald, Seán" not in other.get("/console/prisoners?q=mac").text
    assert other.get(f"/console/prisoners/{prisoner_id}").status_code == 404
    assert other.get(f"/console/prisoners/{prisoner_id}/edit").status_code == 404
    analyst = signed_in(app, accounts.ANALYST)
    read_only = analyst.get(f"/console/prisoners/{prisoner_id}")
    assert read_only.status_code == 200 and "Change details" not in read_only.text
    assert analyst.get(f"/console/prisoners/{prisoner_id}/edit").status_code == 403
    assert signed_in(app, accounts.CASEWORKER).get("/console/prisoners").status_code == 403


def test_adding_a_prisoner_with_mistakes_then_right(app):
    world(app)
    admin = signed_in(app, accounts.ESTABLISHMENT_ADMIN, ["BAR"])
    typed = {
        "csrf_token": admin.csrf,
        "establishment": "BAR",
        "prison_number": "A1234BC",
        "first_name": "Mary",
        "last_name": "Jones",
        "date_of_birth-day": "2",
        "date_of_birth-month": "3",
        "date_of_birth-year": "1985",
        "location": "",
        "status": "remand",
    }
    for changes, field in (
        ({"prison_number": "A1234BC"}, "prison_number"),
        ({"prison_number": "B1", "date_of_birth-month": "13"}, "date_of_birth"),
        ({"prison_number": "B1", "first_name": ""}, "first_name"),
        ({"prison_number": "B1", "status": ""}, "status"),
        ({"prison_number": "B1", "establishment": "GRE"}, "establishment"),
    ):
        answer = admin.post("/console/prisoners/add", data=typed | changes)
        assert answer.status_code == 400, changes
        assert f'href="#{field}"' in answer.text and "There is a problem" in answer.text
        assert 'value="Mary"' in answer.text or field == "first_name"  # what was typed stays
    done = admin.post("/console/prisoners/add", data=typed | {"prison_number": "b 1"})
    assert done.status_code == 303
    page = admin.get(done.headers["location"].removeprefix("http://testserver"))
    assert "Mary Jones" in page.text and "B1" in page.text and "was added" in page.text
    assert admin.post("/console/prisoners/add", data=typed | {"csrf_token": "x"}).status_code == 403


def test_edit_move_and_release(app):
    prisoner_id = world(app)
    admin = signed_in(app)
    form = admin.get(f"/console/prisoners/{prisoner_id}/edit")
    assert 'value="MacDonald"' in form.text and 'name="version" value="1"' in form.text
    typed = {
        "csrf_token": admin.csrf,
        "first_name": "Seán",
        "last_name": "O'Brien",
        "date_of_birth-day": "1",
        "date_of_birth-month": "5",
        "date_of_birth-year": "1990",
        "location": "Hall C",
        "status": "convicted",
        "version": "1",
    }
    assert admin.post(f"/console/prisoners/{prisoner_id}/edit", data=typed).status_code == 303
    stale = admin.post(f"/console/prisoners/{prisoner_id}/edit", data=typed | {"location": "Hall D"})
    assert stale.status_code == 400 and "Someone else changed" in stale.text
    assert record(app, "prisoner", prisoner_id)["last_name"] == "O'Brien"
    wrong = admin.post(f"/console/prisoners/{prisoner_id}/move", data={"csrf_token": admin.csrf, "to": ""})
    assert wrong.status_code == 400 and 'href="#to"' in wrong.text
    moved = admin.post(f"/console/prisoners/{prisoner_id}/move", data={"csrf_token": admin.csrf, "to": "GRE"})
    assert moved.status_code == 303 and record(app, "prisoner", prisoner_id)["establishment"] == "GRE"
    late = {"csrf_token": admin.csrf, "released_on-day": "1", "released_on-month": "1", "released_on-year": "2999"}
    refused = admin.post(f"/console/prisoners/{prisoner_id}/release", data=late | {"reason": "End of sentence"})
    assert refused.status_code == 400 and 'href="#released_on"' in refused.text
    today = datetime.utcnow().date()
    released = admin.post(
        f"/console/prisoners/{prisoner_id}/release",
        data={
            "csrf_token": admin.csrf,
            "released_on-day": str(today.day),
            "released_on-month": str(today.month),
            "released_on-year": str(today.year),
            "reason": "End of sentence",
        },
    )
    assert released.status_code == 303 and record(app, "prisoner", prisoner_id)["status"] == "released"


def test_a_restriction_added_with_a_mistake_then_lifted(app):
    prisoner_id = world(app)
    admin = signed_in(app, accounts.ESTABLISHMENT_ADMIN, ["BAR"])
    today = datetime.utcnow().date()
    typed = {
        "csrf_token": admin.csrf,
        "kind": "other",
        "detail": "",
        "reason": "Security report",
        "starts_on-day": str(today.day),
        "starts_on-month": str(today.month),
        "starts_on-year": str(today.year),
    }
    missing = admin.post(f"/console/prisoners/{prisoner_id}/restrictions/add", data=typed)
    assert missing.status_code == 400 and 'href="#detail"' in missing.text
    added = admin.post(
        f"/console/prisoners/{prisoner_id}/restrictions/add", data=typed | {"detail": "No visits from Mr X"}
    )
    assert added.status_code == 303
    page = admin.get(f"/console/prisoners/{prisoner_id}")
    assert "No visits from Mr X" in page.text and "In force" in page.text
    restriction_id = re.search(r"/console/restrictions/([0-9a-f-]{36})/lift", page.text).group(1)
    assert (
        signed_in(app, accounts.ESTABLISHMENT_ADMIN, ["GRE"])
        .get(f"/console/restrictions/{restriction_id}/lift")
        .status_code
        == 404
    )
    lifted = admin.post(
        f"/console/restrictions/{restriction_id}/lift",
        data={"csrf_token": admin.csrf, "lifted_reason": "Report withdrawn"},
    )
    assert (
        lifted.status_code == 303 and record(app, "restriction", restriction_id)["lifted_reason"] == "Report withdrawn"
    )


def test_a_visitor_approved_then_removed(app):
    prisoner_id = world(app)
    rel = visitor_on_list(app.state.engine, prisoner_id)
    admin = signed_in(app)
    page = admin.get(f"/console/prisoners/{prisoner_id}")
    assert "Mary O&#39;Neill" in page.text and f"/console/visitor-list/{rel}/approve" in page.text
    form = admin.get(f"/console/visitor-list/{rel}/approve")
    assert form.status_code == 200 and 'name="version" value="1"' in form.text
    empty = admin.post(
        f"/console/visitor-list/{rel}/approve", data={"csrf_token": admin.csrf, "reason": "", "version": "1"}
    )
    assert empty.status_code == 400 and 'href="#reason"' in empty.text
    done = admin.post(
        f"/console/visitor-list/{rel}/approve", data={"csrf_token": admin.csrf, "reason": "ID seen", "version": "1"}
    )
    assert done.status_code == 303 and record(app, "relationship", rel)["list_status"] == "approved"
    assert admin.get(f"/console/visitor-list/{rel}/forget").status_code in (400, 404, 422)
    gone = admin.post(
        f"/console/visitor-list/{rel}/remove", data={"csrf_token": admin.csrf, "reason": "Asked to", "version": "2"}
    )
    assert gone.status_code == 303 and record(app, "relationship", rel)["list_status"] == "removed"


def test_an_establishment_administrator_transfers_a_prisoner_out(app):
    prisoner_id = world(app)
    admin = signed_in(app, accounts.ESTABLISHMENT_ADMIN, ["BAR"])
    form = admin.get(f"/console/prisoners/{prisoner_id}/move")
    assert 'value="GRE"' in form.text and 'value="BAR"' not in form.text
    moved = admin.post(f"/console/prisoners/{prisoner_id}/move", data={"csrf_token": admin.csrf, "to": "GRE"})
    assert moved.status_code == 303 and moved.headers["location"] == "/console/prisoners"
    assert record(app, "prisoner", prisoner_id)["establishment"] == "GRE"
    assert admin.get(f"/console/prisoners/{prisoner_id}").status_code == 404
    assert (
        signed_in(app, accounts.ESTABLISHMENT_ADMIN, ["GRE"]).get(f"/console/prisoners/{prisoner_id}").status_code
        == 200
    )


def test_both_establishments_administrators_see_a_move_in_the_audit_log(app):
    prisoner_id = world(app)
    national = signed_in(app)
    national.post(f"/console/prisoners/{prisoner_id}/move", data={"csrf_token": national.csrf, "to": "GRE"})
    for code in ("BAR", "GRE"):
        shown = signed_in(app, accounts.ESTABLISHMENT_ADMIN, [code]).get("/console/audit")
        assert shown.status_code == 200 and "Moved Seán MacDonald (A1234BC) from BAR to GRE" in shown.text, code
