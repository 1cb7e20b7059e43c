"""The visit checks one rule at a time, as a desk worker meets them (no database)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from visitorcentre.core.ages import age_on
from visitorcentre.core.checks import (
    Ban,
    HouseRules,
    Person,
    Prisoner,
    Severity,
    assess,
    check_arrival,
    check_party,
    check_person,
    check_prisoner,
    cut_off_time,
)
from visitorcentre.core.kinds import BanScope, ListStatus, PrisonerStatus

DAY = date(2026, 11, 22)
BAR = HouseRules(code="BAR", name="HMP Barlinnie", adult_age=18, max_adults=3, max_total=6, cutoff_minutes=15)
GRE = HouseRules(code="GRE", name="HMP Greenock", adult_age=16, max_adults=3, max_total=5, cutoff_minutes=30)

JOHN = Prisoner(
    id="pr-1", number="S100001", name="John MacDonald", establishment="BAR", status=PrisonerStatus.CONVICTED
)
DARREN = Prisoner(
    id="pr-2",
    number="S100002",
    name="Darren Kowalski",
    establishment="BAR",
    status=PrisonerStatus.REMAND,
    no_child_contact=True,
)


def person(
    name="Siobhán MacDonald", born=date(1990, 4, 12), status=ListStatus.APPROVED, bans=(), approval=None, vid=None
) -> Person:
    return Person(
        visitor_id=vid or name.lower().replace(" ", "-"),
        name=name,
        date_of_birth=born,
        list_status=status,
        bans=tuple(bans),
        child_approval=approval,
    )


def born_years_before(years: int, day: date = DAY) -> date:
    """A date of birth that makes someone exactly ``years`` old on ``day`` (their birthday)."""
    return day.replace(year=day.year - years)


def codes(results) -> list[str]:
    return [r.code for r in results]


def only(results, code):
    found = [r for r in results if r.code == code]
    assert len(found) == 1, f"expected one {code!r} in {codes(results)}"
    return found[0]


def assert_plain(result, *words):
    """The message names who it is about and there is something to do next."""
    for word in words:
        assert word in result.message, f"{word!r} not in {result.message!r}"
    assert result.next_step.strip(), f"no next step for {result.code}"
    assert "_" not in result.message, "a message should not show code words"


# --- bans ---------------------------------------------------------------------------------------


class TestBans:
    def test_ban_everywhere_stops_the_person_and_names_them(self):
        craig = person(
            "Craig Wilson",
            date(1985, 1, 20),
            bans=[Ban(BanScope.ALL, "passing contraband", DAY - timedelta(days=30), DAY + timedelta(days=150))],
        )
        banned = only(check_person(craig, JOHN, "BAR", DAY), "banned")
        assert banned.severity is Severity.STOP and banned.stops
        assert banned.visitor_id == craig.visitor_id
        assert_plain(banned, "Craig Wilson", "passing contraband", "21 April 2027")
        assert "Craig" in banned.next_step

    def test_ban_everywhere_applies_at_every_establishment(self):
        craig = person("Craig Wilson", bans=[Ban(BanScope.ALL, "threats to staff", DAY - timedelta(days=1))])
        elsewhere = Prisoner(
            id="pr-9", number="S9", name="Tam Reid", establishment="GRE", status=PrisonerStatus.CONVICTED
        )
        assert "banned" in codes(check_person(craig, elsewhere, "GRE", DAY))

    def test_establishment_ban_only_at_that_establishment(self):
        ban = Ban(BanScope.ESTABLISHMENT, "disorder in the hall", DAY - timedelta(days=5), establishment="GRE")
        craig = person("Craig Wilson", bans=[ban])
        assert "banned" not in codes(check_person(craig, JOHN, "BAR", DAY))
        at_greenock = Prisoner(
            id="pr-9", number="S9", name="Tam Reid", establishment="GRE", status=PrisonerStatus.CONVICTED
        )
        assert "banned" in codes(check_person(craig, at_greenock, "GRE", DAY))

    def test_prisoner_ban_only_for_that_prisoner(self):
        ban = Ban(BanScope.PRISONER, "no contact order", DAY - timedelta(days=5), prisoner_id="pr-2")
        craig = person("Craig Wilson", bans=[ban])
        assert "banned" not in codes(check_person(craig, JOHN, "BAR", DAY))
        assert "banned" in codes(check_person(craig, DARREN, "BAR", DAY))

    def test_ban_not_started_yet_does_not_apply(self):
        craig = person("Craig Wilson", bans=[Ban(BanScope.ALL, "contraband", DAY + timedelta(days=1))])
        assert codes(check_person(craig, JOHN, "BAR", DAY)) == []

    def test_ban_starting_today_applies(self):
        craig = person("Craig Wilson", bans=[Ban(BanScope.ALL, "contraband", DAY)])
        assert "banned" in codes(check_person(craig, JOHN, "BAR", DAY))

    def test_ban_that_ended_yesterday_no_longer_applies(self):
        craig = person(
            "Craig Wilson", bans=[Ban(BanScope.ALL, "contraband", DAY - timedelta(days=90), DAY - timedelta(days=1))]
        )
        assert codes(check_person(craig, JOHN, "BAR", DAY)) == []

    def test_ban_that_ends_today_still_applies_today(self):
        craig = person("Craig Wilson", bans=[Ban(BanScope.ALL, "contraband", DAY - timedelta(days=90), DAY)])
        banned = only(check_person(craig, JOHN, "BAR", DAY), "banned")
        assert "22 November 2026" in banned.message

    def test_two_bans_give_one_finding(self):
        bans = [
            Ban(BanScope.ALL, "contraband", DAY - timedelta(days=9)),
            Ban(BanScope.PRISONER, "no contact order", DAY - timedelta(days=9), prisoner_id="pr-1"),
        ]
        assert codes(check_person(person("Craig Wilson", bans=bans), JOHN, "BAR", DAY)) == ["banned"]

    def test_open_ended_ban_has_no_until_date(self):
        craig = person("Craig Wilson", bans=[Ban(BanScope.ALL, "contraband", DAY - timedelta(days=9))])
        assert " until " not in only(check_person(craig, JOHN, "BAR", DAY), "banned").message


# --- approved visitor list -----------------------------------------------------------------------


class TestApprovedList:
    def test_approved_person_is_clear(self):
        assert check_person(person(), JOHN, "BAR", DAY) == []

    def test_not_on_the_list(self):
        result = only(check_person(person("Ann Boyle", status=None), JOHN, "BAR", DAY), "not_on_list")
        assert result.stops
        assert_plain(result, "Ann Boyle", "John MacDonald")
        assert "John" in result.next_step and "Ann" in result.next_step

    def test_pending_on_the_list(self):
        result = only(
            check_person(person("Agnieszka Wiśniewska", status=ListStatus.PENDING), JOHN, "BAR", DAY), "list_pending"
        )
        assert result.stops
        assert_plain(result, "Agnieszka Wiśniewska", "John MacDonald")

    def test_removed_from_the_list(self):
        result = only(
            check_person(person("Ann Boyle", status=ListStatus.REMOVED), JOHN, "BAR", DAY), "removed_from_list"
        )
        assert result.stops
        assert_plain(result, "Ann Boyle", "John MacDonald")


# --- children and a no-child-contact prisoner -----------------------------------------------------


class TestChildContact:
    zoe = staticmethod(lambda approval=None: person("Zoë MacDonald", date(2017, 5, 1), approval=approval))

    def test_child_without_approval_stops(self):
        result = only(check_person(self.zoe(), DARREN, "BAR", DAY), "child_restricted")
        assert result.stops
        assert_plain(result, "Zoë MacDonald", "9", "Darren Kowalski", "manager")
        assert "Zoë" in result.next_step

    def test_child_with_recorded_approval_is_info(self):
        results = check_person(self.zoe("Pat Manager, 20 Nov 2026"), DARREN, "BAR", DAY)
        result = only(results, "child_approved")
        assert result.severity is Severity.INFO and not result.stops
        assert "Zoë MacDonald" in result.message and "Pat Manager" in result.message
        assert "child_restricted" not in codes(results)

    def test_child_with_an_ordinary_prisoner_is_clear(self):
        assert check_person(self.zoe(), JOHN, "BAR", DAY) == []

    def test_adult_with_restricted_prisoner_is_clear(self):
        assert check_person(person(), DARREN, "BAR", DAY) == []

    def test_child_protection_counts_under_18_even_where_adults_start_at_16(self):
        greenock_prisoner = Prisoner(
            id="pr-7",
            number="S7",
            name="Tam Reid",
            establishment="GRE",
            status=PrisonerStatus.CONVICTED,
            no_child_contact=True,
        )
        sixteen = person("Kyle MacDonald", born_years_before(16))
        assert "child_restricted" in codes(check_person(sixteen, greenock_prisoner, "GRE", DAY))

    def test_on_18th_birthday_no_longer_a_child(self):
        eighteen = person("Kyle MacDonald", born_years_before(18))
        assert check_person(eighteen, DARREN, "BAR", DAY) == []
        day_before = DAY - timedelta(days=1)
        assert "child_restricted" in codes(check_person(eighteen, DARREN, "BAR", day_before))


# --- the party ------------------------------------------------------------------------------------


def adults(n: int) -> list[Person]:
    return [person(f"Adult{i} Boyle", date(1980, 1, 1 + i)) for i in range(n)]


def children(n: int) -> list[Person]:
    return [person(f"Child{i} Boyle", date(2015, 1, 1 + i)) for i in range(n)]


class TestParty:
    def test_family_of_adult_and_children_is_clear(self):
        assert check_party(adults(1) + children(2), BAR, DAY) == []

    def test_over_max_adults(self):
        result = only(check_party(adults(4), BAR, DAY), "too_many_adults")
        assert result.stops and result.visitor_id is None
        assert_plain(result, "4 adults", "HMP Barlinnie", "3 adults")

    def test_max_adults_exactly_is_fine(self):
        assert check_party(adults(3), BAR, DAY) == []

    def test_over_max_total(self):
        result = only(check_party(adults(1) + children(6), BAR, DAY), "too_many_people")
        assert result.stops
        assert_plain(result, "7 visitors", "HMP Barlinnie", "6")

    def test_max_total_exactly_is_fine(self):
        assert check_party(adults(1) + children(5), BAR, DAY) == []

    def test_greenock_allows_fewer_in_total(self):
        assert "too_many_people" in codes(check_party(adults(1) + children(5), GRE, DAY))

    def test_no_adult(self):
        results = check_party(children(2), BAR, DAY)
        result = only(results, "no_adult")
        assert result.stops
        assert_plain(result, "adult", "18")

    def test_lead_visitor_under_18(self):
        party = [person("Kyle MacDonald", date(2009, 6, 15))] + adults(1)
        result = only(check_party(party, BAR, DAY), "lead_under_18")
        assert result.stops and result.visitor_id == party[0].visitor_id
        assert_plain(result, "Kyle MacDonald", "17", "18")

    def test_lead_must_be_18_even_where_adults_start_at_16(self):
        party = [person("Kyle MacDonald", date(2009, 6, 15))] + children(1)
        results = check_party(party, GRE, DAY)
        assert "no_adult" not in codes(results)  # Kyle, 17, is an adult at Greenock...
        assert "lead_under_18" in codes(results)  # ...but cannot lead the visit

    def test_nobody_in_the_party(self):
        result = only(check_party([], BAR, DAY), "nobody_left")
        assert result.stops and result.next_step


class TestAdultAge:
    """The day a child turns the establishment's adult age counts them as an adult that day."""

    def turning(self, age: int) -> Person:
        return person("Kyle MacDonald", born_years_before(age), vid="kyle")

    def test_at_greenock_a_16_year_old_is_an_adult_on_the_birthday(self):
        party = adults(3) + [self.turning(16)]
        assert "too_many_adults" in codes(check_party(party, GRE, DAY))

    def test_at_greenock_the_day_before_the_16th_birthday_is_still_a_child(self):
        party = adults(3) + [self.turning(16)]
        assert "too_many_adults" not in codes(check_party(party, GRE, DAY - timedelta(days=1)))

    def test_at_barlinnie_a_16_year_old_is_a_child(self):
        party = adults(3) + [self.turning(16)]
        assert "too_many_adults" not in codes(check_party(party, BAR, DAY))

    def test_at_barlinnie_the_18th_birthday_makes_an_adult(self):
        party = adults(3) + [self.turning(18)]
        assert "too_many_adults" in codes(check_party(party, BAR, DAY))
        assert "too_many_adults" not in codes(check_party(party, BAR, DAY - timedelta(days=1)))

    def test_sixteen_year_old_alone_is_an_adult_at_greenock_but_not_a_lead(self):
        on_birthday = codes(check_party([self.turning(16)], GRE, DAY))
        assert "no_adult" not in on_birthday and "lead_under_18" in on_birthday
        day_before = codes(check_party([self.turning(16)], GRE, DAY - timedelta(days=1)))
        assert "no_adult" in day_before

    def test_lead_visitor_on_their_18th_birthday_may_lead(self):
        party = [self.turning(18)] + children(1)
        assert check_party(party, BAR, DAY) == []
        assert "lead_under_18" in codes(check_party(party, BAR, DAY - timedelta(days=1)))


class TestAgeOn:
    def test_birthday_itself_counts(self):
        assert age_on(date(2010, 11, 22), date(2026, 11, 22)) == 16
        assert age_on(date(2010, 11, 22), date(2026, 11, 21)) == 15

    def test_born_on_29_february_in_a_leap_year(self):
        assert age_on(date(2008, 2, 29), date(2024, 2, 28)) == 15
        assert age_on(date(2008, 2, 29), date(2024, 2, 29)) == 16

    def test_born_on_29_february_counts_from_1_march_in_other_years(self):
        assert age_on(date(2008, 2, 29), date(2026, 2, 28)) == 17
        assert age_on(date(2008, 2, 29), date(2026, 3, 1)) == 18

    def test_29_february_child_turns_adult_on_1_march(self):
        leapling = person("Ava Boyle", date(2008, 2, 29), vid="ava")
        party = adults(3) + [leapling]
        assert "too_many_adults" not in codes(check_party(party, BAR, date(2026, 2, 28)))
        assert "too_many_adults" in codes(check_party(party, BAR, date(2026, 3, 1)))

    def test_century_years_are_not_leap_unless_divisible_by_400(self):
        assert age_on(date(2096, 2, 29), date(2100, 2, 28)) == 3
        assert age_on(date(2096, 2, 29), date(2100, 3, 1)) == 4
        assert age_on(date(1996, 2, 29), date(2000, 2, 29)) == 4

    def test_day_of_birth(self):
        assert age_on(date(2026, 11, 22), date(2026, 11, 22)) == 0


# --- arrival --------------------------------------------------------------------------------------


class TestArrival:
    start = datetime(2026, 11, 22, 14, 0)

    def test_cut_off_time(self):
        assert cut_off_time(self.start, 15) == datetime(2026, 11, 22, 13, 45)

    def test_early_is_fine(self):
        assert check_arrival(datetime(2026, 11, 22, 13, 0), self.start, 15) == []

    def test_exactly_at_the_cut_off_is_fine(self):
        assert check_arrival(datetime(2026, 11, 22, 13, 45), self.start, 15) == []

    def test_one_minute_after_the_cut_off_is_a_warning_naming_the_times(self):
        result = only(check_arrival(datetime(2026, 11, 22, 13, 46), self.start, 15), "after_cut_off")
        assert result.severity is Severity.WARNING and not result.stops
        assert_plain(result, "13:46", "13:45", "14:00")

    def test_greenock_cut_off_is_30_minutes(self):
        assert check_arrival(datetime(2026, 11, 22, 13, 31), self.start, 30) != []
        assert check_arrival(datetime(2026, 11, 22, 13, 30), self.start, 30) == []

    def test_first_visit_is_mentioned(self):
        result = only(check_arrival(datetime(2026, 11, 22, 13, 50), self.start, 15, first_visit=True), "after_cut_off")
        assert "first visit" in result.message


# --- the prisoner ---------------------------------------------------------------------------------


class TestPrisoner:
    def test_ordinary_prisoner_is_clear(self):
        assert check_prisoner(JOHN, "BAR") == []

    def test_released(self):
        released = Prisoner(
            id="pr-3", number="S100003", name="Peter Grant", establishment="BAR", status=PrisonerStatus.RELEASED
        )
        result = only(check_prisoner(released, "BAR"), "prisoner_released")
        assert result.stops and result.visitor_id is None
        assert_plain(result, "Peter Grant", "released")

    def test_transferred(self):
        moved = Prisoner(
            id="pr-4", number="S100004", name="Sam Todd", establishment="BAR", status=PrisonerStatus.TRANSFERRED
        )
        result = only(check_prisoner(moved, "BAR"), "prisoner_moved")
        assert result.stops
        assert_plain(result, "Sam Todd")

    def test_held_at_another_establishment(self):
        at_greenock = Prisoner(
            id="pr-5", number="S100005", name="Tam Reid", establishment="GRE", status=PrisonerStatus.CONVICTED
        )
        result = only(check_prisoner(at_greenock, "BAR"), "prisoner_moved")
        assert_plain(result, "Tam Reid")
        assert check_prisoner(at_greenock, "GRE") == []

    def test_closed_visits_is_info(self):
        closed = Prisoner(
            id="pr-6",
            number="S100006",
            name="Lee Hunter",
            establishment="BAR",
            status=PrisonerStatus.CONVICTED,
            closed_visits=True,
        )
        result = only(check_prisoner(closed, "BAR"), "closed_visits")
        assert result.severity is Severity.INFO and not result.stops
        assert_plain(result, "Lee Hunter", "screen")


# --- everything together --------------------------------------------------------------------------


class TestAssess:
    def test_clear_family(self):
        family = [person(), person("Zoë MacDonald", date(2017, 5, 1))]
        assessment = assess(JOHN, family, BAR, DAY)
        assert assessment.clear and assessment.results == []

    def test_findings_are_sorted_per_person_and_party(self):
        craig = person("Craig Wilson", bans=[Ban(BanScope.ALL, "contraband", DAY)], vid="craig")
        zoe = person("Zoë MacDonald", date(2017, 5, 1), vid="zoe")
        mum = person(vid="mum")
        closed = Prisoner(
            id="pr-2",
            number="S2",
            name="Darren Kowalski",
            establishment="BAR",
            status=PrisonerStatus.REMAND,
            no_child_contact=True,
            closed_visits=True,
        )
        assessment = assess(closed, [mum, craig, zoe], BAR, DAY)
        assert not assessment.clear
        assert assessment.for_person("mum") == []
        assert codes(assessment.for_person("craig")) == ["banned"]
        assert codes(assessment.for_person("zoe")) == ["child_restricted"]
        assert codes(assessment.party_wide()) == ["closed_visits"]
        assert {r.code for r in assessment.stopping()} == {"banned", "child_restricted"}

    def test_late_arrival_is_a_warning_not_a_stop(self):
        assessment = assess(
            JOHN,
            [person()],
            BAR,
            DAY,
            arrived_at=datetime(2026, 11, 22, 13, 50),
            session_start=datetime(2026, 11, 22, 14, 0),
        )
        assert assessment.clear
        assert codes(assessment.warnings()) == ["after_cut_off"]

    def test_arrival_not_checked_without_both_times(self):
        assessment = assess(JOHN, [person()], BAR, DAY, arrived_at=datetime(2026, 11, 22, 13, 50))
        assert assessment.results == []

    @pytest.mark.parametrize("rules", [BAR, GRE])
    def test_every_stop_says_what_to_do_next(self, rules):
        craig = person("Craig Wilson", bans=[Ban(BanScope.ALL, "contraband", DAY)], status=None, vid="c")
        zoe = person("Zoë MacDonald", date(2017, 5, 1), vid="z")
        moved = Prisoner(
            id="pr-2",
            number="S2",
            name="Darren Kowalski",
            establishment="XXX",
            status=PrisonerStatus.TRANSFERRED,
            no_child_contact=True,
        )
        assessment = assess(moved, [zoe, craig] + adults(4), rules, DAY)
        assert len(assessment.stopping()) >= 5
        for result in assessment.stopping():
            assert result.message and result.next_step, result.code
