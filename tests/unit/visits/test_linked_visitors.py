"""Who may visit a prisoner, as the booking dialog lists them: each with any ban in force today."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import TODAY
from tests.unit.ledger import execute


def listed(world) -> dict:
    return {v.visitor_id: v for v in world.desk.visits.linked_visitors(world.prisoner)}


def test_a_ban_in_force_is_listed_with_its_reason_and_end(world):
    found = listed(world)
    craig = found[world.banned]
    assert craig.banned and craig.ban_reason == "passing contraband"
    assert craig.ban_until == TODAY + timedelta(days=150)
    assert not found[world.mum].banned and found[world.mum].ban_reason == ""


def test_a_ban_on_another_prisoner_or_one_that_has_ended_is_not_listed(world):
    execute(world, "UPDATE ban SET scope = 'prisoner', prisoner_id = ? WHERE id = 'ban-1'", (world.restricted,))
    assert not listed(world)[world.banned].banned
    execute(
        world,
        "UPDATE ban SET scope = 'all', prisoner_id = NULL, ends_on = ? WHERE id = 'ban-1'",
        ((TODAY - timedelta(days=1)).isoformat(),),
    )
    assert not listed(world)[world.banned].banned
