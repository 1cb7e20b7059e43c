"""Writing straight into a central server's database, as an attacker with database access (or a bug) would.

``inject`` puts a document and its feed entry into a scope (an establishment's desks, or "*"),
whatever the document holds — another establishment's row, a payload that is not a mapping —
so the tests can see what a desk does with a row the server should never have sent it.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre.server import documents
from visitorcentre.server.models import Document, Feed

STAMP = "2026-12-01T09:00:00"


def row(entity: str, establishment: str, **fields) -> dict:
    """A payload with the columns every synced row has, and ``fields``."""
    return {
        "id": fields.pop("id", str(uuid.uuid4())),
        "establishment": establishment,
        "created_at": STAMP,
        "updated_at": STAMP,
        "version": fields.pop("version", 1),
        **fields,
    }


def inject(engine, entity: str, row_id: str, payload, scope: str) -> int:
    """Store ``payload`` as the document (entity, row_id) and queue it for ``scope``; returns its sequence."""
    with Session(engine) as session:
        (seq,) = documents.take_seqs(session, 1)
        doc = session.get(Document, (entity, row_id))
        if doc is None:
            doc = Document(entity=entity, row_id=row_id)
            session.add(doc)
        doc.establishment = str(payload.get("establishment") or "")[:8] if isinstance(payload, dict) else ""
        doc.version = int(payload.get("version") or 1) if isinstance(payload, dict) else 1
        doc.payload = payload
        doc.seq = seq
        doc.written_by = "server"
        doc.updated_at = datetime.utcnow()
        entry = session.get(Feed, (scope, entity, row_id))
        if entry is None:
            session.add(Feed(scope=scope, entity=entity, row_id=row_id, seq=seq))
        else:
            entry.seq = seq
        session.commit()
        return seq


def payload_of(engine, entity: str, row_id: str) -> dict | None:
    with Session(engine) as session:
        return session.scalar(select(Document.payload).where(Document.entity == entity, Document.row_id == row_id))
