"""Pass-signing keys, made and rotated by the central server: one in force per establishment.

A key is a ``pass_key`` document in its establishment's scope, so it reaches that
establishment's desks and no other (policy.scope_of); desks never push keys (the server
refuses them). Its payload is what the desk's ``pass_key`` table holds: key id, public and
private halves (Ed25519, hex), ``active``, ``created_at`` (the key is in force from then) and
``retired_on``.

The server makes an establishment's first key when it first needs one: when the establishment
is loaded (``server-admin demo``), its roster imported, an enrolment code made for it, or at the
latest when a desk enrols. ``ensure_every_establishment`` runs at server start for
establishments from before keys were the server's, and retires any key a desk pushed then.

Rotation (``visitorcentre server-admin rotate-pass-key CODE``) makes a new key, which signs every
pass printed from the desks' next pull, and retires the old one on the server's calendar day
``D``. The rule for a pass signed by a retired key:

    it verifies only when its session day is on or before ``D`` (and, like any pass, only on
    its session day).

Why this rule: passes printed before the rotation for today's sessions keep working today at
every desk of the establishment, once the desk has pulled; but whoever still holds the old
private key (a stolen desk, say) can no longer make a pass good for any later day. The time a
pass was issued cannot decide it, since the signer writes it. A pass printed ahead for a later
day with the old key is refused at the door ("key replaced"): the desk voids it and prints a
new one. The retired key's private half is removed from its document, so desks drop it too.
"""

from __future__ import annotations

import logging
import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from visitorcentre.core import passes as tokens
from visitorcentre.core.errors import InvalidInput
from visitorcentre.server import documents
from visitorcentre.server.models import Document

log = logging.getLogger(__name__)

ENTITY = "pass_key"
MADE_HERE = "server"  # Document.written_by of a key the server made
# Key ids are fixed by (establishment, generation), so two workers making the same key at once
# collide on the document's primary key instead of leaving two keys in force.
_NAMESPACE = uuid.UUID("6f1d3c0e-5b8a-4c59-9f57-1a0c3e9d2b7e")


def _keys(session: Session, establishment: str) -> list[Document]:
    return list(
        session.scalars(
            select(Document)
            .where(Document.entity == ENTITY, Document.establishment == establishment)
            .order_by(Document.updated_at, Document.row_id)
        )
    )


def in_force(doc: documents.Stored) -> bool:
    return doc.written_by == MADE_HERE and not doc.payload.get("retired_on") and bool(doc.payload.get("private_key"))


def current(session: Session, establishment: str) -> Document | None:
    """The establishment's key in force (the newest the server made), or None."""
    found = [d for d in _keys(session, establishment) if in_force(d)]
    return max(found, key=lambda d: (str(d.payload.get("created_at")), d.row_id)) if found else None


def _new(session: Session, establishment: str, now: datetime) -> documents.Stored:
    generation = sum(1 for d in _keys(session, establishment) if d.written_by == MADE_HERE) + 1
    key_id, private, public = tokens.new_key_pair()
    stamp = now.isoformat()
    payload: dict[str, Any] = {
        "id": str(uuid.uuid5(_NAMESPACE, f"{establishment}/{generation}")),
        "establishment": establishment,
        "created_at": stamp,
        "updated_at": stamp,
        "version": 1,
        "key_id": key_id,
        "public_key": public.hex(),
        "private_key": private.hex(),
        "active": True,
        "retired_on": None,
    }
    log.info("Made pass-signing key %s for %s", key_id, establishment)
    return documents.put(session, ENTITY, payload["id"], payload, MADE_HERE, now)


def _retire(session: Session, doc: Document, now: datetime, on: date) -> None:
    payload = dict(
        doc.payload,
        active=False,
        retired_on=on.isoformat(),
        private_key="",
        updated_at=now.isoformat(),
        version=int(doc.payload.get("version") or 1) + 1,
    )
    documents.put(session, ENTITY, doc.row_id, payload, MADE_HERE, now)
    log.info(
        "Retired pass-signing key %s of %s (good for sessions up to %s)", payload.get("key_id"), doc.establishment, on
    )


def ensure(session: Session, establishment: str, now: datetime) -> documents.Stored:
    """The establishment's key in force, made now if it has none (in the caller's transaction)."""
    return current(session, establishment) or _new(session, establishment, now)


def rotate(session: Session, establishment: str, now: datetime, today: date) -> tuple[documents.Stored, list[Document]]:
    """A new key for ``establishment``; every older key retired on ``today``. Returns (new, retired)."""
    establishment = establishment.upper()
    if not _is_establishment(session, establishment):
        raise InvalidInput(f"The server knows no establishment with the code “{establishment}”.", "establishment")
    older = [d for d in _keys(session, establishment) if not d.payload.get("retired_on")]
    for doc in older:
        _retire(session, doc, now, today)
    return _new(session, establishment, now), older


def retire_pushed(session: Session, now: datetime, today: date) -> int:
    """Retire keys a desk pushed before keys were the server's (they vouch for sessions up to ``today``)."""
    pushed = [
        d
        for d in session.scalars(select(Document).where(Document.entity == ENTITY, Document.written_by != MADE_HERE))
        if not d.payload.get("retired_on")
    ]
    for doc in pushed:
        _retire(session, doc, now, today)
    return len(pushed)


def _is_establishment(session: Session, code: str) -> bool:
    return (
        session.scalar(
            select(Document.row_id).where(Document.entity == "establishment", Document.establishment == code).limit(1)
        )
        is not None
    )


def ensure_every_establishment(engine: Engine, now: datetime, today: date) -> int:
    """At server start: a key for every establishment that has none; pushed keys retired. Returns keys made."""
    made = 0
    with Session(engine.execution_options(write=True)) as session:
        codes = sorted(set(session.scalars(select(Document.establishment).where(Document.entity == "establishment"))))
        needs = bool(
            session.scalar(
                select(Document.row_id).where(Document.entity == ENTITY, Document.written_by != MADE_HERE).limit(1)
            )
        )
        needs = needs or any(current(session, code) is None for code in codes)
    if not needs:
        return 0
    for code in [None, *codes]:
        with Session(engine.execution_options(write=True)) as session:
            try:
                if code is None:
                    retire_pushed(session, now, today)
                elif current(session, code) is None:
                    _new(session, code, now)
                    made += 1
                session.commit()
            except IntegrityError:  # another worker starting at the same moment made it first
                session.rollback()
    return made
