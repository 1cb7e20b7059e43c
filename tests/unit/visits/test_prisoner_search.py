"""Finding a prisoner in the booking dialog: accents, case and Mc/Mac folded as the visitor search folds them."""

from __future__ import annotations

import pytest

from tests.unit.ledger import execute


@pytest.fixture
def accented(world):
    """Two prisoners whose names carry accents the desk keyboard does not."""
    for row_id, number, first, last in (
        ("pr-acc-1", "S100010", "Seán", "Ó Briain"),
        ("pr-acc-2", "S100011", "Łukasz", "Wiśniewski"),
    ):
        execute(
            world,
            "INSERT INTO prisoner (id, prison_number, first_name, last_name, status, location, no_child_contact, "
            "closed_visits, establishment, created_at, updated_at, version) "
            "VALUES (?, ?, ?, ?, 'convicted', 'Hall A', 0, 0, 'BAR', '2026-11-20 09:00:00', '2026-11-20 09:00:00', 1)",
            (row_id, number, first, last),
        )


def names_found(world, text: str) -> list[str]:
    return [p.name for p in world.desk.visits.find_prisoners(text)]


@pytest.mark.parametrize(
    "typed, name",
    [
        ("wisniewski", "Łukasz Wiśniewski"),
        ("lukasz", "Łukasz Wiśniewski"),
        ("WIŚNIEW", "Łukasz Wiśniewski"),
        ("sean", "Seán Ó Briain"),
        ("o briain", "Seán Ó Briain"),
        ("sean obriain", "Seán Ó Briain"),
        ("mcdonald", "John MacDonald"),
        ("john mac", "John MacDonald"),
    ],
)
def test_a_prisoner_is_found_without_typing_the_accents(world, accented, typed, name):
    assert names_found(world, typed) == [name]


def test_the_prison_number_still_finds_the_prisoner(world, accented):
    assert names_found(world, "s100011") == ["Łukasz Wiśniewski"]
    assert names_found(world, "S 100 011") == ["Łukasz Wiśniewski"]


def test_only_this_establishments_prisoners_and_nothing_for_nonsense(world, accented):
    execute(world, "UPDATE prisoner SET establishment = 'GRE' WHERE id = 'pr-acc-1'")
    assert names_found(world, "sean") == []
    assert names_found(world, "zzzz") == []
    assert names_found(world, "   ") == []
