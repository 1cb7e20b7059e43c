"""A first walk through the desk: book, check in, check out."""

from visitorcentre.core.kinds import VisitStatus


def test_book_check_in_and_out(world):
    desk = world.desk
    reference = desk.book_visit(world.session_today, world.prisoner, [world.mum, world.child])
    visit_id = desk.visit_for_scan(reference)
    desk.check_in(visit_id)
    assert desk.visit(visit_id).status == VisitStatus.CHECKED_IN
    desk.check_out(visit_id)
    assert desk.visit(visit_id).status == VisitStatus.COMPLETED
