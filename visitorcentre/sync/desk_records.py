"""The desk's sync records: its state row, its issues and its outbox, read and written in the caller's session."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from visitorcentre.core.sync_views import SyncIssue, SyncState
from visitorcentre.db.models import OutboxOp, new_id
from visitorcentre.db.sync_tables import SyncIssueRow, SyncStateRow

_LABELS = {
    "visit": "visit",
    "visit_person": "person in a visit",
    "visitor": "visitor's details",
    "relationship": "visitor's link to a prisoner",
    "cost_application": "travel-costs application",
    "advice_rule": "advice rule",
    "feedback_response": "“you said, we did” response",
    "check_in_event": "check-in record",
    "visit_pass": "visit pass",
    "feedback": "feedback",
    "cost_attachment": "receipt",
    "cost_application_event": "application status",
    "cost_decision": "decision on a travel-costs application",
    "scheme_rates": "travel-costs rate table",
    "pass_key": "pass key",
    "advice_given": "advice record",
    "child_approval": "child visit approval",
    "visit_note": "visit note",
}


def label(entity: str, payload: dict | None = None) -> str:
    """A record in words: "visit AB12CD", "Siobhán MacDonald's details"."""
    payload = payload or {}
    if entity == "visit" and payload.get("reference"):
        return f"visit {payload['reference']}"
    if entity == "visitor" and payload.get("first_name"):
        return f"{payload['first_name']} {payload.get('last_name', '')}'s details".replace(" 's", "'s")
    if entity == "cost_application" and payload.get("reference"):
        return f"travel-costs application {payload['reference']}"
    return f"a {_LABELS.get(entity, entity.replace('_', ' '))}"


def state_row(session: Session) -> SyncStateRow | None:
    return session.get(SyncStateRow, 1)


def is_enrolled(db_path: Path | str) -> bool:
    """Whether the database at ``db_path`` belongs to an enrolled desk (read straight from SQLite)."""
    path = Path(db_path)
    if not path.is_file():
        return False
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT device_id FROM sync_state WHERE id = 1").fetchone()
    except sqlite3.Error:
        return False
    finally:
        connection.close()
    return bool(row and row[0])


def state(session: Session) -> SyncState:
    """Enrolled or not, online, last sync, changes waiting, open issues: local reads only, cheap."""
    row = state_row(session)
    pending = session.scalar(select(func.count()).select_from(OutboxOp)) or 0
    open_issues = (
        session.scalar(select(func.count()).select_from(SyncIssueRow).where(SyncIssueRow.dismissed.is_(False))) or 0
    )
    if row is None or not row.device_id:
        return SyncState(
            enrolled=False,
            server_url="",
            online=None,
            last_sync=None,
            last_error="",
            pending=pending,
            open_issues=open_issues,
        )
    return SyncState(
        enrolled=True,
        server_url=row.server_url,
        online=row.online,
        last_sync=row.last_sync,
        last_error=row.last_error,
        pending=pending,
        open_issues=open_issues,
    )


def issues(session: Session, include_dismissed: bool = False) -> list[SyncIssue]:
    """What sync could not do by itself, newest first, in words for staff."""
    query = select(SyncIssueRow).order_by(SyncIssueRow.raised_at.desc(), SyncIssueRow.id)
    if not include_dismissed:
        query = query.where(SyncIssueRow.dismissed.is_(False))
    return [
        SyncIssue(
            id=r.id,
            raised_at=r.raised_at,
            kind=r.kind,
            entity=r.entity,
            row_id=r.row_id,
            message=r.message,
            dismissed=r.dismissed,
        )
        for r in session.scalars(query)
    ]


def raise_issue(
    session: Session, kind: str, entity: str, row_id: str, message: str, now: datetime, detail: dict | None = None
) -> None:
    session.add(
        SyncIssueRow(
            id=new_id(),
            raised_at=now,
            kind=kind,
            entity=entity,
            row_id=row_id,
            message=message,
            detail=detail or {},
            dismissed=False,
        )
    )


def has_issue(session: Session, kind: str, row_id: str) -> bool:
    return bool(
        session.scalar(
            select(func.count())
            .select_from(SyncIssueRow)
            .where(SyncIssueRow.kind == kind, SyncIssueRow.row_id == row_id)
        )
    )
