"""What a person types into a console form, checked value by value (server.centre.typed_values)."""

from __future__ import annotations

from datetime import date

import pytest

from visitorcentre.core.errors import InvalidInput
from visitorcentre.server.centre import typed_values as typed


def test_text_loses_control_characters_and_lone_surrogates_and_keeps_line_breaks():
    assert typed.words(" Hall\x00 A\r\nside\x1b door \ud800 ", "f", "room") == "Hall A\nside door ?"
    assert typed.line("  Kids'   club\n Saturdays ", "f", "name", 40) == "Kids' club Saturdays"


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("", "Enter the"),
        ("eighteen", "whole number"),
        ("18.5", "whole number"),
        ("9999999999", "whole number"),
        ("15", "from 16 to 21"),
        ("22", "from 16 to 21"),
        (True, "whole number"),
    ],
)
def test_a_number_out_of_shape_or_range_is_named(value, words):
    with pytest.raises(InvalidInput) as refused:
        typed.whole_number(value, "adult_age", "adult age", 16, 21)
    assert refused.value.field == "adult_age" and words in refused.value.message


def test_numbers_come_as_typed_or_as_numbers():
    assert typed.whole_number(" +18 ", "a", "age", 16, 21) == 18
    assert typed.whole_number(0, "c", "cut-off", 0, 120) == 0
    assert typed.whole_number("7", "m", "most", 1) == 7


def test_required_and_over_long_text_and_choices_and_days():
    with pytest.raises(InvalidInput, match="Enter the name"):
        typed.words("   ", "name", "name", required=True)
    with pytest.raises(InvalidInput, match="3 characters or fewer"):
        typed.line("abcd", "code", "code", 3)
    with pytest.raises(InvalidInput, match="Choose the nation"):
        typed.one_of("france", "nation", "nation", ["scotland", "england", "wales"])
    with pytest.raises(InvalidInput, match="real date"):
        typed.day("2027-02-30", "d", "first day")
    assert typed.day("2027-03-01", "d", "first day") == date(2027, 3, 1)
