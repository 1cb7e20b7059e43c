"""The refusals outside the desk services in the desk's language: receipts and private files, the rates
and the travel-cost rules, enrolment, the desk's first run, the database's reads, an unknown language.

Core, files/, sync/ and db/ cannot import the catalogues: they raise a ``said(...)`` that is the same
English as before (what the command line and the log keep) and is said in Polish or Gaelic on a
screen. desk/ and i18n.py raise in the desk's language with ``_()``.
"""

from __future__ import annotations

from datetime import date

import pytest

from visitorcentre import i18n
from visitorcentre.core.cost_of_visits.rates import MILEAGE, RateTable
from visitorcentre.core.errors import InvalidInput, NotFound
from visitorcentre.desk import first_run
from visitorcentre.files.receipts import check_bytes, check_file
from visitorcentre.sync import connect_later
from visitorcentre.sync.enrolment import enrol


@pytest.fixture(autouse=True)
def _english_after():
    yield
    i18n.set_language("en")


def _refusal(call, *args) -> InvalidInput:
    with pytest.raises((InvalidInput, NotFound)) as refused:
        call(*args)
    return refused.value


class TestReceipts:
    def test_a_missing_file_is_named_in_english_as_before_and_in_polish(self, tmp_path):
        error = _refusal(check_file, tmp_path / "bus-ticket.jpg")
        assert error.message == "bus-ticket.jpg could not be found." and error.field == "file"
        assert i18n.say(error.message, "pl") == "Nie można znaleźć pliku bus-ticket.jpg."

    def test_an_empty_file_in_gaelic(self, tmp_path):
        (tmp_path / "receipt.pdf").write_bytes(b"")
        error = _refusal(check_file, tmp_path / "receipt.pdf")
        assert error.message == "receipt.pdf is empty."
        assert i18n.say(error.message, "gd") == "Tha receipt.pdf falamh."

    def test_a_damaged_photo_says_what_it_looks_like_in_the_desks_language(self):
        error = _refusal(check_bytes, b"\x89PNG\r\n\x1a\n not really a picture", "ticket.png")
        assert error.message == "ticket.png looks like a PNG picture but is damaged and cannot be opened."
        i18n.set_language("pl")
        assert (
            i18n.say(error.message) == "ticket.png wygląda na obraz PNG, ale jest uszkodzony i nie można go otworzyć."
        )

    def test_bytes_without_a_name_are_the_file_in_each_language(self):
        error = _refusal(check_bytes, b"just some text")
        assert error.message == "The file is not a photo (PNG or JPEG) or a PDF, whatever its name says."
        assert i18n.say(error.message, "gd").startswith("Chan e dealbh (PNG no JPEG) no PDF a th’ ann an Am faidhle")


class TestRates:
    def test_a_missing_rate_names_the_day_as_the_language_writes_it(self):
        table = RateTable.from_json({"rates": []})
        error = _refusal(table.in_force, MILEAGE, "scotland", date(2026, 12, 3))
        assert (
            error.message == "There is no mileage rate for scotland on 3 December 2026." and error.field == "visit_date"
        )
        assert (
            i18n.say(error.message, "pl")
            == f"Brak stawki „mileage” dla: scotland w dniu {i18n.long_date(date(2026, 12, 3), 'pl')}."
        )

    def test_an_unreadable_row_is_numbered(self):
        error = _refusal(RateTable.from_json, {"rates": [{"rate": MILEAGE}]})
        assert error.message.startswith("Rate 1 in the rate table is unreadable (")
        assert i18n.say(error.message, "pl").startswith("Nie można odczytać stawki nr 1 w tabeli stawek (")


class TestEnrolment:
    def test_a_wrong_address_is_refused_before_the_network_in_english_and_gaelic(self, tmp_path):
        error = _refusal(enrol, tmp_path / "desk.db", "visits.example.scot", "ABC-123")
        assert error.message == "“visits.example.scot” is not a server address; it starts with https:// or http://."
        assert i18n.say(error.message, "gd").startswith(
            "Chan e seòladh frithealaiche a th’ ann an “visits.example.scot”"
        )

    def test_connecting_a_desk_that_is_not_there_names_the_file_in_polish(self, tmp_path):
        error = _refusal(connect_later.enrol_existing, tmp_path / "gone.db", "https://visits.example.scot", "ABC-123")
        assert isinstance(error, NotFound) and error.message == f"There is no database at {tmp_path / 'gone.db'}."
        assert i18n.say(error.message, "pl") == f"W {tmp_path / 'gone.db'} nie ma bazy danych."

    def test_the_recognised_words_of_a_refusal_survive_in_english(self):
        # desk/first_run.explain_refusal tells an address from a code by the English of the refusal
        from visitorcentre.core.errors import SyncUnavailable

        i18n.set_language("pl")
        message, field = first_run.explain_refusal(SyncUnavailable("That enrolment code is not valid."))
        assert field == "code"
        assert message == "That enrolment code is not valid. Sprawdź kod lub poproś zespół centralny o nowy."


class TestFirstRunAndLanguage:
    def test_the_first_run_asks_for_the_address_in_the_desks_language(self, tmp_path):
        i18n.set_language("gd")
        error = _refusal(first_run.enrol_new, tmp_path / "desk.db", "  ", "ABC-123")
        assert error.field == "url" and error.message == i18n._(
            "Type the central server's address, such as https://visits.example.scot."
        )
        assert error.message != "Type the central server's address, such as https://visits.example.scot."
        assert not (tmp_path / "desk.db").exists()

    def test_a_desk_already_set_up_is_refused_in_polish(self, tmp_path):
        (tmp_path / "desk.db").write_bytes(b"")
        i18n.set_language("pl")
        error = _refusal(first_run.enrol_new, tmp_path / "desk.db", "https://visits.example.scot", "ABC-123")
        assert error.message == f"W {tmp_path / 'desk.db'} jest już baza danych; ta recepcja jest już skonfigurowana."

    def test_an_unknown_language_is_refused_in_the_current_one(self):
        assert _refusal(i18n.check_language, "xx").message == "There is no language “xx” (known: en, pl, gd)."
        i18n.set_language("pl")
        assert _refusal(i18n.check_language, "xx").message == "Nie ma języka „xx” (znane: en, pl, gd)."


class TestTheDatabasesReads:
    def test_a_review_that_is_not_there_in_gaelic_and_english(self, world):
        error = _refusal(world.desk.visits.review_letter_pdf, "no-such-review")
        assert error.message == "This desk has no such visit to review." and error.field == "review"
        assert i18n.say(error.message, "gd") == i18n.translator("gd")("This desk has no such visit to review.")
        assert i18n.say(error.message, "gd") != error.message


class TestSyncAndReprints:
    def test_a_missing_credential_names_its_file_in_polish(self, tmp_path):
        from visitorcentre.core.errors import SyncUnavailable
        from visitorcentre.sync import credential

        with pytest.raises(SyncUnavailable) as refused:
            credential.load(tmp_path / "desk.db")
        name = credential.credential_path(tmp_path / "desk.db").name
        assert refused.value.message == (
            f"This desk's server credential ({name}) is missing; enrol the desk again with a new code."
        )
        assert i18n.say(refused.value.message, "pl") == (
            f"Brakuje poświadczenia serwera tej recepcji ({name}); zarejestruj recepcję ponownie nowym kodem."
        )

    def test_a_server_that_refuses_is_told_from_a_bad_code_in_gaelic(self):
        import httpx

        from visitorcentre.core.errors import SyncUnavailable
        from visitorcentre.sync.client import SyncClient

        def refuse(request: httpx.Request) -> httpx.Response:
            raise httpx.ConnectError("refused", request=request)

        with SyncClient("https://visits.example.scot", transport=httpx.MockTransport(refuse)) as client:
            with pytest.raises(SyncUnavailable) as refused:
                client.enrol("ABC-123")
        assert refused.value.message.startswith("The central server at https://visits.example.scot cannot be reached")
        i18n.set_language("gd")
        message, field = first_run.explain_refusal(refused.value)
        assert field == "url"  # told by its English words, then said in the desk's language
        assert message.startswith("Cha ghabh an frithealaiche meadhanach aig https://visits.example.scot a ruigsinn")

    @pytest.mark.parametrize(
        ("times", "language", "words"),
        [
            (1, "en", "This pass has already been printed once; say why it is being printed again."),
            (3, "en", "This pass has already been printed 3 times; say why it is being printed again."),
            (1, "pl", "Ta przepustka była już drukowana raz; podaj, dlaczego drukujesz ją ponownie."),
            (3, "pl", "Ta przepustka była już drukowana 3 razy; podaj, dlaczego drukujesz ją ponownie."),
            (
                2,
                "gd",
                "Chaidh an cead seo a chlò-bhualadh 2 thuras mu thràth; can carson a tha e ga chlò-bhualadh a-rithist.",
            ),
            (
                5,
                "gd",
                "Chaidh an cead seo a chlò-bhualadh 5 tursan mu thràth; can carson a tha e ga chlò-bhualadh a-rithist.",
            ),
        ],
    )
    def test_a_reprint_counts_in_each_languages_plural_form(self, times, language, words):
        from visitorcentre.core.errors import ReprintNeedsReason

        assert i18n.say(ReprintNeedsReason(times).message, language) == words
