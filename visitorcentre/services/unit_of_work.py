"""The unit of work: one transaction, who is acting, and the audit / outbox records of a change.

A service does ``with uow:`` … ``uow.record(...)`` … ``uow.commit()``; leaving the block
without a commit rolls everything back, so nothing is ever half-written.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from visitorcentre.core import audit_chain, changes
from visitorcentre.core.clock import Clock
from visitorcentre.core.staff import Actor
from visitorcentre.db.audit_log import chain_on
from visitorcentre.db.models import AuditEvent, OutboxOp, new_id

SCHEMA_VERSION = 1


def row_payload(row: Any) -> dict[str, Any]:
    """A row's columns as JSON-ready values (what the outbox sends)."""
    payload: dict[str, Any] = {}
    for attr in inspect(row).mapper.column_attrs:
        value = getattr(row, attr.key)
        if isinstance(value, (datetime, date, time)):
            value = value.isoformat()
        payload[attr.key] = value
    return payload


def row_key(row: Any) -> str:
    """The row's primary key as text: its id (a setting is named by its key instead)."""
    mapper = inspect(row).mapper
    return "/".join(str(getattr(row, mapper.get_property_by_column(column).key)) for column in mapper.primary_key)


class UnitOfWork:
    """One write transaction on the desk database."""

    def __init__(self, session_factory: Callable[[], Session], actor: Actor, clock: Clock, establishment: str):
        self._session_factory = session_factory
        self.actor = actor
        self.clock = clock
        self.establishment = establishment
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        """The transaction's session, there only inside ``with uow:``."""
        if self._session is None:
            raise RuntimeError("A unit of work's session is used outside its `with` block.")
        return self._session

    def __enter__(self) -> UnitOfWork:
        self._session = self._session_factory()
        self._created: set[str] = set()
        self._audit_head: tuple[int, str] | None = None
        self._kinds: set[str] = set()  # what this transaction wrote, for the screens that show it
        return self

    def __exit__(self, *exc) -> None:
        self.session.rollback()
        self.session.close()
        self._session = None

    def commit(self) -> None:
        self.session.commit()
        changes.note(self._kinds or {"setting"})

    def stamp_new(self, row: Any, establishment: str | None = None) -> Any:
        """Fill the synced columns of a new row and add it to the session."""
        now = self.clock.utcnow()
        row.id = row.id or new_id()
        row.establishment = establishment or row.establishment or self.establishment
        row.created_at = now
        row.updated_at = now
        row.version = 1
        self.session.add(row)
        self._created.add(row.id)
        return row

    def stamp_changed(self, row: Any) -> Any:
        """Mark a row changed: a new version and update stamp."""
        row.updated_at = self.clock.utcnow()
        row.version = (row.version or 0) + 1
        return row

    def record(self, action: str, row: Any, summary: str, detail: dict | None = None) -> None:
        """The audit event and the sync outbox op for a change to ``row``, in this transaction."""
        self.audit(action, row, summary, detail)
        self.outbox(row)

    def audit(self, action: str, row: Any, summary: str, detail: dict | None = None, actor: str | None = None) -> None:
        """The audit event alone (for rows that are not synced), chained to the entry before it.

        Writes begin with BEGIN IMMEDIATE, so the newest entry read here cannot change before
        this transaction commits, even with two desks on one file.
        """
        event = AuditEvent(
            id=new_id(),
            establishment=getattr(row, "establishment", self.establishment) or self.establishment,
            at=self.clock.utcnow(),
            actor=actor or self.actor.name,
            action=action,
            entity=row.__tablename__,
            entity_id=row_key(row),
            summary=summary,
            detail=audit_chain.as_stored(detail or {}),
        )
        self._audit_head = chain_on(self.session, event, getattr(self, "_audit_head", None))
        self.session.add(event)
        self._kinds.add(row.__tablename__)

    def outbox(self, row: Any) -> None:
        """The sync outbox op for ``row`` alone ("insert" if this unit of work made it, else "update")."""
        self.session.flush()
        operation = "insert" if row.id in self._created else "update"
        self._kinds.add(row.__tablename__)
        self.session.add(
            OutboxOp(
                op_id=new_id(),
                entity=row.__tablename__,
                row_id=row.id,
                operation=operation,
                payload=row_payload(row),
                schema_version=SCHEMA_VERSION,
                created_at=self.clock.utcnow(),
            )
        )
