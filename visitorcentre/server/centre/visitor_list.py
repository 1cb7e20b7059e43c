"""A prisoner's approved visitor list: the centre approves a visitor, or removes them, with a reason.

Each entry is a ``relationship`` record (visitor, prisoner, kind, ``list_status`` from
``core.kinds.ListStatus``); desks add them as "pending" and the centre decides. A decision is a
new version of the record (so a desk holding an older one sees a clash, not a silent loss), and
its reason is kept in the central audit entry.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from visitorcentre.core.errors import InvalidInput, NotAllowed
from visitorcentre.core.kinds import ListStatus
from visitorcentre.server.centre import store
from visitorcentre.server.centre.prisoners import typed_text
from visitorcentre.server.centre.scope import Scope, record_in_scope

DECISIONS = {ListStatus.APPROVED: "approved", ListStatus.REMOVED: "removed"}


def decide(
    session: Session,
    *,
    actor: str,
    scope: Scope,
    now: datetime,
    relationship_id: str,
    list_status: str,
    reason: str,
    version: int | None = None,
) -> None:
    """Approve a visitor for the prisoner's list, or remove them from it, saying why."""
    record = record_in_scope(scope, store.current(session, "relationship", relationship_id), "visitor list entry")
    if list_status not in DECISIONS:
        raise InvalidInput("Choose approve or remove.", "list_status")
    if version is not None and int(record.get("version") or 0) != version:
        raise NotAllowed("This entry changed while you were looking at it. Check it and try again.")
    if record.get("list_status") == list_status:
        raise NotAllowed(f"This visitor is already {DECISIONS[ListStatus(list_status)]}.")
    why = typed_text(reason, "reason", "reason", 500, True)
    visitor = store.current(session, "visitor", str(record.get("visitor_id"))) or {}
    prisoner = store.current(session, "prisoner", str(record.get("prisoner_id"))) or {}
    who = f"{visitor.get('first_name', '')} {visitor.get('last_name', '')}".strip() or "a visitor"
    verb = "Approved" if list_status == ListStatus.APPROVED else "Removed"
    where = "for" if list_status == ListStatus.APPROVED else "from"
    store.save(
        session,
        actor=actor,
        action=f"visitor_list.{DECISIONS[ListStatus(list_status)]}",
        entity="relationship",
        row_id=relationship_id,
        fields={"list_status": str(list_status)},
        summary=f"{verb} {who} {where} the visitor list of {prisoner.get('prison_number', '')}: {why}",
        now=now,
    )
