"""A pull that changes 1,000 restrictions re-checks only the booked visits of those prisoners."""

from __future__ import annotations

from tests.conftest import NOW
from tests.review_data import many_prisoners, restrictions
from tests.unit.ledger import visit_id
from visitorcentre.db import review
from visitorcentre.sync import pulled


def test_a_pull_of_1000_restrictions_rechecks_only_the_visits_they_touch(world, monkeypatch):
    touched = [
        visit_id(world, world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum])),
        visit_id(world, world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.gran])),
    ]
    untouched = visit_id(world, world.desk.visits.book_visit(world.session_tomorrow, world.restricted, [world.mum]))
    with world.desk.ctx.write_sessions() as session:
        others = many_prisoners(session, 999)
        session.commit()
    checked: list[set[str]] = []
    real = review.verdicts

    def counting(session, visit_ids):
        checked.append(set(visit_ids))
        return real(session, visit_ids)

    monkeypatch.setattr(review, "verdicts", counting)
    with pulled.writing_unchecked(world.desk.ctx.engine) as session:
        assert pulled.store(session, restrictions([world.prisoner, *others]), NOW, "BAR") == 1000
        session.commit()
    assert checked == [set(touched), set(touched)]  # before and after; never the other prisoner's visit
    assert untouched not in checked[0]
    flagged = {f.visit_id: f.reason for f in world.desk.visits.needing_review()}
    assert flagged == dict.fromkeys(touched, "restriction")  # closed visits from today: the families are told

    checked.clear()
    with pulled.writing_unchecked(world.desk.ctx.engine) as session:  # the same rows again: nothing changed
        pulled.store(session, restrictions([world.prisoner, *others]), NOW, "BAR")
        session.commit()
    assert checked == []  # nothing differed, so no visit was checked


def test_the_re_check_finds_what_the_visit_panel_finds(world):
    """The re-check reads its facts many visits at a time; its findings are the visit's own checks."""
    from tests.centre_data import restrict
    from visitorcentre.db import facts
    from visitorcentre.db import models as m

    booked = [
        visit_id(world, world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum, world.child])),
        visit_id(world, world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.gran, world.teen])),
        visit_id(world, world.desk.visits.book_visit(world.session_tomorrow, world.restricted, [world.mum])),
    ]
    restrict(world, "no_child_contact", starts=0)
    restrict(world, "other", starts=-3, detail="A table between")
    with world.desk.ctx.reading() as session:
        bulk = review.verdicts(session, set(booked))
        for each in booked:
            visit = session.get_one(m.Visit, each)
            assert bulk[each][0] == facts.assess_visit(session, visit, list(visit.party)).results
