"""Integrations that send an establishment's roster (the prison's records system): made and revoked
by a national administrator, each with an API key shown once.

The key is ``vcr_`` and 43 random characters (256 bits); only its SHA-256 is stored, so the key
cannot be read back from the database. Making and revoking are recorded in the central audit log.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre.core.errors import InvalidInput, NotAllowed, NotFound
from visitorcentre.server.centre import audit, store
from visitorcentre.server.centre.integration_models import RosterIntegration
from visitorcentre.server.centre.prisoners import typed_text
from visitorcentre.server.centre.scope import EVERY, establishment_for

PREFIX = "vcr_"


def _sha(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()


def _shown(row: RosterIntegration) -> dict:
    return {
        "name": row.name,
        "establishment": row.establishment,
        "key_hint": row.key_hint,
        "revoked": row.revoked_at is not None,
    }


def listed(session: Session) -> list[RosterIntegration]:
    """Every integration, in use first, then by name."""
    rows = session.scalars(select(RosterIntegration).order_by(RosterIntegration.name)).all()
    return sorted(rows, key=lambda r: r.revoked_at is not None)


def create(
    session: Session, *, actor: str, now: datetime, name: str, establishment: str
) -> tuple[RosterIntegration, str]:
    """A new integration for one establishment and its API key (shown to the administrator once)."""
    name = typed_text(name, "name", "name", 80, True)
    code = establishment_for(session, EVERY, establishment)
    if session.scalar(select(RosterIntegration.id).where(RosterIntegration.name == name)):
        raise InvalidInput(f"There is already an integration called “{name}”; choose another name.", "name")
    key = PREFIX + secrets.token_urlsafe(32)
    row = RosterIntegration(
        id=store.new_id(),
        name=name,
        establishment=code,
        key_sha256=_sha(key),
        key_hint=key[:8],
        created_at=now.replace(tzinfo=None),
        created_by=actor,
        revoked_at=None,
        revoked_by="",
        last_used_at=None,
    )
    session.add(row)
    audit.record(
        session,
        actor=actor,
        action="integration.created",
        entity="integration",
        entity_id=row.id,
        establishment=code,
        summary=f"Made the roster integration “{name}” for {code}",
        now=now,
        after=_shown(row),
    )
    return row, key


def revoke(session: Session, *, actor: str, now: datetime, integration_id: str) -> None:
    """Stop an integration's key working, for good."""
    row = session.get(RosterIntegration, integration_id)
    if row is None:
        raise NotFound("There is no such integration.")
    if row.revoked_at is not None:
        raise NotAllowed("This integration's key is already revoked.")
    before = _shown(row)
    row.revoked_at = now.replace(tzinfo=None)
    row.revoked_by = actor
    audit.record(
        session,
        actor=actor,
        action="integration.revoked",
        entity="integration",
        entity_id=row.id,
        establishment=row.establishment,
        summary=f"Revoked the key of the roster integration “{row.name}”",
        now=now,
        before=before,
        after=_shown(row),
    )


def signed_in(session: Session, key: str, now: datetime) -> RosterIntegration | None:
    """The integration whose key this is (None if unknown or revoked); notes when it was last used."""
    if not key.startswith(PREFIX) or len(key) > 100:
        return None
    row = session.scalar(select(RosterIntegration).where(RosterIntegration.key_sha256 == _sha(key)))
    if row is None or row.revoked_at is not None:
        return None
    row.last_used_at = now.replace(tzinfo=None)
    return row
