"""What the desk reads: the search box, the Today board and the visit panel, as the day goes on."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from tests.unit.ledger import execute, visit_id
from visitorcentre.core import references
from visitorcentre.core.checks import Severity
from visitorcentre.core.kinds import VisitStatus

MACDONALDS = {"Siobhán MacDonald", "Margaret McDonald", "Zoë MacDonald", "Kyle MacDonald"}


def found(world, query: str, **kwargs) -> list[str]:
    return [hit.name for hit in world.desk.visits.search(query, **kwargs)]


@pytest.fixture
def fixed_reference(monkeypatch):
    """The next booking gets the reference K0D1ZZ (it has a 0 and a 1 to mistype)."""
    monkeypatch.setattr(references, "new_reference", lambda rng=None: "K0D1ZZ")
    return "K0D1ZZ"


# --- search ---------------------------------------------------------------------------------------


class TestSearchByName:
    @pytest.mark.parametrize(
        "query",
        [
            "siobhan",
            "Siobhán",
            "SIOBHAN",
            "siob",
            "siobhan macdonald",
            "macdonald siobhan",
            "macd sio",
            "sio mcd",
            "Siobhan Mac Donald",
            "siobhan m'donald",
            "  siobhan   ",
        ],
    )
    def test_siobhan(self, world, query):
        assert found(world, query) == ["Siobhán MacDonald"]

    @pytest.mark.parametrize(
        "query", ["macdonald", "McDonald", "MACDONALD", "mac donald", "Mc Donald", "M'Donald", "mcdon", "macdon"]
    )
    def test_mc_and_mac_find_the_whole_family(self, world, query):
        assert set(found(world, query)) == MACDONALDS

    @pytest.mark.parametrize("query", ["zoe", "Zoë", "ZOE macdonald", "zo mac"])
    def test_zoe(self, world, query):
        assert found(world, query) == ["Zoë MacDonald"]

    @pytest.mark.parametrize("query", ["wisniewska", "Wiśniewska", "WIŚNIEWSKA", "agn wis", "wisn"])
    def test_polish_name(self, world, query):
        assert found(world, query) == ["Agnieszka Wiśniewska"]

    @pytest.mark.parametrize("query", ["", "   ", "nobody", "siobhan wilson", "xq"])
    def test_nothing_found(self, world, query):
        assert found(world, query) == []

    @pytest.mark.parametrize(
        "query",
        [
            '"',
            "*",
            "'",
            "-",
            "o'",
            "or",
            "and not",
            "NEAR(",
            "mac*",
            '"siob',
            "siobhan OR craig",
            "(",
            ":",
            "^",
            "%",
            "_",
        ],
    )
    def test_stray_characters_never_break_the_search(self, world, query):
        assert isinstance(world.desk.visits.search(query), list)

    def test_new_registration_is_found_at_once(self, world):
        from visitorcentre.core.visitor_details import VisitorDetails

        world.desk.visits.register_visitor(VisitorDetails("Mary-Kate", "Smith-Jones", date(1988, 2, 2)))
        for query in ("smith-jones", "jones", "mary kate", "smithjones", "MARY-KATE SMITH"):
            assert found(world, query) == ["Mary-Kate Smith-Jones"], query

    @pytest.mark.parametrize("query", ["o brien", "O Brien", "ann o brien", "o bri", "o'brien", "obrien"])
    def test_o_typed_apart_finds_o_brien(self, world, query):
        from visitorcentre.core.visitor_details import VisitorDetails

        world.desk.visits.register_visitor(VisitorDetails("Ann", "O'Brien", date(1979, 8, 14)))
        world.desk.visits.register_visitor(VisitorDetails("Olive", "Brien", date(1960, 1, 1)))
        assert found(world, query) == ["Ann O'Brien"]

    def test_limit(self, world):
        assert len(found(world, "macdonald", limit=2)) == 2


class TestSearchByReferenceAndNumber:
    @pytest.mark.parametrize("typed", ["K0D1ZZ", "k0d1zz", "KOD1ZZ", "kodizz", "KODLZZ", "kod-1zz", " K0D 1ZZ "])
    def test_by_visit_reference_as_typed(self, world, fixed_reference, typed):
        world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum, world.child])
        assert found(world, typed) == ["Siobhán MacDonald", "Zoë MacDonald"]  # lead first

    def test_scan_opens_the_visit(self, world, fixed_reference):
        world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum])
        vid = world.desk.visits.visit_for_scan("kodlzz")
        assert vid and world.desk.visits.visit(vid).reference == "K0D1ZZ"
        assert world.desk.visits.visit_for_scan("K0D1ZY") is None
        assert world.desk.visits.visit_for_scan("not a reference") is None

    @pytest.mark.parametrize("typed", ["S100001", "s100001", "S 100001"])
    def test_by_prison_number_finds_the_prisoners_visitors(self, world, typed):
        assert set(found(world, typed)) == MACDONALDS | {"Craig Wilson", "Agnieszka Wiśniewska"}

    def test_name_matches_follow_the_visit_a_reference_finds(self, world, monkeypatch):
        """ "macdon" is both a visit reference (MACD0N, as read out) and the start of a name."""
        from visitorcentre.core.kinds import ListStatus, RelationshipKind
        from visitorcentre.core.visitor_details import VisitorDetails

        ann = world.desk.visits.register_visitor(
            VisitorDetails("Ann", "Boyle", date(1980, 1, 1)),
            world.prisoner,
            RelationshipKind.FRIEND,
            ListStatus.APPROVED,
        )
        monkeypatch.setattr(references, "new_reference", lambda rng=None: "MACD0N")
        world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [ann, world.child])
        hits = found(world, "macdon")
        assert hits[:2] == ["Ann Boyle", "Zoë MacDonald"]  # the visit's party first, lead first
        assert set(hits[2:]) == MACDONALDS - {"Zoë MacDonald"}  # then the names, each once
        assert len(hits) == len(set(hits))

    def test_todays_name_matches_still_follow_a_reference(self, world, monkeypatch):
        from visitorcentre.core.kinds import ListStatus, RelationshipKind
        from visitorcentre.core.visitor_details import VisitorDetails

        ann = world.desk.visits.register_visitor(
            VisitorDetails("Ann", "Boyle", date(1980, 1, 1)),
            world.prisoner,
            RelationshipKind.FRIEND,
            ListStatus.APPROVED,
        )
        monkeypatch.setattr(references, "new_reference", lambda rng=None: "MACD0N")
        world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [ann])
        monkeypatch.setattr(references, "new_reference", lambda rng=None: "TTTTTT")
        world.desk.visits.book_visit(world.session_today, world.prisoner, [world.gran])
        hits = found(world, "macdon")
        assert hits[:2] == ["Ann Boyle", "Margaret McDonald"]  # the reference's party, then today's visitor
        assert set(hits) == MACDONALDS | {"Ann Boyle"}

    def test_name_matches_follow_the_prisoners_visitors(self, world):
        # An (unusual) prison number that is also the start of a visitor's name.
        execute(world, "UPDATE prisoner SET prison_number = 'WISN' WHERE id = ?", (world.released,))
        assert found(world, "wisn") == ["Siobhán MacDonald", "Agnieszka Wiśniewska"]

    def test_unknown_prison_number(self, world):
        assert found(world, "S999999") == []


class TestSearchOrder:
    def test_todays_visitors_come_first(self, world):
        world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum, world.child])
        world.desk.visits.book_visit(world.session_today, world.prisoner, [world.gran, world.teen])
        hits = found(world, "macdonald")
        assert set(hits[:2]) == {"Margaret McDonald", "Kyle MacDonald"}
        assert set(hits) == MACDONALDS

    def test_hit_shows_the_nearest_visit_today_first(self, world):
        tomorrow = world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum])
        today = world.desk.visits.book_visit(world.session_today, world.restricted, [world.mum])
        (hit,) = world.desk.visits.search("siobhan")
        assert [v.reference for v in hit.visits] == [today]  # what the row shows
        assert hit.visits[0].date == world.clock.today() and hit.visits[0].starts_at == time(14)
        assert hit.visits[0].status == VisitStatus.BOOKED and hit.visits[0].establishment == "BAR"
        assert hit.date_of_birth == date(1990, 4, 12)
        assert [v.reference for v in world.desk.visits.nearest_visits(world.mum)] == [today, tomorrow]

    def test_nearest_visits_coming_soonest_first_then_past_latest_first(self, world):
        tomorrow = world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum])
        today = world.desk.visits.book_visit(world.session_today, world.restricted, [world.mum])
        world.clock.moment += timedelta(days=3)  # both are past now: the latest first
        (hit,) = world.desk.visits.search("siobhan")
        assert [v.reference for v in hit.visits] == [tomorrow]
        assert [v.reference for v in world.desk.visits.nearest_visits(world.mum)] == [tomorrow, today]

    def test_opening_a_hit_opens_todays_visit_before_a_later_one(self, world):
        world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum])
        today = world.desk.visits.book_visit(world.session_today, world.restricted, [world.mum])
        assert world.desk.visits.visit_for_visitor(world.mum) == visit_id(world, today)
        assert world.desk.visits.visit_for_visitor(world.gran) is None


# --- the Today board ------------------------------------------------------------------------------


def board(world):
    (summary,) = world.desk.visits.today()
    counts = {
        "booked": summary.booked,
        "expected": summary.expected,
        "arrived": summary.arrived,
        "in_hall": summary.in_hall,
        "places_left": summary.places_left,
    }
    return summary, counts


class TestTodayBoard:
    def test_only_todays_sessions_at_this_establishment(self, world):
        (summary,) = world.desk.visits.today()
        assert summary.id == world.session_today and summary.capacity == 2
        assert summary.starts_at == time(14) and summary.room == "Visit Hall"
        assert [s.id for s in world.desk.visits.today(world.clock.today() + timedelta(days=1))] == [
            world.session_tomorrow
        ]

    def test_counts_follow_the_desk(self, world):
        assert board(world)[1] == dict(booked=0, expected=0, arrived=0, in_hall=0, places_left=2)
        first = visit_id(
            world, world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum, world.child])
        )
        assert board(world)[1] == dict(booked=1, expected=1, arrived=0, in_hall=0, places_left=1)
        second = visit_id(world, world.desk.visits.book_visit(world.session_today, world.prisoner, [world.gran]))
        assert board(world)[1] == dict(booked=2, expected=2, arrived=0, in_hall=0, places_left=0)
        world.desk.visits.check_in(first)
        assert board(world)[1] == dict(booked=2, expected=1, arrived=1, in_hall=0, places_left=0)
        world.desk.visits.enter_hall(first)
        assert board(world)[1] == dict(booked=2, expected=1, arrived=1, in_hall=1, places_left=0)
        world.desk.visits.cancel(second, "gran is unwell")
        assert board(world)[1] == dict(booked=1, expected=0, arrived=1, in_hall=1, places_left=1)
        world.desk.visits.check_out(first)
        assert board(world)[1] == dict(booked=1, expected=0, arrived=1, in_hall=0, places_left=1)

    def test_a_walk_in_is_here_not_expected(self, world):
        booked = visit_id(world, world.desk.visits.book_visit(world.session_today, world.prisoner, [world.gran]))
        walked_in = visit_id(world, world.desk.visits.walk_in(world.session_today, world.prisoner, [world.mum]))
        assert board(world)[1] == dict(booked=2, expected=1, arrived=1, in_hall=0, places_left=0)
        world.desk.visits.check_in(walked_in)
        assert board(world)[1] == dict(booked=2, expected=1, arrived=1, in_hall=0, places_left=0)
        world.desk.visits.check_in(booked)
        assert board(world)[1] == dict(booked=2, expected=0, arrived=2, in_hall=0, places_left=0)

    def test_refused_and_no_show_visits_free_their_place(self, world):
        refused = visit_id(world, world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum]))
        no_show = visit_id(world, world.desk.visits.book_visit(world.session_today, world.prisoner, [world.gran]))
        world.desk.visits.refuse(refused, world.mum, "under the influence")
        world.clock.moment = world.clock.moment.replace(hour=13, minute=46)  # past the 13:45 cut-off
        world.desk.visits.no_show(no_show)
        assert board(world)[1] == dict(booked=0, expected=0, arrived=0, in_hall=0, places_left=2)

    def test_overbooked_session_shows_no_places_not_a_negative(self, world):
        from visitorcentre.core.kinds import ListStatus, RelationshipKind
        from visitorcentre.core.visitor_details import VisitorDetails

        ann = world.desk.visits.register_visitor(
            VisitorDetails("Ann", "Boyle", date(1980, 1, 1)),
            world.prisoner,
            RelationshipKind.FRIEND,
            ListStatus.APPROVED,
        )
        for who in (world.mum, world.gran):
            world.desk.visits.book_visit(world.session_today, world.prisoner, [who])
        world.desk.visits.book_visit(world.session_today, world.prisoner, [ann], overbook_reason="compassionate")
        summary, counts = board(world)
        assert counts["booked"] == 3 and counts["places_left"] == 0

    def test_bookable_sessions_leave_out_finished_ones(self, world):
        assert [s.id for s in world.desk.visits.bookable_sessions()] == [world.session_today, world.session_tomorrow]
        assert [s.id for s in world.desk.visits.bookable_sessions(today_only=True)] == [world.session_today]
        world.clock.moment = world.clock.moment.replace(hour=16)
        assert [s.id for s in world.desk.visits.bookable_sessions()] == [world.session_tomorrow]


# --- the visit panel ------------------------------------------------------------------------------


class TestVisitDetail:
    def test_the_panel_for_a_booked_family(self, world):
        vid = visit_id(
            world,
            world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum, world.teen, world.child]),
        )
        detail = world.desk.visits.visit(vid)
        assert detail.prisoner_name == "John MacDonald" and detail.prisoner_number == "S100001"
        assert detail.prisoner_location == "Hall B" and detail.restrictions == ()
        assert detail.establishment_name == "HMP Barlinnie"
        assert detail.cut_off == datetime(2026, 11, 22, 13, 45)
        assert [(p.name, p.age, p.is_adult) for p in detail.party] == [
            ("Siobhán MacDonald", 36, True),
            ("Kyle MacDonald", 17, False),
            ("Zoë MacDonald", 9, False),
        ]
        assert all(p.results == () for p in detail.party)
        assert detail.party_results == ()
        assert detail.first_visit is True

    def test_each_persons_results_are_shown(self, world):
        world.desk.visits.approve_child_visit(world.restricted, world.child, "Social work assessment seen")
        vid = visit_id(
            world, world.desk.visits.book_visit(world.session_today, world.restricted, [world.mum, world.child])
        )
        detail = world.desk.visits.visit(vid)
        assert detail.restrictions == ("No child contact without a manager's approval",)
        mum, child = detail.party
        assert mum.results == ()
        (approved,) = child.results
        assert approved.code == "child_approved" and approved.severity is Severity.INFO
        assert "Zoë MacDonald" in approved.message

    def test_a_ban_arriving_after_booking_shows_against_that_person(self, world):
        vid = visit_id(
            world, world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum, world.gran])
        )
        execute(
            world,
            "INSERT INTO ban (id, visitor_id, scope, prisoner_id, reason, starts_on, ends_on, "
            "establishment, created_at, updated_at, version) VALUES "
            "('ban-2', ?, 'prisoner', ?, 'no contact order', '2026-11-01', NULL, 'BAR', "
            "'2026-11-20 09:00:00', '2026-11-20 09:00:00', 1)",
            (world.gran, world.prisoner),
        )
        mum, gran = world.desk.visits.visit(vid).party
        assert mum.results == ()
        (ban,) = gran.results
        assert ban.stops and "Margaret McDonald" in ban.message and "no contact order" in ban.message

    def test_late_arrival_shows_as_a_party_warning_only_on_the_day(self, world):
        today = visit_id(world, world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum]))
        tomorrow = visit_id(world, world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum]))
        assert world.desk.visits.visit(today).party_results == ()
        world.clock.moment = world.clock.moment.replace(hour=13, minute=50)
        (late,) = world.desk.visits.visit(today).party_results
        assert late.code == "after_cut_off" and late.severity is Severity.WARNING and "13:50" in late.message
        assert world.desk.visits.visit(tomorrow).party_results == ()

    def test_refused_person_shows_outcome_and_reason_not_checks(self, world):
        vid = visit_id(
            world, world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum, world.gran])
        )
        world.desk.visits.refuse(vid, world.gran, "No photo ID")
        gran = world.desk.visits.visit(vid).party[1]
        assert (gran.outcome, gran.reason, gran.results) == ("refused", "No photo ID", ())

    def test_first_visit_is_false_once_the_family_has_visited(self, world):
        first = visit_id(world, world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum]))
        second = visit_id(world, world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum]))
        world.desk.visits.check_in(first)
        world.desk.visits.check_out(first)
        assert world.desk.visits.visit(first).first_visit is True
        assert world.desk.visits.visit(second).first_visit is False

    def test_closed_visits_show_for_the_whole_party(self, world):
        execute(world, "UPDATE prisoner SET closed_visits = 1 WHERE id = ?", (world.prisoner,))
        vid = visit_id(world, world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum]))
        detail = world.desk.visits.visit(vid)
        assert "Closed visits only" in detail.restrictions
        assert [r.code for r in detail.party_results] == ["closed_visits"]

    def test_unknown_visit(self, world):
        assert world.desk.visits.visit("no-such-visit") is None
