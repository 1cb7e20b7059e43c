"""Reading the audit log: the manager's view with filters, its CSV export, and the chain check.

Reading the log is for managers (and admins): the service refuses anyone else, whatever the
screen shows. Times are stored in UTC and shown as the desk's wall-clock time.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from visitorcentre.core.audit_chain import ChainReport
from visitorcentre.core.clock import Clock
from visitorcentre.core.errors import InvalidInput
from visitorcentre.core.roles import MANAGER, require_role
from visitorcentre.core.staff import Actor
from visitorcentre.db import audit_log as store
from visitorcentre.i18n import N_, _

CSV_COLUMNS = ("seq", "at", "staff", "action", "record", "record_id", "summary", "detail")


@dataclass(frozen=True)
class AuditQuery:
    """The viewer's filters: a date range (the desk's days, both included), staff, action, record text."""

    start: date | None = None
    end: date | None = None
    actor: str = ""
    action: str = ""
    text: str = ""
    limit: int = 5000


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: datetime  # the desk's wall-clock time
    actor: str
    action: str
    entity: str
    entity_id: str
    summary: str
    detail: dict


@dataclass(frozen=True)
class AuditPage:
    """What the viewer shows: the entries (newest first), how many matched, and the filter choices."""

    entries: list[AuditEntry]
    total: int
    actors: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)


def _offset(clock: Clock) -> timedelta:
    """Wall-clock minus UTC, to the minute."""
    seconds = (clock.now() - clock.utcnow()).total_seconds()
    return timedelta(minutes=round(seconds / 60))


def entries(session: Session, actor: Actor, clock: Clock, query: AuditQuery) -> AuditPage:
    """The entries matching ``query`` (managers only). InvalidInput (field "end") for a range that ends first."""
    require_role(actor, MANAGER, N_("read the audit log"))
    if query.start and query.end and query.end < query.start:
        raise InvalidInput(_("The end date is before the start date."), "end")
    offset = _offset(clock)
    start = datetime.combine(query.start, time()) - offset if query.start else None
    end = datetime.combine(query.end + timedelta(days=1), time()) - offset if query.end else None
    rows, total = store.entries(
        session, store.AuditFilter(start, end, query.actor, query.action, query.text, query.limit)
    )
    actors, actions = store.choices(session)
    return AuditPage(
        [
            AuditEntry(r.seq, r.at + offset, r.actor, r.action, r.entity, r.entity_id, r.summary or "", r.detail or {})
            for r in rows
        ],
        total,
        actors,
        actions,
    )


def verify(session: Session) -> ChainReport:
    """Check the chain (anyone may ask: the answer holds no personal data)."""
    return store.verify(session)


def to_csv(page: AuditPage) -> str:
    """The entries as CSV text, oldest first, with a header row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for entry in sorted(page.entries, key=lambda e: e.seq):
        writer.writerow(
            [
                entry.seq,
                entry.at.isoformat(sep=" ", timespec="seconds"),
                entry.actor,
                entry.action,
                entry.entity,
                entry.entity_id,
                _safe(entry.summary),
                _safe(json.dumps(entry.detail, ensure_ascii=False, sort_keys=True, default=str)),
            ]
        )
    return out.getvalue()


def _safe(text: str) -> str:
    """A cell a spreadsheet will not run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
