"""Large print: the desk's text size is a setting of this desk, chosen by staff, audited, kept across restarts."""

from __future__ import annotations

import pytest

from tests.unit.ledger import Ledger
from visitorcentre.core.errors import InvalidInput
from visitorcentre.desk import open_desk


def test_the_text_size_is_normal_until_chosen(world):
    assert world.desk.settings.text_size() == 100


def test_choosing_large_print_is_audited_and_kept(world, ledger: Ledger):
    world.desk.settings.use_text_size(150)
    (row,) = ledger.audit_rows()
    assert row["detail"] == {"setting": "desk.text_size", "value": 150}
    ledger.expect(audit=[("Test Worker", "setting_changed", "setting", "desk.text_size")], outbox=[])
    reopened = open_desk(world.desk.ctx.db_path, clock=world.clock)
    try:
        assert reopened.settings.text_size() == 150
    finally:
        reopened.close()


@pytest.mark.parametrize("wrong", [0, 90, 200, 151])
def test_a_size_the_desk_does_not_offer_writes_nothing(world, ledger: Ledger, wrong):
    with ledger.nothing_written(), pytest.raises(InvalidInput) as refused:
        world.desk.settings.use_text_size(wrong)
    assert refused.value.field == "text_size"
    assert world.desk.settings.text_size() == 100
