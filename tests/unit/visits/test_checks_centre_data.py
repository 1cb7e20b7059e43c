"""The checks on what the centre enters: restrictions with dates, blocked sessions, lifted bans (no database)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from visitorcentre.core.checks import Ban, HouseRules, Person, Prisoner, Severity, assess
from visitorcentre.core.kinds import BanScope, ListStatus, PrisonerStatus, RestrictionKind
from visitorcentre.core.restrictions import Restriction

DAY = date(2026, 11, 22)
BAR = HouseRules(code="BAR", name="HMP Barlinnie")
JOHN = Prisoner(
    id="pr-1", number="S100001", name="John MacDonald", establishment="BAR", status=PrisonerStatus.CONVICTED
)
MUM = Person(
    visitor_id="mum", name="Siobhán MacDonald", date_of_birth=date(1990, 4, 12), list_status=ListStatus.APPROVED
)
CHILD = Person(visitor_id="zoe", name="Zoë MacDonald", date_of_birth=date(2017, 5, 1), list_status=ListStatus.APPROVED)


def restriction(kind=RestrictionKind.NO_CHILD_CONTACT, starts=-10, ends=None, lifted=None, detail="") -> Restriction:
    return Restriction(
        kind=kind,
        reason="safeguarding review",
        starts_on=DAY + timedelta(days=starts),
        ends_on=DAY + timedelta(days=ends) if ends is not None else None,
        detail=detail,
        lifted_on=DAY + timedelta(days=lifted) if lifted is not None else None,
    )


def codes(prisoner: Prisoner, people=(MUM, CHILD), day: date = DAY, blocked: str = "") -> list[str]:
    return [r.code for r in assess(prisoner, list(people), BAR, day, blocked_reason=blocked).results]


def test_a_no_child_contact_restriction_in_force_stops_the_child_but_not_the_adult():
    found = assess(replace(JOHN, restrictions=(restriction(),)), [MUM, CHILD], BAR, DAY)
    assert [r.code for r in found.for_person("zoe")] == ["child_restricted"]
    assert found.for_person("mum") == []


def test_a_restriction_counts_from_its_first_day_to_its_last():
    john = replace(JOHN, restrictions=(restriction(starts=0, ends=3),))
    assert "child_restricted" in codes(john, day=DAY)
    assert "child_restricted" in codes(john, day=DAY + timedelta(days=3))
    assert "child_restricted" not in codes(john, day=DAY - timedelta(days=1))
    assert "child_restricted" not in codes(john, day=DAY + timedelta(days=4))


def test_a_lifted_restriction_stops_counting_on_the_day_it_was_lifted():
    john = replace(JOHN, restrictions=(restriction(lifted=0),))
    assert "child_restricted" not in codes(john, day=DAY)
    assert "child_restricted" in codes(john, day=DAY - timedelta(days=1))


def test_the_roster_flag_still_counts_when_no_restriction_does():
    john = replace(JOHN, no_child_contact=True, restrictions=(restriction(lifted=-1),))
    assert "child_restricted" in codes(john)


def test_a_closed_visits_restriction_tells_the_worker_the_visit_is_behind_a_screen():
    found = assess(replace(JOHN, restrictions=(restriction(RestrictionKind.CLOSED_VISITS),)), [MUM], BAR, DAY)
    (closed,) = [r for r in found.results if r.code == "closed_visits"]
    assert closed.severity is Severity.INFO and "behind a screen" in closed.message


def test_another_restriction_warns_with_its_detail_and_stops_nobody():
    john = replace(JOHN, restrictions=(restriction(RestrictionKind.OTHER, detail="No physical contact"),))
    found = assess(john, [MUM], BAR, DAY)
    (warning,) = found.warnings()
    assert warning.code == "other_restriction" and "No physical contact" in warning.message
    assert warning.next_step and found.clear


def test_a_blocked_session_stops_the_whole_visit_with_the_prisons_reason_and_a_kind_next_step():
    found = assess(JOHN, [MUM], BAR, DAY, blocked_reason="Staff training")
    (stop,) = found.stopping()
    assert stop.code == "session_blocked" and stop.visitor_id is None
    assert stop.message == "The prison has cancelled this session: Staff training."
    assert "sorry" in stop.next_step.lower() and "another session" in stop.next_step
    assert assess(JOHN, [MUM], BAR, DAY, blocked_reason="   ").clear  # blank is not a block


def test_a_lifted_ban_no_longer_stops_the_visitor_from_the_day_it_was_lifted():
    ban = Ban(BanScope.ALL, "passing contraband", DAY - timedelta(days=30), lifted_on=DAY)
    banned = replace(MUM, bans=(ban,))
    assert assess(JOHN, [banned], BAR, DAY).clear
    assert not assess(JOHN, [banned], BAR, DAY - timedelta(days=1)).clear


days = st.integers(min_value=-40, max_value=40)


@given(starts=days, length=st.one_of(st.none(), st.integers(0, 40)), lifted=st.one_of(st.none(), days), on=days)
def test_a_restriction_counts_exactly_when_started_not_ended_and_not_yet_lifted(starts, length, lifted, on):
    ends = starts + length if length is not None else None
    rule = restriction(starts=starts, ends=ends, lifted=lifted)
    day = DAY + timedelta(days=on)
    expected = starts <= on and (ends is None or on <= ends) and (lifted is None or on < lifted)
    assert rule.in_force(day) is expected
    assert ("child_restricted" in codes(replace(JOHN, restrictions=(rule,)), day=day)) is expected


@given(lifted=st.one_of(st.none(), days), on=days, scope=st.sampled_from(list(BanScope)))
def test_a_ban_never_counts_on_or_after_its_lifting(lifted, on, scope):
    ban = Ban(scope, "threats", DAY - timedelta(days=50), establishment="BAR", prisoner_id="pr-1")
    ban = replace(ban, lifted_on=DAY + timedelta(days=lifted) if lifted is not None else None)
    applies = ban.applies("BAR", "pr-1", DAY + timedelta(days=on))
    assert applies is (lifted is None or on < lifted)
