"""Today's visitors come first in the desk's search, and stay right as the desk books more."""

from __future__ import annotations


def test_a_family_booked_today_moves_to_the_top_at_once(world):
    desk = world.desk
    before = [hit.visitor_id for hit in desk.visits.search("mac")]  # fills the desk's list of today's visitors
    assert before and world.gran in before
    desk.visits.book_visit(world.session_today, world.prisoner, [world.gran])
    after = [hit.visitor_id for hit in desk.visits.search("mac")]
    assert after[0] == world.gran


def test_the_list_of_todays_visitors_is_not_asked_for_on_every_keystroke(world, monkeypatch):
    from visitorcentre.db import queries

    desk = world.desk
    desk.visits.book_visit(world.session_today, world.prisoner, [world.gran])
    asked = []
    real = queries.visitors_today
    monkeypatch.setattr(queries, "visitors_today", lambda *a: asked.append(1) or real(*a))
    for typed in ("m", "ma", "mar", "marg"):
        assert desk.visits.search(typed)[0].visitor_id == world.gran
    assert len(asked) == 1


def test_a_family_another_desk_booked_moves_to_the_top_once_a_sync_brings_it(world, desk_worker, monkeypatch):
    """The sync runs on its own engine and thread; what it pulled reaches search through the records."""
    from types import SimpleNamespace

    from visitorcentre.db.sync_tables import SyncStateRow
    from visitorcentre.desk import visits

    monkeypatch.setattr(visits, "time", SimpleNamespace(monotonic=lambda: 600.0))  # the same minute throughout

    desk = world.desk
    assert desk.visits.search("mac")[0].visitor_id != world.gran  # the list of today's visitors is kept now
    desk_worker.visits.book_visit(world.session_today, world.prisoner, [world.gran])  # as if pulled
    assert desk.visits.search("mac")[0].visitor_id != world.gran  # still the kept list, within the minute
    with desk_worker.ctx.write_sessions() as session:  # what a pull saves with its batch: the new cursor
        session.merge(SyncStateRow(id=1, pull_cursor=7))
        session.commit()
    assert desk.visits.search("mac")[0].visitor_id == world.gran
