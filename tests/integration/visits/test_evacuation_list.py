"""The evacuation list: everyone in the building now equals what the desk's check-in records say."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from visitorcentre.core.errors import InvalidInput
from visitorcentre.core.kinds import VisitStatus
from visitorcentre.db import evacuation_queries
from visitorcentre.db import models as m


def _visit(world, reference: str) -> str:
    return world.desk.visits.visit_for_scan(reference)


def _from_check_in_records(world) -> set[tuple[str, str, object]]:
    """(visit, visitor, time) of every check-in event whose visit is still checked in or in the hall."""
    with world.desk.ctx.reading() as session:
        rows = session.execute(
            select(m.CheckInEvent.visit_id, m.CheckInEvent.visitor_id, m.CheckInEvent.at, m.VisitPerson.outcome)
            .join(m.Visit, m.Visit.id == m.CheckInEvent.visit_id)
            .join(
                m.VisitPerson,
                (m.VisitPerson.visit_id == m.Visit.id) & (m.VisitPerson.visitor_id == m.CheckInEvent.visitor_id),
            )
            .where(m.CheckInEvent.event == "checked_in", m.Visit.status.in_(evacuation_queries.INSIDE))
        ).all()
    return {(visit, visitor, at) for visit, visitor, at, outcome in rows if outcome == "checked_in"}


def _listed(inside) -> set[tuple[str, str, object]]:
    return {(f.visit_id, p.visitor_id, p.arrived_at) for f in inside.families for p in f.people}


def test_the_list_follows_check_in_hall_and_check_out(world):
    desk = world.desk
    assert desk.visits.in_building().families == ()

    first = _visit(world, desk.visits.book_visit(world.session_today, world.prisoner, [world.mum, world.child]))
    second = _visit(world, desk.visits.book_visit(world.session_today, world.prisoner, [world.gran, world.teen]))
    desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum])  # tomorrow: not in the building
    assert desk.visits.in_building().people == 0  # booked is not inside

    desk.visits.check_in(first)
    world.clock.moment += timedelta(minutes=7)
    desk.visits.check_in(second, present=[world.gran])  # the teenager did not come
    desk.visits.enter_hall(first)

    inside = desk.visits.in_building()
    assert _listed(inside) == _from_check_in_records(world)
    assert [f.visit_id for f in inside.families] == [first, second]  # earliest arrival first
    assert (inside.people, inside.adults, inside.children) == (3, 2, 1)
    by_name = {p.name: p for f in inside.families for p in f.people}
    assert set(by_name) == {"Siobhán MacDonald", "Zoë MacDonald", "Margaret McDonald"}
    assert by_name["Zoë MacDonald"].child and by_name["Zoë MacDonald"].age == 9
    assert by_name["Margaret McDonald"].arrived_at - by_name["Siobhán MacDonald"].arrived_at == timedelta(minutes=7)
    assert [f.status for f in inside.families] == [VisitStatus.IN_HALL, VisitStatus.CHECKED_IN]

    desk.visits.check_out(first)
    inside = desk.visits.in_building()
    assert _listed(inside) == _from_check_in_records(world)
    assert [p.name for f in inside.families for p in f.people] == ["Margaret McDonald"]


def pdf_text(pdf: bytes) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    return " ".join(" ".join(document[i].get_textpage().get_text_range().split()) for i in range(len(document)))


def test_the_printout_names_everyone_inside(world):
    desk = world.desk
    desk.visits.check_in(_visit(world, desk.visits.book_visit(world.session_today, world.prisoner, [world.mum])))
    text = pdf_text(desk.visits.evacuation_pdf())
    assert "Siobhán MacDonald" in text
    assert "1 person in the building: 1 adult and 0 children, in 1 family" in text


def test_an_unknown_establishment_is_named(world):
    with world.desk.ctx.reading() as session, pytest.raises(InvalidInput) as refused:
        evacuation_queries.in_building(session, "NOPE", world.clock.now())
    assert refused.value.field == "establishment"
