"""A stand-in for the central server behind the Desk's sync methods: slow, failing or finding issues on demand.

``FakeSync`` has the four methods the sync client gives ``Desk`` (``sync_state``, ``sync_issues``,
``dismiss_sync_issue``, ``sync_now``); ``install`` puts them on a real Desk, so searches and
check-ins in the same test go to the real database while the "network" is under the test's
control.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from visitorcentre.core.errors import NotFound, SyncUnavailable
from visitorcentre.core.sync_views import SyncIssue, SyncResult, SyncState

SERVER = "https://central.example.scot"
WAIT_S = 20  # a held sync never outlives a failing test by long


def issue(issue_id: str, kind: str, message: str, minutes_ago: int = 5, dismissed: bool = False) -> SyncIssue:
    return SyncIssue(
        id=issue_id,
        raised_at=datetime.now(UTC) - timedelta(minutes=minutes_ago),
        kind=kind,
        entity="visit",
        row_id=f"row-{issue_id}",
        message=message,
        dismissed=dismissed,
    )


DOUBLE_CHECK_IN = issue(
    "iss-double",
    "double_check_in",
    "The MacDonald family (visit KX7P2) was checked in at two desks while the network was down: at the front "
    "desk at 13:02 and at the gate desk at 13:05. It is one visit; nothing else needs doing.",
)
REJECTED = issue(
    "iss-rejected",
    "rejected",
    "The central server did not accept the change to Craig Wilson's phone number: it was changed at another "
    "desk first. Check his details with him and save them again.",
    minutes_ago=40,
)


class FakeSync:
    """The sync side of a Desk, with a server the test controls."""

    def __init__(self, enrolled: bool = True, pending: int = 0, issues: list[SyncIssue] | None = None):
        self.enrolled = enrolled
        self.online: bool | None = None
        self.last_sync: datetime | None = None
        self.last_error = ""
        self.pending = pending
        self.issues = list(issues or [])
        self.pulled = 0  # what the next sync takes down
        self.arriving: list[SyncIssue] = []  # issues the next sync finds
        self.fail_with = ""  # the next syncs fail with this reason
        self.hold: threading.Event | None = None  # a sync waits for this before it finishes
        self.pull_steps: list[tuple[int, int]] = []  # progress the next sync reports
        self.between_steps: threading.Event | None = None  # it waits for this after the first step
        self.entered = threading.Event()
        self.calls = 0
        self.at_once = 0
        self.most_at_once = 0
        self.threads: list[str] = []
        self._lock = threading.Lock()

    def install(self, monkeypatch, desk) -> FakeSync:
        for name, mine in (
            ("state", "sync_state"),
            ("issues", "sync_issues"),
            ("dismiss_issue", "dismiss_sync_issue"),
            ("now", "sync_now"),
        ):
            monkeypatch.setattr(desk.sync, name, getattr(self, mine), raising=False)
        return self

    @property
    def sync(self) -> SimpleNamespace:
        """This fake as a Desk's sync area (``desk.sync.now()``, ``desk.sync.state()``, ...)."""
        return SimpleNamespace(
            state=self.sync_state,
            issues=self.sync_issues,
            dismiss_issue=self.dismiss_sync_issue,
            now=self.sync_now,
            interval_minutes=getattr(self, "sync_interval_minutes", None),
        )

    # --- the Desk's sync methods ----------------------------------------------------------------

    def sync_state(self) -> SyncState:
        return SyncState(
            enrolled=self.enrolled,
            server_url=SERVER if self.enrolled else "",
            online=self.online,
            last_sync=self.last_sync,
            last_error=self.last_error,
            pending=self.pending,
            open_issues=sum(1 for i in self.issues if not i.dismissed),
        )

    def sync_issues(self, include_dismissed: bool = False) -> list[SyncIssue]:
        return [i for i in self.issues if include_dismissed or not i.dismissed]

    def dismiss_sync_issue(self, issue_id: str) -> None:
        for n, found in enumerate(self.issues):
            if found.id == issue_id:
                self.issues[n] = replace(found, dismissed=True)
                return
        raise NotFound("That sync issue is no longer there: another desk may have dealt with it.")

    def sync_now(self, progress=None) -> SyncResult:
        with self._lock:
            self.calls += 1
            self.at_once += 1
            self.most_at_once = max(self.most_at_once, self.at_once)
            self.threads.append(threading.current_thread().name)
        self.entered.set()
        try:
            for n, (done, total) in enumerate(self.pull_steps):
                if progress is not None:
                    progress(done, total)
                if n == 0 and self.between_steps is not None:
                    self.between_steps.wait(WAIT_S)
            if self.hold is not None:
                self.hold.wait(WAIT_S)
            if self.fail_with:
                self.online, self.last_error = False, self.fail_with
                raise SyncUnavailable(self.fail_with)
            pushed, self.pending = self.pending, 0
            self.issues += self.arriving
            self.arriving = []
            self.online, self.last_error = True, ""
            self.last_sync = datetime.now(UTC)
            return SyncResult(
                pushed=pushed, pulled=self.pulled, pending=0, issues=sum(1 for i in self.issues if not i.dismissed)
            )
        finally:
            with self._lock:
                self.at_once -= 1
