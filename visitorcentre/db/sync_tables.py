"""The desk's own record of its sync with the central server (migration 0007).

- ``sync_state``: one row: the device identity (its secret is in the credential file, not
  here), the server, the pull cursor (the server's sequence, never a clock), the last sync.
- ``sync_issue``: what sync could not do by itself, for staff to read and dismiss.
- ``sync_stale_op``: outbox ops made on top of a change the server refused as a clash; they
  still go up (so nothing leaves the outbox unacknowledged) but marked so the server keeps
  them aside instead of applying them over another desk's change.
- ``sync_held_row`` (migration 0009): rows pulled from the server that this desk could not
  store (another establishment's, an unknown kind or detail, a value it cannot hold, a clash
  with a record made here), kept aside with the desk's schema revision and app version at the
  time, and tried again once either changes (an upgrade); see ``sync.held_rows``.
- ``visit_note``: notes the server adds to a visit (e.g. "checked in at two desks"); synced
  down like reference data, shown in the visit panel.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from visitorcentre.db.models.base import Base, Synced


class SyncStateRow(Base):
    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # always 1
    server_url: Mapped[str] = mapped_column(Text, default="")
    device_id: Mapped[str] = mapped_column(String(36), default="")
    establishment: Mapped[str] = mapped_column(String(8), default="")
    pull_cursor: Mapped[int] = mapped_column(Integer, default=0)
    last_sync: Mapped[datetime | None] = mapped_column(DateTime)
    last_attempt: Mapped[datetime | None] = mapped_column(DateTime)
    online: Mapped[bool | None] = mapped_column(Boolean)
    last_error: Mapped[str] = mapped_column(Text, default="")
    #: Set when the database was put back from a backup (migration 0009): the next pull asks the
    #: server for this desk's own changes too, which it may have pushed after the backup was taken.
    own_rows_wanted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class SyncIssueRow(Base):
    __tablename__ = "sync_issue"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    raised_at: Mapped[datetime] = mapped_column(DateTime)
    kind: Mapped[str] = mapped_column(String(20))
    entity: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36), index=True)
    message: Mapped[str] = mapped_column(Text)
    detail: Mapped[dict] = mapped_column(JSON, default=dict)  # e.g. the change that was not applied
    dismissed: Mapped[bool] = mapped_column(Boolean, default=False)


class SyncStaleOp(Base):
    __tablename__ = "sync_stale_op"

    op_id: Mapped[str] = mapped_column(String(36), primary_key=True)


class SyncHeldRow(Base):
    __tablename__ = "sync_held_row"
    __table_args__ = (UniqueConstraint("entity", "row_id", name="uq_sync_held_row_entity_row_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    entity: Mapped[str] = mapped_column(Text)  # as the server sent it (it may be a kind this desk does not know)
    row_id: Mapped[str] = mapped_column(Text)
    payload: Mapped[dict] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(Text)  # plain words, no personal data
    held_at: Mapped[datetime] = mapped_column(DateTime)
    desk_revision: Mapped[str] = mapped_column(String(40), default="")  # the desk's schema then
    app_version: Mapped[str] = mapped_column(String(40), default="")  # the desk software's version then
    issue_id: Mapped[str] = mapped_column(String(36), default="")


class VisitNote(Synced, Base):
    __tablename__ = "visit_note"

    visit_id: Mapped[str] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime)
