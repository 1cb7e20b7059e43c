"""Two desks on one database book the last place at the same moment: exactly one of them gets it."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest

from visitorcentre.core.errors import SessionFull
from visitorcentre.core.kinds import ListStatus, RelationshipKind
from visitorcentre.core.staff import Actor
from visitorcentre.core.visitor_details import VisitorDetails
from visitorcentre.desk import Desk, open_desk

ROUNDS = 10
JOIN_LIMIT_S = 60  # only so that a deadlock fails the test instead of hanging it


def add_session(world, session_id: str, day: date, capacity: int) -> None:
    """A session as the central server would send it down."""
    with world.desk.ctx.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO visit_session (id, establishment, created_at, updated_at, version, date, starts_at, ends_at,"
            " room, kind, capacity, details) VALUES (?, 'BAR', '2026-11-22 06:00:00', '2026-11-22 06:00:00', 1, ?,"
            " '14:00:00.000000', '16:00:00.000000', 'Visit Hall', 'standard', ?, '')",
            (session_id, day.isoformat(), capacity),
        )


def places_taken(world, session_id: str) -> int:
    with world.desk.ctx.engine.connect() as connection:
        return connection.exec_driver_sql(
            "SELECT count(*) FROM visit WHERE session_id = ? AND status IN "
            "('booked', 'arrived', 'checked_in', 'in_hall', 'completed')",
            (session_id,),
        ).scalar()


def bookings_audited(world, session_id: str) -> int:
    with world.desk.ctx.engine.connect() as connection:
        return connection.exec_driver_sql(
            "SELECT count(*) FROM audit_event a JOIN visit v ON v.id = a.entity_id "
            "WHERE a.action = 'book_visit' AND v.session_id = ?",
            (session_id,),
        ).scalar()


@pytest.fixture
def families(world) -> list[str]:
    """Adults on John MacDonald's approved list, each a family of their own."""
    return [
        world.desk.visits.register_visitor(
            VisitorDetails(first, "Boyle", date(1975 + i, 5, 5)),
            world.prisoner,
            RelationshipKind.FRIEND,
            ListStatus.APPROVED,
        )
        for i, first in enumerate(["Ann", "Bea", "Cat", "Dot", "Eve"])
    ]


@pytest.fixture
def other_desks(world):
    """More desks on the same database file, each with its own engine and connections."""
    made: list[Desk] = []

    def make(n: int) -> list[Desk]:
        for i in range(n):
            made.append(
                open_desk(
                    world.desk.ctx.db_path, actor=Actor(f"Desk {i + 2}", "desk"), clock=world.clock, establishment="BAR"
                )
            )
        return made

    yield make
    for desk in made:
        desk.close()


def book_together(desks: list[Desk], session_id: str, prisoner: str, visitors: list[str]) -> list[object]:
    """Each desk books one family into the session, all released at the same moment."""
    barrier = threading.Barrier(len(desks))
    outcomes: list[object] = [None] * len(desks)

    def book(i: int) -> None:
        barrier.wait()
        try:
            outcomes[i] = desks[i].visits.book_visit(session_id, prisoner, [visitors[i]])
        except Exception as error:  # noqa: BLE001 - collected and judged by the test
            outcomes[i] = error

    threads = [threading.Thread(target=book, args=(i,)) for i in range(len(desks))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN_LIMIT_S)
        assert not thread.is_alive(), "a desk never finished booking"
    return outcomes


def test_two_desks_book_the_last_place_exactly_one_wins(world, families, other_desks):
    (second,) = other_desks(1)
    desks = [world.desk, second]
    winners_by_desk = [0, 0]
    for round_ in range(ROUNDS):
        session_id = f"ses-race-{round_}"
        add_session(world, session_id, world.clock.today() + timedelta(days=2 + round_), capacity=2)
        world.desk.visits.book_visit(session_id, world.prisoner, [families[0]])  # one place left

        outcomes = book_together(desks, session_id, world.prisoner, families[1:3])

        won = [o for o in outcomes if isinstance(o, str)]
        lost = [o for o in outcomes if not isinstance(o, str)]
        assert len(won) == 1, f"round {round_}: {outcomes}"
        assert len(lost) == 1 and isinstance(lost[0], SessionFull), f"round {round_}: {outcomes!r}"
        assert "full" in lost[0].message
        assert world.desk.visits.visit_for_scan(won[0]) is not None
        assert places_taken(world, session_id) == 2
        assert bookings_audited(world, session_id) == 2  # the losing desk wrote nothing
        winners_by_desk[outcomes.index(won[0])] += 1
    assert sum(winners_by_desk) == ROUNDS


def test_four_desks_two_places_left(world, families, other_desks):
    desks = [world.desk] + other_desks(3)
    for round_ in range(3):
        session_id = f"ses-crowd-{round_}"
        add_session(world, session_id, world.clock.today() + timedelta(days=20 + round_), capacity=3)
        world.desk.visits.book_visit(session_id, world.prisoner, [families[0]])

        outcomes = book_together(desks, session_id, world.prisoner, families[1:5])

        assert sum(isinstance(o, str) for o in outcomes) == 2, outcomes
        assert sum(isinstance(o, SessionFull) for o in outcomes) == 2, outcomes
        assert places_taken(world, session_id) == 3


def test_the_board_on_the_other_desk_sees_the_booking(world, families, other_desks):
    (second,) = other_desks(1)
    world.desk.visits.book_visit(world.session_today, world.prisoner, [families[0]])
    (summary,) = second.visits.today()
    assert summary.booked == 1 and summary.places_left == 1
    second.visits.book_visit(world.session_today, world.prisoner, [families[1]])
    with pytest.raises(SessionFull):
        world.desk.visits.book_visit(world.session_today, world.prisoner, [families[2]])
