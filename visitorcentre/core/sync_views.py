"""What the desk shows of its sync with the central server: its state, one run's result, the issues.

These are the values the sync client hands the desk app and the command line; they carry no Qt,
no SQLAlchemy and no network objects, so the UI can show them and the tests can make them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class SyncState:
    """The desk's sync at a glance: the status bar's indicator reads this."""

    enrolled: bool  # False: this desk works on its own and has no server to sync with
    server_url: str
    online: bool | None  # None until the desk has tried the server since it started
    last_sync: datetime | None  # when a sync last finished without a network error (UTC)
    last_error: str  # plain words for the last failure, "" when the last try worked
    pending: int  # changes made on this desk that the server has not acknowledged yet
    open_issues: int  # sync issues staff have not dismissed


@dataclass(frozen=True)
class SyncIssue:
    """Something sync could not do by itself, in words a desk worker understands."""

    id: str
    raised_at: datetime  # UTC
    kind: str  # "rejected", "conflict", "double_check_in", "refused"
    entity: str  # the kind of record, e.g. "visit"
    row_id: str
    message: str  # plain words: what happened and what to do next
    dismissed: bool = False


@dataclass(frozen=True)
class SyncResult:
    """One sync run: what went up, what came down, what is still waiting."""

    pushed: int
    pulled: int
    pending: int
    issues: int

    def as_json(self) -> dict[str, int]:
        """The ``sync --json`` summary."""
        return {"pushed": self.pushed, "pulled": self.pulled, "pending": self.pending, "issues": self.issues}
