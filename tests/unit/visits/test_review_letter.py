"""Flags on paper: the day list names each visit's unsettled flag, and the family's letter says,
in their language, what became of their booking (never why a person may not come)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.centre_data import block
from tests.conftest import TODAY
from tests.review_data import ban
from tests.unit.advice.test_advice import pdf_text
from tests.unit.ledger import visit_id
from tests.unit.visits.test_needs_review import _session
from visitorcentre.core import review
from visitorcentre.core.errors import NotFound


@pytest.fixture
def booked(world):
    """Mum and gran tomorrow; gran and the child today; a standard session in two days with places."""
    _session(world, "ses-later", days=2)
    tomorrow = visit_id(
        world, world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum, world.gran])
    )
    today = visit_id(
        world, world.desk.visits.book_visit(world.session_today, world.prisoner, [world.gran, world.child])
    )
    return {"tomorrow": tomorrow, "today": today}


def _flag(world, visit: str):
    return next(f for f in world.desk.visits.needing_review() if f.visit_id == visit)


def test_the_day_list_names_the_flag_until_it_is_settled(world, booked):
    ban(world, world.gran)
    day = TODAY + timedelta(days=1)
    text = pdf_text(world.desk.passes.day_list_pdf(day))
    assert "Needs review: Margaret McDonald was banned on 22 November" in text
    assert "Needs review" not in pdf_text(world.desk.passes.day_list_pdf(TODAY + timedelta(days=2)))
    world.desk.visits.resolve_review(_flag(world, booked["tomorrow"]).id, "goes_ahead", family_told="phoned")
    assert "Needs review" not in pdf_text(world.desk.passes.day_list_pdf(day))
    assert "Needs review: Margaret McDonald" in pdf_text(world.desk.passes.day_list_pdf(TODAY))  # still open


def test_a_letter_for_an_open_ban_asks_the_family_to_phone_and_never_says_ban(world, booked):
    ban(world, world.gran)
    text = pdf_text(world.desk.visits.review_letter_pdf(_flag(world, booked["tomorrow"]).id))
    assert "Please call us about your visit" in text
    assert "Dear Siobhán MacDonald," in text
    assert "Monday, 23 November 2026" in text and "John MacDonald" in text
    assert "banned" not in text and "threatening" not in text and "Margaret" not in text


def test_a_blocked_session_letter_offers_the_nearest_times_and_after_the_move_says_the_new_time(world, booked):
    block(world, world.session_today, "A lockdown")
    flag = _flag(world, booked["today"])
    text = pdf_text(world.desk.visits.review_letter_pdf(flag.id))
    assert "cannot go ahead at the booked time" in text and "These times still have places" in text
    assert "Tuesday, 24 November 2026 at 14:00" in text
    world.desk.visits.move_booking(flag.id, "ses-later", family_told="printed")
    text = pdf_text(world.desk.visits.review_letter_pdf(flag.id))
    assert "Your visit has moved to a new time" in text and "Tuesday, 24 November 2026 at 14:00" in text
    assert "These times still have places" not in text


@pytest.mark.parametrize(
    ("language", "heading", "day"),
    [("pl", "Prosimy o telefon w sprawie wizyty", "poniedziałek, 23 listopada 2026"), ("gd", "Cuir fòn thugainn", "")],
)
def test_the_letter_is_in_the_family_language(world, booked, language, heading, day):
    world.desk.visits.set_family_language(booked["tomorrow"], language)
    ban(world, world.gran)
    text = pdf_text(world.desk.visits.review_letter_pdf(_flag(world, booked["tomorrow"]).id))
    assert heading in text and day in text
    assert "Please call us" not in text


def test_a_cancelled_visit_letter_and_an_unknown_flag(world, booked):
    ban(world, world.gran)
    flag = _flag(world, booked["tomorrow"])
    world.desk.visits.cancel_for_review(flag.id, "Gran is banned", family_told="printed")
    text = pdf_text(world.desk.visits.review_letter_pdf(flag.id))
    assert "Your visit has been cancelled" in text and "Gran is banned" not in text
    with pytest.raises(NotFound):
        world.desk.visits.review_letter_pdf("no-such-flag")


def test_which_letter_a_flag_gets():
    assert review.letter_kind(review.BAN, "") == review.LETTER_OPEN
    assert review.letter_kind(review.SESSION_BLOCKED, "") == review.LETTER_BLOCKED
    assert review.letter_kind(review.SESSION_BLOCKED, review.PARTY_CHANGED, "Moved to 3 December 14:00") == (
        review.LETTER_MOVED
    )
    assert review.letter_kind(review.BAN, review.PARTY_CHANGED, "Gran stays home") == review.LETTER_PARTY
    assert review.letter_kind(review.BAN, review.GOES_AHEAD) == review.LETTER_GOES_AHEAD
    assert review.letter_kind(review.BAN, review.CANCELLED) == review.LETTER_CANCELLED
