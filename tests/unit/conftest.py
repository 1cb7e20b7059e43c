"""Fixtures for the service tests: a ledger of what was written, and a second desk with a desk-role worker."""

from __future__ import annotations

import pytest

pytest.register_assert_rewrite("tests.unit.ledger")

from tests.unit.ledger import Ledger  # noqa: E402
from visitorcentre.core.staff import Actor  # noqa: E402
from visitorcentre.desk import open_desk  # noqa: E402


@pytest.fixture
def ledger(world) -> Ledger:
    return Ledger(world.desk)


@pytest.fixture
def desk_worker(world):
    """A second desk on the same database, run by a worker without the manager role."""
    desk = open_desk(world.desk.ctx.db_path, actor=Actor("Desk Worker", "desk"), clock=world.clock, establishment="BAR")
    yield desk
    desk.close()
