"""What staff do with what sync left them: dismissing an issue they have seen, reading the centre's notes on a visit."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre.core.errors import NotFound
from visitorcentre.db.sync_tables import SyncIssueRow, VisitNote
from visitorcentre.i18n import _
from visitorcentre.services.unit_of_work import UnitOfWork


def dismiss_issue(uow: UnitOfWork, issue_id: str) -> None:
    """Mark a sync issue as seen; it stays in the list of dismissed issues. NotFound for an unknown id.

    Sync issues are this desk's own, so the dismissal is audited and not synced.
    """
    with uow:
        row = uow.session.get(SyncIssueRow, issue_id)
        if row is None:
            raise NotFound(_("There is no such sync issue."), "issue")
        row.dismissed = True
        uow.audit(
            "sync_issue_dismissed",
            row,
            f"Sync issue about a {row.entity} marked as seen",
            {"kind": row.kind, "entity": row.entity, "row_id": row.row_id},
        )
        uow.commit()


def visit_notes(session: Session, visit_id: str) -> list[str]:
    """Notes the central server added to a visit (e.g. checked in at two desks), oldest first."""
    return list(session.scalars(select(VisitNote.text).where(VisitNote.visit_id == visit_id).order_by(VisitNote.at)))
