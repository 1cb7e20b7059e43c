"""Today's visitors come first in the desk's search, and stay right as the desk books more."""

from __future__ import annotations


def test_a_family_booked_today_moves_to_the_top_at_once(world):
    desk = world.desk
    before = [hit.visitor_id for hit in desk.search("mac")]  # fills the desk's list of today's visitors
    assert before and world.gran in before
    desk.book_visit(world.session_today, world.prisoner, [world.gran])
    after = [hit.visitor_id for hit in desk.search("mac")]
    assert after[0] == world.gran


def test_the_list_of_todays_visitors_is_not_asked_for_on_every_keystroke(world, monkeypatch):
    from visitorcentre.db import queries

    desk = world.desk
    desk.book_visit(world.session_today, world.prisoner, [world.gran])
    asked = []
    real = queries.visitors_today
    monkeypatch.setattr(queries, "visitors_today", lambda *a: asked.append(1) or real(*a))
    for typed in ("m", "ma", "mar", "marg"):
        assert desk.search(typed)[0].visitor_id == world.gran
    assert len(asked) == 1
