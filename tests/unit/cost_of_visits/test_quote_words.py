"""The quote's English notes in a family's language: every phrase the rules write is known, and English
comes out exactly as the rules wrote it."""

from __future__ import annotations

import pytest

from visitorcentre import i18n
from visitorcentre.core.cost_of_visits.quote_words import note_words, phrase_words

NOTES = [
    "84 miles at 30p",
    "84.5 miles at 45p",
    "only one car or motorcycle journey is paid per claim",
    "over 1,500 miles: paid only after a manual check",
    "paid only with a car or motorcycle journey",
    "paid only where there was no public transport",
    "paid only when approved before travelling",
    "limited to 1 day at £40.00",
    "limited to 3 days at £40.00; receipt required",
    "receipt required",
]
EVIDENCE = ["bus receipt", "car hire receipt", "parking receipt", "stamped visit confirmation"]


@pytest.mark.parametrize("note", NOTES + EVIDENCE + ["total over £250", "over 1,500 miles", ""])
def test_english_comes_out_as_the_rules_wrote_it(note):
    assert note_words(note) == note


@pytest.mark.parametrize("language", ["pl", "gd"])
@pytest.mark.parametrize("note", NOTES + EVIDENCE)
def test_every_phrase_the_rules_write_is_translated(language, note):
    _ = i18n.translator(language)
    translated = note_words(note, _, lambda p: i18n.money(p, language), i18n.plural_translator(language))
    assert translated and translated != note


def test_polish_writes_the_amounts_and_days_as_polish_does():
    pl = i18n.translator("pl")
    words = note_words(
        "limited to 3 days at £40.00; receipt required", pl, lambda p: i18n.money(p, "pl"), i18n.plural_translator("pl")
    )
    assert words == f"do 3 dni po {i18n.money(4000, 'pl')}; wymagany paragon" and "40,00" in words
    assert phrase_words("car hire receipt", pl) == "paragon: wynajem samochodu"


def test_a_phrase_it_does_not_know_is_kept_not_dropped():
    assert note_words("paid by arrangement; receipt required", i18n.translator("pl")) == (
        "paid by arrangement; wymagany paragon"
    )
