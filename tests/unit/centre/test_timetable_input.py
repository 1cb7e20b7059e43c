"""The timetable's forms: each mistake is named by its field, and the weekly dates fall where they should."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from visitorcentre.core.errors import InvalidInput
from visitorcentre.server.centre.timetable_dates import template_dates
from visitorcentre.server.centre.timetable_input import read_reason, read_template

GOOD = {
    "weekday": "Monday",
    "starts_at": "14:00",
    "ends_at": "16:00",
    "room": "Visits hall",
    "kind": "standard",
    "capacity": "20",
    "valid_from": "4/1/2027",
    "valid_until": "",
}


def test_a_good_weekly_session_is_read():
    plan = read_template(**GOOD)
    assert (plan.weekday, plan.session.starts_at, plan.session.capacity) == (0, time(14), 20)
    assert plan.valid_from == date(2027, 1, 4) and plan.valid_until is None


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"weekday": "Funday"}, "weekday", "day of the week"),
        ({"starts_at": ""}, "starts_at", "Enter the start time"),
        ({"starts_at": "2pm"}, "starts_at", "24-hour clock"),
        ({"ends_at": "25:00"}, "ends_at", "24-hour clock"),
        ({"ends_at": "13:00"}, "ends_at", "after the start time"),
        ({"ends_at": "14:00"}, "ends_at", "after the start time"),
        ({"room": "   "}, "room", "Enter the room"),
        ({"room": "x" * 41}, "room", "40 characters"),
        ({"kind": "party"}, "kind", "from the list"),
        ({"capacity": "0"}, "capacity", "1 to 500"),
        ({"capacity": "501"}, "capacity", "1 to 500"),
        ({"capacity": "-3"}, "capacity", "1 to 500"),
        ({"capacity": "ten"}, "capacity", "1 to 500"),
        ({"capacity": ""}, "capacity", "how many"),
        ({"valid_from": ""}, "valid_from", "Enter the date it starts"),
        ({"valid_from": "31/2/2027"}, "valid_from", "real date"),
        ({"valid_from": "1/1/1899"}, "valid_from", "real date"),
        ({"valid_until": "4/1/2027"}, "valid_until", "after the date it starts"),
        ({"valid_until": "1/1/2027"}, "valid_until", "after the date it starts"),
        ({"valid_until": "next year"}, "valid_until", "real date"),
    ],
)
def test_each_mistake_is_named_by_its_field(changes, field, words):
    with pytest.raises(InvalidInput) as refused:
        read_template(**(GOOD | changes))
    assert refused.value.field == field and words in refused.value.message


@pytest.mark.parametrize("reason", ["", "   ", "a\x00b", "x" * 2001])
def test_a_reason_must_be_given_and_storable(reason):
    with pytest.raises(InvalidInput) as refused:
        read_reason(reason)
    assert refused.value.field == "reason"


days = st.dates(min_value=date(2026, 1, 1), max_value=date(2028, 12, 31))


@given(
    weekday=st.integers(0, 6),
    valid_from=days,
    length=st.one_of(st.none(), st.integers(1, 400)),
    first=days,
    span=st.integers(0, 120),
    blocked=st.sets(days, max_size=20),
)
def test_every_date_is_on_the_weekday_inside_the_validity_and_not_blocked(
    weekday, valid_from, length, first, span, blocked
):
    valid_until = None if length is None else valid_from + timedelta(days=length)
    last = first + timedelta(days=span)
    found = list(template_dates(weekday, valid_from, valid_until, first, last, blocked))
    expected = [
        first + timedelta(days=n)
        for n in range(span + 1)
        if (first + timedelta(days=n)).weekday() == weekday
        and valid_from <= first + timedelta(days=n)
        and (valid_until is None or first + timedelta(days=n) <= valid_until)
        and first + timedelta(days=n) not in blocked
    ]
    assert found == expected
