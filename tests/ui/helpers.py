"""Small helpers for the desk app tests."""

from __future__ import annotations

import threading


def settle(qtbot, window) -> None:
    """Wait until all background work has been delivered."""
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=30_000)  # generous for a busy machine


def ban(world, visitor_id: str, reason: str = "assault on staff") -> None:
    """A ban arriving after the booking (as one from the central server would)."""
    with world.desk.ctx.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO ban (id, visitor_id, scope, prisoner_id, reason, starts_on, ends_on, establishment, "
            "created_at, updated_at, version) VALUES (?, ?, 'all', NULL, ?, '2026-11-20', NULL, 'BAR', "
            "'2026-11-20 09:00:00', '2026-11-20 09:00:00', 1)",
            (f"ban-{visitor_id}", visitor_id, reason),
        )


class HeldWork:
    """Background work that waits until the test lets it go (a sync waiting on its server), then notes it ended."""

    def __init__(self, ended: list, note: str = "sync finished", wait_s: float = 10):
        self.entered, self.released = threading.Event(), threading.Event()
        self._ended, self._note, self._wait_s = ended, note, wait_s

    def __call__(self) -> None:
        self.entered.set()
        self.released.wait(self._wait_s)
        self._ended.append(self._note)
