"""A first walk through the desk: book, check in, check out."""

from visitorcentre.core.kinds import VisitStatus


def test_book_check_in_and_out(world):
    desk = world.desk
    reference = desk.visits.book_visit(world.session_today, world.prisoner, [world.mum, world.child])
    visit_id = desk.visits.visit_for_scan(reference)
    desk.visits.check_in(visit_id)
    assert desk.visits.visit(visit_id).status == VisitStatus.CHECKED_IN
    desk.visits.check_out(visit_id)
    assert desk.visits.visit(visit_id).status == VisitStatus.COMPLETED
