"""Blocking a day or a session, changing a session, one-off sessions: bookings are listed and confirmed first."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.integration.centre.centre_world import NOW, add_establishment, add_prisoner, add_visitor, book
from visitorcentre.core.errors import InvalidInput, NotAllowed
from visitorcentre.server.centre import audit, timetable, timetable_reads, timetable_sessions
from visitorcentre.server.centre.models import CentreAudit
from visitorcentre.server.centre.reach import Reach
from visitorcentre.server.centre.timetable_bookings import BookingsAffected
from visitorcentre.server.centre.timetable_input import read_session, read_template
from visitorcentre.server.centre.typed import TypedSession

TODAY = date(2026, 12, 3)
MONDAY = date(2026, 12, 7)
ANN = Reach.national("Ann Admin")


def weekly(**changes):
    fields = {
        "weekday": "Monday",
        "starts_at": "14:00",
        "ends_at": "16:00",
        "room": "Visits hall",
        "kind": "standard",
        "capacity": "20",
        "valid_from": "2026-12-01",
        "valid_until": "",
    }
    return read_template(**(fields | changes))


def day_sessions(session: Session, day: date = MONDAY) -> list[TypedSession]:
    return list(
        session.scalars(
            select(TypedSession)
            .where(TypedSession.establishment == "BAR", TypedSession.date == day)
            .order_by(TypedSession.starts_at)
        )
    )


@pytest.fixture
def booked(engine):
    """BAR with Monday afternoon and evening sessions; two visits booked in the afternoon on 7 December."""
    with Session(engine) as session, session.begin():
        add_establishment(session, "BAR")
        timetable.add_template(session, ANN, "BAR", weekly(), TODAY, NOW)
        timetable.add_template(session, ANN, "BAR", weekly(starts_at="18:00", ends_at="19:30"), TODAY, NOW)
        afternoon = day_sessions(session)[0].row_id
        add_prisoner(session, "p1", "BAR", "Seán", "MacDonald", "A1234BC")
        add_prisoner(session, "p2", "BAR", "Aisha", "Khan", "B2345CD")
        add_visitor(session, "v1", "BAR", "Mary", "MacDonald", "1970-02-03")
        add_visitor(session, "v2", "BAR", "Tom", "MacDonald", "2015-06-01")
        add_visitor(session, "v3", "BAR", "Zara", "Khan", "1990-01-01")
        book(session, "visit1", afternoon, "ABC123", "p1", ["v1", "v2"])
        book(session, "visit2", afternoon, "DEF456", "p2", ["v3"])
        book(session, "visit3", afternoon, "GHJ789", "p2", ["v3"], status="cancelled")
    return engine, afternoon


def test_blocking_a_day_with_bookings_lists_them_and_waits_for_confirmation(booked):
    engine, _afternoon = booked
    with pytest.raises(BookingsAffected) as asked:
        with Session(engine) as session, session.begin():
            timetable_sessions.block_date(session, ANN, "BAR", MONDAY, "Staff training", False, TODAY, NOW)
    assert "2 visits are booked on Monday 7 December 2026" in asked.value.message
    assert [(b.reference, b.prisoner, b.lead_visitor, b.party_size) for b in asked.value.bookings] == [
        ("ABC123", "Seán MacDonald (A1234BC)", "Mary MacDonald", 2),
        ("DEF456", "Aisha Khan (B2345CD)", "Zara Khan", 1),
    ]
    with Session(engine) as session:  # nothing was written
        assert all(s.blocked_reason == "" for s in day_sessions(session))
        assert timetable_sessions.day_block(session, "BAR", MONDAY) is None
    with Session(engine) as session, session.begin():
        assert timetable_sessions.block_date(session, ANN, "BAR", MONDAY, "Staff training", True, TODAY, NOW) == 2
    with Session(engine) as session, session.begin():
        assert {s.blocked_reason for s in day_sessions(session)} == {"Staff training"}
        made = timetable.make_sessions(session, ANN, "BAR", TODAY, NOW)
        assert (made.created, made.changed, made.closed) == (0, 0, 0)  # the blocked day stays as it is
        with pytest.raises(NotAllowed, match="already blocked"):
            timetable_sessions.block_date(session, ANN, "BAR", MONDAY, "Again", True, TODAY, NOW)
        last = session.scalars(select(CentreAudit.action).order_by(CentreAudit.seq.desc()).limit(1)).one()
        assert last == "timetable.date_blocked"
        assert audit.verify(session).ok


def test_unblocking_a_day_reopens_what_it_closed_but_not_a_session_blocked_on_its_own(booked):
    engine, afternoon = booked
    with Session(engine) as session, session.begin():
        evening = day_sessions(session)[1].row_id
        timetable_sessions.block_session(session, ANN, evening, "Hall being painted", True, TODAY, NOW)
        timetable_sessions.block_date(session, ANN, "BAR", MONDAY, "Staff training", True, TODAY, NOW)
    with Session(engine) as session, session.begin():
        with pytest.raises(InvalidInput) as no_reason:
            timetable_sessions.unblock_date(session, ANN, "BAR", MONDAY, " ", TODAY, NOW)
        assert no_reason.value.field == "reason"
        with pytest.raises(NotAllowed, match="unblock the day"):
            timetable_sessions.unblock_session(session, ANN, afternoon, "Training moved", TODAY, NOW)
        timetable_sessions.unblock_date(session, ANN, "BAR", MONDAY, "Training moved", TODAY, NOW)
    with Session(engine) as session:
        reasons = {s.row_id: s.blocked_reason for s in day_sessions(session)}
        assert reasons == {afternoon: "", evening: "Hall being painted"}
        with pytest.raises(NotAllowed, match="not blocked"):
            timetable_sessions.unblock_date(session, ANN, "BAR", MONDAY, "Again", TODAY, NOW)


def test_a_day_blocked_before_the_timetable_gets_no_sessions_until_unblocked(engine):
    with Session(engine) as session, session.begin():
        add_establishment(session, "BAR")
        timetable_sessions.block_date(session, ANN, "BAR", MONDAY, "Election day", False, TODAY, NOW)
        timetable.add_template(session, ANN, "BAR", weekly(), TODAY, NOW)
        assert day_sessions(session) == []
        made = timetable_sessions.unblock_date(session, ANN, "BAR", MONDAY, "Polling moved", TODAY, NOW)
        assert made.created == 1 and [s.starts_at for s in day_sessions(session)] == [time(14)]


def test_blocking_a_session_with_bookings_asks_first_and_unblocking_needs_a_reason(booked):
    engine, afternoon = booked
    with Session(engine) as session, session.begin():
        with pytest.raises(BookingsAffected) as asked:
            timetable_sessions.block_session(session, ANN, afternoon, "Hall flooded", False, TODAY, NOW)
        assert [b.reference for b in asked.value.bookings] == ["ABC123", "DEF456"]
        with pytest.raises(InvalidInput) as empty:
            timetable_sessions.block_session(session, ANN, afternoon, "", True, TODAY, NOW)
        assert empty.value.field == "reason"
        timetable_sessions.block_session(session, ANN, afternoon, "Hall flooded", True, TODAY, NOW)
    with Session(engine) as session, session.begin():
        with pytest.raises(NotAllowed, match="already blocked"):
            timetable_sessions.block_session(session, ANN, afternoon, "Again", True, TODAY, NOW)
        with pytest.raises(InvalidInput):
            timetable_sessions.unblock_session(session, ANN, afternoon, "", TODAY, NOW)
        timetable_sessions.unblock_session(session, ANN, afternoon, "Hall dried out", TODAY, NOW)
        assert day_sessions(session)[0].blocked_reason == ""
        with pytest.raises(NotAllowed, match="not blocked"):
            timetable_sessions.unblock_session(session, ANN, afternoon, "Again", TODAY, NOW)
        summary = session.scalars(select(CentreAudit.summary).order_by(CentreAudit.seq.desc()).limit(1)).one()
        assert "Hall dried out" in summary


def test_changing_a_booked_session_asks_first_and_never_below_the_visits_booked(booked):
    engine, afternoon = booked
    later = read_session("14:30", "16:30", "Visits hall", "standard", "20")
    with Session(engine) as session, session.begin():
        with pytest.raises(BookingsAffected):
            timetable_sessions.change_session(session, ANN, afternoon, later, False, TODAY, NOW)
        one_place = read_session("14:00", "16:00", "Visits hall", "standard", "1")
        with pytest.raises(InvalidInput) as too_small:
            timetable_sessions.change_session(session, ANN, afternoon, one_place, True, TODAY, NOW)
        assert too_small.value.field == "capacity" and "2 visits are booked" in too_small.value.message
        same = read_session("14:00", "16:00", "Visits hall", "standard", "20")
        with pytest.raises(InvalidInput, match="Nothing has changed"):
            timetable_sessions.change_session(session, ANN, afternoon, same, True, TODAY, NOW)
        written = timetable_sessions.change_session(session, ANN, afternoon, later, True, TODAY, NOW)
        assert written["starts_at"] == "14:30:00" and written["version"] == 2


def test_one_off_sessions_and_the_coming_weeks(booked):
    engine, afternoon = booked
    family_day = date(2026, 12, 19)
    plan = read_session("10:00", "15:00", "Gym", "family_day", "12")
    with Session(engine) as session, session.begin():
        with pytest.raises(InvalidInput) as past:
            timetable_sessions.add_one_off(session, ANN, "BAR", date(2026, 12, 1), plan, TODAY, NOW)
        assert past.value.field == "date"
        one_off = timetable_sessions.add_one_off(session, ANN, "BAR", family_day, plan, TODAY, NOW)
        timetable_sessions.block_date(session, ANN, "BAR", date(2026, 12, 14), "Staff training", True, TODAY, NOW)
        with pytest.raises(InvalidInput, match="blocked") as blocked:
            timetable_sessions.add_one_off(session, ANN, "BAR", date(2026, 12, 14), plan, TODAY, NOW)
        assert blocked.value.field == "date"
    with Session(engine) as session:
        weeks = timetable_reads.coming_weeks(session, ANN, "BAR", TODAY)
    assert [w.starts_on for w in weeks] == [
        date(2026, 11, 30),
        date(2026, 12, 7),
        date(2026, 12, 14),
        date(2026, 12, 21),
    ]
    first = weeks[1].sessions[0]
    assert (first.id, first.booked, first.left, first.capacity, first.weekly) == (afternoon, 2, 18, 20, True)
    assert weeks[2].blocked_days == {date(2026, 12, 14): "Staff training"}
    assert all(s.left == 0 and s.blocked_reason for s in weeks[2].sessions if s.date == date(2026, 12, 14))
    extra = next(s for s in weeks[2].sessions if s.id == one_off)
    assert (extra.kind, extra.weekly, extra.left) == ("Family day", False, 12)
