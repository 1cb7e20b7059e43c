"""The desk window opens before the database layer: the Desk stand-in opens it on first real use."""

from __future__ import annotations

import subprocess
import sys
import threading

from visitorcentre.core.clock import FixedClock
from visitorcentre.core.staff import Actor
from visitorcentre.desk.on_demand import DeskOnDemand

from tests.conftest import NOW


class FakeDesk:
    establishment = "BAR"

    def __init__(self):
        self.closed = False

    def today(self):
        return ["sessions"]

    def close(self):
        self.closed = True


def test_nothing_opens_until_a_method_is_called():
    opened = []
    desk = DeskOnDemand(lambda: opened.append(1) or FakeDesk(), Actor("Ann", "desk"), FixedClock(NOW))
    method = desk.today  # what the window hands to the background worker
    assert not desk.is_open and not opened
    assert desk.actor.name == "Ann" and desk.clock.today() == NOW.date() and desk.establishment == ""
    assert method() == ["sessions"]
    assert desk.is_open and opened == [1] and desk.establishment == "BAR"


def test_opens_once_when_two_threads_ask_together():
    opened = []
    barrier = threading.Barrier(2)
    desk = DeskOnDemand(lambda: opened.append(1) or FakeDesk(), Actor("Ann"))

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
    desk = DeskOnDemand(lambda: fake, Actor("Ann"))
    desk.close()
    assert not fake.closed
    desk.opened()
    desk.close()
    assert fake.closed


def test_the_window_modules_do_not_load_the_database_layer():
    probe = ("import sys; import visitorcentre.ui.runtime.desk_app, visitorcentre.ui.runtime.app, visitorcentre.cli; "
             "print(sorted(m for m in ('sqlalchemy', 'alembic') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
