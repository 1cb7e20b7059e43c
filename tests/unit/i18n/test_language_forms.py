"""Money, dates and benefit names in each language's own form, and the en-XA pseudo-locale (no Qt)."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from visitorcentre import i18n
from visitorcentre.core.errors import InvalidInput


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    i18n.set_language("en")


class TestMoneyAndDates:
    def test_money_is_written_as_each_language_writes_it(self):
        assert i18n.money(123450, "en") == "£1,234.50"
        assert i18n.money(123450, "pl").replace("\xa0", " ") == "1 234,50 GBP"
        assert i18n.money(5, "gd") == "£0.05"

    def test_money_follows_the_current_language_when_none_is_named(self):
        i18n.set_language("pl")
        assert i18n.money(2520).startswith("25,20")

    def test_money_never_goes_through_a_float(self):
        # 0.1 + 0.2 style errors would show on big sums of odd pence
        assert i18n.money(1_000_000_01, "en") == "£1,000,000.01"

    def test_dates_in_each_language(self):
        day = date(2026, 12, 3)
        assert i18n.long_date(day, "en") == "3 December 2026"
        assert i18n.long_date(day, "pl") == "3 grudnia 2026"
        assert "Dùbhlachd" in i18n.long_date(day, "gd")
        assert i18n.weekday_date(day, "pl").startswith("czwartek")
        assert i18n.weekday_date(day, "en").startswith("Thursday")
        assert i18n.clock_time(datetime(2026, 12, 3, 14, 30), "pl") == "14:30"

    def test_benefit_names_keep_the_english_beside_the_translation(self):
        assert i18n.official_name("Universal Credit", "en") == "Universal Credit"
        polish = i18n.official_name("Universal Credit", "pl")
        assert polish.endswith("(Universal Credit)") and polish != "Universal Credit"
        assert i18n.official_name("Pension Credit", "gd").endswith("(Pension Credit)")

    def test_an_unknown_language_is_refused_naming_the_field(self):
        with pytest.raises(InvalidInput) as refused:
            i18n.set_language("xx")
        assert refused.value.field == "language"
        assert i18n.current_language() == "en"

    def test_a_family_language_without_a_catalogue_prints_in_english(self):
        assert i18n.family_language("cy") == "en"
        assert i18n.family_language("pl") == "pl"
        assert i18n.family_language(None) == "en"


class TestPseudoLocale:
    def test_every_string_grows_by_at_least_forty_percent(self):
        for text in ("OK", "Check in", "Print pass", "Help with travel costs", "A" * 200):
            assert len(i18n.pseudo(text)) >= 1.4 * len(text)

    def test_placeholders_markup_and_shortcut_letters_survive(self):
        text = "Hello {name}, {count:,} visits on %(date)s — %s <b>now</b> &amp; &Print"
        out = i18n.pseudo(text)
        for kept in ("{name}", "{count:,}", "%(date)s", "%s", "<b>", "</b>", "&amp;", "&P"):
            assert kept in out
        assert out.format(name="X", count=1) and "{" not in out.format(name="X", count=1)

    def test_key_names_stay_as_printed_on_the_keys(self):
        out = i18n.pseudo("Visiting rules…  (Ctrl+Shift+R), Hall door (F11), leave (Esc)")
        assert "(Ctrl+Shift+R)" in out and "(F11)" in out and "(Esc)" in out

    def test_letters_are_accented_so_an_untranslated_string_stands_out(self):
        out = i18n.pseudo("Print pass")
        assert out.startswith("[") and out.endswith("]")
        assert not re.search(r"[a-z]{2}", out.strip("[]~"))

    def test_set_language_turns_it_on_for_every_call_with_no_catalogue(self):
        i18n.set_language(i18n.PSEUDO)
        assert i18n._("Check in") == i18n.pseudo("Check in")
        assert i18n.ngettext("{n} person", "{n} people", 2) == i18n.pseudo("{n} people")
        assert i18n.translator(i18n.PSEUDO)("Send") == i18n.pseudo("Send")
        assert i18n.money(100) == "£1.00"  # written as in English

    def test_it_is_never_offered_to_a_family(self):
        assert i18n.PSEUDO not in i18n.LANGUAGES
        assert i18n._("") == ""


class TestTheDesksOwnLanguage:
    def test_an_unknown_language_on_the_command_line_is_one_line_on_stderr(self, capsys):
        from visitorcentre.cli.main import main

        assert main(["--language", "klingon"]) == 2
        error = capsys.readouterr().err
        assert error.count("\n") == 1 and "klingon" in error and "Traceback" not in error
        assert i18n.current_language() == "en"


class TestTheQuoteInTheFamilysWords:
    def test_the_sentences_come_in_polish_with_the_benefit_in_english_beside_it(self):
        from dataclasses import replace
        from datetime import date

        from visitorcentre.core.cost_of_visits.explain import explain
        from visitorcentre.core.cost_of_visits.views import ApplicationForm, Claimant

        form = ApplicationForm(
            prison_nation="scotland",
            claimant=Claimant(
                relationship="spouse",
                date_of_birth=date(1980, 1, 1),
                benefit="universal_credit",
                monthly_household_income_pence=90000,
            ),
            visit_date=date(2026, 11, 20),
            application_date=date(2026, 11, 22),
        )
        english = explain(form, [])
        assert english[0].startswith("You can claim because you are the prisoner's spouse")
        assert "Universal Credit with household income of £900.00 a month" in english[0]
        polish = explain(form, [], i18n.translator("pl"), lambda pence: i18n.money(pence, "pl"))
        assert polish[0].startswith("Możesz złożyć wniosek") and "(Universal Credit)" in polish[0]
        assert "900,00" in polish[0] and "2 dni po wizycie" in polish[0]
        refused = explain(replace(form, claims_in_last_12_months=26), ["allowance"], i18n.translator("gd"))
        assert refused[0].startswith("Chan fhaod thu tagradh a dhèanamh") and "0800 254 0088" in refused[0]
