"""Automatic approval of repeat claims (core.cost_of_visits.auto_approval): off by default, every check explained."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from visitorcentre.core.cost_of_visits.auto_approval import (
    ALWAYS_ON,
    SWITCHABLE,
    AutoApprovalSettings,
    Check,
    ClaimFacts,
    assess,
    within_variance,
)
from visitorcentre.core.errors import InvalidInput

ON = AutoApprovalSettings(enabled=True)
GOOD = ClaimFacts(
    total_pence=3240,
    expenses=(("car", 2520), ("parking", 300), ("bus", 420)),
    last_approved=(("car", 2520), ("parking", 300), ("bus", 400)),
    claims_in_12_months=5,
    claims_in_month=1,
    other_pending=0,
    visit="checked_in",
)


def failed(facts: ClaimFacts, settings: AutoApprovalSettings = ON) -> set[str]:
    return {r.check for r in assess(facts, settings).failed}


def test_a_clean_repeat_claim_is_approved_only_once_an_administrator_turns_it_on():
    assert assess(GOOD, ON).approve
    off = assess(GOOD, AutoApprovalSettings())
    assert not off.approve and off.failed == ()  # every check passes, but it is off
    assert AutoApprovalSettings().enabled is False


@pytest.mark.parametrize(
    "change,check,words",
    [
        ({"last_approved": None}, Check.REPEAT_CLAIM, "first claim"),
        ({"last_person_refused": True}, Check.REPEAT_CLAIM, "refused"),
        ({"eligible": False}, Check.ELIGIBLE, "cannot be paid"),
        ({"expenses": (("car", 2800), ("parking", 300), ("bus", 420))}, Check.SAME_AS_LAST_APPROVED, "more than 10%"),
        ({"expenses": (("car", 2520), ("train", 300), ("bus", 420))}, Check.SAME_AS_LAST_APPROVED, "new: train"),
        ({"total_pence": 25_001}, Check.TOTAL_LIMIT, "over £250.00"),
        ({"claims_in_12_months": 27}, Check.YEAR_LIMIT, "27 claims"),
        ({"claims_in_month": 5}, Check.MONTH_LIMIT, "5 claims"),
        ({"other_pending": 1}, Check.NOTHING_PENDING, "waiting"),
        ({"visit": "no_show"}, Check.VISIT_CHECKED_IN, "did not come"),
        ({"visit": "refused"}, Check.VISIT_CHECKED_IN, "refused"),
        ({"visit": "not_yet"}, Check.VISIT_CHECKED_IN, "no check-in"),
        ({"receipts_missing": ("bus receipt",)}, Check.RECEIPTS_PRESENT, "bus receipt"),
        ({"warnings": ("possible duplicate",)}, Check.NO_WARNINGS, "possible duplicate"),
        ({"automatic_in_a_row": 4}, Check.PERSON_AFTER_RUN, "a person decides"),
    ],
)
def test_each_check_stops_the_approval_and_says_why(change, check, words):
    result = assess(replace(GOOD, **change), ON)
    assert not result.approve
    (failure,) = [r for r in result.failed if r.check == check]
    assert words.lower() in failure.words.lower()
    assert failure.label


def test_a_check_switched_off_no_longer_stops_it_but_the_safeguards_cannot_be_switched_off():
    lenient = AutoApprovalSettings(enabled=True, checks=frozenset(SWITCHABLE) - {Check.VISIT_CHECKED_IN})
    assert assess(replace(GOOD, visit="not_yet"), lenient).approve
    shown = {r.check: r for r in assess(replace(GOOD, visit="not_yet"), lenient).results}
    assert not shown[Check.VISIT_CHECKED_IN].applies and not shown[Check.VISIT_CHECKED_IN].passed
    nothing = AutoApprovalSettings(enabled=True, checks=frozenset())
    assert not assess(replace(GOOD, last_approved=None), nothing).approve
    assert not assess(replace(GOOD, automatic_in_a_row=4), nothing).approve
    assert not assess(replace(GOOD, eligible=False), nothing).approve
    assert not assess(replace(GOOD, last_person_refused=True), nothing).approve
    assert assess(replace(GOOD, automatic_in_a_row=3), nothing).approve


def test_ten_percent_either_way_is_inclusive():
    assert within_variance(1100, 1000) and within_variance(900, 1000)
    assert not within_variance(1101, 1000) and not within_variance(899, 1000)
    assert within_variance(0, 0) and not within_variance(1, 0)


def test_settings_round_trip_and_refuse_an_unknown_check():
    stored = AutoApprovalSettings(enabled=True, checks=frozenset({Check.TOTAL_LIMIT}))
    assert AutoApprovalSettings.from_json(stored.to_json()) == stored
    assert AutoApprovalSettings.from_json(None) == AutoApprovalSettings()
    with pytest.raises(InvalidInput) as error:
        AutoApprovalSettings.from_json({"enabled": True, "checks": ["repeat_claim"]})  # a safeguard is not a switch
    assert error.value.field == "checks"
    assert AutoApprovalSettings.from_json({"enabled": "yes"}).enabled is False


# --- properties -------------------------------------------------------------------------------

_kinds = st.sampled_from(["car", "parking", "bus", "train", "taxi"])
_lines = st.lists(st.tuples(_kinds, st.integers(0, 30_000)), max_size=5).map(tuple)
_facts = st.builds(
    ClaimFacts,
    total_pence=st.integers(0, 60_000),
    expenses=_lines,
    last_approved=st.one_of(st.none(), _lines),
    claims_in_12_months=st.integers(1, 40),
    claims_in_month=st.integers(1, 8),
    other_pending=st.integers(0, 3),
    visit=st.sampled_from(["checked_in", "refused", "no_show", "not_yet"]),
    receipts_missing=st.lists(st.just("bus receipt"), max_size=1).map(tuple),
    warnings=st.lists(st.just("total over £250"), max_size=1).map(tuple),
    automatic_in_a_row=st.integers(0, 8),
    eligible=st.booleans(),
    last_person_refused=st.booleans(),
)
_settings = st.builds(AutoApprovalSettings, enabled=st.booleans(), checks=st.frozensets(st.sampled_from(SWITCHABLE)))


@settings(max_examples=400, deadline=None)
@given(_facts, _settings)
def test_an_automatic_approval_never_breaks_a_limit_it_was_told_to_keep(facts, chosen):
    result = assess(facts, chosen)
    assert len(result.results) == len(Check) and all(r.words for r in result.results)
    if not result.approve:
        return
    assert chosen.enabled
    assert facts.last_approved is not None  # never a first claim
    assert facts.eligible and not facts.last_person_refused
    assert facts.automatic_in_a_row < 4  # the fifth goes to a person
    if Check.TOTAL_LIMIT in chosen.checks:
        assert facts.total_pence <= 25_000
    if Check.YEAR_LIMIT in chosen.checks:
        assert facts.claims_in_12_months <= 26
    if Check.MONTH_LIMIT in chosen.checks:
        assert facts.claims_in_month <= 4
    if Check.VISIT_CHECKED_IN in chosen.checks:
        assert facts.visit == "checked_in"
    if Check.NO_WARNINGS in chosen.checks:
        assert not facts.warnings
    if Check.SAME_AS_LAST_APPROVED in chosen.checks:
        before = dict.fromkeys((k for k, _ in facts.last_approved), 0)
        for kind, pence in facts.last_approved:
            before[kind] += pence
        now = dict.fromkeys((k for k, _ in facts.expenses), 0)
        for kind, pence in facts.expenses:
            now[kind] += pence
        assert set(now) == set(before)
        assert all(abs(now[k] - before[k]) * 10 <= before[k] for k in now)


@settings(max_examples=200, deadline=None)
@given(_facts)
def test_with_every_check_on_approval_is_exactly_every_check_passing(facts):
    result = assess(facts, ON)
    assert result.approve == all(r.passed for r in result.results)
    assert {r.check for r in result.results if r.applies} == set(Check)
    assert ALWAYS_ON <= {r.check for r in result.results}
