"""The desk window opens before the database layer: the Desk stand-in opens it on first real use."""

from __future__ import annotations

import subprocess
import sys
import threading

from tests.conftest import NOW
from visitorcentre.core.clock import FixedClock
from visitorcentre.core.staff import Actor
from visitorcentre.desk.context import DeskContext
from visitorcentre.desk.on_demand import DeskOnDemand


class FakeVisits:
    def today(self):
        return ["sessions"]


class FakeDesk:
    """Opening it finds the establishment in its records, as a real Desk's context does."""

    def __init__(self, ctx: DeskContext | None = None):
        self.closed = False
        self.visits = FakeVisits()
        if ctx is not None:
            ctx.establishment = "BAR"

    def close(self):
        self.closed = True


def context(actor: Actor, clock=None) -> DeskContext:
    return DeskContext("desk.sqlite3", actor, clock)


def test_nothing_opens_until_a_method_is_called():
    opened = []
    desk = DeskOnDemand(context(Actor("Ann", "desk"), FixedClock(NOW)), lambda ctx: opened.append(1) or FakeDesk(ctx))
    method = desk.visits.today  # what the window hands to the background worker
    assert not desk.is_open and not opened
    assert desk.ctx.actor.name == "Ann" and desk.ctx.clock.today() == NOW.date() and desk.ctx.establishment == ""
    assert method() == ["sessions"]
    assert desk.is_open and opened == [1] and desk.ctx.establishment == "BAR"


def test_opens_once_when_two_threads_ask_together():
    opened = []
    barrier = threading.Barrier(2)
    desk = DeskOnDemand(context(Actor("Ann")), lambda ctx: opened.append(1) or FakeDesk())

    def ask():
        barrier.wait()
        desk.opened()

    threads = [threading.Thread(target=ask) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert opened == [1]


def test_close_closes_the_desk_only_if_open():
    fake = FakeDesk()
    desk = DeskOnDemand(context(Actor("Ann")), lambda ctx: fake)
    desk.close()
    assert not fake.closed
    desk.opened()
    desk.close()
    assert fake.closed


def test_the_window_modules_do_not_load_the_database_layer():
    probe = (
        "import sys; import visitorcentre.ui.runtime.desk_app, visitorcentre.ui.runtime.app, visitorcentre.cli; "
        "print(sorted(m for m in ('sqlalchemy', 'alembic') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
