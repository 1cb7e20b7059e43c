"""The family's language, remembered on the lead visitor's record and used for what they are handed."""

from __future__ import annotations

import pytest

from tests.unit.ledger import visit_id
from tests.unit.passes.test_services_passes import token_of
from visitorcentre.core.errors import InvalidInput

ACTOR = "Test Worker"


@pytest.fixture
def visit(world):
    return visit_id(world, world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum, world.child]))


def test_choosing_the_family_language_saves_it_with_audit_and_sync(world, ledger, visit):
    ledger.mark()
    world.desk.visits.set_family_language(visit, "pl")
    ledger.expect(
        audit=[(ACTOR, "set_family_language", "visitor", world.mum)], outbox=[("visitor", world.mum, "update")]
    )
    assert world.desk.visits.visitor_record(world.mum).details.language == "pl"
    assert world.desk.visits.visit(visit).language == "pl"


def test_choosing_the_same_language_again_writes_nothing(world, ledger, visit):
    world.desk.visits.set_family_language(visit, "gd")
    ledger.mark()
    with ledger.nothing_written():
        world.desk.visits.set_family_language(visit, "gd")


@pytest.mark.parametrize("language", ["xx", "en-XA", "", "pl'; drop table visitor; --"])
def test_a_language_the_desk_cannot_print_is_refused_naming_the_field(world, ledger, visit, language):
    ledger.mark()
    with ledger.nothing_written(), pytest.raises(InvalidInput) as refused:
        world.desk.visits.set_family_language(visit, language)
    assert refused.value.field == "language"


def test_the_family_language_travels_with_the_pass_and_the_door_verdict(world, visit):
    world.desk.visits.set_family_language(visit, "gd")
    world.desk.visits.check_in(visit)
    world.desk.passes.issue_pass(visit)
    assert world.desk.passes.door_scan(token_of(world, visit)).language == "gd"
