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
    from visitorcentre.db.direct import search

    desk = world.desk
    desk.visits.book_visit(world.session_today, world.prisoner, [world.gran])
    asked = []
    real = search.visitors_today
    monkeypatch.setattr(search, "visitors_today", lambda *a: asked.append(1) or real(*a))
    for typed in ("m", "ma", "mar", "marg"):
        assert desk.visits.search(typed)[0].visitor_id == world.gran
    assert len(asked) == 1


def test_a_family_another_desk_booked_moves_to_the_top_once_it_is_saved(world, desk_worker):
    """A sync (or another desk on the same file) writes on its own connection; search sees it at once.

    The kept list of today's visitors goes as soon as SQLite says another connection has committed
    (``PRAGMA data_version``): no waiting for a minute, a sync cursor or this desk's own writes.
    """
    desk = world.desk
    assert desk.visits.search("mac")[0].visitor_id != world.gran  # the list of today's visitors is kept now
    assert desk.visits.search("mac")[0].visitor_id != world.gran
    desk_worker.visits.book_visit(world.session_today, world.prisoner, [world.gran])  # as if pulled
    assert desk.visits.search("mac")[0].visitor_id == world.gran


def test_a_visitor_found_again_shows_the_visit_booked_since(world):
    """Hits are kept between keystrokes, but never past a change to the records."""
    desk = world.desk
    (before,) = desk.visits.search("siobhan")
    assert desk.visits.search("siobhan") == [before]  # kept: the same answer
    reference = desk.visits.book_visit(world.session_today, world.prisoner, [world.mum])
    (after,) = desk.visits.search("siobhan")
    assert after.visitor_id == before.visitor_id == world.mum
    assert [v.reference for v in after.visits] == [reference]


def test_todays_visitors_are_matched_by_the_index_s_own_rule():
    """The list of today's visitors is matched a word at a time: the same people as ``names.matches`` finds."""
    from visitorcentre.core import names
    from visitorcentre.db.direct import search

    people = [
        ("Siobhán", "Mac Donald"),
        ("Sean", "McDonald"),
        ("Margaret", "O'Brien"),
        ("Mary Ann", "Smith-Jones"),
        ("Jo", "Jones"),
        ("Aoife", "Ní Bhriain"),
    ]
    expected = [(f"v{n}", " " + names.search_terms(first, last)) for n, (first, last) in enumerate(people)]
    typed_queries = ("s", "si mac", "mac d", "mcdon", "o b", "obr", "mary smith", "jones", "jo jo", "smith mary", "zz")
    for typed in typed_queries:
        words = names.query_words(typed)
        rule = [vid for vid, terms in expected if names.matches(words, terms[1:])]
        assert search._expected_matching(words, expected) == rule, typed
    assert search._expected_matching(names.query_words("mac donald"), expected) == ["v0", "v1"]
