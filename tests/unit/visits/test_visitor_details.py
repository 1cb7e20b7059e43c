"""Validating a visitor's details as typed into the form: each mistake names its field."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from visitorcentre.core.errors import InvalidInput
from visitorcentre.core.visitor_details import VisitorDetails, normalise_postcode, validate

TODAY = date(2026, 11, 22)
GOOD = VisitorDetails(
    first_name="Siobhán",
    last_name="MacDonald",
    date_of_birth=date(1990, 4, 12),
    postcode="G33 4RT",
    phone="0141 555 0100",
    email="siobhan@example.org",
)


def error_for(**changes) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        validate(replace(GOOD, **changes), TODAY)
    assert caught.value.message and str(caught.value) == caught.value.message
    return caught.value


def test_good_details_pass_and_are_tidied():
    tidy = validate(
        replace(
            GOOD,
            first_name="  Siobhán ",
            last_name="Mac  Donald",
            postcode="g334rt",
            email=" siobhan@example.org ",
            notes=" uses a wheelchair ",
        ),
        TODAY,
    )
    assert tidy.first_name == "Siobhán"
    assert tidy.last_name == "Mac Donald"
    assert tidy.postcode == "G33 4RT"
    assert tidy.email == "siobhan@example.org"
    assert tidy.notes == "uses a wheelchair"


@pytest.mark.parametrize(
    "first, last",
    [
        ("Seán", "O'Brien"),
        ("Mary-Kate", "Smith-Jones"),
        ("Anne Marie", "Ó Súilleabháin"),
        ("Agnieszka", "Wiśniewska"),
        ("Zoë", "M’Donald"),
        ("J.", "Reid"),
    ],
)
def test_real_names_are_accepted(first, last):
    assert validate(replace(GOOD, first_name=first, last_name=last), TODAY).last_name == last


class TestNames:
    def test_empty_first_name(self):
        assert error_for(first_name="").field == "first_name"

    def test_blank_first_name(self):
        assert error_for(first_name="   ").field == "first_name"

    def test_empty_last_name(self):
        error = error_for(last_name="")
        assert error.field == "last_name"
        assert "last name" in error.message

    @pytest.mark.parametrize("typed", ["J0hn", "John2", "123"])
    def test_digits_in_first_name(self, typed):
        assert error_for(first_name=typed).field == "first_name"

    @pytest.mark.parametrize("typed", ["Mac Donald 3", "O'Brien_", "Smith--Jones", "<script>", "Smith@home"])
    def test_bad_last_name(self, typed):
        assert error_for(last_name=typed).field == "last_name"

    def test_very_long_name(self):
        assert error_for(last_name="A" * 81).field == "last_name"


class TestDateOfBirth:
    def test_future(self):
        error = error_for(date_of_birth=date(2026, 11, 23))
        assert error.field == "date_of_birth"
        assert "future" in error.message

    def test_born_today_is_fine(self):
        assert validate(replace(GOOD, date_of_birth=TODAY), TODAY).date_of_birth == TODAY

    def test_121_years_old(self):
        error = error_for(date_of_birth=date(1905, 11, 22))
        assert error.field == "date_of_birth"
        assert "120" in error.message

    def test_100_years_old_is_fine(self):
        assert validate(replace(GOOD, date_of_birth=date(1926, 1, 1)), TODAY)


class TestPostcode:
    @pytest.mark.parametrize(
        "typed, printed",
        [
            ("G33 4RT", "G33 4RT"),
            ("g334rt", "G33 4RT"),
            ("EH1 1YZ", "EH1 1YZ"),
            ("SW1A 1AA", "SW1A 1AA"),
            ("sw1a1aa", "SW1A 1AA"),
            (" KA1  2BD ", "KA1 2BD"),
            ("PA15 2AS", "PA15 2AS"),
            ("M1 1AE", "M1 1AE"),
        ],
    )
    def test_valid(self, typed, printed):
        assert normalise_postcode(typed) == printed
        assert validate(replace(GOOD, postcode=typed), TODAY).postcode == printed

    @pytest.mark.parametrize("typed", ["12345", "G33", "ZZ99 ZZZZ", "G33 4R", "GG33 4RTT", "G3 3RT4", "G33 4CI"])
    def test_invalid(self, typed):
        error = error_for(postcode=typed)
        assert error.field == "postcode"
        assert typed.strip() in error.message and "G33 4RT" in error.message

    def test_postcode_may_be_left_empty(self):
        assert validate(replace(GOOD, postcode="  "), TODAY).postcode == ""


class TestContact:
    @pytest.mark.parametrize("email", ["siobhan", "siobhan@example", "a b@example.org", "@example.org"])
    def test_bad_email(self, email):
        assert error_for(email=email).field == "email"

    def test_empty_email_is_fine(self):
        assert validate(replace(GOOD, email=""), TODAY).email == ""

    @pytest.mark.parametrize("phone", ["0141 555 0100", "+44 141 555 0100", "07700 900123", "(0141) 555-0100"])
    def test_good_phone(self, phone):
        assert validate(replace(GOOD, phone=phone), TODAY).phone == phone

    @pytest.mark.parametrize("phone", ["call me", "12345", "0141 555 0100 ext 2", "++44 141 555 0100"])
    def test_bad_phone(self, phone):
        assert error_for(phone=phone).field == "phone"

    def test_unknown_language(self):
        assert error_for(language="klingon").field == "language"
