"""A visit at another establishment is never checked in (or refused, let into the hall...) at this desk."""

from __future__ import annotations

import pytest

from tests.unit.elsewhere import visit_at_greenock
from visitorcentre.core.errors import NotAllowed
from visitorcentre.core.kinds import VisitStatus


@pytest.mark.parametrize(
    "action",
    [
        lambda desk, vid, who: desk.visits.check_in(vid),
        lambda desk, vid, who: desk.visits.refuse(vid, who, "Smelled of alcohol"),
        lambda desk, vid, who: desk.visits.no_show(vid),
        lambda desk, vid, who: desk.visits.enter_hall(vid),
        lambda desk, vid, who: desk.visits.check_out(vid),
    ],
    ids=["check_in", "refuse", "no_show", "enter_hall", "check_out"],
)
def test_the_days_actions_are_refused_for_a_visit_elsewhere(world, ledger, action):
    vid = visit_at_greenock(world, world.mum)
    ledger.mark()
    with ledger.nothing_written(), pytest.raises(NotAllowed) as refused:
        action(world.desk, vid, world.mum)
    assert "HMP Greenock, not here" in refused.value.message
    assert world.desk.visits.visit(vid).status == VisitStatus.BOOKED


def test_opening_a_visitor_prefers_no_visit_to_one_elsewhere(world):
    visit_at_greenock(world, world.gran)
    assert world.desk.visits.visit_for_visitor(world.gran) is None
    here = world.desk.visits.visit_for_scan(
        world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.gran])
    )
    assert world.desk.visits.visit_for_visitor(world.gran) == here


def test_search_marks_the_visit_with_its_establishment(world):
    vid = visit_at_greenock(world, world.gran)
    [hit] = [h for h in world.desk.visits.search("margaret") if h.visitor_id == world.gran]
    [brief] = hit.visits
    assert brief.visit_id == vid and brief.establishment == "GRE" and brief.establishment_name == "HMP Greenock"
