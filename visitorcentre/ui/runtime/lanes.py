"""A lane of background work: one named thread taking one job at a time, in order (no Qt here).

The runner (``tasks.py``) keeps one lane for the records, one for the network and one for the
care of the records file. A lane's thread starts with its first job and is a daemon, so a sync
still waiting on the network never keeps a closing desk app alive. ``wait_quiet`` lets work that
must run alone wait until a lane has nothing queued or running.
"""

from __future__ import annotations

import collections
import threading
import time
from collections.abc import Callable

Work = Callable[[], None]


class Lane:
    """One thread, one job at a time; ``stop`` drops what is queued and ends the thread after the running job."""

    def __init__(self, name: str):
        self.name = name
        self._jobs: collections.deque[Work] = collections.deque()
        self._condition = threading.Condition()
        self._running = False
        self._stopped = False
        self._thread: threading.Thread | None = None

    def put(self, work: Work) -> None:
        """Queue ``work`` (nothing happens once the lane is stopped)."""
        with self._condition:
            if self._stopped:
                return
            self._jobs.append(work)
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name=self.name, daemon=True)
                self._thread.start()
            self._condition.notify_all()

    def _work(self) -> None:
        while True:
            with self._condition:
                while not self._jobs and not self._stopped:
                    self._condition.wait()
                if self._stopped:
                    self._jobs.clear()
                    self._condition.notify_all()
                    return
                work = self._jobs.popleft()
                self._running = True
            try:
                work()
            finally:
                with self._condition:
                    self._running = False
                    self._condition.notify_all()

    def quiet(self) -> bool:
        """Nothing queued and nothing running."""
        with self._condition:
            return not self._jobs and not self._running

    def wait_quiet(self, timeout_s: float) -> bool:
        """Wait until the lane is quiet; False if it was still busy after ``timeout_s``."""
        deadline = time.monotonic() + timeout_s
        with self._condition:
            while self._jobs or self._running:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._condition.wait(left)
        return True

    def stop(self) -> None:
        """Drop the queued work; the thread ends once its running job (if any) returns."""
        with self._condition:
            self._stopped = True
            self._jobs.clear()
            self._condition.notify_all()

    def join(self, timeout_s: float) -> float:
        """Wait up to ``timeout_s`` for the thread to end; returns the time left of it."""
        thread = self._thread
        if thread is None:
            return timeout_s
        start = time.monotonic()
        thread.join(max(timeout_s, 0))
        return max(timeout_s - (time.monotonic() - start), 0)

    @property
    def alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()
