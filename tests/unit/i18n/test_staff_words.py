"""Staff screens in the desk's language: the checks' messages and what a desk service refuses with.

A check's message stays English where it is kept (the records, the needs-review flags, the
command line) and is said in Polish or Gaelic on a screen, its dates as that language writes
them; a service's refusal comes in the desk's language. English stays word for word as it was.
"""

from __future__ import annotations

import pickle
from datetime import date, datetime, timedelta

import pytest
from babel.dates import format_date

from tests.conftest import TODAY
from visitorcentre import i18n
from visitorcentre.core.checks import Ban, HouseRules, Person, Prisoner, check_arrival, check_party, check_person
from visitorcentre.core.errors import ChecksFailed, InvalidInput, NotAllowed
from visitorcentre.core.kinds import BanScope, ListStatus, PrisonerStatus
from visitorcentre.core.words import Said, said, said_n

DAY = date(2026, 12, 3)
JOHN = Prisoner(id="pr-1", number="S1", name="John MacDonald", establishment="BAR", status=PrisonerStatus.CONVICTED)
BAR = HouseRules(code="BAR", name="HMP Barlinnie")


@pytest.fixture(autouse=True)
def _english_after():
    yield
    i18n.set_language("en")


def _banned(ends_on: date | None) -> Person:
    ban = Ban(BanScope.ALL, "passing contraband", date(2026, 1, 1), ends_on)
    return Person("v-1", "Craig Wilson", date(1985, 1, 20), ListStatus.APPROVED, (ban,))


class TestSaid:
    def test_it_is_the_english_sentence_and_remembers_how_it_was_made(self):
        made = said("{name} is banned from visiting until {day} ({reason}).", name="Ann", day=DAY, reason="x")
        assert made == "Ann is banned from visiting until 3 December 2026 (x)."
        assert isinstance(made, Said) and isinstance(made, str) and made.template.startswith("{name} is banned")
        assert pickle.loads(pickle.dumps(made)).values == made.values  # survives the worker thread's hand-over

    def test_it_counts_and_says_a_nested_sentence(self):
        assert said_n("{n} visitor", "{n} visitors", 1) == "1 visitor"
        assert said_n("{n} visitor", "{n} visitors", 4) == "4 visitors"
        assert said("{name} has a restriction on visits: {detail}.", name="J", detail=said("ask the centre")) == (
            "J has a restriction on visits: ask the centre."
        )

    def test_text_that_is_not_said_is_left_as_it_is(self):
        assert i18n.say("Already in Polish: Zakaz", "pl") == "Already in Polish: Zakaz"


class TestChecksInEachLanguage:
    def test_a_ban_in_english_is_word_for_word_as_before(self):
        result = check_person(_banned(date(2026, 12, 22)), JOHN, "BAR", DAY)[0]
        assert result.message == "Craig Wilson is banned from visiting until 22 December 2026 (passing contraband)."
        assert result.next_step == "Refuse Craig with that reason; the rest of the family can still go in."
        assert i18n.say(result.message, "en") == result.message

    def test_a_ban_in_polish_and_gaelic_with_the_date_as_each_writes_it(self):
        result = check_person(_banned(date(2026, 12, 22)), JOHN, "BAR", DAY)[0]
        polish = i18n.say(result.message, "pl")
        assert polish == "Craig Wilson ma zakaz odwiedzin do 22 grudnia 2026 (passing contraband)."
        assert i18n.say(result.next_step, "pl").startswith("Odmów wejścia (Craig)")
        gaelic = i18n.say(result.message, "gd")
        assert gaelic.startswith("Tha casg air Craig Wilson") and i18n.long_date(date(2026, 12, 22), "gd") in gaelic
        assert "December" not in polish + gaelic

    def test_the_current_language_is_the_default_and_the_record_keeps_english(self):
        result = check_person(_banned(None), JOHN, "BAR", DAY)[0]
        i18n.set_language("gd")
        assert i18n.say(result.message) == "Tha casg air Craig Wilson bho bhith a' tadhal (passing contraband)."
        assert str(result.message) == "Craig Wilson is banned from visiting (passing contraband)."

    def test_a_count_takes_each_languages_plural_form(self):
        adults = [Person(f"a{i}", f"Adult {i}", date(1980, 1, 1), ListStatus.APPROVED) for i in range(5)]
        too_many = next(r for r in check_party(adults, BAR, DAY) if r.code == "too_many_adults")
        assert too_many.message.startswith("This visit has 5 adults; HMP Barlinnie allows 3 adults")
        assert i18n.say(too_many.message, "pl").startswith("Na tej wizycie jest 5 dorosłych")
        assert i18n.say(too_many.message, "gd").startswith("Tha 5 inbhich air an tadhal seo")

    def test_times_in_a_late_arrival_are_kept(self):
        start = datetime(2026, 12, 3, 14, 0)
        result = check_arrival(start - timedelta(minutes=5), start, 15, first_visit=True)[0]
        assert result.message == (
            "The family arrived at 13:55, after the 13:45 cut-off for the 14:00 session. "
            "It is their first visit, so the establishment may give them time."
        )
        assert i18n.say(result.message, "pl").startswith("Rodzina przyszła o 13:55, po terminie 13:45")


class TestCoreRefusalsOnTheScreens:
    def test_a_role_refusal_keeps_its_english_and_is_said_in_polish(self):
        from visitorcentre.core.roles import MANAGER, require_role
        from visitorcentre.core.staff import Actor

        with pytest.raises(NotAllowed) as refused:
            require_role(Actor("Dee Desk", "desk"), MANAGER, "read the audit log")
        assert (
            refused.value.message == "Only a manager can read the audit log (Dee Desk is signed in as a desk worker)."
        )
        assert i18n.say(refused.value.message, "pl") == (
            "Tylko kierownik może czytać dziennik zdarzeń (Dee Desk – zalogowany(-a) jako pracownik recepcji)."
        )

    def test_a_wrong_pin_counts_its_tries_in_gaelic(self):
        from visitorcentre.core.sign_in import WrongPin

        assert WrongPin(1).message.startswith("That PIN is not right. 1 more try before")
        assert i18n.say(WrongPin(3).message, "gd").startswith("Chan eil am PIN sin ceart. 3 oidhirpean eile")


class TestServicesRefuseInTheDesksLanguage:
    def test_a_banned_visitor_refused_at_booking_in_polish_then_english(self, world):
        i18n.set_language("pl")
        with pytest.raises(ChecksFailed) as refused:
            world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.banned])
        until = i18n.long_date(TODAY + timedelta(days=150), "pl")  # the ban in tests/conftest.py
        assert refused.value.message == (
            f"Tej wizyty nie można zarezerwować: Craig Wilson ma zakaz odwiedzin do {until} (passing contraband)."
        )
        i18n.set_language("en")
        with pytest.raises(ChecksFailed) as again:
            world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.banned])
        assert again.value.message.startswith("This visit cannot be booked: Craig Wilson is banned from visiting until")

    def test_a_missing_reason_is_asked_for_in_gaelic_naming_the_field(self, world):
        reference = world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum])
        i18n.set_language("gd")
        with pytest.raises(InvalidInput) as refused:
            world.desk.visits.cancel(reference, "   ")
        assert refused.value.field == "reason"
        assert refused.value.message == "Thoir seachad adhbhar airson an tadhal a chur dheth."

    def test_a_visit_for_another_day_names_the_day_in_polish(self, world):
        reference = world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum])
        i18n.set_language("pl")
        with pytest.raises(NotAllowed) as refused:
            world.desk.visits.check_in(reference)
        day = format_date(TODAY + timedelta(days=1), "EEEE d MMMM", locale="pl_PL")  # "piątek 4 grudnia"
        assert refused.value.message == f"Wizyta {reference} jest na {day}, a nie na dziś."

    def test_the_desks_language_is_a_setting_that_refuses_an_unknown_one(self, world):
        assert world.desk.settings.language() == ""
        world.desk.settings.use_language("gd")
        assert world.desk.settings.language() == "gd"
        with pytest.raises(InvalidInput) as refused:
            world.desk.settings.use_language("xx")
        assert refused.value.field == "language" and "“xx”" in refused.value.message
        assert world.desk.settings.language() == "gd"
