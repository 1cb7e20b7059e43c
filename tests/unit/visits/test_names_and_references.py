"""Search folding of names as staff type them, and visit references as families read them out."""

from __future__ import annotations

import random

import pytest

from visitorcentre.core import names, references
from visitorcentre.core.names import fold, matches, query_words, search_terms, tokens


def finds(query: str, first: str, last: str) -> bool:
    """Whether typing ``query`` finds the person, by the index's own rule."""
    return matches(query_words(query), search_terms(first, last))


# --- folding --------------------------------------------------------------------------------------


class TestFold:
    @pytest.mark.parametrize(
        "text, folded",
        [
            ("Siobhán", "siobhan"),
            ("Wiśniewska", "wisniewska"),
            ("Zoë", "zoe"),
            ("MÜLLER", "muller"),
            ("Łukasz", "lukasz"),
            ("Søren", "soren"),
            ("O'Brien", "obrien"),
            ("O’Brien", "obrien"),
            ("M'Donald", "mcdonald"),
            ("M’Donald", "mcdonald"),
        ],
    )
    def test_fold(self, text, folded):
        assert fold(text) == folded

    def test_hyphenated_name_splits_into_words(self):
        assert tokens("Smith-Jones") == ["smith", "jones"]

    def test_tokens_drop_punctuation(self):
        assert tokens("  Mary-Kate  O'Neill. ") == ["mary", "kate", "oneill"]


class TestSearchTerms:
    def test_mc_and_mac_are_both_indexed(self):
        for last in ("MacDonald", "McDonald", "Macdonald", "M'Donald"):
            terms = search_terms("Siobhán", last).split()
            assert "macdonald" in terms and "mcdonald" in terms, last

    def test_short_mac_words_are_not_twinned(self):
        # "Mack" and "Mace" are names of their own, not Mc/Mac ones.
        assert search_terms("Ann", "Mack").split() == ["ann", "mack"]

    def test_joined_pairs_stay_within_one_name(self):
        assert "annmarie" in search_terms("Ann Marie", "Boyle").split()
        assert "marieboyle" not in search_terms("Ann Marie", "Boyle").split()

    def test_words_and_joined_pairs(self):
        terms = search_terms("Mary", "Smith-Jones").split()
        assert {"mary", "smith", "jones", "smithjones"} <= set(terms)

    def test_no_repeats(self):
        terms = search_terms("Anna", "Anna").split()
        assert len(terms) == len(set(terms))


class TestWhatStaffType:
    @pytest.mark.parametrize(
        "query",
        [
            "siobhan",
            "SIOBHAN",
            "Siobhán",
            "siobh",
            "macdonald",
            "mcdonald",
            "McDonald",
            "M'Donald",
            "mac donald",
            "Mac Donald",
            "mc donald",
            "macdonald siobhan",
            "macd sio",
            "MCDON",
        ],
    )
    def test_siobhan_macdonald(self, query):
        assert finds(query, "Siobhán", "MacDonald")

    @pytest.mark.parametrize("query", ["macdonald", "mac donald", "mcdonald", "m'donald", "margaret mac"])
    def test_margaret_mcdonald_found_by_mac_spellings(self, query):
        assert finds(query, "Margaret", "McDonald")

    @pytest.mark.parametrize("query", ["wisniewska", "Wiśniewska", "WISNIEWSKA", "wiśn", "agnieszka wis"])
    def test_polish_name(self, query):
        assert finds(query, "Agnieszka", "Wiśniewska")

    @pytest.mark.parametrize("query", ["zoe", "Zoë", "ZOE", "zoë macdonald"])
    def test_zoe(self, query):
        assert finds(query, "Zoë", "MacDonald")

    @pytest.mark.parametrize("query", ["obrien", "O'Brien", "o’brien", "OBRIEN", "o'bri", "sean o'brien"])
    def test_apostrophe_names(self, query):
        assert finds(query, "Seán", "O'Brien")

    @pytest.mark.parametrize("query", ["smith-jones", "smith jones", "smithjones", "jones", "smith", "jones mary"])
    def test_hyphenated_names(self, query):
        assert finds(query, "Mary", "Smith-Jones")

    @pytest.mark.parametrize("query", ["macdonald", "wilson", "siobhan x", "zz"])
    def test_other_people_are_not_found(self, query):
        assert not finds(query, "Agnieszka", "Wiśniewska")

    def test_lone_mac_joins_the_next_word(self):
        assert query_words("Mac Donald") == ["macdonald"]
        assert query_words("mc donald sio") == ["mcdonald", "sio"]

    def test_lone_mac_at_the_end_stays_a_prefix(self):
        # The worker is still typing "Mac…".
        assert query_words("siobhan mac") == ["siobhan", "mac"]
        assert finds("siobhan mac", "Siobhán", "MacDonald")
        assert finds("siobhan mc", "Siobhán", "MacDonald")

    @pytest.mark.parametrize("query", ["o brien", "O Brien", "sean o brien", "o brien sean", "o bri"])
    def test_lone_o_joins_the_next_word(self, query):
        assert finds(query, "Seán", "O'Brien")
        assert "o" not in query_words(query)

    def test_lone_o_joined_no_longer_matches_two_separate_words(self):
        # "o brien" means O'Brien, not someone whose first name starts with O and last name is Brien.
        assert query_words("o brien") == ["obrien"]
        assert not finds("o brien", "Olive", "Brien")

    def test_lone_o_at_the_end_stays_a_prefix(self):
        assert query_words("sean o") == ["sean", "o"]
        assert finds("sean o", "Seán", "O'Brien")

    def test_full_name(self):
        assert names.full_name("Siobhán", "MacDonald") == "Siobhán MacDonald"


class TestIdentity:
    @pytest.mark.parametrize(
        "first, last",
        [
            ("Siobhán", "MacDonald"),
            ("Siobhan", "Mac Donald"),
            ("Siobhan", "McDonald"),
            ("SIOBHAN", "MACDONALD"),
            ("siobhan", "mc donald"),
            ("Siobhan", "M'Donald"),
            ("  Siobhán ", " MacDonald  "),
        ],
    )
    def test_one_spelling_for_the_mac_and_mc_forms(self, first, last):
        assert names.identity(first, last) == "siobhan mcdonald"

    @pytest.mark.parametrize("last", ["O'Brien", "O’Brien", "O Brien", "OBRIEN", "o brien"])
    def test_one_spelling_for_o_names(self, last):
        assert names.identity("Ann", last) == "ann obrien"

    def test_short_mac_names_stay_their_own(self):
        assert names.identity("Ann", "Mack") == "ann mack"
        assert names.identity("Ann", "Mack") != names.identity("Ann", "McK")

    @pytest.mark.parametrize(
        "first, last",
        [("Siobhan", "Donald"), ("Siobhan", "MacDonaldson"), ("Siobhan Ann", "MacDonald"), ("Siobhanne", "MacDonald")],
    )
    def test_other_names_differ(self, first, last):
        assert names.identity(first, last) != names.identity("Siobhán", "MacDonald")


# --- references -----------------------------------------------------------------------------------


class TestReferences:
    def test_alphabet_has_no_i_l_o_u(self):
        for letter in "ILOU":
            assert letter not in references.ALPHABET
        assert len(references.ALPHABET) == 32
        assert len(set(references.ALPHABET)) == 32

    def test_new_references_are_six_characters_from_the_alphabet(self):
        for _ in range(200):
            reference = references.new_reference()
            assert len(reference) == references.LENGTH == 6
            assert set(reference) <= set(references.ALPHABET)

    def test_seeded_rng_repeats(self):
        first = [references.new_reference(random.Random(42)) for _ in range(3)]
        again = [references.new_reference(random.Random(42)) for _ in range(3)]
        assert first == again
        rng1, rng2 = random.Random(7), random.Random(7)
        seven = [references.new_reference(rng1) for _ in range(20)]
        assert seven == [references.new_reference(rng2) for _ in range(20)]

    def test_different_seeds_differ(self):
        assert references.new_reference(random.Random(1)) != references.new_reference(random.Random(2))

    @pytest.mark.parametrize(
        "typed, meant",
        [
            ("K0D1ZZ", "K0D1ZZ"),
            ("k0d1zz", "K0D1ZZ"),
            ("KOD1ZZ", "K0D1ZZ"),  # O typed for 0
            ("kodizz", "K0D1ZZ"),  # i typed for 1
            ("KODLZZ", "K0D1ZZ"),  # L typed for 1
            ("kod lzz", "K0D1ZZ"),
            ("KOD-1ZZ", "K0D1ZZ"),
            ("  K0D1ZZ \n", "K0D1ZZ"),
        ],
    )
    def test_normalise_what_a_worker_types(self, typed, meant):
        assert references.normalise(typed) == meant

    @pytest.mark.parametrize("typed", ["", "K0D1Z", "K0D1ZZZ", "K0D1Z!", "KUD1ZZ", "K0D1ZÉ", "------"])
    def test_normalise_rejects_what_cannot_be_a_reference(self, typed):
        assert references.normalise(typed) is None

    def test_every_new_reference_normalises_to_itself(self):
        rng = random.Random(3)
        for _ in range(100):
            reference = references.new_reference(rng)
            assert references.normalise(reference) == reference
            assert references.normalise(reference.lower()) == reference
