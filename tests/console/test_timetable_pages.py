"""The timetable's pages over HTTP: a weekly timetable set up, mistakes named by field, a day with bookings
blocked only after the list is seen and confirmed, and another establishment's timetable out of reach."""

from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.console.harness import add_establishment, signed_in
from tests.integration.centre.centre_world import add_prisoner, add_visitor, book
from visitorcentre.server.centre.typed import TypedSession
from visitorcentre.server.console import accounts

TODAY = date.today()


def next_monday() -> date:
    return TODAY + timedelta(days=(7 - TODAY.weekday()) % 7 or 7)


def weekly_form(client, **changes) -> dict:
    fields = {
        "weekday": "0",
        "starts_at": "14:00",
        "ends_at": "16:00",
        "room": "Visits hall",
        "kind": "standard",
        "capacity": "20",
        "valid_from-day": str(TODAY.day),
        "valid_from-month": str(TODAY.month),
        "valid_from-year": str(TODAY.year),
        "csrf_token": client.csrf,
    }
    return fields | changes


def sessions(app, code: str = "BAR") -> list[TypedSession]:
    with Session(app.state.engine) as session:
        return list(
            session.scalars(select(TypedSession).where(TypedSession.establishment == code).order_by(TypedSession.date))
        )


def test_an_administrator_sets_up_a_weekly_timetable(app):
    add_establishment(app.state.engine, "BAR")
    client = signed_in(app, accounts.ESTABLISHMENT_ADMIN, ["BAR"])
    assert "Add a weekly session" in client.get("/console/establishments/BAR/timetable").text
    form = client.get("/console/establishments/BAR/timetable/weekly/new")
    assert form.status_code == 200 and 'name="csrf_token"' in form.text
    added = client.post("/console/establishments/BAR/timetable/weekly/new", data=weekly_form(client))
    assert added.status_code == 303 and added.headers["location"] == "/console/establishments/BAR/timetable"
    made = sessions(app)
    assert len(made) == 8 and {s.date.weekday() for s in made} == {0}
    page = client.get("/console/establishments/BAR/timetable")
    assert "8 new" in page.text and "Mondays 14:00 to 16:00 in Visits hall" in page.text
    assert "0 of 20" in page.text and "Places left" in page.text
    again = client.post("/console/establishments/BAR/timetable/make", data={"csrf_token": client.csrf})
    assert again.status_code == 303 and len(sessions(app)) == 8


def test_each_mistake_is_shown_beside_its_field_and_in_the_summary(app):
    add_establishment(app.state.engine, "BAR")
    client = signed_in(app, accounts.NATIONAL_ADMIN)
    for changes, field, words in [
        ({"ends_at": "13:00"}, "ends_at", "The end time must be after the start time."),
        ({"capacity": "600"}, "capacity", "The capacity must be a whole number from 1 to 500."),
        ({"room": ""}, "room", "Enter the room, like Visits hall."),
        ({"kind": "rave"}, "kind", "Choose the kind of session from the list."),
        (
            {"valid_until-day": "1", "valid_until-month": "1", "valid_until-year": "2000"},
            "valid_until",
            "The date it ends must be after the date it starts.",
        ),
    ]:
        answer = client.post("/console/establishments/BAR/timetable/weekly/new", data=weekly_form(client, **changes))
        assert answer.status_code == 400, field
        assert f'href="#{field}"' in answer.text and words in answer.text
        assert answer.text.count(words) == 2  # in the summary and beside the field
    assert sessions(app) == []


def test_blocking_a_day_with_bookings_lists_them_and_asks_first(app):
    add_establishment(app.state.engine, "BAR")
    client = signed_in(app, accounts.ESTABLISHMENT_ADMIN, ["BAR"])
    client.post("/console/establishments/BAR/timetable/weekly/new", data=weekly_form(client))
    monday = next_monday()
    first = next(s for s in sessions(app) if s.date == monday)
    with Session(app.state.engine) as session, session.begin():
        add_prisoner(session, "p1", "BAR", "Seán", "MacDonald", "A1234BC")
        add_visitor(session, "v1", "BAR", "Mary", "MacDonald", "1970-02-03")
        add_visitor(session, "v2", "BAR", "Tom", "MacDonald", "2015-06-01")
        book(session, "visit1", first.row_id, "ABC123", "p1", ["v1", "v2"], day=monday.isoformat())
    form = {
        "date-day": str(monday.day),
        "date-month": str(monday.month),
        "date-year": str(monday.year),
        "reason": "Staff training",
        "csrf_token": client.csrf,
    }
    asked = client.post("/console/establishments/BAR/timetable/block-day", data=form)
    assert asked.status_code == 200 and "1 visit is booked" in asked.text
    assert all(words in asked.text for words in ("ABC123", "Seán MacDonald (A1234BC)", "Mary MacDonald", ">2<"))
    assert 'name="confirm" value="yes"' in asked.text
    assert all(s.blocked_reason == "" for s in sessions(app))  # nothing changed yet
    done = client.post("/console/establishments/BAR/timetable/block-day", data=form | {"confirm": "yes"})
    assert done.status_code == 303
    assert [s.blocked_reason for s in sessions(app) if s.date == monday] == ["Staff training"]
    page = client.get("/console/establishments/BAR/timetable", params={"start": monday.isoformat()})
    assert "Day blocked" in page.text and "Staff training" in page.text
    unblock = f"/console/establishments/BAR/timetable/days/{monday.isoformat()}/unblock"
    missing = client.post(unblock, data={"reason": "", "csrf_token": client.csrf})
    assert missing.status_code == 400 and 'href="#reason"' in missing.text
    assert client.post(unblock, data={"reason": "Training moved", "csrf_token": client.csrf}).status_code == 303
    assert all(s.blocked_reason == "" for s in sessions(app))


def test_a_session_blocked_and_opened_again_and_a_one_off_added(app):
    add_establishment(app.state.engine, "BAR")
    client = signed_in(app, accounts.NATIONAL_ADMIN)
    client.post("/console/establishments/BAR/timetable/weekly/new", data=weekly_form(client))
    first = sessions(app)[0]
    base = f"/console/establishments/BAR/timetable/sessions/{first.row_id}"
    assert "No visits are booked" in client.get(base).text
    assert client.post(base + "/block", data={"reason": "", "csrf_token": client.csrf}).status_code == 400
    assert client.post(base + "/block", data={"reason": "Hall flooded", "csrf_token": client.csrf}).status_code == 303
    assert "Blocked: Hall flooded" in client.get(base).text
    twice = client.post(base + "/block", data={"reason": "Again", "csrf_token": client.csrf})
    assert twice.status_code == 400 and "already blocked" in twice.text and 'href="#session"' not in twice.text
    assert client.post(base + "/unblock", data={"reason": "Dried out", "csrf_token": client.csrf}).status_code == 303
    changed = client.post(
        base + "/change",
        data={
            "starts_at": "13:00",
            "ends_at": "15:00",
            "room": "Visits hall",
            "kind": "standard",
            "capacity": "20",
            "csrf_token": client.csrf,
        },
    )
    assert changed.status_code == 303 and sessions(app)[0].starts_at.hour == 13
    day = TODAY + timedelta(days=10)
    one_off = {
        "date-day": str(day.day),
        "date-month": str(day.month),
        "date-year": str(day.year),
        "starts_at": "10:00",
        "ends_at": "15:00",
        "room": "Gym",
        "kind": "family_day",
        "capacity": "12",
        "csrf_token": client.csrf,
    }
    assert client.post("/console/establishments/BAR/timetable/one-off/new", data=one_off).status_code == 303
    bad = client.post("/console/establishments/BAR/timetable/one-off/new", data=one_off | {"date-day": "45"})
    assert bad.status_code == 400 and 'href="#date"' in bad.text
    assert any(s.room == "Gym" and s.date == day for s in sessions(app))


def test_another_establishments_timetable_and_sessions_are_out_of_reach(app):
    for code in ("BAR", "GRN"):
        add_establishment(app.state.engine, code)
    ann = signed_in(app, accounts.NATIONAL_ADMIN)
    ann.post("/console/establishments/GRN/timetable/weekly/new", data=weekly_form(ann))
    theirs = sessions(app, "GRN")[0].row_id
    bob = signed_in(app, accounts.ESTABLISHMENT_ADMIN, ["BAR"])
    assert bob.get("/console/establishments/GRN/timetable").status_code == 404
    assert bob.get(f"/console/establishments/BAR/timetable/sessions/{theirs}").status_code == 404
    refused = bob.post(
        f"/console/establishments/BAR/timetable/sessions/{theirs}/block",
        data={"reason": "Mine now", "confirm": "yes", "csrf_token": bob.csrf},
    )
    assert refused.status_code == 404 and sessions(app, "GRN")[0].blocked_reason == ""
    analyst = signed_in(app, accounts.ANALYST)
    assert analyst.get("/console/establishments/GRN/timetable").status_code == 200
    assert "Add a weekly session" not in analyst.get("/console/establishments/GRN/timetable").text
    assert (
        analyst.post("/console/establishments/GRN/timetable/make", data={"csrf_token": analyst.csrf}).status_code == 403
    )
    listed = re.findall(r"/console/establishments/(\w+)/timetable\"", bob.get("/console/timetable").text)
    assert listed == ["BAR"]
