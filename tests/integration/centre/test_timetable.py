"""The weekly timetable on a real server database: dated sessions made weeks ahead, once, and kept in step."""

from __future__ import annotations

import itertools
from datetime import date, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.integration.centre.centre_world import NOW, add_establishment, add_prisoner, add_visitor, book
from visitorcentre.core.errors import NotAllowed, NotFound
from visitorcentre.server.centre import audit, timetable, timetable_sessions
from visitorcentre.server.centre.reach import Reach
from visitorcentre.server.centre.timetable_input import read_template
from visitorcentre.server.centre.typed import TypedSession
from visitorcentre.server.models import Document, Feed

TODAY = date(2026, 12, 3)  # a Thursday
ANN = Reach.national("Ann Admin")


def plan(**changes):
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


def sessions(session: Session, code: str = "BAR") -> list[TypedSession]:
    return list(
        session.scalars(select(TypedSession).where(TypedSession.establishment == code).order_by(TypedSession.date))
    )


def test_a_weekly_session_makes_eight_weeks_of_sessions_that_desks_receive(engine):
    with Session(engine, expire_on_commit=False) as session, session.begin():
        add_establishment(session, "BAR")
        _template, made = timetable.add_template(session, ANN, "BAR", plan(), TODAY, NOW)
    assert made.created == 8 and not made.kept
    with Session(engine, expire_on_commit=False) as session:
        found = sessions(session)
        assert [s.date for s in found] == [date(2026, 12, 7) + timedelta(weeks=n) for n in range(8)]
        assert all(
            (s.starts_at, s.ends_at, s.room, s.capacity) == (time(14), time(16), "Visits hall", 20) for s in found
        )
        feeds = session.scalars(select(Feed.scope).where(Feed.entity == "visit_session")).all()
        assert feeds == ["BAR"] * 8
        assert audit.verify(session).ok


def test_making_the_weeks_again_makes_nothing_new(engine):
    with Session(engine, expire_on_commit=False) as session, session.begin():
        add_establishment(session, "BAR")
        timetable.add_template(session, ANN, "BAR", plan(), TODAY, NOW)
    with Session(engine, expire_on_commit=False) as session, session.begin():
        again = timetable.make_sessions(session, ANN, "BAR", TODAY, NOW)
        documents = session.scalar(select(func.count()).select_from(Document).where(Document.entity == "visit_session"))
    assert (again.created, again.changed, again.closed, again.unchanged) == (0, 0, 0, 8) and documents == 8
    with (
        Session(engine, expire_on_commit=False) as session,
        session.begin(),
    ):  # a week later: one more week, the rest as they were
        later = timetable.make_sessions(session, ANN, "BAR", TODAY + timedelta(weeks=1), NOW)
    assert (later.created, later.unchanged) == (1, 7)


def test_a_changed_template_changes_unbooked_sessions_and_names_the_booked_ones(engine):
    with Session(engine, expire_on_commit=False) as session, session.begin():
        add_establishment(session, "BAR")
        template_id = timetable.add_template(session, ANN, "BAR", plan(), TODAY, NOW)[0].id
        first = sessions(session)[0]
        add_prisoner(session, "p1", "BAR", "Seán", "MacDonald", "A1234BC")
        add_visitor(session, "v1", "BAR", "Mary", "MacDonald", "1970-02-03")
        book(session, "visit1", first.row_id, "ABC123", "p1", ["v1"])
    with Session(engine, expire_on_commit=False) as session, session.begin():
        _t, made = timetable.change_template(
            session, ANN, template_id, plan(starts_at="13:30", room="Family room"), TODAY, NOW
        )
    assert made.changed == 7 and made.unchanged == 0
    assert [(k.session_id, k.booked) for k in made.kept] == [(first.row_id, 1)]
    with Session(engine, expire_on_commit=False) as session:
        found = sessions(session)
        assert (found[0].starts_at, found[0].room) == (time(14), "Visits hall")  # booked: left as it was
        assert all((s.starts_at, s.room) == (time(13, 30), "Family room") for s in found[1:])


def test_a_template_moved_to_another_day_closes_its_old_unbooked_sessions(engine):
    with Session(engine, expire_on_commit=False) as session, session.begin():
        add_establishment(session, "BAR")
        template_id = timetable.add_template(session, ANN, "BAR", plan(), TODAY, NOW)[0].id
        booked = sessions(session)[1]
        add_prisoner(session, "p1", "BAR", "Seán", "MacDonald", "A1234BC")
        add_visitor(session, "v1", "BAR", "Mary", "MacDonald", None)
        book(session, "visit1", booked.row_id, "ABC123", "p1", ["v1"], day="2026-12-14")
    with Session(engine, expire_on_commit=False) as session, session.begin():
        _t, made = timetable.change_template(session, ANN, template_id, plan(weekday="Wednesday"), TODAY, NOW)
    assert made.created == 8 and made.closed == 7
    assert [k.session_id for k in made.kept] == [booked.row_id]
    with Session(engine, expire_on_commit=False) as session:
        mondays = [s for s in sessions(session) if s.date.weekday() == 0]
        assert {s.blocked_reason for s in mondays if s.row_id != booked.row_id} == {"No longer in the timetable"}
        assert next(s for s in mondays if s.row_id == booked.row_id).blocked_reason == ""
    with (
        Session(engine, expire_on_commit=False) as session,
        session.begin(),
    ):  # back to Mondays: the closed ones open again
        _t, made = timetable.change_template(session, ANN, template_id, plan(), TODAY, NOW)
    assert (made.changed, made.unchanged, made.closed, made.created) == (7, 1, 8, 0)  # the Wednesdays close
    with Session(engine, expire_on_commit=False) as session:
        assert all(s.blocked_reason == "" for s in sessions(session) if s.date.weekday() == 0)


def test_an_establishment_administrator_works_only_on_their_own(engine):
    with Session(engine, expire_on_commit=False) as session, session.begin():
        add_establishment(session, "BAR")
        add_establishment(session, "GRN")
        template_id = timetable.add_template(session, ANN, "GRN", plan(), TODAY, NOW)[0].id
    bob = Reach.of("Bob", ["BAR"])
    with Session(engine, expire_on_commit=False) as session, session.begin():
        with pytest.raises(NotAllowed) as refused:
            timetable.add_template(session, bob, "GRN", plan(), TODAY, NOW)
        assert refused.value.field == "establishment"
        with pytest.raises(NotFound):
            timetable.change_template(session, bob, template_id, plan(), TODAY, NOW)
        with pytest.raises(NotFound):
            timetable_sessions.block_session(
                session, bob, sessions(session, "GRN")[0].row_id, "Staff training", False, TODAY, NOW
            )
        with pytest.raises(NotFound) as unknown:
            timetable.add_template(session, ANN, "ZZZ", plan(), TODAY, NOW)
        assert unknown.value.field == "establishment"


_codes = (f"H{n}" for n in itertools.count())
week_days = st.integers(0, 6)
offsets = st.integers(-30, 80)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    weekday=week_days,
    starts=offsets,
    length=st.one_of(st.none(), st.integers(1, 90)),
    blocked=st.sets(st.integers(0, 60), max_size=6),
)
def test_generated_sessions_fall_on_the_weekday_inside_the_validity_outside_blocked_days(
    engine, weekday, starts, length, blocked
):
    code = next(_codes)
    valid_from = TODAY + timedelta(days=starts)
    valid_until = None if length is None else valid_from + timedelta(days=length)
    blocked_days = {TODAY + timedelta(days=n) for n in blocked}
    fields = {
        "weekday": str(weekday),
        "valid_from": valid_from.isoformat(),
        "valid_until": valid_until.isoformat() if valid_until else "",
    }
    with Session(engine, expire_on_commit=False) as session, session.begin():
        add_establishment(session, code)
        for day in blocked_days:
            timetable_sessions.block_date(session, ANN, code, day, "Staff training", False, TODAY, NOW)
        timetable.add_template(session, ANN, code, plan(**fields), TODAY, NOW)
    with Session(engine, expire_on_commit=False) as session:
        made = [s.date for s in sessions(session, code)]
    last = TODAY + timedelta(weeks=8, days=-1)
    for day in made:
        assert day.weekday() == weekday and TODAY <= day <= last
        assert valid_from <= day and (valid_until is None or day <= valid_until)
        assert day not in blocked_days
    expected = {
        TODAY + timedelta(days=n)
        for n in range(56)
        if (TODAY + timedelta(days=n)).weekday() == weekday
        and valid_from <= TODAY + timedelta(days=n)
        and (valid_until is None or TODAY + timedelta(days=n) <= valid_until)
    } - blocked_days
    assert sorted(made) == sorted(expected) and len(made) == len(set(made))
    with Session(engine, expire_on_commit=False) as session, session.begin():
        again = timetable.make_sessions(session, ANN, code, TODAY, NOW)
    assert (again.created, again.changed, again.closed, again.kept) == (0, 0, 0, [])
    with Session(engine, expire_on_commit=False) as session:
        assert [s.date for s in sessions(session, code)] == made
