"""Putting a backup back never runs while a sync is writing to the same file: it waits for the sync first."""

from __future__ import annotations

from datetime import datetime

from tests.ui.helpers import HeldWork
from visitorcentre.core.changes import EVERYTHING
from visitorcentre.db import backups
from visitorcentre.db import engine as db_engine
from visitorcentre.ui.records.damaged_records import DamagedRecordsScreen
from visitorcentre.ui.runtime.app import application
from visitorcentre.ui.runtime.tasks import NETWORK, DeskTasks

WAIT_S = 10


class ClosingDesk:
    """A desk that only notes when it lets go of its file."""

    def __init__(self, order: list[str]):
        self.order = order

    def close(self) -> None:
        self.order.append("records closed")


def test_the_restore_waits_for_the_sync_in_hand(qtbot, tmp_path, monkeypatch):
    application()
    order: list[str] = []

    def put_back(path, backup, now):  # as restore_and_migrate leaves it: an upgraded desk database in place
        order.append("restored")
        db_engine.migrate(path)
        return tmp_path / "aside.sqlite3"

    monkeypatch.setattr(backups, "restore_and_migrate", put_back)
    tasks = DeskTasks()
    heard = []
    tasks.changed.connect(heard.append)
    sync = HeldWork(order)
    tasks.run(sync, lane=NETWORK)
    assert sync.entered.wait(WAIT_S)
    backup = backups.Backup(tmp_path / "desk-daily-20261122-090000.sqlite3", datetime(2026, 11, 22, 9))
    screen = DamagedRecordsScreen(ClosingDesk(order), tasks, tmp_path / "desk.sqlite3", "damaged", backup)
    qtbot.addWidget(screen)
    restored = []
    screen.restored.connect(lambda label, aside: restored.append(aside))
    screen.restore_button.click()
    qtbot.wait(100)
    assert order == []  # the sync is still writing: the file is left alone
    sync.released.set()
    qtbot.waitUntil(lambda: bool(restored))
    assert order == ["sync finished", "records closed", "restored"]
    assert heard == [EVERYTHING]  # every screen reads the records again
    tasks.shutdown()
